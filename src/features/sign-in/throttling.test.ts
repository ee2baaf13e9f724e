import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clockFrom } from '../../clock.ts'
import { DEMO_PASSWORD } from '../../seed/demo.ts'
import { csrfFrom, createTestApp, type TestApp } from '../../web/testing.ts'

/**
 * Issue 12, findings 3 and 4: failed sign-ins are counted atomically, per account and source address, with growing
 * waits; the answers never tell an attacker whether a username exists; a flood from one address does not lock the
 * owner out from another, and an administrator's unlock clears every count.
 */
let t: TestApp
let now = new Date('2026-03-02T09:00:00Z')
const advanceSeconds = (seconds: number) => {
  now = new Date(now.getTime() + seconds * 1000)
}

beforeAll(async () => {
  t = await createTestApp({
    clock: clockFrom(() => new Date(now)),
    config: { SIGN_IN_FREE_ATTEMPTS: '5', SIGN_IN_MAX_DELAY_SECONDS: '900', SIGN_IN_MAX_FAILURES: '10' },
  })
})
afterAll(() => t.close())

const db = () => t.handle.db

/** A sign-in form posted from one source address (as Fastify reports it), with a fresh CSRF cookie and token. */
async function signInFrom(source: string, username: string, password: string) {
  const page = await t.app.inject({ method: 'GET', url: '/sign-in', remoteAddress: source })
  const cookie = page.cookies.map(c => `${c.name}=${c.value}`).join('; ')
  return t.app.inject({
    method: 'POST',
    url: '/sign-in',
    remoteAddress: source,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrfFrom(page.body), username, password }).toString(),
  })
}

/** What the page says went wrong: the error summary's items, without the username typed back. */
function errorSummary(html: string): string {
  const list = /<ul class="govuk-list govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? ''
  return list.replace(/\s+/g, ' ').trim()
}

const checkedWrongPasswords = async (username: string) =>
  (
    await db()
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'SIGN_IN_FAILED')
      .where('subject', '=', username)
      .execute()
  ).length

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

describe('finding 3: parallel guesses are counted', () => {
  it('40 wrong passwords sent at once from 40 addresses lock the account at the ceiling', async () => {
    const guesses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => signInFrom(`198.51.100.${100 + i}`, 'chris.court', `wrong guess ${i}`)),
    )
    expect(guesses.every(g => g.statusCode === 400)).toBe(true)
    const user = await db()
      .selectFrom('users')
      .select('locked_until')
      .where('username', '=', 'chris.court')
      .executeTakeFirstOrThrow()
    expect(user.locked_until?.getTime()).toBeGreaterThan(now.getTime())
    // Locked: the right password from yet another address is refused, with the same words as a wrong one.
    const right = await signInFrom('198.51.100.30', 'chris.court', DEMO_PASSWORD)
    expect(right.statusCode).toBe(400)
    expect(errorSummary(right.body)).toContain('Enter a correct username and password')
    const locks = await db()
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'ACCOUNT_LOCKED')
      .where('subject', '=', 'chris.court')
      .execute()
    expect(locks).toHaveLength(1)
  })

  it('15 wrong passwords sent at once from one address check only the free attempts, then make it wait', async () => {
    const guesses = await Promise.all(
      Array.from({ length: 15 }, (_, i) => signInFrom('198.51.100.10', 'val.vlo', `wrong guess number ${i}`)),
    )
    expect(guesses.filter(g => g.statusCode === 400)).toHaveLength(5)
    expect(guesses.filter(g => g.statusCode === 429)).toHaveLength(10)
    expect(await checkedWrongPasswords('val.vlo')).toBe(5)
    const right = await signInFrom('198.51.100.10', 'val.vlo', DEMO_PASSWORD)
    expect(right.statusCode).toBe(429)
    expect(right.headers['set-cookie'] ?? '').not.toContain('probity_session')
  })
})

