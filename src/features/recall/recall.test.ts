import { LocalDate } from '@js-joda/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pdfText } from '../../../test/support/pdf-text.ts'
import { formatDate } from '../../web/filters.ts'
import type { CaseStatus } from '../../db/schema.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { apiClient, issueTestToken } from '../api/testing.ts'

// Issue 14 item 5: the recall decision workflow (reference-systems.md §6 row 47; rules-and-outcomes.md §3.2).
// X100003 and X100006 are managed by pat.practitioner's team (Northtown Team A); sam.senior is its senior.

let t: TestApp
let pat: TestBrowser
let sam: TestBrowser
let admin: TestBrowser
const today = LocalDate.now()

const dateFields = (name: string, d: LocalDate) => ({
  [`${name}-day`]: String(d.dayOfMonth()),
  [`${name}-month`]: String(d.monthValue()),
  [`${name}-year`]: String(d.year()),
})

/** A released custodial sentence (theft unless `offence` is given) with the licence ending in 8 months. */
async function licenceCase(
  crn: string,
  o: { offence?: string; months?: number; status?: CaseStatus; release?: string } = {},
) {
  const db = t.handle.db
  const p = await db.selectFrom('people').select('id').where('crn', '=', crn).executeTakeFirstOrThrow()
  const last = await db
    .selectFrom('events')
    .select(db.fn.max('event_number').as('n'))
    .where('person_id', '=', p.id)
    .executeTakeFirst()
  const sentenced = today.minusMonths(4).toString()
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
  await db
    .insertInto('offences')
    .values({ person_id: p.id, event_id: event.id, offence_code: o.offence ?? '04600', is_main: true })
    .execute()
  await db.updateTable('sentences').set({ terminated_date: sentenced }).where('person_id', '=', p.id).execute()
  const licenceEnds = today.plusMonths(8).toString()
  const s = await db
    .insertInto('sentences')
    .values({
      person_id: p.id,
      event_id: event.id,
      sentence_type: 'custodial',
      sentence_date: sentenced,
      length_value: o.months ?? 24,
      length_unit: 'months',
      start_date: sentenced,
      expected_end_date: licenceEnds,
      key_dates: JSON.stringify({ SLED: licenceEnds }),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('custody_records')
    .values({
      person_id: p.id,
      sentence_id: s.id,
      prison_number: 'A1234BC',
      reception_date: sentenced,
      released_on: today.minusMonths(1).toString(),
      release_type: o.release ?? 'automatic',
    })
    .execute()
  await db
    .updateTable('people')
    .set({ case_status: o.status ?? 'on_licence' })
    .where('id', '=', p.id)
    .execute()
  return p.id
}

const step = (b: TestBrowser, crn: string, form: Record<string, string | string[]>) =>
  b.post(`/people/${crn}/recall`, form)
const recallOf = (personId: number) =>
  t.handle.db
    .selectFrom('recalls')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow()

async function upToDecision(crn: string) {
  expect(
    (
      await step(pat, crn, {
        step: 'concern',
        grounds: ['licence_breach', 'risk_behaviour'],
        concern: 'Missed three appointments and left the approved address.',
      })
    ).statusCode,
  ).toBe(303)
  expect(
    (
      await step(pat, crn, {
        step: 'consultation',
        senior: 'Sam Senior',
        ...dateFields('consultedOn', today),
        notes: 'Agreed recall is needed.',
      })
    ).statusCode,
  ).toBe(303)
  expect(
    (
      await step(pat, crn, {
        step: 'rationale',
        rationale: 'Risk to his former partner is rising.',
        alternatives: 'Increased reporting; curfew variation refused.',
      })
    ).statusCode,
  ).toBe(303)
}

/** The recall consideration a licence failure past the final warning opens on the enforcement page. */
async function openConsideration(personId: number) {
  const db = t.handle.db
  const b = await db
    .insertInto('breaches')
    .values({ person_id: personId, kind: 'recall', status: 'considered', initiated_date: today.toString() })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('breach_status_history')
    .values({ person_id: personId, breach_id: b.id, status: 'considered', status_date: today.toString() })
    .execute()
  return async () => {
    const row = await db
      .selectFrom('breaches')
      .select(['status', 'decision', 'closed_at'])
      .where('id', '=', b.id)
      .executeTakeFirstOrThrow()
    const history = await db
      .selectFrom('breach_status_history')
      .select(['status', 'notes'])
      .where('breach_id', '=', b.id)
      .orderBy('id')
      .execute()
    return { status: row.status, decision: row.decision, closed: row.closed_at !== null, history }
  }
}

beforeAll(async () => {
  t = await createTestApp()
  pat = await t.signIn('pat.practitioner')
  sam = await t.signIn('sam.senior')
  admin = await t.signIn('admin')
}, 60_000)
afterAll(() => t.close())

describe('the recall decision workflow', () => {
  it('runs in order to the custody return: Part A read back, countersigned, sent to PPCS, case recalled with its fixed-term re-release date', async () => {
    const crn = 'X100003'
    const personId = await licenceCase(crn, { months: 10 })
    const consideration = await openConsideration(personId)
    // The enforcement page sends the practitioner to the workflow instead of a second way of recording the steps.
    const enforcement = await pat.get(`/people/${crn}/enforcement`)
    expect(enforcement.body).toContain('data-qa="recall-workflow-link"')
    expect(enforcement.body).not.toContain('data-qa="breach-update"')
    const start = await pat.get(`/people/${crn}/recall`)
    expect(start.statusCode).toBe(200)
    expect(start.body).toContain('Start a recall decision')
    // A step out of order is refused, naming what comes first, and nothing is saved.
    const early = await step(pat, crn, { step: 'concern', grounds: 'licence_breach', concern: 'Missed appointments.' })
    expect(early.statusCode).toBe(303)
    const outOfOrder = await step(pat, crn, { step: 'decision', decision: 'standard', extendedSentence: 'no' })
    expect(outOfOrder.statusCode).toBe(400)
    expect(outOfOrder.body).toContain('Consult a senior first.')
    expect((await recallOf(personId)).decision).toBeNull()
    await t.handle.db.deleteFrom('recall_steps').where('person_id', '=', personId).execute()
    await t.handle.db.deleteFrom('recalls').where('person_id', '=', personId).execute()

    await upToDecision(crn)
    const decisionPage = await pat.get(`/people/${crn}/recall`)
    expect(decisionPage.body).toContain('Next: Record the decision')
    expect(decisionPage.body).toContain('Is it an extended sentence (EDS)?')
    const decided = await step(pat, crn, { step: 'decision', decision: 'fixed_term', extendedSentence: 'no' })
    expect(decided.statusCode, decided.body.slice(0, 500)).toBe(303)
    const events = await t.handle.db
      .selectFrom('outbox_events')
      .select(['event_type', 'payload'])
      .where('person_id', '=', personId)
      .where('event_type', '=', 'recall.decided')
      .execute()
    expect(events).toHaveLength(1)
    expect(JSON.stringify(events[0].payload)).toContain('"fixedTermDays":14')
    // The enforcement page's recall consideration follows the workflow's decision, still open until the return.
    expect(await consideration()).toMatchObject({ status: 'recall_decided', decision: 'fixed_term', closed: false })

    expect((await step(pat, crn, { step: 'part_a' })).statusCode).toBe(303)
    const r = await recallOf(personId)
    const pdf = await pat.get(`/people/${crn}/recall/${r.id}/pdf`)
    expect(pdf.headers['content-type']).toBe('application/pdf')
    const text = (await pdfText(pdf.rawPayload)).replace(/\s+/g, ' ')
    expect(text).toContain('Part A: recall report')
    expect(text).toContain(crn)
    expect(text).toContain('A1234BC')
    expect(text).toContain('04600')
    expect(text).toContain('Breach of a licence condition')
    expect(text).toContain('left the approved address')
    expect(text).toContain('Increased reporting; curfew variation refused.')
    expect(text).toContain('Fixed-term recall')
    expect(text).toContain('Fixed term: 14 days')

    // Who may countersign: not the practitioner; the senior first; the second by someone else standing for the ACO.
    const byPat = await step(pat, crn, { step: 'senior_countersignature' })
    expect(byPat.statusCode).toBe(400)
    expect(byPat.body).toContain('cannot countersign')
    const acoFirst = await step(admin, crn, { step: 'aco_countersignature' })
    expect(acoFirst.body).toContain('Countersignature by a senior first.')
    expect((await step(sam, crn, { step: 'senior_countersignature' })).statusCode).toBe(303)
    const samAgain = await step(sam, crn, { step: 'aco_countersignature' })
    expect(samAgain.statusCode).toBe(400)
    expect(samAgain.body).toContain('someone other than the first')
    expect((await step(admin, crn, { step: 'aco_countersignature' })).statusCode).toBe(303)
    // The Part A that goes to PPCS carries both countersignatures; the one first produced is kept as it was.
    const signed = (await pdfText((await pat.get(`/people/${crn}/recall/${r.id}/pdf`)).rawPayload)).replace(/\s+/g, ' ')
    expect(signed).toMatch(/Senior \(first countersignature\): signed by Sam Senior on \d{1,2} \w+ \d{4}/)
    expect(signed).toMatch(/standing for the ACO\): signed by \w+ Administrator on/)
    expect(signed).toContain('Fixed term: 14 days')
    expect(text).toContain('Senior (first countersignature): to be signed')
    const kept = await recallOf(personId)
    expect((await pdfText(Buffer.from(kept.part_a_pdf!))).replace(/\s+/g, ' ')).toContain('to be signed')

    const noDate = await step(pat, crn, { step: 'sent_to_ppcs' })
    expect(noDate.statusCode).toBe(400)
    expect(noDate.body).toContain('href="#sentOn-day"')
    expect((await step(pat, crn, { step: 'sent_to_ppcs', ...dateFields('sentOn', today) })).statusCode).toBe(303)
    expect((await step(pat, crn, { step: 'custody_return', ...dateFields('returnedOn', today) })).statusCode).toBe(303)

    const done = await recallOf(personId)
    expect(done.sent_to_ppcs_on).toBe(today.toString())
    expect(done.re_release_date).toBe(today.plusDays(14).toString())
    expect(done.closed_on).toBe(today.toString())
    const person = await t.handle.db
      .selectFrom('people')
      .select('case_status')
      .where('id', '=', personId)
      .executeTakeFirstOrThrow()
    expect(person.case_status).toBe('recalled')
    const followed = await consideration()
    expect(followed).toMatchObject({ status: 'recalled', closed: true })
    expect(followed.history.map(h => h.status)).toEqual(['considered', 'recall_decided', 'recalled'])
    expect(followed.history[2].notes).toContain('Recall decision workflow')
    const page = await pat.get(`/people/${crn}/recall`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain(`Fixed-term re-release on`)
    // Every step in the history says its dates in words, as the rest of the page does (never 2026-12-04).
    const history = page.body.slice(page.body.indexOf('>History</h2>'))
    expect(history).toContain(`Sent to the Public Protection Casework Section on ${formatDate(today.toString())}`)
    expect(history).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/)

    const api = await apiClient(t, await issueTestToken(t, 'pat.practitioner')).get(`/api/v1/people/${crn}/recalls`)
    expect(api.statusCode).toBe(200)
    expect(api.json()[0]).toMatchObject({
      decision: 'fixed_term',
      fixedTermDays: 14,
      sentToPpcsOn: today.toString(),
      returnedOn: today.toString(),
      reReleaseDate: today.plusDays(14).toString(),
      nextStep: 'closed',
    })
    const openapi = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })
    expect(openapi.json().paths['/api/v1/people/{crn}/recalls'].get.operationId).toBe('listRecalls')
  })

  it('refuses a fixed-term recall for a violent offence with the reason, and ends a decision not to recall with its letter', async () => {
    const crn = 'X100006'
    const personId = await licenceCase(crn, { offence: '00501' })
    const consideration = await openConsideration(personId)
    await upToDecision(crn)
    const page = await pat.get(`/people/${crn}/recall`)
    expect(page.body).toContain('is in the category “Violence”')
    const refused = await step(pat, crn, { step: 'decision', decision: 'fixed_term', extendedSentence: 'no' })
    expect(refused.statusCode).toBe(400)
    expect(refused.body).toContain('href="#decision"')
    expect(refused.body).toContain('A fixed-term recall is not possible')
    expect((await recallOf(personId)).decision).toBeNull()

    const blank = await step(pat, crn, { step: 'decision' })
    expect(blank.statusCode).toBe(400)
    expect(blank.body).toContain('Select the decision')

    expect((await step(pat, crn, { step: 'decision', decision: 'no_recall', extendedSentence: 'no' })).statusCode).toBe(
      303,
    )
    const r = await recallOf(personId)
    expect(r.closed_on).toBe(today.toString())
    expect(await consideration()).toMatchObject({ status: 'closed', decision: 'no_recall', closed: true })
    const letter = await pat.get(`/people/${crn}/recall/${r.id}/pdf`)
    const text = (await pdfText(letter.rawPayload)).replace(/\s+/g, ' ')
    expect(text).toContain('We have decided not to recall you this time.')
    expect(text).toContain('Risk to his former partner is rising.')
    const after = await step(pat, crn, { step: 'part_a' })
    expect(after.statusCode).toBe(400)
    const status = await t.handle.db
      .selectFrom('people')
      .select('case_status')
      .where('id', '=', personId)
      .executeTakeFirstOrThrow()
    expect(status.case_status).toBe('on_licence')
  })

  it('refuses bad input and a recall on post-sentence supervision, saving nothing', async () => {
    const crn = 'X100002'
    const personId = await licenceCase(crn, { status: 'on_pss' })
    const empty = await step(pat, crn, { step: 'concern' })
    expect(empty.statusCode).toBe(400)
    expect(empty.body).toContain('Select the grounds for recall')
    expect(empty.body).toContain('Enter your concern')
    const pss = await step(pat, crn, { step: 'concern', grounds: 'licence_breach', concern: 'Missed appointments.' })
    expect(pss.statusCode).toBe(400)
    expect(pss.body).toContain('Post-sentence supervision cannot be enforced by recall')
    const noStep = await step(pat, crn, {})
    expect(noStep.statusCode).toBe(400)
    const rows = await t.handle.db.selectFrom('recalls').select('id').where('person_id', '=', personId).execute()
    expect(rows).toEqual([])
  })
})
