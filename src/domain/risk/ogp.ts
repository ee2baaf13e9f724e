import { V1, type CoefficientSet } from './coefficients.ts'
import { bandFor, explainBand, type BandThreshold, type Explanation, type Term } from './explanation.ts'
import { snapshot } from './history.ts'
import { logistic, oasysIntegerPercent, roundHalfUp } from './maths.ts'
import { calculateOgrs3, type Ogrs3Result } from './ogrs3.ts'
import { absent, type RiskInputs } from './types.ts'
import { Problems, ValidationError } from './validation-error.ts'

export const OGP_ALGORITHM = 'OGP'
export const OGP_VERSION = '2009.1.0'

/** OGP bands on the 2-year % (spec §4): LOW 1–33, MEDIUM 34–66, HIGH 67–84, VERY HIGH 85–99. */
export const OGP_BANDS: readonly BandThreshold[] = [
  { band: 'LOW', from: 0, below: 34 },
  { band: 'MEDIUM', from: 34, below: 67 },
  { band: 'HIGH', from: 67, below: 85 },
  { band: 'VERY_HIGH', from: 85, below: null },
]

/**
 * OGP band for a 2-year percentage (spec §4).
 *
 * @example
 * ogpBand(34) // 'MEDIUM'
 */
export function ogpBand(twoYearPercent: number): string {
  return bandFor(twoYearPercent, OGP_BANDS)
}

export interface OgpResult {
  algorithm: typeof OGP_ALGORITHM
  version: string
  totalPoints: number
  oneYearProbability: number
  twoYearProbability: number
  oneYearPercent: number
  twoYearPercent: number
  band: string
  /** The OGRS3 score OGP is built on; null when a precomputed OGRS3 % was given (`ogrs3TwoYear`). */
  ogrs3: Ogrs3Result | null
  explanation: Explanation
}

const DYNAMIC_FIELDS = [
  'isCurrentlyOfNoFixedAbodeOrTransientAccommodation',
  'isUnemployed',
  'regularOffendingActivities',
  'currentDrugMisuse',
  'motivationToTackleDrugMisuse',
  'problemSolvingSkills',
  'awarenessOfConsequences',
  'understandsOtherPeoplesViews',
  'proCriminalAttitudes',
] as const satisfies readonly (keyof RiskInputs)[]

/** 0/1/2 → 0/3/5 for 7.2 and 12.1 (spec §4). */
const ZERO_THREE_FIVE = [0, 3, 5] as const

/**
 * OGP — OASys General reoffending Predictor (2009): OGRS3 2-year % plus weighted dynamic needs, as points
 * (each component rounded half-up), then a logistic on the points (spec §4). Needs every OGRS3 input and the nine
 * OASys answers; throws a {@link ValidationError} naming any that are missing.
 *
 * @example
 * const r = calculateOgp({ ...ogrs3Inputs, isCurrentlyOfNoFixedAbodeOrTransientAccommodation: false, isUnemployed: true,
 *   regularOffendingActivities: 1, currentDrugMisuse: 2, motivationToTackleDrugMisuse: 0, problemSolvingSkills: 1,
 *   awarenessOfConsequences: 1, understandsOtherPeoplesViews: 0, proCriminalAttitudes: 1 })
 * r.totalPoints // 31
 */
