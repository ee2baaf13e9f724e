import type { LocalDate } from '@js-joda/core'
import {
  bankHolidayName,
  CalendarRangeError,
  isWorkingDay,
  nextWorkingDay,
  previousWorkingDay,
} from '../calendar/index.ts'
import type { DateKey, NonWorkingDayHint } from './types.ts'

/** Spec §1.10: which dates are hinted back, which forward; LED, SED, SLED, TUSED, ESED are never hinted. */
const BACKWARD: ReadonlySet<DateKey> = new Set(['CRD', 'ARD'])
const FORWARD: ReadonlySet<DateKey> = new Set(['HDCED'])

function describe(date: LocalDate): string {
  const name = bankHolidayName(date)
  return name ? `${date} is a bank holiday (${name})` : `${date} is a ${date.dayOfWeek().toString().toLowerCase()}`
}

/**
 * A non-working-day hint for one date, or undefined. Release dates (CRD, ARD) are hinted to the previous
 * working day, plus the discretionary Friday / pre-bank-holiday release date when the day after is also not a
 * working day; HDCED to the next working day (spec §1.10). The calculated date itself never changes.
 * Dates outside the calendar's years get no hint.
 *
 * @example
 * nonWorkingDayHint('CRD', LocalDate.of(2024, 12, 25))?.suggested.toString() // '2024-12-24'
 */
export function nonWorkingDayHint(key: DateKey, date: LocalDate): NonWorkingDayHint | undefined {
  if (!BACKWARD.has(key) && !FORWARD.has(key)) return undefined
  try {
    if (FORWARD.has(key)) {
      if (isWorkingDay(date)) return undefined
      const suggested = nextWorkingDay(date)
      return {
        date,
        suggested,
        text: `${describe(date)}: eligibility would in practice start on the next working day, ${suggested}`,
      }
    }
    let discretionary: LocalDate | undefined
    if (!isWorkingDay(date.plusDays(1)) || !isWorkingDay(date)) {
      let d = date
      while (!isWorkingDay(d) || !isWorkingDay(d.plusDays(1))) d = d.minusDays(1)
      if (!d.equals(date)) discretionary = d
    }
    if (isWorkingDay(date)) {
      if (!discretionary) return undefined
      return {
        date,
        suggested: date,
        discretionary,
        text: `${date} is the day before a non-working day: the discretionary Friday/pre-bank-holiday scheme could release on ${discretionary}`,
      }
    }
    const suggested = previousWorkingDay(date)
    return {
      date,
      suggested,
      discretionary: discretionary && !discretionary.equals(suggested) ? discretionary : undefined,
      text: `${describe(date)}: release would in practice be on the previous working day, ${suggested}${discretionary && !discretionary.equals(suggested) ? ` (discretionary release scheme: ${discretionary})` : ''}`,
    }
  } catch (e) {
    if (e instanceof CalendarRangeError) return undefined
    throw e
  }
}
