import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFactories, type Factories, type MadeSentence } from '../../../test/factories/index.ts'
import { fixedClock } from '../../clock.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { apiClient, issueTestToken } from '../api/testing.ts'
import { makeVictimTasks } from './index.ts'
import { dateFields, pageText, referVictim } from './testing.ts'

/**
 * Tasks from key events in the offender's record, as the victim liaison officer would check them on Monday 7 December
 * 2026: a release of a case with a victim in the scheme makes one task per victim with the release date and never
 * the offender's address or prison; a victim who opted out gets none; the licence end makes one task; completing a
 * task appends its completion, and bad input changes nothing.
 */

const TODAY = '2026-12-07'
const clock = fixedClock(`${TODAY}T10:00:00Z`)

let t: TestApp
let make: Factories
let val: TestBrowser
let pat: TestBrowser
const db = () => t.handle.db

const plain = pageText

const refer = (crn: string) => referVictim(val, crn, { surnamePrefix: 'Taskvictim' })

/** A violent offence with 2 years in custody, received into HMP Moorland; the offender lives at 12 Mill Lane. */
async function custodialCase(): Promise<MadeSentence> {
  const c = await make.sentenced('custodial', {}, { offence: '00101', length: { value: 2, unit: 'years' } })
  await db()
    .insertInto('addresses')
    .values({
      person_id: c.personId,
      status: 'main',
      building: '12',
      street: 'Mill Lane',
      town: 'Northtown',
      postcode: 'NT9 9ZZ',
      start_date: '2026-01-01',
      address_type: null,
      district: null,
      county: null,
      telephone: null,
      end_date: null,
      notes: null,
      created_by: null,
      superseded_by: null,
    })
    .execute()
  const created = await pat.post(`/people/${c.crn}/custody`, {
    sentenceId: String(c.sentenceId),
    prisonNumber: 'A1234BC',
    prisonCode: 'MDI',
    prisonName: 'HMP Moorland',
    ...dateFields('receptionDate', clock.today().minusDays(60).toString()),
  })
  expect(created.statusCode, created.body.slice(0, 1000)).toBe(303)
  return c
}

const tasksOf = (victimId: number) =>
  db()
    .selectFrom('victim_tasks')
    .select(['id', 'kind', 'facts', 'due_on', 'source_event_id'])
    .where('victim_id', '=', victimId)
    .orderBy('id')
    .execute()

beforeAll(async () => {
  t = await createTestApp({ clock })
  make = createFactories(t.handle.db, { clock })
  ;[val, pat] = await Promise.all([t.signIn('val.vlo'), t.signIn('pat.practitioner')])
})
afterAll(async () => t?.close())

