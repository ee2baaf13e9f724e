import { V1, ogrs3AgeGenderParameter, ogrs3OffenceParameter, type CoefficientSet } from './coefficients.ts'
import { bandFor, explainBand, type BandThreshold, type Explanation, type Term } from './explanation.ts'
import {
  checkAgeAtFirstSanction,
  checkConvictionAge,
  checkCount,
  checkDateAge,
  checkGender,
  snapshot,
} from './history.ts'
import { logistic, oasysIntegerPercent, percent2dp } from './maths.ts'
import { NEED_DETAILS_OF_EXACT_OFFENCE_MESSAGE, isOffenceCodeShape, lookupOffenceCode } from './offence-codes.ts'
import { absent, type RiskInputs } from './types.ts'
import { Problems } from './validation-error.ts'

export const OGRS3_ALGORITHM = 'OGRS3'
/** Bump when a rule or coefficient changes, so stored scores can be replayed with the rules that made them. */
export const OGRS3_VERSION = { oasys: '3.0.0-oasys-table', full: '3.0.0-moj-spreadsheet' } as const

/** OGRS3 bands on the 2-year % (spec §3.5): LOW 0–49, MEDIUM 50–74, HIGH 75–89, VERY HIGH 90+. */
export const OGRS3_BANDS: readonly BandThreshold[] = [
  { band: 'LOW', from: 0, below: 50 },
  { band: 'MEDIUM', from: 50, below: 75 },
  { band: 'HIGH', from: 75, below: 90 },
  { band: 'VERY_HIGH', from: 90, below: null },
]

/**
 * OGRS3 band for a 2-year percentage (spec §3.5).
 *
 * @example
 * ogrs3Band(75) // 'HIGH'
 */
export function ogrs3Band(twoYearPercent: number): string {
  return bandFor(twoYearPercent, OGRS3_BANDS)
}

/**
 * OGRS3 probability for a linear score x (before intercepts) at a horizon: logistic(x + intercept) (spec §3.2).
 *
 * @example
 * ogrs3Probability(0, 'oneYear', 'oasys') // 0.80259…
 */
export function ogrs3Probability(linearScore: number, horizon: 'oneYear' | 'twoYear', set: CoefficientSet): number {
  const intercept = horizon === 'oneYear' ? V1.ogrs3.intercept1yr[set] : V1.ogrs3.intercept2yr[set]
  return logistic(linearScore + intercept)
}

export interface Ogrs3Options {
  /** Coefficient table (default `oasys`). */
  coefficients?: CoefficientSet
  /**
   * Cap previous sanctions at 50 (total 51) in the Copas numerator, as the MoJ spreadsheet does (spec §3.2).
   * Default: on for `full` (reproduces the spreadsheet), off for `oasys` (ARNS applies no cap; spec §10.3).
   */
  capPreviousSanctions?: boolean
}

export interface Ogrs3Result {
  algorithm: typeof OGRS3_ALGORITHM
  version: string
  coefficients: CoefficientSet
  /** Unrounded 1-year proven reoffending probability. */
  oneYearProbability: number
  twoYearProbability: number
  /** `oasys`: whole percent clamped 1–99 (after rounding the probability to 5 dp); `full`: 2 dp percent. */
  oneYearPercent: number
  twoYearPercent: number
  band: string
  explanation: Explanation
}

const INPUT_FIELDS = [
  'gender',
  'dateOfBirth',
  'dateOfCurrentConviction',
  'dateAtStartOfFollowup',
  'totalNumberOfSanctionsForAllOffences',
  'ageAtFirstSanction',
  'dateOfFirstSanction',
  'currentOffenceCode',
  'ogrs3OffenceCategory',
] as const

/** Previous-sanctions cap of the MoJ spreadsheet (spec §3.2). */
const PREVIOUS_SANCTIONS_CAP = V1.ogrs3.previousSanctionsCapForCopas.value

/**
 * Resolves the OGRS3 offence category from a Home Office code or a category name, refusing unknown codes and the
 * group-level codes that need the exact offence (spec §3.4).
 *
 * @example
 * resolveOgrs3Category({ currentOffenceCode: '02700' }, new Problems()) // 'Soliciting or prostitution'
 */
