import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import { ValidationError } from '../validation-error.ts'
import { logistic } from '../maths.ts'
import {
  calculateArp,
  calculateCsrp,
  calculateDcSrp,
  calculateIicSrp,
  calculateSvrp,
  calculateVrp,
  v4Band,
  type V4Inputs,
} from './index.ts'

const d = LocalDate.parse

/** A man with a record and every dynamic answer, so every model can run dynamic. */
const person: V4Inputs = {
  gender: 'MALE',
  dateOfBirth: d('1990-03-10'),
  assessmentDate: d('2026-06-01'),
  dateOfCurrentConviction: d('2025-01-15'),
  dateAtStartOfFollowup: d('2025-02-01'),
  totalNumberOfSanctionsForAllOffences: 6,
  totalNumberOfViolentSanctions: 2,
  ageAtFirstSanction: 17,
  currentOffenceCode: '04600',
  didOffenceInvolveCarryingOrUsingWeapon: false,
  suitabilityOfAccommodation: 1,
  isUnemployed: true,
  currentRelationshipStatus: 'IN_RELATIONSHIP_LIVING_TOGETHER',
  currentRelationshipWithPartner: 2,
  evidenceOfDomesticAbuse: true,
  regularOffendingActivities: 1,
  motivationToTackleDrugMisuse: 1,
  currentAlcoholUseProblems: 2,
  excessiveAlcoholUse: 1,
  impulsivityProblems: 1,
  temperControl: 2,
  proCriminalAttitudes: 1,
  previousConvictions: ['ROBBERY'],
  hasCrackCocaineUsage: true,
  hasSpiceUsage: true,
  hasEverCommittedSexualOffence: false,
  supervisionStatus: 'COMMUNITY',
}

function refusal(f: () => unknown): ValidationError {
  try {
    f()
  } catch (e) {
    if (e instanceof ValidationError) return e
    throw e
  }
  throw new Error('expected a ValidationError')
}

describe('v4 bands (risk-and-tier.md §7.2)', () => {
  it.each([
    ['ARP', 49.99, 'LOW'],
    ['ARP', 50, 'MEDIUM'],
    ['ARP', 75, 'HIGH'],
    ['ARP', 89.99, 'HIGH'],
    ['ARP', 90, 'VERY_HIGH'],
    ['VRP', 29.99, 'LOW'],
    ['VRP', 30, 'MEDIUM'],
    ['VRP', 80, 'VERY_HIGH'],
    ['SVRP', 0.99, 'LOW'],
    ['SVRP', 2.99, 'MEDIUM'],
    ['CSRP', 3, 'HIGH'],
    ['CSRP', 6.89, 'HIGH'],
    ['CSRP', 6.9, 'VERY_HIGH'],
  ] as const)('%s %d%% is %s', (name, percent, band) => {
    expect(v4Band(name, percent)).toBe(band)
  })
})

describe('ARP, VRP, SVRP (§7.1)', () => {
  it.each([
    ['ARP', calculateArp],
    ['VRP', calculateVrp],
    ['SVRP', calculateSvrp],
  ] as const)('%s: the explanation terms (intercept included) sum to the logit of the probability', (name, calc) => {
    for (const scoreType of ['STATIC', 'DYNAMIC'] as const) {
      const r = calc(person, { scoreType })
      const sum = r.explanation.terms.reduce((s, t) => s + t.contribution, 0)
      expect(r.algorithm).toBe(name)
      expect(r.version).toMatch(/^4\.1\.2/)
      expect(sum).toBeCloseTo(r.explanation.total, 12)
      expect(logistic(sum)).toBeCloseTo(r.probability, 14)
      expect(r.band).toBe(v4Band(name, r.score))
    }
  })

  it('uses the dynamic model when every dynamic item is answered, and the static one with a warning otherwise', () => {
    expect(calculateArp(person).scoreType).toBe('DYNAMIC')
    const r = calculateArp({ ...person, currentRelationshipStatus: null, impulsivityProblems: undefined })
    expect(r.scoreType).toBe('STATIC')
    expect(r.warnings).toEqual([
      { type: 'MISSING_DYNAMIC_INPUT', fields: ['currentRelationshipStatus', 'impulsivityProblems'] },
    ])
  })

  it('drug questions are optional: leaving them out scores as no use and full motivation', () => {
    const noDrugs = {
      ...person,
      hasCrackCocaineUsage: undefined,
      hasSpiceUsage: undefined,
      motivationToTackleDrugMisuse: undefined,
    }
    const r = calculateArp(noDrugs)
    expect(r.scoreType).toBe('DYNAMIC')
    expect(r.featureValues.crackCocaineUsageWeight).toBe(0)
    expect(r.featureValues.drugMotivationWeight).toBe(0)
    expect(calculateArp(person).featureValues.otherDrugUsageWeight).toBeGreaterThan(0)
  })

  it('only the VRP has the methadone and temper terms; only the SVRP the weapon and past-offence terms', () => {
    expect(calculateVrp(person).featureValues).toHaveProperty('temperControlWeight')
    expect(calculateArp(person).featureValues).not.toHaveProperty('temperControlWeight')
    expect(calculateSvrp(person).featureValues.pastRobberyOffenceWeight).toBeGreaterThan(0)
    expect(calculateArp(person).featureValues).not.toHaveProperty('pastRobberyOffenceWeight')
  })

  it('the living-together × relationship term applies only when living together', () => {
    const apart = calculateArp({ ...person, currentRelationshipStatus: 'IN_RELATIONSHIP_NOT_LIVING_TOGETHER' })
    expect(apart.featureValues.multiplicativeRelationshipWeight).toBe(0)
    expect(apart.featureValues.liveInRelationshipWeight).toBe(0)
    expect(calculateArp(person).featureValues.multiplicativeRelationshipWeight).toBeGreaterThan(0)
  })

  it('offence-free months count only from the start of follow-up to the assessment, capped at 36', () => {
    const before = calculateArp({ ...person, assessmentDate: d('2025-01-20') }, { scoreType: 'STATIC' })
    expect(before.featureValues.offenceFreeMonthsWeight).toBe(0)
    const late = calculateArp({ ...person, assessmentDate: d('2030-01-01') }, { scoreType: 'STATIC' })
    const later = calculateArp({ ...person, assessmentDate: d('2035-01-01') }, { scoreType: 'STATIC' })
    expect(late.explanation.derived.offenceFreeMonths).toBe(36)
    expect(later.score).toBe(late.score)
  })

  it('falls back to the conviction date when there is no start of follow-up', () => {
    const r = calculateArp({ ...person, dateAtStartOfFollowup: null })
    expect(r.explanation.derived.dateAtStartOfFollowup).toBe('2025-01-15')
  })
})

