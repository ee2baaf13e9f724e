import { ChronoUnit, type LocalDate } from '@js-joda/core'
import { V1 } from './coefficients.ts'
import { explainBand, type BandThreshold, type Explanation, type Term } from './explanation.ts'
import { checkCount, checkDateAge, checkGender, snapshot } from './history.ts'
import { logistic, percent2dp } from './maths.ts'
import { absent, type RiskInputs } from './types.ts'
import { Problems } from './validation-error.ts'

export const OSP_DC_ALGORITHM = 'OSP/DC'
export const OSP_DC_VERSION = '2015.1.0'

/** OSP/DC bands on points (spec §6.2): LOW 0–21, MEDIUM 22–29, HIGH 30–35, VERY HIGH 36–64. */
export const OSP_DC_BANDS: readonly BandThreshold[] = [
  { band: 'LOW', from: 0, below: 22 },
  { band: 'MEDIUM', from: 22, below: 30 },
  { band: 'HIGH', from: 30, below: 36 },
  { band: 'VERY_HIGH', from: 36, below: null },
]

const ORDER = ['LOW', 'MEDIUM', 'HIGH', 'VERY_HIGH']

/** Women with a sexual-offence history add 1/261 to RSR/CSRP instead of an OSP score (spec §6.2). */
export const FEMALE_SEXUAL_OFFENDER_PROBABILITY = V1.osp.ospDc.female.rsrContribution

export interface OspDcResult {
  algorithm: typeof OSP_DC_ALGORITHM
  version: string
  /** False for women and for people with no sexual-offence history: score 0, band `NOT_APPLICABLE`. */
  applicable: boolean
  pointScore: number | null
  probability: number
  /** Percentage, 2 dp half-up. */
  score: number
  /** Band after any risk reduction. */
  band: string
  /** Band on points before risk reduction (null when not applicable). */
  bandBeforeReduction: string | null
  riskReductionApplied: boolean
  explanation: Explanation
}

const FIELDS = [
  'gender',
  'hasEverCommittedSexualOffence',
  'dateOfBirth',
  'dateAtStartOfFollowup',
  'assessmentDate',
  'totalNumberOfSanctionsForAllOffences',
  'totalContactAdultSexualSanctions',
  'totalContactChildSexualSanctions',
  'totalNonContactSexualOffences',
  'dateOfMostRecentSexualOffence',
  'isCurrentOffenceAgainstVictimStranger',
  'mostRecentOffenceDate',
  'supervisionStatus',
] as const satisfies readonly (keyof RiskInputs)[]

/** Contact-adult sanctions 0/1/2/3+ → 0/5/10/15 (spec §6.2). @example ospDcContactAdultPoints(99) // 15 */
export function ospDcContactAdultPoints(n: number): number {
  return Math.min(n, 3) * 5
}
/** Contact-child sanctions 0/1/2/3+ → 0/3/6/9 (spec §6.2). @example ospDcContactChildPoints(2) // 6 */
export function ospDcContactChildPoints(n: number): number {
  return Math.min(n, 3) * 3
}
/** Non-contact sanctions (excluding images) 0/1/2/3+ → 0/2/4/6 (spec §6.2). @example ospDcNonContactPoints(1) // 2 */
export function ospDcNonContactPoints(n: number): number {
  return Math.min(n, 3) * 2
}
/** Age at start of follow-up: 60+ → 0, else 14 − max(0, ⌊(age − 18) / 3⌋) (spec §6.2). @example ospDcAgePoints(21) // 13 */
export function ospDcAgePoints(age: number): number {
  return age >= 60 ? 0 : 14 - Math.max(0, Math.floor((age - 18) / 3))
}
/** Age at last sexual sanction ≤ 15 → 0, 16–17 → 5, 18+ → 10 (spec §6.2). @example ospDcLastSexualSanctionAgePoints(17) // 5 */
export function ospDcLastSexualSanctionAgePoints(age: number): number {
  return age <= 15 ? 0 : age <= 17 ? 5 : 10
}
/** Any previous sanction (total including current ≥ 2) → 6 (spec §6.2). @example ospDcPreviousSanctionPoints(2) // 6 */
export function ospDcPreviousSanctionPoints(total: number): number {
  return total >= 2 ? 6 : 0
}
/** Stranger victim → 4; not answered counts as no (spec §6.2). @example ospDcStrangerPoints(true) // 4 */
export function ospDcStrangerPoints(stranger: boolean | null | undefined): number {
  return stranger === true ? 4 : 0
}
/** Probability = logistic(−8.633 + 0.1598 × points), 0 for 0 points (spec §6.2). @example ospDcProbability(0) // 0 */
export function ospDcProbability(points: number): number {
  const l = V1.osp.ospDc.logistic
  return points === 0 ? 0 : logistic(l.intercept + l.slope * points)
}
/** Band on points before any risk reduction (spec §6.2). @example ospDcBand(22) // 'MEDIUM' */
export function ospDcBand(points: number): string {
  return explainBand(points, 'points', OSP_DC_BANDS).band
}

