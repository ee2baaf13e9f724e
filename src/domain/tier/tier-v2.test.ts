import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import { calculateTierV2 } from './tier-v2.ts'
import type { Assessment, Registration, TierV2Inputs } from './tier-v2-types.ts'

const DATE = LocalDate.parse('2026-11-22')
const custodial = { sentenceCode: 'SC', terminated: false, requirements: [] }
const emptyAssessment: Assessment = { needs: {}, womenFactors: {} }

function inputs(overrides: Partial<TierV2Inputs> = {}): TierV2Inputs {
  return {
    gender: 'Male',
    rsr: 0,
    ogrs: 0,
    registrations: [],
    convictions: [custodial],
    previousEnforcementActivity: false,
    assessment: emptyAssessment,
    ...overrides,
  }
}
const tier = (overrides: Partial<TierV2Inputs> = {}) => calculateTierV2(inputs(overrides), DATE)
const regs = (...codes: string[]): Registration[] => codes.map(code => ({ code }))
const line = (result: ReturnType<typeof tier>, rule: string) => result.explanation.filter(l => l.rule === rule)

describe('tier v2 protect axis (§9.1)', () => {
  it.each([
    [null, 0],
    [0, 0],
    [2.99, 0],
    [3.0, 10],
    [6.9, 10],
    [6.99, 10],
    [7.0, 20],
    [99.99, 20],
    [100, 0],
    [999.99, 0],
  ])('RSR %s scores %i protect points', (rsr, points) => {
    const result = tier({ rsr })
    expect(result.protectPoints).toBe(points)
    expect(line(result, 'v2.protect.rsr')[0].points).toBe(points)
  })

  it.each([
    ['RVHR', 150, 'A'],
    ['RHRH', 20, 'B'],
    ['RMRH', 10, 'C'],
    ['RLRH', 0, 'D'],
  ])('RoSH register %s scores %i (protect %s)', (code, points, level) => {
    const result = tier({ registrations: regs(code) })
    expect(result.protectPoints).toBe(points)
    expect(result.protectLevel).toBe(level)
  })

  it('counts only the larger of RSR and RoSH, and says so', () => {
    const medium = tier({ rsr: 7.0, registrations: regs('RMRH') })
    expect(medium.protectPoints).toBe(20)
    expect(line(medium, 'v2.protect.rsr-rosh-overlap')[0].points).toBe(-10)
    expect(tier({ rsr: 7.0, registrations: regs('RVHR') }).protectPoints).toBe(150)
    expect(tier({ rsr: 3.5, registrations: regs('RHRH') }).protectPoints).toBe(20)
  })

  it.each([
    ['M3', 150],
    ['M2', 150],
    ['M1', 5],
    ['M0', 0],
    [null, 0],
  ])('MAPPA level %s scores %i', (level, points) => {
    expect(tier({ registrations: [{ code: 'MAPP', level }] }).protectPoints).toBe(points)
  })

  it('uses the latest RoSH registration by date, ignoring historic (HREG) ones', () => {
    const result = tier({
      registrations: [
        { code: 'RMRH', date: LocalDate.parse('2024-01-01') },
        { code: 'RVHR', date: LocalDate.parse('2025-06-01') },
        { code: 'HREG', date: LocalDate.parse('2026-01-01') },
      ],
    })
    expect(result.protectPoints).toBe(150)
    expect(line(result, 'v2.protect.rosh')[0].text).toContain('2025-06-01')
    expect(line(result, 'v2.registrations.historic')).toHaveLength(1)
  })

  it('treats undated registrations as 2021-02-01 when choosing the latest', () => {
    const older = tier({ registrations: [{ code: 'RVHR' }, { code: 'RMRH', date: LocalDate.parse('2020-01-01') }] })
    expect(older.protectPoints).toBe(150)
    const newer = tier({ registrations: [{ code: 'RVHR' }, { code: 'RMRH', date: LocalDate.parse('2022-01-01') }] })
    expect(newer.protectPoints).toBe(10)
  })

  it('takes the latest MAPPA registration that has a level M1–M3', () => {
    const result = tier({
      registrations: [
        { code: 'MAPP', level: 'M1', date: LocalDate.parse('2026-01-01') },
        { code: 'MAPP', level: 'M3', date: LocalDate.parse('2020-01-01') },
      ],
    })
    expect(result.protectPoints).toBe(5)
    const blankLatest = tier({
      registrations: [
        { code: 'MAPP', level: null, date: LocalDate.parse('2026-01-01') },
        { code: 'MAPP', level: 'M2', date: LocalDate.parse('2020-01-01') },
      ],
    })
    expect(blankLatest.protectPoints).toBe(150)
  })

  it('scores 2 per distinct complexity factor and names each', () => {
    const all = ['RCCO', 'RCPR', 'RCHD', 'RPIR', 'RTAO', 'RVAD', 'STRG', 'RMDO', 'ALSH', 'RVLN']
    expect(tier({ registrations: regs(...all) }).protectPoints).toBe(20)
    const dup = tier({ registrations: regs('RMDO', 'RMDO', 'XXXX', 'IIOM') })
    expect(dup.protectPoints).toBe(2)
    expect(line(dup, 'v2.protect.complexity').map(l => l.input)).toEqual(['RMDO'])
  })

  it.each([
    [{ IMPULSIVITY: 1, TEMPER_CONTROL: 1, PARENTING_RESPONSIBILITIES: 'NO' as const }, 2],
    [{ IMPULSIVITY: 0, TEMPER_CONTROL: 2 }, 2],
    [{ TEMPER_CONTROL: 1, PARENTING_RESPONSIBILITIES: 'YES' as const }, 4],
    [{ PARENTING_RESPONSIBILITIES: 'YES' as const }, 2],
    [{ IMPULSIVITY: 0, TEMPER_CONTROL: 0, PARENTING_RESPONSIBILITIES: 'NO' as const }, 0],
  ])('women factors %o score %i for a woman', (womenFactors, points) => {
    expect(tier({ gender: 'Female', assessment: { needs: {}, womenFactors } }).protectPoints).toBe(points)
  })

  it('does not apply women factors to men, or without an assessment', () => {
    const wf = { IMPULSIVITY: 2, PARENTING_RESPONSIBILITIES: 'YES' as const }
    expect(tier({ gender: 'Male', assessment: { needs: {}, womenFactors: wf } }).protectPoints).toBe(0)
    expect(tier({ gender: 'Male', previousEnforcementActivity: true }).protectPoints).toBe(0)
    expect(tier({ gender: 'Female', assessment: null }).protectPoints).toBe(0)
  })

  it('adds 2 for previous enforcement activity for women, with or without an assessment', () => {
    expect(tier({ gender: 'female', previousEnforcementActivity: true }).protectPoints).toBe(2)
    expect(tier({ gender: 'Female', previousEnforcementActivity: true, assessment: null }).protectPoints).toBe(2)
  })

  it.each([
    [[{ code: 'RVHR' }], 150, 'A'],
    [[{ code: 'RHRH' }, { code: 'MAPP', level: 'M1' }, ...regs('RCCO', 'RCPR')], 29, 'B'],
    [[{ code: 'RHRH' }], 20, 'B'],
    [[{ code: 'RMRH' }, { code: 'MAPP', level: 'M1' }, ...regs('RCCO', 'RCPR')], 19, 'C'],
    [[{ code: 'RMRH' }], 10, 'C'],
    [[{ code: 'MAPP', level: 'M1' }, ...regs('RCCO', 'RCPR')], 9, 'D'],
  ] as [Registration[], number, string][])(
    'registrations %j: %i protect points, level %s',
    (registrations, points, level) => {
      const result = tier({ registrations })
      expect(result.protectPoints).toBe(points)
      expect(result.protectLevel).toBe(level)
    },
  )
})

