import type { LocalDate } from '@js-joda/core'
import { ValidationError, type FieldError } from '../validation-error.ts'
import { v4Thresholds } from './bands.ts'
import { bandFor } from '../explanation.ts'
import { calculateCsrp, type CsrpResult } from './csrp.ts'
import { v4InputsFromJson } from './json.ts'
import { calculateArp, calculateSvrp, calculateVrp } from './linear.ts'
import type { LinearModelName } from './model.ts'
import { calculateDcSrp, calculateIicSrp, type SexualPredictorResult } from './sexual.ts'
import type { V4Inputs, V4Result } from './types.ts'

/** One answer of `probity risk-v4`: the case's id with an output, or an error naming every refused field. */
export type V4Answer =
  { id: unknown; output: Record<string, unknown> } | { id: unknown; error: string; errors: FieldError[] }

/** Reference-service algorithm names (and short names) → the v4 predictor. */
const ALGORITHMS: Record<string, string> = {
  ALL_REOFFENDING_PREDICTOR: 'ARP',
  VIOLENT_REOFFENDING_PREDICTOR: 'VRP',
  SERIOUS_VIOLENT_REOFFENDING_PREDICTOR: 'SVRP',
  COMBINED_SERIOUS_REOFFENDING_PREDICTOR: 'CSRP',
  DIRECT_CONTACT_SEXUAL_REOFFENDING_PREDICTOR: 'DC-SRP',
  IMAGES_AND_INDIRECT_CONTACT_SEXUAL_REOFFENDING_PREDICTOR: 'IIC-SRP',
  ARP: 'ARP',
  VRP: 'VRP',
  SVRP: 'SVRP',
  CSRP: 'CSRP',
  'DC-SRP': 'DC-SRP',
  'IIC-SRP': 'IIC-SRP',
}

const LINEAR: Record<LinearModelName, (i: V4Inputs, o?: { scoreType?: 'STATIC' | 'DYNAMIC' }) => V4Result> = {
  ARP: calculateArp,
  VRP: calculateVrp,
  SVRP: calculateSvrp,
}

function refuse(field: string, message: string): never {
  throw new ValidationError([{ field, message, code: 'UNEXPECTED_VALUE' }])
}

/**
 * Answers one case of the `probity risk-v4` contract (issue 20; shaped like test/vectors/predictors-v4-cases.json):
 * `regression` → `{ probability, percent2dp }` keyed `ARP_static` … `SVRP_dynamic`; `fixture` → the predictor's
 * output fields and `scoreType`; `band` → `{ band }`. Bad input gives `{ id, error, errors }`, never a throw.
 *
 * @example
 * answerV4Case({ id: 'b', kind: 'band', algorithm: 'ARP', inputs: { percent: 50 } }, today) // { id: 'b', output: { band: 'MEDIUM' } }
 */
export function answerV4Case(item: unknown, today: LocalDate): V4Answer {
  const id =
    item !== null && typeof item === 'object' && !Array.isArray(item) ? ((item as { id?: unknown }).id ?? null) : null
  try {
    if (id === null && (item === null || typeof item !== 'object' || Array.isArray(item)))
      refuse('case', 'must be an object')
    const c = item as { kind?: unknown; algorithm?: unknown; inputs?: unknown }
    if (c.kind === 'band') return { id, output: bandCase(c.algorithm, c.inputs) }
    if (c.kind === 'regression') return { id, output: regressionCase(v4InputsFromJson(c.inputs, today)) }
    if (c.kind === 'fixture') return { id, output: fixtureCase(c.algorithm, v4InputsFromJson(c.inputs, today)) }
    return refuse('kind', 'must be "regression", "fixture" or "band"')
  } catch (e) {
    if (e instanceof ValidationError) return { id, error: e.message, errors: e.errors }
    throw e
  }
}

/**
 * Answers a whole batch, in order.
 *
 * @example
 * answerV4Cases([a, b], today).length // 2
 */
export function answerV4Cases(items: readonly unknown[], today: LocalDate): V4Answer[] {
  return items.map(i => answerV4Case(i, today))
}

