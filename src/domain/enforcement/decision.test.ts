import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import { decideEnforcement } from './index.ts'
import type { EnforcementDecision, EnforcementInput, OrderType } from './index.ts'

const d = (s: string) => LocalDate.parse(s)
const due = (decision: EnforcementDecision) =>
  Object.fromEntries(decision.actions.map(a => [a.kind, a.due === null ? null : a.due.toString()]))

describe('community order, SSO and PSS: warning, then breach within 12 months of the warning', () => {
  const orders: OrderType[] = ['community_order', 'suspended_sentence_order', 'post_sentence_supervision']
  const cases: [string, string[], string, string, string | null][] = [
    // [what, warnings, failure, path, active warning]
    ['no warning yet', [], '2025-01-10', 'warning', null],
    ['the day the warning was given', ['2024-03-01'], '2024-03-01', 'breach', '2024-03-01'],
    ['the day after the warning', ['2024-03-01'], '2024-03-02', 'breach', '2024-03-01'],
    ['the last day of the 12 months', ['2024-03-01'], '2025-02-28', 'breach', '2024-03-01'],
    ['exactly 12 months later (the anniversary)', ['2024-03-01'], '2025-03-01', 'warning', null],
    ['a leap-year warning, last day', ['2024-02-29'], '2025-02-28', 'breach', '2024-02-29'],
    ['a leap-year warning, 1 March', ['2024-02-29'], '2025-03-01', 'warning', null],
    ['window running over 29 February, last day', ['2023-03-01'], '2024-02-29', 'breach', '2023-03-01'],
    ['window running over 29 February, anniversary', ['2023-03-01'], '2024-03-01', 'warning', null],
    ['a warning dated after the failure is ignored', ['2025-01-11'], '2025-01-10', 'warning', null],
    ['an old and a recent warning: the recent one', ['2022-01-01', '2024-06-01'], '2025-01-10', 'breach', '2024-06-01'],
  ]
  for (const orderType of orders) {
    it.each(cases)(`${orderType}: %s`, (_what, warnings, failure, path, active) => {
      const decision = decideEnforcement({ orderType, failureDate: d(failure), history: { warnings: warnings.map(d) } })
      expect(decision.path).toBe(path)
      expect(decision.activeWarning?.givenOn.toString() ?? null).toBe(active)
      expect(decision.counts).toBe(true)
    })
  }

  it('a warning creates the warning letter and the 7 days to explain, with what follows', () => {
    const decision = decideEnforcement({
      orderType: 'community_order',
      failureDate: d('2025-06-02'),
      history: { warnings: [] },
    })
    expect(decision.actions.map(a => [a.kind, a.deliusCode])).toEqual([
      ['warning_letter', 'EA08'],
      ['explanation_window', 'EA12'],
    ])
    expect(due(decision)).toEqual({ warning_letter: '2025-06-09', explanation_window: '2025-06-16' })
    const window = decision.actions[1]
    expect(window?.ifAccepted).toMatch(/acceptable absence/)
    expect(window?.ifNotAccepted).toMatch(/warning stands.*until 2026-06-08/)
    expect(decision.source).toMatch(/§3.1/)
  })

  it('a breach creates letter, 7 days, breach pack and the court hearing (date set by the court)', () => {
    const decision = decideEnforcement({
      orderType: 'suspended_sentence_order',
      failureDate: d('2025-06-02'),
      history: { warnings: [d('2025-01-06')] },
    })
    expect(decision.actions.map(a => a.kind)).toEqual([
      'breach_letter',
      'explanation_window',
      'breach_pack',
      'court_hearing',
    ])
    expect(due(decision)).toEqual({
      breach_letter: '2025-06-09',
      explanation_window: '2025-06-16',
      breach_pack: '2025-06-16',
      court_hearing: null,
    })
    expect(decision.actions[3]?.explanation).toMatch(/activate the suspended custodial sentence/)
    expect(decision.actions[1]?.ifNotAccepted).toMatch(/confirmation of breach/)
  })

  it('PSS breach goes to the magistrates’ court and never to recall', () => {
    const decision = decideEnforcement({
      orderType: 'post_sentence_supervision',
      failureDate: d('2025-06-02'),
      history: { warnings: [d('2025-01-06')] },
    })
    const kinds = decision.actions.map(a => a.kind)
    expect(kinds).toContain('court_hearing')
    expect(kinds.some(k => k.startsWith('recall'))).toBe(false)
    expect(decision.actions.find(a => a.kind === 'court_hearing')?.explanation).toMatch(/up to 14 days/)
    expect(decision.actions.find(a => a.kind === 'court_hearing')?.source).toMatch(/PSS breach/)
  })
})

