import { describe, expect, it } from 'vitest'
import { buildSharedSummary, type SharedFacts } from './shared-summary.ts'

const facts: SharedFacts = {
  person: {
    forename: 'Terry',
    middleNames: 'James',
    surname: 'Smith',
    dateOfBirth: '1990-04-12',
    gender: 'male',
    phone: '01632 960000',
    mobile: null,
  },
  mainAddress: {
    building: '1',
    street: 'High Street',
    district: null,
    town: 'Northtown',
    county: '',
    postcode: 'NT1 1AA',
  },
  rosh: {
    assessedOn: '2026-11-01',
    overall: 'high',
    public: 'medium',
    knownAdult: 'high',
    children: 'low',
    staff: 'low',
    prisoners: null,
  },
  registrations: [
    { code: 'ADVP', mappaLevel: null },
    { code: 'MAPP', mappaLevel: 2 },
    { code: 'RMDO', mappaLevel: null },
    { code: 'ADVP', mappaLevel: null },
  ],
  practitioner: { name: 'Pat Practitioner', email: 'pat@example.gov.uk', team: 'Northtown Team A' },
  order: { sentenceType: 'community_order', endDate: '2027-10-08' },
}

describe('what the partner is told', () => {
  it('gives the person, the RoSH groups at medium or above, the relevant flags once, the practitioner and the order', () => {
    const s = buildSharedSummary(facts, { shareAddress: false })
    expect(s.person).toEqual({
      name: 'Terry James Smith',
      dateOfBirth: '1990-04-12',
      gender: 'male',
      phone: '01632 960000',
    })
    expect(s.address).toBeNull()
    expect(s.rosh).toEqual({
      level: 'high',
      riskTo: [
        { group: 'Public', level: 'medium' },
        { group: 'Known adult', level: 'high' },
      ],
      assessedOn: '2026-11-01',
    })
    // Mental health issues is not a partner flag; the MAPPA flag says the level.
    expect(s.flags).toEqual([
      { label: 'Domestic abuse perpetrator', riskToStaff: false },
      { label: 'MAPPA level 2', riskToStaff: false },
    ])
    expect(s.riskToStaff).toBe(false)
    expect(s.practitioner).toEqual({ name: 'Pat Practitioner', email: 'pat@example.gov.uk', team: 'Northtown Team A' })
    expect(s.sentence).toEqual({ description: 'Community order', endDate: '2027-10-08' })
  })

  it('shares the main address only when chosen, without blank lines', () => {
    expect(buildSharedSummary(facts, { shareAddress: true }).address).toEqual({
      lines: ['1', 'High Street', 'Northtown'],
      postcode: 'NT1 1AA',
    })
    expect(buildSharedSummary({ ...facts, mainAddress: null }, { shareAddress: true }).address).toBeNull()
  })

  it('is a risk to staff from a RoSH to staff of medium or above, or a risk-to-staff registration', () => {
    const rosh = facts.rosh!
    expect(
      buildSharedSummary({ ...facts, rosh: { ...rosh, staff: 'medium' } }, { shareAddress: false }).riskToStaff,
    ).toBe(true)
    const flagged = buildSharedSummary(
      { ...facts, registrations: [{ code: 'RSTO', mappaLevel: null }] },
      { shareAddress: false },
    )
    expect(flagged.riskToStaff).toBe(true)
    expect(flagged.flags).toEqual([{ label: 'Risk to staff', riskToStaff: true }])
  })

  it('says what is unknown rather than guessing', () => {
    const s = buildSharedSummary({ ...facts, rosh: null, practitioner: null, order: null }, { shareAddress: false })
    expect(s.rosh).toEqual({ level: null, riskTo: [], assessedOn: null })
    expect(s.practitioner.name).toBe('Not allocated')
    expect(s.sentence).toBeNull()
  })

  it('holds nothing but the facts it was given: no CRN, no notes', () => {
    const text = JSON.stringify(buildSharedSummary(facts, { shareAddress: true }))
    expect(text).not.toMatch(/[A-Z][0-9]{6}/)
    expect(Object.keys(buildSharedSummary(facts, { shareAddress: true })).sort()).toEqual(
      ['address', 'flags', 'person', 'practitioner', 'riskToStaff', 'rosh', 'sentence'].sort(),
    )
  })
})
