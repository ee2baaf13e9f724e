import { audit, type RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import { NotFoundError } from '../../errors.ts'
import { maySupervisionAppointmentsBeBooked } from './lifecycle.ts'
import { openRecord, type SentencingDeps, type SentencingPerson } from './open-record.ts'
import * as q from './queries.ts'
import { caseStatusText, eventView, sentenceView, type SentenceTypeCode } from './views-model.ts'

/** Reading the Sentences part of the record: the page, the forms' data, the API's events and the summary. */

export const SENTENCES_VIEW = 'SENTENCES_VIEW'

const header = (p: q.PersonRow) => ({
  crn: p.crn,
  forename: p.forename,
  middleNames: p.middle_names,
  surname: p.surname,
  dateOfBirth: p.date_of_birth,
  name: `${p.forename} ${p.surname}`,
})

const statusHistoryView = (h: Awaited<ReturnType<typeof q.statusHistory>>[number]) => ({
  status: h.status,
  statusText: caseStatusText(h.status),
  reason: h.reason,
  changedAt: new Date(h.changed_at).toISOString(),
  changedBy: h.changed_by_name,
  eventNumber: h.event_number,
})

/** Events, current and previous orders, the case status with its history, and whether supervision may be booked. */
async function loadRecord(trx: Executor, p: q.PersonRow, today: string) {
  const [events, offences, sentences, requirements, history] = await Promise.all([
    q.listEvents(trx, p.id),
    q.listOffences(trx, p.id),
    q.listSentences(trx, p.id),
    q.listRequirements(trx, p.id),
    q.statusHistory(trx, p.id),
  ])
  const views = sentences.map(s => sentenceView(s, requirements, sentences, today))
  const eventViews = events.map(e => eventView(e, offences))
  return {
    events: eventViews,
    awaitingSentence: eventViews.filter(e => e.status === 'pre_sentence'),
    current: views.filter(v => v.state === 'current'),
    previous: views.filter(v => v.state !== 'current'),
    caseStatus: p.case_status,
    caseStatusText: caseStatusText(p.case_status),
    statusHistory: history.map(statusHistoryView),
    supervision: await maySupervisionAppointmentsBeBooked(trx, p.id, today),
  }
}

const viewed = (trx: Executor, ctx: RequestContext, p: SentencingPerson, detail: Record<string, unknown>) =>
  audit(trx, ctx, { action: SENTENCES_VIEW, personId: p.id, subject: p.crn, detail })

/** The Sentences part of the record: events, current and previous orders, key dates, lifecycle. Audited. */
export function recordPage(deps: SentencingDeps, ctx: RequestContext, crn: string) {
  return openRecord(deps, ctx, crn, 'read', async (trx, p) => {
    const record = await loadRecord(trx, p, deps.clock.today().toString())
    await viewed(trx, ctx, p, { page: 'sentences' })
    return { person: header(p), canUpdate: p.canUpdate, ...record }
  })
}

/** What the forms need: the person (change access needed), courts, events awaiting sentence, custodial sentences. */
export function formPage(deps: SentencingDeps, ctx: RequestContext, crn: string, page: string, sentenceId?: number) {
  return openRecord(deps, ctx, crn, 'update', async (trx, p) => {
    const today = deps.clock.today().toString()
    const record = await loadRecord(trx, p, today)
    const sentence =
      sentenceId === undefined ? undefined : [...record.current, ...record.previous].find(s => s.id === sentenceId)
    if (sentenceId !== undefined && !sentence) throw new NotFoundError('No such sentence')
    await viewed(trx, ctx, p, { page, sentenceId })
    return {
      person: header(p),
      courts: await q.listCourts(trx),
      openEvents: record.awaitingSentence,
      custodial: record.current.filter(s => s.type === 'custodial'),
      sentence,
      record,
      today,
    }
  })
}

/** Events of a person (for the API). The route declares the view's audit row. */
export function events(deps: SentencingDeps, ctx: RequestContext, crn: string) {
  return openRecord(deps, ctx, crn, 'read', async (trx, p) => {
    const record = await loadRecord(trx, p, deps.clock.today().toString())
    return record.events
  })
}

/** The sentence summary of one case, with the access check and audit (for pages of other features). */
export function summary(deps: SentencingDeps, ctx: RequestContext, crn: string) {
  return openRecord(deps, ctx, crn, 'read', async (trx, p) => {
    await viewed(trx, ctx, p, { page: 'summary' })
    return loadSentenceSummary(trx, p.id, deps.clock.today().toString())
  })
}

// ── Exported for other features ─────────────────────────────────────────────────────────────────────────────────────

export interface SentenceSummary {
  crn: string
  caseStatus: string
  caseStatusText: string
  /** The latest current sentence, or null before sentence. */
  latest: SentenceSummaryItem | null
  current: SentenceSummaryItem[]
}

export interface SentenceSummaryItem {
  sentenceId: number
  eventId: number
  eventNumber: number
  type: SentenceTypeCode
  typeText: string
  sentenceDate: string
  expectedEndDate: string | null
  lengthText: string | null
  requirements: { type: string; label: string; length: number | null; unit: string | null; lengthText: string }[]
  keyDates: { key: string; name: string; date: string; explanation: string | null }[]
}

function summaryItem(row: q.SentenceRow, view: ReturnType<typeof sentenceView>): SentenceSummaryItem {
  return {
    sentenceId: view.id,
    eventId: row.event_id,
    eventNumber: view.eventNumber,
    type: view.type,
    typeText: view.typeText,
    sentenceDate: view.sentenceDate,
    expectedEndDate: view.expectedEndDate,
    lengthText: view.lengthText,
    requirements: view.requirements
      .filter(r => r.state === 'current')
      .map(r => ({ type: r.type, label: r.label, length: r.length, unit: r.unit, lengthText: r.lengthText })),
    keyDates: (view.custodial?.keyDates ?? []).map(k => ({
      key: k.key,
      name: k.name,
      date: k.date,
      explanation: k.explanation,
    })),
  }
}

/**
 * A case's sentence summary for other features (allocation builds its queue from it): the current sentences with
 * their type, date, requirements and key dates, latest first. No access check or audit: call it inside your own
 * transaction after your own policy check.
 *
 * @example
 * const summary = await loadSentenceSummary(trx, personId, '2026-11-22')
 * summary.latest?.type // 'community_order'
 */
export async function loadSentenceSummary(db: Executor, personId: number, today: string): Promise<SentenceSummary> {
  const [person, sentences, requirements] = await Promise.all([
    q.findPerson(db, personId),
    q.listSentences(db, personId),
    q.listRequirements(db, personId),
  ])
  if (!person) throw new NotFoundError('No such person')
  const current = sentences
    .map(s => ({ row: s, view: sentenceView(s, requirements, sentences, today) }))
    .filter(s => s.view.state === 'current')
    .map(({ row, view }) => summaryItem(row, view))
  return {
    crn: person.crn,
    caseStatus: person.case_status,
    caseStatusText: caseStatusText(person.case_status),
    latest: current[0] ?? null,
    current,
  }
}