export function calculateOgp(inputs: RiskInputs, options: { coefficients?: CoefficientSet } = {}): OgpResult {
  const problems = new Problems()
  const given = readGivenOgrs3(inputs, problems)
  let ogrs3: Ogrs3Result | undefined
  if (given === undefined && !problems.any) {
    try {
      ogrs3 = calculateOgrs3(inputs, { coefficients: options.coefficients ?? 'oasys' })
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      problems.errors.push(...e.errors)
    }
  }
  for (const f of DYNAMIC_FIELDS) {
    const v = inputs[f]
    if (absent(v)) problems.missing(f)
    else if (typeof v === 'number' && !(v === 0 || v === 1 || v === 2))
      problems.add(f, 'must be 0, 1 or 2', 'UNEXPECTED_VALUE')
  }
  problems.throwIfAny()

  const i = inputs as Required<{ [K in (typeof DYNAMIC_FIELDS)[number]]: NonNullable<RiskInputs[K]> }>
  const w = V1.ogp.weights
  // OGP uses the integer OGRS3 %, whatever the OGRS3 set (spec §3.8).
  const ogrs3Percent = given ?? Math.round(ogrs3!.twoYearPercent)
  const drugSum = i.currentDrugMisuse + i.motivationToTackleDrugMisuse
  const thinkingSum = i.problemSolvingSkills + i.awarenessOfConsequences + i.understandsOtherPeoplesViews
  const terms: Term[] = [
    {
      id: 'ogrs3',
      label: 'OGRS3 2-year %',
      value: ogrs3Percent,
      coefficient: w.ogrs3TwoYearPercent.multiplier,
      contribution: roundHalfUp(ogrs3Percent * w.ogrs3TwoYearPercent.multiplier),
    },
    {
      id: 'noFixedAbode',
      label: 'No fixed abode or transient accommodation',
      value: i.isCurrentlyOfNoFixedAbodeOrTransientAccommodation,
      contribution: i.isCurrentlyOfNoFixedAbodeOrTransientAccommodation ? 5 : 0,
      rule: 'yes → 5',
    },
    {
      id: 'S4Q2',
      label: 'Unemployed (4.2)',
      value: i.isUnemployed,
      contribution: i.isUnemployed ? 5 : 0,
      rule: 'yes → 5',
    },
    {
      id: 'S7Q2',
      label: 'Regular activities encourage offending (7.2)',
      value: i.regularOffendingActivities,
      contribution: ZERO_THREE_FIVE[i.regularOffendingActivities],
      rule: '0/1/2 → 0/3/5',
    },
    {
      id: 'drugs',
      label: 'Drug misuse + motivation to tackle it (8.8)',
      value: drugSum,
      coefficient: w.drugMisuse.multiplierOnSum,
      contribution: roundHalfUp(drugSum * w.drugMisuse.multiplierOnSum),
      rule: `(${i.currentDrugMisuse} + ${i.motivationToTackleDrugMisuse}) × 3.75, rounded`,
    },
    {
      id: 'thinking',
      label: 'Problem solving + awareness of consequences + understands others’ views',
      value: thinkingSum,
      coefficient: 5 / 6,
      // Multiply then divide so 3 × 5/6 is exactly 2.5 and rounds half-up to 3.
      contribution: roundHalfUp((thinkingSum * 5) / 6),
      rule: `(${i.problemSolvingSkills} + ${i.awarenessOfConsequences} + ${i.understandsOtherPeoplesViews}) × 5/6, rounded`,
    },
    {
      id: 'S12Q1',
      label: 'Pro-criminal attitudes (12.1)',
      value: i.proCriminalAttitudes,
      contribution: ZERO_THREE_FIVE[i.proCriminalAttitudes],
      rule: '0/1/2 → 0/3/5',
    },
  ]
  const points = terms.reduce((s, t) => s + t.contribution, 0)
  const l = V1.ogp.logistic
  const x1 = l.scale * points - l.shift1yr
  const x2 = l.scale * points - l.shift2yr
  const p1 = logistic(x1)
  const p2 = logistic(x2)
  const pc1 = oasysIntegerPercent(p1)
  const pc2 = oasysIntegerPercent(p2)
  const band = explainBand(pc2, '2-year %', OGP_BANDS)
  return {
    algorithm: OGP_ALGORITHM,
    version: OGP_VERSION,
    totalPoints: points,
    oneYearProbability: p1,
    twoYearProbability: p2,
    oneYearPercent: pc1,
    twoYearPercent: pc2,
    band: band.band,
    ogrs3: ogrs3 ?? null,
    explanation: {
      algorithm: OGP_ALGORITHM,
      version: OGP_VERSION,
      inputs: Object.assign(
        {},
        ogrs3 ? ogrs3.explanation.inputs : snapshot(inputs, ['ogrs3TwoYear']),
        snapshot(inputs, DYNAMIC_FIELDS),
      ),
      derived: { ogrs3TwoYearPercent: ogrs3Percent, ogrs3Version: ogrs3 ? ogrs3.version : 'given' },
      terms,
      total: points,
      outcomes: [
        { horizon: '1-year', linearScore: x1, probability: p1, percent: pc1 },
        { horizon: '2-year', linearScore: x2, probability: p2, percent: pc2 },
      ],
      band,
      notes: [
        'Each component is rounded half-up to a whole number before summing (spec §4).',
        ...(ogrs3 ? [] : ['OGRS3 2-year % given with the request (ogrs3TwoYear), not calculated from static inputs.']),
      ],
    },
  }
}

/**
 * A precomputed OGRS3 2-year % given instead of the static inputs, as the reference service accepts for OGP: a
 * percentage 1–99, rounded half-up to a whole percent as OASys reports OGRS3 (spec §3.5, §3.8). Undefined when none.
 *
 * @example
 * readGivenOgrs3({ ogrs3TwoYear: 81 }, new Problems()) // 81
 */
export function readGivenOgrs3(inputs: RiskInputs, problems: Problems): number | undefined {
  const v = inputs.ogrs3TwoYear
  if (absent(v)) return undefined
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 1 || v > 99) {
    problems.add('ogrs3TwoYear', 'must be an OGRS3 2-year percentage from 1 to 99', 'UNEXPECTED_VALUE')
    return undefined
  }
  return roundHalfUp(v)
}
