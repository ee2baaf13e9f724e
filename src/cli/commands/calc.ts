import { LocalDate } from '@js-joda/core'
import { runProvenReoffendingRequests } from '../../domain/outcomes/index.ts'
import { runReleaseDateRequests } from '../../domain/release-dates/index.ts'
import type { CliIo } from '../io.ts'

const CALCULATORS: Record<string, (requests: unknown[]) => unknown[]> = {
  'release-dates': requests => runReleaseDateRequests(requests, { calculationDate: LocalDate.now() }),
  // Issue 19: cohorts' proven reoffending (binary rate, frequency, provisional), each request carrying its asOf.
  'proven-reoffending': requests => runProvenReoffendingRequests(requests),
}

const USAGE = `Usage: probity calc <${Object.keys(CALCULATORS).join('|')}> < requests.json\n`

/**
 * `probity calc <calculator>`. Each reads a JSON array of requests on stdin and writes a JSON array of
 * `{ id, … }` answers or `{ id, error }`, one per request in order. Exit 0 when the input was readable (even if some
 * requests were refused), 2 when it was not a JSON array, 1 for an unknown calculator.
 *
 * @example
 * echo '[{"id":"a","offender":{…},"sentences":[…]}]' | probity calc release-dates
 * echo '[{"id":"q1","cohort":{"from":"2025-01-01","to":"2025-03-31"},"asOf":"2026-12-07","people":[]}]' | probity calc proven-reoffending
 */
export default async function calc(args: string[], io: CliIo): Promise<number> {
  const [sub] = args
  const calculator = sub ? CALCULATORS[sub] : undefined
  if (!sub || !calculator) {
    io.err(sub ? `probity calc: unknown calculator "${sub}"\n${USAGE}` : USAGE)
    return 1
  }
  const text = await io.readStdin()
  let input: unknown
  try {
    input = JSON.parse(text)
  } catch (e) {
    io.err(`probity calc ${sub}: input is not valid JSON (${(e as Error).message})`)
    return 2
  }
  if (!Array.isArray(input)) {
    io.err(`probity calc ${sub}: input must be a JSON array of requests`)
    return 2
  }
  io.out(`${JSON.stringify(calculator(input))}\n`)
  return 0
}
