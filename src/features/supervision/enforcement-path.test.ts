import { LocalDate } from '@js-joda/core'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pdfText } from '../../../test/support/pdf-text.ts'
import type { CaseStatus, Database } from '../../db/schema.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { pastAppointment } from './testing.ts'
import { londonDate, londonInstant } from './time.ts'

// Issue 14 items 4 and 5: every custodial failure used to take the licence path, and the licence warning letter said
// "you may have to go back to court". Now the case status decides (rules-and-outcomes.md §3.2): on licence, first,
// second and final warnings whose letters say a licence failure leads to recall to prison, then a recall decision;
// on post-sentence supervision, a warning and then the magistrates' court with the PSS outcomes, never recall.
// X100003 and X100006 are managed by pat.practitioner's team (Northtown Team A).

const today = LocalDate.parse(londonDate(new Date()))
let t: TestApp
let pat: TestBrowser

/** A custodial sentence on a new event, released 60 days ago, with the case status given. */
async function custodialCase(db: Kysely<Database>, crn: string, status: CaseStatus) {
  const p = await db.selectFrom('people').select('id').where('crn', '=', crn).executeTakeFirstOrThrow()
  const last = await db
    .selectFrom('events')
    .select(db.fn.max('event_number').as('n'))
    .where('person_id', '=', p.id)
    .executeTakeFirst()
  const sentenced = today.minusMonths(8).toString()
  const event = await db
    .insertInto('events')
    .values({
      person_id: p.id,
      event_number: Number(last?.n ?? 0) + 1,
      status: 'sentenced',
      conviction_date: sentenced,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  // Only this sentence is current: the demo seed's orders would otherwise decide the path.
  await db.updateTable('sentences').set({ terminated_date: sentenced }).where('person_id', '=', p.id).execute()
  await db
    .insertInto('sentences')
    .values({
      person_id: p.id,
      event_id: event.id,
      sentence_type: 'custodial',
      sentence_date: sentenced,
      length_value: 10,
      length_unit: 'months',
      start_date: sentenced,
      expected_end_date: today.plusMonths(8).toString(),
    })
    .execute()
  await db.updateTable('people').set({ case_status: status }).where('id', '=', p.id).execute()
  return { personId: p.id, eventId: event.id }
}

async function fail(crn: string, c: { personId: number; eventId: number }, daysAgo: number) {
  const id = await pastAppointment(t.handle.db, { ...c, on: today.minusDays(daysAgo) })
  const page = await pat.get(`/people/${crn}/appointments/${id}`)
  const version = /name="version" value="(\d+)"/.exec(page.body)![1]
  const r = await pat.post(`/people/${crn}/appointments/${id}/outcome`, { outcome: 'unacceptable_absence', version })
  expect(r.statusCode, r.body.slice(0, 300)).toBe(303)
  // As if the warning letter had been written on the day of the failure (warnings count from their date).
  await t.handle.db
    .updateTable('enforcement_actions')
    .set({ created_at: londonInstant(today.minusDays(daysAgo), 12, 0).toISOString() } as never)
    .where('contact_id', '=', id)
    .execute()
  return t.handle.db
    .selectFrom('enforcement_actions')
    .select(['action_type', 'document_id', 'description'])
    .where('contact_id', '=', id)
    .orderBy('id')
    .execute()
}

async function letterText(documentId: number | null) {
  const doc = await t.handle.db
    .selectFrom('documents')
    .select('bytes')
    .where('id', '=', documentId!)
    .executeTakeFirstOrThrow()
  return (await pdfText(doc.bytes)).replace(/\s+/g, ' ')
}

beforeAll(async () => {
  t = await createTestApp()
  pat = await t.signIn('pat.practitioner')
})
afterAll(() => t.close())

describe('enforcement by case status', () => {
  it('on licence: first, second and final warnings say recall to prison, not court; then a recall decision opens', async () => {
    const crn = 'X100003'
    const c = await custodialCase(t.handle.db, crn, 'on_licence')
    const headings: string[] = []
    for (const daysAgo of [30, 20, 10]) {
      const actions = await fail(crn, c, daysAgo)
      expect(actions.map(a => a.action_type)).toEqual(['warning_letter', 'explanation_window'])
      const text = await letterText(actions[0].document_id)
      headings.push(/(First|Second|Final) warning/.exec(text)?.[0] ?? '')
      expect(text).toContain('you may be recalled to prison')
      expect(text).not.toMatch(/back to court|brought back before the court|the court could/i)
    }
    expect(headings).toEqual(['First warning', 'Second warning', 'Final warning'])
    const fourth = await fail(crn, c, 2)
    expect(fourth.map(a => a.action_type)).toEqual(['recall_consultation', 'recall_request', 'no_recall_letter'])
    const recall = await t.handle.db
      .selectFrom('breaches')
      .select(['kind', 'status'])
      .where('person_id', '=', c.personId)
      .execute()
    expect(recall).toEqual([{ kind: 'recall', status: 'considered' }])
  })

  it('on PSS: a warning naming the magistrates’ court and its powers, then breach to court — never recall', async () => {
    const crn = 'X100006'
    const c = await custodialCase(t.handle.db, crn, 'on_pss')
    const first = await fail(crn, c, 10)
    expect(first.map(a => a.action_type)).toEqual(['warning_letter', 'explanation_window'])
    const text = await letterText(first[0].document_id)
    expect(text).toContain('post-sentence supervision')
    expect(text).toContain('magistrates’ court')
    expect(text).toContain('up to 14 days')
    expect(text).not.toContain('recalled')
    const second = await fail(crn, c, 2)
    expect(second.map(a => a.action_type)).toEqual([
      'breach_letter',
      'explanation_window',
      'breach_pack',
      'court_hearing',
    ])
    expect(second[3].description).toContain('PSS cannot be enforced by recall')
    const opened = await t.handle.db.selectFrom('breaches').select('kind').where('person_id', '=', c.personId).execute()
    expect(opened).toEqual([{ kind: 'breach' }])
  })
})
