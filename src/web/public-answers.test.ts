import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { codingFor, fresh, publicAnswer } from './public-answers.ts'

describe('public answers', () => {
  it('chooses brotli, else gzip, else none, as Accept-Encoding allows', () => {
    expect(codingFor('gzip, deflate, br')).toBe('br')
    expect(codingFor('gzip, deflate, br;q=0')).toBe('gzip')
    expect(codingFor('BR;q=0.0, GZIP;q=0.5')).toBe('gzip')
    expect(codingFor('*')).toBe('br')
    expect(codingFor('*;q=0, identity')).toBe('identity')
    expect(codingFor('deflate')).toBe('identity')
    expect(codingFor('')).toBe('identity')
    expect(codingFor(undefined)).toBe('identity')
  })

  it('takes any copy of the version, weak or strong, or *, as the client having it', () => {
    expect(fresh('"abc"', '"abc"')).toBe(true)
    expect(fresh('"old", W/"abc-br"', '"abc"')).toBe(true)
    expect(fresh('"abc-gzip"', '"abc"')).toBe(true)
    expect(fresh('*', '"abc"')).toBe(true)
    expect(fresh('"abcd"', '"abc"')).toBe(false)
    expect(fresh(undefined, '"abc"')).toBe(false)
  })

  it('keeps copies that decompress to the same bytes, and none that would be larger', async () => {
    const page = `<p>${'The same paragraph again. '.repeat(200)}</p>`
    const answer = await publicAnswer(page, 'text/html; charset=utf-8')
    expect(answer.etag).toMatch(/^"[^"]+"$/)
    expect(brotliDecompressSync(answer.bodies.br!).toString()).toBe(page)
    expect(gunzipSync(answer.bodies.gzip!).toString()).toBe(page)
    const tiny = await publicAnswer('{}', 'application/geo+json')
    expect(tiny.bodies).toEqual({ identity: Buffer.from('{}') })
  })
})
