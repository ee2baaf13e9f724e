import { explainBand, type BandThreshold, type Explanation, type Term } from './explanation.ts'
import { clamp, percent2dp, roundHalfUp } from './maths.ts'
import { FEMALE_SEXUAL_OFFENDER_PROBABILITY, calculateOspDc, type OspDcResult } from './osp-dc.ts'
import { calculateOspIic, type OspIicResult } from './osp-iic.ts'
import { SNSV_DYNAMIC_FIELDS, calculateSnsv, type ScoreType, type SnsvResult } from './snsv.ts'
import { snapshot } from './history.ts'
import { absent, type RiskInputs } from './types.ts'
import { Problems, ValidationError } from './validation-error.ts'

export const RSR_ALGORITHM = 'RSR'
export const RSR_VERSION = '1.0.0'

/** RSR v1 bands (spec §6.4): LOW < 3.0, MEDIUM 3.0–< 6.9, HIGH ≥ 6.9. */
export const RSR_BANDS: readonly BandThreshold[] = [
  { band: 'LOW', from: 0, below: 3 },
  { band: 'MEDIUM', from: 3, below: 6.9 },
  { band: 'HIGH', from: 6.9, below: null },
]

/**
 * RSR band for a percentage (spec §6.4).
 *
 * @example
 * rsrBand(6.9) // 'HIGH'
 */
export function rsrBand(percent: number): string {
  return explainBand(percent, 'RSR %', RSR_BANDS).band
}

export interface RsrCombination {
  snsvPercent: number
  ospdcPercent: number
  ospiicPercent: number
  femaleSexualOffenderPercent: number
  /** round2(sum), clamped to [0, 99.99]. */
  rsrPercent: number
}

/**
 * Combines component probabilities into RSR % (spec §6.4): each converted to a 2 dp percentage first, then summed,
 * rounded to 2 dp and clamped to [0, 99.99]. Women with a sexual-offence history add 1/261 (0.38 %).
 *
 * @example
 * combineRsr({ snsvProbability: 0.0312312312, ospdcProbability: 0.0512312312, ospiicProbability: 0.0212312312 }).rsrPercent // 10.36
 */
export function combineRsr(c: {
  snsvProbability: number
  ospdcProbability?: number
  ospiicProbability?: number
  femaleSexualOffender?: boolean
}): RsrCombination {
  const snsvPercent = percent2dp(c.snsvProbability)
  const ospdcPercent = percent2dp(c.ospdcProbability ?? 0)
  const ospiicPercent = percent2dp(c.ospiicProbability ?? 0)
  const femaleSexualOffenderPercent = c.femaleSexualOffender ? percent2dp(FEMALE_SEXUAL_OFFENDER_PROBABILITY) : 0
  const rsrPercent = clamp(
    roundHalfUp(snsvPercent + ospdcPercent + ospiicPercent + femaleSexualOffenderPercent, 2),
    0,
    99.99,
  )
  return { snsvPercent, ospdcPercent, ospiicPercent, femaleSexualOffenderPercent, rsrPercent }
}

export interface RsrResult {
  algorithm: typeof RSR_ALGORITHM
  version: string
  /** RSR %, 2 dp. */
  overallScore: number
  band: string
  /** Whether SNSV used its static or dynamic model. */
  scoreType: ScoreType
  snsvScore: number
  /** Null when there is no sexual-offence history (OSP not scored). */
  ospdcScore: number | null
  ospdcBand: string | null
  ospiicScore: number | null
  ospiicBand: string | null
  femaleSexualOffenderScore: number
  snsv: SnsvResult
  ospDc: OspDcResult | null
  ospIic: OspIicResult | null
  warnings: { field: string; message: string; code: string }[]
  explanation: Explanation
}

/** Every input RSR can use, for the stored input snapshot (one pass is much cheaper than merging components'). */
const RSR_FIELDS = [
  'gender',
  'dateOfBirth',
  'assessmentDate',
  'dateOfCurrentConviction',
  'dateAtStartOfFollowup',
  'totalNumberOfSanctionsForAllOffences',
  'totalNumberOfViolentSanctions',
  'ageAtFirstSanction',
  'dateOfFirstSanction',
  'currentOffenceCode',
  'snsvOffenceCategory',
  'snsvVatpCategory',
  'supervisionStatus',
  ...SNSV_DYNAMIC_FIELDS,
  'domesticAbuseAgainstPartner',
  'snsvStaticOrDynamic',
  'hasEverCommittedSexualOffence',
  'isCurrentOffenceSexuallyMotivated',
  'totalContactAdultSexualSanctions',
  'totalContactChildSexualSanctions',
  'totalNonContactSexualOffences',
  'totalIndecentImageSanctions',
  'dateOfMostRecentSexualOffence',
  'isCurrentOffenceAgainstVictimStranger',
  'mostRecentOffenceDate',
] as const satisfies readonly (keyof RiskInputs)[]

