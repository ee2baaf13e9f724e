import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFactories, type Factories, type MadeSentence } from '../../../test/factories/index.ts'
import { pdfText } from '../../../test/support/pdf-text.ts'
import { fixedClock } from '../../clock.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { dateFields, referVictim } from './testing.ts'

/**
 * Letters to a victim, read back as the victim would read them, on Monday 7 December 2026: the release information
 * letter says the release date and never where the offender is held or lives; the licence conditions letter says
 * which requested conditions are on the licence; each letter is kept and recorded as a contact by letter; a victim
 * who asked not to be contacted gets no letter, with the reason, and nothing is written.
 */

const TODAY = '2026-12-07'
const clock = fixedClock(`${TODAY}T10:00:00Z`)

let t: TestApp
let make: Factories
let val: TestBrowser
let pat: TestBrowser
const db = () => t.handle.db

const plain = (text: string) => text.replace(/\s+/g, ' ').trim()

const refer = (crn: string, extra: Record<string, string> = {}) =>
  referVictim(val, crn, { surnamePrefix: 'Lettervictim', extra })

/** A violent offence with 2 years in custody, received into HMP Moorland and released on 4 December 2026. */
async function releasedCase(): Promise<MadeSentence> {
  const c = await make.sentenced('custodial', {}, { offence: '00101', length: { value: 2, unit: 'years' } })
  const created = await pat.post(`/people/${c.crn}/custody`, {
    sentenceId: String(c.sentenceId),
    prisonNumber: 'A1234BC',
    prisonCode: 'MDI',
    prisonName: 'HMP Moorland',
    ...dateFields('receptionDate', clock.today().minusDays(60).toString()),
  })
  expect(created.statusCode).toBe(303)
  const released = await pat.post(`/people/${c.crn}/release`, {
    ...dateFields('releaseDate', '2026-12-04'),
    releaseType: 'automatic',
  })
  expect(released.statusCode, released.body.slice(0, 500)).toBe(303)
  return c
}

const lettersOf = (victimId: number) =>
  db().selectFrom('victim_letters').select(['id', 'kind']).where('victim_id', '=', victimId).orderBy('id').execute()
const contactsOf = (victimId: number) =>
  db()
    .selectFrom('victim_contacts')
    .select(['method', 'summary', 'letter_id'])
    .where('victim_id', '=', victimId)
    .execute()

async function send(victimId: number, kind: string) {
  const response = await val.post(`/victims/${victimId}/letters`, { kind })
  expect(response.statusCode, response.body.slice(0, 500)).toBe(303)
  const letter = (await lettersOf(victimId)).at(-1)!
  const pdf = await val.get(`/victims/${victimId}/letters/${letter.id}`)
  expect(pdf.statusCode).toBe(200)
  expect(pdf.headers['content-type']).toContain('application/pdf')
  return { letter, text: plain(await pdfText(pdf.rawPayload)) }
}

beforeAll(async () => {
  t = await createTestApp({ clock })
  make = createFactories(t.handle.db, { clock })
  ;[val, pat] = await Promise.all([t.signIn('val.vlo'), t.signIn('pat.practitioner')])
})
afterAll(async () => t?.close())

describe('letters to a victim', () => {
  it('the release letter gives the release date, never where the offender is, and is recorded as a contact', async () => {
    const c = await releasedCase()
    const { victimId, surname } = await refer(c.crn)
    const { letter, text } = await send(victimId, 'release')
    expect(letter.kind).toBe('release')
    expect(text).toContain('Release information')
    expect(text).toContain(`Dear Vera ${surname},`)
    expect(text).toContain('1 Secret Lane')
    expect(text).toContain(`${c.forename} ${c.surname} was released on licence on 4 December 2026.`)
    expect(text).toContain('Date: 7 December 2026')
    expect(text).toContain('Victim liaison officer')
    expect(text).toContain('How to contact me Write to me, Val Liaison, at Northtown Team B')
    expect(text).toContain('Please give our reference: VCS-')
    expect(text).not.toContain('appointment')
    for (const secret of ['Moorland', 'MDI', 'A1234BC']) expect(text).not.toContain(secret)
    expect(await contactsOf(victimId)).toEqual([
      { method: 'letter', summary: 'Letter sent: Release information', letter_id: letter.id },
    ])
    const page = await val.get(`/victims/${victimId}`)
    expect(page.body).toContain(`/victims/${victimId}/letters/${letter.id}`)
  })

  it('the introduction and licence conditions letters say what the victim is entitled to', async () => {
    const c = await releasedCase()
    const { victimId } = await refer(c.crn)
    const intro = (await send(victimId, 'introduction')).text
    expect(intro).toContain('The Victim Contact Scheme')
    expect(intro).toContain(`I am writing about ${c.forename} ${c.surname}, who was sentenced on`)
    expect(intro).toContain('We will never tell you where the offender is held or where they will live.')
    await val.post(`/victims/${victimId}/conditions`, { code: 'exclusion_zone', wording: 'Not to enter Hiddenton' })
    const conditions = (await send(victimId, 'conditions')).text
    expect(conditions).toContain('Licence conditions to protect you')
    expect(conditions).toContain('Freedom of movement (exclusion zone) Not to enter Hiddenton')
    expect(conditions).toContain('We have asked for this. It is not on the licence yet.')
  })

  it('refuses a letter to a victim who asked not to be contacted, with the reason, writing nothing', async () => {
    const c = await releasedCase()
    const { victimId } = await refer(c.crn, {
      noContactWish: 'yes',
      addressLine1: '',
      town: '',
      postcode: '',
      preferredMethod: '',
    })
    const page = await val.get(`/victims/${victimId}/letters`)
    expect(page.body).toContain('The victim asked not to be contacted, so no letter can be sent')
    const refused = await val.post(`/victims/${victimId}/letters`, { kind: 'release' })
    expect(refused.statusCode).toBe(400)
    expect(refused.body).toContain('govuk-error-summary')
    expect(refused.body).toContain('The victim asked not to be contacted, so no letter can be sent')
    expect(await lettersOf(victimId)).toEqual([])
    expect(await contactsOf(victimId)).toEqual([])
  })

  it('refuses an unknown kind; another victim’s letter is not found; the offender’s manager is refused', async () => {
    const c = await releasedCase()
    const a = await refer(c.crn)
    const b = await refer(c.crn)
    const unknown = await val.post(`/victims/${a.victimId}/letters`, { kind: 'gossip' })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.body).toContain('Choose the letter to send')
    expect(await lettersOf(a.victimId)).toEqual([])
    const { letter } = await send(a.victimId, 'introduction')
    expect((await val.get(`/victims/${b.victimId}/letters/${letter.id}`)).statusCode).toBe(404)
    expect((await pat.get(`/victims/${a.victimId}/letters/${letter.id}`)).statusCode).toBe(403)
  })
})
