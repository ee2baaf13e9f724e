import { LocalDate } from '@js-joda/core'

/**
 * The one source of "now" and "today". Services, sign-in, sessions and lockouts read the time from the clock
 * they were given, never from `Date.now()` or `new Date()`, so tests can fix it (`fixedClock`).
 * Calendar dates are days in England and Wales: "today" is the date in Europe/London, not in UTC.
 */
export interface Clock {
  /** The current instant. */
  now(): Date
  /** Today's date in Europe/London. */
  today(): LocalDate
}

const LONDON_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
})

/** A wall-clock reading in Europe/London, to the minute. */
export interface LondonWallClock {
  readonly year: number
  readonly month: number
  readonly day: number
  readonly hour: number
  readonly minute: number
}

/** The platform's reading (its time-zone data): exact, and about 10 µs a call. */
function wallClockFromIntl(at: Date): LondonWallClock {
  const p = Object.fromEntries(LONDON_PARTS.formatToParts(at).map(x => [x.type, x.value]))
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
  }
}

const HOUR = 3_600_000
/** London's offset from UTC, in minutes, by UTC hour (`null`: it changed within that hour). */
const offsetsByHour = new Map<number, number | null>()

function offsetFromIntl(t: number): number {
  const f = wallClockFromIntl(new Date(t))
  return Math.round((Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute) - Math.floor(t / 60000) * 60000) / 60000)
}

/**
 * London's offset from UTC at an instant, in minutes. The clocks change on a whole UTC hour (01:00 UTC today), so
 * the offset is read once per UTC hour from the platform and remembered: a page of 60 cases reads hundreds of dates,
 * and the platform's reading was a tenth of a caseload page's CPU (docs/performance.md). An hour within which the
 * offset changes (none since 1847) is read from the platform every time.
 */
function rememberedOffset(t: number): number | null {
  const hour = Math.floor(t / HOUR)
  let offset = offsetsByHour.get(hour)
  if (offset === undefined) {
    const first = offsetFromIntl(hour * HOUR)
    offset = first === offsetFromIntl(hour * HOUR + HOUR - 1) ? first : null
    if (offsetsByHour.size >= 100_000) offsetsByHour.clear()
    offsetsByHour.set(hour, offset)
  }
  return offset
}

/**
 * London's offset from UTC at an instant, in minutes (60 in British Summer Time, 0 in winter).
 *
 * @example
 * londonOffsetMinutes(new Date('2026-07-01T09:00:00Z')) // 60
 */
export function londonOffsetMinutes(at: Date): number {
  const t = at.getTime()
  return rememberedOffset(t) ?? offsetFromIntl(t)
}

/**
 * The wall-clock time in Europe/London of an instant, to the minute (seconds dropped, as a clock shows them).
 *
 * @example
 * londonWallClock(new Date('2026-07-01T09:00:00Z')) // { year: 2026, month: 7, day: 1, hour: 10, minute: 0 } (BST)
 */
export function londonWallClock(at: Date): LondonWallClock {
  const t = at.getTime()
  const offset = Number.isNaN(t) ? null : rememberedOffset(t)
  if (offset === null) return wallClockFromIntl(at)
  const local = new Date(Math.floor(t / 60000) * 60000 + offset * 60000)
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
  }
}

/**
 * The calendar date of an instant in Europe/London.
 *
 * @example
 * londonDate(new Date('2026-06-30T23:30:00Z')).toString() // '2026-07-01' (British Summer Time)
 */
export function londonDate(instant: Date): LocalDate {
  const f = londonWallClock(instant)
  return LocalDate.of(f.year, f.month, f.day)
}

/** A clock reading the time from `now` (the system's by default). */
export function clockFrom(now: () => Date): Clock {
  return { now, today: () => londonDate(now()) }
}

/** The machine's clock. */
export const systemClock: Clock = clockFrom(() => new Date())

/**
 * A clock stopped at one instant, for tests.
 *
 * @example
 * const clock = fixedClock('2026-11-22T10:00:00Z')
 */
export function fixedClock(instant: string | Date): Clock {
  const at = new Date(instant)
  return clockFrom(() => new Date(at))
}
