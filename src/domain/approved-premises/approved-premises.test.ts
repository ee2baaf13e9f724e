import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import {
  bookingProblems,
  meetsEssential,
  nightlyTotals,
  occupancy,
  outOfServiceProblem,
  premisesGenderProblem,
  type BedBooking,
  type BedCharacteristic,
  type BedOutOfService,
} from './index.ts'

/**
 * Approved premises rules (reference-systems.md §2.5, CAS1 manage: beds, out-of-service beds, bookings, occupancy
 * view; issue 16 "Bad input"): nights are [arrival, departure) for a booking and [from, to] for an out-of-service
 * period.
 */

const d = LocalDate.parse
const stay = (arrival: string, departure: string) => ({ arrival: d(arrival), departure: d(departure) })
const booking = (id: number, arrival: string, departure: string): BedBooking => ({ id, ...stay(arrival, departure) })
const out = (from: string, to: string, reason = 'Flood damage'): BedOutOfService => ({
  from: d(from),
  to: d(to),
  reason,
})

describe('bookingProblems (§2.5 bookings; issue 16 bad input)', () => {
  const existing = [booking(1, '2026-12-10', '2026-12-14')]
  const outOfService = [out('2026-12-20', '2026-12-22')]
  const cases: [string, [string, string], number | undefined, string | undefined][] = [
    ['a free stay', ['2026-12-01', '2026-12-05'], undefined, undefined],
    ['departure on the day of arrival', ['2026-12-05', '2026-12-05'], undefined, 'departure:must be after the arrival'],
    ['departure before arrival', ['2026-12-05', '2026-12-03'], undefined, 'departure:must be after the arrival'],
    ['arriving on the morning the other booking departs', ['2026-12-14', '2026-12-18'], undefined, undefined],
    ['departing on the day the other booking arrives', ['2026-12-06', '2026-12-10'], undefined, undefined],
    ['one night inside another booking', ['2026-12-13', '2026-12-14'], undefined, 'bed:already booked from 2026-12-10'],
    ['a stay spanning another booking', ['2026-12-08', '2026-12-16'], undefined, 'bed:already booked'],
    ['the booking itself, changed', ['2026-12-11', '2026-12-15'], 1, undefined],
    ['the last out-of-service night', ['2026-12-22', '2026-12-24'], undefined, 'bed:out of service from 2026-12-20'],
    ['departing on the first out-of-service day', ['2026-12-17', '2026-12-20'], undefined, undefined],
    ['arriving the day after the period ends', ['2026-12-23', '2026-12-26'], undefined, undefined],
    ['a stay covering the period', ['2026-12-18', '2026-12-28'], undefined, 'bed:out of service'],
  ]
  it.each(cases)('%s', (_label, [arrival, departure], changing, expected) => {
    const problems = bookingProblems({ ...stay(arrival, departure), changing }, { bookings: existing, outOfService })
    if (!expected) return expect(problems).toEqual([])
    const [field, text] = expected.split(':') as [string, string]
    expect(problems[0]?.field).toBe(field)
    expect(problems[0]?.message).toContain(text)
  })
})

describe('outOfServiceProblem (§2.5 out-of-service beds)', () => {
  const existing = [booking(1, '2026-12-10', '2026-12-14')]
  it.each([
    ['a period of free nights', '2026-12-01', '2026-12-09', undefined],
    ['one day, the day the booking departs', '2026-12-14', '2026-12-14', undefined],
    ['ending on the arrival day', '2026-12-05', '2026-12-10', 'move or cancel the booking first'],
    ['ending before it starts', '2026-12-05', '2026-12-04', 'on or after the start date'],
  ])('%s', (_label, from, to, expected) => {
    const problem = outOfServiceProblem({ from: d(from), to: d(to) }, existing)
    if (expected) expect(problem).toContain(expected)
    else expect(problem).toBeUndefined()
  })
})

describe('meetsEssential (§2.5 premises and beds)', () => {
  const bed = { single_room: true, wheelchair_accessible: true, en_suite: false, ground_floor: true }
  it.each<[BedCharacteristic[], boolean, BedCharacteristic[]]>([
    [[], true, []],
    [['wheelchair_accessible', 'ground_floor'], true, []],
    [['wheelchair_accessible', 'en_suite'], false, ['en_suite']],
  ])('needing %j meets: %s', (essential, meets, missing) => {
    expect(meetsEssential(bed, essential)).toEqual({ meets, missing })
  })
})

describe('occupancy (§2.5 occupancy view; issue 16 item 3)', () => {
  const bookings = [
    { bedId: 1, ...booking(7, '2026-12-07', '2026-12-09') },
    { bedId: 2, ...booking(8, '2026-12-08', '2026-12-10'), arrived: true },
  ]
  const periods = [{ bedId: 3, ...out('2026-12-09', '2026-12-09', 'Redecoration') }]
  const plan = occupancy([1, 2, 3], bookings, periods, d('2026-12-07'), 4)
  const statuses = (bed: number) => plan.get(bed)!.map(n => n.status)

  it.each([
    [1, ['booked', 'booked', 'free', 'free']],
    [2, ['free', 'occupied', 'occupied', 'free']],
    [3, ['free', 'free', 'out-of-service', 'free']],
  ])('bed %i night by night', (bed, expected) => {
    expect(statuses(bed)).toEqual(expected)
  })

  it('names the booking and the reason', () => {
    expect(plan.get(1)![0]).toMatchObject({ status: 'booked', bookingId: 7 })
    expect(plan.get(3)![2]).toMatchObject({ status: 'out-of-service', reason: 'Redecoration' })
  })

  it('totals each night', () => {
    expect(nightlyTotals(plan, 4)[2]).toEqual({ occupied: 1, booked: 0, 'out-of-service': 1, free: 1 })
  })
})

describe('premisesGenderProblem', () => {
  it('refuses only a recorded gender that differs from the premises’', () => {
    expect(premisesGenderProblem('male', 'male')).toBeUndefined()
    expect(premisesGenderProblem('female', 'female')).toBeUndefined()
    expect(premisesGenderProblem('male', 'female')).toBe('These premises take men only: choose premises for women')
    expect(premisesGenderProblem('female', 'male')).toBe('These premises take women only: choose premises for men')
    expect(premisesGenderProblem('male', 'not_known')).toBeUndefined()
    expect(premisesGenderProblem('female', 'other')).toBeUndefined()
  })
})
