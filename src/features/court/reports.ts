import { audit, type RequestContext } from '../../access/audit.ts'
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
import { REPORT_SECTIONS, SUPERVISED_SENTENCES, type ReportSections } from './reference-data.ts'
import { parseSections, prefill, recordFacts, savedSections } from './report-content.ts'

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
  const errors: FieldError[] = []
  const sections = parseSections(input.sections, errors)
  if (errors.length) throw new ValidationError(errors)
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
    const number = latest + 1
    await q.insertVersion(trx, {
      report_id: reportId,
      person_id: person.id,
      version_number: number,
      sections: { ...sections },
      saved_by: ctx.user?.id ?? null,
      autosave: input.autosave === true,
    })
    if (row.status === 'requested' && !(await q.updateReport(trx, reportId, row.version, { status: 'in_progress' })))
      throw new ConflictError()
    // The trail says a draft was saved, not what it says: the text is in the versions.
    await change(trx, ctx, 'PSR_DRAFT_SAVE', 'court.report.draft-saved', person.id, person.crn, {
      reportId,
      versionNumber: number,
      autosave: input.autosave === true,
    })
    return { versionNumber: number }
  })
}

/** What the latest saved version still lacks before the report can be completed. */
function missingToComplete(sections: ReportSections): FieldError[] {
  const missing: FieldError[] = REPORT_SECTIONS.filter(
    s => ['offenceAnalysis', 'proposal'].includes(s.key) && !sections[s.key]?.trim(),
  ).map(s => ({ field: s.key, message: `Write the ${s.title.toLowerCase()} before completing the report` }))
  if (!sections.roshLevel)
    missing.push({
      field: 'roshLevel',
      message: 'Select the RoSH level the report assesses, and save, before completing the report',
    })
  if (!sections.proposedSentence)
    missing.push({
      field: 'proposedSentence',
      message: 'Select the proposed sentence, and save, before completing the report',
    })
  else if (SUPERVISED_SENTENCES.includes(sections.proposedSentence) && !sections.proposedProvider) {
    missing.push({
      field: 'proposedProvider',
      message: 'Select who should manage the order, and save, before completing the report',
    })
  }
  return missing
}

/**
 * Completes the report from its latest saved version: the proposal must be written. Produces the PDF for the
 * court and stores its bytes (court_documents) in the same transaction. Outbox: court.report.completed.
 */
export async function completeReport(
  c: Court,
  ctx: RequestContext,
  crn: string,
  reportId: number,
  input: { basedOn: number },
) {
  requirePermission(ctx, 'person:update')
  return withCourtPerson(c, ctx, crn, COURT_WORK, async (trx, person) => {
    await q.lockReport(trx, reportId)
    const row = await reportForPerson(trx, person, reportId)
    if (isClosed(row.status))
      throw new ValidationError([{ field: 'proposal', message: `This report is already ${row.status}` }])
    const latest = (await q.reportVersions(trx, reportId))[0]
    if (!latest) throw new ValidationError([{ field: 'proposal', message: 'Save the report before completing it' }])
    if (Number(input.basedOn) !== latest.version_number)
      throw new ConflictError('The report was saved again since you opened it. Check the latest version and try again.')
    const sections = savedSections(latest.sections, null)
    const missing = missingToComplete(sections)
    if (missing.length) throw new ValidationError(missing)
    const now = c.clock.now()
    const bytes = await renderReportPdf({
      person,
      report: presentReport(row, c.clock.today()),
      sections,
      versionNumber: latest.version_number,
      completedAt: now,
      completedBy: ctx.user?.displayName ?? null,
    })
    const documentId = await q.insertDocument(trx, {
      person_id: person.id,
      report_id: reportId,
      kind: 'pre_sentence_report',
      title: `Pre-sentence report – ${person.forename} ${person.surname}`,
      filename: `psr-${person.crn}-${reportId}.pdf`,
      content: bytes,
      created_by: ctx.user?.id ?? null,
    })
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
      versionNumber: latest.version_number,
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
