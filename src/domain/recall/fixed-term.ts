import type { LocalDate } from '@js-joda/core'
import { knownOffenceCodes } from '../risk/offence-codes.ts'
import { checkOffenceCode, endDate, type Length } from '../sentencing/index.ts'

/**
 * Fixed-term recall: who may be given one, for how long, and when they are re-released.
 *
 * Source: shared/domain/rules-and-outcomes.md §3.2 "Recall types": "Fixed-term recall (28 days; 14 days if original
 * sentence <12 months) then automatic re-release; excluded for violent/sexual or extended sentences, previous recall,
 * or HDC/compassionate releases. Standard recall: may stay to sentence end unless re-released on review."
 */

/** §3.2 "Recall types": the fixed term for a sentence of 12 months or more. */
export const FIXED_TERM_DAYS = 28
/** §3.2 "Recall types": the fixed term when the original sentence was under 12 months. */
export const SHORT_SENTENCE_FIXED_TERM_DAYS = 14
/** §3.2 "Recall types": "if original sentence <12 months". */
export const SHORT_SENTENCE_MONTHS = 12

export const RECALL_SOURCE = 'rules-and-outcomes.md §3.2 "Recall types"'

/** The offence categories (OGRS3, else SNSV, from the Home Office code) that count as violent or sexual. */
export const VIOLENT_OR_SEXUAL_CATEGORIES: readonly string[] = [
  'Violence',
  'Violence against the person',
  'Acquisitive violence',
  'Robbery',
  'Sexual (not against child)',
  'Sexual (against child)',
]

/** How they were last released (custody_records.release_type); HDC and compassionate release exclude. */
export type ReleaseKind = 'hdc' | 'compassionate' | 'other'

export interface FixedTermFacts {
  /** The Home Office offence codes of the sentence's event (main offence first). */
  offenceCodes: readonly string[]
  /** An extended sentence (EDS): the court passed an extended licence period. */
  extendedSentence: boolean
  /** Recalls on this sentence before this one (a custody return recorded). */
  previousRecalls: number
  releasedBy: ReleaseKind
}

export type ExclusionCode =
  'violent_or_sexual_offence' | 'extended_sentence' | 'previous_recall' | 'hdc_release' | 'compassionate_release'

export interface Exclusion {
  code: ExclusionCode
  reason: string
  source: string
}

export interface FixedTermEligibility {
  eligible: boolean
  /** Every reason a fixed-term recall is excluded (empty when eligible). */
  exclusions: Exclusion[]
}

/**
 * The offence's category when it is violent or sexual: from the offence code's category (checkOffenceCode: OGRS3,
 * else SNSV). Not the predictors' "violent sanction" flag: that also covers criminal damage and public order
 * offences, which §3.2 does not exclude. Unknown codes are not treated as violent or sexual.
 *
 * @example
 * violentOrSexual('02700') // null (soliciting)
 */
export function violentOrSexual(code: string): { code: string; category: string } | null {
  const checked = checkOffenceCode(code)
  if (!checked.ok) return null
  if (VIOLENT_OR_SEXUAL_CATEGORIES.includes(checked.category)) {
    return { code: checked.code, category: checked.category }
  }
  return null
}

let violentOrSexualCodes: readonly string[] | undefined

/**
 * Every offence code `violentOrSexual` accepts (worked out once from the code list): lets a list page ask the database
 * only for cases with such an offence before the rules decide (MAPPA category 2, the Victim Contact Scheme).
 *
 * @example
 * violentOrSexualOffenceCodes().includes('00101') // true (murder)
 */
export function violentOrSexualOffenceCodes(): readonly string[] {
  violentOrSexualCodes ??= knownOffenceCodes().filter(code => violentOrSexual(code) !== null)
  return violentOrSexualCodes
}

/**
 * Whether a fixed-term recall may be given, with every exclusion and its reason (rules-and-outcomes.md §3.2
 * "Recall types"): a violent or sexual offence, an extended sentence, a previous recall, release on home detention
 * curfew (HDC) or on compassionate grounds.
 *
 * @example
 * fixedTermEligibility({ offenceCodes: ['04600'], extendedSentence: false, previousRecalls: 0, releasedBy: 'other' })
 * // { eligible: true, exclusions: [] }
 */
