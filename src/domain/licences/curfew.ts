/**
 * The longest licence curfew Probity accepts, in hours a day. NOT VERIFIED (`LICENCE_SOURCES.curfewLimit`): no
 * stored source gives the licence limit, so this is the community-order limit before PCSC 2022 (CJA 2003 s.204(2)),
 * kept as one named constant to change when the policy is confirmed.
 */
export const LICENCE_CURFEW_MAX_HOURS_PER_DAY = 16

/** A time of day as minutes since midnight, from `HH:MM` (24-hour clock), or null. */
export function minutesOfDay(time: string): number | null {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(time.trim())
  return m ? Number(m[1]) * 60 + Number(m[2]) : null
}

/**
 * How long a daily curfew from `start` to `end` lasts, in minutes: a curfew that ends at or before it starts runs
 * overnight (19:00 to 07:00 is 12 hours). Null when either time is not `HH:MM`.
 *
 * @example
 * curfewMinutes('19:00', '07:00') // 720
 */
export function curfewMinutes(start: string, end: string): number | null {
  const from = minutesOfDay(start)
  const to = minutesOfDay(end)
  if (from === null || to === null) return null
  const length = to - from
  return length > 0 ? length : length + 24 * 60
}

/**
 * Why a curfew from `start` to `end` is refused, or null if it is within the limit. Equal times would be a 24-hour
 * curfew, which is over any limit.
 *
 * @example
 * curfewProblem('18:00', '12:00') // 'The curfew is 18 hours a day: it must be no more than 16 hours a day'
 */
export function curfewProblem(
  start: string,
  end: string,
  maxHours: number = LICENCE_CURFEW_MAX_HOURS_PER_DAY,
): { field: 'startTime' | 'endTime'; message: string } | null {
  if (minutesOfDay(start) === null)
    return { field: 'startTime', message: 'Enter the time the curfew starts, like 19:00' }
  if (minutesOfDay(end) === null) return { field: 'endTime', message: 'Enter the time the curfew ends, like 07:00' }
  const minutes = curfewMinutes(start, end) ?? 0
  if (minutes > maxHours * 60) {
    const hours = Number.isInteger(minutes / 60) ? String(minutes / 60) : (minutes / 60).toFixed(1)
    return {
      field: 'endTime',
      message: `The curfew is ${hours} hours a day: it must be no more than ${maxHours} hours a day`,
    }
  }
  return null
}
