import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import {
  ValidationError,
  calculateOgp,
  calculateOgrs3,
  calculateOspDc,
  calculateOvp,
  calculateRsr,
  calculateSnsv,
  roundHalfUp,
  oasysIntegerPercent,
  type RiskInputs,
} from './index.ts'

const d = LocalDate.parse

/** The spec §3.7 worked example. */
const ogrs3Person: RiskInputs = {
  gender: 'MALE',
  dateOfBirth: d('1965-12-07'),
  dateOfCurrentConviction: d('2025-05-13'),
  dateAtStartOfFollowup: d('2026-12-12'),
  totalNumberOfSanctionsForAllOffences: 2,
  ageAtFirstSanction: 47,
  currentOffenceCode: '02700',
}

const rsrPerson: RiskInputs = {
  ...ogrs3Person,
  currentOffenceCode: '04600',
  assessmentDate: d('2026-12-20'),
  totalNumberOfViolentSanctions: 1,
  hasEverCommittedSexualOffence: false,
}

function refusal(f: () => unknown): ValidationError {
  try {
    f()
  } catch (e) {
    if (e instanceof ValidationError) return e
    throw e
  }
  throw new Error('expected a ValidationError, but the inputs were scored')
}

describe('OGRS3 worked example and explanation (spec §3.7)', () => {
  it('reproduces 8 % / 16 % LOW with the OASys table', () => {
    const r = calculateOgrs3(ogrs3Person)
    expect([r.oneYearPercent, r.twoYearPercent, r.band]).toEqual([8, 16, 'LOW'])
    expect(r.algorithm).toBe('OGRS3')
    expect(r.version).toMatch(/oasys/)
  })

  it('explains each term, the linear sum, probabilities and band thresholds', () => {
    const e = calculateOgrs3(ogrs3Person).explanation
    const byId = Object.fromEntries(e.terms.map(t => [t.id, t.contribution]))
    expect(byId.ageGender).toBe(-2.0253)
    expect(byId.sanctionStatus).toBe(0.46306)
    expect(byId.copas).toBeCloseTo(-3.0000547, 6)
    expect(byId.offence).toBe(0.7606)
    // The spec prints x = −3.80179; its own terms sum to −3.80169 (a transcription slip; p2 = 0.1571 either way).
    expect(e.total).toBeCloseTo(-3.80169, 5)
    expect(e.total).toBeCloseTo(
      e.terms.reduce((s, t) => s + t.contribution, 0),
      12,
    )
    expect(e.outcomes[1].percent).toBe(16)
    expect(e.band?.thresholds.map(t => t.from)).toEqual([0, 50, 75, 90])
    expect(e.inputs.dateOfBirth).toBe('1965-12-07')
  })

  it('caps previous sanctions at 50 only for the spreadsheet coefficients', () => {
    const many = { ...ogrs3Person, totalNumberOfSanctionsForAllOffences: 80, ageAtFirstSanction: 12 }
    const full = calculateOgrs3(many, { coefficients: 'full' })
    const uncapped = calculateOgrs3(many, { coefficients: 'full', capPreviousSanctions: false })
    expect(full.explanation.terms.find(t => t.id === 'copas')!.rule).toContain('ln(51 /')
    expect(full.twoYearProbability).toBeLessThan(uncapped.twoYearProbability)
    expect(calculateOgrs3(many).explanation.terms.find(t => t.id === 'copas')!.rule).toContain('ln(80 /')
  })
})

