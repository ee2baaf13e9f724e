import type { CliIo } from '../io.ts'
import { scoreRequests } from '../../domain/risk/index.ts'

const USAGE = `Usage: probity risk [--explain] < requests.json

Reads a JSON array of {id, predictor, coefficients?, inputs} from standard input and writes a JSON array of
{id, output} or {id, error, errors} in the same order. predictor: OGRS3, OGP, OVP, SNSV, OSP/DC, OSP/IIC, RSR;
coefficients: "oasys" (default) or "full" (OGRS3 MoJ spreadsheet). --explain adds each score's explanation.
Exit 0 when the input was readable JSON (even if some requests were refused), 2 when it was not.`

/**
 * `probity risk`: the actuarial predictors' command-line contract (test/vectors/risk-predictors.json `_meta.contract`).
 *
 * @example
 * echo '[{"id":"a","predictor":"OGRS3","inputs":{…}}]' | probity risk
 */
export default async function risk(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(USAGE)
    return 0
  }
  const unknown = args.filter(a => a !== '--explain')
  if (unknown.length > 0) {
    io.err(`probity risk: unknown option ${unknown[0]}\n\n${USAGE}`)
    return 2
  }
  const explain = args.includes('--explain')
  let parsed: unknown
  try {
    parsed = JSON.parse(await io.readStdin())
  } catch (e) {
    io.err(`probity risk: standard input is not valid JSON (${(e as Error).message})`)
    return 2
  }
  // A single request object is accepted as a one-element batch.
  const requests = Array.isArray(parsed) ? parsed : [parsed]
  const results = scoreRequests(requests, { explain })
  io.out(JSON.stringify(results))
  return 0
}
