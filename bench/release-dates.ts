import { LocalDate } from '@js-joda/core'
import { pathToFileURL } from 'node:url'
import { calculateReleaseDates, type ReleaseDateRequest } from '../src/domain/release-dates/index.ts'

/** Synthetic bookings: varied dates and lengths so nothing is memoised by accident. */
function singleBooking(i: number): ReleaseDateRequest {
  const date = LocalDate.of(2015, 1, 5)
    .plusDays(i % 3000)
    .toString()
  return {
    offender: { dateOfBirth: '1990-01-01' },
    sentences: [
      { ref: 'S1', sentenceType: 'SDS', sentenceDate: date, offenceDate: date, length: { months: 3 + (i % 60) } },
    ],
    adjustments: { remand: [{ days: i % 90, appliesFrom: date }] },
    rules: { regime: i % 2 ? 'sds40_2024' : 'standard_50', pssRepealed: false },
  }
}

function multiBooking(i: number): ReleaseDateRequest {
  const d = LocalDate.of(2016, 1, 4).plusDays(i % 2500)
  const date = d.toString()
  const later = d.plusDays(20).toString()
  return {
    offender: { dateOfBirth: '1990-01-01' },
    sentences: [
      { ref: 'S1', sentenceType: 'SDS', sentenceDate: date, offenceDate: date, length: { months: 6 + (i % 20) } },
      {
        ref: 'S2',
        sentenceType: 'SDS',
        sentenceDate: date,
        offenceDate: date,
        length: { weeks: 8 },
        consecutiveTo: 'S1',
      },
      { ref: 'S3', sentenceType: 'SDS', sentenceDate: later, offenceDate: later, length: { years: 1 + (i % 3) } },
    ],
    adjustments: { remand: [{ days: 30, appliesFrom: date }], taggedBail: [{ days: 10, appliesFrom: later }] },
    rules: { regime: 'standard_50', pssRepealed: false },
  }
}

function perSecond(make: (i: number) => ReleaseDateRequest, n: number): number {
  const requests = Array.from({ length: n }, (_, i) => make(i))
  for (let i = 0; i < Math.min(n, 2000); i++) calculateReleaseDates(requests[i]) // warm up
  const started = process.hrtime.bigint()
  for (const r of requests) calculateReleaseDates(r)
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  return n / seconds
}

/**
 * Release-date throughput on one core: single-sentence bookings (target ≥ 20,000/s) and three-sentence
 * bookings with a consecutive chain and two custodial-period candidates.
 *
 * @example
 * await benchReleaseDates() // release-dates: 45,000 single-sentence bookings/s …
 */
export async function benchReleaseDates(): Promise<void> {
  const single = perSecond(singleBooking, 40_000)
  const multi = perSecond(multiBooking, 10_000)
  const fmt = (n: number) => Math.round(n).toLocaleString('en-GB')
  console.log(`release-dates: ${fmt(single)} single-sentence bookings/s on one core (target ≥ 20,000)`)
  console.log(
    `release-dates: ${fmt(multi)} three-sentence bookings/s (consecutive chain + concurrent, with adjustments)`,
  )
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchReleaseDates()
}