describe('tier v2 change axis (§9.1)', () => {
  it.each([
    ['ACCOMMODATION', 'SEVERE', 2],
    ['EDUCATION_TRAINING_AND_EMPLOYABILITY', 'STANDARD', 1],
    ['RELATIONSHIPS', 'SEVERE', 2],
    ['LIFESTYLE_AND_ASSOCIATES', 'STANDARD', 1],
    ['DRUG_MISUSE', 'SEVERE', 2],
    ['ALCOHOL_MISUSE', 'STANDARD', 1],
    ['THINKING_AND_BEHAVIOUR', 'SEVERE', 4],
    ['ATTITUDES', 'STANDARD', 2],
    ['FINANCIAL_MANAGEMENT_AND_INCOME', 'SEVERE', 0],
    ['EMOTIONAL_WELL_BEING', 'SEVERE', 0],
    ['ATTITUDES', 'NO_NEED', 0],
  ] as const)('need %s %s scores %i change points', (need, severity, points) => {
    const result = tier({ assessment: { needs: { [need]: severity }, womenFactors: {} } })
    expect(result.changePoints).toBe(points)
    expect(line(result, 'v2.change.need')[0]).toMatchObject({ input: { need, severity }, points })
  })

  it.each([
    [null, 0],
    [9, 0],
    [10, 1],
    [59, 5],
    [100, 10],
  ])('OGRS %s scores %i change points', (ogrs, points) => {
    expect(tier({ ogrs }).changePoints).toBe(points)
  })

  it('scores 2 change points for an IOM nominal (IIOM)', () => {
    expect(tier({ registrations: regs('IIOM') }).changePoints).toBe(2)
    expect(tier({ registrations: regs('IIOM') }).protectPoints).toBe(0)
  })

  it.each([
    [0, {}, 0, 1],
    [90, {}, 9, 1],
    [100, {}, 10, 2],
    [100, { THINKING_AND_BEHAVIOUR: 'SEVERE', ATTITUDES: 'SEVERE', ALCOHOL_MISUSE: 'STANDARD' }, 19, 2],
    [100, { THINKING_AND_BEHAVIOUR: 'SEVERE', ATTITUDES: 'SEVERE', ACCOMMODATION: 'SEVERE' }, 20, 3],
  ] as [number, Assessment['needs'], number, number][])(
    'OGRS %i with needs %j: %i change points, level %i',
    (ogrs, needs, points, level) => {
      const result = tier({ ogrs, assessment: { needs, womenFactors: {} } })
      expect(result.changePoints).toBe(points)
      expect(result.changeLevel).toBe(level)
    },
  )

  it('gives change level 2 with 0 points when there is a mandate but no assessment, ignoring OGRS', () => {
    const result = tier({ assessment: null, ogrs: 90 })
    expect(result).toMatchObject({ changeLevel: 2, changePoints: 0, mandateForChange: true })
    expect(line(result, 'v2.change.no-assessment')).toHaveLength(1)
  })
})

