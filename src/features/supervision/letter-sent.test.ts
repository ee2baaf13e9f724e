import { LocalDate } from '@js-joda/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clockFrom } from '../../clock.ts'
import { explanationDue } from '../../domain/enforcement/index.ts'
import { formatDate } from '../../web/filters.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { giveCommunityOrder, pastAppointment } from './testing.ts'
import { londonDate, londonInstant } from './time.ts'

// Issue 13, item 6: the 7 days to explain did not follow the date the warning letter was actually sent. The person
// has 7 days from the letter (rules-and-outcomes.md §3.1 "Written warning"; calendar days, moved to the next working
// day: src/domain/enforcement README), so recording or correcting the sent date moves the deadline.
// The clock starts at 9am on a day after the real today (so session cookies stay valid) and is moved on by the test.
const CRN = 'X100003'
const start = LocalDate.parse(londonDate(new Date())).plusDays(1)
let now = londonInstant(start, 9, 0)
const setDay = (d: LocalDate) => {
  now = londonInstant(d, 9, 0)
}

let t: TestApp
let pat: TestBrowser
let personId: number

beforeAll(async () => {
  t = await createTestApp({ clock: clockFrom(() => new Date(now)) })
  const order = await giveCommunityOrder(t.handle.db, CRN, start)
  personId = order.personId
  const appointment = { id: await pastAppointment(t.handle.db, { ...order, on: start.minusDays(1) }) }
  pat = await t.signIn('pat.practitioner')
  const page = await pat.get(`/people/${CRN}/appointments/${appointment.id}`)
  const version = /name="version" value="(\d+)"/.exec(page.body)![1]
  const recorded = await pat.post(`/people/${CRN}/appointments/${appointment.id}/outcome`, {
    outcome: 'unacceptable_absence',
    notes: 'Did not come, no call.',
    version,
  })
  expect(recorded.statusCode).toBe(303)
})
afterAll(() => t.close())

const actions = () =>
  t.handle.db
    .selectFrom('enforcement_actions')
    .select(['id', 'action_type', 'due_date', 'status', 'done_date', 'version'])
    .where('person_id', '=', personId)
    .orderBy('id')
    .execute()
const of = async (type: string) => (await actions()).find(a => a.action_type === type)!

describe('the 7 days to explain follow the day the warning letter was sent', () => {
  it('marking the letter sent three days after it was written moves the deadline to 7 days after that day', async () => {
    const before = await of('explanation_window')
    const sentOn = start.plusDays(3)
    setDay(sentOn)
    pat = await t.signIn('pat.practitioner')
    const page = await pat.get(`/people/${CRN}/enforcement`)
    expect(page.body).toContain('Mark as sent')
    const letter = await of('warning_letter')
    const r = await pat.post(`/people/${CRN}/enforcement/actions/${letter.id}/done`, {
      version: String(letter.version),
    })
    expect(r.statusCode).toBe(303)
    const due = explanationDue(sentOn).due!.toString()
    expect(due >= sentOn.plusDays(7).toString()).toBe(true)
    expect(await of('warning_letter')).toMatchObject({ status: 'done', done_date: sentOn.toString() })
    const window = await of('explanation_window')
    expect(window).toMatchObject({ status: 'open', due_date: due })
    expect(window.due_date).not.toBe(before.due_date)
    const shown = await pat.get(`/people/${CRN}/enforcement`)
    expect(shown.body).toMatch(new RegExp(`data-type="explanation_window" data-due="${due}"`))
    expect(shown.body).toContain(`Sent ${formatDate(sentOn.toString())}`)
    expect(shown.body).toContain(`so they have until ${formatDate(due)} to give a reasonable excuse`)
  })

  it('correcting the sent date moves the deadline again; a date in the future is refused and changes nothing', async () => {
    const letter = await of('warning_letter')
    const future = start.plusDays(4)
    const refused = await pat.post(`/people/${CRN}/enforcement/actions/${letter.id}/sent`, {
      version: String(letter.version),
      [`sent-${letter.id}-day`]: String(future.dayOfMonth()),
      [`sent-${letter.id}-month`]: String(future.monthValue()),
      [`sent-${letter.id}-year`]: String(future.year()),
    })
    expect(refused.statusCode).toBe(400)
    expect(refused.body).toContain('The date sent must be today or in the past')
    expect(refused.body).toContain(`href="#sent-${letter.id}-day"`)
    expect(await of('warning_letter')).toEqual(letter)

    const sentOn = start.plusDays(1)
    const r = await pat.post(`/people/${CRN}/enforcement/actions/${letter.id}/sent`, {
      version: String(letter.version),
      [`sent-${letter.id}-day`]: String(sentOn.dayOfMonth()),
      [`sent-${letter.id}-month`]: String(sentOn.monthValue()),
      [`sent-${letter.id}-year`]: String(sentOn.year()),
    })
    expect(r.statusCode).toBe(303)
    expect(await of('warning_letter')).toMatchObject({ status: 'done', done_date: sentOn.toString() })
    expect(await of('explanation_window')).toMatchObject({ due_date: explanationDue(sentOn).due!.toString() })
    const audit = await t.handle.db
      .selectFrom('audit_events')
      .select('detail')
      .where('person_id', '=', personId)
      .where('action', '=', 'ENFORCEMENT_LETTER_SENT')
      .execute()
    expect(audit.map(a => (a.detail as { sentOn: string }).sentOn)).toEqual([
      start.plusDays(3).toString(),
      sentOn.toString(),
    ])
  })
})