export function fixedTermEligibility(facts: FixedTermFacts): FixedTermEligibility {
  const exclusions: Exclusion[] = []
  const add = (code: ExclusionCode, reason: string) => exclusions.push({ code, reason, source: RECALL_SOURCE })
  const offence = facts.offenceCodes.map(violentOrSexual).find(o => o !== null)
  if (offence) {
    add(
      'violent_or_sexual_offence',
      `The offence ${offence.code} is in the category “${offence.category}”: a violent or sexual offence cannot have a fixed-term recall.`,
    )
  }
  if (facts.extendedSentence) add('extended_sentence', 'An extended sentence cannot have a fixed-term recall.')
  if (facts.previousRecalls > 0) {
    const times = facts.previousRecalls === 1 ? 'once' : `${facts.previousRecalls} times`
    add(
      'previous_recall',
      `They have been recalled on this sentence before (${times}): only a standard recall is possible.`,
    )
  }
  if (facts.releasedBy === 'hdc') {
    add('hdc_release', 'They were released on home detention curfew (HDC): a fixed-term recall is excluded.')
  }
  if (facts.releasedBy === 'compassionate') {
    add('compassionate_release', 'They were released on compassionate grounds: a fixed-term recall is excluded.')
  }
  return { eligible: exclusions.length === 0, exclusions }
}

/**
 * The release type as recorded (free text from the custody record) → HDC, compassionate or other.
 *
 * @example
 * releaseKind('hdc') // 'hdc'
 */
export function releaseKind(recorded: string | null): ReleaseKind {
  const t = (recorded ?? '').toLowerCase()
  if (/\bhdc\b|home detention/.test(t)) return 'hdc'
  if (/compassionate|ecsl|early compassionate/.test(t)) return 'compassionate'
  return 'other'
}

/**
 * The fixed term: 14 days when the original sentence was under 12 months, otherwise 28 (§3.2 "Recall types"). A
 * sentence of exactly 12 months is not under 12 months.
 *
 * @example
 * fixedTermDays(LocalDate.of(2026, 1, 10), { value: 6, unit: 'months' }) // 14
 */
export function fixedTermDays(sentenceDate: LocalDate, length: Length): number {
  const twelveMonths = endDate(sentenceDate, { value: SHORT_SENTENCE_MONTHS, unit: 'months' })
  return endDate(sentenceDate, length).isBefore(twelveMonths) ? SHORT_SENTENCE_FIXED_TERM_DAYS : FIXED_TERM_DAYS
}

export interface ReRelease {
  /** The day they are automatically re-released. */
  date: LocalDate
  days: number
  explanation: string
  source: string
}

/**
 * The automatic re-release date of a fixed-term recall: the fixed term counted from the day they were returned to
 * custody (day 1 is the day after the return, so 28 days from 1 March is 29 March). Never after the licence ends
 * (SLED or LED, from the release-date record): then they are released at the licence's end, with nothing left to
 * serve on licence. The reference gives no counting rule beyond "28 days … then automatic re-release"; this is
 * Probity's reading.
 *
 * @example
 * fixedTermReRelease(LocalDate.of(2026, 3, 1), 28, null).date // 2026-03-29
 */
export function fixedTermReRelease(returnedOn: LocalDate, days: number, licenceEnds: LocalDate | null): ReRelease {
  const after = returnedOn.plusDays(days)
  if (licenceEnds !== null && after.isAfter(licenceEnds)) {
    return {
      date: licenceEnds,
      days,
      explanation: `${days} days from the return to custody on ${returnedOn} would be ${after}, after the licence ends on ${licenceEnds}: re-released when the licence ends.`,
      source: RECALL_SOURCE,
    }
  }
  return {
    date: after,
    days,
    explanation: `A ${days}-day fixed-term recall from the return to custody on ${returnedOn}: automatic re-release on ${after}.`,
    source: RECALL_SOURCE,
  }
}
