import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { main } from '../../cli/main.ts'
import type { CliIo } from '../../cli/io.ts'

interface VectorCase {
  id: string
  title: string
  request: Record<string, unknown>
  expected: { dates: Record<string, string> }
}

const vectors = JSON.parse(
  readFileSync(new URL('../../../test/vectors/release-dates.json', import.meta.url), 'utf8'),
) as {
  cases: VectorCase[]
}

async function runCli(argv: string[], stdin: string) {
  const out: string[] = []
  const err: string[] = []
  const io: CliIo = { readStdin: async () => stdin, out: t => out.push(t), err: t => err.push(t) }
  const status = await main(argv, io)
  return { status, out: out.join(''), err: err.join('') }
}

describe('reference vectors through `probity calc release-dates`', async () => {
  const input = vectors.cases.map(c => ({ id: c.id, ...c.request }))
  const { status, out } = await runCli(['calc', 'release-dates'], JSON.stringify(input))
  const results = JSON.parse(out) as { id: string; dates?: Record<string, string>; error?: string }[]

  it('exits 0 and answers every case in order', () => {
    expect(status).toBe(0)
    expect(vectors.cases.length).toBeGreaterThan(0)
    expect(results.map(r => r.id)).toEqual(vectors.cases.map(c => c.id))
  })

  it.each(vectors.cases.map((c, i) => [c.id, c.title, i] as const))('%s: %s', (_id, _title, i) => {
    expect(results[i].error).toBeUndefined()
    expect(results[i].dates).toEqual(vectors.cases[i].expected.dates)
  })
})

describe('the calc command contract', () => {
  it('exits 2 with a message on stderr when stdin is not JSON', async () => {
    const r = await runCli(['calc', 'release-dates'], '{not json')
    expect(r.status).toBe(2)
    expect(r.err).toMatch(/not valid JSON/)
    expect(r.out).toBe('')
  })

  it('exits 2 when the JSON is not an array', async () => {
    const r = await runCli(['calc', 'release-dates'], '{"id":"a"}')
    expect(r.status).toBe(2)
    expect(r.err).toMatch(/array/)
  })

  it('exits 1 for an unknown calculator', async () => {
    const r = await runCli(['calc', 'parole-dates'], '[]')
    expect(r.status).toBe(1)
    expect(r.err).toMatch(/unknown calculator "parole-dates"/)
  })

  it('answers refused requests with { id, error } and still exits 0', async () => {
    const good = { ...vectors.cases[0].request, id: 'good' }
    const bad = { ...vectors.cases[0].request, id: 'bad', rules: { regime: 'sds_33' } }
    const r = await runCli(['calc', 'release-dates'], JSON.stringify([good, bad]))
    expect(r.status).toBe(0)
    const [a, b] = JSON.parse(r.out)
    expect(a).toEqual({ id: 'good', dates: vectors.cases[0].expected.dates })
    expect(b.id).toBe('bad')
    expect(b.error).toMatch(/unknown regime "sds_33"/)
  })
})