describe('deadlines over bank holidays', () => {
  it.each([
    // [recorded, letter, 7 days to explain, breach pack]
    ['2024-12-20', '2024-12-31', '2025-01-07', '2025-01-08'], // Christmas, Boxing Day, New Year
    ['2024-12-11', '2024-12-18', '2024-12-27', '2024-12-27'], // 7 days land on Christmas Day → 27 December
    ['2025-04-15', '2025-04-24', '2025-05-01', '2025-05-01'], // Good Friday and Easter Monday 2025
    ['2025-04-04', '2025-04-11', '2025-04-22', '2025-04-22'], // 7 days land on Good Friday → Tuesday after Easter
    ['2024-03-27', '2024-04-05', '2024-04-12', '2024-04-12'], // Easter 2024
  ])('recorded %s: letter %s, explain by %s, breach pack %s', (recorded, letter, explain, pack) => {
    const breach = decideEnforcement({
      orderType: 'community_order',
      failureDate: d(recorded),
      history: { warnings: [d(recorded).minusMonths(1)] },
    })
    expect(due(breach)).toEqual({
      breach_letter: letter,
      explanation_window: explain,
      breach_pack: pack,
      court_hearing: null,
    })
    const warning = decideEnforcement({
      orderType: 'community_order',
      failureDate: d(recorded),
      history: { warnings: [] },
    })
    expect(due(warning)).toEqual({ warning_letter: letter, explanation_window: explain })
  })

  it('deadlines run from the day the failure was recorded, not the appointment', () => {
    const decision = decideEnforcement({
      orderType: 'community_order',
      failureDate: d('2024-12-02'),
      recordedOn: d('2024-12-20'),
      history: { warnings: [] },
    })
    expect(due(decision).warning_letter).toBe('2024-12-31')
  })

  it('refuses a failure recorded before it happened', () => {
    expect(() =>
      decideEnforcement({
        orderType: 'community_order',
        failureDate: d('2024-12-20'),
        recordedOn: d('2024-12-19'),
        history: { warnings: [] },
      }),
    ).toThrow(RangeError)
  })
})

describe('what does not count', () => {
  const base: EnforcementInput = {
    orderType: 'community_order',
    failureDate: d('2025-06-02'),
    history: { warnings: [d('2025-01-06')] },
  }
  it.each([
    ['acceptable absence', { outcome: 'acceptable_absence' }, 'not_counted', /not a failure/],
    ['attended and complied', { outcome: 'attended_complied' }, 'not_counted', /not a failure/],
    ['no outcome yet', { outcome: null }, 'not_counted', /No outcome/],
    [
      'non-national-standard unacceptable absence',
      { outcome: 'unacceptable_absence', nationalStandard: false },
      'not_counted',
      /not national standard/,
    ],
    [
      'non-national-standard failed to comply',
      { outcome: 'attended_failed_to_comply', nationalStandard: false },
      'not_counted',
      /not national standard/,
    ],
    ['failed to attend, waiting for evidence', { outcome: 'failed_to_attend' }, 'awaiting_evidence', /holding outcome/],
    [
      'national-standard unacceptable absence',
      { outcome: 'unacceptable_absence', nationalStandard: true },
      'breach',
      /further failure/,
    ],
  ] as const)('%s → %s', (_what, extra, path, explanation) => {
    const decision = decideEnforcement({ ...base, ...extra })
    expect(decision.path).toBe(path)
    expect(decision.explanation).toMatch(explanation)
    expect(decision.counts).toBe(path === 'breach')
  })

  it('failed to attend gives the evidence window (5 working days, over Easter)', () => {
    const decision = decideEnforcement({ ...base, failureDate: d('2024-03-27'), outcome: 'failed_to_attend' })
    expect(due(decision)).toEqual({ evidence_window: '2024-04-05' })
  })
})

