import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../web/testing.ts'
import { apiClient, issueTestToken } from './testing.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const ENDPOINTS: [method: string, path: string][] = [
  ['get', '/api/v1/people'],
  ['post', '/api/v1/people'],
  ['get', '/api/v1/people/{crn}'],
  ['patch', '/api/v1/people/{crn}/contact-details'],
  ['get', '/api/v1/people/{crn}/addresses'],
  ['post', '/api/v1/people/{crn}/addresses'],
  ['post', '/api/v1/calculations/tier'],
  ['post', '/api/v1/calculations/risk'],
  ['post', '/api/v1/calculations/release-dates'],
  ['get', '/api/v1/courts/{code}/hearings'],
  ['post', '/api/v1/hearings'],
  ['post', '/api/v1/people/{crn}/court/reports'],
  ['get', '/api/v1/people/{crn}/court/reports'],
  ['get', '/api/v1/allocations'],
  ['post', '/api/v1/allocations/{crn}'],
  ['get', '/api/v1/people/{crn}/allocations'],
  ['get', '/api/v1/people/{crn}/appointments'],
  ['post', '/api/v1/people/{crn}/appointments'],
  ['post', '/api/v1/people/{crn}/appointments/{id}/reschedule'],
  ['post', '/api/v1/people/{crn}/appointments/{id}/outcome'],
  ['get', '/api/v1/people/{crn}/enforcement-actions'],
  ['get', '/api/v1/people/{crn}/events'],
  ['get', '/api/v1/people/{crn}/licences'],
  ['post', '/api/v1/people/{crn}/events'],
  ['get', '/api/v1/people/{crn}/sentences'],
  ['post', '/api/v1/people/{crn}/sentences'],
  ['get', '/api/v1/people/{crn}/custody'],
  ['post', '/api/v1/people/{crn}/releases'],
  ['get', '/api/v1/people/{crn}/recalls'],
  ['get', '/api/v1/people/{crn}/resettlement'],
  ['post', '/api/v1/people/{crn}/resettlement/screenings'],
  ['get', '/api/v1/people/{crn}/mappa'],
  ['post', '/api/v1/people/{crn}/mappa/meetings'],
  ['get', '/api/v1/victims/{victimId}'],
  ['get', '/api/v1/victims/{victimId}/tasks'],
  ['post', '/api/v1/victims/referrals'],
  ['get', '/api/v1/people/{crn}/unpaid-work'],
  ['get', '/api/v1/people/{crn}/referrals'],
  ['post', '/api/v1/people/{crn}/referrals'],
  ['get', '/api/v1/people/{crn}/referrals/{id}'],
  ['get', '/api/v1/approved-premises'],
  ['get', '/api/v1/approved-premises/{id}/bed-plan'],
  ['post', '/api/v1/approved-premises/{id}/bookings'],
  ['get', '/api/v1/approved-premises/{id}/bookings/{bookingId}/stay'],
  ['post', '/api/v1/approved-premises/{id}/bookings/{bookingId}/arrival'],
  ['post', '/api/v1/approved-premises/{id}/bookings/{bookingId}/departure'],
  ['get', '/api/v1/approved-premises/applications'],
  ['get', '/api/v1/approved-premises/applications/{id}'],
  ['get', '/api/v1/partner-services'],
  ['get', '/api/v1/partner-services/{id}'],
  ['get', '/api/v1/partner/referrals'],
  ['get', '/api/v1/partner/referrals/{reference}'],
  ['post', '/api/v1/partner/referrals/{reference}/accept'],
  ['post', '/api/v1/partner/referrals/{reference}/decline'],
  ['post', '/api/v1/partner/referrals/{reference}/action-plans'],
  ['post', '/api/v1/partner/referrals/{reference}/sessions'],
  ['post', '/api/v1/partner/referrals/{reference}/end-of-service-report'],
  ['post', '/api/v1/partner/referrals/{reference}/incidents'],
  ['get', '/api/v1/contracts'],
  ['get', '/api/v1/contracts/{id}/statements/{quarter}'],
]

describe('API authentication', () => {
  it('answers a request without a token 401, as JSON, with a Bearer challenge', async () => {
    const response = await apiClient(t).get('/api/v1/people?q=smith')
    expect(response.statusCode).toBe(401)
    expect(response.headers['www-authenticate']).toBe('Bearer')
    expect(response.headers['content-type']).toContain('application/json')
    expect(response.json()).toEqual({ error: { code: 'unauthenticated', message: expect.stringContaining('Bearer') } })
  })

  it('refuses a revoked token and an unknown one', async () => {
    const revoked = await issueTestToken(t, 'pat.practitioner', { revoked: true })
    for (const token of [revoked, 'not-a-token-anyone-issued']) {
      const response = await apiClient(t, token).get('/api/v1/people/X100002')
      expect(response.statusCode).toBe(401)
      expect(response.json().error).toMatchObject({
        code: 'unauthenticated',
        message: expect.stringMatching(/not valid/),
      })
    }
  })

  it('refuses every endpoint without a token, before looking at the body', async () => {
    for (const [method, path] of ENDPOINTS) {
      const url = path.replace('{crn}', 'X100002')
      const response = await t.app.inject({
        method: method.toUpperCase() as 'GET',
        url,
        ...(method === 'get' ? {} : { payload: {} }),
      })
      expect(response.statusCode, `${method} ${url}`).toBe(401)
    }
  })

  it('accepts a valid token and records that it was used', async () => {
    const token = await issueTestToken(t, 'pat.practitioner')
    const response = await apiClient(t, token).get('/api/v1/people?q=X100002')
    expect(response.statusCode).toBe(200)
    const rows = await t.handle.db
      .selectFrom('api_tokens')
      .select('last_used_at')
      .where('name', '=', 'test token for pat.practitioner')
      .execute()
    expect(rows.some(r => r.last_used_at !== null)).toBe(true)
  })

  it("refuses what the token's role does not allow with 403 and the API error body", async () => {
    const contracts = apiClient(t, await issueTestToken(t, 'morgan.contracts'))
    const response = await contracts.get('/api/v1/people?q=smith')
    expect(response.statusCode).toBe(403)
    expect(response.json()).toEqual({ error: { code: 'forbidden', message: 'Your role does not allow this' } })
  })

  it('needs no CSRF token for a change made with an API token', async () => {
    const api = apiClient(t, await issueTestToken(t, 'pat.practitioner'))
    const response = await api.post('/api/v1/calculations/tier', {
      calculation: 'v3',
      calculationDate: '2026-11-22',
      inputs: { hasActiveEvent: false },
    })
    expect(response.statusCode).toBe(200)
  })
})

