import { InputReader } from './input-reader.ts'
import { ValidationError, type FieldError } from './validation-error.ts'
import { calculateTierV2 } from './tier-v2.ts'
import { parseTierV2Inputs } from './tier-v2-input.ts'
import type { TierV2Inputs, TierV2Result } from './tier-v2-types.ts'
import { calculateTierV3 } from './tier-v3.ts'
import { parseTierV3Inputs } from './tier-v3-input.ts'
import type { TierV3Inputs, TierV3Result } from './tier-v3-types.ts'

/** The calculations a request may ask for. */
export const CALCULATIONS = ['v2', 'v3'] as const
export type Calculation = (typeof CALCULATIONS)[number]

/**
 * Runs one `probity tier` request, `{ calculation: 'v2' | 'v3', calculationDate: 'YYYY-MM-DD', inputs }`
 * (test/vectors/tier.json `_meta.contract`), from untrusted JSON. Throws ValidationError for any missing or
 * impossible field, including an unknown calculation or a bad date.
 *
 * @example
 * runTierRequest({ calculation: 'v3', calculationDate: '2026-11-22', inputs: { hasActiveEvent: false } }).tier
 * // 'NOT_SUPERVISED'
 */
export function runTierRequest(request: unknown): TierV2Result | TierV3Result {
  const r = new InputReader()
  const obj = r.object(request, 'request')
  if (!obj) return (r.throwIfAny(), undefined as never)
  const calculation = r.oneOf(obj, 'calculation', 'calculation', CALCULATIONS)
  const calculationDate = r.date(obj, 'calculationDate', 'calculationDate')
  const raw = r.present(obj, 'inputs', 'inputs')
  // Check the inputs even when the request fields are wrong, so every problem is reported in one answer.
  let parsed: { v2: TierV2Inputs } | { v3: TierV3Inputs } | undefined
  if (calculation && raw !== undefined) {
    try {
      parsed =
        calculation === 'v2' ? { v2: parseTierV2Inputs(raw) } : { v3: parseTierV3Inputs(raw, calculationDate ?? null) }
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      r.errors.push(...e.errors)
    }
  }
  r.throwIfAny()
  if (!calculationDate || !parsed) throw new Error('unreachable: request validated above')
  return 'v2' in parsed ? calculateTierV2(parsed.v2, calculationDate) : calculateTierV3(parsed.v3, calculationDate)
}

/** One answer of the tier contract: the result, or why the request was refused (every field at fault). */
export type TierAnswer =
  { id: unknown; output: TierV2Result | TierV3Result } | { id: unknown; error: string; fields?: FieldError[] }

/**
 * Answers one request of the contract, echoing its `id`. A refusal becomes `{ id, error, fields }`; a defect in the
 * calculator is reported for this request only, so one bad case never stops a batch.
 *
 * @example
 * answerTierRequest({ id: 'a', calculation: 'v3', calculationDate: '2026-11-22', inputs: { hasActiveEvent: false } })
 * // { id: 'a', output: { tier: 'NOT_SUPERVISED', provisional: false, … } }
 */
export function answerTierRequest(request: unknown): TierAnswer {
  const id = request !== null && typeof request === 'object' && 'id' in request ? (request as { id: unknown }).id : null
  try {
    return { id, output: runTierRequest(request) }
  } catch (e) {
    if (e instanceof ValidationError) return { id, error: e.message, fields: e.errors }
    return { id, error: `internal error: ${(e as Error).message}` }
  }
}

/**
 * The batch contract shared by `probity tier` and `POST /api/v1/calculations/tier`: one answer per request, in
 * order.
 *
 * @example
 * runTierRequests([a, b]) // [{ id: 'a', output: {…} }, { id: 'b', error: '…', fields: […] }]
 */
export function runTierRequests(requests: readonly unknown[]): TierAnswer[] {
  return requests.map(answerTierRequest)
}
