import { LocalDate } from '@js-joda/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertPerson } from '../people/queries.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'

// Which PDU's queue a case is in (issue 21): its current sentence's court's PDU, else its managing team's, kept on the
// case by the database as sentences, events, courts and the case itself change.

let t: TestApp
let sam: TestBrowser
let unit: { north: number; east: number }
let team: { northA: number; east: number }
const today = LocalDate.parse(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()))
const db = () => t.handle.db

const NORTH = '/allocations?pdu=PS-NW-N'
const EAST = '/allocations?pdu=CRC-NW-E'
const inQueue = async (path: string, crn: string) => {
  const page = await sam.get(path)
  expect(page.statusCode).toBe(200)
  return page.body.includes(`data-qa="queue-row-${crn}"`)
}

async function court(deliveryUnitId: number, code: string) {
  const row = await db()
    .insertInto('courts')
    .values({ code, name: `${code} Magistrates`, delivery_unit_id: deliveryUnitId })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Records a conviction at a court and a community order on it; returns the sentence's id. */
async function sentenceAt(personId: number, courtId: number | null, eventNumber: number) {
  const event = await db()
    .insertInto('events')
    .values({
      person_id: personId,
      event_number: eventNumber,
      status: 'sentenced',
      court_id: courtId,
      conviction_date: today.toString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const sentence = await db()
    .insertInto('sentences')
    .values({
      person_id: personId,
      event_id: event.id,
      sentence_type: 'community_order',
      sentence_date: today.toString(),
      length_value: 12,
      length_unit: 'months',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { eventId: event.id, sentenceId: sentence.id }
}

async function awaitingAllocation(surname: string, managingTeamId: number | null = null) {
  const { id, crn } = await insertPerson(
    db(),
    { forename: 'Test', surname, date_of_birth: '1991-03-03', gender: 'female' },
    'X',
  )
  await db()
    .updateTable('people')
    .set({ case_status: 'awaiting_allocation', managing_team_id: managingTeamId })
    .where('id', '=', id)
    .execute()
  return { id, crn }
}

beforeAll(async () => {
  t = await createTestApp()
  sam = await t.signIn('sam.senior')
  const units = await db().selectFrom('delivery_units').select(['id', 'code']).execute()
  const teams = await db().selectFrom('teams').select(['id', 'code']).execute()
  unit = {
    north: units.find(u => u.code === 'PS-NW-N')!.id,
    east: units.find(u => u.code === 'CRC-NW-E')!.id,
  }
  team = { northA: teams.find(x => x.code === 'PS-NW-N-A')!.id, east: teams.find(x => x.code === 'CRC-NW-E-1')!.id }
}, 60_000)
afterAll(() => t.close())

describe('the allocation queue a case is in', () => {
  it("is its current sentence's court's PDU, and moves when that sentence ends and a new one is made elsewhere", async () => {
    const { id, crn } = await awaitingAllocation('Mover')
    const first = await sentenceAt(id, await court(unit.north, 'QDU1'), 1)
    expect(await inQueue(NORTH, crn)).toBe(true)
    expect(await inQueue(EAST, crn)).toBe(false)

    await db()
      .updateTable('sentences')
      .set({ terminated_date: today.toString(), termination_reason: 'Revoked and resentenced' })
      .where('id', '=', first.sentenceId)
      .execute()
    await sentenceAt(id, await court(unit.east, 'QDU2'), 2)
    expect(await inQueue(EAST, crn)).toBe(true)
    expect(await inQueue(NORTH, crn)).toBe(false)
  })

  it("follows its managing team's PDU when no current sentence has a court", async () => {
    const { id, crn } = await awaitingAllocation('Teamed', team.east)
    expect(await inQueue(EAST, crn)).toBe(true)
    await sentenceAt(id, null, 1)
    expect(await inQueue(EAST, crn)).toBe(true)
    expect(await inQueue(NORTH, crn)).toBe(false)

    await db().updateTable('people').set({ managing_team_id: team.northA }).where('id', '=', id).execute()
    expect(await inQueue(NORTH, crn)).toBe(true)
    expect(await inQueue(EAST, crn)).toBe(false)
  })

  it("moves when the conviction's court is corrected, and when the court moves to another PDU", async () => {
    const { id, crn } = await awaitingAllocation('Corrected')
    const courtId = await court(unit.north, 'QDU3')
    const { eventId } = await sentenceAt(id, courtId, 1)
    expect(await inQueue(NORTH, crn)).toBe(true)

    await db()
      .updateTable('events')
      .set({ court_id: await court(unit.east, 'QDU4') })
      .where('id', '=', eventId)
      .execute()
    expect(await inQueue(EAST, crn)).toBe(true)
    expect(await inQueue(NORTH, crn)).toBe(false)

    await db().updateTable('events').set({ court_id: courtId }).where('id', '=', eventId).execute()
    expect(await inQueue(NORTH, crn)).toBe(true)
    await db().updateTable('courts').set({ delivery_unit_id: unit.east }).where('id', '=', courtId).execute()
    expect(await inQueue(EAST, crn)).toBe(true)
    expect(await inQueue(NORTH, crn)).toBe(false)
  })

  it('leaves the queue when allocated, and a custodial case leaves it when it gets a practitioner', async () => {
    const waiting = await awaitingAllocation('Leaving')
    await sentenceAt(waiting.id, await court(unit.north, 'QDU5'), 1)
    const custody = await awaitingAllocation('Custody')
    await sentenceAt(custody.id, await court(unit.north, 'QDU6'), 1)
    await db().updateTable('people').set({ case_status: 'in_custody' }).where('id', '=', custody.id).execute()
    expect(await inQueue(NORTH, waiting.crn)).toBe(true)
    expect(await inQueue(NORTH, custody.crn)).toBe(true)

    const pat = await db()
      .selectFrom('staff')
      .select(['id', 'team_id'])
      .where('code', '=', 'NWS001')
      .executeTakeFirstOrThrow()
    const allocated = { managing_team_id: pat.team_id, managing_staff_id: pat.id }
    await db()
      .updateTable('people')
      .set({ ...allocated, case_status: 'allocated' })
      .where('id', '=', waiting.id)
      .execute()
    await db().updateTable('people').set(allocated).where('id', '=', custody.id).execute()
    const page = (await sam.get(NORTH)).body
    expect(page).not.toContain(waiting.crn)
    expect(page).not.toContain(custody.crn)
    expect((await sam.get('/allocations?team=PS-NW-N-A')).body).not.toContain(waiting.crn)
  })

  it("lists a team's own cases sentenced in another PDU in that team's queue", async () => {
    const { id, crn } = await awaitingAllocation('Elsewhere', team.northA)
    await sentenceAt(id, await court(unit.east, 'QDU7'), 1)
    expect(await inQueue('/allocations?team=PS-NW-N-A', crn)).toBe(true)
    expect(await inQueue('/allocations?team=PS-NW-N-B', crn)).toBe(false)
    expect(await inQueue(EAST, crn)).toBe(true)
  })
})
