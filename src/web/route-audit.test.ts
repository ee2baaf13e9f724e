import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../config.ts'
import { createTestDatabase } from '../db/testing.ts'
import { buildApp } from './app.ts'
import { createTestApp, type TestApp } from './testing.ts'

/**
 * The route contract's audit half: a route that reads a person's record declares what the trail records of it, the
 * guard writes that row only when the page was produced, and the app refuses to start with a person read that
 * declares nothing.
 */

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const viewsOf = (crn: string, action: string) =>
  t.handle.db
    .selectFrom('audit_events')
    .select(['action', 'subject', 'detail', 'username'])
    .where('subject', '=', crn)
    .where('action', '=', action)
    .orderBy('id')
    .execute()

describe('route-declared view audits', () => {
  it('writes the declared view once the page is produced, naming the person and the page', async () => {
    const pat = await t.signIn('pat.practitioner')
    const crn = 'X100003'
    const before = (await viewsOf(crn, 'RISK_VIEW')).length
    const page = await pat.get(`/people/${crn}/risk`)
    expect(page.statusCode).toBe(200)
    const rows = await viewsOf(crn, 'RISK_VIEW')
    expect(rows).toHaveLength(before + 1)
    expect(rows.at(-1)).toMatchObject({ username: 'pat.practitioner', detail: { page: 'risk' } })
  })

  it('writes no view for a record that does not exist, and a refusal instead of a view', async () => {
    const pat = await t.signIn('pat.practitioner')
    expect((await pat.get('/people/X999999/risk')).statusCode).toBe(404)
    expect(await viewsOf('X999999', 'RISK_VIEW')).toHaveLength(0)

    // alex.crc works for a contracted company and may not read the public provider's case.
    const alex = await t.signIn('alex.crc')
    const crn = 'X100003'
    const viewsBefore = (await viewsOf(crn, 'RISK_VIEW')).length
    const refusalsBefore = (await viewsOf(crn, 'ACCESS_DENIED')).length
    expect((await alex.get(`/people/${crn}/risk`)).statusCode).toBe(403)
    expect(await viewsOf(crn, 'RISK_VIEW')).toHaveLength(viewsBefore)
    expect(await viewsOf(crn, 'ACCESS_DENIED')).toHaveLength(refusalsBefore + 1)
  })

  it("refuses to start when a route reads a person's record without declaring its audit", async () => {
    const handle = await createTestDatabase()
    try {
      const app = await buildApp({
        config: loadConfig({ NODE_ENV: 'test' }),
        db: handle.db,
        databaseKind: handle.kind,
        logger: false,
      })
      expect(() =>
        app.get('/people/:crn/forgotten', { config: { access: 'person:read' } }, async () => 'oops'),
      ).toThrow(/declares no audit/)
      expect(() =>
        app.get(
          '/people/:crn/remembered',
          { config: { access: 'person:read', audit: { action: 'PERSON_VIEW', page: 'remembered' } } },
          async () => 'ok',
        ),
      ).not.toThrow()
      await app.close()
    } finally {
      await handle.close()
    }
  })
})
