import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFactories, type Factories } from '../../../test/factories/index.ts'
import { fixedClock } from '../../clock.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { makeVictimTasks } from './index.ts'
import { pageText, referVictim } from './testing.ts'

/**
 * Victim-related licence conditions as the people using them would check them, on Monday 7 December 2026: the victim
 * liaison officer asks for an exclusion zone; the licence page shows the condition and its wording to the offender's
 * manager and never the victim's name or address; wording that names the victim or gives their address is refused
 * and changes nothing; a withdrawal is a row of its own; once the licence is approved the officer's task lists the
 * requested conditions now in force.
 */

const TODAY = '2026-12-07'
const clock = fixedClock(`${TODAY}T10:00:00Z`)

let t: TestApp
let make: Factories
let val: TestBrowser
let pat: TestBrowser
let sam: TestBrowser
const db = () => t.handle.db

const plain = pageText

const refer = (crn: string) => referVictim(val, crn, { surnamePrefix: 'Condvictim' })

const eligibleCase = () => make.sentenced('custodial', {}, { offence: '00101', length: { value: 2, unit: 'years' } })
const ZONE = 'Not to enter the area of Hiddenton town centre marked on the attached map'
const requests = (victimId: number) =>
  db().selectFrom('victim_condition_requests').selectAll().where('victim_id', '=', victimId).execute()

beforeAll(async () => {
  t = await createTestApp({ clock })
  make = createFactories(t.handle.db, { clock })
  ;[val, pat, sam] = await Promise.all([t.signIn('val.vlo'), t.signIn('pat.practitioner'), t.signIn('sam.senior')])
})
afterAll(async () => t?.close())

