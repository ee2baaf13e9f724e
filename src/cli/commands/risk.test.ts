import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { CliIo } from '../io.ts'
import { main } from '../main.ts'

interface VectorCase {
  id: string
  request: { predictor: string; coefficients?: string; inputs: Record<string, unknown> }
  expected: { output?: Record<string, unknown>; error?: unknown }
}

const vectors = JSON.parse(
  readFileSync(new URL('../../../test/vectors/risk-predictors.json', import.meta.url), 'utf8'),
) as {
  cases: VectorCase[]
}

async function runCli(stdin: string, args: string[] = []): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const io: CliIo = { readStdin: async () => stdin, out: t => void (out += t), err: t => void (err += t) }
  const code = await main(['risk', ...args], io)
  return { code, out, err }
}

/** Contract tolerance: probabilities within 1e-9; percentages and scores exact at 2 dp; bands exact. */
function matches(key: string, actual: unknown, expected: unknown): boolean {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (/probability/i.test(key)) return Math.abs(actual - expected) <= 1e-9
    return Math.round(actual * 100) === Math.round(expected * 100)
  }
  return actual === expected
}

describe('probity risk — every case of risk-predictors.json through the CLI', async () => {
  const requests = vectors.cases.map(c => ({ id: c.id, ...c.request }))
  const { code, out } = await runCli(JSON.stringify(requests))
  const results = JSON.parse(out) as { id: string; output?: Record<string, unknown>; error?: string }[]

  it('exits 0 and answers every request in order', () => {
    expect(code).toBe(0)
    expect(results.map(r => r.id)).toEqual(vectors.cases.map(c => c.id))
  })

  it.each(vectors.cases.map((c, i) => [c.id, i] as const))('%s', (_id, i) => {
    const c = vectors.cases[i]
    const r = results[i]
    if (c.expected.output === undefined) {
      expect(r.error, 'expected the request to be refused').toBeTruthy()
      expect(r.output).toBeUndefined()
      return
    }
    expect(r.error, `refused: ${r.error}`).toBeUndefined()
    for (const [key, want] of Object.entries(c.expected.output)) {
      expect(r.output, `missing ${key}`).toHaveProperty(key)
      expect(
        matches(key, r.output![key], want),
        `${key}: got ${JSON.stringify(r.output![key])}, want ${JSON.stringify(want)}`,
      ).toBe(true)
    }
  })
})

describe('probity risk — contract edges', () => {
  it('exits 2 with a message on stderr when stdin is not JSON', async () => {
    const { code, out, err } = await runCli('not json')
    expect(code).toBe(2)
    expect(out).toBe('')
    expect(err).toMatch(/not valid JSON/)
  })

  it('exits 0 and returns an error entry for a refused request, keeping order', async () => {
    const { code, out } = await runCli(
      JSON.stringify([
        { id: 'bad', predictor: 'OGRS3', inputs: { gender: 'MALE' } },
        { id: 'unknown', predictor: 'NOPE', inputs: {} },
        {
          id: 'good',
          predictor: 'OGRS3',
          inputs: {
            gender: 'MALE',
            dateOfBirth: '1965-12-07',
            dateOfCurrentConviction: '2025-05-13',
            dateAtStartOfFollowup: '2026-12-12',
            totalSanctionsIncludingCurrent: 2,
            ageAtFirstSanction: 47,
            offenceCode: '02700',
          },
        },
      ]),
    )
    expect(code).toBe(0)
    const [bad, unknown, good] = JSON.parse(out)
    expect(bad.id).toBe('bad')
    expect(bad.error).toMatch(/dateOfBirth/)
    expect(bad.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining([
        'dateOfBirth',
        'dateOfCurrentConviction',
        'dateAtStartOfFollowup',
        'ageAtFirstSanction',
        'currentOffenceCode',
      ]),
    )
    expect(unknown.error).toMatch(/unknown predictor/)
    expect(good.output).toMatchObject({ algorithm: 'OGRS3', oneYearPercent: 8, twoYearPercent: 16, band: 'LOW' })
    expect(good.output.explanation).toBeUndefined()
  })

  it('adds the explanation with --explain', async () => {
    const { out } = await runCli(
      JSON.stringify([
        {
          id: 'x',
          predictor: 'OGRS3',
          inputs: {
            gender: 'MALE',
            dateOfBirth: '1965-12-07',
            dateOfCurrentConviction: '2025-05-13',
            dateAtStartOfFollowup: '2026-12-12',
            totalSanctionsIncludingCurrent: 2,
            ageAtFirstSanction: 47,
            offenceCode: '02700',
          },
        },
      ]),
      ['--explain'],
    )
    const [r] = JSON.parse(out)
    expect(r.output.explanation.terms.map((t: { id: string }) => t.id)).toEqual([
      'ageGender',
      'sanctionStatus',
      'copas',
      'offence',
    ])
  })
})
