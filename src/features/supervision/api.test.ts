import { LocalDate } from '@js-joda/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiClient, issueTestToken } from '../api/testing.ts'
import { createTestApp, type TestApp } from '../../web/testing.ts'
import { londonDate, londonInstant } from './time.ts'

// X100006 (index 5, pat.practitioner's team) gets a community order of its own that started 30 days ago.
const CRN = 'X100006'
const today = LocalDate.parse(londonDate(new Date()))

let t: TestApp
let api: ReturnType<typeof apiClient>
let personId: number
let eventId: number
let staffId: number

beforeAll(async () => {
  t = await createTestApp()
  api = apiClient(t, await issueTestToken(t, 'pat.practitioner'))
  const db = t.handle.db
  personId = (await db.selectFrom('people').select('id').where('crn', '=', CRN).executeTakeFirstOrThrow()).id
  staffId = (await db.selectFrom('staff').select('id').where('code', '=', 'NWS001').executeTakeFirstOrThrow()).id
  const last = await db
    .selectFrom('events')
    .select(db.fn.max('event_number').as('n'))
    .where('person_id', '=', personId)
    .executeTakeFirst()
  eventId = (
    await db
      .insertInto('events')
      .values({ person_id: personId, event_number: Number(last?.n ?? 0) + 1, status: 'sentenced' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  await db
    .insertInto('sentences')
    .values({
      person_id: personId,
      event_id: eventId,
      sentence_type: 'community_order',
      sentence_date: today.minusDays(30).toString(),
      start_date: today.minusDays(30).toString(),
      expected_end_date: today.plusDays(330).toString(),
    })
    .execute()
  await db.updateTable('people').set({ case_status: 'allocated' }).where('id', '=', personId).execute()
})
afterAll(() => t.close())

describe('supervision over the API', () => {
  it('arranges a fortnightly series, lists it, and refuses a clash with the reason', async () => {
    const first = today.plusDays(3)
    const body = {
      type: 'OFFICE',
      staffId,
      location: 'Westbury office',
      date: first.toString(),
      time: '11:15',
      durationMinutes: 60,
      eventId,
      repeat: 'fortnightly',
      occurrences: 3,
    }
    const created = await api.post(`/api/v1/people/${CRN}/appointments`, body)
    expect(created.statusCode).toBe(201)
    expect(created.json().appointmentIds).toHaveLength(3)
    const list = await api.get(`/api/v1/people/${CRN}/appointments`)
    expect(list.statusCode).toBe(200)
    const dates = (list.json() as { startsAt: string }[]).map(a => londonDate(new Date(a.startsAt))).sort()
    expect(dates).toEqual([0, 14, 28].map(n => first.plusDays(n).toString()))
    const clash = await api.post(`/api/v1/people/${CRN}/appointments`, {
      ...body,
      repeat: 'none',
      occurrences: undefined,
      time: '11:45',
    })
    expect(clash.statusCode).toBe(400)
    expect(clash.json().error.fields[0]).toMatchObject({ field: 'date' })
    expect(clash.json().error.fields[0].message).toContain('already has an appointment')
    const events = await t.handle.db
      .selectFrom('outbox_events')
      .select('event_type')
      .where('person_id', '=', personId)
      .where('event_type', '=', 'appointment.arranged')
      .execute()
    expect(events).toHaveLength(3)
  })

  it('records an outcome with its version, answers 409 to a stale one, and lists the enforcement actions', async () => {
    const starts = londonInstant(today.minusDays(3), 9, 0)
    const id = (
      await t.handle.db
        .insertInto('contacts')
        .values({
          person_id: personId,
          event_id: eventId,
          contact_type: 'OFFICE',
          is_appointment: true,
          starts_at: starts,
          staff_id: staffId,
          national_standard: true,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    const recorded = await api.post(`/api/v1/people/${CRN}/appointments/${id}/outcome`, {
      outcome: 'unacceptable_absence',
      version: 1,
    })
    expect(recorded.statusCode).toBe(200)
    expect(recorded.json()).toMatchObject({ outcome: 'unacceptable_absence', version: 2, enforcement: 'warning' })
    const stale = await api.post(`/api/v1/people/${CRN}/appointments/${id}/outcome`, {
      outcome: 'attended_complied',
      version: 1,
    })
    expect(stale.statusCode).toBe(409)
    const actions = await api.get(`/api/v1/people/${CRN}/enforcement-actions`)
    expect((actions.json() as { type: string; dueDate: string }[]).map(a => a.type)).toEqual(
      expect.arrayContaining(['warning_letter', 'explanation_window']),
    )
    const future = (await api.get(`/api/v1/people/${CRN}/appointments`))
      .json()
      .find((a: { startsAt: string }) => new Date(a.startsAt) > new Date())
    const early = await api.post(`/api/v1/people/${CRN}/appointments/${future.id}/outcome`, {
      outcome: 'attended_complied',
      version: future.version,
    })
    expect(early.statusCode).toBe(400)
  })

  it('reschedules, keeping who asked and why', async () => {
    const appointments = (await api.get(`/api/v1/people/${CRN}/appointments`)).json() as {
      id: number
      version: number
      outcome: string | null
      startsAt: string
    }[]
    const target = appointments.find(a => a.outcome === null && new Date(a.startsAt) > new Date())!
    const moved = await api.post(`/api/v1/people/${CRN}/appointments/${target.id}/reschedule`, {
      date: today.plusDays(6).toString(),
      time: '15:00',
      durationMinutes: 30,
      staffId,
      location: 'Westbury office',
      requestedBy: 'service',
      reason: 'Practitioner on training',
      version: target.version,
    })
    expect(moved.statusCode).toBe(201)
    const original = (await api.get(`/api/v1/people/${CRN}/appointments`))
      .json()
      .find((a: { id: number }) => a.id === target.id)
    expect(original.outcome).toBe('rescheduled_service')
  })

  it('documents the endpoints in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json()
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/people/{crn}/appointments',
        '/api/v1/people/{crn}/appointments/{id}/outcome',
        '/api/v1/people/{crn}/enforcement-actions',
      ]),
    )
  })
})
