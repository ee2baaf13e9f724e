import type { LocalDate } from '@js-joda/core'
import { lookupOffenceCode } from './offence-codes.ts'

/**
 * The predictors' and tiers' inputs that a case record already holds, so nobody types them again (OASys pre-fills
 * the same from the case record: reference-systems.md §2, the nDelius event/offence/disposal model). Sources:
 * - risk-and-tier.md §2: the start of follow-up is the community sentence date, or the release date for custody;
 *   sanction counts include the current sanction ("previous sanctions" = total − 1).
 * - §3.1 (OGRS3): date of current conviction, current offence (Home Office code), total sanctions, age at first
 *   sanction (from the date of the first sanction).
 * - §6.1 (SNSV) and §5 (OVP): violent sanctions, counted by the offence code's "violent" flag (offence-code-categories).
 * - §9.1 (tier v2): the mandate for change reads the current (not terminated) convictions: custodial, or with a
 *   non-restrictive requirement other than unpaid work (W); nDelius marks restrictive requirement types
 *   (reference-systems.md, Requirement `RQMNT` "restrictive flag"). §9.2 (tier v3): no active event → not supervised.
 *
 * Only convictions recorded as events count: a caution or a conviction from before the case came to probation that
 * is not recorded is not known to the record.
 */

/** An event (one conviction) as the record holds it. */
export interface RecordedEvent {
  eventNumber: number
  status: 'pre_sentence' | 'sentenced' | 'terminated'
  convictionDate: LocalDate | null
  /** Home Office codes of the event's offences; `main` marks the main offence. */
  offences: { code: string; main: boolean }[]
  sentences: RecordedSentence[]
}

export interface RecordedSentence {
  type: 'community_order' | 'suspended_sentence_order' | 'custodial'
  sentenceDate: LocalDate
  startDate: LocalDate | null
  expectedEndDate: LocalDate | null
  terminatedDate: LocalDate | null
  /** Custody: the release date (as calculated, CRD or ARD), when known. */
  releaseDate: LocalDate | null
  /** Requirement types (src/domain/sentencing) still running. */
  requirements: string[]
}

/** What tier v2's mandate for change and tier v3's active event make of the current sentences (§9.1, §9.2). */
export type RecordedSentenceType = 'CUSTODY' | 'COMMUNITY_REHABILITATIVE' | 'COMMUNITY_OTHER' | 'NONE'

/** One input filled from the record, with where it came from in words (shown beside it). */
export interface FromRecord<T> {
  value: T
  source: string
}

/** The inputs the record gives; an input the record cannot give is absent (the assessment asks for it). */
export interface RecordedRiskInputs {
  dateOfCurrentConviction?: FromRecord<LocalDate>
  currentOffenceCode?: FromRecord<string>
  dateAtStartOfFollowup?: FromRecord<LocalDate>
  sentenceType?: FromRecord<RecordedSentenceType>
  supervisionStatus?: FromRecord<'COMMUNITY' | 'CUSTODY'>
  totalNumberOfSanctionsForAllOffences?: FromRecord<number>
  totalNumberOfViolentSanctions?: FromRecord<number>
  dateOfFirstSanction?: FromRecord<LocalDate>
}

/** Requirement types that restrict rather than rehabilitate (nDelius's restrictive flag): no mandate for change. */
export const RESTRICTIVE_REQUIREMENTS: readonly string[] = [
  'curfew',
  'exclusion',
  'prohibited_activity',
  'foreign_travel_prohibition',
  'alcohol_abstinence_monitoring',
]
/** Unpaid work (nDelius W): never a mandate for change (§9.1). */
export const UNPAID_WORK = 'unpaid_work'

/** A sentence that has not been terminated and has not passed its expected end on `today`. */
export function isCurrentSentence(s: RecordedSentence, today: LocalDate): boolean {
  return s.terminatedDate === null && (s.expectedEndDate === null || !s.expectedEndDate.isBefore(today))
}

/**
 * The tiers' view of the current sentences (§9.1): custody wins; then a community or suspended order with a
 * rehabilitative requirement; then one with only unpaid work or restrictive requirements; no current sentence is
 * NONE (not supervised). Undefined when the record has no events at all (it cannot say).
 *
 * @example
 * recordedSentenceType([{ ..., sentences: [{ type: 'community_order', requirements: ['unpaid_work'], ... }] }], today)
 *   // 'COMMUNITY_OTHER'
 */
