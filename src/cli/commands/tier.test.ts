import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { CliIo } from '../io.ts'
import { main } from '../main.ts'

interface VectorCase {
  id: string
  request: { calculation: string; calculationDate: string; inputs: unknown }
  expected: { output?: Record<string, unknown>; error?: unknown }
}
const vectors = JSON.parse(readFileSync(new URL('../../../test/vectors/tier.json', import.meta.url), 'utf8')) as {
  cases: VectorCase[]
}

async function runTier(stdin: string): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const io: CliIo = { readStdin: async () => stdin, out: t => (out += t), err: t => (err += t) }
  const code = await main(['tier'], io)
  return { code, out, err }
}

describe('probity tier against test/vectors/tier.json', async () => {
  const requests = vectors.cases.map(c => ({ id: c.id, ...c.request }))
  const { code, out } = await runTier(JSON.stringify(requests))
  const answers = JSON.parse(out) as { id: string; output?: Record<string, unknown>; error?: string }[]

  it('answers every case, in order, with exit 0', () => {
    expect(vectors.cases.length).toBe(85)
    expect(code).toBe(0)
    expect(answers.map(a => a.id)).toEqual(vectors.cases.map(c => c.id))
  })

  it.each(vectors.cases.map(c => [c.id, c] as const))('%s', (_id, c) => {
    const answer = answers.find(a => a.id === c.id)
    expect(answer).toBeDefined()
    if (c.expected.error !== undefined) {
      expect(answer?.output).toBeUndefined()
      expect(answer?.error).toEqual(expect.any(String))
      return
    }
    expect(answer?.error).toBeUndefined()
    for (const [key, value] of Object.entries(c.expected.output ?? {})) {
      expect(answer?.output?.[key], key).toEqual(value)
    }
  })
})

describe('probity tier contract', () => {
  it('exits 2 with a message on stderr when stdin is not JSON', async () => {
    const { code, out, err } = await runTier('{not json')
    expect(code).toBe(2)
    expect(out).toBe('')
    expect(err).toMatch(/not valid JSON/)
  })

  it('refuses a bad request with {id, error, fields} and still answers the good ones, in order', async () => {
    const good = vectors.cases[0]
    const { code, out } = await runTier(
      JSON.stringify([
        { id: 'bad', calculation: 'v9', calculationDate: '2026-11-22', inputs: {} },
        { id: good.id, ...good.request },
      ]),
    )
    expect(code).toBe(0)
    const [bad, ok] = JSON.parse(out)
    expect(bad.id).toBe('bad')
    expect(bad.output).toBeUndefined()
    expect(bad.fields).toEqual([{ field: 'calculation', message: expect.stringContaining('v2, v3') }])
    expect(ok.output.protectPoints).toBe(10)
  })

  it('refuses a request with impossible inputs rather than scoring it', async () => {
    const request = structuredClone(vectors.cases[0].request) as { inputs: Record<string, unknown> }
    request.inputs.ogrs = 140
    const { code, out } = await runTier(JSON.stringify([{ id: 'x', ...request }]))
    expect(code).toBe(0)
    const [answer] = JSON.parse(out)
    expect(answer.output).toBeUndefined()
    expect(answer.fields).toEqual([{ field: 'inputs.ogrs', message: 'must be at most 100, got 140' }])
  })

  it('answers a single request object as a one-element batch, and echoes a missing id as null', async () => {
    const { code, out } = await runTier(
      JSON.stringify({ calculation: 'v3', calculationDate: '2026-11-22', inputs: { hasActiveEvent: false } }),
    )
    expect(code).toBe(0)
    expect(JSON.parse(out)).toEqual([{ id: null, output: expect.objectContaining({ tier: 'NOT_SUPERVISED' }) }])
  })

  it('includes the algorithm and the explanation in every output', async () => {
    const { out } = await runTier(JSON.stringify([{ id: 'a', ...vectors.cases[0].request }]))
    const [answer] = JSON.parse(out)
    expect(answer.output.algorithm).toMatchObject({ name: 'tier-v2-protect-change', version: '2026-08-17' })
    expect(answer.output.explanation).toContainEqual(
      expect.objectContaining({ rule: 'v2.protect.rsr', points: 10, text: expect.stringContaining('RSR 3.1%') }),
    )
  })
})
