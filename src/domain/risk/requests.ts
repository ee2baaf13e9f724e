import type { CoefficientSet } from './coefficients.ts'
import { riskInputsFromJson } from './json-inputs.ts'
import { calculateOgp } from './ogp.ts'
import { calculateOgrs3 } from './ogrs3.ts'
import { calculateOspDc } from './osp-dc.ts'
import { calculateOspIic } from './osp-iic.ts'
import { calculateOvp } from './ovp.ts'
import { calculateRsr } from './rsr.ts'
import { calculateSnsv } from './snsv.ts'
import { ValidationError, type FieldError } from './validation-error.ts'

export const PREDICTORS = ['OGRS3', 'OGP', 'OVP', 'SNSV', 'OSP/DC', 'OSP/IIC', 'RSR'] as const
export type PredictorName = (typeof PREDICTORS)[number]

/** One request of the `probity risk` contract (risk-predictors.json `_meta.contract`). */
export interface PredictorRequest {
  predictor: string
  coefficients?: string
  inputs: unknown
}

export type PredictorResponse = { output: Record<string, unknown> } | { error: string; errors: FieldError[] }

/**
 * Scores one JSON request: parses the inputs, runs the predictor and returns the contract's flat `output`
 * (plus `explanation` when asked), or an `error` with every field-level reason. Never throws for bad input.
 *
 * @example
 * scoreRequest({ predictor: 'OGRS3', coefficients: 'full', inputs: { … } })
 * // → { output: { algorithm: 'OGRS3', version: '…', oneYearProbability: 0.12…, … } }
 */
export function scoreRequest(request: PredictorRequest, options: { explain?: boolean } = {}): PredictorResponse {
  try {
    const output = run(request)
    if (!options.explain) delete output.explanation
    return { output }
  } catch (e) {
    if (e instanceof ValidationError) return { error: e.message, errors: e.errors }
    throw e
  }
}

function run(request: PredictorRequest): Record<string, unknown> {
  const predictor = request.predictor
  const set = request.coefficients ?? 'oasys'
  if (set !== 'oasys' && set !== 'full') {
    throw new ValidationError([
      { field: 'coefficients', message: 'must be "oasys" or "full"', code: 'UNEXPECTED_VALUE' },
    ])
  }
  const coefficients: CoefficientSet = set
  const v1Followup = predictor === 'OGRS3' || predictor === 'OGP' || predictor === 'OVP' ? 'calculated' : 'userInput'
  switch (predictor) {
    case 'OGRS3': {
      const { explanation, ...r } = calculateOgrs3(riskInputsFromJson(request.inputs, v1Followup), { coefficients })
      return { ...r, explanation }
    }
    case 'OGP': {
      const { ogrs3, explanation, ...r } = calculateOgp(riskInputsFromJson(request.inputs, v1Followup), {
        coefficients,
      })
      return {
        ...r,
        ogrs3TwoYearPercent: ogrs3?.twoYearPercent ?? explanation.derived.ogrs3TwoYearPercent,
        explanation,
      }
    }
    case 'OVP':
      return { ...calculateOvp(riskInputsFromJson(request.inputs, v1Followup)) }
    case 'SNSV':
      return { ...calculateSnsv(riskInputsFromJson(request.inputs, v1Followup)) }
    case 'OSP/DC':
      return { ...calculateOspDc(riskInputsFromJson(request.inputs, v1Followup)) }
    case 'OSP/IIC':
      return { ...calculateOspIic(riskInputsFromJson(request.inputs, v1Followup)) }
    case 'RSR': {
      const { snsv, ospDc, ospIic, explanation, ...r } = calculateRsr(riskInputsFromJson(request.inputs, v1Followup))
      return {
        ...r,
        components: { snsv: strip(snsv), ospDc: ospDc && strip(ospDc), ospIic: ospIic && strip(ospIic) },
        explanation: {
          rsr: explanation,
          snsv: snsv.explanation,
          ospDc: ospDc?.explanation ?? null,
          ospIic: ospIic?.explanation ?? null,
        },
      }
    }
    default:
      throw new ValidationError([
        {
          field: 'predictor',
          message: `unknown predictor "${String(predictor)}"; expected one of ${PREDICTORS.join(', ')}`,
          code: 'UNKNOWN_PREDICTOR',
        },
      ])
  }
}

function strip<T extends { explanation: unknown }>(r: T): Omit<T, 'explanation'> {
  const { explanation: _explanation, ...rest } = r
  return rest
}

/** One answer of the `probity risk` batch contract, echoing the request's `id`. */
export type PredictorAnswer = { id: unknown } & PredictorResponse

/**
 * Scores one untrusted item of a batch. Items may carry their fields at the top level or under `request` (as the
 * reference vector files do); an item that is not an object is refused, never thrown.
 *
 * @example
 * answerPredictorRequest({ id: 'a', predictor: 'OGRS3', inputs: { … } }) // { id: 'a', output: { … } }
 */
export function answerPredictorRequest(
  item: unknown,
  options: { explain?: boolean; index?: number } = {},
): PredictorAnswer {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    const which = options.index === undefined ? 'request' : `request ${options.index}`
    return {
      id: null,
      error: `${which} is not an object`,
      errors: [{ field: 'request', message: 'must be an object' }],
    }
  }
  const r = item as Record<string, unknown>
  const body = (r.request && typeof r.request === 'object' ? r.request : r) as Record<string, unknown>
  const request = {
    predictor: String(body.predictor),
    coefficients: body.coefficients as string | undefined,
    inputs: body.inputs,
  }
  return { id: r.id ?? null, ...scoreRequest(request, { explain: options.explain }) }
}

/**
 * The batch contract shared by `probity risk` and `POST /api/v1/calculations/risk`: one answer per request, in order.
 *
 * @example
 * scoreRequests([a, b], { explain: true }) // [{ id: 'a', output: {…} }, { id: 'b', error: '…', errors: […] }]
 */
export function scoreRequests(items: readonly unknown[], options: { explain?: boolean } = {}): PredictorAnswer[] {
  return items.map((item, index) => answerPredictorRequest(item, { ...options, index }))
}
