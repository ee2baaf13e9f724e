import { LocalDate } from '@js-joda/core'

/**
 * The last full calendar quarter before `today`: the default period of the service levels page.
 *
 * @example
 * lastFullQuarter(LocalDate.of(2026, 12, 7)) // { from: 2026-07-01, to: 2026-09-30 }
 * lastFullQuarter(LocalDate.of(2026, 2, 1))  // { from: 2025-10-01, to: 2025-12-31 }
 */
export function lastFullQuarter(today: LocalDate): { from: LocalDate; to: LocalDate } {
  const thisQuarterStart = LocalDate.of(today.year(), Math.floor((today.monthValue() - 1) / 3) * 3 + 1, 1)
  const from = thisQuarterStart.minusMonths(3)
  return { from, to: thisQuarterStart.minusDays(1) }
}
