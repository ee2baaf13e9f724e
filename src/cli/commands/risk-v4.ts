import { systemClock } from '../../clock.ts'
import { answerV4Cases } from '../../domain/risk/v4/index.ts'
import type { CliIo } from '../io.ts'

const USAGE = `Usage: probity risk-v4 < cases.json

Reads a JSON array of cases {id, kind, algorithm?, inputs} (shaped like predictors-v4-cases.json) from standard
input and writes a JSON array of {id, output} or {id, error, errors} in the same order:
  kind "regression" → output {probability, percent2dp}, each keyed ARP_static, ARP_dynamic, VRP_static, …
  kind "fixture"    → the predictor's output (band, score, overallScore, pointScore, …) and scoreType
  kind "band"       → {band}
A case without assessmentDate is assessed today. Exit 0 when the input was JSON, 2 when it was not.`

/**
 * `probity risk-v4`: the OASys v4 predictors' command-line contract (issue 20).
 *
 * @example
 * echo '[{"id":"b","kind":"band","algorithm":"ARP","inputs":{"percent":50}}]' | probity risk-v4
 */
export default async function riskV4(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(USAGE)
    return 0
  }
  if (args.length > 0) {
    io.err(`probity risk-v4: unknown option ${args[0]}\n\n${USAGE}`)
    return 2
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(await io.readStdin())
  } catch (e) {
    io.err(`probity risk-v4: standard input is not valid JSON (${(e as Error).message})`)
    return 2
  }
  const cases = Array.isArray(parsed) ? parsed : [parsed]
  io.out(JSON.stringify(answerV4Cases(cases, systemClock.today())))
  return 0
}
