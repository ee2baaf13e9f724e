import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import { calculateReleaseDates, ReleaseDateRequestError, runReleaseDateRequest, type SentenceRequest } from './index.ts'

const s = (p: Partial<SentenceRequest> = {}): SentenceRequest => ({
  ref: 'S1',
  sentenceType: 'SDS',
  sentenceDate: '2022-10-11',
  offenceDate: '2022-10-10',
  length: { months: 18 },
  consecutiveTo: null,
  sdsPlusQualifying: false,
  section250: false,
  earlyReleaseExclusions: [],
  ...p,
})

function req(sentences: SentenceRequest[], extra: Record<string, unknown> = {}) {
  return {
    offender: { dateOfBirth: '1990-01-01', activeSexOffender: false },
    sentences,
    adjustments: {},
    rules: { regime: 'standard_50', pssRepealed: false },
    ...extra,
  }
}

const dates = (r: unknown) => {
  const out = runReleaseDateRequest(r)
  if ('error' in out) throw new Error(out.error)
  return out.dates
}

describe('results', () => {
  it('explains each date with the rule and the arithmetic', () => {
    const r = calculateReleaseDates(req([s()]))
    expect(r.dates.CRD?.toString()).toBe('2023-07-11')
    expect(r.explanations.CRD?.text).toBe('CRD: halfway point of 548 days = day 274 → 2023-07-11')
    expect(r.explanations.HDCED?.rule).toBe('HDC_180_UNDER_MIDPOINT')
    expect(r.regime).toMatchObject({ name: 'standard_50', chosenBy: 'request', pssRepealed: false })
  })

  it('mentions remand in the explanation', () => {
    const r = calculateReleaseDates(req([s()], { adjustments: { remand: [{ days: 50, appliesFrom: '2022-10-11' }] } }))
    expect(r.explanations.CRD?.text).toMatch(/less 50 days remand → 2023-05-22$/)
  })

  it('hints a weekend release back to the previous working day without moving the date', () => {
    // 123 days, release day 62 = Saturday 2024-12-28.
    const r = calculateReleaseDates(
      req([s({ sentenceDate: '2024-10-28', offenceDate: '2024-10-28', length: { days: 123 } })]),
    )
    expect(r.dates.CRD?.toString()).toBe('2024-12-28')
    expect(r.hints.CRD?.suggested.toString()).toBe('2024-12-27')
    // Discretionary scheme: the latest day that is a working day followed by a working day.
    expect(r.hints.CRD?.discretionary?.toString()).toBe('2024-12-23')
    expect(r.hints.SLED).toBeUndefined()
  })

  it('uses the regime in force on the calculation date when the request names none', () => {
    const r = calculateReleaseDates(req([s()], { rules: undefined }), { calculationDate: LocalDate.of(2025, 1, 1) })
    expect(r.regime).toMatchObject({ name: 'sds40_2024', chosenBy: 'calculation-date', pssRepealed: false })
    const later = calculateReleaseDates(req([s()], { rules: undefined }), {
      calculationDate: LocalDate.of(2026, 12, 1),
    })
    expect(later.regime).toMatchObject({ name: 'progression_model_2026', pssRepealed: true })
  })
})