export function resolveOgrs3Category(inputs: RiskInputs, problems: Problems): string | undefined {
  if (!absent(inputs.currentOffenceCode)) {
    const code = inputs.currentOffenceCode
    if (!isOffenceCodeShape(code)) {
      problems.add('currentOffenceCode', `"${code}" is not a 5-digit Home Office offence code`, 'INVALID_OFFENCE_CODE')
      return undefined
    }
    const hit = lookupOffenceCode(code)
    if (!hit) {
      problems.add('currentOffenceCode', `offence code ${code} is not in the offence mapping`, 'UNKNOWN_OFFENCE_CODE')
      return undefined
    }
    if (hit.ogrs3NeedsExactOffence) {
      problems.add('currentOffenceCode', NEED_DETAILS_OF_EXACT_OFFENCE_MESSAGE, 'NEED_DETAILS_OF_EXACT_OFFENCE')
      return undefined
    }
    if (!hit.ogrs3Category) {
      problems.add('currentOffenceCode', `offence code ${code} has no OGRS3 weight`, 'OFFENCE_CODE_HAS_NO_OGRS3_WEIGHT')
      return undefined
    }
    if (!absent(inputs.ogrs3OffenceCategory) && inputs.ogrs3OffenceCategory !== hit.ogrs3Category) {
      problems.add(
        'ogrs3OffenceCategory',
        `"${inputs.ogrs3OffenceCategory}" contradicts offence code ${code} ("${hit.ogrs3Category}")`,
        'INCONSISTENT_OFFENCE',
      )
      return undefined
    }
    return hit.ogrs3Category
  }
  if (!absent(inputs.ogrs3OffenceCategory)) {
    const name = inputs.ogrs3OffenceCategory
    if (ogrs3OffenceParameter(name, 'oasys') === undefined) {
      problems.add('ogrs3OffenceCategory', `"${name}" is not an OGRS3 offence category`, 'UNKNOWN_OFFENCE_CATEGORY')
      return undefined
    }
    return name
  }
  problems.missing('currentOffenceCode')
  return undefined
}

/**
 * OGRS3 — Offender Group Reconviction Scale v3: 1- and 2-year probability of proven reoffending from static
 * criminal history (spec §3). Throws a {@link ValidationError} naming every missing or impossible input.
 *
 * @example
 * const r = calculateOgrs3({
 *   gender: 'MALE', dateOfBirth: LocalDate.parse('1965-12-07'), dateOfCurrentConviction: LocalDate.parse('2025-05-13'),
 *   dateAtStartOfFollowup: LocalDate.parse('2026-12-12'), totalNumberOfSanctionsForAllOffences: 2,
 *   ageAtFirstSanction: 47, currentOffenceCode: '02700',
 * })
 * r.twoYearPercent // 16, r.band // 'LOW'
 */
