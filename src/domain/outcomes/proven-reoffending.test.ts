import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import { isProvisional, provenReoffending, rate, type CohortPerson } from './proven-reoffending.ts'

const d = LocalDate.parse
const from = d('2025-01-01')
const to = d('2025-03-31')
const asOf = d('2026-12-07')
const person = (
  ref: string,
  events: [CohortPerson['events'][number]['type'], string][],
  offences: [string, string, boolean?][] = [],
): CohortPerson => ({
  ref,
  events: events.map(([type, date]) => ({ type, date: d(date) })),
  offences: offences.map(([o, p, index]) => ({ offenceDate: d(o), provenDate: d(p), index: index ?? false })),
})
const run = (people: CohortPerson[], at = asOf) => provenReoffending({ from, to, asOf: at, people })

describe('the index event', () => {
  it('is the first qualifying event in the period, bounds inclusive, one per person', () => {
    const r = run([
      person('a', [
        ['caution', '2025-03-31'],
        ['court_disposal', '2025-01-01'],
        ['custody_release', '2025-02-10'],
      ]),
      person('b', [['custody_release', '2024-12-31']]),
      person('c', [['court_disposal', '2025-04-01']]),
    ])
    expect(r.cohortSize).toBe(1)
    expect(r.members[0]!.indexEvent).toEqual({ type: 'court_disposal', date: d('2025-01-01') })
  })

  it('counts reoffences from the person’s first event in the period, not a later one', () => {
    // An offence between the first and the second event still counts: the index is the first.
    const r = run([
      person(
        'a',
        [
          ['court_disposal', '2025-01-10'],
          ['caution', '2025-03-01'],
        ],
        [['2025-02-01', '2025-02-20']],
      ),
    ])
    expect(r.reoffences).toBe(1)
  })
})

describe('a proven reoffence', () => {
  const index = '2025-02-15'
  const one = (offences: [string, string, boolean?][], at = asOf) =>
    run([person('a', [['custody_release', index]], offences)], at).reoffences

  it('is committed on or after the index date and before its first anniversary', () => {
    expect(one([['2025-02-15', '2025-03-01']])).toBe(1)
    expect(one([['2025-02-14', '2025-03-01']])).toBe(0)
    expect(one([['2026-02-14', '2026-03-01']])).toBe(1)
    expect(one([['2026-02-15', '2026-03-01']])).toBe(0)
  })

  it('is proven no later than 18 months after the index date', () => {
    expect(one([['2026-01-10', '2026-08-15']])).toBe(1)
    expect(one([['2026-01-10', '2026-08-16']])).toBe(0)
  })

  it('never counts the index offence', () => {
    expect(one([['2025-02-15', '2025-02-15', true]])).toBe(0)
  })

  it('counts several offences proven at one appearance separately', () => {
    expect(
      one([
        ['2025-05-01', '2025-09-01'],
        ['2025-06-01', '2025-09-01'],
        ['2025-07-01', '2025-09-01'],
      ]),
    ).toBe(3)
  })

  it('counts only what was proven by asOf', () => {
    expect(one([['2025-05-01', '2025-09-01']], d('2025-08-31'))).toBe(0)
    expect(one([['2025-05-01', '2025-09-01']], d('2025-09-01'))).toBe(1)
  })

  it('takes a leap day’s anniversary as 28 February', () => {
    const r = provenReoffending({
      from: d('2024-01-01'),
      to: d('2024-03-31'),
      asOf,
      people: [person('a', [['caution', '2024-02-29']], [['2025-02-28', '2025-03-10']])],
    })
    expect(r.reoffences).toBe(0)
  })
})

describe('the rates', () => {
  it('are fractions rounded half-up to 4 decimal places, frequency 0 without reoffenders', () => {
    const people = [
      person(
        'a',
        [['caution', '2025-01-05']],
        [
          ['2025-02-01', '2025-03-01'],
          ['2025-02-02', '2025-03-01'],
        ],
      ),
      person('b', [['caution', '2025-01-05']]),
      person('c', [['caution', '2025-01-05']]),
    ]
    const r = run(people)
    expect(r).toMatchObject({
      cohortSize: 3,
      reoffenders: 1,
      reoffences: 2,
      binaryRate: 0.3333,
      frequencyPerReoffender: 2,
      frequencyPerOffender: 0.6667,
    })
    expect(run(people.slice(1))).toMatchObject({ binaryRate: 0, frequencyPerReoffender: 0, frequencyPerOffender: 0 })
    expect(run([])).toMatchObject({ cohortSize: 0, binaryRate: 0, frequencyPerOffender: 0 })
  })

  it('round exactly, with no binary fraction error', () => {
    expect(rate(1, 32)).toBe(0.0313)
    expect(rate(1, 3)).toBe(0.3333)
    expect(rate(2, 3)).toBe(0.6667)
    expect(rate(7, 16)).toBe(0.4375)
    expect(rate(1, 20000)).toBe(0.0001)
    expect(rate(1, 20001)).toBe(0)
  })
})

describe('a provisional cohort', () => {
  it('stays provisional until 18 months after the period’s end have passed', () => {
    expect(isProvisional(d('2025-03-31'), d('2026-09-30'))).toBe(true)
    expect(isProvisional(d('2025-03-31'), d('2026-10-01'))).toBe(false)
    expect(run([], d('2026-09-30')).provisional).toBe(true)
  })
})
