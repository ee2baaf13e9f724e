import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clockFrom } from '../../clock.ts'
import { createTestApp, type TestApp } from '../../web/testing.ts'

/**
 * Lockouts and sessions follow the app's clock, not the machine's: a clock stopped months before the demo data
 * was written (the seeded accounts are newer than it) and moved forward by hand drives every expiry.
 */
let t: TestApp
let now = new Date('2026-03-02T09:00:00Z')
const advance = (minutes: number) => {
  now = new Date(now.getTime() + minutes * 60_000)
}

beforeAll(async () => {
  t = await createTestApp({
    clock: clockFrom(() => new Date(now)),
    config: { SIGN_IN_MAX_FAILURES: '3', SIGN_IN_LOCKOUT_MINUTES: '15', SESSION_ABSOLUTE_HOURS: '1' },
  })
})
afterAll(() => t.close())

describe('the clock drives sign-in and sessions', () => {
  it('keeps an account locked until the clock passes the lockout, then lets the right password in', async () => {
    const b = await t.anonymous()
    for (let i = 0; i < 3; i++)
      await b.post('/sign-in', { username: 'casey.admin', password: 'wrong password attempt' })
    const stored = await t.handle.db
      .selectFrom('users')
      .select('locked_until')
      .where('username', '=', 'casey.admin')
      .executeTakeFirstOrThrow()
    expect(stored.locked_until?.toISOString()).toBe('2026-03-02T09:15:00.000Z')
    advance(14)
    const locked = await b.post('/sign-in', { username: 'casey.admin', password: 'correct horse battery staple' })
    expect(locked.statusCode).toBe(400)
    expect(locked.body).toContain('Enter a correct username and password')
    advance(2)
    const open = await b.post('/sign-in', { username: 'casey.admin', password: 'correct horse battery staple' })
    expect(open.statusCode).toBe(302)
  })

  it('ends a session once the clock has moved past the idle timeout, not before', async () => {
    const b = await t.signIn('chris.court')
    advance(29)
    expect((await b.get('/account')).statusCode).toBe(200)
    advance(29)
    expect((await b.get('/account')).statusCode).toBe(200)
    advance(31)
    expect((await b.get('/account')).statusCode).toBe(302)
  })

  it('ends a session in use once the clock has moved past its absolute limit', async () => {
    const b = await t.signIn('val.vlo')
    for (let i = 0; i < 3; i++) {
      advance(20)
      expect((await b.get('/account')).statusCode).toBe(200)
    }
    advance(1)
    expect((await b.get('/account')).statusCode).toBe(302)
  })

  it('signs out everywhere at the clock time', async () => {
    const laptop = await t.signIn('sam.senior')
    const phone = await t.signIn('sam.senior')
    expect((await laptop.post('/account/sign-out-everywhere')).statusCode).toBe(302)
    expect((await phone.get('/account')).statusCode).toBe(302)
    const again = await t.signIn('sam.senior')
    expect((await again.get('/account')).statusCode).toBe(200)
  })
})
