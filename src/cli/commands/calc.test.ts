import { describe, expect, it } from 'vitest'
import type { CliIo } from '../io.ts'
import { main } from '../main.ts'

async function calc(sub: string, stdin: string): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const io: CliIo = { readStdin: async () => stdin, out: t => (out += t), err: t => (err += t) }
  const code = await main(['calc', sub], io)
  return { code, out, err }
}

describe('probity calc proven-reoffending', () => {
  it('answers each request in order, with the contract’s output and an error naming the field', async () => {
    const requests = [
      {
        id: 'q1',
        cohort: { from: '2025-01-01', to: '2025-03-31' },
        asOf: '2026-12-07',
        people: [
          {
            ref: 'p1',
            events: [{ type: 'custody_release', date: '2025-02-01' }],
            offences: [
              { offenceDate: '2025-01-20', provenDate: '2025-01-25', index: true },
              { offenceDate: '2025-06-01', provenDate: '2025-10-01', index: false },
            ],
          },
          { ref: 'p2', events: [{ type: 'caution', date: '2025-03-01' }], offences: [] },
          { ref: 'p3', events: [{ type: 'court_disposal', date: '2025-05-01' }], offences: [] },
        ],
      },
      { id: 'q2', cohort: { from: '2025-01-01', to: '2025-02-30' }, asOf: '2026-12-07', people: [] },
      {
        id: 'q3',
        cohort: { from: '2025-01-01', to: '2025-03-31' },
        asOf: '2026-12-07',
        people: [{ ref: 'x', events: [{ type: 'arrest', date: '2025-01-02' }] }],
      },
    ]
    const { code, out } = await calc('proven-reoffending', JSON.stringify(requests))
    expect(code).toBe(0)
    const answers = JSON.parse(out)
    expect(answers[0]).toEqual({
      id: 'q1',
      output: {
        cohortSize: 2,
        reoffenders: 1,
        reoffences: 1,
        binaryRate: 0.5,
        frequencyPerReoffender: 1,
        frequencyPerOffender: 0.5,
        provisional: false,
      },
    })
    expect(answers[1]).toEqual({ id: 'q2', error: expect.stringContaining('cohort.to') })
    expect(answers[2]).toEqual({ id: 'q3', error: expect.stringContaining('people[0].events[0].type') })
  })

  it('exits 2 when the input is not JSON, and 1 for an unknown calculator', async () => {
    expect((await calc('proven-reoffending', '{nope')).code).toBe(2)
    expect((await calc('proven-reoffending', '{}')).code).toBe(2)
    expect((await calc('payments', '[]')).code).toBe(1)
  })
})
