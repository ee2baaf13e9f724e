import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import {
  allocationClock,
  capacityPoints,
  casePoints,
  decideProvider,
  findRoshConflict,
  NO_FACTS,
  proposeInduction,
  workloadOf,
  CASE_TYPE,
  type AllocationFacts,
  type ReasonCode,
} from './index.ts'

const d = (s: string) => LocalDate.parse(s)
const facts = (over: Partial<AllocationFacts>): AllocationFacts => ({ ...NO_FACTS, ...over })
const codes = (f: AllocationFacts) => decideProvider(f).reasons.map(r => r.code)

const lowRosh = { roshAssessment: { level: 'low' as const, date: '2026-03-02' } }
const mediumRosh = { roshAssessment: { level: 'medium' as const, date: '2026-03-02' } }
const lowRsr = { rsr: { score: 2.1, date: '2026-03-02' } }

describe('the provider decision: each criterion alone', () => {
  it.each<[string, Partial<AllocationFacts>, 'public' | 'contracted', ReasonCode]>([
    ['high RoSH assessment', { roshAssessment: { level: 'high', date: '2026-03-02' } }, 'public', 'rosh_high'],
    [
      'very high RoSH assessment',
      { roshAssessment: { level: 'very_high', date: '2026-03-02' } },
      'public',
      'rosh_high',
    ],
    ['medium RoSH assessment', mediumRosh, 'contracted', 'rosh_not_high'],
    ['low RoSH assessment', lowRosh, 'contracted', 'rosh_not_high'],
    ['high RoSH flag only', { roshRegistration: { level: 'high', date: '2026-01-10' } }, 'public', 'rosh_high'],
    [
      'high RoSH from the court report only',
      { courtReport: { roshLevel: 'high', proposedProvider: null, date: '2026-02-01' } },
      'public',
      'rosh_high',
    ],
    ['MAPPA level 1', { mappa: { category: 1, level: 1, date: '2025-06-01' } }, 'public', 'mappa'],
    ['MAPPA without a level', { mappa: { category: 3, level: null, date: '2025-06-01' } }, 'public', 'mappa'],
    ['RSR exactly 6.9%', { rsr: { score: 6.9, date: '2026-03-02' } }, 'public', 'rsr_high'],
    ['RSR 6.89%', { rsr: { score: 6.89, date: '2026-03-02' } }, 'contracted', 'rsr_below'],
    ['public interest registration', { publicInterest: { date: '2026-01-01' } }, 'public', 'public_interest'],
    [
      'foreign national liable to deportation',
      { liableToDeportation: { date: '2026-01-01' } },
      'public',
      'deportation',
    ],
    [
      'court report proposing the public provider',
      { courtReport: { roshLevel: null, proposedProvider: 'public', date: '2026-02-01' } },
      'public',
      'court_report_proposes_public',
    ],
    [
      'court report proposing the contracted provider',
      { courtReport: { roshLevel: null, proposedProvider: 'contracted', date: '2026-02-01' } },
      'contracted',
      'no_other_criterion',
    ],
  ])('%s', (_label, over, outcome, code) => {
    const decision = decideProvider(facts(over))
    expect(decision.outcome).toBe(outcome)
    expect(decision.reasons.map(r => r.code)).toContain(code)
  })

  it('with nothing recorded goes to the contracted provider and says why for every criterion', () => {
    const decision = decideProvider(NO_FACTS)
    expect(decision.outcome).toBe('contracted')
    expect(codes(NO_FACTS)).toEqual(['rosh_none', 'no_mappa', 'rsr_none', 'no_other_criterion'])
    expect(decision.reasons.map(r => r.text).join('\n')).toMatch(/No RSR score calculated \(the threshold is 6.9%\)/)
  })

  it('with low RoSH and low RSR names both and the contracted provider', () => {
    const decision = decideProvider(facts({ ...mediumRosh, ...lowRsr }))
    expect(decision).toMatchObject({ outcome: 'contracted', roshLevel: 'medium' })
    expect(decision.reasons.map(r => r.text)).toEqual([
      'RoSH medium (RoSH assessment of 2 March 2026): below high',
      'No MAPPA registration',
      'RSR 2.1% is below the 6.9% threshold',
      expect.stringMatching(/contracted provider manages the case/),
    ])
  })
})

describe('the provider decision: several criteria', () => {
  it('lists every criterion that points at the public provider', () => {
    const f = facts({
      roshAssessment: { level: 'very_high', date: '2026-03-02' },
      mappa: { category: 2, level: 2, date: '2025-06-01' },
      rsr: { score: 12.5, date: '2026-03-02' },
      publicInterest: { date: '2026-01-01' },
    })
    const decision = decideProvider(f)
    expect(decision.outcome).toBe('public')
    expect(decision.reasons.filter(r => r.public).map(r => r.code)).toEqual([
      'rosh_high',
      'mappa',
      'rsr_high',
      'public_interest',
    ])
  })

  it('one public criterion is enough whatever the others say', () => {
    expect(decideProvider(facts({ ...lowRosh, ...lowRsr, liableToDeportation: { date: '2026-01-01' } })).outcome).toBe(
      'public',
    )
  })

  it('the latest assessment is used when the flag agrees on the side of the line', () => {
    const decision = decideProvider(
      facts({
        roshAssessment: { level: 'very_high', date: '2026-03-02' },
        roshRegistration: { level: 'high', date: '2026-01-10' },
      }),
    )
    expect(decision).toMatchObject({ outcome: 'public', roshLevel: 'very_high', conflict: null })
  })
})

