import { calculateReleaseDates } from './calculate.ts'
import { ReleaseDateRequestError } from './errors.ts'
import type { CalculationOptions, DateKey } from './types.ts'

/** One line of the `probity calc release-dates` output. */
export type ContractResult = { id: unknown; dates: Partial<Record<DateKey, string>> } | { id: unknown; error: string }

/**
 * Runs one request for the command-line contract: `{ id, dates }` with ISO strings, or `{ id, error }`.
 * Only refusals (ReleaseDateRequestError) become errors; a bug still throws so it is never hidden.
 *
 * @example
 * runReleaseDateRequest({ id: 'x', ...request }) // { id: 'x', dates: { CRD: '2023-07-11', … } }
 */
export function runReleaseDateRequest(request: unknown, options: CalculationOptions = {}): ContractResult {
  const id = typeof request === 'object' && request !== null && 'id' in request ? (request as { id: unknown }).id : null
  try {
    const result = calculateReleaseDates(request, options)
    const dates: Partial<Record<DateKey, string>> = {}
    for (const [k, v] of Object.entries(result.dates)) dates[k as DateKey] = v.toString()
    return { id, dates }
  } catch (e) {
    if (e instanceof ReleaseDateRequestError) return { id, error: e.message }
    throw e
  }
}

/**
 * Maps a request array to the contract output array, one result per request, in order.
 *
 * @example
 * runReleaseDateRequests([a, b]) // [{ id: 'a', dates: {…} }, { id: 'b', error: '…' }]
 */
export function runReleaseDateRequests(
  requests: readonly unknown[],
  options: CalculationOptions = {},
): ContractResult[] {
  return requests.map(r => runReleaseDateRequest(r, options))
}
