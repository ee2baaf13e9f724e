import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFactories, type MadeSentence } from '../../../test/factories/index.ts'
import { createTestApp, type TestApp } from '../../web/testing.ts'
import { issueTestToken } from './testing.ts'

/**
 * Security review finding 16: a client retrying after a lost answer duplicated appointments. With an
 * `Idempotency-Key`, the same key gets the same answer and one write.
 */

let t: TestApp
let c: MadeSentence
let token: string
let otherToken: string
let staffId: number
let round = 0

beforeAll(async () => {
  t = await createTestApp()
  c = await createFactories(t.handle.db).sentenced('community')
  token = await issueTestToken(t, 'pat.practitioner')
  otherToken = await issueTestToken(t, 'sam.senior')
  staffId = (await t.handle.db.selectFrom('staff').select('id').where('code', '=', 'NWS001').executeTakeFirstOrThrow())
    .id
})
afterAll(() => t.close())

/** A new free slot for each test, so only the key decides what happens. */
function appointment(overrides: Record<string, unknown> = {}) {
  const day = new Date(Date.now() + (5 + round++) * 86_400_000).toISOString().slice(0, 10)
  return {
    type: 'OFFICE',
    staffId,
    location: 'Westbury office',
    date: day,
    time: '09:00',
    durationMinutes: 60,
    ...overrides,
  }
}

const arrange = (body: unknown, key?: string, bearer = token) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/people/${c.crn}/appointments`,
    headers: { authorization: `Bearer ${bearer}`, ...(key ? { 'idempotency-key': key } : {}) },
    payload: body as object,
  })

const appointments = async () =>
  (
    await t.handle.db
      .selectFrom('contacts')
      .select(t.handle.db.fn.countAll<string>().as('n'))
      .where('person_id', '=', c.personId)
      .where('is_appointment', '=', true)
      .executeTakeFirstOrThrow()
  ).n

describe('Idempotency-Key on API POSTs', () => {
  it('a retry with the same key gets the same answer and writes nothing more', async () => {
    const body = appointment()
    const first = await arrange(body, 'retry-key-0001')
    expect(first.statusCode).toBe(201)
    const after = await appointments()
    const retry = await arrange(body, 'retry-key-0001')
    expect(retry.statusCode).toBe(201)
    expect(retry.json()).toEqual(first.json())
    expect(retry.headers['idempotent-replayed']).toBe('true')
    expect(await appointments()).toBe(after)
  })

  it('without a key, a retry writes again (and is refused as a clash)', async () => {
    const body = appointment()
    expect((await arrange(body)).statusCode).toBe(201)
    expect((await arrange(body)).statusCode).toBe(400)
  })

  it('refuses the same key with a different request, writing nothing', async () => {
    expect((await arrange(appointment(), 'reused-key-0001')).statusCode).toBe(201)
    const before = await appointments()
    const other = await arrange(appointment(), 'reused-key-0001')
    expect(other.statusCode).toBe(422)
    expect(other.json().error.message).toContain('already used for a different request')
    expect(await appointments()).toBe(before)
  })

  it('keeps each user’s keys apart', async () => {
    const body = appointment()
    expect((await arrange(body, 'shared-key-0001')).statusCode).toBe(201)
    const theirs = await arrange(appointment(), 'shared-key-0001', otherToken)
    expect(theirs.headers['idempotent-replayed']).toBeUndefined()
    expect(theirs.statusCode).toBe(201)
  })

  it('writes once when the same key arrives twice at the same moment', async () => {
    const before = Number(await appointments())
    const body = appointment()
    const answers = await Promise.all([1, 2, 3].map(() => arrange(body, 'concurrent-key-0001')))
    const statuses = answers.map(a => a.statusCode)
    expect(statuses.filter(s => s === 201).length).toBeGreaterThanOrEqual(1)
    expect(statuses.every(s => s === 201 || s === 409)).toBe(true)
    expect(answers.filter(a => a.statusCode === 201 && !a.headers['idempotent-replayed'])).toHaveLength(1)
    expect(Number(await appointments())).toBe(before + 1)
  })

  it('forgets a key after 24 hours', async () => {
    const body = appointment()
    expect((await arrange(body, 'old-key-0001')).statusCode).toBe(201)
    await t.handle.db
      .updateTable('idempotency_keys')
      .set({ created_at: new Date(Date.now() - 25 * 3_600_000) })
      .where('key', '=', 'old-key-0001')
      .execute()
    const later = await arrange({ ...body, time: '13:00' }, 'old-key-0001')
    expect(later.statusCode).toBe(201)
    expect(later.headers['idempotent-replayed']).toBeUndefined()
  })

  it('refuses a key that is not printable text, naming the header', async () => {
    const response = await arrange(appointment(), 'x'.repeat(300))
    expect(response.statusCode).toBe(400)
    expect(response.json().error.fields.map((f: { field: string }) => f.field)).toContain('idempotency-key')
  })

  it('is documented on every POST of the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json()
    const posts = Object.values(doc.paths as Record<string, { post?: { parameters?: { in: string; name: string }[] } }>)
      .map(p => p.post)
      .filter(p => p !== undefined)
    expect(posts.length).toBeGreaterThan(5)
    for (const post of posts) {
      expect(post.parameters?.some(p => p.in === 'header' && p.name === 'idempotency-key')).toBe(true)
    }
  })
})
