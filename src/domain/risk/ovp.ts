import { V1 } from './coefficients.ts'
import { bandFor, explainBand, type BandThreshold, type Explanation, type Term } from './explanation.ts'
import { checkCount, checkDateAge, checkGender, checkViolent, snapshot } from './history.ts'
import { logistic, oasysIntegerPercent } from './maths.ts'
import { absent, type RiskInputs } from './types.ts'
import { Problems } from './validation-error.ts'

export const OVP_ALGORITHM = 'OVP'
export const OVP_VERSION = '2009.1.0'

/** OVP bands on the 2-year % (spec §5): LOW 1–29, MEDIUM 30–59, HIGH 60–79, VERY HIGH 80–99. */
export const OVP_BANDS: readonly BandThreshold[] = [
  { band: 'LOW', from: 0, below: 30 },
  { band: 'MEDIUM', from: 30, below: 60 },
  { band: 'HIGH', from: 60, below: 80 },
  { band: 'VERY_HIGH', from: 80, below: null },
]

/**
 * OVP band for a 2-year percentage (spec §5).
 *
 * @example
 * ovpBand(80) // 'VERY_HIGH'
 */
export function ovpBand(twoYearPercent: number): string {
  return bandFor(twoYearPercent, OVP_BANDS)
}

export interface OvpResult {
  algorithm: typeof OVP_ALGORITHM
  version: string
  staticPoints: number
  dynamicPoints: number
  totalPoints: number
  oneYearProbability: number
  twoYearProbability: number
  oneYearPercent: number
  twoYearPercent: number
  band: string
  explanation: Explanation
}

const DYNAMIC_FIELDS = [
  'doesRecogniseImpactOfOffendingOnOthers',
  'isCurrentlyOfNoFixedAbodeOrTransientAccommodation',
  'isUnemployed',
  'currentAlcoholUseProblems',
  'excessiveAlcoholUse',
  'hasCurrentPsychiatricTreatment',
  'temperControl',
  'proCriminalAttitudes',
] as const satisfies readonly (keyof RiskInputs)[]

const STATIC_FIELDS = [
  'gender',
  'dateOfBirth',
  'dateAtStartOfFollowup',
  'totalNumberOfSanctionsForAllOffences',
  'totalNumberOfViolentSanctions',
] as const satisfies readonly (keyof RiskInputs)[]

/** Violent sanctions 0…17 → points; 18+ → 25 (spec §5). */
const VIOLENT_POINTS = [0, 4, 7, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24]

/**
 * Points for the number of violent sanctions (spec §5).
 *
 * @example
 * ovpViolentPoints(17) // 24
 */
export function ovpViolentPoints(v: number): number {
  return v >= VIOLENT_POINTS.length ? 25 : VIOLENT_POINTS[v]
}

/**
 * Points for non-violent sanctions (total − violent): 0–2 → 0, 3–4 → 2, 5–10 → 3, 11–20 → 4, 21+ → 5 (spec §5).
 *
 * @example
 * ovpNonViolentPoints(14) // 4
 */
export function ovpNonViolentPoints(n: number): number {
  return n <= 2 ? 0 : n <= 4 ? 2 : n <= 10 ? 3 : n <= 20 ? 4 : 5
}

/**
 * Points for age at start of follow-up, or undefined under 18 (not scorable; spec §5).
 *
 * @example
 * ovpAgePoints(19) // 20
 */
export function ovpAgePoints(age: number): number | undefined {
  if (age < 18) return undefined
  const table: [number, number][] = [
    [19, 20],
    [21, 17],
    [23, 14],
    [25, 12],
    [30, 10],
    [35, 8],
    [40, 6],
    [45, 4],
    [50, 2],
  ]
  for (const [max, points] of table) if (age <= max) return points
  return 0
}

/**
 * OVP — OASys Violence Predictor (2009): static and dynamic points, then a logistic (spec §5).
 *
 * @example
 * calculateOvp({ gender: 'MALE', dateOfBirth: LocalDate.parse('2000-10-15'), dateAtStartOfFollowup: LocalDate.parse('2019-12-12'),
 *   totalNumberOfSanctionsForAllOffences: 31, totalNumberOfViolentSanctions: 17, doesRecogniseImpactOfOffendingOnOthers: false,
 *   isCurrentlyOfNoFixedAbodeOrTransientAccommodation: true, isUnemployed: true, currentAlcoholUseProblems: 1,
 *   excessiveAlcoholUse: 0, hasCurrentPsychiatricTreatment: false, temperControl: 2, proCriminalAttitudes: 1 }).totalPoints // 82
 */