describe('conflicting RoSH information', () => {
  const conflicting = facts({ ...mediumRosh, ...lowRsr, roshRegistration: { level: 'high', date: '2026-01-10' } })

  it('blocks the decision and names the sources', () => {
    const decision = decideProvider(conflicting)
    expect(decision.outcome).toBe('blocked')
    expect(decision.conflict?.text).toBe(
      'The RoSH information conflicts: RoSH assessment of 2 March 2026 says medium; RoSH flag registered on 10 January 2026 says high. ' +
        'A senior must decide which is right before the case is allocated.',
    )
    expect(codes(conflicting)[0]).toBe('rosh_conflict')
  })

  it('a court report saying high against a medium assessment is a conflict too', () => {
    const f = facts({ ...mediumRosh, courtReport: { roshLevel: 'high', proposedProvider: null, date: '2026-02-01' } })
    expect(decideProvider(f).outcome).toBe('blocked')
  })

  it('low against medium is not a conflict (it does not change the provider)', () => {
    expect(
      findRoshConflict(facts({ ...lowRosh, roshRegistration: { level: 'medium', date: '2026-01-10' } })),
    ).toBeNull()
  })

  it('a resolution of this conflict decides it, with the senior’s reason', () => {
    const key = findRoshConflict(conflicting)!.key
    const resolved = (level: 'medium' | 'high', chosen: 'assessment' | 'registration') =>
      decideProvider({
        ...conflicting,
        resolution: {
          conflictKey: key,
          chosen,
          level,
          reason: 'Flag predates the new assessment',
          resolvedBy: 'Sam Senior',
          resolvedOn: '2026-03-03',
        },
      })
    expect(resolved('medium', 'assessment')).toMatchObject({ outcome: 'contracted', roshLevel: 'medium' })
    expect(resolved('medium', 'assessment').reasons[0].text).toMatch(
      /Sam Senior resolved conflicting RoSH information on 3 March 2026 in favour of the latest RoSH assessment \(“Flag predates the new assessment”\)/,
    )
    expect(resolved('high', 'registration')).toMatchObject({ outcome: 'public', roshLevel: 'high' })
  })

  it('a resolution in favour of the court report names the report and follows its level', () => {
    const f = facts({
      ...mediumRosh,
      ...lowRsr,
      courtReport: { roshLevel: 'high', proposedProvider: 'public', date: '2026-11-20' },
    })
    const key = findRoshConflict(f)!.key
    expect(key).toBe('assessment:medium:2026-03-02|court_report:high:2026-11-20')
    const decision = decideProvider({
      ...f,
      resolution: {
        conflictKey: key,
        chosen: 'court_report',
        level: 'high',
        reason: 'Report is newer',
        resolvedBy: 'Sam Senior',
        resolvedOn: '2026-11-22',
      },
    })
    expect(decision).toMatchObject({ outcome: 'public', roshLevel: 'high' })
    const texts = decision.reasons.map(r => r.text)
    expect(texts[0]).toMatch(/in favour of the pre-sentence report of 20 November 2026 \(“Report is newer”\)/)
    expect(texts).toContain('Pre-sentence report of 20 November 2026: RoSH high')
    expect(decision.reasons.find(r => r.code === 'court_report_rosh')?.public).toBe(false)
  })

  it('a blocked decision does not name the report level twice (the conflict text names it)', () => {
    const f = facts({ ...mediumRosh, courtReport: { roshLevel: 'high', proposedProvider: null, date: '2026-11-20' } })
    expect(codes(f)).not.toContain('court_report_rosh')
    expect(decideProvider(f).conflict?.text).toContain('Pre-sentence report of 20 November 2026 says high')
  })

  it('a resolution of an earlier conflict does not settle a new one', () => {
    const decision = decideProvider({
      ...conflicting,
      resolution: {
        conflictKey: 'assessment:low:2025-01-01|registration:high:2024-01-10',
        chosen: 'assessment',
        level: 'low',
        reason: 'x',
        resolvedBy: 'S',
        resolvedOn: '2025-01-02',
      },
    })
    expect(decision.outcome).toBe('blocked')
  })
})

