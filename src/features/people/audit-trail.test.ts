import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'

/**
 * Issue 12, finding 14: lists reveal people without trace. Every list (search results, caseload, my day, team,
 * allocation queue) records who it showed, and each person's "who has looked" page says where they appeared, who
 * saw them and when.
 */

let t: TestApp
let auditor: TestBrowser
beforeAll(async () => {
  t = await createTestApp()
  auditor = await t.signIn('auditor')
}, 120_000)
afterAll(() => t?.close())

const crnsOf = (html: string, qa: string) => [
  ...new Set([...html.matchAll(new RegExp(`data-qa="${qa}-([A-Z][0-9]{6})"`, 'g'))].map(m => m[1]!)),
]

/** The rows of the person's "who has looked" page: who (their name) and what, in plain words. */
async function whoHasLooked(crn: string) {
  const page = await auditor.get(`/people/${crn}/audit`)
  expect(page.statusCode).toBe(200)
  return [...page.body.matchAll(/<tr class="govuk-table__row" data-qa="audit-event">([\s\S]*?)<\/tr>/g)].map(m => {
    const cell = (qa: string) => new RegExp(`data-qa="${qa}">([^<]*)<`).exec(m[1]!)?.[1]?.trim() ?? ''
    return { who: cell('audit-user'), what: cell('audit-action') }
  })
}

describe('who has looked: the lists that showed a person (issue 12, finding 14)', () => {
  it('a practitioner searches and views their caseload: the person’s page lists both appearances, with who', async () => {
    const pat = await t.signIn('pat.practitioner')
    const caseload = await pat.get('/caseload')
    const [crn, other] = crnsOf(caseload.body, 'caseload-row')
    expect(crn && other).toBeTruthy()
    const { surname } = await t.handle.db
      .selectFrom('people')
      .select('surname')
      .where('crn', '=', crn!)
      .executeTakeFirstOrThrow()
    expect((await pat.get(`/people?q=${encodeURIComponent(surname)}`)).body).toContain(crn)
    await pat.get(`/people?q=${crn}`)
    await pat.get('/my-day')

    const rows = await whoHasLooked(crn!)
    expect(rows).toEqual(
      expect.arrayContaining([
        { who: 'Pat Practitioner', what: `Found in a search for ‘${crn}’` },
        { who: 'Pat Practitioner', what: `Found in a search for ‘${surname.replace(/'/g, '&#39;')}’` },
        { who: 'Pat Practitioner', what: 'Shown in a caseload' },
      ]),
    )
    // The caseload's row names only this person here, not the others the list showed.
    expect(rows.find(r => r.what === 'Shown in a caseload')!.what).not.toContain(other!)
    // Someone the CRN search did not show has no appearance for it.
    const otherRows = await whoHasLooked(other!)
    expect(otherRows.map(r => r.what)).not.toContain(`Found in a search for ‘${crn}’`)
    expect(otherRows.map(r => r.what)).toContain('Shown in a caseload')
  })

  it('the team view and the allocation queue are listed on the page of each person they showed', async () => {
    const sam = await t.signIn('sam.senior')
    const team = await sam.get('/team')
    const [inTeam] = crnsOf(team.body, 'caseload-row')
    expect(inTeam).toBeTruthy()
    const queue = await sam.get('/allocations?pdu=PS-NW-N')
    const [queued] = crnsOf(queue.body, 'queue-row')
    expect(queued).toBeTruthy()

    expect((await whoHasLooked(inTeam!)).filter(r => r.what.startsWith('Shown in the caseload of team'))).toEqual([
      { who: 'Sam Senior', what: expect.stringMatching(/^Shown in the caseload of team \S+$/) },
    ])
    expect((await whoHasLooked(queued!)).filter(r => r.what.startsWith('Shown in the allocation queue'))).toEqual([
      { who: 'Sam Senior', what: 'Shown in the allocation queue of delivery unit PS-NW-N' },
    ])
  })

  it('a list row records the people shown, masked ones too, in one audit row', async () => {
    const pat = await t.signIn('pat.practitioner')
    const before = await t.handle.db
      .selectFrom('audit_events')
      .select(t.handle.db.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const caseload = await pat.get('/caseload')
    const masked = [...caseload.body.matchAll(/data-qa="masked-row" data-crn="([A-Z][0-9]{6})"/g)].map(m => m[1]!)
    expect(masked.length).toBeGreaterThan(0)
    const shown = [...crnsOf(caseload.body, 'caseload-row'), ...masked]
    const rows = await t.handle.db
      .selectFrom('audit_events')
      .select(['shown_person_ids', 'action'])
      .where('action', '=', 'CASELOAD_VIEW')
      .orderBy('id', 'desc')
      .limit(1)
      .execute()
    const people = await t.handle.db.selectFrom('people').select(['id', 'crn']).execute()
    const crnOf = new Map(people.map(p => [Number(p.id), p.crn]))
    const recorded = rows[0]!.shown_person_ids!.map(id => crnOf.get(Number(id)))
    expect(recorded.sort()).toEqual([...new Set(shown)].sort())
    const after = await t.handle.db
      .selectFrom('audit_events')
      .select(t.handle.db.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n) - Number(before.n)).toBe(1)
  })
})
