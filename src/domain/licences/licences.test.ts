import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import {
  ADDITIONAL_CONDITIONS,
  conditionChanges,
  conditionWording,
  curfewMinutes,
  curfewProblem,
  LICENCE_CURFEW_MAX_HOURS_PER_DAY,
  licencePeriod,
  licenceWording,
  STANDARD_CONDITIONS,
  validateConditions,
  type AdditionalCondition,
  type LicenceConditions,
} from './index.ts'

const d = (iso: string) => LocalDate.parse(iso)
const ALL_STANDARD = STANDARD_CONDITIONS.map(c => c.code)
const curfew = (startTime: string, endTime: string, justification = 'Night-time burglaries'): AdditionalCondition => ({
  type: 'curfew',
  fields: { address: '12 Mill Lane, Northtown', startTime, endTime },
  justification,
})
const licence = (...additional: AdditionalCondition[]): LicenceConditions => ({ standard: ALL_STANDARD, additional })

describe('standard conditions (rules-and-outcomes.md §3.2, PSI 12/2015)', () => {
  it('are the seven published conditions, in their published wording', () => {
    expect(STANDARD_CONDITIONS).toHaveLength(7)
    expect(STANDARD_CONDITIONS[0].text).toBe(
      'Be of good behaviour and not behave in a way which undermines the purpose of the licence period.',
    )
    expect(STANDARD_CONDITIONS.map(c => c.text)).toContain('Not commit any offence.')
    expect(STANDARD_CONDITIONS[6].text).toMatch(/^Not travel outside the United Kingdom, the Channel Islands/)
  })

  it('refuses a code that is not a standard condition', () => {
    expect(validateConditions({ standard: ['no_offence', 'be_nice'], additional: [] })).toEqual([
      { field: 'standard', message: 'be_nice is not a standard condition' },
    ])
  })
})

describe('additional conditions by category (reference-systems.md §2.6, §6 row 45)', () => {
  it('offers every category the issue names, and bespoke wording', () => {
    expect(ADDITIONAL_CONDITIONS.map(c => c.category)).toEqual([
      'Residence at a specific place',
      'Restriction of residency',
      'Contact with a named person (non-contact)',
      'Making or maintaining contact with a person',
      'Participation in programmes or activities',
      'Possession, ownership, control or use of items',
      'Disclosure of information',
      'Curfew arrangement',
      'Freedom of movement (exclusion zone)',
      'Supervision in the community',
      'Restriction of specified conduct or acts',
      'Drug testing',
      'Electronic monitoring',
      'Polygraph',
      'Bespoke condition',
    ])
  })

  it.each(ADDITIONAL_CONDITIONS.map(c => [c.code] as const))(
    'refuses a %s condition without its justification',
    code => {
      const type = ADDITIONAL_CONDITIONS.find(c => c.code === code)!
      const fields = Object.fromEntries(
        type.fields.map(f => [f.name, f.kind === 'time' ? '20:00' : f.kind === 'choice' ? f.choices![0].value : 'x']),
      )
      const condition = { type: code, fields: { ...fields, endTime: '06:00' }, justification: '  ' }
      expect(validateConditions(licence(condition))).toEqual([
        { field: `additional.${code}.justification`, message: expect.stringMatching(/^Give the justification for/) },
      ])
      expect(validateConditions(licence({ ...condition, justification: 'Risk to the victim' }))).toEqual([])
    },
  )

  it('refuses a non-contact condition without the person named', () => {
    const problems = validateConditions(
      licence({ type: 'no_contact_named_person', fields: { person: '' }, justification: 'Victim' }),
    )
    expect(problems).toEqual([
      { field: 'additional.no_contact_named_person.person', message: 'Enter the name of the person' },
    ])
  })

  it('refuses the same category twice (further wording goes in a bespoke condition)', () => {
    expect(validateConditions(licence(curfew('19:00', '07:00'), curfew('20:00', '06:00')))).toEqual([
      { field: 'additional.curfew', message: 'The curfew arrangement condition is listed twice' },
    ])
  })

  it('fills the wording from the fields', () => {
    expect(conditionWording(curfew('19:00', '07:00'))).toBe(
      'You must be at 12 Mill Lane, Northtown between 19:00 and 07:00 every day, unless your supervising officer ' +
        'approves otherwise.',
    )
    expect(
      conditionWording({ type: 'electronic_monitoring', fields: { monitoring: 'curfew' }, justification: 'x' }),
    ).toMatch(/^You will be subject to electronic monitoring \(curfew\)\./)
    expect(conditionWording({ type: 'bespoke', fields: { wording: 'Do not drive.' }, justification: 'x' })).toBe(
      'Do not drive.',
    )
  })
})

