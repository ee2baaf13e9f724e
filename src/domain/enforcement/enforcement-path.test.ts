import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import { decideEnforcement, enforcementOrderType } from './index.ts'

// rules-and-outcomes.md §3.2: "Licence warnings … first/second/final"; "PSS breach: Court (magistrates) may commit to
// custody ≤14 days; fine ≤ level 3; or make a supervision default order … No executive recall for PSS."

const d = LocalDate.parse

describe('the enforcement path follows the case status (§3.2)', () => {
  it('takes the licence path for a custodial sentence on licence (or recalled), the PSS path once on PSS', () => {
    expect(enforcementOrderType('custodial', 'on_licence')).toBe('licence')
    expect(enforcementOrderType('custodial', 'recalled')).toBe('licence')
    expect(enforcementOrderType('custodial', 'on_pss')).toBe('post_sentence_supervision')
  })

  it('keeps community orders and SSOs on their own path whatever the status', () => {
    expect(enforcementOrderType('community_order', 'on_pss')).toBe('community_order')
    expect(enforcementOrderType('suspended_sentence_order', 'allocated')).toBe('suspended_sentence_order')
    expect(() => enforcementOrderType('fine', 'allocated')).toThrow(RangeError)
  })

  it('on licence: first, second and final warnings, then a recall decision; the letter is about recall', () => {
    const orderType = enforcementOrderType('custodial', 'on_licence')
    const warnings: LocalDate[] = []
    const paths: string[] = []
    for (const day of ['2026-01-05', '2026-02-02', '2026-03-02', '2026-04-06']) {
      const decision = decideEnforcement({ orderType, failureDate: d(day), history: { warnings } })
      paths.push(`${decision.path}${decision.warningNumber ?? ''}`)
      if (decision.path === 'licence_warning') {
        warnings.push(d(day))
        expect(decision.actions[0].explanation).toContain('recall to prison')
      }
    }
    expect(paths).toEqual(['licence_warning1', 'licence_warning2', 'licence_warning3', 'recall_consideration'])
  })

  it('on PSS: a warning, then the magistrates’ court with the PSS outcomes — never recall, even on judgement', () => {
    const orderType = enforcementOrderType('custodial', 'on_pss')
    const first = decideEnforcement({ orderType, failureDate: d('2026-01-05'), history: { warnings: [] } })
    expect(first.path).toBe('warning')
    const second = decideEnforcement({
      orderType,
      failureDate: d('2026-02-02'),
      history: { warnings: [d('2026-01-07')] },
    })
    expect(second.path).toBe('breach')
    const court = second.actions.find(a => a.kind === 'court_hearing')
    expect(court?.explanation).toContain('PSS cannot be enforced by recall')
    expect(court?.explanation).toContain('commit to custody for up to 14 days')
    expect(court?.explanation).toContain('fine up to level 3')
    expect(court?.explanation).toContain('supervision default order')
    const immediate = decideEnforcement({
      orderType,
      failureDate: d('2026-01-05'),
      history: { warnings: [] },
      immediate: true,
    })
    expect(immediate.path).toBe('breach')
    expect(second.actions.map(a => a.kind)).not.toContain('recall_consultation')
  })
})
