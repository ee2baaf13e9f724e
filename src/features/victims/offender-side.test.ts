import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFactories, type Factories } from '../../../test/factories/index.ts'
import { fixedClock } from '../../clock.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { dateFields, pageText, referVictim } from './testing.ts'

/**
 * What the offender's side sees of the Victim Contact Scheme, on Monday 7 December 2026: the overview says a victim is
 * in the scheme and shows the notes the victim liaison officer shared, never the victim's name or address; a note
 * naming the victim or giving their address, or bad input, is refused and changes nothing; a victim who opted out no
 * longer counts.
 */

const TODAY = '2026-12-07'
const clock = fixedClock(`${TODAY}T10:00:00Z`)

let t: TestApp
let make: Factories
let val: TestBrowser
let pat: TestBrowser
const db = () => t.handle.db

const plain = pageText
const panel = (html: string) => plain(/<div data-qa="victim-contact">[\s\S]*?<\/div>/.exec(html)?.[0] ?? '')

const refer = (crn: string) => referVictim(val, crn, { surnamePrefix: 'Sidevictim', forename: 'Verity' })

const eligibleCase = () => make.sentenced('custodial', {}, { offence: '00101', length: { value: 2, unit: 'years' } })
const notesOf = (personId: number) =>
  db().selectFrom('victim_shared_notes').select('note').where('person_id', '=', personId).execute()

beforeAll(async () => {
  t = await createTestApp({ clock })
  make = createFactories(t.handle.db, { clock })
  ;[val, pat] = await Promise.all([t.signIn('val.vlo'), t.signIn('pat.practitioner')])
})
afterAll(async () => t?.close())

describe('what the offender side sees', () => {
  it('the overview says a victim is in the scheme and shows the shared notes, never the victim', async () => {
    const c = await eligibleCase()
    expect((await pat.get(`/people/${c.crn}`)).body).not.toContain('data-qa="victim-contact"')
    const { victimId, surname } = await refer(c.crn)

    const standard = await val.post(`/victims/${victimId}/share`, { choice: 'parole' })
    expect(standard.statusCode, standard.body.slice(0, 500)).toBe(303)
    const free = await val.post(`/victims/${victimId}/share`, {
      choice: 'other',
      text: 'Please tell me before any change of the approved premises.',
    })
    expect(free.statusCode).toBe(303)

    const overview = await pat.get(`/people/${c.crn}`)
    expect(overview.statusCode).toBe(200)
    const shown = panel(overview.body)
    expect(shown).toContain('A victim is in the Victim Contact Scheme.')
    expect(shown).toContain('The victim wishes to make representations to the Parole Board (shared 7 December 2026)')
    expect(shown).toContain('Please tell me before any change of the approved premises.')
    for (const secret of [surname, 'Verity', '1 Secret Lane', 'NE1 4XY', 'Hiddenton'])
      expect(overview.body).not.toContain(secret)
    // The officer sees what was shared on the share page.
    expect(plain((await val.get(`/victims/${victimId}/share`)).body)).toContain('Please tell me before any change')
  })

  it('refuses a note naming the victim or giving their address, and bad input, changing nothing', async () => {
    const c = await eligibleCase()
    const { victimId, surname } = await refer(c.crn)
    const cases: [Record<string, string>, string][] = [
      [{ choice: 'other', text: `${surname} is frightened` }, 'do not name the victim'],
      [{ choice: 'other', text: 'verity asked for a call' }, 'do not name the victim'],
      [{ choice: 'other', text: 'She lives at 1 Secret Lane' }, 'do not name the victim'],
      [{ choice: 'other', text: 'Postcode NE1 4XY' }, 'do not name the victim'],
      [{ choice: 'other', text: 'x'.repeat(501) }, 'The note must be 500 characters or fewer'],
      [{ choice: 'other' }, 'Enter the note to share'],
      [{}, 'Choose what to tell the offender’s manager'],
      [{ choice: 'gossip' }, 'Choose what to tell the offender’s manager'],
    ]
    for (const [body, message] of cases) {
      const response = await val.post(`/victims/${victimId}/share`, body)
      expect(response.statusCode, message).toBe(400)
      expect(response.body).toContain('govuk-error-summary')
      expect(response.body).toContain(message)
    }
    expect(await notesOf(c.personId)).toEqual([])
  })

  it('a victim who opted out is not in the scheme; the offender’s manager cannot reach the share page', async () => {
    const c = await eligibleCase()
    const { victimId } = await refer(c.crn)
    expect(panel((await pat.get(`/people/${c.crn}`)).body)).toContain('A victim is in the Victim Contact Scheme.')
    const out = await val.post(`/victims/${victimId}/decisions`, {
      decision: 'opt_out',
      ...dateFields('decidedOn', TODAY),
    })
    expect(out.statusCode).toBe(303)
    expect((await pat.get(`/people/${c.crn}`)).body).not.toContain('data-qa="victim-contact"')
    expect((await pat.get(`/victims/${victimId}/share`)).statusCode).toBe(403)
    expect((await pat.post(`/victims/${victimId}/share`, { choice: 'parole' })).statusCode).toBe(403)
    expect(await notesOf(c.personId)).toEqual([])
  })
})
