import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFactories, type MadeCase } from '../../test/factories/index.ts'
import { apiClient, issueTestToken } from '../features/api/testing.ts'
import { createTestApp, type TestApp, type TestBrowser } from './testing.ts'

/**
 * Security review finding 7: input PostgreSQL or JavaScript cannot hold (a NUL byte in text, an id beyond bigint, a
 * version of 2^63, the year 0000) gave 500s. Each must be a 400 naming the field: the GOV.UK error summary on a
 * page, `{ error: { fields } }` in the API. Runs on both databases (`PROBITY_TEST_DB=postgres`).
 */

const HUGE_ID = '99999999999999999999'
const HUGE_VERSION = '9223372036854775808'
const OUTCOME = 'attended_complied'

let t: TestApp
let pat: TestBrowser
let api: ReturnType<typeof apiClient>
let c: MadeCase
let past: MadeCase
let staffId: number
let future: string

beforeAll(async () => {
  t = await createTestApp()
  const make = createFactories(t.handle.db)
  c = await make.caseWithAppointments(1, 7)
  past = await make.caseWithAppointments(1, -7)
  pat = await t.signIn('pat.practitioner')
  api = apiClient(t, await issueTestToken(t, 'pat.practitioner'))
  staffId = (await t.handle.db.selectFrom('staff').select('id').where('code', '=', 'NWS001').executeTakeFirstOrThrow())
    .id
  const inTenDays = new Date(Date.now() + 10 * 86_400_000)
  future = inTenDays.toISOString().slice(0, 10)
})
afterAll(() => t.close())

/** The page shows the GOV.UK error summary, and a link to the field at fault. */
function expectErrorSummary(html: string, field: string) {
  expect(html).toContain('govuk-error-summary')
  expect(html).toContain(`#${field}`)
}

describe('bad input on pages is a 400 with the field named, never a 500', () => {
  it('a NUL byte in the search box', async () => {
    const response = await pat.get('/people?q=Smith%00')
    expect(response.statusCode).toBe(400)
    expectErrorSummary(response.body, 'q')
  })

  it('a NUL byte in a form field', async () => {
    const [date, month, year] = [future.slice(8), future.slice(5, 7), future.slice(0, 4)]
    const response = await pat.post(`/people/${c.crn}/appointments`, {
      type: 'OFFICE',
      staffId: String(staffId),
      location: 'Westbury\u0000office',
      'date-day': date,
      'date-month': month,
      'date-year': year,
      time: '15:00',
      duration: '60',
      repeat: 'none',
    })
    expect(response.statusCode).toBe(400)
    // The form itself again, with the error on the field.
    expect(response.body).toContain('Arrange an appointment')
    expectErrorSummary(response.body, 'location')
  })

  it('a NUL byte in a field the form does not read', async () => {
    const response = await pat.post(`/people/${c.crn}/appointments`, { 'unexpected\u0000': 'x' })
    expect(response.statusCode).toBe(400)
    expect(response.body).not.toContain('Sorry, there is a problem with the service')
  })

  it('an id beyond bigint', async () => {
    const response = await pat.get(`/people/${c.crn}/appointments/${HUGE_ID}`)
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('id')
  })

  it('a version of 2^63', async () => {
    const id = c.appointmentIds[0]
    const response = await pat.post(`/people/${c.crn}/appointments/${id}/reschedule`, {
      'date-day': future.slice(8),
      'date-month': future.slice(5, 7),
      'date-year': future.slice(0, 4),
      time: '16:00',
      duration: '60',
      staffId: String(staffId),
      location: 'Westbury office',
      requestedBy: 'service',
      reason: 'Office closed',
      version: HUGE_VERSION,
    })
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('govuk-error-summary')
  })

  it.each([
    ['a court list', '/court-lists?court=NTMC&date=0000-01-01', 'date'],
    ['a search by date of birth', '/people?q=Smith&dob=0000-01-01', 'dob'],
  ])('a date in the year 0000 in %s', async (_name, url, field) => {
    const response = await pat.get(url)
    expect(response.statusCode).toBe(400)
    expectErrorSummary(response.body, field)
  })

  it('a date in the year 0000 in a form', async () => {
    const response = await pat.post(`/people/${c.crn}/appointments`, {
      type: 'OFFICE',
      staffId: String(staffId),
      location: 'Westbury office',
      'date-day': '1',
      'date-month': '1',
      'date-year': '0000',
      time: '15:00',
      duration: '60',
      repeat: 'none',
    })
    expect(response.statusCode).toBe(400)
    expectErrorSummary(response.body, 'date-day')
  })
})

describe('bad input in the API is a 400 with the field named, never a 500', () => {
  const fieldsOf = (body: string) =>
    (JSON.parse(body) as { error: { fields?: { field: string }[] } }).error.fields?.map(f => f.field) ?? []

  const arrange = (overrides: Record<string, unknown>) =>
    api.post(`/api/v1/people/${c.crn}/appointments`, {
      type: 'OFFICE',
      staffId,
      location: 'Westbury office',
      date: future,
      time: '15:30',
      durationMinutes: 60,
      ...overrides,
    })

  it.each([
    ['a NUL byte in the search', () => api.get('/api/v1/people?q=Smith%00'), 'q'],
    ['a NUL byte in a JSON text field', () => arrange({ location: 'Westbury\u0000office' }), 'location'],
    ['a NUL byte in a JSON field name', () => arrange({ 'notes\u0000': 'x' }), 'notes\u0000'],
    ['a date in the year 0000', () => arrange({ date: '0000-01-01' }), 'date'],
    ['a date in the year 0000 in a query', () => api.get('/api/v1/courts/NTMC/hearings?date=0000-01-01'), 'date'],
    ['a date of birth in the year 0000', () => api.get('/api/v1/people?dob=0000-01-01'), 'dob'],
    ['a staff id beyond bigint', () => arrange({ staffId: Number(HUGE_ID) }), 'staffId'],
    [
      'an id beyond bigint in the path',
      () => api.post(`/api/v1/people/${c.crn}/appointments/${HUGE_ID}/outcome`, { outcome: OUTCOME, version: 1 }),
      'id',
    ],
    [
      'a version of 2^63',
      () =>
        api.post(`/api/v1/people/${past.crn}/appointments/${past.appointmentIds[0]}/outcome`, {
          outcome: OUTCOME,
          version: Number(HUGE_VERSION),
        }),
      'version',
    ],
    [
      'a NUL byte when creating a person',
      () =>
        api.post('/api/v1/people', {
          forename: 'Ter\u0000ry',
          surname: 'Smith',
          dateOfBirth: '1990-01-01',
          gender: 'male',
        }),
      'forename',
    ],
  ])('%s', async (_name, send, field) => {
    const response = await send()
    expect(response.statusCode).toBe(400)
    expect(fieldsOf(response.body)).toContain(field)
  })
})
