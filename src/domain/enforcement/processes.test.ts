import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import {
  applyBreachStep,
  applyRecallStep,
  breachNsiCode,
  currentBreachStep,
  nextBreachStep,
  nextRecallStep,
  startBreach,
  startRecall,
} from './index.ts'
import type { BreachProcess, BreachStep, OrderType, RecallProcess, RecallStep } from './index.ts'

const d = (s: string) => LocalDate.parse(s)

function breach(orderType: OrderType, on: string, ...steps: BreachStep[]): BreachProcess {
  const started = startBreach(orderType, d(on))
  if (!started.ok) throw new Error(started.errors.join('; '))
  return steps.reduce((p, step) => {
    const r = applyBreachStep(p, step)
    if (!r.ok) throw new Error(r.errors.join('; '))
    return r.process
  }, started.process)
}
function recall(on: string, ...steps: RecallStep[]): RecallProcess {
  return steps.reduce(
    (p, step) => {
      const r = applyRecallStep(p, step)
      if (!r.ok) throw new Error(r.errors.join('; '))
      return r.process
    },
    startRecall(d(on)),
  )
}

const submitted: BreachStep = { status: 'pack_submitted', on: d('2025-03-10') }
const listed: BreachStep = { status: 'court_date_set', on: d('2025-03-12'), courtDate: d('2025-04-02') }

describe('breach: allowed transitions', () => {
  it('initiated → pack submitted → court date set → relisted → outcome → closed', () => {
    const p = breach(
      'community_order',
      '2025-03-03',
      submitted,
      listed,
      { status: 'court_date_set', on: d('2025-04-02'), courtDate: d('2025-04-16'), note: 'adjourned' },
      {
        status: 'outcome_recorded',
        on: d('2025-04-16'),
        outcome: { kind: 'order_continued', with: 'added_requirements' },
      },
      { status: 'closed', on: d('2025-04-17') },
    )
    expect(p.steps.map(s => s.status)).toEqual([
      'initiated',
      'pack_submitted',
      'court_date_set',
      'court_date_set',
      'outcome_recorded',
      'closed',
    ])
    expect(p.steps.map(breachNsiCode)).toEqual(['BRE01', 'BRE04', 'BRE05', 'BRE05', 'BRE08', null])
    expect(nextBreachStep(p)).toEqual({ status: 'closed', allowed: [], deadline: null })
  })

  it.each([
    ['initiated', []],
    ['pack_submitted', [submitted]],
    ['court_date_set', [submitted, listed]],
  ])('withdrawn from %s, then closed', (_from, steps) => {
    const p = breach(
      'community_order',
      '2025-03-03',
      ...steps,
      { status: 'withdrawn', on: d('2025-04-02') },
      { status: 'closed', on: d('2025-04-02') },
    )
    expect(currentBreachStep(p).status).toBe('closed')
  })

  it.each<[OrderType, BreachStep['outcome'], string]>([
    ['community_order', { kind: 'revoked_resentenced' }, 'BRE09'],
    ['community_order', { kind: 'order_continued', with: 'warning' }, 'BRE08'],
    ['community_order', { kind: 'not_proven' }, 'BRE07'],
    ['suspended_sentence_order', { kind: 'custody_activated' }, 'BRE16'],
    ['suspended_sentence_order', { kind: 'order_continued', with: 'extended_operational_period' }, 'BRE08'],
    ['post_sentence_supervision', { kind: 'committed_to_custody', days: 14 }, 'BRE16'],
    ['post_sentence_supervision', { kind: 'supervision_default_order', requirement: 'curfew' }, 'BRE15'],
    ['post_sentence_supervision', { kind: 'order_continued', with: 'fine' }, 'BRE08'],
  ])('%s outcome %j is allowed (%s)', (orderType, outcome, code) => {
    const p = breach(orderType, '2025-03-03', submitted, listed, {
      status: 'outcome_recorded',
      on: d('2025-04-02'),
      outcome,
    })
    expect(breachNsiCode(currentBreachStep(p))).toBe(code)
  })
})