function fullYears(from: LocalDate, to: LocalDate): number {
  return from.until(to, ChronoUnit.YEARS)
}

function notApplicable(inputs: RiskInputs, reason: string): OspDcResult {
  return {
    algorithm: OSP_DC_ALGORITHM,
    version: OSP_DC_VERSION,
    applicable: false,
    pointScore: null,
    probability: 0,
    score: 0,
    band: 'NOT_APPLICABLE',
    bandBeforeReduction: null,
    riskReductionApplied: false,
    explanation: {
      algorithm: OSP_DC_ALGORITHM,
      version: OSP_DC_VERSION,
      inputs: snapshot(inputs, FIELDS),
      derived: {},
      terms: [],
      total: 0,
      outcomes: [],
      band: null,
      notes: [reason],
    },
  }
}

/**
 * OSP/DC — direct-contact sexual reoffending (spec §6.2): points, a logistic on the points, a band on the points,
 * and the risk-reduction rule. Not applicable (score 0) to women and to people with no sexual-offence history.
 *
 * @example
 * calculateOspDc({ gender: 'MALE', hasEverCommittedSexualOffence: true, dateOfBirth: LocalDate.parse('1980-01-01'),
 *   dateAtStartOfFollowup: LocalDate.parse('2027-01-01'), totalNumberOfSanctionsForAllOffences: 1,
 *   totalContactAdultSexualSanctions: 1, totalContactChildSexualSanctions: 2, totalNonContactSexualOffences: 3 })
 * // → { pointScore: 22, score: 0.6, band: 'MEDIUM', … }
 */
