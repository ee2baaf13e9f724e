import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import { applicationMove, matchBeds, offenceNotes, splitEssential, type MatchBed } from './index.ts'

/** Applications and matching (issue 16 items 2 and 3; reference-systems.md §2.5, CAS1 apply, assess and match). */

const d = LocalDate.parse

describe('applicationMove (§2.5 assess)', () => {
  it.each([
    ['awaiting_assessment', 'accept', 'accepted'],
    ['awaiting_assessment', 'request_information', 'information_requested'],
    ['information_requested', 'answer', 'awaiting_assessment'],
    ['information_requested', 'reject', 'rejected'],
    ['accepted', 'place', 'placed'],
    ['placed', 'unplace', 'accepted'],
    ['awaiting_assessment', 'withdraw', 'withdrawn'],
    ['information_requested', 'withdraw', 'withdrawn'],
    ['accepted', 'withdraw', 'withdrawn'],
  ] as const)('%s, %s → %s', (from, decision, to) => {
    expect(applicationMove(from, decision)).toEqual({ ok: true, to })
  })
  it.each([
    ['accepted', 'reject'],
    ['rejected', 'accept'],
    ['awaiting_assessment', 'answer'],
    ['awaiting_assessment', 'place'],
    ['placed', 'place'],
    ['placed', 'withdraw'],
    ['rejected', 'withdraw'],
    ['withdrawn', 'withdraw'],
    ['accepted', 'unplace'],
  ] as const)('refuses %s, %s', (from, decision) => {
    const moved = applicationMove(from, decision)
    expect(moved.ok).toBe(false)
  })
})

describe('offenceNotes', () => {
  it.each([
    ['05600', ['Arson']],
    ['01900', ['Sexual offence']],
    ['00101', ['Violent offence']],
    ['11800', []],
  ])('%s: %j', (code, notes) => expect(offenceNotes(code)).toEqual(notes))
})

describe('splitEssential', () => {
  it('splits the bed’s characteristics from the premises’ needs, dropping unknown codes', () => {
    expect(splitEssential(['pipe', 'en_suite', 'pool'])).toEqual({ bed: ['en_suite'], premises: ['pipe'] })
  })
})

describe('matchBeds (§2.5 match)', () => {
  const premises = [
    { id: 1, gender: 'male', step_free_access: true, pipe: false, enhanced_security: false },
    { id: 2, gender: 'female', step_free_access: true, pipe: true, enhanced_security: true },
    { id: 3, gender: 'male', step_free_access: false, pipe: true, enhanced_security: false },
  ]
  const features = { single_room: true, wheelchair_accessible: false, en_suite: false, ground_floor: false }
  const bed = (id: number, premisesId: number, more: Partial<MatchBed> = {}): MatchBed => ({
    id,
    premisesId,
    ...features,
    bookings: [],
    outOfService: [],
    ...more,
  })
  const beds = [
    bed(10, 1, { wheelchair_accessible: true }),
    bed(11, 1),
    bed(12, 1, {
      wheelchair_accessible: true,
      bookings: [{ id: 5, arrival: d('2026-12-20'), departure: d('2026-12-22') }],
    }),
    bed(13, 1, {
      wheelchair_accessible: true,
      outOfService: [{ from: d('2026-12-14'), to: d('2026-12-14'), reason: 'Leak' }],
    }),
    bed(14, 1, {
      wheelchair_accessible: true,
      bookings: [{ id: 6, arrival: d('2026-12-01'), departure: d('2026-12-10') }],
    }),
    bed(20, 2, { wheelchair_accessible: true }),
    bed(30, 3, { wheelchair_accessible: true }),
  ]
  const need = (more: Partial<Parameters<typeof matchBeds>[0]> = {}) => ({
    gender: 'male',
    bed: ['wheelchair_accessible'] as const,
    premises: [] as const,
    stay: { arrival: d('2026-12-10'), departure: d('2026-12-21') },
    ...more,
  })
  it('offers beds with every characteristic, free every night, in premises for the person’s gender', () => {
    // 11 lacks the characteristic, 12 is booked on the 20th, 13 out of service on the 14th; 14's booking departs
    // the day the stay arrives; 20 is in women's premises.
    expect(matchBeds(need(), premises, beds)).toEqual([
      { premisesId: 1, bedIds: [10, 14] },
      { premisesId: 3, bedIds: [30] },
    ])
  })
  it('keeps to premises with every essential premises need', () => {
    expect(matchBeds(need({ premises: ['pipe'] }), premises, beds)).toEqual([{ premisesId: 3, bedIds: [30] }])
  })
  it('offers nothing when no bed is free', () => {
    const stay = { arrival: d('2026-12-13'), departure: d('2026-12-21') }
    expect(matchBeds(need({ stay, premises: ['step_free_access'] }), premises, beds.slice(1, 4))).toEqual([])
  })
})