describe('mandate for change (§9.1)', () => {
  const req = (mainCategoryTypeCode: string, restrictive = false) => ({ mainCategoryTypeCode, restrictive })
  it.each([
    ['custodial NC', [{ sentenceCode: 'NC', terminated: false, requirements: [] }], true],
    ['custodial SC', [{ sentenceCode: 'SC', terminated: false, requirements: [] }], true],
    ['community order with no requirements', [{ sentenceCode: 'SP', terminated: false, requirements: [] }], false],
    ['unpaid work only', [{ sentenceCode: 'SP', terminated: false, requirements: [req('W')] }], false],
    [
      'unpaid work and order extended',
      [{ sentenceCode: 'SP', terminated: false, requirements: [req('W1'), req('W')] }],
      false,
    ],
    ['a non-restrictive requirement', [{ sentenceCode: 'SP', terminated: false, requirements: [req('F')] }], true],
    [
      'only a restrictive requirement',
      [{ sentenceCode: 'SP', terminated: false, requirements: [req('F', true)] }],
      false,
    ],
    ['terminated custodial only', [{ sentenceCode: 'NC', terminated: true, requirements: [] }], false],
    ['no convictions', [], false],
  ])('%s → mandate %s', (_name, convictions, mandate) => {
    const result = tier({ convictions, ogrs: 50 })
    expect(result.mandateForChange).toBe(mandate)
    if (mandate) {
      expect(result.changeLevel).toBe(1)
      expect(result.changePoints).toBe(5)
    } else {
      expect(result).toMatchObject({ changeLevel: 0, changePoints: 0 })
      expect(line(result, 'v2.change.mandate')[0].text).toMatch(/^no mandate for change: change level 0 because /)
    }
  })
})

describe('tier v2 score and explanation', () => {
  it('joins protect letter and change digit, with S for a PRC registration', () => {
    expect(tier({ rsr: 7.2, ogrs: 40, registrations: regs('RMRH') }).tierScore).toBe('B1')
    expect(tier({ registrations: [{ code: 'MAPP', level: 'M2' }, ...regs('PRC')], assessment: null }).tierScore).toBe(
      'A2S',
    )
    expect(tier({ registrations: regs('PRC', 'HREG'), convictions: [] }).tierScore).toBe('D0S')
  })

  it('explains each contribution with its points, summing to the totals', () => {
    const result = tier({
      rsr: 7.2,
      ogrs: 59,
      registrations: [{ code: 'MAPP', level: 'M2' }, ...regs('RMRH', 'IIOM', 'STRG')],
      assessment: { needs: { ATTITUDES: 'SEVERE' }, womenFactors: {} },
    })
    const protect = result.explanation.filter(l => l.rule.startsWith('v2.protect.') && l.points !== undefined)
    const change = result.explanation.filter(l => l.rule.startsWith('v2.change.') && l.points !== undefined)
    expect(protect.reduce((s, l) => s + (l.points ?? 0), 0)).toBe(result.protectPoints)
    expect(change.reduce((s, l) => s + (l.points ?? 0), 0)).toBe(result.changePoints)
    const texts = result.explanation.map(l => l.text)
    expect(texts).toContain('RSR 7.2% ≥ 7.00: 20 protect points')
    expect(texts).toContain('OGRS 59%: ⌊59 / 10⌋ = 5 change points')
    expect(texts.some(t => t.startsWith('MAPPA level M2') && t.endsWith('150 protect points'))).toBe(true)
    expect(result.explanation.every(l => l.spec === '§9.1')).toBe(true)
    expect(result.algorithm.name).toBe('tier-v2-protect-change')
    expect(result.calculationDate).toBe('2026-11-22')
  })

  it('says what would move the protect level up', () => {
    const result = tier({ registrations: regs('RMRH') })
    expect(line(result, 'v2.protect.level')[0].text).toContain('10 more would make it B')
  })
})
