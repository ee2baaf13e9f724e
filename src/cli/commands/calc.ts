import { LocalDate } from '@js-joda/core'
import { runReleaseDateRequests } from '../../domain/release-dates/index.ts'
import type { CliIo } from '../io.ts'

const USAGE = 'Usage: probity calc release-dates < requests.json\n'

/**
 * `probity calc <calculator>`. `release-dates` reads a JSON array of requests on stdin and writes a JSON array
 * of `{ id, dates }` or `{ id, error }`, one per request in order. Exit 0 when the input was readable (even if
 * some requests were refused), 2 when it was not a JSON array, 1 for an unknown calculator.
 *
 * @example
 * echo '[{"id":"a","offender":{…},"sentences":[…]}]' | probity calc release-dates
 */
export default async function calc(args: string[], io: CliIo): Promise<number> {
  const [sub] = args
  if (sub !== 'release-dates') {
    io.err(sub ? `probity calc: unknown calculator "${sub}"\n${USAGE}` : USAGE)
    return 1
  }
  const text = await io.readStdin()
  let input: unknown
  try {
    input = JSON.parse(text)
  } catch (e) {
    io.err(`probity calc release-dates: input is not valid JSON (${(e as Error).message})`)
    return 2
  }
  if (!Array.isArray(input)) {
    io.err('probity calc release-dates: input must be a JSON array of requests')
    return 2
  }
  io.out(`${JSON.stringify(runReleaseDateRequests(input, { calculationDate: LocalDate.now() }))}\n`)
  return 0
}