describe('tasks from key events', () => {
  it('a release makes a task with the release date for each victim in the scheme, never the address or prison', async () => {
    const c = await custodialCase()
    const inScheme = await refer(c.crn)
    const optedOut = await refer(c.crn)
    const out = await val.post(`/victims/${optedOut.victimId}/decisions`, {
      decision: 'opt_out',
      ...dateFields('decidedOn', '2026-11-25'),
    })
    expect(out.statusCode, out.body.slice(0, 500)).toBe(303)

    const released = await pat.post(`/people/${c.crn}/release`, {
      ...dateFields('releaseDate', '2026-12-04'),
      releaseType: 'automatic',
    })
    expect(released.statusCode, released.body.slice(0, 1000)).toBe(303)

    const list = await val.get('/victims')
    expect(list.statusCode).toBe(200)
    const [task] = (await tasksOf(inScheme.victimId)).filter(x => x.kind === 'release')
    expect(task).toBeDefined()
    expect(task!.facts).toMatchObject({
      heading: 'Released on licence',
      dates: [{ label: 'Released on', date: '2026-12-04' }],
    })
    expect(task!.due_on).toBe('2026-12-08')
    const facts = JSON.stringify(task!.facts)
    for (const secret of ['Mill Lane', 'NT9 9ZZ', 'Moorland', 'MDI']) expect(facts).not.toContain(secret)
    expect(await tasksOf(optedOut.victimId)).toEqual([])

    const row = plain(new RegExp(`<tr[^>]*data-qa="task-${task!.id}"[\\s\\S]*?</tr>`).exec(list.body)?.[0] ?? '')
    expect(row).toContain('Released on licence Released on: 4 December 2026')
    expect(row).toContain(`Vera ${inScheme.surname}`)
    for (const secret of ['Mill Lane', 'NT9 9ZZ', 'Moorland']) expect(list.body).not.toContain(secret)

    const page = await val.get(`/victims/${inScheme.victimId}/tasks/${task!.id}`)
    expect(page.statusCode).toBe(200)
    expect(plain(page.body)).toContain('Released on 4 December 2026')
    for (const secret of ['Mill Lane', 'NT9 9ZZ', 'Moorland']) expect(page.body).not.toContain(secret)

    // Made once: another run (and the victim's page) makes no second task for the same event.
    await makeVictimTasks(db(), clock)
    expect((await val.get(`/victims/${inScheme.victimId}`)).body).toContain(`data-qa="task-${task!.id}"`)
    expect((await tasksOf(inScheme.victimId)).filter(x => x.kind === 'release')).toHaveLength(1)
    // The events the task maker wrote carry ids only.
    const events = await db()
      .selectFrom('outbox_events')
      .select(['person_id', 'payload'])
      .where('event_type', '=', 'victim.task-created')
      .execute()
    expect(events.length).toBeGreaterThan(0)
    expect(events.every(e => e.person_id === null && !JSON.stringify(e.payload).includes('Taskvictim'))).toBe(true)
  })

  it("a page's run skips a cursor another run holds instead of queueing behind it", async () => {
    const c = await custodialCase()
    const { victimId } = await refer(c.crn)
    await pat.post(`/people/${c.crn}/release`, { ...dateFields('releaseDate', TODAY), releaseType: 'automatic' })
    // Only a server has a second connection to hold the cursor from; PGlite runs one transaction at a time.
    if (process.env.PROBITY_TEST_DB === 'postgres') {
      let locked!: () => void
      let finish!: () => void
      const holding = new Promise<void>(resolve => (locked = resolve))
      const done = new Promise<void>(resolve => (finish = resolve))
      const holder = db()
        .transaction()
        .execute(async trx => {
          await sql`select 1 from victim_task_cursor where id = 1 for update`.execute(trx)
          locked()
          await done
        })
      await holding
      const started = Date.now()
      expect(await makeVictimTasks(db(), clock, { wait: false })).toEqual({ made: 0 })
      expect(Date.now() - started).toBeLessThan(2000)
      expect((await tasksOf(victimId)).filter(x => x.kind === 'release')).toHaveLength(0)
      finish()
      await holder
    }
    expect((await makeVictimTasks(db(), clock, { wait: false })).made).toBeGreaterThan(0)
    expect((await tasksOf(victimId)).filter(x => x.kind === 'release')).toHaveLength(1)
  })

  it('the licence ending within 28 days makes one task', async () => {
    const c = await custodialCase()
    const { victimId } = await refer(c.crn)
    await db()
      .updateTable('sentences')
      .set({ key_dates: JSON.stringify({ CRD: '2026-06-01', SLED: '2026-12-28' }) })
      .where('id', '=', c.sentenceId)
      .execute()
    await makeVictimTasks(db(), clock)
    await makeVictimTasks(db(), clock)
    const ends = (await tasksOf(victimId)).filter(x => x.kind === 'licence_end')
    expect(ends).toHaveLength(1)
    expect(ends[0]!.facts).toMatchObject({ dates: [{ label: 'Licence ends', date: '2026-12-28' }] })
    expect(ends[0]!.source_event_id).toBeNull()
  })

  it('completes a task with a date and notes; bad input and a second completion change nothing', async () => {
    const c = await custodialCase()
    const { victimId } = await refer(c.crn)
    await pat.post(`/people/${c.crn}/release`, { ...dateFields('releaseDate', TODAY), releaseType: 'automatic' })
    await makeVictimTasks(db(), clock)
    const [task] = (await tasksOf(victimId)).filter(x => x.kind === 'release')
    const url = `/victims/${victimId}/tasks/${task!.id}`
    const completions = async () =>
      (await db().selectFrom('victim_task_completions').select('id').where('task_id', '=', task!.id).execute()).length

    const future = await val.post(url, { ...dateFields('completedOn', '2026-12-09'), notes: 'Told by phone' })
    expect(future.statusCode).toBe(400)
    expect(future.body).toContain('govuk-error-summary')
    expect(future.body).toContain('must be today or in the past')
    const blank = await val.post(url, { notes: 'x' })
    expect(blank.statusCode).toBe(400)
    expect(blank.body).toContain('Enter the date the task was done')
    expect(await completions()).toBe(0)

    const done = await val.post(url, { ...dateFields('completedOn', TODAY), notes: 'Told the victim by phone' })
    expect(done.statusCode, done.body.slice(0, 500)).toBe(303)
    expect(await completions()).toBe(1)
    const page = plain((await val.get(url)).body)
    expect(page).toContain('Done on 7 December 2026. Told the victim by phone')
    expect((await val.post(url, { ...dateFields('completedOn', TODAY) })).statusCode).toBe(400)
    expect(await completions()).toBe(1)
    // Done tasks leave the work list.
    expect((await val.get('/victims')).body).not.toContain(`data-qa="task-${task!.id}"`)
  })

  it('lists a victim’s tasks on the API with the victims scope only', async () => {
    const c = await custodialCase()
    const { victimId } = await refer(c.crn)
    await pat.post(`/people/${c.crn}/release`, { ...dateFields('releaseDate', '2026-12-04'), releaseType: 'automatic' })
    const api = apiClient(t, await issueTestToken(t, 'val.vlo', { scopes: ['victims'] }))
    const response = await api.get(`/api/v1/victims/${victimId}/tasks`)
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'release',
          heading: 'Released on licence',
          dates: [{ label: 'Released on', date: '2026-12-04' }],
          dueOn: '2026-12-08',
          completedOn: null,
        }),
      ]),
    )
    for (const secret of ['Mill Lane', 'NT9 9ZZ', 'Moorland']) expect(response.body).not.toContain(secret)
    const caseScope = apiClient(t, await issueTestToken(t, 'val.vlo', { scopes: ['case'] }))
    expect((await caseScope.get(`/api/v1/victims/${victimId}/tasks`)).statusCode).toBe(403)
  })

  it('is for victim liaison roles only', async () => {
    expect((await pat.get('/victims')).statusCode).toBe(403)
  })
})
