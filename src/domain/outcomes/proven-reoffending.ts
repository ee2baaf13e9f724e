import type { LocalDate } from '@js-joda/core'

/**
 * The proven reoffending measure (issue 19, "Conventions for the proven reoffending measure"; rules-and-outcomes.md
 * §1). For a cohort period and the people with their qualifying events and offences:
 * - a person's **index event** is their first qualifying event (release from custody, a court disposal that is not
 *   custody, a caution) dated in the period (bounds inclusive): one per person per cohort; people without one are not
 *   in the cohort;
 * - a **proven reoffence** is an offence committed on or after the index date and before the index date plus one
 *   year, proven by a conviction or caution dated no later than the index date plus 18 months (one year's follow-up
 *   and six months' waiting). The index offence itself never counts; offences proven at one appearance each count;
 * - figures are as known on `asOf`: an offence proven after `asOf` is not yet known and does not count;
 * - binary rate = reoffenders ÷ cohort; frequency per reoffender = reoffences ÷ reoffenders (0 when none); frequency
 *   per offender = reoffences ÷ cohort (0 for an empty cohort); fractions rounded half-up to 4 decimal places;
 * - the cohort is **provisional** until its waiting period has ended: the last possible index date (the period's
 *   end) plus 18 months must be before `asOf`.
 */

export type IndexEventType = 'custody_release' | 'court_disposal' | 'caution'
export const INDEX_EVENT_TYPES: readonly IndexEventType[] = ['custody_release', 'court_disposal', 'caution']

export const FOLLOW_UP_YEARS = 1
export const WAITING_MONTHS = 18

export interface CohortPerson {
  readonly ref: string
  readonly events: readonly { readonly type: IndexEventType; readonly date: LocalDate }[]
  readonly offences: readonly {
    readonly offenceDate: LocalDate
    readonly provenDate: LocalDate
    readonly index: boolean
  }[]
}

export interface CohortRequest {
  readonly from: LocalDate
  readonly to: LocalDate
  readonly asOf: LocalDate
  readonly people: readonly CohortPerson[]
}

/** One member of the cohort: their index event and the offences counted as proven reoffences. */
export interface CohortMember {
  readonly ref: string
  readonly indexEvent: { readonly type: IndexEventType; readonly date: LocalDate }
  /** Positions in the person's `offences` of the proven reoffences (traceable to the record). */
  readonly reoffenceIndexes: readonly number[]
}

export interface ProvenReoffending {
  readonly cohortSize: number
  readonly reoffenders: number
  readonly reoffences: number
  readonly binaryRate: number
  readonly frequencyPerReoffender: number
  readonly frequencyPerOffender: number
  readonly provisional: boolean
  readonly members: readonly CohortMember[]
}

/**
 * `numerator ÷ denominator` rounded half-up to 4 decimal places, exactly (integer arithmetic, no binary fraction
 * error); 0 when the denominator is 0.
 *
 * @example
 * rate(1, 3) // 0.3333
 * rate(1, 16) // 0.0625
 * rate(1, 32) // 0.0313 (0.03125 rounded half-up)
 */
export function rate(numerator: number, denominator: number): number {
  if (denominator === 0) return 0
  const tenThousandths = Math.floor((2 * numerator * 10_000 + denominator) / (2 * denominator))
  return tenThousandths / 10_000
}

/**
 * The person's index event in the period: their first qualifying event dated from `from` to `to` inclusive.
 *
 * @example
 * indexEvent(person, LocalDate.parse('2026-01-01'), LocalDate.parse('2026-03-31')) // { type: 'caution', date: … }
 */
export function indexEvent(person: CohortPerson, from: LocalDate, to: LocalDate): CohortMember['indexEvent'] | null {
  const inPeriod = person.events.filter(e => !e.date.isBefore(from) && !e.date.isAfter(to))
  if (!inPeriod.length) return null
  return inPeriod.reduce((first, e) => (e.date.isBefore(first.date) ? e : first))
}

/**
 * Whether an offence is a proven reoffence after an index date, as known on `asOf`.
 *
 * @example
 * isProvenReoffence({ offenceDate: d('2026-02-01'), provenDate: d('2026-09-01'), index: false }, d('2026-01-10'), asOf) // true
 */
export function isProvenReoffence(
  offence: CohortPerson['offences'][number],
  indexDate: LocalDate,
  asOf: LocalDate,
): boolean {
  if (offence.index) return false
  if (offence.offenceDate.isBefore(indexDate)) return false
  if (!offence.offenceDate.isBefore(indexDate.plusYears(FOLLOW_UP_YEARS))) return false
  if (offence.provenDate.isAfter(indexDate.plusMonths(WAITING_MONTHS))) return false
  return !offence.provenDate.isAfter(asOf)
}

/**
 * Whether a cohort's figures may still change on `asOf`: its waiting period (the period's end plus 18 months) has
 * not yet ended.
 *
 * @example
 * isProvisional(LocalDate.parse('2025-03-31'), LocalDate.parse('2026-09-30')) // true (ends 2026-09-30)
 * isProvisional(LocalDate.parse('2025-03-31'), LocalDate.parse('2026-10-01')) // false
 */
export function isProvisional(to: LocalDate, asOf: LocalDate): boolean {
  return !asOf.isAfter(to.plusMonths(WAITING_MONTHS))
}

/**
 * The cohort's proven reoffending figures, with each member's index event and counted offences.
 *
 * @example
 * provenReoffending({ from, to, asOf, people }) // { cohortSize: 120, reoffenders: 31, binaryRate: 0.2583, … }
 */
export function provenReoffending(request: CohortRequest): ProvenReoffending {
  const members: CohortMember[] = []
  for (const person of request.people) {
    const event = indexEvent(person, request.from, request.to)
    if (!event) continue
    const reoffenceIndexes = person.offences.flatMap((o, i) =>
      isProvenReoffence(o, event.date, request.asOf) ? [i] : [],
    )
    members.push({ ref: person.ref, indexEvent: event, reoffenceIndexes })
  }
  const cohortSize = members.length
  const reoffenders = members.filter(m => m.reoffenceIndexes.length > 0).length
  const reoffences = members.reduce((sum, m) => sum + m.reoffenceIndexes.length, 0)
  return {
    cohortSize,
    reoffenders,
    reoffences,
    binaryRate: rate(reoffenders, cohortSize),
    frequencyPerReoffender: rate(reoffences, reoffenders),
    frequencyPerOffender: rate(reoffences, cohortSize),
    provisional: isProvisional(request.to, request.asOf),
    members,
  }
}
