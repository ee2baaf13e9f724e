import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import {
  buildBooking,
  calculateKeyDates,
  validateCommunityOrder,
  validateCustodial,
  validateSuspendedSentence,
  type CurrentCustodialSentence,
  type Length,
  type RequirementInput,
} from './index.ts'

const d = (s: string) => LocalDate.parse(s)
const co = (length: Length | undefined, requirements: RequirementInput[], conviction = '2026-03-02') =>
  validateCommunityOrder({ sentenceDate: d('2026-03-02'), convictionDate: d(conviction), length, requirements })
const twelveMonths: Length = { value: 12, unit: 'months' }
const fieldsOf = (r: { ok: boolean; errors?: { field: string }[] }) => (r.ok ? [] : r.errors!.map(e => e.field))

describe('community order: unpaid work hours at their edges (Sch 9 Part 1: 40–300)', () => {
  it.each([
    [39, false],
    [40, true],
    [300, true],
    [301, false],
  ])('%i hours → valid %s', (hours, ok) => {
    const r = co(twelveMonths, [{ type: 'unpaid_work', length: hours }])
    expect(r.ok).toBe(ok)
    if (!r.ok)
      expect(r.errors).toEqual([
        {
          field: 'requirements.0.length',
          message: expect.stringMatching(/between 40 and 300 hours.*Sch 9 Part 1.*outside/),
        },
      ])
  })

  it('unpaid work runs for 12 months within the order; RAR runs to the end of the order', () => {
    const r = co({ value: 18, unit: 'months' }, [
      { type: 'unpaid_work', length: 100 },
      { type: 'rehabilitation_activity', length: 20 },
    ])
    expect(r.ok && r.value.endDate.toString()).toBe('2027-09-01')
    expect(
      r.ok &&
        r.value.requirements.map(q => [q.type, q.length, q.unit, q.startDate.toString(), q.expectedEndDate.toString()]),
    ).toEqual([
      ['unpaid_work', 100, 'hours', '2026-03-02', '2027-03-01'],
      ['rehabilitation_activity', 20, 'days', '2026-03-02', '2027-09-01'],
    ])
  })

  it('a 6-month order ends the unpaid work period with it', () => {
    const r = co({ value: 6, unit: 'months' }, [{ type: 'unpaid_work', length: 60 }])
    expect(r.ok && r.value.requirements[0].expectedEndDate.toString()).toBe('2026-09-01')
  })

  it('RAR days must be more than 0', () => {
    expect(fieldsOf(co(twelveMonths, [{ type: 'rehabilitation_activity', length: 0 }]))).toEqual([
      'requirements.0.length',
    ])
  })
})

describe('community order length at its edge (s.209: at most 3 years)', () => {
  it.each<[Length, boolean]>([
    [{ value: 3, unit: 'years' }, true],
    [{ value: 36, unit: 'months' }, true],
    [{ value: 37, unit: 'months' }, false],
    [{ value: 1096, unit: 'days' }, true],
    [{ value: 1097, unit: 'days' }, false],
    [{ value: 4, unit: 'years' }, false],
  ])('%o → valid %s', (length, ok) => {
    const r = co(length, [{ type: 'rehabilitation_activity', length: 10 }])
    expect(r.ok).toBe(ok)
    if (!r.ok)
      expect(r.errors[0]).toEqual({
        field: 'length',
        message: expect.stringMatching(/no more than 3 years \(Sentencing Code s\.209\)/),
      })
  })

  it('needs at least one requirement and a length', () => {
    expect(fieldsOf(co(twelveMonths, []))).toEqual(['requirements'])
    expect(fieldsOf(co(undefined, [{ type: 'unpaid_work', length: 50 }]))).toEqual(['length'])
  })

  it('refuses a requirement running past the order, and a requirement listed twice, field by field', () => {
    const r = co({ value: 6, unit: 'months' }, [
      { type: 'drug_rehabilitation', length: 9 },
      { type: 'unpaid_work', length: 50 },
      { type: 'unpaid_work', length: 50 },
      { type: 'juggling', length: 1 },
    ])
    expect(fieldsOf(r)).toEqual(['requirements.0.length', 'requirements.2.type', 'requirements.3.type'])
  })

  it('refuses a sentence date before the conviction date', () => {
    expect(fieldsOf(co(twelveMonths, [{ type: 'unpaid_work', length: 50 }], '2026-04-01'))).toEqual(['sentenceDate'])
  })
})

describe('curfew limits (Sch 9 para 9 as amended by PCSC 2022 s.150)', () => {
  const curfew = (hoursPerDay: number, daysPerWeek: number, months: number, conviction = '2026-03-02') =>
    co({ value: 3, unit: 'years' }, [{ type: 'curfew', length: months, hoursPerDay, daysPerWeek }], conviction)
  it.each([
    [2, 7, 6, '2026-03-02', true],
    [1, 7, 6, '2026-03-02', false],
    [16, 7, 6, '2026-03-02', true],
    [17, 7, 6, '2026-03-02', false], // 119 hours in 7 days > 112
    [20, 5, 6, '2026-03-02', true], // 100 hours
    [21, 5, 6, '2026-03-02', false],
    [12, 7, 24, '2026-03-02', true],
    [12, 7, 25, '2026-03-02', false],
    [16, 7, 12, '2022-06-27', true], // before 28 June 2022: 16 hours, 12 months, no weekly cap
    [17, 5, 12, '2022-06-27', false],
    [12, 7, 13, '2022-06-27', false],
  ])('%i hours × %i days for %i months (convicted %s) → valid %s', (h, days, months, conviction, ok) => {
    expect(curfew(h, days, months, conviction).ok).toBe(ok)
  })
})