describe('validation names each field as the reference service does (§7.1)', () => {
  it.each([
    [{ gender: null }, 'gender', 'MISSING_MANDATORY_INPUT'],
    [{ dateOfBirth: null }, 'dateOfBirth', 'MISSING_MANDATORY_INPUT'],
    [{ assessmentDate: null }, 'assessmentDate', 'MISSING_MANDATORY_INPUT'],
    [
      { totalNumberOfSanctionsForAllOffences: 0 },
      'totalNumberOfSanctionsForAllOffences',
      'TOTAL_NUMBER_OF_SANCTIONS_OUT_OF_RANGE',
    ],
    [
      { totalNumberOfSanctionsForAllOffences: 1000 },
      'totalNumberOfSanctionsForAllOffences',
      'TOTAL_NUMBER_OF_SANCTIONS_OUT_OF_RANGE',
    ],
    [{ totalNumberOfViolentSanctions: 7 }, 'totalNumberOfViolentSanctions', 'VIOLENT_SANCTION_OUT_OF_RANGE'],
    [{ currentOffenceCode: '046' }, 'currentOffenceCode', 'OFFENCE_CODE_INCORRECT_FORMAT'],
    [{ currentOffenceCode: '99999' }, 'currentOffenceCode', 'OFFENCE_CODE_MAPPING_NOT_FOUND'],
    [{ ageAtFirstSanction: 110 }, 'ageAtFirstSanction', 'AGE_AT_FIRST_SANCTION_OUT_OF_RANGE'],
    [{ ageAtFirstSanction: 40 }, 'ageAtFirstSanction', 'AGE_AT_FIRST_SANCTION_AFTER_AGE_AT_CURRENT_CONVICTION'],
    [
      { dateOfCurrentConviction: d('1990-03-10') },
      'dateOfCurrentConviction',
      'DATE_OF_CURRENT_CONVICTION_BEFORE_DATE_OF_BIRTH',
    ],
    [
      { dateOfCurrentConviction: d('2026-09-02') },
      'dateOfCurrentConviction',
      'DATE_OF_CURRENT_CONVICTION_WITHIN_THREE_MONTHS_OF_ASSESSMENT_DATE',
    ],
    [
      { dateAtStartOfFollowup: d('1989-01-01') },
      'dateAtStartOfFollowup',
      'DATE_OF_START_OF_FOLLOWUP_BEFORE_DATE_OF_BIRTH',
    ],
  ] as const)('%j → %s %s', (change, field, code) => {
    const e = refusal(() => calculateVrp({ ...person, ...change } as V4Inputs))
    expect(e.errors).toContainEqual(expect.objectContaining({ field, code }))
  })

  it('a forced dynamic model names each missing item', () => {
    const e = refusal(() => calculateSvrp({ ...person, temperControl: null }, { scoreType: 'DYNAMIC' }))
    expect(e.errors).toEqual([expect.objectContaining({ field: 'temperControl', code: 'MISSING_DYNAMIC_INPUT' })])
  })

  it('ARP does not need violent sanctions; VRP and SVRP do', () => {
    expect(calculateArp({ ...person, totalNumberOfViolentSanctions: null }).score).toBeGreaterThan(0)
    const e = refusal(() => calculateSvrp({ ...person, totalNumberOfViolentSanctions: null }))
    expect(e.errors).toContainEqual(expect.objectContaining({ field: 'totalNumberOfViolentSanctions' }))
  })
})

