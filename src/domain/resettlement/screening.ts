import type { LocalDate } from '@js-joda/core'
import { addWorkingDays } from '../calendar/index.ts'

/**
 * Basic custody screening (BCST), the two parts of Through the Gate's first step.
 *
 * Source: `shared/domain/rules-and-outcomes.md` §1.4 row "Screening" and §3.3 row "BCST": "BCST part 1 by prison
 * staff within 72 hours of reception; BCST part 2 by CRC staff for all prisoners serving 4 years or less, to drive
 * resettlement planning" (TTG-19).
 *
 * Part 2's due date is NOT given by the references. §3.3 row "Resettlement plan ≤5 working days" is marked NOT
 * VERIFIED; it is used here as the limit for part 2 (which drives the plan), counted in working days from part 1,
 * and kept as a named, overridable constant.
 */
export interface ScreeningRules {
  readonly partOneHours: number
  readonly partTwoMaxSentenceYears: number
  readonly partTwoWorkingDaysAfterPartOne: number
}

export const SCREENING_RULES: ScreeningRules = {
  /** §1.4 "Screening", §3.3 "BCST": part 1 within 72 hours of reception. */
  partOneHours: 72,
  /** §1.4 "Screening", §3.3 "BCST": part 2 for sentences of 4 years or less. */
  partTwoMaxSentenceYears: 4,
  /**
   * NOT VERIFIED (§3.3 "Resettlement plan ≤5 working days"): part 2 within 5 working days of part 1 (of its
   * completion, or of its due date while it is not done).
   */
  partTwoWorkingDaysAfterPartOne: 5,
}

/**
 * Part 1's due date: 72 hours from reception. Reception is recorded as a day, not a time, so the 72 hours run
 * from the start of that day and end with the third day after it (reception on Monday: due by Thursday).
 *
 * @example
 * screeningPartOneDue(LocalDate.parse('2026-12-07')).toString() // '2026-12-10'
 */
export function screeningPartOneDue(receptionDate: LocalDate, rules: ScreeningRules = SCREENING_RULES): LocalDate {
  return receptionDate.plusDays(Math.ceil(rules.partOneHours / 24))
}

/** A custodial term as imposed on its sentence date. */
export interface CustodialTerm {
  sentenceDate: LocalDate
  length: { value: number; unit: 'days' | 'weeks' | 'months' | 'years' }
}

/**
 * Whether part 2 is needed: for sentences of 4 years or less. The term is measured on the calendar from the
 * sentence date, so "4 years" is exactly 4 years (48 months) and a term a day longer is over it.
 *
 * @example
 * isScreeningPartTwoRequired({ sentenceDate: LocalDate.parse('2026-01-01'), length: { value: 4, unit: 'years' } }) // true
 * isScreeningPartTwoRequired({ sentenceDate: LocalDate.parse('2026-01-01'), length: { value: 49, unit: 'months' } }) // false
 */
export function isScreeningPartTwoRequired(term: CustodialTerm, rules: ScreeningRules = SCREENING_RULES): boolean {
  const { sentenceDate, length } = term
  const end =
    length.unit === 'years'
      ? sentenceDate.plusYears(length.value)
      : length.unit === 'months'
        ? sentenceDate.plusMonths(length.value)
        : length.unit === 'weeks'
          ? sentenceDate.plusWeeks(length.value)
          : sentenceDate.plusDays(length.value)
  return !end.isAfter(sentenceDate.plusYears(rules.partTwoMaxSentenceYears))
}

/**
 * Part 2's due date (NOT VERIFIED, see `SCREENING_RULES.partTwoWorkingDaysAfterPartOne`): 5 working days (England
 * and Wales bank holidays, `../calendar`) after part 1 was done, or after part 1's due date while it is not done.
 *
 * @example
 * screeningPartTwoDue({ partOneDue: LocalDate.parse('2026-12-10'), partOneDoneOn: LocalDate.parse('2026-12-09') }).toString() // '2026-12-16'
 */
export function screeningPartTwoDue(
  partOne: { partOneDue: LocalDate; partOneDoneOn: LocalDate | null },
  rules: ScreeningRules = SCREENING_RULES,
): LocalDate {
  return addWorkingDays(partOne.partOneDoneOn ?? partOne.partOneDue, rules.partTwoWorkingDaysAfterPartOne)
}
