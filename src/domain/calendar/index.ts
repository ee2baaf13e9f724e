/**
 * England & Wales working-day calendar: bank holidays 2000–2040 computed by rule plus proclaimed one-offs.
 * Dates are `LocalDate` from `@js-joda/core`. Outside 2000–2040 every function throws `CalendarRangeError`.
 */
export {
  bankHolidayName,
  bankHolidaysIn,
  CalendarRangeError,
  easterSunday,
  FIRST_SUPPORTED_YEAR,
  isBankHoliday,
  isWeekendDay,
  LAST_SUPPORTED_YEAR,
} from './bank-holidays.ts'
export type { BankHoliday } from './bank-holidays.ts'
export {
  addWorkingDays,
  isWorkingDay,
  nextWorkingDay,
  previousWorkingDay,
  workingDayOnOrAfter,
  workingDayOnOrBefore,
  workingDaysBetween,
} from './working-days.ts'
export { MONTH_NAMES, spokenDate } from './spoken-date.ts'
