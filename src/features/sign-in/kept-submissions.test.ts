import { LocalDate } from '@js-joda/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clockFrom } from '../../clock.ts'
import { DEMO_PASSWORD } from '../../seed/demo.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'

/**
 * Issue 13, item 7: a form posted after the session timed out (or was signed out) was dropped: the browser was sent
 * to sign in and the note typed was gone. Now it is kept, bound to the user whose session rendered it, and once that
 * user has signed in again they are asked to submit it; nobody else can see or send it, and it expires.
 */
const CRN = 'X100003'
let now = new Date('2026-12-07T10:00:00Z')
const advanceMinutes = (minutes: number) => {
  now = new Date(now.getTime() + minutes * 60_000)
}

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ clock: clockFrom(() => new Date(now)) })
})
afterAll(() => t.close())

const day = () => LocalDate.parse(now.toISOString().slice(0, 10)).minusDays(1)
const contactForm = (notes: string) => ({
  type: 'PHONE',
  'date-day': String(day().dayOfMonth()),
  'date-month': String(day().monthValue()),
  'date-year': String(day().year()),
  time: '11:00',
  notes,
})

const recorded = async (notes: string) =>
  (
    await t.handle.db
      .selectFrom('contacts')
      .innerJoin('people', 'people.id', 'contacts.person_id')
      .select('contacts.id')
      .where('people.crn', '=', CRN)
      .where('contacts.notes', '=', notes)
      .execute()
  ).length

const auditActions = async (action: string) =>
  (await t.handle.db.selectFrom('audit_events').select('detail').where('action', '=', action).execute()).length

const unescape = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')

/** The hidden fields of the "Submit your changes" form, as the browser would send them. */
function hiddenFields(html: string): Record<string, string[]> {
  const form = /<form method="post" action="\/sign-in\/resume\/[^"]+" data-qa="resume-form">([\s\S]*?)<\/form>/.exec(
    html,
  )?.[1]
  const fields: Record<string, string[]> = {}
  for (const m of (form ?? '').matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    ;(fields[unescape(m[1]!)] ??= []).push(unescape(m[2]!))
  }
  return fields
}

/** Pat, signed in, with the contact form open; then the session times out (31 minutes idle) and the form is sent. */
async function postAfterTimeOut(notes: string): Promise<{ pat: TestBrowser; signInAt: string }> {
  const pat = await t.signIn('pat.practitioner')
  expect((await pat.get(`/people/${CRN}/activity/new`)).statusCode).toBe(200)
  advanceMinutes(31)
  const posted = await pat.post(`/people/${CRN}/activity`, contactForm(notes))
  expect(posted.statusCode).toBe(303)
  const signInAt = String(posted.headers.location)
  expect(signInAt).toMatch(/^\/sign-in\?returnTo=%2Fsign-in%2Fresume%2F/)
  return { pat, signInAt }
}

const returnToOf = (signInAt: string) => new URL(signInAt, 'http://x').searchParams.get('returnTo')!

