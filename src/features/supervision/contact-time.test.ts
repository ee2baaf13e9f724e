import { LocalDate } from '@js-joda/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../clock.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { londonDate, londonInstant } from './time.ts'

// Issue 13, item 6: recording a contact today with the optional time left blank was refused before noon ("The time
// must be in the past"), because a blank time meant 12:00. The clock is fixed at 09:00 (London) on a day after the
// real today, so the sign-in session's cookies stay valid.
const CRN = 'X100003'
const day = LocalDate.parse(londonDate(new Date())).plusDays(1)
const nineAm = londonInstant(day, 9, 0)

let t: TestApp
let pat: TestBrowser
beforeAll(async () => {
  t = await createTestApp({ clock: fixedClock(nineAm) })
  pat = await t.signIn('pat.practitioner')
})
afterAll(() => t.close())

const form = (d: LocalDate, time: string, notes: string) => ({
  type: 'PHONE',
  'date-day': String(d.dayOfMonth()),
  'date-month': String(d.monthValue()),
  'date-year': String(d.year()),
  time,
  notes,
})

const recorded = (notes: string) =>
  t.handle.db
    .selectFrom('contacts')
    .innerJoin('people', 'people.id', 'contacts.person_id')
    .select(['contacts.starts_at'])
    .where('people.crn', '=', CRN)
    .where('contacts.notes', '=', notes)
    .execute()

describe('recording a contact with the time left blank', () => {
  it('saves a contact today at 9am with no time as happening now, not at noon in the future', async () => {
    const r = await pat.post(`/people/${CRN}/activity`, form(day, '', 'Rang to check the new address'))
    expect(r.body).not.toContain('The time must be in the past')
    expect(r.statusCode).toBe(303)
    const rows = await recorded('Rang to check the new address')
    expect(rows).toHaveLength(1)
    expect(new Date(rows[0].starts_at).toISOString()).toBe(nineAm.toISOString())
    const log = await pat.get(`/people/${CRN}/activity`)
    expect(log.body).toContain('Rang to check the new address')
  })

  it('still refuses a time typed for later today, and saves a blank time on an earlier day at midday', async () => {
    const later = await pat.post(`/people/${CRN}/activity`, form(day, '14:00', 'Not yet happened'))
    expect(later.statusCode).toBe(400)
    expect(later.body).toContain('The time must be in the past')
    expect(await recorded('Not yet happened')).toHaveLength(0)
    const yesterday = await pat.post(`/people/${CRN}/activity`, form(day.minusDays(1), '', 'Emailed the hostel'))
    expect(yesterday.statusCode).toBe(303)
    const rows = await recorded('Emailed the hostel')
    expect(new Date(rows[0].starts_at).toISOString()).toBe(londonInstant(day.minusDays(1), 12, 0).toISOString())
  })
})