describe('victim-related licence conditions', () => {
  it('the licence page shows the requested condition and its wording, never the victim', async () => {
    const c = await eligibleCase()
    const { victimId, surname } = await refer(c.crn)
    const form = await val.get(`/victims/${victimId}/conditions`)
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain('Freedom of movement (exclusion zone)')
    const asked = await val.post(`/victims/${victimId}/conditions`, { code: 'exclusion_zone', wording: ZONE })
    expect(asked.statusCode, asked.body.slice(0, 500)).toBe(303)

    for (const url of [`/people/${c.crn}/licence`, `/people/${c.crn}/licence/conditions`]) {
      const licence = await pat.get(url)
      expect(licence.statusCode).toBe(200)
      const panel = plain(/<section[^>]*data-qa="victim-conditions"[\s\S]*?<\/section>/.exec(licence.body)?.[0] ?? '')
      expect(panel).toContain('Victim-related conditions requested by the victim liaison officer')
      expect(panel).toContain(`Freedom of movement (exclusion zone) (7 December 2026) ${ZONE}`)
      for (const secret of [surname, '1 Secret Lane', 'NE1 4XY', 'Vera']) expect(licence.body).not.toContain(secret)
    }
    // The victim's page lists it.
    expect(plain((await val.get(`/victims/${victimId}`)).body)).toContain(ZONE)
  })

  it('refuses wording that names the victim or gives their address, and bad input, changing nothing', async () => {
    const c = await eligibleCase()
    const { victimId, surname } = await refer(c.crn)
    const cases: [Record<string, string>, string][] = [
      [
        { code: 'no_contact_named_person', wording: `Not to contact Mrs ${surname.toUpperCase()}` },
        'do not name the victim',
      ],
      [{ code: 'exclusion_zone', wording: 'Not to go near 1 secret  lane, Hiddenton' }, 'do not name the victim'],
      [{ code: 'exclusion_zone', wording: 'Not to enter postcode ne14xy' }, 'do not name the victim'],
      [{ wording: ZONE }, 'Choose the condition the victim asks for'],
      [{ code: 'curfew', wording: ZONE }, 'Choose one of the victim-related conditions'],
      [{ code: 'exclusion_zone' }, 'Enter the wording of the condition'],
      [{ code: 'exclusion_zone', wording: 'x'.repeat(2001) }, 'The wording must be 2000 characters or fewer'],
    ]
    for (const [body, message] of cases) {
      const response = await val.post(`/victims/${victimId}/conditions`, body)
      expect(response.statusCode, message).toBe(400)
      expect(response.body).toContain('govuk-error-summary')
      expect(response.body).toContain(message)
    }
    expect(await requests(victimId)).toEqual([])
    expect((await pat.get(`/people/${c.crn}/licence`)).body).not.toContain('data-qa="victim-conditions"')
  })

  it('a withdrawal is appended and the licence page no longer shows the request', async () => {
    const c = await eligibleCase()
    const { victimId } = await refer(c.crn)
    await val.post(`/victims/${victimId}/conditions`, {
      code: 'restriction_of_residency',
      wording: 'Not to live in Hiddenton',
    })
    const [request] = await requests(victimId)
    const withdrawn = await val.post(`/victims/${victimId}/conditions/${request!.id}/withdraw`)
    expect(withdrawn.statusCode).toBe(303)
    expect(await requests(victimId)).toHaveLength(1)
    const rows = await db()
      .selectFrom('victim_condition_request_withdrawals')
      .select('withdrawn_on')
      .where('request_id', '=', request!.id)
      .execute()
    expect(rows).toEqual([{ withdrawn_on: TODAY }])
    expect((await pat.get(`/people/${c.crn}/licence`)).body).not.toContain('Not to live in Hiddenton')
    expect(plain((await val.get(`/victims/${victimId}/conditions`)).body)).toContain('Withdrawn 7 December 2026')
    // A second withdrawal is refused and appends nothing.
    expect((await val.post(`/victims/${victimId}/conditions/${request!.id}/withdraw`)).statusCode).toBe(400)
  })

  it('when the licence is approved, the officer’s task lists the requested conditions now in force', async () => {
    const c = await eligibleCase()
    const { victimId } = await refer(c.crn)
    await val.post(`/victims/${victimId}/conditions`, { code: 'exclusion_zone', wording: ZONE })
    await val.post(`/victims/${victimId}/conditions`, {
      code: 'no_contact_named_person',
      wording: 'Not to contact the victim',
    })
    const saved = await pat.post(`/people/${c.crn}/licence/conditions`, {
      standard: [
        'good_behaviour',
        'no_offence',
        'keep_in_touch',
        'receive_visits',
        'reside_approved_address',
        'approved_work',
        'no_travel_outside_uk',
      ],
      additional: ['exclusion_zone'],
      'exclusion_zone-description': 'Hiddenton town centre',
      'exclusion_zone-mapReference': 'EZ-1',
      'exclusion_zone-justification': 'Asked for by the victim liaison officer',
    })
    expect(saved.statusCode, saved.body.slice(0, 600)).toBe(303)
    const { id } = await db()
      .selectFrom('licence_versions')
      .select('id')
      .where('person_id', '=', c.personId)
      .executeTakeFirstOrThrow()
    expect((await pat.post(`/people/${c.crn}/licence/versions/${id}/submit`)).statusCode).toBe(303)
    expect((await sam.post(`/people/${c.crn}/licence/versions/${id}/approve`)).statusCode).toBe(303)
    await makeVictimTasks(db(), clock)
    const [task] = await db()
      .selectFrom('victim_tasks')
      .select(['id', 'facts'])
      .where('victim_id', '=', victimId)
      .where('kind', '=', 'licence_conditions')
      .execute()
    expect(task!.facts).toMatchObject({
      heading: 'Licence conditions set',
      conditions: [{ code: 'exclusion_zone', title: 'Freedom of movement (exclusion zone)', wording: ZONE }],
    })
    const page = plain((await val.get(`/victims/${victimId}/tasks/${task!.id}`)).body)
    expect(page).toContain('These victim-related conditions you asked for are in force.')
    expect(page).toContain(ZONE)
    expect(page).not.toContain('Not to contact the victim')
  })
})
