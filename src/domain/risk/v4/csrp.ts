import { explainBand } from '../explanation.ts'
import { clamp, percent2dp, roundHalfUp } from '../maths.ts'
import { ValidationError, type FieldError } from '../validation-error.ts'
import { SERIOUS_BANDS } from './bands.ts'
import { V4_VERSION, calculateSvrp, type V4Options } from './linear.ts'
import { V4 } from './model.ts'
import { calculateDcSrp, calculateIicSrp, type SexualPredictorResult } from './sexual.ts'
import type { V4Inputs, V4Result } from './types.ts'

export const CSRP_ALGORITHM = 'CSRP'

/** CSRP and its three components; `svrpType` is what tier v3 calls the CSRP's static/dynamic type. */
export interface CsrpResult extends V4Result {
  overallScore: number
  femaleVersion: boolean
  hasSexualOffenceHistory: boolean
  svrpType: 'STATIC' | 'DYNAMIC'
  svrp: V4Result
  dcSrp: SexualPredictorResult
  iicSrp: SexualPredictorResult
}

/** Women with a sexual-offence history add 1/261 (0.38 %) instead of DC-SRP/IIC-SRP (§6.2, §7.3). */
export const CSRP_FEMALE_SEXUAL_OFFENDER = V4.other.CSRP.femaleSexualOffender

/**
 * CSRP — Combined Serious Reoffending Predictor (risk-and-tier.md §7.3): round2(SVRP% + DC-SRP% + IIC-SRP% + the
 * female sexual-offender constant 0.38 %), clamped to [0, 99.99], banded LOW < 1, MEDIUM 1–< 3, HIGH 3–< 6.9,
 * VERY HIGH ≥ 6.9. Refuses (every component's reasons together) when any component is refused.
 *
 * @example
 * calculateCsrp(inputs).overallScore // e.g. 2.51
 */
export function calculateCsrp(inputs: V4Inputs, options: V4Options = {}): CsrpResult {
  const errors: FieldError[] = []
  const attempt = <T>(run: () => T): T | undefined => {
    try {
      return run()
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      for (const err of e.errors) if (!errors.some(x => x.field === err.field && x.code === err.code)) errors.push(err)
      return undefined
    }
  }
  const svrp = attempt(() => calculateSvrp(inputs, options))
  const dcSrp = attempt(() => calculateDcSrp(inputs))
  const iicSrp = attempt(() => calculateIicSrp(inputs))
  if (errors.length > 0) throw new ValidationError(errors)
  const female = inputs.gender === 'FEMALE'
  const history = inputs.hasEverCommittedSexualOffence === true
  const femalePercent = female && history ? percent2dp(CSRP_FEMALE_SEXUAL_OFFENDER) : 0
  const sum = svrp!.score + dcSrp!.score + iicSrp!.score + femalePercent
  const overallScore = clamp(roundHalfUp(sum, 2), 0, 99.99)
  const band = explainBand(overallScore, 'CSRP %', SERIOUS_BANDS)
  const terms = [
    {
      id: 'seriousViolentPredictorScore',
      label: `SVRP (${svrp!.scoreType.toLowerCase()}) %`,
      value: svrp!.score,
      contribution: svrp!.score,
    },
    { id: 'directContactSexualPredictorScore', label: 'DC-SRP %', value: dcSrp!.score, contribution: dcSrp!.score },
    {
      id: 'indirectContactSexualPredictorScore',
      label: 'IIC-SRP %',
      value: iicSrp!.score,
      contribution: iicSrp!.score,
    },
    {
      id: 'femaleSexualOffenderConstant',
      label: 'Female sexual-offender constant (1/261) %',
      value: female && history,
      contribution: femalePercent,
    },
  ]
  return {
    algorithm: CSRP_ALGORITHM,
    version: V4_VERSION,
    scoreType: 'COMBINED',
    probability: overallScore / 100,
    score: overallScore,
    overallScore,
    band: band.band,
    warnings: svrp!.warnings,
    featureValues: Object.fromEntries(terms.map(t => [t.id, t.contribution])),
    femaleVersion: female,
    hasSexualOffenceHistory: history,
    svrpType: svrp!.scoreType as 'STATIC' | 'DYNAMIC',
    svrp: svrp!,
    dcSrp: dcSrp!,
    iicSrp: iicSrp!,
    explanation: {
      algorithm: CSRP_ALGORITHM,
      version: V4_VERSION,
      inputs: svrp!.explanation.inputs,
      derived: { svrpType: svrp!.scoreType },
      terms,
      total: sum,
      outcomes: [{ horizon: '2-year', linearScore: sum, probability: overallScore / 100, percent: overallScore }],
      band,
      notes: ['Each component is a 2 dp percentage before the sum (spec §6.4, §7.3).'],
    },
  }
}
