import { audit, type RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import { ConflictError, ValidationError, type FieldError } from '../../errors.ts'
import { personFields as v } from '../people/index.ts'
import {
  change,
  COURT_READ,
  COURT_WORK,
  courtWorkDecision,
  reportForPerson,
  requirePermission,
  todayIso,
  withCourtPerson,
  type Court,
} from './context.ts'
import { renderReportPdf } from './pdf.ts'
import { presentReport } from './presenters.ts'
import * as q from './queries.ts'
import { CONCLUSION_FIELDS, REPORT_SECTIONS, SUPERVISED_SENTENCES, type ReportSections } from './reference-data.ts'
import { parseSections, prefill, recordFacts, savedSections } from './report-content.ts'
import type { PersonSummary } from './types.ts'

/** Writing a pre-sentence report: reading it, saving drafts (each a version), completing it, cancelling it, its PDF. */

const isClosed = (status: string) => status === 'completed' || status === 'cancelled'

/**
 * The report: its latest draft (or the pre-filled first draft when nothing has been saved), every saved
 * version, and the record facts it was pre-filled from. Audited as PSR_VIEW.
 */
export async function getReport(c: Court, ctx: RequestContext, crn: string, reportId: number) {
  requirePermission(ctx, 'person:read')
  return withCourtPerson(c, ctx, crn, COURT_READ, async (trx, person, access) => {
    const row = await reportForPerson(trx, person, reportId)
    const [versions, facts, document] = await Promise.all([
      q.reportVersions(trx, reportId),
      recordFacts(trx, person.id, row),
      q.findReportDocument(trx, reportId),
    ])
    // Audited here, not by the route: the report is shown again (400, 409) when a save or completion is refused.
    await audit(trx, ctx, { action: 'PSR_VIEW', personId: person.id, subject: person.crn, detail: { reportId } })
    const latest = versions[0]
    const sections = latest ? savedSections(latest.sections, facts) : prefill(person, facts)
    return {
      person,
      report: presentReport(row, c.clock.today()),
      sections,
      prefilled: !latest,
      versionNumber: latest?.version_number ?? 0,
      versions: versions.map(x => ({
        number: x.version_number,
        savedAt: x.saved_at,
        savedBy: x.saved_by_name,
        autosave: x.autosave,
      })),
      facts,
      hasDocument: Boolean(document),
      canWork: courtWorkDecision(ctx.user, access).allowed && !isClosed(row.status),
    }
  })
}

/**
 * Saves the draft: appends a version (never overwrites). `basedOn` is the version the writer started from; if
 * someone saved since, nothing is saved (ConflictError). A requested report moves to in progress.
 */
export async function saveDraft(
  c: Court,
  ctx: RequestContext,
  crn: string,
  reportId: number,
  input: { sections: Partial<Record<string, unknown>>; basedOn: number; autosave?: boolean },
) {
  requirePermission(ctx, 'person:update')
  const sections = validSections(input.sections)
  return withCourtPerson(c, ctx, crn, COURT_WORK, async (trx, person) => {
    await q.lockReport(trx, reportId)
    const row = await reportForPerson(trx, person, reportId)
    if (isClosed(row.status))
      throw new ValidationError([
        { field: 'proposal', message: `This report is ${row.status} and can no longer be changed` },
      ])
    const latest = await q.latestVersionNumber(trx, reportId)
    if (Number(input.basedOn) !== latest)
      throw new ConflictError(
        'Someone else saved this report since you opened it. Copy your changes, reload the report and try again.',
      )
    const number = await appendVersion(trx, ctx, person, row, latest, sections, input.autosave === true)
    return { versionNumber: number }
  })
}

/** The sections as posted, or every field at fault (nothing is saved). */
function validSections(input: Partial<Record<string, unknown>>): ReportSections {
  const errors: FieldError[] = []
  const sections = parseSections(input, errors)
  if (errors.length) throw new ValidationError(errors)
  return sections
}

/**
 * Appends version `latest + 1` of the report's sections, moves a requested report to in progress, and writes the
 * audit row and event (the trail says a draft was saved, not what it says: the text is in the versions).
 */
async function appendVersion(
  trx: Executor,
  ctx: RequestContext,
  person: PersonSummary,
  row: { id: number; status: string; version: number },
  latest: number,
  sections: ReportSections,
  autosave: boolean,
): Promise<number> {
  const number = latest + 1
  await q.insertVersion(trx, {
    report_id: row.id,
    person_id: person.id,
    version_number: number,
    sections: { ...sections },
    saved_by: ctx.user?.id ?? null,
    autosave,
  })
  if (row.status === 'requested' && !(await q.updateReport(trx, row.id, row.version, { status: 'in_progress' })))
    throw new ConflictError()
  await change(trx, ctx, 'PSR_DRAFT_SAVE', 'court.report.draft-saved', person.id, person.crn, {
    reportId: row.id,
    versionNumber: number,
    autosave,
  })
  return number
}

/** What the latest saved version still lacks before the report can be completed. */
function missingToComplete(sections: ReportSections): FieldError[] {
  const missing: FieldError[] = REPORT_SECTIONS.filter(
    s => ['offenceAnalysis', 'proposal'].includes(s.key) && !sections[s.key]?.trim(),
  ).map(s => ({ field: s.key, message: `Write the ${s.title.toLowerCase()} before completing the report` }))
  if (!sections.roshLevel)
    missing.push({
      field: 'roshLevel',
      message: 'Select the RoSH level the report assesses before completing the report',
    })
  if (!sections.proposedSentence)
    missing.push({
      field: 'proposedSentence',
      message: 'Select the proposed sentence before completing the report',
    })
  else if (SUPERVISED_SENTENCES.includes(sections.proposedSentence) && !sections.proposedProvider) {
    missing.push({
      field: 'proposedProvider',
      message: 'Select who should manage the order before completing the report',
    })
  }
  return missing
}

/**
 * Completes the report. From the report page the form is sent as it is on the screen (`sections`): it is saved as
 * a new version first (when it differs from the latest), in the same transaction, so nothing typed since the last
 * save is lost; without `sections` (an earlier page, a script) the latest saved version is completed. The proposal
 * and conclusions must be given. Produces the PDF for the court and stores its bytes (court_documents) in the same
 * transaction. Outbox: court.report.completed.
 */
export async function completeReport(
  c: Court,
  ctx: RequestContext,
  crn: string,
  reportId: number,
  input: { basedOn: number; sections?: Partial<Record<string, unknown>> },
) {
  requirePermission(ctx, 'person:update')
  const posted = input.sections ? validSections(input.sections) : null
  return withCourtPerson(c, ctx, crn, COURT_WORK, async (trx, person) => {
    await q.lockReport(trx, reportId)
    let row = await reportForPerson(trx, person, reportId)
    if (isClosed(row.status))
      throw new ValidationError([{ field: 'proposal', message: `This report is already ${row.status}` }])
    const latest = (await q.reportVersions(trx, reportId))[0]
    if (Number(input.basedOn) !== (latest?.version_number ?? 0))
      throw new ConflictError('The report was saved again since you opened it. Check the latest version and try again.')
    if (!latest && !posted)
      throw new ValidationError([{ field: 'proposal', message: 'Save the report before completing it' }])
    const saved = latest ? savedSections(latest.sections, null) : null
    const sections = posted ?? (saved as ReportSections)
    const missing = missingToComplete(sections)
    if (missing.length) throw new ValidationError(missing)
    let versionNumber = latest?.version_number ?? 0
    if (posted && !(saved && sameSections(saved, posted))) {
      versionNumber = await appendVersion(trx, ctx, person, row, versionNumber, posted, false)
      row = await reportForPerson(trx, person, reportId)
    }
    const documentId = await produceDocument(c, ctx, trx, person, row, sections, versionNumber)
    const now = c.clock.now()
    const conclusions = {
      rosh_level: sections.roshLevel || null,
      proposed_sentence: sections.proposedSentence || null,
      proposed_provider: sections.proposedProvider || null,
    }
    const completed = { status: 'completed' as const, completed_at: now, ...conclusions }
    if (!(await q.updateReport(trx, reportId, row.version, completed))) throw new ConflictError()
    await change(trx, ctx, 'PSR_COMPLETE', 'court.report.completed', person.id, person.crn, {
      reportId,
      reportType: row.report_type,
      versionNumber,
      documentId,
      dueDate: row.due_date,
      onTime: todayIso(c) <= row.due_date,
      roshLevel: conclusions.rosh_level,
      proposedSentence: conclusions.proposed_sentence,
      proposedProvider: conclusions.proposed_provider,
    })
    return { documentId }
  })
}

const sameSections = (a: ReportSections, b: ReportSections) =>
  [...REPORT_SECTIONS.map(s => s.key), ...CONCLUSION_FIELDS].every(key => (a[key] ?? '') === (b[key] ?? ''))

/** Renders the completed report's PDF and stores its bytes; returns the document's id. */
async function produceDocument(
  c: Court,
  ctx: RequestContext,
  trx: Executor,
  person: PersonSummary,
  row: Awaited<ReturnType<typeof reportForPerson>>,
  sections: ReportSections,
  versionNumber: number,
) {
  const bytes = await renderReportPdf({
    person,
    report: presentReport(row, c.clock.today()),
    sections,
    versionNumber,
    completedAt: c.clock.now(),
    completedBy: ctx.user?.displayName ?? null,
  })
  return q.insertDocument(trx, {
    person_id: person.id,
    report_id: row.id,
    kind: 'pre_sentence_report',
    title: `Pre-sentence report – ${person.forename} ${person.surname}`,
    filename: `psr-${person.crn}-${row.id}.pdf`,
    content: bytes,
    created_by: ctx.user?.id ?? null,
  })
}

/** Cancels a report (the court no longer needs it), with the reason. Outbox: court.report.cancelled. */
export async function cancelReport(
  c: Court,
  ctx: RequestContext,
  crn: string,
  reportId: number,
  input: { reason: string },
) {
  requirePermission(ctx, 'person:update')
  const errors: FieldError[] = []
  const reason = v.requiredText(errors, 'reason', input.reason, 'why the report is cancelled', 500)
  if (errors.length) throw new ValidationError(errors)
  return withCourtPerson(c, ctx, crn, COURT_WORK, async (trx, person) => {
    await q.lockReport(trx, reportId)
    const row = await reportForPerson(trx, person, reportId)
    if (isClosed(row.status))
      throw new ValidationError([{ field: 'reason', message: `This report is already ${row.status}` }])
    if (!(await q.updateReport(trx, reportId, row.version, { status: 'cancelled', cancelled_reason: reason })))
      throw new ConflictError()
    await change(trx, ctx, 'PSR_CANCEL', 'court.report.cancelled', person.id, person.crn, { reportId })
    return { reportId }
  })
}

/**
 * The report as a PDF: the stored bytes once completed; before that, the latest draft rendered now and marked
 * DRAFT. Audited as PSR_DOWNLOAD.
 */
export async function reportPdf(
  c: Court,
  ctx: RequestContext,
  crn: string,
  reportId: number,
): Promise<{ filename: string; bytes: Uint8Array; draft: boolean }> {
  requirePermission(ctx, 'person:read')
  return withCourtPerson(c, ctx, crn, COURT_READ, async (trx, person) => {
    const row = await reportForPerson(trx, person, reportId)
    const stored = await q.findReportDocument(trx, reportId)
    await audit(trx, ctx, {
      action: 'PSR_DOWNLOAD',
      personId: person.id,
      subject: person.crn,
      detail: { reportId, documentId: stored?.id ?? null },
    })
    if (stored) return { filename: stored.filename, bytes: stored.content, draft: false }
    const versions = await q.reportVersions(trx, reportId)
    const facts = await recordFacts(trx, person.id, row)
    const sections = versions[0] ? savedSections(versions[0].sections, facts) : prefill(person, facts)
    const bytes = await renderReportPdf({
      person,
      report: presentReport(row, c.clock.today()),
      sections,
      versionNumber: versions[0]?.version_number ?? 0,
      completedAt: null,
      completedBy: null,
    })
    return { filename: `psr-${person.crn}-${reportId}-draft.pdf`, bytes, draft: true }
  })
}
