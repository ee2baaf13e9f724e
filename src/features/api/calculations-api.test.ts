import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../web/testing.ts'
import { apiClient, issueTestToken } from './testing.ts'

/** One reference case per calculator from test/vectors/*.json, through the API exactly as the CLI contract states it. */

interface VectorCase {
  id: string
  request: Record<string, unknown>
  expected: { output?: Record<string, unknown>; dates?: Record<string, string>; error?: unknown }
}
const vectors = (name: string) =>
  (
    JSON.parse(readFileSync(new URL(`../../../test/vectors/${name}.json`, import.meta.url), 'utf8')) as {
      cases: VectorCase[]
    }
  ).cases

const tierCase = vectors('tier').find(c => c.expected.output && c.request.calculation === 'v2')!
const tierV3Case = vectors('tier').find(c => c.expected.output && c.request.calculation === 'v3')!
const riskCase = vectors('risk-predictors').find(c => c.expected.output && c.request.predictor === 'RSR')!
const releaseCase = vectors('release-dates').find(c => c.expected.dates)!
const releaseRefusal = vectors('release-dates').find(c => c.expected.error !== undefined)

let t: TestApp
let api: ReturnType<typeof apiClient>
beforeAll(async () => {
  t = await createTestApp()
  api = apiClient(t, await issueTestToken(t, 'pat.practitioner'))
})
afterAll(() => t.close())

describe('POST /api/v1/calculations/tier', () => {
  it(`answers reference case ${tierCase.id} as the CLI does`, async () => {
    const response = await api.post('/api/v1/calculations/tier', { id: tierCase.id, ...tierCase.request })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ id: tierCase.id, output: tierCase.expected.output })
  })

  it('answers a batch with one result per request, in order, a refused request in its place', async () => {
    const response = await api.post('/api/v1/calculations/tier', [
      { id: 'v3', ...tierV3Case.request },
      { id: 'bad', calculation: 'v2', calculationDate: '2026-11-22', inputs: { gender: 'Male' } },
      { id: tierCase.id, ...tierCase.request },
    ])
    expect(response.statusCode).toBe(200)
    const [first, refused, last] = response.json()
    expect(first).toMatchObject({ id: 'v3', output: tierV3Case.expected.output })
    expect(refused).toMatchObject({
      id: 'bad',
      error: expect.any(String),
      fields: expect.arrayContaining([expect.objectContaining({ field: expect.any(String) })]),
    })
    expect(refused).not.toHaveProperty('output')
    expect(last).toMatchObject({ id: tierCase.id, output: tierCase.expected.output })
  })

  it('refuses one invalid request with 400 and the reason', async () => {
    const wrongInputs = await api.post('/api/v1/calculations/tier', {
      calculation: 'v2',
      calculationDate: '2026-11-22',
      inputs: { gender: 'Male' },
    })
    expect(wrongInputs.statusCode).toBe(400)
    expect(wrongInputs.json().error).toMatchObject({
      code: 'validation',
      fields: expect.arrayContaining([expect.objectContaining({ field: expect.stringMatching(/^inputs\./) })]),
    })
    const wrongRequest = await api.post('/api/v1/calculations/tier', {
      calculation: 'v9',
      calculationDate: '2026-02-30',
      inputs: {},
    })
    expect(wrongRequest.statusCode).toBe(400)
    expect(wrongRequest.json().error.fields).toEqual([
      { field: 'calculation', message: 'must be one of: v2, v3' },
      { field: 'calculationDate', message: 'must be a real date in the form YYYY-MM-DD' },
    ])
  })
})

