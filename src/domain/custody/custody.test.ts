import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import {
  firstAppointmentDue,
  isPrisonNumber,
  licencePeriod,
  normalisePrisonNumber,
  pssPeriod,
  noPssReason,
  pssStartsNow,
  type NoPssFacts,
  releaseRefusals,
  releaseTrigger,
  type ReleaseFacts,
} from './index.ts'

const d = LocalDate.parse

describe('prison number (NOMIS format A1234BC; reference-systems.md §6 Person row; issue 14 item 1)', () => {
  it('takes a letter, four digits and two letters, typed in any case and with spaces', () => {
    expect(isPrisonNumber(normalisePrisonNumber(' a1234 bc '))).toBe(true)
    expect(normalisePrisonNumber('a1234 bc')).toBe('A1234BC')
  })
  it.each(['1234ABC', 'A123BC', 'A12345BC', 'AB1234C', 'A1234B', ''])('refuses %s', n =>
    expect(isPrisonNumber(normalisePrisonNumber(n))).toBe(false),
  )
})

describe('first appointment on licence: within 1 working day of release (rules-and-outcomes.md §3.3 row "First appointment (licence)")', () => {
  it('is the next working day after a release on a weekday', () => {
    expect(firstAppointmentDue(d('2026-06-02')).toString()).toBe('2026-06-03') // Tuesday → Wednesday
  })
  it('skips the weekend after a Friday release', () => {
    expect(firstAppointmentDue(d('2026-06-05')).toString()).toBe('2026-06-08')
  })
  it('skips Christmas Day, the weekend and the Boxing Day substitute bank holiday', () => {
    expect(firstAppointmentDue(d('2026-12-24')).toString()).toBe('2026-12-29')
  })
  it('skips a bank holiday Monday (late May 2026)', () => {
    expect(firstAppointmentDue(d('2026-05-22')).toString()).toBe('2026-05-26')
  })
  it('counts from the next working day after a weekend release', () => {
    expect(firstAppointmentDue(d('2026-06-06')).toString()).toBe('2026-06-08')
  })
})

describe('release refusals (issue 14 "Bad input": a release before sentence or after licence expiry)', () => {
  const facts: ReleaseFacts = {
    releasedOn: d('2026-06-01'),
    type: 'automatic',
    caseStatus: 'in_custody',
    sentenceDate: d('2026-01-05'),
    receptionDate: d('2026-01-06'),
    licenceExpiry: d('2027-01-04'),
    today: d('2026-06-10'),
  }
  it('allows a release in custody between reception and the licence expiry, on either boundary day', () => {
    expect(releaseRefusals(facts)).toEqual([])
    expect(releaseRefusals({ ...facts, releasedOn: d('2026-01-06') })).toEqual([])
    expect(releaseRefusals({ ...facts, releasedOn: d('2026-06-10') })).toEqual([])
    expect(releaseRefusals({ ...facts, releasedOn: d('2027-01-04'), today: d('2027-02-01') })).toEqual([])
  })
  it('refuses a release before the sentence date, naming the date field', () => {
    expect(releaseRefusals({ ...facts, releasedOn: d('2026-01-04') })).toEqual([
      { field: 'releaseDate', message: 'The release date must be on or after the sentence date (2026-01-05)' },
    ])
  })
  it('refuses a release after sentence but before reception', () => {
    expect(releaseRefusals({ ...facts, releasedOn: d('2026-01-05') })[0].message).toMatch(/reception date/)
  })
  it('refuses a release after the licence expiry', () => {
    const late = releaseRefusals({ ...facts, releasedOn: d('2027-01-05'), today: d('2027-02-01') })
    expect(late).toEqual([
      { field: 'releaseDate', message: 'The release date must be on or before the licence expiry date (2027-01-04)' },
    ])
  })
  it('refuses a release in the future (tomorrow)', () => {
    expect(releaseRefusals({ ...facts, releasedOn: d('2026-06-11') })[0].message).toMatch(/today or in the past/)
  })
  it('refuses a release of a case not in custody, naming the type field', () => {
    expect(releaseRefusals({ ...facts, caseStatus: 'on_licence' })).toEqual([
      { field: 'releaseType', message: 'Only a case in custody can be released' },
    ])
  })
  it('allows re-release only from recalled, and asks for re-release when recalled', () => {
    expect(releaseRefusals({ ...facts, type: 're_release', caseStatus: 'recalled' })).toEqual([])
    expect(releaseRefusals({ ...facts, type: 're_release' })[0].field).toBe('releaseType')
    expect(releaseRefusals({ ...facts, type: 'parole', caseStatus: 'recalled' })[0].message).toMatch(/re-release/)
  })
  it('applies re_released for a re-release and released otherwise', () => {
    expect(releaseTrigger('re_release')).toBe('re_released')
    expect(releaseTrigger('hdc')).toBe('released')
  })
})