describe('refusals name the fields (ValidationError)', () => {
  it('names every missing OGRS3 input', () => {
    const e = refusal(() => calculateOgrs3({}))
    expect(e.errors.map(x => x.field).sort()).toEqual(
      [
        'ageAtFirstSanction',
        'currentOffenceCode',
        'dateAtStartOfFollowup',
        'dateOfBirth',
        'dateOfCurrentConviction',
        'gender',
        'totalNumberOfSanctionsForAllOffences',
      ].sort(),
    )
    expect(e.errors.every(x => x.code === 'MISSING_MANDATORY_INPUT')).toBe(true)
  })

  it('refuses a first sanction after the current conviction (by age or by date)', () => {
    expect(refusal(() => calculateOgrs3({ ...ogrs3Person, ageAtFirstSanction: 60 })).errors[0].code).toBe(
      'AGE_AT_FIRST_SANCTION_AFTER_AGE_AT_CURRENT_CONVICTION',
    )
    const byDate = { ...ogrs3Person, ageAtFirstSanction: undefined, dateOfFirstSanction: d('2025-06-01') }
    expect(refusal(() => calculateOgrs3(byDate)).errors[0].field).toBe('dateOfFirstSanction')
  })

  it('refuses a conviction under the age of 10', () => {
    const young = {
      ...ogrs3Person,
      dateOfBirth: d('2016-01-01'),
      dateAtStartOfFollowup: d('2025-06-01'),
      ageAtFirstSanction: 9,
    }
    expect(refusal(() => calculateOgrs3(young)).errors.map(x => x.code)).toContain(
      'AGE_AT_CURRENT_CONVICTION_LESS_THAN_TEN',
    )
  })

  it('refuses unknown, malformed and group-level offence codes, and codes with no OGRS3 weight', () => {
    expect(refusal(() => calculateOgrs3({ ...ogrs3Person, currentOffenceCode: '99999' })).errors[0].code).toBe(
      'UNKNOWN_OFFENCE_CODE',
    )
    expect(refusal(() => calculateOgrs3({ ...ogrs3Person, currentOffenceCode: '027' })).errors[0].code).toBe(
      'INVALID_OFFENCE_CODE',
    )
    for (const code of ['08800', '11100', '14100']) {
      expect(refusal(() => calculateOgrs3({ ...ogrs3Person, currentOffenceCode: code })).errors[0].code).toBe(
        'NEED_DETAILS_OF_EXACT_OFFENCE',
      )
    }
    expect(refusal(() => calculateOgrs3({ ...ogrs3Person, currentOffenceCode: '95000' })).errors[0].code).toBe(
      'OFFENCE_CODE_HAS_NO_OGRS3_WEIGHT',
    )
  })

  it('refuses dates before birth and violent sanctions above the total', () => {
    const e = refusal(() =>
      calculateOvp({ ...rsrPerson, dateAtStartOfFollowup: d('1960-01-01'), totalNumberOfViolentSanctions: 3 }),
    )
    expect(e.errors.map(x => x.field)).toEqual(
      expect.arrayContaining(['dateAtStartOfFollowup', 'totalNumberOfViolentSanctions']),
    )
  })

  it('refuses OVP under 18 at the start of follow-up', () => {
    const teen: RiskInputs = {
      gender: 'MALE',
      dateOfBirth: d('2010-01-01'),
      dateAtStartOfFollowup: d('2027-06-01'),
      totalNumberOfSanctionsForAllOffences: 1,
      totalNumberOfViolentSanctions: 0,
      doesRecogniseImpactOfOffendingOnOthers: true,
      isCurrentlyOfNoFixedAbodeOrTransientAccommodation: false,
      isUnemployed: false,
      currentAlcoholUseProblems: 0,
      excessiveAlcoholUse: 0,
      hasCurrentPsychiatricTreatment: false,
      temperControl: 0,
      proCriminalAttitudes: 0,
    }
    expect(refusal(() => calculateOvp(teen)).errors[0].code).toBe('AGE_UNDER_18')
  })

  it('names the OGP dynamic answers alongside any OGRS3 gaps', () => {
    const e = refusal(() => calculateOgp({ ...ogrs3Person, gender: undefined }))
    expect(e.errors.map(x => x.field)).toEqual(
      expect.arrayContaining(['gender', 'isUnemployed', 'proCriminalAttitudes']),
    )
  })

  it('refuses RSR when the sexual-offending section is unanswered', () => {
    const e = refusal(() => calculateRsr({ ...rsrPerson, hasEverCommittedSexualOffence: undefined }))
    expect(e.errors.map(x => x.field)).toContain('hasEverCommittedSexualOffence')
  })

  it('refuses RSR for a sexually motivated offence with no sexual sanctions', () => {
    const e = refusal(() =>
      calculateRsr({
        ...rsrPerson,
        hasEverCommittedSexualOffence: true,
        isCurrentOffenceSexuallyMotivated: true,
        totalContactAdultSexualSanctions: 0,
        totalContactChildSexualSanctions: 0,
        totalIndecentImageSanctions: 0,
        totalNonContactSexualOffences: 0,
      }),
    )
    expect(e.errors[0].code).toBe('SEXUAL_SANCTIONS_INCONSISTENT')
  })

  it('refuses forced dynamic SNSV with missing items, and warns when falling back to static', () => {
    expect(
      refusal(() => calculateSnsv({ ...rsrPerson, snsvStaticOrDynamic: 'DYNAMIC' })).errors.map(x => x.field),
    ).toContain('temperControl')
    const r = calculateSnsv(rsrPerson)
    expect(r.scoreType).toBe('STATIC')
    expect(r.warnings.map(w => w.code)).toContain('MISSING_DYNAMIC_INPUT')
  })
})

describe('OSP/DC risk reduction (spec §6.2)', () => {
  const high: RiskInputs = {
    gender: 'MALE',
    hasEverCommittedSexualOffence: true,
    dateOfBirth: d('1970-01-01'),
    dateAtStartOfFollowup: d('2010-01-01'),
    assessmentDate: d('2026-01-01'),
    totalNumberOfSanctionsForAllOffences: 3,
    totalContactAdultSexualSanctions: 3,
    totalContactChildSexualSanctions: 1,
    totalNonContactSexualOffences: 0,
    dateOfMostRecentSexualOffence: d('2009-01-01'),
    mostRecentOffenceDate: d('2009-06-01'),
    isCurrentOffenceAgainstVictimStranger: false,
    supervisionStatus: 'COMMUNITY',
  }

  it('lowers the band one step after five offence-free years in the community', () => {
    const r = calculateOspDc(high)
    // 15 + 3 + 0 + age 40 (14 − 7 = 7) + last sexual age 39 (10) + previous 6 = 41 → VERY_HIGH → HIGH
    expect(r.pointScore).toBe(41)
    expect(r.bandBeforeReduction).toBe('VERY_HIGH')
    expect(r.band).toBe('HIGH')
    expect(r.riskReductionApplied).toBe(true)
  })

  it('does not reduce in custody or within five years', () => {
    expect(calculateOspDc({ ...high, supervisionStatus: 'CUSTODY' }).band).toBe('VERY_HIGH')
    expect(calculateOspDc({ ...high, mostRecentOffenceDate: d('2022-01-01') }).band).toBe('VERY_HIGH')
  })
})

describe('rounding (spec §2)', () => {
  it('rounds half-up on the decimal value', () => {
    expect(roundHalfUp(1.005, 2)).toBe(1.01)
    expect(roundHalfUp(2.5)).toBe(3)
    expect(roundHalfUp(-2.5)).toBe(-3)
    expect(oasysIntegerPercent(0.004)).toBe(1)
    expect(oasysIntegerPercent(0.995)).toBe(99)
    expect(oasysIntegerPercent(0.154995)).toBe(16)
  })
})