export function calculateOspDc(inputs: RiskInputs): OspDcResult {
  const problems = new Problems()
  const gender = checkGender(inputs, problems)
  if (absent(inputs.hasEverCommittedSexualOffence)) problems.missing('hasEverCommittedSexualOffence')
  problems.throwIfAny()
  if (inputs.hasEverCommittedSexualOffence === false) return notApplicable(inputs, 'No sexual-offence history.')
  if (gender === 'FEMALE') {
    return notApplicable(
      inputs,
      'OSP/DC is not scored for women; RSR adds the female sexual-offender constant 1/261 instead (spec §6.2).',
    )
  }

  const dob = absent(inputs.dateOfBirth) ? (problems.missing('dateOfBirth'), undefined) : inputs.dateOfBirth
  const followup = checkDateAge(inputs, 'dateAtStartOfFollowup', dob, problems)
  const total = checkCount(inputs, 'totalNumberOfSanctionsForAllOffences', problems, 1, 999)
  const adult = checkCount(inputs, 'totalContactAdultSexualSanctions', problems)
  const child = checkCount(inputs, 'totalContactChildSexualSanctions', problems)
  const nonContact = checkCount(inputs, 'totalNonContactSexualOffences', problems)
  const lastSexual = checkDateAge(inputs, 'dateOfMostRecentSexualOffence', dob, problems, false)
  const assessment = checkDateAge(inputs, 'assessmentDate', dob, problems, false)
  problems.throwIfAny()

  const terms: Term[] = [
    {
      id: 'contactAdult',
      label: 'Contact sexual sanctions against adults',
      value: adult!,
      contribution: ospDcContactAdultPoints(adult!),
      rule: '0/1/2/3+ → 0/5/10/15',
    },
    {
      id: 'contactChild',
      label: 'Contact sexual sanctions against children',
      value: child!,
      contribution: ospDcContactChildPoints(child!),
      rule: '0/1/2/3+ → 0/3/6/9',
    },
    {
      id: 'nonContact',
      label: 'Non-contact sexual sanctions (excluding images)',
      value: nonContact!,
      contribution: ospDcNonContactPoints(nonContact!),
      rule: '0/1/2/3+ → 0/2/4/6',
    },
    {
      id: 'age',
      label: 'Age at start of follow-up',
      value: followup!.age!,
      contribution: ospDcAgePoints(followup!.age!),
      rule: '≤20 → 14, −1 every 3 years, 60+ → 0',
    },
    {
      id: 'ageAtLastSexualSanction',
      label: 'Age at most recent sexual sanction',
      value: lastSexual?.age ?? null,
      contribution: lastSexual?.age === undefined ? 0 : ospDcLastSexualSanctionAgePoints(lastSexual.age),
      rule: '≤15 → 0, 16–17 → 5, 18+ → 10 (not given → 0)',
    },
    {
      id: 'previousSanction',
      label: 'Any previous sanction',
      value: total!,
      contribution: ospDcPreviousSanctionPoints(total!),
      rule: 'total ≥ 2 → 6',
    },
    {
      id: 'stranger',
      label: 'Current offence against a stranger',
      value: inputs.isCurrentOffenceAgainstVictimStranger ?? null,
      contribution: ospDcStrangerPoints(inputs.isCurrentOffenceAgainstVictimStranger),
      rule: 'yes → 4',
    },
  ]
  const points = terms.reduce((s, t) => s + t.contribution, 0)
  const probability = ospDcProbability(points)
  const score = percent2dp(probability)
  const bandExpl = explainBand(points, 'points', OSP_DC_BANDS)
  const notes: string[] = []

  // Risk reduction (spec §6.2): one band down for men in the community, band above LOW, and at least five full
  // years since the start of follow-up, the most recent offence and the most recent sexual offence.
  let band = bandExpl.band
  let reduced = false
  if (bandExpl.band !== 'LOW') {
    const a = assessment?.date
    const offence = absent(inputs.mostRecentOffenceDate) ? undefined : inputs.mostRecentOffenceDate
    const eligible =
      inputs.supervisionStatus === 'COMMUNITY' &&
      a !== undefined &&
      offence !== undefined &&
      lastSexual !== undefined &&
      fullYears(followup!.date, a) >= 5 &&
      fullYears(offence, a) >= 5 &&
      fullYears(lastSexual.date, a) >= 5
    if (eligible) {
      band = ORDER[ORDER.indexOf(bandExpl.band) - 1]
      reduced = true
      notes.push(
        `Risk reduction: band lowered from ${bandExpl.band} to ${band} after 5+ offence-free years in the community (spec §6.2).`,
      )
    } else {
      notes.push(
        'No risk reduction: needs community supervision and 5+ full years to the assessment date since the start of follow-up, the most recent offence and the most recent sexual offence (spec §6.2).',
      )
    }
  }
  if (points === 0) notes.push('0 points gives probability 0 (spec §6.2).')
  return {
    algorithm: OSP_DC_ALGORITHM,
    version: OSP_DC_VERSION,
    applicable: true,
    pointScore: points,
    probability,
    score,
    band,
    bandBeforeReduction: bandExpl.band,
    riskReductionApplied: reduced,
    explanation: {
      algorithm: OSP_DC_ALGORITHM,
      version: OSP_DC_VERSION,
      inputs: snapshot(inputs, FIELDS),
      derived: { ageAtStartOfFollowup: followup!.age!, ageAtMostRecentSexualOffence: lastSexual?.age ?? null },
      terms,
      total: points,
      outcomes: [
        {
          horizon: '2-year',
          linearScore: V1.osp.ospDc.logistic.intercept + V1.osp.ospDc.logistic.slope * points,
          probability,
          percent: score,
        },
      ],
      band: { ...bandExpl, band },
      notes,
    },
  }
}