describe('licence and PSS periods from the stored key dates (rules-and-outcomes.md §1.4, §3.2)', () => {
  it('runs the licence from CRD to SLED, or ARD to LED', () => {
    expect(licencePeriod({ CRD: '2026-06-01', SLED: '2027-06-01' })).toMatchObject({ fromKey: 'CRD', toKey: 'SLED' })
    const ard = licencePeriod({ ARD: '2026-03-01', LED: '2026-09-01', SED: '2026-09-01' })
    expect([ard?.fromKey, ard?.from.toString(), ard?.toKey, ard?.to.toString()]).toEqual([
      'ARD',
      '2026-03-01',
      'LED',
      '2026-09-01',
    ])
  })
  it('has no licence period without a licence expiry', () => {
    expect(licencePeriod({ ARD: '2026-03-01', SED: '2026-09-01' })).toBeNull()
  })
  it('runs PSS from the day after the licence ends to the TUSED, only when the TUSED is later', () => {
    const pss = pssPeriod({ CRD: '2026-03-01', LED: '2026-06-01', TUSED: '2027-03-01' })
    expect([pss?.from.toString(), pss?.to.toString()]).toEqual(['2026-06-02', '2027-03-01'])
    expect(pssPeriod({ CRD: '2026-03-01', LED: '2026-06-01', TUSED: '2026-06-01' })).toBeNull()
    expect(pssPeriod({ CRD: '2026-03-01', SLED: '2027-06-01' })).toBeNull()
  })
})

describe('PSS start (on licence → on post-sentence supervision; rules-and-outcomes.md §1.4 ORA 2014, §3.2)', () => {
  const dates = { CRD: '2026-03-01', LED: '2026-06-01', TUSED: '2027-03-01' }
  it('starts the day after the licence ends, not on the licence end date itself', () => {
    expect(pssStartsNow({ caseStatus: 'on_licence', dates, today: d('2026-06-01') })).toBe(false)
    expect(pssStartsNow({ caseStatus: 'on_licence', dates, today: d('2026-06-02') })).toBe(true)
  })
  it('does not start for a case not on licence (recalled, already on PSS, in custody)', () => {
    for (const caseStatus of ['recalled', 'on_pss', 'in_custody'])
      expect(pssStartsNow({ caseStatus, dates, today: d('2026-07-01') })).toBe(false)
  })
  it('does not start without a TUSED later than the licence end', () => {
    const noTused = { CRD: '2026-03-01', SLED: '2026-06-01' }
    expect(pssStartsNow({ caseStatus: 'on_licence', dates: noTused, today: d('2026-07-01') })).toBe(false)
    expect(pssStartsNow({ caseStatus: 'on_licence', dates: null, today: d('2026-07-01') })).toBe(false)
  })
})

describe('no PSS after the repeal (release-dates.md §5 points 2 and 8; "PSS/TUSED repealed": Sentencing Act 2026 s.34)', () => {
  const facts = (over: Partial<NoPssFacts> = {}): NoPssFacts => ({
    sentenceDate: d('2026-09-01'),
    term: { value: 6, unit: 'months' },
    dates: { CRD: '2026-12-01', SLED: '2027-03-01' },
    today: d('2026-12-06'),
    ...over,
  })
  it('says why a term under 2 years has no PSS once the repeal is in force', () => {
    expect(noPssReason(facts())).toMatch(/^No post-sentence supervision: .*repealed by the Sentencing Act 2026 s\.34/)
    expect(noPssReason(facts({ term: { value: 24, unit: 'months' } }))).toBeNull() // 2 years is not less than 2 years
    expect(noPssReason(facts({ term: { value: 104, unit: 'weeks' } }))).not.toBeNull() // 728 days: under 2 years
    expect(noPssReason(facts({ term: { value: 1, unit: 'days' } }))).toBeNull() // 1 day: never PSS
    expect(noPssReason(facts({ term: { value: 2, unit: 'days' } }))).not.toBeNull()
  })
  it('gives no reason where PSS runs, before the repeal, for a long term, or before the key dates are stored', () => {
    expect(noPssReason(facts({ dates: { CRD: '2026-12-01', SLED: '2027-03-01', TUSED: '2027-12-01' } }))).toBeNull()
    expect(noPssReason(facts({ today: d('2026-05-07') }))).toBeNull()
    expect(noPssReason(facts({ today: d('2026-05-08') }))).not.toBeNull()
    expect(noPssReason(facts({ term: { value: 3, unit: 'years' } }))).toBeNull()
    expect(noPssReason(facts({ dates: null }))).toBeNull()
    expect(noPssReason(facts({ term: null }))).toBeNull()
  })
})