/** As much of an OpenAPI document as these tests read. */
interface OpenApiOperation {
  operationId?: string
  tags: string[]
  requestBody: { content: Record<string, { schema?: unknown }> }
  responses: Record<string, { description: string }>
  parameters: unknown[]
}
interface OpenApiDocument {
  openapi: string
  info: unknown
  security: unknown
  components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> }
  paths: Record<string, Record<string, OpenApiOperation>>
}

describe('the OpenAPI document', () => {
  let doc: OpenApiDocument
  beforeAll(async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })
    expect(response.statusCode).toBe(200)
    doc = response.json()
  })

  it('is an OpenAPI 3 document with bearer authentication and named component schemas', () => {
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/)
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) })
    expect(doc.components.securitySchemes.bearerAuth).toEqual(
      expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    )
    expect(doc.security).toEqual([{ bearerAuth: [] }])
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['Error', 'FieldError', 'Person', 'PersonSummary', 'Address']),
    )
  })

  it('describes every API endpoint, with a tag, a request schema where there is a body and its responses', () => {
    for (const [method, path] of ENDPOINTS) {
      const operation = doc.paths[path]?.[method]
      expect(operation, `${method} ${path}`).toBeDefined()
      expect(operation.tags).toHaveLength(1)
      if (method !== 'get')
        expect(operation.requestBody.content['application/json'].schema, `${method} ${path}`).toBeDefined()
      const success = Object.keys(operation.responses).filter(s => s.startsWith('2'))
      expect(success, `${method} ${path}`).toHaveLength(1)
      expect(operation.responses['401'], `${method} ${path}`).toBeDefined()
      for (const [status, response] of Object.entries(operation.responses as Record<string, { description: string }>)) {
        expect(response.description, `${method} ${path} ${status}`).not.toBe('Default Response')
      }
      if (path.includes('{crn}'))
        expect(operation.parameters).toContainEqual(
          expect.objectContaining({ in: 'path', name: 'crn', required: true }),
        )
    }
  })

  it('names each operation once, for client generators', () => {
    const ids = ENDPOINTS.map(([method, path]) => doc.paths[path][method].operationId)
    expect(ids.every(id => typeof id === 'string' && id.length > 0)).toBe(true)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('lists only the API: no page routes, no openapi.json itself', () => {
    const paths = Object.keys(doc.paths)
    expect(paths.sort()).toEqual([...new Set(ENDPOINTS.map(([, p]) => p))].sort())
    expect(paths.every(p => p.startsWith('/api/v1/'))).toBe(true)
  })

  it('has no dangling references', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map(m => m[1])
    expect(refs.length).toBeGreaterThan(0)
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\//)
      expect(doc.components.schemas[ref.split('/').pop()!], ref).toBeDefined()
    }
  })
})

describe('API errors', () => {
  it('names the fields at fault in the request body, query and path the way the request named them', async () => {
    const api = apiClient(t, await issueTestToken(t, 'pat.practitioner'))
    const body = await api.post('/api/v1/people', {
      forename: 'Ann',
      surname: 'Other',
      dateOfBirth: '1990-02-31',
      gender: 'robot',
    })
    expect(body.statusCode).toBe(400)
    expect(body.json().error.code).toBe('validation')
    expect(body.json().error.fields).toEqual([
      { field: 'dateOfBirth', message: 'must be a real date in the form YYYY-MM-DD' },
      { field: 'gender', message: 'must be one of: male, female, other, not_known' },
    ])
    const query = await api.get('/api/v1/people?q=smith&dob=27/3/1990')
    expect(query.statusCode).toBe(400)
    expect(query.json().error.fields).toEqual([{ field: 'dob', message: 'must be a real date in the form YYYY-MM-DD' }])
    const missing = await api.post('/api/v1/people', { forename: 'Ann' })
    expect(missing.json().error.fields.map((f: { field: string }) => f.field)).toEqual([
      'surname',
      'dateOfBirth',
      'gender',
    ])
  })

  it('answers malformed JSON and unknown API paths in the same format', async () => {
    const token = await issueTestToken(t, 'pat.practitioner')
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: '{"forename": ',
    })
    expect(malformed.statusCode).toBe(400)
    expect(malformed.json()).toEqual({ error: { code: 'bad_request', message: expect.any(String) } })
    const unknown = await apiClient(t, token).get('/api/v1/nothing-here')
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().error.code).toBe('not_found')
  })
})
