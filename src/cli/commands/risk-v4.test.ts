import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

interface V4Case {
  id: string
  kind: 'regression' | 'fixture' | 'band'
  algorithm?: string
  inputs: unknown
  note?: string
  expectedProbability?: Record<string, number>
  expectedPercent2dp?: Record<string, number>
  expected?: { output?: Record<string, unknown>; band?: string; scoreType?: string }
}

const root = fileURLToPath(new URL('../../../', import.meta.url))
const vectors = JSON.parse(readFileSync(`${root}test/vectors/predictors-v4-cases.json`, 'utf8')) as { cases: V4Case[] }

/** Runs `probity risk-v4` as a separate process, as `npx probity risk-v4` does. */
function runCli(stdin: string): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [`${root}bin/probity.mjs`, 'risk-v4'], { input: stdin, encoding: 'utf8' })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

/** Numbers: feature values within 1e-9; percentages and scores exact at 2 dp (the case file's conventions). */
function same(actual: unknown, expected: unknown, path: string): void {
  if (typeof expected === 'number') {
    expect(typeof actual, path).toBe('number')
    const a = actual as number
    if (path.includes('featureValues')) expect(Math.abs(a - expected), path).toBeLessThanOrEqual(1e-9)
    else expect(Math.round(a * 100), `${path}: got ${a}, want ${expected}`).toBe(Math.round(expected * 100))
    return
  }
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    expect(actual, path).toBeTypeOf('object')
    for (const [k, v] of Object.entries(expected)) same((actual as Record<string, unknown>)[k], v, `${path}.${k}`)
    return
  }
  expect(actual, path).toEqual(expected)
}

describe('probity risk-v4 — every case of predictors-v4-cases.json through the command', () => {
  const input = vectors.cases.map(c => ({ id: c.id, kind: c.kind, algorithm: c.algorithm, inputs: c.inputs }))
  const { code, out, err } = runCli(JSON.stringify(input))
  const results = JSON.parse(out || '[]') as { id: string; output?: Record<string, unknown>; error?: string }[]

  it('exits 0 and answers every case in order', () => {
    expect(err).toBe('')
    expect(code).toBe(0)
    expect(results.map(r => r.id)).toEqual(vectors.cases.map(c => c.id))
  })

  it.each(vectors.cases.map((c, i) => [c.id, i] as const))('%s', (_id, i) => {
    const c = vectors.cases[i]
    const r = results[i]
    expect(r.error, `refused: ${r.error}`).toBeUndefined()
    const output = r.output!
    if (c.kind === 'band') {
      expect(output).toEqual({ band: c.expected!.band })
    } else if (c.kind === 'regression') {
      const percent = output.percent2dp as Record<string, number>
      const probability = output.probability as Record<string, number>
      expect(Object.keys(percent).sort()).toEqual(Object.keys(c.expectedPercent2dp!).sort())
      for (const [k, want] of Object.entries(c.expectedPercent2dp!)) {
        expect(Math.round(percent[k] * 100), `${k} %`).toBe(Math.round(want * 100))
      }
      // Rows flagged '4.2' carry 4 dp probabilities only: compare their 2 dp percentages (above), not 1e-9.
      const tolerance = c.note?.includes('4.2') ? 5e-5 : 1e-9
      for (const [k, want] of Object.entries(c.expectedProbability!)) {
        expect(Math.abs(probability[k] - want), `${k} probability`).toBeLessThanOrEqual(tolerance)
      }
    } else {
      expect(output.scoreType).toBe(c.expected!.scoreType)
      for (const [k, want] of Object.entries(c.expected!.output!)) {
        expect(output, `missing ${k}`).toHaveProperty(k)
        same(output[k], want, k)
      }
    }
  })
})

describe('probity risk-v4 — contract edges', () => {
  it('exits 2 when standard input is not JSON, and writes nothing to standard output', () => {
    const r = runCli('not json')
    expect(r.code).toBe(2)
    expect(r.out).toBe('')
    expect(r.err).toMatch(/not valid JSON/)
  })

  it('answers a refused case with an error naming the field, and still exits 0', () => {
    const fixture = vectors.cases.find(c => c.algorithm === 'SERIOUS_VIOLENT_REOFFENDING_PREDICTOR')!
    const inputs = { ...(fixture.inputs as Record<string, unknown>), totalNumberOfSanctionsForAllOffences: 0 }
    const r = runCli(JSON.stringify([{ id: 'bad', kind: 'fixture', algorithm: fixture.algorithm, inputs }]))
    expect(r.code).toBe(0)
    const [answer] = JSON.parse(r.out) as { id: string; error?: string; errors?: { field: string; code: string }[] }[]
    expect(answer.id).toBe('bad')
    expect(answer.errors).toContainEqual(
      expect.objectContaining({
        field: 'totalNumberOfSanctionsForAllOffences',
        code: 'TOTAL_NUMBER_OF_SANCTIONS_OUT_OF_RANGE',
      }),
    )
  })
})