describe('professional judgement, open processes and counts reset after a breach', () => {
  it.each([
    ['community_order', 'breach'],
    ['suspended_sentence_order', 'breach'],
    ['post_sentence_supervision', 'breach'],
    ['licence', 'recall_consideration'],
  ] as const)('immediate on a first failure: %s → %s', (orderType, path) => {
    const decision = decideEnforcement({
      orderType,
      failureDate: d('2025-06-02'),
      history: { warnings: [] },
      immediate: true,
    })
    expect(decision.path).toBe(path)
    expect(decision.activeWarning).toBeNull()
  })

  it.each([
    ['community_order', { warnings: [], breachInProgress: true }, 'added_to_breach'],
    ['post_sentence_supervision', { warnings: [], breachInProgress: true }, 'added_to_breach'],
    ['licence', { warnings: [], recallInProgress: true }, 'added_to_recall'],
    ['community_order', { warnings: [], recallInProgress: true }, 'warning'],
  ] as const)('%s with %j → %s', (orderType, history, path) => {
    expect(decideEnforcement({ orderType, failureDate: d('2025-06-02'), history }).path).toBe(path)
  })

  it.each([
    [null, 'breach'],
    ['2024-09-01', 'warning'], // the warning of 2024-06-01 no longer counts after the breach closed
    ['2024-05-31', 'breach'],
  ])('warning 2024-06-01, breach closed %s, failure 2024-10-01 → %s', (reset, path) => {
    const decision = decideEnforcement({
      orderType: 'community_order',
      failureDate: d('2024-10-01'),
      history: { warnings: [d('2024-06-01')], countsResetOn: reset === null ? null : d(reset) },
    })
    expect(decision.path).toBe(path)
  })

  it('mentions an earlier failure that has no warning', () => {
    const decision = decideEnforcement({
      orderType: 'community_order',
      failureDate: d('2025-06-02'),
      history: { warnings: [], failures: [d('2025-05-01')] },
    })
    expect(decision.explanation).toMatch(/2025-05-01/)
  })
})

describe('licence: first, second and final warnings, then recall consideration', () => {
  it.each([
    [[], 'licence_warning', 1, 'EA02'],
    [['2025-01-06'], 'licence_warning', 2, 'EA03'],
    [['2025-01-06', '2025-02-03'], 'licence_warning', 3, null],
    [['2025-01-06', '2025-02-03', '2025-03-03'], 'recall_consideration', null, null],
    // licence warnings are not limited to 12 months
    [['2022-01-06', '2022-02-03', '2022-03-03'], 'recall_consideration', null, null],
  ] as const)('warnings %j → %s %s', (warnings, path, number, code) => {
    const decision = decideEnforcement({
      orderType: 'licence',
      failureDate: d('2025-06-02'),
      history: { warnings: warnings.map(d) },
    })
    expect(decision.path).toBe(path)
    expect(decision.warningNumber).toBe(number)
    if (path === 'licence_warning') expect(decision.actions[0]?.deliusCode).toBe(code)
    expect(decision.actions.some(a => a.kind === 'breach_pack' || a.kind === 'court_hearing')).toBe(false)
  })

  it('licence and order paths differ for the same history', () => {
    const history = { warnings: [d('2025-01-06')] }
    expect(decideEnforcement({ orderType: 'licence', failureDate: d('2025-06-02'), history }).path).toBe(
      'licence_warning',
    )
    expect(decideEnforcement({ orderType: 'community_order', failureDate: d('2025-06-02'), history }).path).toBe(
      'breach',
    )
  })

  it('counts restart after a closed recall', () => {
    const decision = decideEnforcement({
      orderType: 'licence',
      failureDate: d('2025-06-02'),
      history: { warnings: [d('2025-01-06'), d('2025-02-03'), d('2025-03-03')], countsResetOn: d('2025-04-01') },
    })
    expect([decision.path, decision.warningNumber]).toEqual(['licence_warning', 1])
  })

  it('recall consideration steps with their deadlines (Easter 2024)', () => {
    const decision = decideEnforcement({
      orderType: 'licence',
      failureDate: d('2024-03-28'),
      history: { warnings: [] },
      immediate: true,
    })
    expect(due(decision)).toEqual({
      recall_consultation: '2024-04-02',
      recall_request: '2024-04-03',
      no_recall_letter: '2024-04-09',
    })
    expect(decision.actions.find(a => a.kind === 'recall_request')?.deliusCode).toBe('EA11')
    expect(decision.actions.every(a => a.source.startsWith('Probity default'))).toBe(true)
  })
})
