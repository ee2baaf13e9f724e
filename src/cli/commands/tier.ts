import type { CliIo } from '../io.ts'
import { runTierRequests } from '../../domain/tier/index.ts'

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
  const answers = runTierRequests(requests)
  io.out(JSON.stringify(answers, null, 2))
  return 0
}