const SEXUAL_COUNTS = [
  'totalContactAdultSexualSanctions',
  'totalContactChildSexualSanctions',
  'totalIndecentImageSanctions',
  'totalNonContactSexualOffences',
] as const

/**
 * RSR v1 — Risk of Serious Recidivism = SNSV + OSP/DC + OSP/IIC (+ female constant), spec §6. Refuses (spec §6.4
 * edge cases) when the sexual-offending section is unanswered, or when a sexually motivated current offence comes
 * with no sexual sanctions at all.
 *
 * @example
 * const r = calculateRsr(person)
 * r.overallScore // e.g. 2.04; r.band // 'LOW'
 */
export function calculateRsr(inputs: RiskInputs): RsrResult {
  const problems = new Problems()
  const collect = <T>(f: () => T): T | undefined => {
    try {
      return f()
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      for (const err of e.errors) {
        if (!problems.errors.some(x => x.field === err.field && x.message === err.message)) problems.errors.push(err)
      }
      return undefined
    }
  }
  const snsv = collect(() => calculateSnsv(inputs))

  const history = inputs.hasEverCommittedSexualOffence
  if (absent(history)) {
    if (SEXUAL_COUNTS.every(f => absent(inputs[f]))) {
      problems.add(
        'hasEverCommittedSexualOffence',
        'the sexual-offending section is unanswered, so RSR cannot be scored',
        'MISSING_MANDATORY_INPUT',
      )
    } else {
      problems.missing('hasEverCommittedSexualOffence')
    }
  }
  if (
    history === true &&
    inputs.isCurrentOffenceSexuallyMotivated === true &&
    SEXUAL_COUNTS.every(f => inputs[f] === 0)
  ) {
    problems.add(
      'totalContactAdultSexualSanctions',
      'a sexually motivated current offence needs at least one sexual sanction, but all four sexual-sanction counts are 0',
      'SEXUAL_SANCTIONS_INCONSISTENT',
    )
  }
  let ospDc: OspDcResult | null = null
  let ospIic: OspIicResult | null = null
  if (history === true) {
    ospDc = collect(() => calculateOspDc(inputs)) ?? null
    ospIic = collect(() => calculateOspIic(inputs)) ?? null
  }
  problems.throwIfAny()

  const femaleSexualOffender = history === true && inputs.gender === 'FEMALE'
  const combo = combineRsr({
    snsvProbability: snsv!.probability,
    ospdcProbability: ospDc?.probability ?? 0,
    ospiicProbability: ospIic?.probability ?? 0,
    femaleSexualOffender,
  })
  const band = explainBand(combo.rsrPercent, 'RSR %', RSR_BANDS)
  const terms: Term[] = [
    {
      id: 'snsv',
      label: `Serious non-sexual violence (SNSV, ${snsv!.scoreType.toLowerCase()})`,
      value: snsv!.probability,
      contribution: combo.snsvPercent,
    },
    {
      id: 'ospdc',
      label: 'Direct-contact sexual reoffending (OSP/DC)',
      value: ospDc?.band ?? null,
      contribution: combo.ospdcPercent,
    },
    {
      id: 'ospiic',
      label: 'Images and indirect-contact sexual reoffending (OSP/IIC)',
      value: ospIic?.band ?? null,
      contribution: combo.ospiicPercent,
    },
    {
      id: 'femaleSexualOffender',
      label: 'Woman with a sexual-offence history (1/261)',
      value: femaleSexualOffender,
      contribution: combo.femaleSexualOffenderPercent,
    },
  ]
  const notes = ['Each component is a 2 dp percentage before summing; the sum is clamped to 0–99.99 (spec §6.4).']
  if (history === false) notes.push('No sexual-offence history: OSP/DC and OSP/IIC are not scored (0).')
  return {
    algorithm: RSR_ALGORITHM,
    version: RSR_VERSION,
    overallScore: combo.rsrPercent,
    band: band.band,
    scoreType: snsv!.scoreType,
    snsvScore: combo.snsvPercent,
    ospdcScore: ospDc ? combo.ospdcPercent : null,
    ospdcBand: ospDc?.band ?? null,
    ospiicScore: ospIic ? combo.ospiicPercent : null,
    ospiicBand: ospIic?.band ?? null,
    femaleSexualOffenderScore: combo.femaleSexualOffenderPercent,
    snsv: snsv!,
    ospDc,
    ospIic,
    warnings: snsv!.warnings,
    explanation: {
      algorithm: RSR_ALGORITHM,
      version: RSR_VERSION,
      inputs: snapshot(inputs, RSR_FIELDS),
      derived: {
        snsvVersion: snsv!.version,
        ospDcVersion: ospDc?.version ?? null,
        ospIicVersion: ospIic?.version ?? null,
        scoreType: snsv!.scoreType,
      },
      terms,
      total: combo.rsrPercent,
      outcomes: [
        {
          horizon: '2-year',
          linearScore: combo.rsrPercent,
          probability: combo.rsrPercent / 100,
          percent: combo.rsrPercent,
        },
      ],
      band,
      notes,
    },
  }
}
