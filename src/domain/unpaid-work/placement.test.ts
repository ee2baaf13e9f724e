import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import {
  clashingCommitment,
  defaultSessionCapacity,
  eteShareExceeded,
  minutesBetween,
  minutesCredited,
  namesDistrict,
  placementRefusals,
  postcodeDistrict,
  recordingTooEarly,
  riskProblem,
  sessionCapacityProblem,
  type PlacementFacts,
} from './placement.ts'

// Saturday 12 December 2026, 09:00 to 16:00 (420 minutes).
const SATURDAY = LocalDate.parse('2026-12-12')

const facts = (change: (f: PlacementFacts) => void = () => {}): PlacementFacts => {
  const f: PlacementFacts = {
    session: { date: SATURDAY, start: '09:00', end: '16:00', capacity: 10, allocated: 3 },
    project: { publicContact: false, childrenPresent: false, vulnerableAdultsPresent: false, postcode: 'NT1 2AB' },
    person: { registrations: [], roshPublic: 'low', sessionsThatDay: 0, commitments: [], exclusions: [] },
    ete: { wanted: false, eteMinutesCredited: 0, orderedHours: 100 },
  }
  change(f)
  return f
}

describe('placementRefusals (rules-and-outcomes.md §2.1)', () => {
  it.each<[string, (f: PlacementFacts) => void, string | null, string | null]>([
    ['a session with room and no risk', () => {}, null, null],
    ['a full session', f => (f.session.allocated = 10), 'crn', 'The session is full: it takes 10 and 10 are allocated'],
    ['already placed that day', f => (f.person.sessionsThatDay = 1), 'crn', 'already allocated'],
    [
      'children present and a child concern',
      f => {
        f.project.childrenPresent = true
        f.person.registrations = ['RCCO']
      },
      'crn',
      'Children are present',
    ],
    ['children present, no child registration', f => (f.project.childrenPresent = true), null, null],
    [
      'vulnerable adults present and an adult at risk flag',
      f => {
        f.project.vulnerableAdultsPresent = true
        f.person.registrations = ['RVAD']
      },
      'crn',
      'Vulnerable adults are present',
    ],
    [
      'public contact and a high RoSH to the public',
      f => {
        f.project.publicContact = true
        f.person.roshPublic = 'high'
      },
      'crn',
      'contact with the public',
    ],
    [
      'public contact and a very high RoSH registration',
      f => {
        f.project.publicContact = true
        f.person.registrations = ['RVHR']
      },
      'crn',
      'contact with the public',
    ],
    [
      'public contact and a medium RoSH',
      f => {
        f.project.publicContact = true
        f.person.roshPublic = 'medium'
      },
      null,
      null,
    ],
    [
      'a Saturday work commitment overlapping',
      f => (f.person.commitments = [{ kind: 'work', dayOfWeek: 6, start: '08:00', end: '10:00' }]),
      'crn',
      'clashes with their work commitment on Saturday 08:00 to 10:00',
    ],
    [
      'a Saturday commitment ending as the session starts',
      f => (f.person.commitments = [{ kind: 'work', dayOfWeek: 6, start: '07:00', end: '09:00' }]),
      null,
      null,
    ],
    [
      'a Sunday commitment',
      f => (f.person.commitments = [{ kind: 'childcare', dayOfWeek: 7, start: '09:00', end: '16:00' }]),
      null,
      null,
    ],
    [
      'an exclusion zone naming the district',
      f => (f.person.exclusions = ['Must not enter NT1 without prior approval']),
      'crn',
      'The project is in NT1, an exclusion zone of their licence',
    ],
    ['an exclusion zone naming another district', f => (f.person.exclusions = ['Must not enter NT12']), null, null],
    [
      'ETE over 20% of 100 hours (1080 + 420 > 1200)',
      f => (f.ete = { wanted: true, eteMinutesCredited: 1080, orderedHours: 100 }),
      'ete',
      'over 20% of the 100 hours ordered',
    ],
    [
      'ETE exactly at 20% (780 + 420 = 1200)',
      f => (f.ete = { wanted: true, eteMinutesCredited: 780, orderedHours: 100 }),
      null,
      null,
    ],
    [
      'not ETE, whatever ETE was credited',
      f => (f.ete = { wanted: false, eteMinutesCredited: 5000, orderedHours: 100 }),
      null,
      null,
    ],
  ])('%s', (_, change, field, message) => {
    const refusals = placementRefusals(facts(change))
    if (field === null) expect(refusals).toEqual([])
    else expect(refusals).toEqual([{ field, message: expect.stringContaining(message!) }])
  })

  it('takes the ETE share as a parameter', () => {
    const f = facts(x => (x.ete = { wanted: true, eteMinutesCredited: 780, orderedHours: 100 }))
    expect(placementRefusals(f, 0.1)).toHaveLength(1)
    expect(placementRefusals(f, 0.2)).toHaveLength(0)
  })
})

