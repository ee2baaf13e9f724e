import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../clock.ts'
import type { NominationStatus } from '../../db/schema.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { userIdOf } from './testing.ts'

/**
 * Unpaid work projects as a senior and a supervisor would check them, on Monday 7 December 2026 (issue 17 item 1):
 * creating one (bad input refused with nothing saved), the list and page, creating one from a Community Payback
 * nomination (accepted, then scheduled by its first session, completed with the project), and another provider's
 * users kept out.
 */

const TODAY = '2026-12-07'
const clock = fixedClock(`${TODAY}T10:00:00Z`)

let t: TestApp
let sam: TestBrowser
let una: TestBrowser
let pat: TestBrowser
let alex: TestBrowser
const db = () => t.handle.db

const userId = (username: string) => userIdOf(db(), username)

const projectForm = (over: Record<string, string | string[]> = {}) => ({
  name: 'Riverside path clearance',
  projectType: 'clearing',
  placementKind: 'group',
  beneficiaryName: 'Northtown Council',
  beneficiaryContact: 'Parks team, 0161 000 0000',
  address: 'Riverside Walk, Northtown',
  postcode: 'NT1 2AB',
  latitude: '53.4808',
  longitude: '-2.2426',
  facilities: ['toilets', 'drinking_water'],
  risks: ['public_contact'],
  capacity: '12',
  travelTimeCredited: 'yes',
  'start-day': '1',
  'start-month': '12',
  'start-year': '2026',
  publicDescription: 'Clearing the riverside path of brambles and litter.',
  ...over,
})