const sexual: V4Inputs = {
  ...person,
  hasEverCommittedSexualOffence: true,
  totalContactAdultSexualSanctions: 1,
  totalContactChildSexualSanctions: 2,
  totalNonContactSexualOffences: 3,
  totalIndecentImageSanctions: 0,
  dateOfMostRecentSexualOffence: d('2015-06-01'),
  isCurrentOffenceAgainstVictimStranger: true,
}

describe('DC-SRP, IIC-SRP and CSRP (§7.3)', () => {
  it('DC-SRP points are the OSP/DC scale and its terms sum to the points', () => {
    const r = calculateDcSrp(sexual)
    // adult 1 → 5, child 2 → 6, non-contact 3 → 6, age 34 at follow-up → 9, last sexual at 25 → 10, previous → 6, stranger → 4
    expect(r.pointScore).toBe(46)
    expect(r.explanation.terms.reduce((s, t) => s + t.contribution, 0)).toBe(46)
    expect(r.band).toBe('VERY_HIGH')
    expect(r.riskBandReductionApplied).toBe(false)
  })

  it('DC-SRP needs the date of the most recent sexual offence, and is not scored for women', () => {
    const e = refusal(() => calculateDcSrp({ ...sexual, dateOfMostRecentSexualOffence: null }))
    expect(e.errors).toContainEqual(expect.objectContaining({ field: 'dateOfMostRecentSexualOffence' }))
    const woman = calculateDcSrp({ ...sexual, gender: 'FEMALE', dateOfMostRecentSexualOffence: null })
    expect(woman).toMatchObject({ band: 'NOT_APPLICABLE', score: 0, femaleVersion: true, pointScore: null })
  })

  it('DC-SRP risk reduction lowers the band after 5 full years outside custody, never in custody', () => {
    const later = { ...sexual, assessmentDate: d('2030-03-01'), dateOfCurrentConviction: d('2025-01-15') }
    expect(calculateDcSrp(later)).toMatchObject({ band: 'HIGH', riskBandReductionApplied: true })
    expect(calculateDcSrp({ ...later, supervisionStatus: 'CUSTODY' })).toMatchObject({ band: 'VERY_HIGH' })
  })

  it.each([
    [{ totalIndecentImageSanctions: 2 }, 10.31, 'HIGH'],
    [{ totalIndecentImageSanctions: 1 }, 3.33, 'MEDIUM'],
    [{ totalContactChildSexualSanctions: 2 }, 0.93, 'LOW'],
    [{ totalContactChildSexualSanctions: 1 }, 0.63, 'LOW'],
    [
      { totalContactChildSexualSanctions: 0, totalContactAdultSexualSanctions: 1, totalNonContactSexualOffences: 1 },
      0.28,
      'LOW',
    ],
    [
      { totalContactChildSexualSanctions: 0, totalContactAdultSexualSanctions: 1, totalNonContactSexualOffences: 0 },
      0,
      'LOW',
    ],
  ] as const)('IIC-SRP hierarchy %j → %d %s', (change, score, band) => {
    const r = calculateIicSrp({ ...sexual, totalIndecentImageSanctions: 0, ...change })
    expect(r.score).toBe(score)
    expect(r.band).toBe(band)
  })

  it('CSRP = SVRP% + DC-SRP% + IIC-SRP% (each 2 dp), and adds 0.38 for a woman with a sexual history', () => {
    const r = calculateCsrp(sexual)
    expect(r.overallScore).toBeCloseTo(r.svrp.score + r.dcSrp.score + r.iicSrp.score, 10)
    expect(r.band).toBe(v4Band('CSRP', r.overallScore))
    const woman = calculateCsrp({ ...sexual, gender: 'FEMALE' })
    expect(woman.overallScore).toBeCloseTo(woman.svrp.score + 0.38, 10)
    const none = calculateCsrp(person)
    expect(none.overallScore).toBe(none.svrp.score)
    expect(none.svrpType).toBe('DYNAMIC')
  })

  it('CSRP refuses with every component’s reasons', () => {
    const e = refusal(() => calculateCsrp({ ...sexual, hasEverCommittedSexualOffence: null, gender: null }))
    const fields = e.errors.map(x => x.field)
    expect(fields).toContain('gender')
    expect(fields).toContain('hasEverCommittedSexualOffence')
  })
})
