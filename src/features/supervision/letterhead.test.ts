import { LocalDate } from '@js-joda/core'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { longestSentence, readingAge } from '../../documents/readability.ts'
import { formatDate } from '../../web/filters.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { setTeamContactByCode } from '../admin/index.ts'
import { giveCommunityOrder, pastAppointment } from './testing.ts'
import { londonDate } from './time.ts'

// Issue 13, item 6: appointment, warning and breach letters said "contact us" with no address or phone. They now
// carry the team's letterhead and "How to contact us" (set by an administrator), dates in words and plain words.
// X100003 is managed by Northtown Team A (PS-NW-N-A).
const CRN = 'X100003'
const TEAM = 'PS-NW-N-A'
const today = LocalDate.parse(londonDate(new Date()))
const OFFICE = {
  officeName: 'Northtown Probation Office',
  address: '14 Market Street\nNorthtown\nNT1 4QX',
  phone: '01632 960 123',
  email: 'northtown.office@probation.example',
}

let t: TestApp
let pat: TestBrowser
let order: { personId: number; eventId: number }

beforeAll(async () => {
  t = await createTestApp()
  order = await giveCommunityOrder(t.handle.db, CRN, today)
  pat = await t.signIn('pat.practitioner')
})
afterAll(() => t.close())

/** The PDF's text line by line, as a reader sees it. */
async function pdfLines(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise
  let out = ''
  for (let n = 1; n <= pdf.numPages; n++) {
    for (const item of (await (await pdf.getPage(n)).getTextContent()).items)
      if ('str' in item) out += item.str + (item.hasEOL ? '\n' : '')
    out += '\n'
  }
  return out
}

/** The words the letter is written in: from "Dear …" to the sign-off, contact block included. */
const body = (text: string) => text.slice(text.indexOf('Dear '), text.indexOf('Yours sincerely'))

async function latestLetter(kind: string) {
  const doc = await t.handle.db
    .selectFrom('documents')
    .select(['id'])
    .where('person_id', '=', order.personId)
    .where('kind', '=', kind)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow()
  const pdf = await pat.get(`/people/${CRN}/documents/${doc.id}`)
  expect(pdf.statusCode).toBe(200)
  return pdfLines(pdf.rawPayload)
}

async function arrange(days: number) {
  const d = today.plusDays(days)
  const r = await pat.post(`/people/${CRN}/appointments`, {
    type: 'OFFICE',
    link: `event:${order.eventId}`,
    staffId: String(
      (await t.handle.db.selectFrom('staff').select('id').where('code', '=', 'NWS001').executeTakeFirstOrThrow()).id,
    ),
    location: 'Northtown probation office, room 2',
    'date-day': String(d.dayOfMonth()),
    'date-month': String(d.monthValue()),
    'date-year': String(d.year()),
    time: '10:00',
    duration: '60',
    repeat: 'none',
    notes: '',
  })
  expect(r.statusCode).toBe(303)
  return d
}

async function failToAttend(daysAgo: number, hour = 10) {
  const id = await pastAppointment(t.handle.db, { ...order, on: today.minusDays(daysAgo), hour })
  const page = await pat.get(`/people/${CRN}/appointments/${id}`)
  const version = /name="version" value="(\d+)"/.exec(page.body)![1]
  const r = await pat.post(`/people/${CRN}/appointments/${id}/outcome`, { outcome: 'unacceptable_absence', version })
  expect(r.statusCode).toBe(303)
}

describe('letters carry the office’s letterhead and how to contact it', () => {
  it('with no contact details set, names the team and says to ask the probation officer, never an empty "contact us"', async () => {
    await arrange(8)
    const text = await latestLetter('appointment_letter')
    expect(text).toContain('Northtown Team A')
    expect(text).toContain('How to contact us')
    expect(text).toContain('Ask your probation officer, Pat Practitioner')
    expect(text).not.toMatch(/contact us before/i)
  })

  it('an appointment letter shows the letterhead, the contact block and human dates, in short plain sentences', async () => {
    await setTeamContactByCode({ db: t.handle.db }, { user: undefined, requestId: 'test', ip: null }, TEAM, OFFICE)
    const on = await arrange(9)
    const text = await latestLetter('appointment_letter')
    for (const line of ['Northtown Probation Office', '14 Market Street', 'NT1 4QX', '01632 960 123'])
      expect(text).toContain(line)
    expect(text).toContain('northtown.office@probation.example')
    expect(text).toMatch(/How to contact us\nPhone: 01632 960 123\nEmail: northtown\.office@probation\.example/)
    expect(text).toContain(`Date: ${formatDate(today.toString())}`)
    expect(text).toContain(`${formatDate(on.toString())} at 10am`)
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/)
    expect(longestSentence(body(text))).toBeLessThan(20)
    expect(readingAge(body(text))).toBeLessThanOrEqual(11)
  })

  it('warning and breach letters carry the same letterhead, the 7 days in words, and plain sentences', async () => {
    await failToAttend(3)
    const warning = await latestLetter('warning_letter')
    expect(warning).toContain('Northtown Probation Office')
    expect(warning).toContain('Phone: 01632 960 123')
    expect(warning).toContain('This letter is a formal warning.')
    expect(warning).toContain('unacceptable')
    expect(warning).toMatch(/12 months/)
    expect(warning).toMatch(new RegExp(`tell us by \\d{1,2} [A-Z][a-z]+ \\d{4}\\.`))
    expect(warning).not.toMatch(/\d{4}-\d{2}-\d{2}/)
    expect(longestSentence(body(warning))).toBeLessThan(20)
    expect(readingAge(body(warning))).toBeLessThanOrEqual(11)

    // A second failure after the warning (today, just after midnight): a breach.
    await failToAttend(0, 0)
    const breach = await latestLetter('breach_letter')
    expect(breach).toContain('Northtown Probation Office')
    expect(breach).toContain('NT1 4QX')
    expect(breach).toContain('You are going back to court')
    expect(breach).not.toMatch(/\d{4}-\d{2}-\d{2}/)
    expect(longestSentence(body(breach))).toBeLessThan(20)
    expect(readingAge(body(breach))).toBeLessThanOrEqual(11)
  })
})