const projectCount = async () =>
  Number(
    (
      await db()
        .selectFrom('upw_projects')
        .select(eb => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

async function createProject(over: Record<string, string | string[]> = {}) {
  const response = await sam.post('/unpaid-work/projects/new', projectForm(over))
  expect(response.statusCode, response.body.slice(0, 500)).toBe(303)
  const id = Number(/\/unpaid-work\/projects\/(\d+)/.exec(response.headers.location as string)![1])
  return { id, response }
}

async function nomination(status: NominationStatus = 'received') {
  const provider = await db().selectFrom('providers').select('id').where('code', '=', 'PS').executeTakeFirstOrThrow()
  const made = await db()
    .insertInto('cp_nominations')
    .values({
      reference: `CP-${String(Math.floor(Math.random() * 9000) + 1000)}-TEST`,
      provider_id: provider.id,
      organisation_name: 'Friends of Northtown Park',
      contact_name: 'Jo Bloggs',
      email: 'jo@example.org',
      title: 'Repaint the park benches',
      what_needs_doing: 'Sand and repaint twenty benches.',
      community_benefit: 'A nicer park for everyone.',
      address: 'Northtown Park',
      postcode: 'NT2 3CD',
      latitude: 53.5,
      longitude: -2.25,
      toilets: true,
      consent_to_contact: true,
      status,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(made.id)
}

const nominationState = async (id: number) => ({
  status: (await db().selectFrom('cp_nominations').select('status').where('id', '=', id).executeTakeFirstOrThrow())
    .status,
  history: (
    await db()
      .selectFrom('cp_nomination_status_history')
      .select('status')
      .where('nomination_id', '=', id)
      .orderBy('id')
      .execute()
  ).map(h => h.status),
})

beforeAll(async () => {
  t = await createTestApp({ clock })
  sam = await t.signIn('sam.senior')
  una = await t.signIn('una.upw')
  pat = await t.signIn('pat.practitioner')
  alex = await t.signIn('alex.crc')
}, 120_000)
afterAll(() => t.close())

describe('creating a project', () => {
  it('refuses bad input on its fields, saving nothing', async () => {
    const before = await projectCount()
    const bad = await sam.post(
      '/unpaid-work/projects/new',
      projectForm({ name: '', latitude: '91', capacity: '40', postcode: 'NOPE' }),
    )
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('govuk-error-summary')
    expect(bad.body).toContain('Enter the name of the project')
    expect(bad.body).toContain('Latitude must be a number between -90 and 90')
    expect(bad.body).toContain('Enter how many people the project takes, from 1 to 30')
    expect(bad.body).toContain('Enter a real postcode')
    expect(await projectCount()).toBe(before)
  })

  it('creates a project with its supervisor, shown on the list and its page, and publishes it', async () => {
    const form = await sam.get('/unpaid-work/projects/new')
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain('Una Payback')
    expect(form.body).toContain('Never write anyone’s name')
    const { id, response } = await createProject({ supervisors: String(await userId('una.upw')) })
    expect(response.headers.location).toBe(`/unpaid-work/projects/${id}?done=created`)
    const page = await una.get(`/unpaid-work/projects/${id}`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Riverside path clearance')
    expect(page.body).toMatch(/data-qa="supervisors">[\s\S]*Una Payback/)
    expect(page.body).toContain('Toilets, Drinking water')
    expect(page.body).toContain('53.4808, -2.2426')
    const list = await una.get('/unpaid-work/projects')
    expect(list.body).toContain(`/unpaid-work/projects/${id}`)
    const events = await db()
      .selectFrom('outbox_events')
      .select('payload')
      .where('event_type', '=', 'upw.project.created')
      .execute()
    expect(events.map(e => (e.payload as { projectId: number }).projectId)).toContain(id)
  })

  it('changes a project', async () => {
    const { id } = await createProject()
    const changed = await sam.post(
      `/unpaid-work/projects/${id}/change`,
      projectForm({ name: 'Riverside path, phase 2' }),
    )
    expect(changed.statusCode, changed.body.slice(0, 300)).toBe(303)
    expect((await sam.get(`/unpaid-work/projects/${id}`)).body).toContain('Riverside path, phase 2')
  })
})

describe('a project from a Community Payback nomination', () => {
  it('prefills from the nomination, accepts it, schedules it with the first session and completes it', async () => {
    const nominationId = await nomination()
    const form = await sam.get(`/unpaid-work/projects/new?nomination=${nominationId}`)
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain('value="Repaint the park benches"')
    expect(form.body).toContain('value="Friends of Northtown Park"')
    expect(form.body).toContain('Sand and repaint twenty benches.')
    const { id } = await createProject({ nomination: String(nominationId), name: 'Repaint the park benches' })
    expect(await nominationState(nominationId)).toEqual({ status: 'accepted', history: ['accepted'] })
    const project = await db()
      .selectFrom('upw_projects')
      .select('nomination_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(Number(project.nomination_id)).toBe(nominationId)

    const session = await sam.post(`/unpaid-work/projects/${id}/sessions/new`, {
      'date-day': '12',
      'date-month': '12',
      'date-year': '2026',
      startTime: '09:00',
      endTime: '16:00',
    })
    expect(session.statusCode, session.body.slice(0, 500)).toBe(303)
    expect(await nominationState(nominationId)).toEqual({ status: 'scheduled', history: ['accepted', 'scheduled'] })

    const done = await sam.post(`/unpaid-work/projects/${id}/complete`)
    expect(done.statusCode).toBe(303)
    expect(await nominationState(nominationId)).toEqual({
      status: 'completed',
      history: ['accepted', 'scheduled', 'completed'],
    })
    // Each move is told to integrations (so the nominator can hear the work is done), with no personal data.
    const reference = (
      await db()
        .selectFrom('cp_nominations')
        .select('reference')
        .where('id', '=', nominationId)
        .executeTakeFirstOrThrow()
    ).reference
    const moves = (
      await db()
        .selectFrom('outbox_events')
        .select(['payload', 'person_id'])
        .where('event_type', '=', 'cp.nomination.status-changed')
        .orderBy('id')
        .execute()
    ).filter(e => (e.payload as { reference?: string }).reference === reference)
    expect(moves.map(e => e.payload)).toEqual(
      ['accepted', 'scheduled', 'completed'].map(status => ({ reference, status, action: 'project' })),
    )
    expect(moves.every(e => e.person_id === null)).toBe(true)
    const row = await db()
      .selectFrom('upw_projects')
      .select(['completed_at', 'end_date'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row.completed_at).not.toBeNull()
    expect(String(row.end_date).slice(0, 10)).toBe(TODAY)
    expect((await sam.get(`/unpaid-work/projects/${id}`)).body).toContain('data-qa="complete"')
    const again = await sam.post(`/unpaid-work/projects/${id}/complete`)
    expect(again.statusCode).toBe(400)
    expect(again.body).toContain('This project is already complete')
  })
})

describe('who may see and change projects', () => {
  it("keeps another provider's users out, and readers from changing", async () => {
    const { id } = await createProject()
    expect((await alex.get(`/unpaid-work/projects/${id}`)).statusCode).toBe(404)
    expect((await alex.get('/unpaid-work/projects')).body).not.toContain(`/unpaid-work/projects/${id}"`)
    expect((await pat.get(`/unpaid-work/projects/${id}`)).statusCode).toBe(200)
    expect((await pat.get('/unpaid-work/projects/new')).statusCode).toBe(403)
    expect((await una.post(`/unpaid-work/projects/${id}/complete`)).statusCode).toBe(403)
    expect((await una.post('/unpaid-work/projects/new', projectForm())).statusCode).toBe(403)
  })
})