describe('breach: refused transitions', () => {
  const started = breach('community_order', '2025-03-03')
  const atCourt = breach('community_order', '2025-03-03', submitted, listed)
  it.each<[string, BreachProcess, BreachStep, RegExp]>([
    ['initiated → closed', started, { status: 'closed', on: d('2025-03-04') }, /Cannot move from initiated to closed/],
    [
      'initiated → court date set (pack first)',
      started,
      { status: 'court_date_set', on: d('2025-03-04'), courtDate: d('2025-04-01') },
      /Cannot move/,
    ],
    [
      'initiated → outcome',
      started,
      { status: 'outcome_recorded', on: d('2025-03-04'), outcome: { kind: 'not_proven' } },
      /Cannot move/,
    ],
    [
      'a step dated before the previous one',
      started,
      { status: 'pack_submitted', on: d('2025-03-02') },
      /before the previous step/,
    ],
    ['an unknown status', started, { status: 'lost' as never, on: d('2025-03-04') }, /Unknown status/],
    [
      'court date set without a date',
      breach('community_order', '2025-03-03', submitted),
      { status: 'court_date_set', on: d('2025-03-12') },
      /court date is needed/,
    ],
    [
      'a court date before the day it is set',
      breach('community_order', '2025-03-03', submitted),
      { status: 'court_date_set', on: d('2025-03-12'), courtDate: d('2025-03-11') },
      /before 2025-03-12/,
    ],
    [
      'an outcome before the hearing',
      atCourt,
      { status: 'outcome_recorded', on: d('2025-04-01'), outcome: { kind: 'not_proven' } },
      /before the hearing on 2025-04-02/,
    ],
    [
      'an outcome without its detail',
      atCourt,
      { status: 'outcome_recorded', on: d('2025-04-02') },
      /outcome is needed/,
    ],
    [
      'custody activation on a community order',
      atCourt,
      { status: 'outcome_recorded', on: d('2025-04-02'), outcome: { kind: 'custody_activated' } },
      /not a court outcome for a community order/,
    ],
    [
      'extending the operational period of a community order',
      atCourt,
      {
        status: 'outcome_recorded',
        on: d('2025-04-02'),
        outcome: { kind: 'order_continued', with: 'extended_operational_period' },
      },
      /operational period/,
    ],
    [
      'an SDO on a community order',
      atCourt,
      {
        status: 'outcome_recorded',
        on: d('2025-04-02'),
        outcome: { kind: 'supervision_default_order', requirement: 'curfew' },
      },
      /not a court outcome/,
    ],
    [
      'outcome_recorded → withdrawn',
      breach('community_order', '2025-03-03', submitted, listed, {
        status: 'outcome_recorded',
        on: d('2025-04-02'),
        outcome: { kind: 'not_proven' },
      }),
      { status: 'withdrawn', on: d('2025-04-03') },
      /Cannot move from outcome_recorded to withdrawn/,
    ],
    [
      'anything after closed',
      breach(
        'community_order',
        '2025-03-03',
        { status: 'withdrawn', on: d('2025-03-04') },
        { status: 'closed', on: d('2025-03-04') },
      ),
      { status: 'initiated', on: d('2025-03-05') },
      /closed is final/,
    ],
  ])('%s', (_what, process, step, error) => {
    const before = process.steps.length
    const r = applyBreachStep(process, step)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors.join('; ')).toMatch(error)
    expect(process.steps).toHaveLength(before) // the process passed in is unchanged
  })

  it.each<[OrderType, BreachStep['outcome'], RegExp]>([
    [
      'post_sentence_supervision',
      { kind: 'revoked_resentenced' },
      /not a court outcome for a post sentence supervision/,
    ],
    ['post_sentence_supervision', { kind: 'committed_to_custody', days: 15 }, /1 to 14 days, not 15/],
    ['post_sentence_supervision', { kind: 'committed_to_custody', days: 0 }, /1 to 14 days/],
    ['suspended_sentence_order', { kind: 'revoked_resentenced' }, /not a court outcome for a suspended sentence order/],
    ['suspended_sentence_order', { kind: 'committed_to_custody', days: 10 }, /not a court outcome/],
  ])('%s outcome %j is refused', (orderType, outcome, error) => {
    const r = applyBreachStep(breach(orderType, '2025-03-03', submitted, listed), {
      status: 'outcome_recorded',
      on: d('2025-04-02'),
      outcome,
    })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors.join('; ')).toMatch(error)
  })

  it('a licence cannot be breached at court', () => {
    const r = startBreach('licence', d('2025-03-03'))
    expect(r).toEqual({ ok: false, errors: ['A licence is not breached at court: consider recall instead'] })
  })

  it('reports every problem at once and leaves the process unchanged', () => {
    const r = applyBreachStep(started, { status: 'closed', on: d('2025-03-01') })
    expect(r.ok ? [] : r.errors).toHaveLength(2)
    expect(started.steps).toHaveLength(1)
  })
})

describe('breach: next deadline', () => {
  it.each([
    ['2024-12-20', '2025-01-08'], // Christmas, Boxing Day, New Year
    ['2025-04-15', '2025-05-01'], // Easter 2025
    ['2025-06-02', '2025-06-16'],
  ])('initiated %s → breach pack by %s', (on, due) => {
    const next = nextBreachStep(breach('community_order', on))
    expect(next.deadline?.due?.toString()).toBe(due)
    expect(next.deadline?.title).toBe('Submit the breach pack')
    expect(next.allowed).toEqual(['pack_submitted', 'withdrawn'])
  })

  it('waiting for the court to list has no date; once listed the hearing is the deadline', () => {
    expect(nextBreachStep(breach('community_order', '2025-03-03', submitted)).deadline).toBeNull()
    expect(nextBreachStep(breach('community_order', '2025-03-03', submitted, listed)).deadline?.due?.toString()).toBe(
      '2025-04-02',
    )
  })
})