export function calculateOgrs3(inputs: RiskInputs, options: Ogrs3Options = {}): Ogrs3Result {
  const set = options.coefficients ?? 'oasys'
  const cap = options.capPreviousSanctions ?? set === 'full'
  const problems = new Problems()

  const gender = checkGender(inputs, problems)
  const dob = absent(inputs.dateOfBirth) ? (problems.missing('dateOfBirth'), undefined) : inputs.dateOfBirth
  const conviction = checkDateAge(inputs, 'dateOfCurrentConviction', dob, problems)
  const followup = checkDateAge(inputs, 'dateAtStartOfFollowup', dob, problems)
  const total = checkCount(inputs, 'totalNumberOfSanctionsForAllOffences', problems, 1, 999)
  checkConvictionAge(conviction, problems)
  const ageAtFirst = checkAgeAtFirstSanction(inputs, dob, conviction, problems)
  const category = resolveOgrs3Category(inputs, problems)
  const ageGender =
    followup?.age !== undefined && gender ? ogrs3AgeGenderParameter(followup.age, gender, set) : undefined
  if (followup?.age !== undefined && gender && !ageGender) {
    problems.add('dateAtStartOfFollowup', `age at start of follow-up (${followup.age}) is under 10`, 'AGE_UNDER_TEN')
  }
  problems.throwIfAny()

  // Everything below is defined: throwIfAny() refused any request with a gap.
  const ageAtConviction = conviction!.age!
  const g = ageGender!
  const n = total!
  const gap = ageAtConviction - ageAtFirst!
  const c = V1.ogrs3
  const notes: string[] = []

  const repeat = n >= 2
  const sanctionParam = repeat ? c.sanctionStatus.repeatSanction[set] : c.sanctionStatus.firstSanction[set]
  const copasN = cap ? Math.min(n, PREVIOUS_SANCTIONS_CAP + 1) : n
  if (copasN !== n) {
    notes.push(
      `Previous sanctions capped at ${PREVIOUS_SANCTIONS_CAP} in the Copas rate, as the MoJ spreadsheet does (spec §3.2).`,
    )
  }
  const copasRate = Math.log(copasN / (10 + gap))
  const copas = c.copasMultiplier[set] * copasRate
  const offence = ogrs3OffenceParameter(category!, set)!
  if (category === 'Sexual (not against child)') {
    notes.push(
      'Known discrepancy (spec §3.9.1): OASys uses 0.0328 for this category, the MoJ spreadsheet 0.003276327; this score uses the ' +
        `${set} value.`,
    )
  }
  if (gender === 'FEMALE' && followup!.age! < 16) {
    notes.push('Female ages 10–15 use the negative spreadsheet values, not the positive ARNS ones (spec §3.3).')
  }

  const ageRange = g.maxAge === null ? `${g.minAge}+` : `${g.minAge}–${g.maxAge}`
  const terms: Term[] = [
    {
      id: 'ageGender',
      label: 'Age at start of follow-up and gender',
      value: followup!.age!,
      contribution: g.value,
      rule: `age ${ageRange}, ${gender!.toLowerCase()}`,
    },
    {
      id: 'sanctionStatus',
      label: repeat ? 'Repeat sanction (2 or more sanctions)' : 'First sanction',
      value: n,
      contribution: sanctionParam,
      rule: repeat ? 'total sanctions ≥ 2' : 'total sanctions = 1',
    },
    {
      id: 'copas',
      label: 'Copas rate: ln(sanctions ÷ (10 + years in criminal career))',
      value: copasRate,
      coefficient: c.copasMultiplier[set],
      contribution: copas,
      rule: `ln(${copasN} / (10 + ${ageAtConviction} − ${ageAtFirst}))`,
    },
    { id: 'offence', label: 'Current offence category', value: category!, contribution: offence },
  ]
  const x = g.value + sanctionParam + copas + offence
  const i1 = c.intercept1yr[set]
  const i2 = c.intercept2yr[set]
  const p1 = logistic(x + i1)
  const p2 = logistic(x + i2)
  const toPercent = set === 'oasys' ? oasysIntegerPercent : percent2dp
  const pc1 = toPercent(p1)
  const pc2 = toPercent(p2)
  if (set === 'oasys')
    notes.push('Probabilities rounded to 5 dp, then to a whole percent, clamped to 1–99 (spec §3.5).')
  const band = explainBand(pc2, '2-year %', OGRS3_BANDS)
  const version = OGRS3_VERSION[set]
  return {
    algorithm: OGRS3_ALGORITHM,
    version,
    coefficients: set,
    oneYearProbability: p1,
    twoYearProbability: p2,
    oneYearPercent: pc1,
    twoYearPercent: pc2,
    band: band.band,
    explanation: {
      algorithm: OGRS3_ALGORITHM,
      version,
      inputs: snapshot(inputs, INPUT_FIELDS),
      derived: {
        coefficients: set,
        ageAtStartOfFollowup: followup!.age!,
        ageAtCurrentConviction: ageAtConviction,
        ageAtFirstSanction: ageAtFirst!,
        yearsInCriminalCareer: gap,
        ogrs3OffenceCategory: category!,
        capPreviousSanctions: cap,
      },
      terms,
      total: x,
      outcomes: [
        { horizon: '1-year', linearScore: x + i1, probability: p1, percent: pc1 },
        { horizon: '2-year', linearScore: x + i2, probability: p2, percent: pc2 },
      ],
      band,
      notes,
    },
  }
}
