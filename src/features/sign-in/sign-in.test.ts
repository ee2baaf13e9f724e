import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SESSION_COOKIE } from '../../web/plugins/authentication.ts'
import { createTestApp, csrfFrom, type TestApp } from '../../web/testing.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ config: { SIGN_IN_MAX_FAILURES: '3' } })
})
afterAll(() => t.close())

describe('sign-in', () => {
  it('sends an anonymous visitor to the sign-in page', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/' })
    expect(response.statusCode).toBe(302)
    expect(response.headers.location).toBe('/sign-in?returnTo=%2F')
  })

  it('signs in with the right password, sets a hardened cookie and changes the session id', async () => {
    const b = await t.anonymous()
    const first = await b.post('/sign-in', { username: 'pat.practitioner', password: 'correct horse battery staple' })
    expect(first.statusCode).toBe(302)
    const cookie = (first.cookies as { name: string; httpOnly?: boolean; sameSite?: string }[]).find(
      c => c.name === SESSION_COOKIE,
    )
    expect(cookie?.httpOnly).toBe(true)
    expect(cookie?.sameSite).toBe('Lax')
    const firstId = b.cookies[SESSION_COOKIE]
    await b.get('/')
    // Signing in again from the same browser gets a new session id.
    const second = await b.post('/sign-in', { username: 'pat.practitioner', password: 'correct horse battery staple' })
    expect(second.statusCode).toBe(302)
    expect(b.cookies[SESSION_COOKIE]).toBeTruthy()
    expect(b.cookies[SESSION_COOKIE]).not.toBe(firstId)
    // The old id no longer works.
    const old = await t.app.inject({ method: 'GET', url: '/', headers: { cookie: `${SESSION_COOKIE}=${firstId}` } })
    expect(old.statusCode).toBe(302)
  })

  it('refuses a wrong password with an error summary and the same words as an unknown user', async () => {
    const b = await t.anonymous()
    const wrong = await b.post('/sign-in', { username: 'sam.senior', password: 'not the right one at all' })
    const unknown = await b.post('/sign-in', { username: 'nobody.here', password: 'not the right one at all' })
    expect(wrong.statusCode).toBe(400)
    expect(wrong.body).toContain('govuk-error-summary')
    expect(wrong.body).toContain('Enter a correct username and password')
    expect(unknown.body).toContain('Enter a correct username and password')
  })

  it('locks an account after repeated failures, even with the right password, saying only that sign-in failed', async () => {
    const b = await t.anonymous()
    for (let i = 0; i < 3; i++)
      await b.post('/sign-in', { username: 'casey.admin', password: 'wrong password attempt' })
    const locked = await b.post('/sign-in', { username: 'casey.admin', password: 'correct horse battery staple' })
    expect(locked.statusCode).toBe(400)
    expect(locked.body).toContain('Enter a correct username and password')
    expect(locked.body).not.toContain('locked')
  })

  it('refuses a form without the CSRF token', async () => {
    const b = await t.signIn('auditor')
    const response = await t.app.inject({
      method: 'POST',
      url: '/account/sign-out-everywhere',
      headers: {
        cookie: `${SESSION_COOKIE}=${b.cookies[SESSION_COOKIE]}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: '',
    })
    expect(response.statusCode).toBe(403)
    expect((await b.get('/account')).statusCode).toBe(200)
  })

  it('signs out everywhere: every session of the user ends', async () => {
    const laptop = await t.signIn('val.vlo')
    const phone = await t.signIn('val.vlo')
    expect((await phone.get('/account')).statusCode).toBe(200)
    const response = await laptop.post('/account/sign-out-everywhere')
    expect(response.statusCode).toBe(302)
    expect((await phone.get('/account')).statusCode).toBe(302)
  })

  it('ends a session after the idle timeout', async () => {
    const b = await t.signIn('chris.court')
    await t.handle.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
      .where('ended_at', 'is', null)
      .execute()
    expect((await b.get('/account')).statusCode).toBe(302)
  })

  it('rejects a new password that is short or common', async () => {
    const b = await t.signIn('morgan.contracts')
    const short = await b.post('/account/password', {
      currentPassword: 'correct horse battery staple',
      newPassword: 'short',
      confirmPassword: 'short',
    })
    expect(short.statusCode).toBe(400)
    expect(short.body).toContain('12 characters or more')
    const common = await b.post('/account/password', {
      currentPassword: 'correct horse battery staple',
      newPassword: 'password1234',
      confirmPassword: 'password1234',
    })
    expect(common.body).toContain('too easy to guess')
  })
})

describe('finding 6: where sign-in returns to', () => {
  const hostile = [
    '/\t/evil.example/x',
    '/\n/evil.example/x',
    '/\r\n/evil.example',
    '//evil.example',
    '/\\evil.example',
    '/\\/evil.example',
    'https://evil.example',
    '/%0d%0aSet-Cookie:x=1',
    '/\u0000x',
    '/\u007f',
    '/ok\u2028/evil.example',
    ' /evil.example',
  ]

  /** Signs in as the auditor from an address of its own (the sign-in route allows 20 posts a minute per address). */
  async function signInReturningTo(returnTo: string, source: string) {
    const page = await t.app.inject({
      method: 'GET',
      url: `/sign-in?returnTo=${encodeURIComponent(returnTo)}`,
      remoteAddress: source,
    })
    const cookie = page.cookies.map(c => `${c.name}=${c.value}`).join('; ')
    const response = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      remoteAddress: source,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: csrfFrom(page.body),
        username: 'auditor',
        password: 'correct horse battery staple',
        returnTo,
      }).toString(),
    })
    return { page, response }
  }

  it('never sends a signed-in user off-site and never fails, whatever returnTo holds', async () => {
    for (const [i, returnTo] of hostile.entries()) {
      const { page, response } = await signInReturningTo(returnTo, `192.0.2.${i + 1}`)
      // (Input that no field may hold, such as a NUL byte, may be refused outright with a 400.)
      expect([200, 400], JSON.stringify(returnTo)).toContain(page.statusCode)
      if (page.statusCode === 200) expect(page.body).not.toContain('evil.example')
      expect([302, 400], JSON.stringify(returnTo)).toContain(response.statusCode)
      if (response.statusCode === 302) expect(response.headers.location, JSON.stringify(returnTo)).toBe('/')
    }
  })

  it('returns to a same-site path with its query', async () => {
    const { response } = await signInReturningTo('/people?q=smith%20jones&page=2', '192.0.2.99')
    expect(response.headers.location).toBe('/people?q=smith%20jones&page=2')
  })
})