describe('the 2-working-day allocation clock', () => {
  it.each([
    ['a Tuesday', '2026-11-24', '2026-11-26'],
    ['a Friday, over the weekend', '2026-11-27', '2026-12-01'],
    ['the Friday before the early May bank holiday', '2026-05-01', '2026-05-06'],
    ['the Thursday before Easter', '2026-04-02', '2026-04-08'],
    ['Christmas Eve (Christmas, the weekend and the Boxing Day substitute)', '2026-12-24', '2026-12-30'],
  ])('sentenced on %s', (_label, sentence, due) => {
    expect(allocationClock(d(sentence), d(sentence)).dueBy.toString()).toBe(due)
  })

  it.each([
    ['2026-11-27', 2, 'on_time', '2 working days left'],
    ['2026-11-28', 2, 'on_time', '2 working days left'],
    ['2026-11-30', 1, 'on_time', '1 working day left'],
    ['2026-12-01', 0, 'due_today', 'Due today'],
    ['2026-12-02', -1, 'overdue', 'Overdue by 1 working day'],
    ['2026-12-07', -4, 'overdue', 'Overdue by 4 working days'],
  ])('sentenced Friday 27 November 2026, seen on %s', (today, left, status, text) => {
    expect(allocationClock(d('2026-11-27'), d(today))).toMatchObject({ workingDaysLeft: left, status, text })
  })
})

describe('the induction deadline', () => {
  it.each([
    ['allocated on a Friday', '2026-11-27', '2026-12-04', '2026-11-30'],
    ['allocated before Christmas and New Year', '2026-12-23', '2027-01-04', '2026-12-24'],
    ['allocated before the Easter weekend', '2026-04-02', '2026-04-13', '2026-04-07'],
  ])('order %s: 5 working days', (_label, allocated, due, proposed) => {
    const p = proposeInduction({ kind: 'order', allocatedOn: d(allocated) })
    expect([p.dueBy.toString(), p.proposed.toString()]).toEqual([due, proposed])
  })

  it.each([
    ['released on a Friday', '2026-11-27', '2026-11-20', '2026-11-30', '2026-11-27'],
    ['released on a Saturday', '2026-11-28', '2026-11-20', '2026-11-30', '2026-11-30'],
    ['released on Christmas Eve', '2026-12-24', '2026-12-01', '2026-12-29', '2026-12-24'],
    ['allocated the day after release', '2026-11-23', '2026-11-24', '2026-11-24', '2026-11-25'],
  ])('licence %s: 1 working day after release', (_label, release, allocated, due, proposed) => {
    const p = proposeInduction({ kind: 'licence', releaseDate: d(release), allocatedOn: d(allocated) })
    expect([p.dueBy.toString(), p.proposed.toString()]).toEqual([due, proposed])
  })
})

describe('workload points', () => {
  it.each<[string | null, 'community' | 'licence' | 'custody', number]>([
    ['A3', 'community', 92],
    ['A0', 'community', 80],
    ['B2', 'community', 63],
    ['C1', 'community', 44],
    ['D0', 'community', 28],
    ['B2', 'licence', 79],
    ['B2', 'custody', 32],
    ['B2S', 'community', 16],
    [null, 'community', 44],
    ['not-a-tier', 'licence', 55],
  ])('tier %s %s case: %i points', (tier, type, points) => {
    expect(casePoints(tier, type)).toBe(points)
  })

  it('weighs more for a higher protect level, and for a higher change level within it', () => {
    for (const change of [0, 1, 2, 3]) {
      const [a, b, c, dd] = ['A', 'B', 'C', 'D'].map(p => casePoints(`${p}${change}`, 'community'))
      expect(a > b && b > c && c > dd).toBe(true)
    }
    for (const protect of ['A', 'B', 'C', 'D']) {
      const points = [0, 1, 2, 3].map(change => casePoints(`${protect}${change}`, 'community'))
      expect([...points].sort((x, y) => x - y)).toEqual(points)
    }
  })

  it.each<[string, number | null, number]>([
    ['PO', null, 2405],
    ['PSO', 18.5, 1203],
    ['SPO', 37, 740],
    ['ADMIN', 37, 0],
  ])('capacity of a %s on %s hours: %i points', (grade, hours, capacity) => {
    expect(capacityPoints(grade, hours)).toBe(capacity)
  })

  it('sums cases into points used and % of capacity', () => {
    const w = workloadOf(
      [
        { tier: 'A3', caseType: 'community' },
        { tier: 'B2', caseType: 'licence' },
        { tier: null, caseType: 'custody' },
      ],
      'PO',
      null,
    )
    expect({ cases: w.cases, points: w.points, capacity: w.capacity, percent: w.percent }).toEqual({
      cases: 3,
      points: 193,
      capacity: 2405,
      percent: 8,
    })
    expect(w.hasRoomFor(2212)).toBe(true)
    expect(w.hasRoomFor(2213)).toBe(false)
    expect(workloadOf([], 'VLO', null)).toMatchObject({ percent: null })
  })
})

describe('the case type a status weighs as (workload)', () => {
  it('weighs a recalled case as custody and post-sentence supervision as licence, every status having one', () => {
    expect(CASE_TYPE.recalled).toBe('custody')
    expect(CASE_TYPE.in_custody).toBe('custody')
    expect(CASE_TYPE.on_pss).toBe('licence')
    expect(CASE_TYPE.on_licence).toBe('licence')
    expect(CASE_TYPE.allocated).toBe('community')
  })
})