describe('release types and TUSED (spec §2, §5)', () => {
  it('one-day term: ARD and SED only', () => {
    expect(dates(req([s({ length: { days: 1 } })]))).toEqual({
      ARD: '2022-10-11',
      SED: '2022-10-11',
      ESED: '2022-10-11',
    })
  })

  it('pre-ORA offence under 12 months: ARD, no licence, no TUSED', () => {
    const d = dates(req([s({ offenceDate: '2015-01-31', length: { months: 8 } })]))
    expect(Object.keys(d).sort()).toEqual(['ARD', 'ESED', 'HDCED', 'SED'])
  })

  it('ORA offence under 12 months: CRD, SLED and TUSED', () => {
    const d = dates(req([s({ offenceDate: '2015-02-01', length: { months: 8 } })]))
    expect(Object.keys(d).sort()).toEqual(['CRD', 'ESED', 'HDCED', 'SLED', 'TUSED'])
  })

  it('no TUSED at 2 years or more, nor when PSS is repealed', () => {
    expect(dates(req([s({ length: { years: 2 } })])).TUSED).toBeUndefined()
    expect(dates(req([s()], { rules: { regime: 'standard_50', pssRepealed: true } })).TUSED).toBeUndefined()
  })

  it('TUSED is 12 calendar months from release: 29 Feb + 12 months = 28 Feb', () => {
    // 4 months from 2023-12-31 = 122 days, release day 61 → 2024-02-29.
    const d = dates(req([s({ sentenceDate: '2023-12-31', offenceDate: '2023-12-30', length: { months: 4 } })]))
    expect(d.CRD).toBe('2024-02-29')
    expect(d.TUSED).toBe('2025-02-28')
  })

  it('under 18 on release with a term under 12 months: ARD/SED', () => {
    const d = dates(req([s({ length: { months: 6 } })], { offender: { dateOfBirth: '2005-06-01' } }))
    expect(d.ARD).toBeDefined()
    expect(d.TUSED).toBeUndefined()
  })

  it('legacy offence 12 months to under 4 years: CRD, LED at three quarters, SED', () => {
    const d = dates(req([s({ sentenceDate: '2010-06-01', offenceDate: '2004-01-01', length: { years: 2 } })]))
    // 731 days (2012 is a leap year): release day 366, LED day ceil(548.25) = 549.
    expect(d).toMatchObject({ CRD: '2011-06-01', LED: '2011-12-01', SED: '2012-05-31' })
  })

  it('immediate release when remand exceeds the custodial part', () => {
    const d = dates(req([s()], { adjustments: { remand: [{ days: 400 }] } }))
    expect(d.CRD).toBe('2022-10-11')
    expect(d.TUSED).toBe('2023-10-11')
    expect(d.HDCED).toBeUndefined()
  })

  it('ADA moves the release but never SLED or TUSED', () => {
    const base = dates(req([s()]))
    const withAda = dates(req([s()], { adjustments: { additionalDaysAwarded: [{ days: 10 }] } }))
    expect(withAda.CRD).toBe(LocalDate.parse(base.CRD!).plusDays(10).toString())
    expect(withAda.SLED).toBe(base.SLED)
    expect(withAda.TUSED).toBe(base.TUSED)
    const restored = dates(
      req([s()], {
        adjustments: { additionalDaysAwarded: [{ days: 10 }], restorationOfAdditionalDaysAwarded: [{ days: 4 }] },
      }),
    )
    expect(restored.CRD).toBe(LocalDate.parse(base.CRD!).plusDays(6).toString())
  })
})

describe('HDCED exclusions (spec §6)', () => {
  it('active sex offender: none', () => {
    expect(
      dates(req([s()], { offender: { dateOfBirth: '1990-01-01', activeSexOffender: true } })).HDCED,
    ).toBeUndefined()
  })
  it('any SDS+ or SDS+-qualifying sentence in the booking: none', () => {
    expect(dates(req([s(), s({ ref: 'S2', sdsPlusQualifying: true, length: { months: 6 } })])).HDCED).toBeUndefined()
  })
  it('custodial period under 42 days: none', () => {
    expect(dates(req([s({ length: { days: 82 } })])).HDCED).toBeUndefined()
    expect(dates(req([s({ length: { days: 84 } })])).HDCED).toBeDefined()
  })
  it('release under 14 days after sentence: none', () => {
    expect(dates(req([s()], { adjustments: { remand: [{ days: 262 }] } })).HDCED).toBeUndefined()
  })
  it('HDC-365 from 2025-06-03: release point minus 364 days for long terms', () => {
    const d = dates(req([s({ sentenceDate: '2025-07-01', offenceDate: '2025-07-01', length: { years: 6 } })]))
    expect(LocalDate.parse(d.CRD!).minusDays(364).toString()).toBe(d.HDCED)
  })
  it('progression model: no adult HDCED, section 250 keeps it', () => {
    const rules = { regime: 'progression_model_2026', pssRepealed: true }
    const adult = dates(
      req([s({ sentenceDate: '2026-11-02', offenceDate: '2026-11-01', length: { years: 2 } })], { rules }),
    )
    expect(adult.HDCED).toBeUndefined()
    const youth = dates(
      req([s({ sentenceDate: '2026-11-02', offenceDate: '2026-11-01', length: { years: 2 }, section250: true })], {
        rules,
      }),
    )
    expect(youth.HDCED).toBeDefined()
  })
})

