import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import {
  countersignRefusal,
  fixedTermDays,
  fixedTermEligibility,
  fixedTermReRelease,
  nextStage,
  releaseKind,
  stageRefusal,
  violentOrSexual,
  violentOrSexualOffenceCodes,
  type RecallProgress,
} from './index.ts'

// rules-and-outcomes.md §3.2 "Recall types": "Fixed-term recall (28 days; 14 days if original sentence <12 months)
// then automatic re-release; excluded for violent/sexual or extended sentences, previous recall, or HDC/compassionate
// releases."

const clean = { offenceCodes: ['04600'], extendedSentence: false, previousRecalls: 0, releasedBy: 'other' } as const

describe('fixed-term recall eligibility (§3.2 "Recall types")', () => {
  it('is eligible for a theft with none of the exclusions', () => {
    expect(fixedTermEligibility(clean)).toEqual({ eligible: true, exclusions: [] })
  })

  it.each([
    ['00501', 'Violence'],
    ['03400', 'Robbery'],
    ['02000', 'Sexual (not against child)'],
  ])('excludes offence %s, category %s, naming the category', (code, category) => {
    const result = fixedTermEligibility({ ...clean, offenceCodes: ['04600', code] })
    expect(result.eligible).toBe(false)
    expect(result.exclusions.map(e => e.code)).toEqual(['violent_or_sexual_offence'])
    expect(result.exclusions[0].reason).toContain(`The offence ${code} is in the category “${category}”`)
    expect(result.exclusions[0].source).toContain('§3.2')
  })

  it('lists ahead of time exactly the codes it treats as violent or sexual', () => {
    const codes = violentOrSexualOffenceCodes()
    for (const code of ['00501', '03400', '02000', '00101']) expect(codes).toContain(code)
    for (const code of ['04600', '05600', '02700']) expect(codes).not.toContain(code)
    expect(codes.every(code => violentOrSexual(code) !== null)).toBe(true)
  })

  it('does not exclude criminal damage, although the predictors count it as a violent sanction', () => {
    expect(fixedTermEligibility({ ...clean, offenceCodes: ['05600'] }).eligible).toBe(true)
  })

  it('excludes an extended sentence, a previous recall, HDC and compassionate release, each with its reason', () => {
    expect(fixedTermEligibility({ ...clean, extendedSentence: true }).exclusions[0]).toMatchObject({
      code: 'extended_sentence',
      reason: 'An extended sentence cannot have a fixed-term recall.',
    })
    expect(fixedTermEligibility({ ...clean, previousRecalls: 1 }).exclusions[0].reason).toContain(
      'recalled on this sentence before (once)',
    )
    expect(fixedTermEligibility({ ...clean, releasedBy: 'hdc' }).exclusions[0].code).toBe('hdc_release')
    expect(fixedTermEligibility({ ...clean, releasedBy: 'compassionate' }).exclusions[0].code).toBe(
      'compassionate_release',
    )
  })

  it('lists every exclusion that applies, not only the first', () => {
    const all = fixedTermEligibility({
      offenceCodes: ['01900'],
      extendedSentence: true,
      previousRecalls: 2,
      releasedBy: 'hdc',
    })
    expect(all.exclusions.map(e => e.code)).toEqual([
      'violent_or_sexual_offence',
      'extended_sentence',
      'previous_recall',
      'hdc_release',
    ])
    expect(all.exclusions[2].reason).toContain('(2 times)')
  })

  it('reads the recorded release type', () => {
    expect(releaseKind('hdc')).toBe('hdc')
    expect(releaseKind('Home detention curfew')).toBe('hdc')
    expect(releaseKind('compassionate')).toBe('compassionate')
    expect(releaseKind('automatic')).toBe('other')
    expect(releaseKind(null)).toBe('other')
  })
})

describe('the fixed term (§3.2 "Recall types")', () => {
  const sentenced = LocalDate.of(2026, 1, 10)
  it('is 14 days for a sentence under 12 months', () => {
    expect(fixedTermDays(sentenced, { value: 6, unit: 'months' })).toBe(14)
    expect(fixedTermDays(sentenced, { value: 364, unit: 'days' })).toBe(14)
    expect(fixedTermDays(sentenced, { value: 51, unit: 'weeks' })).toBe(14)
  })
  it('is 28 days for a sentence of exactly 12 months or more', () => {
    expect(fixedTermDays(sentenced, { value: 12, unit: 'months' })).toBe(28)
    expect(fixedTermDays(sentenced, { value: 1, unit: 'years' })).toBe(28)
    expect(fixedTermDays(sentenced, { value: 3, unit: 'years' })).toBe(28)
  })
})

