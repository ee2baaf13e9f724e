import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFactories, type MadeSentence } from '../../../test/factories/index.ts'
import { apiClient, issueTestToken } from '../api/testing.ts'
import { createTestApp, type TestApp } from '../../web/testing.ts'

/**
 * Security review finding 5: on PostgreSQL two simultaneous bookings of one slot both passed the clash check (each
 * checked before the other committed). Run with `PROBITY_TEST_DB=postgres` to exercise real concurrency; PGlite
 * serialises transactions, so there it checks the answers only.
 */

let t: TestApp
let api: ReturnType<typeof apiClient>
let c: MadeSentence
let staffId: number

beforeAll(async () => {
  t = await createTestApp()
  c = await createFactories(t.handle.db).sentenced('community')
  api = apiClient(t, await issueTestToken(t, 'pat.practitioner'))
  staffId = (await t.handle.db.selectFrom('staff').select('id').where('code', '=', 'NWS001').executeTakeFirstOrThrow())
    .id
})
afterAll(() => t.close())

describe('booking one slot twice at the same moment', () => {
  it('books it once in each of 20 rounds; the other request gets the clash on the date field', async () => {
    const start = new Date(Date.now() + 3 * 86_400_000)
    for (let round = 0; round < 20; round++) {
      const day = new Date(start.getTime() + round * 86_400_000).toISOString().slice(0, 10)
      const body = {
        type: 'OFFICE',
        staffId,
        location: 'Westbury office',
        date: day,
        time: '10:00',
        durationMinutes: 60,
        eventId: c.eventId,
      }
      const answers = await Promise.all([
        api.post(`/api/v1/people/${c.crn}/appointments`, body),
        api.post(`/api/v1/people/${c.crn}/appointments`, { ...body, time: '10:30' }),
      ])
      const statuses = answers.map(a => a.statusCode).sort()
      expect(statuses, `round ${round}`).toEqual([201, 400])
      const refused = answers.find(a => a.statusCode === 400)!.json()
      expect(refused.error.fields[0]).toMatchObject({ field: 'date' })
      expect(refused.error.fields[0].message).toContain('already has an appointment')
    }
    const booked = await t.handle.db
      .selectFrom('contacts')
      .select('id')
      .where('person_id', '=', c.personId)
      .where('is_appointment', '=', true)
      .where('contact_type', '=', 'OFFICE')
      .execute()
    expect(booked).toHaveLength(20)
  })
})
