import { DayOfWeek, LocalDate, TemporalAdjusters } from '@js-joda/core'

/** The years this calendar can answer for. Outside them we refuse rather than guess. */
export const FIRST_SUPPORTED_YEAR = 2000
export const LAST_SUPPORTED_YEAR = 2040

/**
 * Thrown when a date falls outside {@link FIRST_SUPPORTED_YEAR}–{@link LAST_SUPPORTED_YEAR}.
 *
 * @example
 * try { isBankHoliday(LocalDate.of(1999, 12, 31)) } catch (e) { e instanceof CalendarRangeError } // true
 */
export class CalendarRangeError extends RangeError {
  constructor(readonly year: number) {
    super(
      `England & Wales bank holidays are only known for ${FIRST_SUPPORTED_YEAR}–${LAST_SUPPORTED_YEAR}; ` +
        `${year} is outside that range`,
    )
    this.name = 'CalendarRangeError'
  }
}

/** One England & Wales bank holiday. */
export interface BankHoliday {
  date: LocalDate
  name: string
}

/**
 * One-off holidays and moved holidays, proclaimed by Royal Proclamation rather than following the
 * Banking and Financial Dealings Act 1971 Schedule 1 pattern. Source: gov.uk/bank-holidays and the
 * proclamations for each year.
 */
const ONE_OFFS: Record<
  number,
  { extra?: [number, number, string][]; earlyMay?: [number, number]; spring?: [number, number] }
> = {
  2002: { spring: [6, 4], extra: [[6, 3, 'Golden Jubilee bank holiday']] },
  2011: { extra: [[4, 29, 'Royal wedding']] },
  2012: { spring: [6, 4], extra: [[6, 5, 'Diamond Jubilee bank holiday']] },
  // VE Day 75th anniversary: the early May holiday moved to Friday 8 May.
  2020: { earlyMay: [5, 8] },
  2022: {
    spring: [6, 2],
    extra: [
      [6, 3, 'Platinum Jubilee bank holiday'],
      [9, 19, 'Bank Holiday for the State Funeral of Queen Elizabeth II'],
    ],
  },
  2023: { extra: [[5, 8, 'Bank holiday for the coronation of King Charles III']] },
}

/**
 * Easter Sunday by the anonymous Gregorian computus (Meeus/Jones/Butcher).
 *
 * @example
 * easterSunday(2024).toString() // '2024-03-31'
 */
export function easterSunday(year: number): LocalDate {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return LocalDate.of(year, month, day)
}

function isWeekend(date: LocalDate): boolean {
  const dow = date.dayOfWeek()
  return dow === DayOfWeek.SATURDAY || dow === DayOfWeek.SUNDAY
}

function computeYear(year: number): BankHoliday[] {
  const list: BankHoliday[] = []
  const special = ONE_OFFS[year] ?? {}

  // New Year's Day: a weekend date is substituted by the following Monday.
  let newYear = LocalDate.of(year, 1, 1)
  const newYearIsSubstitute = isWeekend(newYear)
  while (isWeekend(newYear)) newYear = newYear.plusDays(1)
  list.push({ date: newYear, name: newYearIsSubstitute ? 'New Year’s Day (substitute day)' : 'New Year’s Day' })

  const easter = easterSunday(year)
  list.push({ date: easter.minusDays(2), name: 'Good Friday' })
  list.push({ date: easter.plusDays(1), name: 'Easter Monday' })

  const earlyMay = special.earlyMay
    ? LocalDate.of(year, special.earlyMay[0], special.earlyMay[1])
    : LocalDate.of(year, 5, 1).with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY))
  list.push({ date: earlyMay, name: 'Early May bank holiday' })

  const spring = special.spring
    ? LocalDate.of(year, special.spring[0], special.spring[1])
    : LocalDate.of(year, 5, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY))
  list.push({ date: spring, name: 'Spring bank holiday' })

  list.push({
    date: LocalDate.of(year, 8, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)),
    name: 'Summer bank holiday',
  })

  // Christmas and Boxing Day: gov.uk labels the substitute for whichever of the two fell on a weekend.
  const christmas = LocalDate.of(year, 12, 25)
  switch (christmas.dayOfWeek()) {
    case DayOfWeek.FRIDAY:
      list.push({ date: christmas, name: 'Christmas Day' })
      list.push({ date: LocalDate.of(year, 12, 28), name: 'Boxing Day (substitute day)' })
      break
    case DayOfWeek.SATURDAY:
      list.push({ date: LocalDate.of(year, 12, 27), name: 'Christmas Day (substitute day)' })
      list.push({ date: LocalDate.of(year, 12, 28), name: 'Boxing Day (substitute day)' })
      break
    case DayOfWeek.SUNDAY:
      list.push({ date: LocalDate.of(year, 12, 26), name: 'Boxing Day' })
      list.push({ date: LocalDate.of(year, 12, 27), name: 'Christmas Day (substitute day)' })
      break
    default:
      list.push({ date: christmas, name: 'Christmas Day' })
      list.push({ date: LocalDate.of(year, 12, 26), name: 'Boxing Day' })
  }

  for (const [month, day, name] of special.extra ?? []) list.push({ date: LocalDate.of(year, month, day), name })
  return list.sort((a, b) => a.date.compareTo(b.date))
}

const byYear = new Map<number, { list: BankHoliday[]; byEpochDay: Map<number, string> }>()

function yearData(year: number) {
  if (!Number.isInteger(year) || year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
    throw new CalendarRangeError(year)
  }
  let data = byYear.get(year)
  if (!data) {
    const list = computeYear(year)
    data = { list, byEpochDay: new Map(list.map(h => [h.date.toEpochDay(), h.name])) }
    byYear.set(year, data)
  }
  return data
}

/**
 * Every England & Wales bank holiday in a year, in date order.
 *
 * @example
 * bankHolidaysIn(2022).length // 10 (Platinum Jubilee and the State Funeral included)
 */
export function bankHolidaysIn(year: number): readonly BankHoliday[] {
  return yearData(year).list
}

/**
 * The bank holiday's name, or undefined on an ordinary day. Throws {@link CalendarRangeError} outside 2000–2040.
 *
 * @example
 * bankHolidayName(LocalDate.of(2023, 5, 8)) // 'Bank holiday for the coronation of King Charles III'
 */
export function bankHolidayName(date: LocalDate): string | undefined {
  return yearData(date.year()).byEpochDay.get(date.toEpochDay())
}

/**
 * Whether the date is an England & Wales bank holiday (weekends are not bank holidays).
 *
 * @example
 * isBankHoliday(LocalDate.of(2021, 12, 28)) // true: Boxing Day substitute
 */
export function isBankHoliday(date: LocalDate): boolean {
  return bankHolidayName(date) !== undefined
}

/**
 * Saturday or Sunday.
 *
 * @example
 * isWeekendDay(LocalDate.of(2024, 6, 1)) // true
 */
export function isWeekendDay(date: LocalDate): boolean {
  return isWeekend(date)
}