describe('POST /api/v1/calculations/risk', () => {
  it(`answers reference case ${riskCase.id} as the CLI does`, async () => {
    const response = await api.post('/api/v1/calculations/risk', { id: riskCase.id, ...riskCase.request })
    expect(response.statusCode).toBe(200)
    const { id, output } = response.json()
    expect(id).toBe(riskCase.id)
    for (const [key, value] of Object.entries(riskCase.expected.output!)) {
      if (typeof value === 'number' && !Number.isInteger(value)) expect(output[key], key).toBeCloseTo(value, 9)
      else expect(output[key], key).toEqual(value)
    }
    expect(output).not.toHaveProperty('explanation')
  })

  it('adds the explanation when asked', async () => {
    const response = await api.post('/api/v1/calculations/risk?explain=true', { id: riskCase.id, ...riskCase.request })
    expect(response.json().output.explanation).toBeDefined()
  })

  it('refuses one request with missing inputs with 400 and each field at fault', async () => {
    const response = await api.post('/api/v1/calculations/risk', { predictor: 'OGRS3', inputs: {} })
    expect(response.statusCode).toBe(400)
    const { error } = response.json()
    expect(error.code).toBe('validation')
    expect(error.fields.length).toBeGreaterThan(0)
    expect(error.fields.every((f: { field: string; message: string }) => f.field && f.message)).toBe(true)
  })
})

describe('POST /api/v1/calculations/release-dates', () => {
  it(`answers reference case ${releaseCase.id} with exactly the expected dates`, async () => {
    const response = await api.post('/api/v1/calculations/release-dates', {
      id: releaseCase.id,
      ...releaseCase.request,
    })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ id: releaseCase.id, dates: releaseCase.expected.dates })
  })

  it('answers a batch, in order', async () => {
    const response = await api.post('/api/v1/calculations/release-dates', [
      { id: 'a', ...releaseCase.request },
      { id: 'b', ...releaseCase.request },
    ])
    expect(response.json()).toEqual([
      { id: 'a', dates: releaseCase.expected.dates },
      { id: 'b', dates: releaseCase.expected.dates },
    ])
  })

  it('refuses a booking the calculator cannot answer with 400 and its reason', async () => {
    const request = releaseRefusal?.request ?? {
      ...releaseCase.request,
      rules: { regime: 'standard_50' },
      sentences: [{ ...(releaseCase.request.sentences as object[])[0], consecutiveTo: 'NO-SUCH-REF' }],
    }
    const response = await api.post('/api/v1/calculations/release-dates', request)
    expect(response.statusCode).toBe(400)
    expect(response.json().error).toEqual({ code: 'validation', message: expect.any(String) })
    expect(response.json().error.message.length).toBeGreaterThan(5)
  })
})

describe('every calculator', () => {
  const endpoints = ['/api/v1/calculations/tier', '/api/v1/calculations/risk', '/api/v1/calculations/release-dates']

  it.each(endpoints)('%s refuses garbage with 400 in the API error format', async url => {
    for (const payload of ['"garbage"', '42', '{}', '[1, 2]', '{"not json']) {
      const response = await t.app.inject({
        method: 'POST',
        url,
        headers: {
          authorization: `Bearer ${await issueTestToken(t, 'pat.practitioner')}`,
          'content-type': 'application/json',
        },
        payload,
      })
      expect(response.statusCode, payload).toBe(400)
      expect(response.json().error, payload).toEqual(
        expect.objectContaining({
          code: expect.stringMatching(/^(validation|bad_request)$/),
          message: expect.any(String),
        }),
      )
    }
  })

  it.each(endpoints.map((url, i) => [url, i] as const))(
    '%s needs a token and the calculate permission',
    async (url, i) => {
      expect((await apiClient(t).post(url, {})).statusCode).toBe(401)
      // Unpaid work supervisors read records but do not calculate (access/roles.ts).
      await t.handle.db
        .insertInto('users')
        .values({
          username: `upw.${i}`,
          display_name: 'Una Supervisor',
          roles: ['upw_supervisor'],
          staff_id: null,
          password_hash: 'x',
        })
        .execute()
      const supervisor = apiClient(t, await issueTestToken(t, `upw.${i}`))
      const response = await supervisor.post(url, {})
      expect(response.statusCode).toBe(403)
      expect(response.json()).toEqual({ error: { code: 'forbidden', message: 'Your role does not allow this' } })
    },
  )
})
