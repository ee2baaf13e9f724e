import type { CliIo } from '../io.ts'
import { runTierRequest } from '../../domain/tier/index.ts'
import { ValidationError, type FieldError } from '../../domain/tier/validation-error.ts'

/** One line of `probity tier` output. */
type TierAnswer = { id: unknown; output: unknown } | { id: unknown; error: string; fields?: FieldError[] }

/**
 * `probity tier`: reads a JSON array of `{ id, calculation: 'v2' | 'v3', calculationDate, inputs }` on stdin and writes
 * a JSON array of `{ id, output }` or `{ id, error, fields? }` (fields: every `{ field, message }` refused) in the same order (test/vectors/tier.json
 * `_meta.contract`). A refused request does not stop the others. Exit 0 when stdin was JSON, 2 when it was not.
 * A single request object (not in an array) is answered as a one-element batch.
 *
 * @example
 * // echo '[{"id":"a","calculation":"v3","calculationDate":"2026-11-22","inputs":{"hasActiveEvent":false}}]' | probity tier
 * // [{ "id": "a", "output": { "tier": "NOT_SUPERVISED", "provisional": false, ... } }]
 */
export default async function tier(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(
      'Usage: probity tier < requests.json\n\nstdin: JSON array of {id, calculation: "v2"|"v3", calculationDate, inputs}\n',
    )
    return 0
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(await io.readStdin())
  } catch (e) {
    io.err(`probity tier: standard input is not valid JSON (${(e as Error).message})`)
    return 2
  }
  const requests = Array.isArray(parsed) ? parsed : [parsed]
  const answers: TierAnswer[] = requests.map(answer)
  io.out(JSON.stringify(answers, null, 2))
  return 0
}

function answer(request: unknown): TierAnswer {
  const id = request !== null && typeof request === 'object' && 'id' in request ? (request as { id: unknown }).id : null
  try {
    return { id, output: runTierRequest(request) }
  } catch (e) {
    if (e instanceof ValidationError) return { id, error: e.message, fields: e.errors }
    // Anything else is a defect in the calculator, not in the input: report it for this request only.
    return { id, error: `internal error: ${(e as Error).message}` }
  }
}
