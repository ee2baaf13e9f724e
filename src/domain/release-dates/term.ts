import { ChronoUnit, type LocalDate, TemporalAdjusters } from '@js-joda/core'
import type { TermLength } from './types.ts'

/** A term with every unit present. */
export interface Term {
  years: number
  months: number
  weeks: number
  days: number
}

/**
 * Last day of a term that starts on `start` (spec §1.1, §1.2).
 * Start from the day before, add years, months, weeks, days in that order (months clamp to month end).
 * When the start is the 1st and the term has months or years, the month part ends on the last day of the
 * month reached by adding years and (months − 1).
 *
 * @example
 * termEnd(LocalDate.of(2020, 10, 1), { years: 0, months: 54, weeks: 0, days: 0 }).toString() // '2025-03-31'
 * termEnd(LocalDate.of(2021, 8, 31), { years: 0, months: 1, weeks: 0, days: 0 }).toString() // '2021-09-30'
 */
export function termEnd(start: LocalDate, term: Term): LocalDate {
  const firstOfMonth = start.dayOfMonth() === 1 && (term.months !== 0 || term.years !== 0)
  let d = firstOfMonth ? start : start.minusDays(1)
  d = d.plusYears(term.years)
  d = firstOfMonth ? d.plusMonths(term.months - 1).with(TemporalAdjusters.lastDayOfMonth()) : d.plusMonths(term.months)
  return d.plusWeeks(term.weeks).plusDays(term.days)
}

/**
 * Days in a term, counted inclusively (spec §1.4).
 *
 * @example
 * termDays(LocalDate.of(2021, 11, 8), { years: 0, months: 0, weeks: 26, days: 0 }) // 182
 */
export function termDays(start: LocalDate, term: Term): number {
  return daysBetween(start, termEnd(start, term)) + 1
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return b.toEpochDay() - a.toEpochDay()
}

/**
 * Consecutive terms are aggregated in runs (spec §7.2): months/years merge with months/years and weeks/days
 * with weeks/days; a change of kind closes the run. Each part contributes its months/years then its
 * weeks/days.
 *
 * @example
 * aggregateRuns([{ years: 0, months: 3, weeks: 0, days: 0 }, { years: 0, months: 0, weeks: 3, days: 0 },
 *   { years: 0, months: 3, weeks: 0, days: 0 }, { years: 0, months: 5, weeks: 0, days: 0 }]) // [3M], [3W], [8M]
 */
export function aggregateRuns(terms: readonly Term[]): Term[] {
  const runs: Term[] = []
  let current: Term | null = null
  let currentKind: 'my' | 'wd' | null = null
  const feed = (kind: 'my' | 'wd', part: Term) => {
    if (current && currentKind === kind) {
      current.years += part.years
      current.months += part.months
      current.weeks += part.weeks
      current.days += part.days
      return
    }
    if (current) runs.push(current)
    current = { ...part }
    currentKind = kind
  }
  for (const t of terms) {
    if (t.years || t.months) feed('my', { years: t.years, months: t.months, weeks: 0, days: 0 })
    if (t.weeks || t.days) feed('wd', { years: 0, months: 0, weeks: t.weeks, days: t.days })
  }
  if (current) runs.push(current)
  return runs
}

/**
 * End of a sequence of runs applied one after another from `start` (spec §7.2); each run starts the day after
 * the previous one ends. Returns the day before `start` for an empty sequence.
 *
 * @example
 * runsEnd(LocalDate.of(2022, 1, 23), aggregateRuns([W1, M1, M1])).toString() // '2022-03-29'
 */
export function runsEnd(start: LocalDate, runs: readonly Term[]): LocalDate {
  let from = start
  let end = start.minusDays(1)
  for (const run of runs) {
    end = termEnd(from, run)
    from = end.plusDays(1)
  }
  return end
}

/**
 * Whether a term of `days` days from `start` is shorter than `months` calendar months (spec §1.7).
 *
 * @example
 * isShorterThanMonths(LocalDate.of(2023, 1, 1), 364, 12) // true
 */
export function isShorterThanMonths(start: LocalDate, days: number, months: number): boolean {
  return days < start.until(start.plusMonths(months), ChronoUnit.DAYS)
}

/** Normalises a request length into a full Term (missing units are zero). */
export function toTerm(length: TermLength): Term {
  return { years: length.years ?? 0, months: length.months ?? 0, weeks: length.weeks ?? 0, days: length.days ?? 0 }
}

/**
 * "3 years 6 months" style text for explanations.
 *
 * @example
 * describeTerm({ years: 1, months: 0, weeks: 2, days: 0 }) // '1 year 2 weeks'
 */
export function describeTerm(t: Term): string {
  const parts: string[] = []
  const add = (n: number, unit: string) => n && parts.push(`${n} ${unit}${n === 1 ? '' : 's'}`)
  add(t.years, 'year')
  add(t.months, 'month')
  add(t.weeks, 'week')
  add(t.days, 'day')
  return parts.join(' ') || '0 days'
}
