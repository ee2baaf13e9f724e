import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import {
  bookingChangeProblem,
  arrivalProblem,
  curfewBreach,
  curfewFor,
  departureFrees,
  departureProblem,
  duringStayProblem,
  nonArrivalProblem,
  withinCurfew,
} from './index.ts'

/**
 * A stay's rules (issue 16 item 4 and "Bad input"; reference-systems.md §2.5, CAS1 arrivals, non-arrivals and
 * departures): arrival and departure dates, the curfew that applies and which checks are breaches.
 */

const d = LocalDate.parse
const booking = { arrival: d('2026-12-08'), departure: d('2026-12-20') }

describe('arrivalProblem', () => {
  it.each([
    ['on the expected day', '2026-12-08', '2026-12-08', null],
    ['later than expected', '2026-12-10', '2026-12-11', null],
    ['before the booking starts', '2026-12-07', '2026-12-08', 'before the booking starts on 2026-12-08'],
    ['in the future', '2026-12-09', '2026-12-08', 'cannot be in the future'],
    ['on the departure day', '2026-12-20', '2026-12-21', 'before the booking ends on 2026-12-20'],
  ])('an arrival %s', (_label, arrival, today, problem) => {
    const found = arrivalProblem(d(arrival), booking, d(today))
    if (problem === null) expect(found).toBeNull()
    else expect(found).toContain(problem)
  })
})

describe('nonArrivalProblem', () => {
  it('allows a non-arrival from the expected day, not before', () => {
    expect(nonArrivalProblem(booking, d('2026-12-07'))).toContain('from the expected arrival date, 2026-12-08')
    expect(nonArrivalProblem(booking, d('2026-12-08'))).toBeNull()
    expect(nonArrivalProblem(booking, d('2026-12-09'))).toBeNull()
  })
})

describe('departureProblem', () => {
  it('refuses a departure before the arrival or in the future; the same day is allowed', () => {
    expect(departureProblem(d('2026-12-07'), d('2026-12-08'), d('2026-12-10'))).toBe(
      'The departure cannot be before the arrival on 2026-12-08',
    )
    expect(departureProblem(d('2026-12-11'), d('2026-12-08'), d('2026-12-10'))).toContain('future')
    expect(departureProblem(d('2026-12-08'), d('2026-12-08'), d('2026-12-10'))).toBeNull()
    expect(departureProblem(d('2026-12-10'), d('2026-12-08'), d('2026-12-10'))).toBeNull()
  })
})

describe('departureFrees', () => {
  it.each([
    ['before the booked departure frees the nights from that day', '2026-12-12', '2026-12-12'],
    ['the day before the booked departure frees its last night', '2026-12-19', '2026-12-19'],
    ['on the booked departure frees nothing', '2026-12-20', null],
    ['after the booked departure frees nothing', '2026-12-22', null],
    ['on the first night keeps that night', '2026-12-08', '2026-12-09'],
  ])('leaving %s', (_label, left, until) => {
    expect(departureFrees(booking, d(left))?.toString() ?? null).toBe(until)
  })

  it('frees nothing for a one-night booking left on its first day', () => {
    expect(departureFrees({ arrival: d('2026-12-08'), departure: d('2026-12-09') }, d('2026-12-08'))).toBeNull()
  })
})

describe('curfewFor', () => {
  const premises = { start: '23:00', end: '07:00' }
  it('takes the licence’s curfew condition, else the premises’ default', () => {
    const licence = { additional: [{ type: 'curfew', fields: { startTime: '7:30', endTime: '06:00' } }] }
    expect(curfewFor(licence, premises)).toEqual({ start: '07:30', end: '06:00', source: 'licence' })
    expect(curfewFor({ additional: [{ type: 'polygraph', fields: {} }] }, premises)).toEqual({
      ...premises,
      source: 'premises',
    })
    expect(curfewFor(null, premises).source).toBe('premises')
    const broken = { additional: [{ type: 'curfew', fields: { startTime: 'late', endTime: '06:00' } }] }
    expect(curfewFor(broken, premises).source).toBe('premises')
  })
})

describe('withinCurfew and curfewBreach', () => {
  const overnight = { start: '23:00', end: '07:00' }
  it('knows the hours of an overnight and a same-day curfew, start included, end excluded', () => {
    expect(withinCurfew('22:59', overnight)).toBe(false)
    expect(withinCurfew('23:00', overnight)).toBe(true)
    expect(withinCurfew('03:00', overnight)).toBe(true)
    expect(withinCurfew('07:00', overnight)).toBe(false)
    expect(withinCurfew('12:00', { start: '10:00', end: '14:00' })).toBe(true)
    expect(withinCurfew('15:00', { start: '10:00', end: '14:00' })).toBe(false)
  })
  it('makes an absent curfew check and a sign-in after the curfew began breaches, nothing else', () => {
    expect(curfewBreach({ kind: 'curfew_check', time: '23:30', present: false }, overnight)).toBe(
      'Absent at the curfew check at 23:30 (curfew 23:00 to 07:00)',
    )
    expect(curfewBreach({ kind: 'curfew_check', time: '23:30', present: true }, overnight)).toBeNull()
    expect(curfewBreach({ kind: 'sign_in', time: '23:45', present: true }, overnight)).toContain(
      'Signed in at 23:45, after the curfew began',
    )
    expect(curfewBreach({ kind: 'sign_in', time: '22:10', present: true }, overnight)).toBeNull()
  })
})

describe('duringStayProblem', () => {
  it('keeps a check, incident or activity within the stay and not in the future', () => {
    const stay = { arrival: d('2026-12-08'), departure: null }
    expect(duringStayProblem(d('2026-12-07'), stay, d('2026-12-10'))).toContain('before they arrived on 2026-12-08')
    expect(duringStayProblem(d('2026-12-11'), stay, d('2026-12-10'))).toContain('future')
    expect(duringStayProblem(d('2026-12-09'), { ...stay, departure: d('2026-12-08') }, d('2026-12-10'))).toContain(
      'after they left',
    )
    expect(duringStayProblem(d('2026-12-10'), stay, d('2026-12-10'))).toBeNull()
  })
})

describe('bookingChangeProblem', () => {
  const d = (iso: string) => LocalDate.parse(iso)
  it('lets a booking change before the arrival, only its departure after it, and nothing after the departure', () => {
    expect(bookingChangeProblem({ arrived: null, departed: false }, 'cancel')).toBeNull()
    expect(bookingChangeProblem({ arrived: null, departed: false }, { arrival: d('2026-12-09') })).toBeNull()
    expect(bookingChangeProblem({ arrived: d('2026-12-07'), departed: false }, 'cancel')).toBe(
      'They arrived on 2026-12-07: record their departure instead of cancelling the booking',
    )
    expect(bookingChangeProblem({ arrived: d('2026-12-07'), departed: false }, { arrival: d('2026-12-07') })).toBeNull()
    expect(bookingChangeProblem({ arrived: d('2026-12-07'), departed: false }, { arrival: d('2026-12-08') })).toMatch(
      /the arrival date cannot change/,
    )
    expect(bookingChangeProblem({ arrived: d('2026-12-07'), departed: true }, { arrival: d('2026-12-07') })).toBe(
      'They have left: the stay is over and its booking cannot change',
    )
  })
})