describe('the rules placement is built from', () => {
  it.each([
    ['09:00', '16:30', 450],
    ['16:00', '09:00', 0],
    ['bad', '09:00', 0],
  ])('minutesBetween(%s, %s) = %i', (a, b, expected) => expect(minutesBetween(a, b)).toBe(expected))

  it.each([
    [12, 'group', 10],
    [6, 'group', 6],
    [12, 'individual', 12],
  ] as const)('defaultSessionCapacity(%i, %s) = %i', (c, k, expected) =>
    expect(defaultSessionCapacity(c, k)).toBe(expected),
  )

  it.each([
    [10, 20, 'group', null],
    [11, 20, 'group', 'A group session takes at most 10 people'],
    [12, 20, 'individual', null],
    [8, 6, 'group', 'The project takes at most 6 people'],
    [0, 6, 'group', 'Enter how many people the session takes, 1 or more'],
  ] as const)('sessionCapacityProblem(%i, %i, %s)', (c, p, k, expected) =>
    expect(sessionCapacityProblem(c, p, k)).toBe(expected),
  )

  it.each([
    ['nt1 2ab', 'NT1'],
    ['SW1A 1AA', 'SW1A'],
    ['not a postcode', null],
    [null, null],
  ])('postcodeDistrict(%s) = %s', (p, d) => expect(postcodeDistrict(p)).toBe(d))

  it.each([
    ['Not to enter NT1', 'NT1 2AB', true],
    ['not to enter nt1.', 'NT1 2AB', true],
    ['Not to enter NT12', 'NT1 2AB', false],
    ['Not to enter NT1', null, false],
  ])('namesDistrict(%s, %s) = %s', (text, postcode, expected) => expect(namesDistrict(text, postcode)).toBe(expected))

  it.each([
    [{ eteMinutesCredited: 0, sessionMinutes: 420, orderedHours: 40 }, false],
    [{ eteMinutesCredited: 61, sessionMinutes: 420, orderedHours: 40 }, true],
  ])('eteShareExceeded(%o) = %s', (a, expected) => expect(eteShareExceeded(a)).toBe(expected))

  it.each([
    [{ outcome: 'worked', worked: 420, travel: 30, penalty: 60 }, 390],
    [{ outcome: 'worked', worked: 30, travel: 0, penalty: 60 }, 0],
    [{ outcome: 'sent_home', worked: 90, travel: 0, penalty: 0 }, 90],
    [{ outcome: 'absent_unacceptable', worked: 420, travel: 30, penalty: 0 }, 0],
    [{ outcome: 'absent_acceptable', worked: 420, travel: 0, penalty: 0 }, 0],
    [{ outcome: 'stood_down', worked: 420, travel: 0, penalty: 0 }, 0],
  ] as const)('minutesCredited(%o) = %i', (r, expected) => expect(minutesCredited(r)).toBe(expected))

  it('finds the commitment a session clashes with', () => {
    const session = { date: SATURDAY, start: '09:00', end: '16:00' }
    const work = { kind: 'work', dayOfWeek: 6, start: '15:00', end: '18:00' }
    expect(clashingCommitment(session, [work])).toBe(work)
    expect(clashingCommitment({ ...session, end: '15:00' }, [work])).toBeUndefined()
  })

  it('refuses risk only for what the project has', () => {
    const none = { publicContact: false, childrenPresent: false, vulnerableAdultsPresent: false }
    expect(riskProblem(none, { registrations: ['RCPR', 'RVAD', 'RVHR'], roshPublic: 'very_high' })).toBeNull()
  })

  it('refuses recording before the session day only', () => {
    const today = LocalDate.parse('2026-12-07')
    expect(recordingTooEarly(today.plusDays(1), today)).toContain('before the day of the session')
    expect(recordingTooEarly(today, today)).toBeNull()
  })
})