describe('suspended sentence order (ss.264, 277, 288)', () => {
  const sso = (
    term: Length,
    operational: Length,
    supervision: Length | undefined,
    requirements: RequirementInput[] = [],
  ) =>
    validateSuspendedSentence({
      sentenceDate: d('2026-03-02'),
      convictionDate: d('2026-03-02'),
      custodialTerm: term,
      operationalPeriod: operational,
      supervisionPeriod: supervision,
      requirements,
    })
  const upw = [{ type: 'unpaid_work', length: 120 }]
  it.each<[Length, Length, Length | undefined, RequirementInput[], string[]]>([
    [{ value: 14, unit: 'days' }, { value: 6, unit: 'months' }, undefined, [], []],
    [{ value: 13, unit: 'days' }, { value: 6, unit: 'months' }, undefined, [], ['custodialTerm']],
    [{ value: 2, unit: 'years' }, { value: 2, unit: 'years' }, { value: 2, unit: 'years' }, upw, []],
    [{ value: 25, unit: 'months' }, { value: 2, unit: 'years' }, { value: 12, unit: 'months' }, upw, ['custodialTerm']],
    [{ value: 6, unit: 'months' }, { value: 5, unit: 'months' }, undefined, [], ['operationalPeriod']],
    [{ value: 6, unit: 'months' }, { value: 25, unit: 'months' }, undefined, [], ['operationalPeriod']],
    [
      { value: 6, unit: 'months' },
      { value: 12, unit: 'months' },
      { value: 18, unit: 'months' },
      upw,
      ['supervisionPeriod'],
    ],
    [
      { value: 6, unit: 'months' },
      { value: 12, unit: 'months' },
      { value: 5, unit: 'months' },
      upw,
      ['supervisionPeriod'],
    ],
    [{ value: 6, unit: 'months' }, { value: 12, unit: 'months' }, undefined, upw, ['supervisionPeriod']],
    [
      { value: 6, unit: 'months' },
      { value: 12, unit: 'months' },
      { value: 12, unit: 'months' },
      [],
      ['supervisionPeriod'],
    ],
    [
      { value: 6, unit: 'months' },
      { value: 12, unit: 'months' },
      { value: 12, unit: 'months' },
      [{ type: 'unpaid_work', length: 301 }],
      ['requirements.0.length'],
    ],
  ])('term %o, operational %o, supervision %o → errors %o', (term, op, sup, reqs, fields) => {
    expect(fieldsOf(sso(term, op, sup, reqs))).toEqual(fields)
  })

  it('ends with the operational period; requirements end by the supervision period', () => {
    const r = sso({ value: 6, unit: 'months' }, { value: 18, unit: 'months' }, { value: 12, unit: 'months' }, [
      { type: 'rehabilitation_activity', length: 15 },
    ])
    expect(
      r.ok && [
        r.value.endDate.toString(),
        r.value.supervisionEndDate?.toString(),
        r.value.requirements[0].expectedEndDate.toString(),
      ],
    ).toEqual(['2027-09-01', '2027-03-01', '2027-03-01'])
  })
})

describe('custodial sentences', () => {
  const input = {
    sentenceDate: d('2026-03-02'),
    convictionDate: d('2026-02-02'),
    custodialType: 'SDS',
    length: { value: 18, unit: 'months' } as Length,
    offenceDate: d('2025-12-01'),
    remandDays: 0,
    taggedBailDays: 0,
  }
  it('accepts SDS and SDS+, refuses what the calculator does not support, field by field', () => {
    expect(validateCustodial(input).ok).toBe(true)
    expect(fieldsOf(validateCustodial({ ...input, custodialType: 'EDS', offenceDate: null, remandDays: -1 }))).toEqual([
      'custodialType',
      'offenceDate',
      'remandDays',
    ])
  })

  const s1: CurrentCustodialSentence = {
    ref: '1',
    custodialType: 'SDS',
    sentenceDate: '2026-03-02',
    offenceDate: '2025-12-01',
    length: { value: 12, unit: 'months' },
    consecutiveTo: null,
    remandDays: 0,
    taggedBailDays: 0,
  }
  const today = d('2026-03-02')
  const keyDates = (sentences: CurrentCustodialSentence[]) => {
    const r = calculateKeyDates(buildBooking('1990-05-05', sentences), today)
    if (!r.ok) throw new Error(r.message)
    return r.value
  }

  it('a consecutive sentence moves the release and expiry dates; a concurrent shorter one does not', () => {
    const alone = keyDates([s1])
    expect(alone.dates.SLED).toBe('2027-03-01')
    expect(alone.explanations.CRD.text).toMatch(/CRD/)
    const consecutive = keyDates([s1, { ...s1, ref: '2', length: { value: 6, unit: 'months' }, consecutiveTo: '1' }])
    expect(consecutive.dates.SLED).toBe('2027-09-01')
    expect(consecutive.dates.CRD > alone.dates.CRD).toBe(true)
    const concurrent = keyDates([s1, { ...s1, ref: '2', length: { value: 6, unit: 'months' } }])
    expect(concurrent.dates).toEqual(alone.dates)
  })

  it('remand days bring the dates forward; a chain whose head is gone counts as concurrent', () => {
    const alone = keyDates([s1])
    const remand = keyDates([{ ...s1, remandDays: 30 }])
    expect(LocalDate.parse(remand.dates.SLED).plusDays(30).toString()).toBe(alone.dates.SLED)
    expect(buildBooking('1990-05-05', [{ ...s1, consecutiveTo: '9' }]).sentences[0].consecutiveTo).toBeNull()
  })

  it('a booking the calculator refuses comes back with its reason', () => {
    const r = calculateKeyDates(buildBooking('1990-05-05', [{ ...s1, offenceDate: 'not a date' }]), today)
    expect(r).toEqual({ ok: false, message: expect.any(String) })
  })
})