describe('the re-release date', () => {
  it('is the fixed term counted from the return to custody', () => {
    expect(fixedTermReRelease(LocalDate.of(2026, 3, 1), 28, null).date.toString()).toBe('2026-03-29')
    expect(fixedTermReRelease(LocalDate.of(2026, 12, 20), 14, null).date.toString()).toBe('2027-01-03')
  })
  it('is never after the licence ends: then it is the licence end date', () => {
    const r = fixedTermReRelease(LocalDate.of(2026, 3, 1), 28, LocalDate.of(2026, 3, 20))
    expect(r.date.toString()).toBe('2026-03-20')
    expect(r.explanation).toContain('after the licence ends on 2026-03-20')
    expect(fixedTermReRelease(LocalDate.of(2026, 3, 1), 28, LocalDate.of(2026, 3, 29)).date.toString()).toBe(
      '2026-03-29',
    )
  })
})

// reference-systems.md §6 row 47: SPO consultation, Part A, countersignatures, decision-not-to-recall letter, PPCS.
describe('the recall workflow order (reference-systems.md §6 row 47)', () => {
  const none: RecallProgress = {
    consulted: false,
    rationale: false,
    decision: null,
    partA: false,
    seniorSigned: false,
    acoSigned: false,
    sentToPpcs: false,
    returned: false,
  }
  it('goes consultation → rationale → decision → Part A → countersignatures → PPCS → custody return', () => {
    const steps: string[] = []
    let p = { ...none }
    const fill: (keyof RecallProgress)[] = [
      'consulted',
      'rationale',
      'decision',
      'partA',
      'seniorSigned',
      'acoSigned',
      'sentToPpcs',
      'returned',
    ]
    for (const key of fill) {
      steps.push(nextStage(p))
      p = { ...p, [key]: key === 'decision' ? 'standard' : true }
    }
    steps.push(nextStage(p))
    expect(steps).toEqual([
      'consultation',
      'rationale',
      'decision',
      'part_a',
      'senior_countersignature',
      'aco_countersignature',
      'sent_to_ppcs',
      'custody_return',
      'closed',
    ])
  })
  it('closes at a decision not to recall', () => {
    expect(nextStage({ ...none, consulted: true, rationale: true, decision: 'no_recall' })).toBe('closed')
  })
  it('refuses a step out of order, saying what comes first', () => {
    expect(stageRefusal({ ...none, consulted: true }, 'decision')).toBe(
      'Record the rationale and the alternatives tried first.',
    )
    expect(stageRefusal({ ...none, consulted: true }, 'consultation')).toBe('Consult a senior: already done.')
    expect(stageRefusal({ ...none, consulted: true }, 'rationale')).toBeNull()
  })
})

describe('who may countersign Part A', () => {
  const r = { decidedBy: 1, seniorSignedBy: null }
  it('first: a senior, not the practitioner who decided', () => {
    expect(countersignRefusal('senior', { userId: 2, roles: ['senior'] }, r)).toBeNull()
    expect(countersignRefusal('senior', { userId: 2, roles: ['practitioner'] }, r)).toBe(
      'Only a senior may give the first countersignature.',
    )
    expect(countersignRefusal('senior', { userId: 3, roles: ['admin'] }, r)).not.toBeNull()
    expect(countersignRefusal('senior', { userId: 1, roles: ['senior'] }, r)).toContain('cannot countersign')
  })
  it('second: a senior or an administrator standing for the ACO, never the first signer', () => {
    const signed = { decidedBy: 1, seniorSignedBy: 2 }
    expect(countersignRefusal('aco', { userId: 3, roles: ['admin'] }, signed)).toBeNull()
    expect(countersignRefusal('aco', { userId: 4, roles: ['senior'] }, signed)).toBeNull()
    expect(countersignRefusal('aco', { userId: 2, roles: ['senior'] }, signed)).toBe(
      'The second countersignature must be by someone other than the first.',
    )
    expect(countersignRefusal('aco', { userId: 5, roles: ['practitioner'] }, signed)).toContain(
      'standing for the assistant chief officer',
    )
  })
})