describe('a form posted after the session timed out', () => {
  it('is kept, and saved once the same user signs in again and submits it', async () => {
    const notes = 'Rang about the "new" hostel & the curfew\nSecond line <kept>'
    const { pat, signInAt } = await postAfterTimeOut(notes)
    expect(await recorded(notes)).toBe(0)
    const signInPage = await pat.get(signInAt)
    expect(signInPage.body).toContain('You were signed out, so your changes have not been saved yet')
    const returnTo = returnToOf(signInAt)
    const signedIn = await pat.post('/sign-in', { username: 'pat.practitioner', password: DEMO_PASSWORD, returnTo })
    expect(signedIn.statusCode).toBe(302)
    expect(signedIn.headers.location).toBe(returnTo)

    const resume = await pat.get(returnTo)
    expect(resume.statusCode).toBe(200)
    expect(resume.body).toContain('You were signed out. Submit your changes now?')
    expect(resume.body).toContain(`/people/${CRN}/activity`)
    // What was entered, to check: the note as typed (escaped), the date in words.
    expect(resume.body).toContain(
      'Rang about the &quot;new&quot; hostel &amp; the curfew\nSecond line &lt;kept&gt;</dd>',
    )
    const dayInWords = `${day().dayOfMonth()} December 2026`
    expect(resume.body).toMatch(
      new RegExp(`<dt class="govuk-summary-list__key">Date</dt>\\s*<dd[^>]*>${dayInWords}</dd>`),
    )
    const fields = hiddenFields(resume.body)
    expect(fields.notes).toEqual([notes])
    expect(fields.type).toEqual(['PHONE'])

    const submitted = await pat.post(returnTo, fields)
    expect(submitted.statusCode).toBe(307)
    expect(submitted.headers.location).toBe(`/people/${CRN}/activity`)
    // The browser posts the same form (with the fresh CSRF token) to where it was first posted.
    const saved = await pat.post(String(submitted.headers.location), fields)
    expect(saved.statusCode).toBe(303)
    expect(await recorded(notes)).toBe(1)
    expect((await pat.get(`/people/${CRN}/activity`)).body).toContain('Rang about the &quot;new&quot; hostel')

    // Submitted once: it is no longer kept.
    const again = await pat.post(returnTo, fields)
    expect(again.statusCode).toBe(404)
    expect(again.body).toContain('Your changes cannot be submitted')
    expect(await auditActions('SUBMISSION_KEPT')).toBeGreaterThanOrEqual(1)
    expect(await auditActions('SUBMISSION_RESUMED')).toBe(1)
  })

  it('is kept when the browser lost its cookies too (the form still names its session)', async () => {
    const pat = await t.signIn('pat.practitioner')
    await pat.get(`/people/${CRN}/activity/new`)
    for (const name of Object.keys(pat.cookies)) delete pat.cookies[name]
    const posted = await pat.post(`/people/${CRN}/activity`, contactForm('Cookies were cleared'))
    expect(posted.statusCode).toBe(303)
    const returnTo = returnToOf(String(posted.headers.location))
    await pat.get('/sign-in')
    await pat.post('/sign-in', { username: 'pat.practitioner', password: DEMO_PASSWORD, returnTo })
    const resume = await pat.get(returnTo)
    expect(hiddenFields(resume.body).notes).toEqual(['Cookies were cleared'])
  })

  it('is never shown or sent to another user, even in the same browser, and stays for its own user', async () => {
    const notes = 'Only for Pat to see'
    const { pat, signInAt } = await postAfterTimeOut(notes)
    const returnTo = returnToOf(signInAt)
    await pat.get(signInAt)
    const sam = await pat.post('/sign-in', { username: 'sam.senior', password: DEMO_PASSWORD, returnTo })
    expect(sam.statusCode).toBe(302)
    const shown = await pat.get(returnTo)
    expect(shown.statusCode).toBe(404)
    expect(shown.body).toContain('Your changes cannot be submitted')
    expect(shown.body).not.toContain(notes)
    const sent = await pat.post(returnTo, { notes })
    expect(sent.statusCode).toBe(404)
    expect(await recorded(notes)).toBe(0)
    expect(await auditActions('SUBMISSION_REFUSED')).toBeGreaterThanOrEqual(2)

    // Pat, in another browser (without this browser's key), cannot read it either …
    const elsewhere = await t.signIn('pat.practitioner')
    expect((await elsewhere.get(returnTo)).statusCode).toBe(404)
    // … but in the browser that posted it, Pat still can.
    await pat.post('/sign-out')
    await pat.get('/sign-in')
    await pat.post('/sign-in', { username: 'pat.practitioner', password: DEMO_PASSWORD, returnTo })
    const mine = await pat.get(returnTo)
    expect(mine.statusCode).toBe(200)
    expect(hiddenFields(mine.body).notes).toEqual([notes])
  })

  it('is kept when the user signed in again in another tab before sending it (no "form had expired")', async () => {
    const notes = 'Sent from the tab left open'
    const pat = await t.signIn('pat.practitioner')
    await pat.get(`/people/${CRN}/activity/new`)
    const oldToken = pat.csrfToken
    advanceMinutes(31)
    // Another tab: the session has timed out, so Pat signs in again there.
    await pat.get('/sign-in')
    expect((await pat.post('/sign-in', { username: 'pat.practitioner', password: DEMO_PASSWORD })).statusCode).toBe(302)
    // The first tab's form still carries the old session's token.
    const posted = await pat.post(`/people/${CRN}/activity`, { ...contactForm(notes), _csrf: oldToken })
    expect(posted.statusCode).toBe(303)
    const resumeAt = String(posted.headers.location)
    expect(resumeAt).toMatch(/^\/sign-in\/resume\//)
    const fields = hiddenFields((await pat.get(resumeAt)).body)
    expect(fields.notes).toEqual([notes])
    expect((await pat.post(resumeAt, fields)).statusCode).toBe(307)
    expect((await pat.post(`/people/${CRN}/activity`, fields)).statusCode).toBe(303)
    expect(await recorded(notes)).toBe(1)

    // Another user's old token in this browser is refused as before, and nothing is kept.
    const sam = await t.signIn('sam.senior')
    const samToken = sam.csrfToken
    await sam.post('/sign-out')
    const refused = await pat.post(`/people/${CRN}/activity`, { ...contactForm('Not Pat'), _csrf: samToken })
    expect(refused.statusCode).toBe(403)
    expect(refused.body).toContain('Your form had expired')
  })

  it('can be discarded', async () => {
    const { pat, signInAt } = await postAfterTimeOut('Thrown away')
    const returnTo = returnToOf(signInAt)
    await pat.get(signInAt)
    await pat.post('/sign-in', { username: 'pat.practitioner', password: DEMO_PASSWORD, returnTo })
    // The sign-in page opened again (signed in in another tab meanwhile) leads straight on to the changes.
    expect((await pat.get(signInAt)).headers.location).toBe(returnTo)
    expect((await pat.get(returnTo)).body).toContain('Thrown away')
    expect((await pat.post(`${returnTo}/discard`)).statusCode).toBe(303)
    expect((await pat.get(returnTo)).statusCode).toBe(404)
    expect(await auditActions('SUBMISSION_DISCARDED')).toBe(1)
    expect(await recorded('Thrown away')).toBe(0)
  })

  it('expires after 30 minutes, and an unknown id gets the same clear message, never a 500', async () => {
    const { pat, signInAt } = await postAfterTimeOut('Too late')
    const returnTo = returnToOf(signInAt)
    advanceMinutes(31)
    await pat.get(signInAt)
    await pat.post('/sign-in', { username: 'pat.practitioner', password: DEMO_PASSWORD, returnTo })
    const late = await pat.get(returnTo)
    expect(late.statusCode).toBe(404)
    expect(late.body).toContain('Changes are kept for 30 minutes after you are signed out')
    for (const id of ['nonsense', 'A'.repeat(90), '%27%3B%20drop%20table%20x']) {
      const unknown = await pat.get(`/sign-in/resume/${id}`)
      expect(unknown.statusCode).toBe(404)
      expect(unknown.body).toContain('Your changes cannot be submitted')
    }
  })

  it('is not kept when it did not come from a signed-in page (no or a made-up CSRF token), nor a password', async () => {
    const before = await auditActions('SUBMISSION_KEPT')
    const stranger = await t.anonymous()
    const forged = await stranger.post(`/people/${CRN}/activity`, { ...contactForm('Forged'), _csrf: 'made-up' })
    expect(forged.statusCode).toBe(302)
    expect(forged.headers.location).toBe('/sign-in')
    const pat = await t.signIn('pat.practitioner')
    advanceMinutes(31)
    const password = await pat.post('/account/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'a brand new passphrase',
      confirmPassword: 'a brand new passphrase',
    })
    expect(password.headers.location).toBe('/sign-in')
    expect(await auditActions('SUBMISSION_KEPT')).toBe(before)
  })
})