function bandCase(algorithm: unknown, inputs: unknown): Record<string, unknown> {
  const thresholds = typeof algorithm === 'string' ? v4Thresholds(algorithm) : undefined
  if (!thresholds) return refuse('algorithm', 'must be ARP, VRP, SVRP, CSRP or SVRP/CSRP')
  const percent = (inputs as { percent?: unknown } | null)?.percent
  if (typeof percent !== 'number' || !Number.isFinite(percent) || percent < 0 || percent > 100)
    return refuse('percent', 'must be a percentage from 0 to 100')
  return { band: bandFor(percent, thresholds) }
}

function regressionCase(inputs: V4Inputs): Record<string, unknown> {
  const probability: Record<string, number> = {}
  const percent2dp: Record<string, number> = {}
  for (const name of ['ARP', 'VRP', 'SVRP'] as const) {
    for (const type of ['STATIC', 'DYNAMIC'] as const) {
      const r = LINEAR[name](inputs, { scoreType: type })
      const key = `${name}_${type.toLowerCase()}`
      probability[key] = r.probability
      percent2dp[key] = r.score
    }
  }
  return { probability, percent2dp }
}

function fixtureCase(algorithm: unknown, inputs: V4Inputs): Record<string, unknown> {
  const name = typeof algorithm === 'string' && Object.hasOwn(ALGORITHMS, algorithm) ? ALGORITHMS[algorithm] : null
  if (name === null) return refuse('algorithm', `must be one of ${Object.keys(ALGORITHMS).join(', ')}`)
  if (name === 'ARP' || name === 'VRP' || name === 'SVRP') {
    const r = LINEAR[name](inputs)
    return { band: r.band, score: r.score, scoreType: r.scoreType }
  }
  if (name === 'DC-SRP') return { ...dcOutput(calculateDcSrp(inputs)), scoreType: 'STATIC' }
  if (name === 'IIC-SRP') return { ...iicOutput(calculateIicSrp(inputs)), scoreType: 'STATIC' }
  const r = calculateCsrp(inputs)
  return { ...csrpOutput(r), scoreType: 'COMBINED' }
}

function dcOutput(r: SexualPredictorResult): Record<string, unknown> {
  return {
    band: r.band,
    pointScore: r.pointScore,
    score: r.score,
    femaleVersion: r.femaleVersion,
    hasSexualOffenceHistory: r.hasSexualOffenceHistory,
    riskBandReductionApplied: r.riskBandReductionApplied,
  }
}

function iicOutput(r: SexualPredictorResult): Record<string, unknown> {
  return {
    band: r.band,
    score: r.score,
    femaleVersion: r.femaleVersion,
    hasSexualOffenceHistory: r.hasSexualOffenceHistory,
  }
}

const REFERENCE_NAMES: Record<string, string> = {
  'DC-SRP': 'DIRECT_CONTACT_SEXUAL_REOFFENDING_PREDICTOR',
  'IIC-SRP': 'IMAGES_AND_INDIRECT_CONTACT_SEXUAL_REOFFENDING_PREDICTOR',
  SVRP: 'SERIOUS_VIOLENT_REOFFENDING_PREDICTOR',
}

function component(r: V4Result, output: Record<string, unknown>): Record<string, unknown> {
  return {
    algorithm: REFERENCE_NAMES[r.algorithm],
    type: r.scoreType,
    modelVersion: '1.0',
    thresholdsVersion: '1.0',
    output,
    featureValues: r.featureValues,
    validationErrors: r.warnings,
  }
}

/**
 * The CSRP output as the reference service reports it: band, overall score, female/history flags and each
 * component with its own output and feature values.
 *
 * @example
 * csrpOutput(calculateCsrp(inputs)).overallScore // 2.51
 */
export function csrpOutput(r: CsrpResult): Record<string, unknown> {
  return {
    band: r.band,
    overallScore: r.overallScore,
    femaleVersion: r.femaleVersion,
    hasSexualOffenceHistory: r.hasSexualOffenceHistory,
    componentScores: {
      directContactSexualPredictorScore: component(r.dcSrp, dcOutput(r.dcSrp)),
      indirectContactSexualPredictorScore: component(r.iicSrp, iicOutput(r.iicSrp)),
      seriousViolentPredictorScore: component(r.svrp, { band: r.svrp.band, score: r.svrp.score }),
    },
  }
}