describe('early release regimes (spec §4)', () => {
  const sds40 = { regime: 'sds40_2024', pssRepealed: false }
  it('SDS40 applies 40% from 2024-09-10 except for excluded offences and SDS+', () => {
    expect(dates(req([s({ sentenceDate: '2024-09-10', length: { years: 2 } })], { rules: sds40 })).CRD).toBe(
      '2025-06-28',
    )
    expect(
      dates(
        req([s({ sentenceDate: '2024-09-10', length: { years: 2 }, earlyReleaseExclusions: ['VIOLENT'] })], {
          rules: sds40,
        }),
      ).CRD,
    ).toBe('2025-09-09')
  })
  it('SDS40 tranche: release moves to the commencement date when 40% is before it and 50% is not', () => {
    const d = dates(
      req([s({ sentenceDate: '2022-01-10', offenceDate: '2022-01-01', length: { years: 6 } })], { rules: sds40 }),
    )
    expect(d.CRD).toBe('2024-10-22')
  })
  it('T3 exclusion reverts to 50% for people still in custody on 2024-12-16', () => {
    const d = dates(
      req([s({ sentenceDate: '2024-10-01', length: { years: 2 }, earlyReleaseExclusions: ['SEXUAL_T3'] })], {
        rules: sds40,
      }),
    )
    expect(d.CRD).toBe('2025-09-30')
  })
  it('progression model: one third for SDS sentenced after commencement, even for VIOLENT offences', () => {
    const rules = { regime: 'progression_model_2026', pssRepealed: true }
    const d = dates(
      req(
        [
          s({
            sentenceDate: '2026-10-05',
            offenceDate: '2026-10-01',
            length: { years: 3 },
            earlyReleaseExclusions: ['VIOLENT'],
          }),
        ],
        { rules },
      ),
    )
    expect(d.CRD).toBe('2027-10-05')
  })
})

describe('bad input is refused, never answered with a wrong date', () => {
  const refused = (r: unknown, pattern: RegExp) => {
    expect(() => calculateReleaseDates(r)).toThrow(ReleaseDateRequestError)
    expect(() => calculateReleaseDates(r)).toThrow(pattern)
  }
  it.each([
    ['impossible date', req([s({ sentenceDate: '2023-02-29' })]), /not a real calendar date/],
    ['badly formatted date', req([s({ offenceDate: '11/10/2022' })]), /YYYY-MM-DD/],
    ['negative length', req([s({ length: { months: -3 } })]), /whole number/],
    ['fractional length', req([s({ length: { months: 1.5 } })]), /whole number/],
    ['empty length', req([s({ length: {} })]), /term is empty/],
    ['no sentences', req([]), /at least one sentence/],
    ['unknown consecutive ref', req([s(), s({ ref: 'S2', consecutiveTo: 'S9' })]), /not a sentence in this request/],
    ['consecutive loop', req([s({ consecutiveTo: 'S2' }), s({ ref: 'S2', consecutiveTo: 'S1' })]), /loop/],
    ['consecutive to itself', req([s({ consecutiveTo: 'S1' })]), /itself/],
    ['duplicate ref', req([s(), s()]), /used twice/],
    ['unknown regime', req([s()], { rules: { regime: 'sds_33' } }), /unknown regime/],
    ['unknown sentence type', req([s({ sentenceType: 'EDS' as never })]), /not supported/],
    ['negative remand', req([s()], { adjustments: { remand: [{ days: -5 }] } }), /whole number/],
    [
      'unknown adjustment type',
      req([s()], { adjustments: { recallRemand: [{ days: 5 }] } }),
      /unknown adjustment type/,
    ],
    ['missing date of birth', { sentences: [s()] }, /offender/],
  ])('%s', (_name, r, pattern) => refused(r, pattern))

  it('a refusal carries a stable code', () => {
    try {
      calculateReleaseDates(req([s()], { rules: { regime: 'nope' } }))
      expect.unreachable()
    } catch (e) {
      expect((e as ReleaseDateRequestError).code).toBe('UNKNOWN_REGIME')
    }
  })
})