describe('recall: transitions', () => {
  it('considered → recommended → recall decided → Part A signed → sent to PPCS → recalled → closed', () => {
    const p = recall(
      '2025-03-03',
      { status: 'recommended', on: d('2025-03-03'), recommendation: 'recall' },
      { status: 'recall_decided', on: d('2025-03-04'), recallType: 'fixed_term' },
      { status: 'part_a_signed', on: d('2025-03-04') },
      { status: 'sent_to_ppcs', on: d('2025-03-04') },
      { status: 'recalled', on: d('2025-03-05') },
      { status: 'closed', on: d('2025-03-06') },
    )
    expect(p.steps).toHaveLength(7)
  })

  it.each([
    [
      [
        { status: 'no_recall_decided', on: d('2025-03-04') },
        { status: 'no_recall_letter_sent', on: d('2025-03-05') },
      ],
    ],
    [
      [
        { status: 'recall_decided', on: d('2025-03-04'), recallType: 'standard' },
        { status: 'part_a_signed', on: d('2025-03-04') },
        { status: 'sent_to_ppcs', on: d('2025-03-04') },
        { status: 'not_recalled', on: d('2025-03-06') },
      ],
    ],
  ] as [RecallStep[]][])('other allowed paths %#', steps => {
    const p = recall(
      '2025-03-03',
      { status: 'recommended', on: d('2025-03-03'), recommendation: 'no_recall' },
      ...steps,
      { status: 'closed', on: d('2025-03-07') },
    )
    expect(p.steps.at(-1)?.status).toBe('closed')
  })

  const considered = startRecall(d('2025-03-03'))
  const recommended = recall('2025-03-03', { status: 'recommended', on: d('2025-03-03'), recommendation: 'recall' })
  it.each<[string, RecallProcess, RecallStep, RegExp]>([
    [
      'considered → recall decided (needs a recommendation)',
      considered,
      { status: 'recall_decided', on: d('2025-03-04'), recallType: 'standard' },
      /Cannot move from considered/,
    ],
    [
      'recommended → recalled',
      recommended,
      { status: 'recalled', on: d('2025-03-04') },
      /Cannot move from recommended to recalled/,
    ],
    [
      'a recommendation without its choice',
      considered,
      { status: 'recommended', on: d('2025-03-04') },
      /recall or no_recall/,
    ],
    [
      'a recall decision without its type',
      recommended,
      { status: 'recall_decided', on: d('2025-03-04') },
      /needs its type/,
    ],
    [
      'a recall type on the wrong step',
      considered,
      { status: 'recommended', on: d('2025-03-04'), recommendation: 'recall', recallType: 'standard' },
      /only goes with recall_decided/,
    ],
    [
      'a step dated before the previous one',
      considered,
      { status: 'recommended', on: d('2025-03-02'), recommendation: 'recall' },
      /before the previous step/,
    ],
    [
      'sent to PPCS before Part A is signed',
      recall(
        '2025-03-03',
        { status: 'recommended', on: d('2025-03-03'), recommendation: 'recall' },
        { status: 'recall_decided', on: d('2025-03-03'), recallType: 'standard' },
      ),
      { status: 'sent_to_ppcs', on: d('2025-03-03') },
      /Cannot move/,
    ],
  ])('refused: %s', (_what, process, step, error) => {
    const r = applyRecallStep(process, step)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors.join('; ')).toMatch(error)
  })
})

describe('recall: next deadline (Probity defaults)', () => {
  it.each<[string, RecallStep[], string | null]>([
    ['considered on Maundy Thursday 2024', [], '2024-04-02'],
    [
      'recommended on Christmas Eve',
      [{ status: 'recommended', on: d('2024-12-24'), recommendation: 'recall' }],
      '2024-12-27',
    ],
    [
      'standard recall decided',
      [
        { status: 'recommended', on: d('2024-12-24'), recommendation: 'recall' },
        { status: 'recall_decided', on: d('2024-12-24'), recallType: 'standard' },
      ],
      '2024-12-27',
    ],
    [
      'emergency recall decided: same day',
      [
        { status: 'recommended', on: d('2024-12-24'), recommendation: 'recall' },
        { status: 'recall_decided', on: d('2024-12-24'), recallType: 'emergency' },
      ],
      '2024-12-24',
    ],
    [
      'no recall decided: letter in 5 working days',
      [
        { status: 'recommended', on: d('2024-12-20'), recommendation: 'no_recall' },
        { status: 'no_recall_decided', on: d('2024-12-20') },
      ],
      '2024-12-31',
    ],
    [
      'sent to PPCS: PPCS decides',
      [
        { status: 'recommended', on: d('2024-12-24'), recommendation: 'recall' },
        { status: 'recall_decided', on: d('2024-12-24'), recallType: 'standard' },
        { status: 'part_a_signed', on: d('2024-12-24') },
        { status: 'sent_to_ppcs', on: d('2024-12-24') },
      ],
      null,
    ],
  ])('%s → %s', (what, steps, due) => {
    const start = what.startsWith('considered') ? '2024-03-28' : (steps[0]?.on.toString() ?? '2024-12-24')
    const next = nextRecallStep(recall(start, ...steps))
    expect(next.deadline?.due?.toString() ?? null).toBe(due)
    if (due !== null) expect(next.deadline?.source).toMatch(/^Probity default/)
  })
})