export function calculateOvp(inputs: RiskInputs): OvpResult {
  const problems = new Problems()
  const gender = checkGender(inputs, problems)
  const dob = absent(inputs.dateOfBirth) ? (problems.missing('dateOfBirth'), undefined) : inputs.dateOfBirth
  const followup = checkDateAge(inputs, 'dateAtStartOfFollowup', dob, problems)
  const total = checkCount(inputs, 'totalNumberOfSanctionsForAllOffences', problems, 1, 999)
  const violent = checkViolent(inputs, total, problems)
  for (const f of DYNAMIC_FIELDS) if (absent(inputs[f])) problems.missing(f)
  const agePoints = followup?.age === undefined ? undefined : ovpAgePoints(followup.age)
  if (followup?.age !== undefined && agePoints === undefined) {
    problems.add(
      'dateAtStartOfFollowup',
      `OVP cannot score anyone under 18 at start of follow-up (age ${followup.age})`,
      'AGE_UNDER_18',
    )
  }
  problems.throwIfAny()

  const i = inputs as Required<{ [K in (typeof DYNAMIC_FIELDS)[number]]: NonNullable<RiskInputs[K]> }>
  const s = V1.ovp.static
  const n = total!
  const v = violent!
  const alcoholSum = i.currentAlcoholUseProblems + i.excessiveAlcoholUse
  const staticTerms: Term[] = [
    {
      id: 'anySanctions',
      label: 'Any sanctions',
      value: n,
      contribution: n >= 1 ? s.anyPreviousSanctions : 0,
      rule: 'total ≥ 1 → 5',
    },
    { id: 'male', label: 'Male', value: gender!, contribution: gender === 'MALE' ? s.male : 0, rule: 'male → 5' },
    {
      id: 'violentSanctions',
      label: 'Violent sanctions',
      value: v,
      contribution: ovpViolentPoints(v),
      rule: '0,1,2,3… → 0,4,7,9… (18+ → 25)',
    },
    {
      id: 'nonViolentSanctions',
      label: 'Non-violent sanctions',
      value: n - v,
      contribution: ovpNonViolentPoints(n - v),
      rule: '0–2 → 0, 3–4 → 2, 5–10 → 3, 11–20 → 4, 21+ → 5',
    },
    {
      id: 'age',
      label: 'Age at start of follow-up',
      value: followup!.age!,
      contribution: agePoints!,
      rule: '18–19 → 20 … 51+ → 0',
    },
  ]
  const dynamicTerms: Term[] = [
    {
      id: 'impact',
      label: 'Does not recognise impact of offending on others',
      value: i.doesRecogniseImpactOfOffendingOnOthers,
      contribution: i.doesRecogniseImpactOfOffendingOnOthers ? 0 : 4,
      rule: 'does not recognise → 4',
    },
    {
      id: 'noFixedAbode',
      label: 'No fixed abode or transient accommodation',
      value: i.isCurrentlyOfNoFixedAbodeOrTransientAccommodation,
      contribution: i.isCurrentlyOfNoFixedAbodeOrTransientAccommodation ? 4 : 0,
      rule: 'yes → 4',
    },
    {
      id: 'S4Q2',
      label: 'Unemployed (4.2)',
      value: i.isUnemployed,
      contribution: i.isUnemployed ? 4 : 0,
      rule: 'yes → 4',
    },
    {
      id: 'alcohol',
      label: 'Current alcohol use (9.1) + binge drinking (9.2)',
      value: alcoholSum,
      coefficient: 2.5,
      contribution: Math.ceil(alcoholSum * 2.5),
      rule: `ceil((${i.currentAlcoholUseProblems} + ${i.excessiveAlcoholUse}) × 2.5)`,
    },
    {
      id: 'psychiatric',
      label: 'Current psychiatric treatment',
      value: i.hasCurrentPsychiatricTreatment,
      contribution: i.hasCurrentPsychiatricTreatment ? 4 : 0,
      rule: 'yes → 4',
    },
    {
      id: 'S11Q4',
      label: 'Temper control (11.4)',
      value: i.temperControl,
      coefficient: 3,
      contribution: i.temperControl * 3,
    },
    {
      id: 'S12Q1',
      label: 'Pro-criminal attitudes (12.1)',
      value: i.proCriminalAttitudes,
      coefficient: 3,
      contribution: i.proCriminalAttitudes * 3,
    },
  ]
  const staticPoints = staticTerms.reduce((a, t) => a + t.contribution, 0)
  const dynamicPoints = dynamicTerms.reduce((a, t) => a + t.contribution, 0)
  const points = staticPoints + dynamicPoints
  const l = V1.ovp.logistic
  const x1 = l.scale * points - l.shift1yr
  const x2 = l.scale * points - l.shift2yr
  const p1 = logistic(x1)
  const p2 = logistic(x2)
  const pc1 = oasysIntegerPercent(p1)
  const pc2 = oasysIntegerPercent(p2)
  const band = explainBand(pc2, '2-year %', OVP_BANDS)
  return {
    algorithm: OVP_ALGORITHM,
    version: OVP_VERSION,
    staticPoints,
    dynamicPoints,
    totalPoints: points,
    oneYearProbability: p1,
    twoYearProbability: p2,
    oneYearPercent: pc1,
    twoYearPercent: pc2,
    band: band.band,
    explanation: {
      algorithm: OVP_ALGORITHM,
      version: OVP_VERSION,
      inputs: snapshot(inputs, [...STATIC_FIELDS, ...DYNAMIC_FIELDS]),
      derived: { ageAtStartOfFollowup: followup!.age!, nonViolentSanctions: n - v, staticPoints, dynamicPoints },
      terms: [...staticTerms, ...dynamicTerms],
      total: points,
      outcomes: [
        { horizon: '1-year', linearScore: x1, probability: p1, percent: pc1 },
        { horizon: '2-year', linearScore: x2, probability: p2, percent: pc2 },
      ],
      band,
      notes: [],
    },
  }
}