export function recordedSentenceType(
  events: readonly RecordedEvent[],
  today: LocalDate,
): RecordedSentenceType | undefined {
  if (events.length === 0) return undefined
  const current = events.flatMap(e => e.sentences).filter(s => isCurrentSentence(s, today))
  if (current.length === 0) return 'NONE'
  if (current.some(s => s.type === 'custodial')) return 'CUSTODY'
  const rehabilitative = current.some(s =>
    s.requirements.some(r => r !== UNPAID_WORK && !RESTRICTIVE_REQUIREMENTS.includes(r)),
  )
  return rehabilitative ? 'COMMUNITY_REHABILITATIVE' : 'COMMUNITY_OTHER'
}

/**
 * The current event: the one whose sentence is current (the latest sentenced), else the latest awaiting sentence
 * with a conviction date (a pre-sentence assessment), else none.
 */
export function currentEvent(events: readonly RecordedEvent[], today: LocalDate): RecordedEvent | undefined {
  const latestFirst = [...events].sort((a, b) => b.eventNumber - a.eventNumber)
  const sentenced = latestFirst
    .map(e => ({ e, s: e.sentences.filter(s => isCurrentSentence(s, today)) }))
    .filter(x => x.s.length > 0)
    .sort((a, b) => latest(b.s).compareTo(latest(a.s)) || b.e.eventNumber - a.e.eventNumber)
  if (sentenced.length > 0) return sentenced[0].e
  return latestFirst.find(e => e.status === 'pre_sentence' && e.convictionDate !== null)
}

const latest = (sentences: RecordedSentence[]) =>
  sentences.map(s => s.sentenceDate).reduce((a, b) => (b.isAfter(a) ? b : a))

const isViolent = (e: RecordedEvent) => e.offences.some(o => lookupOffenceCode(o.code)?.violent === true)

/**
 * Every input the record gives for one person on `today`, each with its source. `inCustody` is the case status
 * (in custody or not), null when unknown.
 *
 * @example
 * const r = riskInputsFromRecord(events, { inCustody: false }, LocalDate.parse('2026-11-20'))
 * r.totalNumberOfSanctionsForAllOffences // { value: 2, source: 'events 1 and 2 on the record' }
 */
export function riskInputsFromRecord(
  events: readonly RecordedEvent[],
  status: { inCustody: boolean | null },
  today: LocalDate,
): RecordedRiskInputs {
  const out: RecordedRiskInputs = {}
  const type = recordedSentenceType(events, today)
  if (type) out.sentenceType = { value: type, source: sentenceSource(events, today) }
  const current = currentEvent(events, today)
  if (!current?.convictionDate) return out
  const convicted = current.convictionDate
  const ref = `event ${current.eventNumber}`
  out.dateOfCurrentConviction = { value: convicted, source: ref }
  const main = current.offences.find(o => o.main)
  if (main && lookupOffenceCode(main.code))
    out.currentOffenceCode = { value: main.code, source: `${ref}, main offence` }
  const running = current.sentences.filter(s => isCurrentSentence(s, today))
  const sentence = running[running.length - 1]
  if (sentence?.type === 'custodial') {
    if (sentence.releaseDate)
      out.dateAtStartOfFollowup = { value: sentence.releaseDate, source: `${ref}, release date` }
  } else if (sentence) {
    out.dateAtStartOfFollowup = { value: sentence.startDate ?? sentence.sentenceDate, source: `${ref}, order start` }
  }
  if (sentence && status.inCustody !== null)
    out.supervisionStatus = { value: status.inCustody ? 'CUSTODY' : 'COMMUNITY', source: 'case status' }
  // Sanctions up to and including the current conviction (§2: the counts include the current sanction).
  const sanctions = events.filter(e => e.convictionDate !== null && !e.convictionDate.isAfter(convicted))
  const numbers = sanctions.map(e => e.eventNumber).sort((a, b) => a - b)
  const counted = numbers.length === 1 ? `event ${numbers[0]}` : `events ${numbers.join(', ')}`
  out.totalNumberOfSanctionsForAllOffences = { value: sanctions.length, source: `convictions recorded: ${counted}` }
  out.totalNumberOfViolentSanctions = {
    value: sanctions.filter(isViolent).length,
    source: `convictions recorded with a violent offence, of ${counted}`,
  }
  const first = sanctions.reduce((a, b) => (b.convictionDate!.isBefore(a.convictionDate!) ? b : a))
  out.dateOfFirstSanction = { value: first.convictionDate!, source: `event ${first.eventNumber}` }
  return out
}

function sentenceSource(events: readonly RecordedEvent[], today: LocalDate): string {
  const current = events.filter(e => e.sentences.some(s => isCurrentSentence(s, today))).map(e => e.eventNumber)
  if (current.length === 0) return 'no current sentence on the record'
  return current.length === 1 ? `event ${current[0]}` : `events ${current.join(', ')}`
}