describe('curfew hours (NOT VERIFIED limit: LICENCE_CURFEW_MAX_HOURS_PER_DAY)', () => {
  it('is 16 hours a day, a named constant', () => {
    expect(LICENCE_CURFEW_MAX_HOURS_PER_DAY).toBe(16)
  })

  it('counts an overnight curfew across midnight', () => {
    expect(curfewMinutes('19:00', '07:00')).toBe(12 * 60)
    expect(curfewMinutes('07:00', '19:00')).toBe(12 * 60)
    expect(curfewMinutes('23:30', '00:15')).toBe(45)
  })

  it('accepts exactly 16 hours and refuses 16 hours and 1 minute', () => {
    expect(curfewProblem('16:00', '08:00')).toBeNull()
    expect(curfewProblem('15:59', '08:00')).toEqual({
      field: 'endTime',
      message: 'The curfew is 16.0 hours a day: it must be no more than 16 hours a day',
    })
    expect(validateConditions(licence(curfew('18:00', '12:00')))).toEqual([
      {
        field: 'additional.curfew.endTime',
        message: 'The curfew is 18 hours a day: it must be no more than 16 hours a day',
      },
    ])
  })

  it('refuses equal start and end (a 24-hour curfew) and times that are not HH:MM', () => {
    expect(curfewProblem('19:00', '19:00')?.message).toMatch(/24 hours a day/)
    expect(curfewProblem('7pm', '07:00')).toEqual({
      field: 'startTime',
      message: 'Enter the time the curfew starts, like 19:00',
    })
    expect(curfewProblem('19:00', '24:00')?.field).toBe('endTime')
  })

  it('takes another limit when the policy is confirmed', () => {
    expect(curfewProblem('19:00', '09:00', 12)?.message).toMatch(/no more than 12 hours/)
    expect(validateConditions(licence(curfew('19:00', '09:00')), { curfewMaxHours: 12 })).toHaveLength(1)
  })
})

describe('exclusion zone (reference-systems.md §6 row 12, §2.6)', () => {
  const zone = (description: string, mapReference = ''): AdditionalCondition => ({
    type: 'exclusion_zone',
    fields: { description, mapReference },
    justification: 'The victim lives in Southam',
  })

  it('needs a description; the map reference is optional', () => {
    expect(validateConditions(licence(zone('')))).toEqual([
      { field: 'additional.exclusion_zone.description', message: 'Enter the description of the exclusion zone' },
    ])
    expect(validateConditions(licence(zone('Southam town centre')))).toEqual([])
  })

  it('names the map in the wording when there is one', () => {
    expect(conditionWording(zone('Southam town centre', 'EZ-1'))).toBe(
      'You must not enter the area described as Southam town centre (shown on map EZ-1), without the prior approval ' +
        'of your supervising officer.',
    )
    expect(conditionWording(zone('Southam town centre'))).not.toContain('map')
  })
})

describe('licence period (issue 14 item 3; release-dates.md key dates)', () => {
  it('runs from CRD to SLED', () => {
    expect(licencePeriod({ CRD: d('2027-03-01'), ARD: d('2027-02-01'), SLED: d('2028-09-01') })).toEqual({
      ok: true,
      start: d('2027-03-01'),
      startBasis: 'CRD',
      end: d('2028-09-01'),
      endBasis: 'SLED',
    })
  })

  it('falls back to ARD and LED', () => {
    const period = licencePeriod({ ARD: d('2027-02-01'), LED: d('2027-08-01'), SED: d('2027-09-01') })
    expect(period).toMatchObject({ ok: true, startBasis: 'ARD', endBasis: 'LED', end: d('2027-08-01') })
  })

  it('starts on the release recorded', () => {
    const period = licencePeriod({ CRD: d('2027-03-01'), SLED: d('2028-09-01') }, d('2027-02-27'))
    expect(period).toMatchObject({ ok: true, start: d('2027-02-27'), startBasis: 'release' })
  })

  it('has no period without a release date, without an expiry, or when the expiry is not after release', () => {
    expect(licencePeriod({ SLED: d('2028-09-01') })).toEqual({
      ok: false,
      reason: 'There is no release date: the key dates have no CRD or ARD',
    })
    expect(licencePeriod({ CRD: d('2027-03-01'), SED: d('2028-09-01') })).toMatchObject({ ok: false })
    expect(licencePeriod({ CRD: d('2027-03-01'), SLED: d('2027-03-01') })).toEqual({
      ok: false,
      reason: 'The licence would end on or before release: there is no licence period',
    })
  })
})

describe('variations (reference-systems.md §6 row 12)', () => {
  it('lists what was added, removed and changed', () => {
    const before = licence(curfew('19:00', '07:00'), {
      type: 'polygraph',
      fields: {},
      justification: 'Sexual offence',
    })
    const after: LicenceConditions = {
      standard: ALL_STANDARD.filter(c => c !== 'approved_work'),
      additional: [
        curfew('21:00', '06:00'),
        { type: 'exclusion_zone', fields: { description: 'Southam' }, justification: 'Victim' },
      ],
    }
    expect(conditionChanges(before, after)).toEqual({
      added: ['Freedom of movement (exclusion zone)'],
      removed: [STANDARD_CONDITIONS[5].text, 'Polygraph'],
      changed: ['Curfew arrangement'],
    })
    expect(conditionChanges(before, before)).toEqual({ added: [], removed: [], changed: [] })
  })

  it('words the licence in the catalogue order whatever the order given', () => {
    const wording = licenceWording(
      licence({ type: 'polygraph', fields: {}, justification: 'x' }, curfew('19:00', '07:00')),
    )
    expect(wording.standard).toHaveLength(7)
    expect(wording.additional.map(a => a.category)).toEqual(['Curfew arrangement', 'Polygraph'])
  })
})
