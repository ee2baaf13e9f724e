import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../clock.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'

/**
 * Community Payback nominations as staff would check them on Monday 7 December 2026 (issue 17 item 9;
 * rules-and-outcomes.md §2.2: acknowledged within 2 working days): the list holds only the user's provider's
 * nominations with each one's clock and the month's service level; another provider's is not found; a manager
 * acknowledges once, moves it on (history, version, event without personal data), needs a reason for not suitable,
 * is refused on a stale page or an impossible move, and accepts it towards a project; an unrouted one is taken.
 */

const clock = fixedClock('2026-12-07T10:00:00Z')
let t: TestApp
let pat: TestBrowser
let sam: TestBrowser
let alex: TestBrowser
let una: TestBrowser
let nps: number
let crc: number
const db = () => t.handle.db

let serial = 0
async function nomination(providerId: number | null, submittedAt: string, extra: Record<string, unknown> = {}) {
  serial++
  const reference = `CP-${String(serial).padStart(4, '0')}-TEST`
  const { id } = await db()
    .insertInto('cp_nominations')
    .values({
      reference,
      provider_id: providerId,
      organisation_name: 'Northtown Allotments',
      contact_name: 'Nora Nominator',
      email: 'nora@example.org',
      title: `Clear the canal path ${serial}`,
      what_needs_doing: 'Cut back brambles along the towpath',
      community_benefit: 'Walkers and cyclists can use it again',
      postcode: 'NT1 2AB',
      latitude: 53.48095,
      longitude: -2.23743,
      consent_to_contact: true,
      submitted_at: submittedAt,
      ...extra,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db()
    .insertInto('cp_nomination_status_history')
    .values({ nomination_id: id, status: 'received', changed_at: submittedAt })
    .execute()
  return { id: Number(id), reference }
}

const row = (id: number) => db().selectFrom('cp_nominations').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
const history = async (id: number) =>
  (
    await db()
      .selectFrom('cp_nomination_status_history')
      .select(['status', 'reason'])
      .where('nomination_id', '=', id)
      .orderBy('id')
      .execute()
  ).map(h => `${h.status}${h.reason ? `: ${h.reason}` : ''}`)
const events = async (reference: string) =>
  (
    await db()
      .selectFrom('outbox_events')
      .select(['payload', 'person_id'])
      .where('event_type', '=', 'cp.nomination.status-changed')
      .execute()
  ).filter(e => (e.payload as { reference?: string }).reference === reference)

const post = (b: TestBrowser, id: number, form: Record<string, string>) =>
  b.post(`/unpaid-work/nominations/${id}/status`, form)

beforeAll(async () => {
  t = await createTestApp({ clock })
  const providers = await db().selectFrom('providers').select(['id', 'code']).execute()
  nps = Number(providers.find(p => p.code === 'PS')!.id)
  crc = Number(providers.find(p => p.code === 'NWCRC')!.id)
  pat = await t.signIn('pat.practitioner')
  sam = await t.signIn('sam.senior')
  alex = await t.signIn('alex.crc')
  una = await t.signIn('una.upw')
})
afterAll(() => t.close())

describe('the nominations list', () => {
  it("holds only the provider's nominations, with the clock and the month's service level", async () => {
    const mine = await nomination(nps, '2026-12-03T09:00:00Z') // Thursday: due Monday 7th (today)
    const overdue = await nomination(nps, '2026-12-01T09:00:00Z') // Tuesday: due Thursday 3rd
    const onTime = await nomination(nps, '2026-12-01T09:00:00Z', {
      acknowledged_at: '2026-12-02T09:00:00Z',
    })
    const theirs = await nomination(crc, '2026-12-03T09:00:00Z')
    const page = await pat.get('/unpaid-work/nominations')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('<h1 class="govuk-heading-l">Community Payback nominations</h1>')
    const rowOf = (ref: string) => new RegExp(`data-qa="nomination-${ref}"[\\s\\S]*?</tr>`).exec(page.body)?.[0] ?? ''
    expect(rowOf(mine.reference)).toContain('Acknowledgement due')
    expect(rowOf(mine.reference)).toContain('Due by 7 December 2026')
    expect(rowOf(overdue.reference)).toContain('Acknowledgement overdue')
    expect(rowOf(onTime.reference)).toContain('Acknowledged on time')
    expect(page.body).not.toContain(theirs.reference)
    // Due in December: the overdue one (3rd), the on-time one (3rd) and today's; one of the three on time.
    const level = /data-qa="service-level"[\s\S]*?<\/div>/.exec(page.body)![0]
    expect(level).toContain('1 of 3 due this month acknowledged on time')
    expect(level).toContain('33%')

    const accepted = await pat.get('/unpaid-work/nominations?status=accepted')
    expect(accepted.body).not.toContain(mine.reference)
    expect((await pat.get('/unpaid-work/nominations?status=received')).body).toContain(mine.reference)

    const theirList = await alex.get('/unpaid-work/nominations')
    expect(theirList.body).toContain(theirs.reference)
    expect(theirList.body).not.toContain(mine.reference)
  })

  it("does not show another provider's nomination, its photos or let anyone change it", async () => {
    const theirs = await nomination(crc, '2026-12-04T09:00:00Z')
    const { id: photoId } = await db()
      .insertInto('cp_photos')
      .values({
        nomination_id: theirs.id,
        kind: 'nomination',
        content: await sharp({ create: { width: 4, height: 4, channels: 3, background: '#0f0' } })
          .png()
          .toBuffer(),
        mime_type: 'image/png',
        width: 4,
        height: 4,
        byte_size: 10,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const page = await pat.get(`/unpaid-work/nominations/${theirs.id}`)
    expect(page.statusCode).toBe(404)
    expect(page.body).not.toContain('Nora Nominator')
    expect((await pat.get(`/unpaid-work/nominations/${theirs.id}/photos/${photoId}`)).statusCode).toBe(404)
    const version = String((await row(theirs.id)).version)
    expect((await post(sam, theirs.id, { action: 'acknowledge', version })).statusCode).toBe(404)
    expect((await row(theirs.id)).acknowledged_at).toBeNull()

    const photo = await alex.get(`/unpaid-work/nominations/${theirs.id}/photos/${photoId}`)
    expect(photo.statusCode).toBe(200)
    expect(photo.headers['content-type']).toBe('image/png')
    expect(photo.headers['x-content-type-options']).toBe('nosniff')
  })
})

describe("a nomination's page and its status", () => {
  it('shows everything sent, the pin and its history', async () => {
    const n = await nomination(nps, '2026-12-04T15:00:00Z')
    const page = await pat.get(`/unpaid-work/nominations/${n.id}`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Cut back brambles along the towpath')
    expect(page.body).toContain('nora@example.org')
    expect(page.body).toContain('53.48095, -2.23743')
    expect(page.body).toContain('https://www.openstreetmap.org/?mlat=53.48095&amp;mlon=-2.23743')
    expect(page.body).toContain('Acknowledgement due by 8 December 2026')
    expect(/data-qa="history"[\s\S]*?<\/ol>/.exec(page.body)![0]).toContain('Received')
    // A practitioner reads; only upw:manage acts.
    expect(page.body).not.toContain('data-qa="acknowledge-form"')
    expect((await post(una, n.id, { action: 'acknowledge', version: '1' })).statusCode).toBe(403)
  })

  it('is acknowledged once, then moved on with history, a new version and an event without personal data', async () => {
    const n = await nomination(nps, '2026-12-04T15:00:00Z')
    expect((await sam.get(`/unpaid-work/nominations/${n.id}`)).body).toContain('data-qa="acknowledge-form"')
    const acknowledged = await post(sam, n.id, { action: 'acknowledge', version: '1' })
    expect(acknowledged.statusCode).toBe(303)
    const after = await row(n.id)
    expect(after.acknowledged_at).not.toBeNull()
    expect(after.version).toBe(2)
    const page = await sam.get(`/unpaid-work/nominations/${n.id}`)
    expect(page.body).toContain('Acknowledged on time')
    expect(page.body).not.toContain('data-qa="acknowledge-form"')
    const again = await post(sam, n.id, { action: 'acknowledge', version: '2' })
    expect(again.statusCode).toBe(400)
    expect(again.body).toContain('The nomination is already acknowledged')

    expect((await post(sam, n.id, { action: 'being_assessed', version: '2' })).statusCode).toBe(303)
    expect((await row(n.id)).status).toBe('being_assessed')
    expect((await row(n.id)).version).toBe(3)
    expect(await history(n.id)).toEqual(['received', 'being_assessed'])
    const sent = await events(n.reference)
    expect(sent.map(e => (e.payload as { status: string }).status)).toEqual(['received', 'being_assessed'])
    expect(JSON.stringify(sent)).not.toMatch(/nora|Nominator|NT1/i)
    expect(sent.every(e => e.person_id === null)).toBe(true)
  })

  it('needs a reason for not suitable, refuses a stale page and an impossible move', async () => {
    const n = await nomination(nps, '2026-12-04T15:00:00Z')
    const noReason = await post(sam, n.id, { action: 'not_suitable', version: '1', reason: ' ' })
    expect(noReason.statusCode).toBe(400)
    expect(noReason.body).toContain('govuk-error-summary')
    expect(noReason.body).toContain('Enter why the work is not suitable')
    expect((await row(n.id)).status).toBe('received')

    expect((await post(sam, n.id, { action: 'being_assessed', version: '1' })).statusCode).toBe(303)
    const stale = await post(sam, n.id, { action: 'accepted', version: '1' })
    expect(stale.statusCode).toBe(400)
    expect(stale.body).toContain('Someone else changed this nomination while you were looking at it')
    expect((await row(n.id)).status).toBe('being_assessed')

    const reason = 'The land is privately owned'
    expect((await post(sam, n.id, { action: 'not_suitable', version: '2', reason })).statusCode).toBe(303)
    expect(await history(n.id)).toEqual(['received', 'being_assessed', `not_suitable: ${reason}`])
    expect((await sam.get(`/unpaid-work/nominations/${n.id}`)).body).toContain(reason)

    const done = await nomination(nps, '2026-11-02T09:00:00Z', { status: 'completed' })
    const back = await post(sam, done.id, { action: 'being_assessed', version: '1' })
    expect(back.statusCode).toBe(400)
    expect(back.body).toContain('cannot be moved to being assessed')
    expect((await row(done.id)).status).toBe('completed')
  })

  it('accepted, links to creating the project', async () => {
    const n = await nomination(nps, '2026-12-07T08:00:00Z')
    expect((await post(sam, n.id, { action: 'accepted', version: '1' })).statusCode).toBe(303)
    const page = await sam.get(`/unpaid-work/nominations/${n.id}?done=accepted`)
    expect(page.body).toContain(`href="/unpaid-work/projects/new?nomination=${n.id}"`)
    expect(page.body).toContain('Create the project')
    // Accepting acknowledged it too.
    expect((await row(n.id)).acknowledged_at).not.toBeNull()
  })
})

describe('unrouted nominations', () => {
  it('are listed for a manager, who takes one for their provider; a practitioner does not see them', async () => {
    const n = await nomination(null, '2026-12-04T09:00:00Z')
    expect((await pat.get('/unpaid-work/nominations')).body).not.toContain(n.reference)
    expect((await pat.get(`/unpaid-work/nominations/${n.id}`)).statusCode).toBe(404)
    const list = await sam.get('/unpaid-work/nominations')
    expect(/data-qa="unrouted"[\s\S]*?<\/table>/.exec(list.body)![0]).toContain(n.reference)
    expect(list.body).toContain(`data-qa="take-${n.reference}"`)
    const took = await sam.post(`/unpaid-work/nominations/${n.id}/take`, { version: '1' })
    expect(took.statusCode).toBe(303)
    expect(Number((await row(n.id)).provider_id)).toBe(nps)
    expect((await pat.get('/unpaid-work/nominations')).body).toContain(n.reference)
  })

  it('are routed by an administrator to the provider they choose', async () => {
    const n = await nomination(null, '2026-12-04T09:00:00Z')
    const admin = await t.signIn('admin')
    const theirs = await nomination(crc, '2026-12-04T09:00:00Z')
    const all = await admin.get('/unpaid-work/nominations')
    expect(all.body).toContain(theirs.reference)
    expect(/data-qa="unrouted"[\s\S]*?<\/table>/.exec(all.body)![0]).toContain(n.reference)
    expect(/data-qa="nominations"[\s\S]*?<\/table>/.exec(all.body)![0]).toContain('Northshire Rehabilitation Company')
    const refused = await admin.post(`/unpaid-work/nominations/${n.id}/take`, { version: '1' })
    expect(refused.statusCode).toBe(400)
    expect(refused.body).toContain('Choose the provider to route it to')
    expect(
      (await admin.post(`/unpaid-work/nominations/${n.id}/take`, { version: '1', provider: String(crc) })).statusCode,
    ).toBe(303)
    expect(Number((await row(n.id)).provider_id)).toBe(crc)
  })
})
