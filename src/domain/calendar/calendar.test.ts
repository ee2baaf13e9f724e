import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import {
  addWorkingDays,
  bankHolidayName,
  bankHolidaysIn,
  CalendarRangeError,
  easterSunday,
  isBankHoliday,
  isWorkingDay,
  nextWorkingDay,
  previousWorkingDay,
  workingDaysBetween,
} from './index.ts'

const d = (s: string) => LocalDate.parse(s)
const list = (y: number) => bankHolidaysIn(y).map(h => h.date.toString())

describe('England & Wales bank holidays (gov.uk list)', () => {
  it.each([
    [
      2000,
      ['2000-01-03', '2000-04-21', '2000-04-24', '2000-05-01', '2000-05-29', '2000-08-28', '2000-12-25', '2000-12-26'],
    ],
    [
      2002,
      [
        '2002-01-01',
        '2002-03-29',
        '2002-04-01',
        '2002-05-06',
        '2002-06-03',
        '2002-06-04',
        '2002-08-26',
        '2002-12-25',
        '2002-12-26',
      ],
    ],
    [
      2011,
      [
        '2011-01-03',
        '2011-04-22',
        '2011-04-25',
        '2011-04-29',
        '2011-05-02',
        '2011-05-30',
        '2011-08-29',
        '2011-12-26',
        '2011-12-27',
      ],
    ],
    [
      2012,
      [
        '2012-01-02',
        '2012-04-06',
        '2012-04-09',
        '2012-05-07',
        '2012-06-04',
        '2012-06-05',
        '2012-08-27',
        '2012-12-25',
        '2012-12-26',
      ],
    ],
    [
      2016,
      ['2016-01-01', '2016-03-25', '2016-03-28', '2016-05-02', '2016-05-30', '2016-08-29', '2016-12-26', '2016-12-27'],
    ],
    [
      2020,
      ['2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28'],
    ],
    [
      2021,
      ['2021-01-01', '2021-04-02', '2021-04-05', '2021-05-03', '2021-05-31', '2021-08-30', '2021-12-27', '2021-12-28'],
    ],
    [
      2022,
      [
        '2022-01-03',
        '2022-04-15',
        '2022-04-18',
        '2022-05-02',
        '2022-06-02',
        '2022-06-03',
        '2022-08-29',
        '2022-09-19',
        '2022-12-26',
        '2022-12-27',
      ],
    ],
    [
      2023,
      [
        '2023-01-02',
        '2023-04-07',
        '2023-04-10',
        '2023-05-01',
        '2023-05-08',
        '2023-05-29',
        '2023-08-28',
        '2023-12-25',
        '2023-12-26',
      ],
    ],
    [
      2024,
      ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26'],
    ],
    [
      2025,
      ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
    ],
    [
      2026,
      ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
    ],
  ])('%i', (year, expected) => {
    expect(list(year)).toEqual(expected)
  })

  it('names substitute days and one-offs', () => {
    expect(bankHolidayName(d('2022-12-27'))).toBe('Christmas Day (substitute day)')
    expect(bankHolidayName(d('2020-12-28'))).toBe('Boxing Day (substitute day)')
    expect(bankHolidayName(d('2023-01-02'))).toBe('New Year’s Day (substitute day)')
    expect(bankHolidayName(d('2022-09-19'))).toMatch(/State Funeral/)
    expect(bankHolidayName(d('2023-05-08'))).toMatch(/coronation/)
    expect(bankHolidayName(d('2023-05-09'))).toBeUndefined()
  })

  it('finds Easter by computus', () => {
    expect(easterSunday(2008).toString()).toBe('2008-03-23')
    expect(easterSunday(2019).toString()).toBe('2019-04-21')
    expect(easterSunday(2038).toString()).toBe('2038-04-25')
  })

  it('moved holidays are not also kept on their usual day', () => {
    expect(isBankHoliday(d('2020-05-04'))).toBe(false)
    expect(isBankHoliday(d('2022-05-30'))).toBe(false)
    expect(isBankHoliday(d('2012-05-28'))).toBe(false)
  })

  it('refuses years outside 2000–2040', () => {
    expect(() => isBankHoliday(d('1999-12-31'))).toThrow(CalendarRangeError)
    expect(() => isWorkingDay(d('2041-01-02'))).toThrow(/2000–2040/)
    expect(() => bankHolidaysIn(2040)).not.toThrow()
  })
})

describe('working days', () => {
  it('weekends and bank holidays are not working days', () => {
    expect(isWorkingDay(d('2024-12-24'))).toBe(true)
    expect(isWorkingDay(d('2024-12-25'))).toBe(false)
    expect(isWorkingDay(d('2024-06-01'))).toBe(false)
  })

  it('steps over Christmas and Easter', () => {
    expect(nextWorkingDay(d('2024-12-24')).toString()).toBe('2024-12-27')
    expect(previousWorkingDay(d('2024-04-02')).toString()).toBe('2024-03-28')
    expect(addWorkingDays(d('2024-12-23'), 2).toString()).toBe('2024-12-27')
    expect(addWorkingDays(d('2021-12-24'), 1).toString()).toBe('2021-12-29')
    expect(addWorkingDays(d('2024-03-28'), 1).toString()).toBe('2024-04-02')
    expect(addWorkingDays(d('2024-04-02'), -1).toString()).toBe('2024-03-28')
    expect(addWorkingDays(d('2024-12-20'), 10).toString()).toBe('2025-01-08')
    expect(addWorkingDays(d('2024-06-01'), 0).toString()).toBe('2024-06-01')
  })

  it('crosses a year boundary and counts working days', () => {
    expect(nextWorkingDay(d('2022-12-30')).toString()).toBe('2023-01-03')
    expect(workingDaysBetween(d('2024-12-23'), d('2024-12-27'))).toBe(2)
    expect(workingDaysBetween(d('2024-12-27'), d('2024-12-23'))).toBe(-2)
  })

  it('rejects a fractional number of days', () => {
    expect(() => addWorkingDays(d('2024-01-02'), 1.5)).toThrow(TypeError)
  })
})
