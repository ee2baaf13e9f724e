import { LocalDate } from '@js-joda/core'
import type { CaseStatus } from '../../db/schema.ts'
import type { RecordedEvent, RecordedSentence } from '../../domain/risk/index.ts'
import type { RiskHistoryRows } from '../sentencing/index.ts'

/**
 * The record's events, offences, sentences and requirements (read by the sentencing feature's `riskHistoryRows`) as
 * the predictors' rules take them (src/domain/risk `RecordedEvent`), per person. Pure.
 */
export function recordedEvents(rows: RiskHistoryRows): Map<number, RecordedEvent[]> {
  const date = (iso: string | null) => (iso ? LocalDate.parse(iso) : null)
  const requirements = new Map<number, string[]>()
  for (const r of rows.requirements)
    requirements.set(r.sentence_id, [...(requirements.get(r.sentence_id) ?? []), r.category])
  const sentences = new Map<number, RecordedSentence[]>()
  for (const s of rows.sentences) {
    const keyDates = (s.key_dates as Record<string, string> | null) ?? {}
    const release = keyDates.CRD ?? keyDates.ARD ?? null
    const sentence: RecordedSentence = {
      type: s.sentence_type,
      sentenceDate: LocalDate.parse(s.sentence_date),
      startDate: date(s.start_date),
      expectedEndDate: date(s.expected_end_date),
      terminatedDate: date(s.terminated_date),
      releaseDate: s.sentence_type === 'custodial' ? date(release) : null,
      requirements: requirements.get(s.id) ?? [],
    }
    sentences.set(s.event_id, [...(sentences.get(s.event_id) ?? []), sentence])
  }
  const offences = new Map<number, RecordedEvent['offences']>()
  for (const o of rows.offences)
    offences.set(o.event_id, [...(offences.get(o.event_id) ?? []), { code: o.offence_code, main: o.is_main }])
  const byPerson = new Map<number, RecordedEvent[]>()
  for (const e of rows.events) {
    const event: RecordedEvent = {
      eventNumber: e.event_number,
      status: e.status,
      convictionDate: date(e.conviction_date),
      offences: offences.get(e.id) ?? [],
      sentences: sentences.get(e.id) ?? [],
    }
    byPerson.set(e.person_id, [...(byPerson.get(e.person_id) ?? []), event])
  }
  return byPerson
}

/**
 * When the record last changed what the predictors read, per person (milliseconds since the epoch): an event or
 * sentence added, a sentence terminated, custodial key dates recalculated. Stored scores older than this are
 * recalculated by the nightly run, as they are when newer assessment items were recorded.
 */
export function recordChangedAt(rows: RiskHistoryRows): Map<number, number> {
  const at = new Map<number, number>()
  const seen = (personId: number, ...instants: (Date | string | null)[]) => {
    for (const i of instants) {
      if (i === null) continue
      const ms = new Date(i).getTime()
      if (ms > (at.get(personId) ?? -Infinity)) at.set(personId, ms)
    }
  }
  for (const e of rows.events) seen(e.person_id, e.created_at)
  for (const s of rows.sentences) seen(s.person_id, s.created_at, s.terminated_at, s.key_dates_calculated_at)
  return at
}

/** In custody or not, from the case status (null before sentence or when ended: the record does not say). */
export function inCustodyOf(status: CaseStatus): boolean | null {
  if (status === 'in_custody') return true
  if (status === 'on_licence' || status === 'allocated' || status === 'awaiting_allocation') return false
  return null
}
