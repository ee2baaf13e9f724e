/**
 * Requirements of a community order or suspended sentence order (Sentencing Code = Sentencing Act 2020, s.201 and
 * s.287 requirement tables; the detail of each is in Schedule 9). The limits below are those of the Schedule; where
 * /work/shared/domain covers a rule it is cited too (release-dates.md §9, rules-and-outcomes.md §2.1).
 */

/** How a requirement's length is counted. */
export type RequirementMeasure = 'hours' | 'days' | 'months'

export type RequirementType =
  | 'unpaid_work'
  | 'rehabilitation_activity'
  | 'programme'
  | 'prohibited_activity'
  | 'curfew'
  | 'exclusion'
  | 'residence'
  | 'foreign_travel_prohibition'
  | 'mental_health_treatment'
  | 'drug_rehabilitation'
  | 'alcohol_treatment'
  | 'alcohol_abstinence_monitoring'

export interface RequirementKind {
  code: RequirementType
  label: string
  measure: RequirementMeasure
  /**
   * `amount`: the length is an amount delivered during the order (hours of unpaid work, RAR or programme days), so the
   * requirement runs to the end of its period (unpaid work: 12 months) or of the order. `period`: the length is how long
   * the requirement lasts from its start.
   */
  kind: 'amount' | 'period'
  min: number
  /** Statutory maximum in `measure` units; undefined when the only limit is the order's end date. */
  max?: number
  /** Where the limits come from. */
  source: string
}

export const REQUIREMENT_KINDS: readonly RequirementKind[] = [
  {
    code: 'unpaid_work',
    label: 'Unpaid work',
    measure: 'hours',
    kind: 'amount',
    min: 40,
    max: 300,
    source:
      'Sentencing Code Sch 9 Part 1 (40–300 hours, performed during a period of 12 months); shared/domain/release-dates.md §9, rules-and-outcomes.md §2.1',
  },
  {
    code: 'rehabilitation_activity',
    label: 'Rehabilitation activity requirement (RAR)',
    measure: 'days',
    kind: 'amount',
    min: 1,
    source:
      'Sentencing Code Sch 9 Part 2 (the order specifies the maximum number of activity days; no statutory maximum)',
  },
  {
    code: 'programme',
    label: 'Accredited programme',
    measure: 'days',
    kind: 'amount',
    min: 1,
    source: 'Sentencing Code Sch 9 Part 3 (the number of days on which the offender must participate)',
  },
  {
    code: 'prohibited_activity',
    label: 'Prohibited activity',
    measure: 'months',
    kind: 'period',
    min: 1,
    source: 'Sentencing Code Sch 9 Part 4',
  },
  {
    code: 'curfew',
    label: 'Curfew',
    measure: 'months',
    kind: 'period',
    min: 1,
    // The maximum depends on the conviction date (see `curfewLimits`): 12 months, or 24 for convictions from 28 June 2022.
    max: 24,
    source:
      'Sentencing Code Sch 9 para 9(4)–(6), as amended by the Police, Crime, Sentencing and Courts Act 2022 s.150 (from 28 June 2022)',
  },
  {
    code: 'exclusion',
    label: 'Exclusion',
    measure: 'months',
    kind: 'period',
    min: 1,
    max: 24,
    source: 'Sentencing Code Sch 9 Part 6 (an exclusion period of not more than 2 years)',
  },
  {
    code: 'residence',
    label: 'Residence',
    measure: 'months',
    kind: 'period',
    min: 1,
    source: 'Sentencing Code Sch 9 Part 7',
  },
  {
    code: 'foreign_travel_prohibition',
    label: 'Foreign travel prohibition',
    measure: 'months',
    kind: 'period',
    min: 1,
    max: 12,
    source: 'Sentencing Code Sch 9 Part 8 (not more than 12 months)',
  },
  {
    code: 'mental_health_treatment',
    label: 'Mental health treatment',
    measure: 'months',
    kind: 'period',
    min: 1,
    source: 'Sentencing Code Sch 9 Part 9',
  },
  {
    code: 'drug_rehabilitation',
    label: 'Drug rehabilitation',
    measure: 'months',
    kind: 'period',
    min: 1,
    source: 'Sentencing Code Sch 9 Part 10',
  },
  {
    code: 'alcohol_treatment',
    label: 'Alcohol treatment',
    measure: 'months',
    kind: 'period',
    min: 1,
    source: 'Sentencing Code Sch 9 Part 11',
  },
  {
    code: 'alcohol_abstinence_monitoring',
    label: 'Alcohol abstinence and monitoring',
    measure: 'days',
    kind: 'period',
    min: 1,
    max: 120,
    source: 'Sentencing Code Sch 9 Part 12 (an abstinence period of not more than 120 days)',
  },
]

/**
 * The kind of requirement with this code.
 *
 * @example
 * requirementKind('unpaid_work')?.max // 300
 */
export function requirementKind(code: string): RequirementKind | undefined {
  return REQUIREMENT_KINDS.find(k => k.code === code)
}

/** The day section 150 of the Police, Crime, Sentencing and Courts Act 2022 came into force (curfew limits). */
export const PCSC_CURFEW_COMMENCEMENT = '2022-06-28'

/**
 * The curfew limits for an order in respect of an offence of which the person was convicted on `convictionDate`
 * (Sentencing Code Sch 9 para 9(4), (4A), (5), (6)): at least 2 hours in any day; at most 16 hours a day within 12
 * months before PCSC 2022 s.150 came into force, 20 hours a day within 2 years from then, and (from then) at most 112
 * hours in any 7 days.
 *
 * @example
 * curfewLimits('2023-01-10') // { minHoursPerDay: 2, maxHoursPerDay: 20, maxHoursPerWeek: 112, maxMonths: 24 }
 */
export function curfewLimits(convictionDate: string): {
  minHoursPerDay: number
  maxHoursPerDay: number
  maxHoursPerWeek: number | undefined
  maxMonths: number
} {
  return convictionDate < PCSC_CURFEW_COMMENCEMENT
    ? { minHoursPerDay: 2, maxHoursPerDay: 16, maxHoursPerWeek: undefined, maxMonths: 12 }
    : { minHoursPerDay: 2, maxHoursPerDay: 20, maxHoursPerWeek: 112, maxMonths: 24 }
}