describe('finding 4: no usernames revealed, no one locked out by a stranger', () => {
  it('answers an unknown username exactly as a wrong password, try after try', async () => {
    // Eleven tries each: past the free attempts and past the account's ceiling of ten.
    for (let i = 0; i < 11; i++) {
      const known = await signInFrom('198.51.100.40', 'sam.senior', `not the password ${i}`)
      const unknown = await signInFrom('198.51.100.41', 'nobody.here', `not the password ${i}`)
      expect(unknown.statusCode).toBe(known.statusCode)
      expect(errorSummary(unknown.body)).toBe(errorSummary(known.body))
      expect(errorSummary(known.body)).not.toBe('')
      expect(unknown.headers['retry-after']).toBe(known.headers['retry-after'])
    }
  })

  it('takes about as long for an unknown username as for a wrong password (both check a hash)', async () => {
    const time = async (username: string, source: string) => {
      const started = performance.now()
      await signInFrom(source, username, 'not the password at all')
      return performance.now() - started
    }
    const known: number[] = []
    const unknown: number[] = []
    for (let i = 0; i < 4; i++) {
      known.push(await time('alex.crc', `198.51.100.${50 + i}`))
      unknown.push(await time('no.such.user', `198.51.100.${60 + i}`))
    }
    // argon2 takes tens of milliseconds; skipping it for unknown names would make them several times faster.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5)
  })

  it('a flood from one address does not stop the owner signing in from another', async () => {
    for (let i = 0; i < 9; i++) await signInFrom('203.0.113.66', 'pat.practitioner', `flooding ${i}`)
    expect((await signInFrom('203.0.113.66', 'pat.practitioner', DEMO_PASSWORD)).statusCode).toBe(429)
    const owner = await signInFrom('192.0.2.5', 'pat.practitioner', DEMO_PASSWORD)
    expect(owner.statusCode).toBe(302)
  })

  it('makes an address wait longer after each further failure, and refuses it unchecked while it waits', async () => {
    const source = '198.51.100.70'
    for (let i = 0; i < 5; i++)
      expect((await signInFrom(source, 'morgan.contracts', `a wrong one ${i}`)).statusCode).toBeLessThan(429)
    const waits: number[] = []
    for (let i = 0; i < 4; i++) {
      const refused = await signInFrom(source, 'morgan.contracts', DEMO_PASSWORD)
      expect(refused.statusCode).toBe(429)
      const wait = Number(refused.headers['retry-after'])
      waits.push(wait)
      expect(errorSummary(refused.body)).toContain('Try again in')
      advanceSeconds(wait)
      expect((await signInFrom(source, 'morgan.contracts', `still wrong ${i}`)).statusCode).toBe(400)
    }
    expect(waits).toEqual([1, 2, 4, 8])
    advanceSeconds(16)
    expect((await signInFrom(source, 'morgan.contracts', DEMO_PASSWORD)).statusCode).toBe(302)
  })

  it("an administrator's unlock clears the lock and every address's wait", async () => {
    const source = '198.51.100.80'
    for (let i = 0; i < 10; i++) await signInFrom(`198.51.100.${81 + (i % 2)}`, 'casey.admin', `wrong ${i}`)
    for (let i = 0; i < 6; i++) await signInFrom(source, 'casey.admin', `wrong again ${i}`)
    expect((await signInFrom(source, 'casey.admin', DEMO_PASSWORD)).statusCode).toBe(429)
    const admin = await t.signIn('admin')
    const { id } = await db()
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'casey.admin')
      .executeTakeFirstOrThrow()
    const page = await admin.get(`/admin/users/${id}`)
    expect(page.body).toContain('Locked')
    expect((await admin.post(`/admin/users/${id}/unlock`)).statusCode).toBe(303)
    expect((await signInFrom(source, 'casey.admin', DEMO_PASSWORD)).statusCode).toBe(302)
    expect(await db().selectFrom('sign_in_throttles').where('username', '=', 'casey.admin').execute()).toHaveLength(0)
  })
})
