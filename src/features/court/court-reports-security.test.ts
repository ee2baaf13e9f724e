import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFactories, type MadePerson } from '../../../test/factories/index.ts'
import { clockFrom } from '../../clock.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { apiClient, issueTestToken } from '../api/testing.ts'

/**
 * Pre-sentence reports under attack (issue 12): a report requested for another provider's team (finding 10), and
 * two saves of one draft at the same moment (finding 8, court part). Run on PGlite and, with
 * PROBITY_TEST_DB=postgres, on PostgreSQL, where the two saves really do run at once.
 */

const TODAY = '2026-03-02'
let t: TestApp
let chris: TestBrowser
let person: MadePerson
let teams: { own: number; other: number }

beforeAll(async () => {
  const clock = clockFrom(() => new Date(`${TODAY}T10:00:00Z`))
  t = await createTestApp({ clock })
  chris = await t.signIn('chris.court')
  person = await createFactories(t.handle.db, { clock }).person({ allocatedTo: 'NWS001' })
  const byCode = async (code: string) =>
    (await t.handle.db.selectFrom('teams').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id
  teams = { own: await byCode('PS-NW-N-C'), other: await byCode('CRC-NW-E-1') }
}, 120_000)
afterAll(() => t.close())

const reportCount = async () =>
  Number(
    (
      await t.handle.db
        .selectFrom('pre_sentence_reports')
        .select(eb => eb.fn.countAll().as('n'))
        .where('person_id', '=', person.personId)
        .executeTakeFirstOrThrow()
    ).n,
  )

describe("finding 10: a report is requested only for one of the user's provider's teams", () => {
  it("refuses another provider's team on the page with the field named, writing nothing", async () => {
    const before = await reportCount()
    const response = await chris.post(`/people/${person.crn}/court/reports`, {
      reportType: 'short_format',
      teamId: String(teams.other),
    })
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('govuk-error-summary')
    expect(response.body).toContain('href="#teamId"')
    expect(await reportCount()).toBe(before)
  })

  it("refuses another provider's team in the API with the field named, writing nothing", async () => {
    const api = apiClient(t, await issueTestToken(t, 'chris.court'))
    const before = await reportCount()
    const response = await api.post(`/api/v1/people/${person.crn}/court/reports`, {
      reportType: 'short_format',
      teamId: teams.other,
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['teamId'])
    expect(await reportCount()).toBe(before)
    const own = await api.post(`/api/v1/people/${person.crn}/court/reports`, {
      reportType: 'short_format',
      teamId: teams.own,
    })
    expect(own.statusCode, own.body).toBe(201)
    expect(await reportCount()).toBe(before + 1)
  })

  it("offers and shows only the user's provider's teams on the team report list", async () => {
    const alex = await t.signIn('alex.crc')
    const page = await alex.get('/court/reports')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('CRC-NW-E-1')
    expect(page.body).not.toContain('PS-NW-N-C')
    expect((await alex.get('/court/reports?team=PS-NW-N-C')).statusCode).toBe(400)
    expect((await alex.get(`/court/reports?team=${teams.own}`)).statusCode).toBe(400)
  })
})

describe('finding 8: two saves of one draft at the same moment', () => {
  it('saves one and answers the other with the conflict page, never a 500', async () => {
    const api = apiClient(t, await issueTestToken(t, 'chris.court'))
    const requested = await api.post(`/api/v1/people/${person.crn}/court/reports`, { reportType: 'standard' })
    expect(requested.statusCode, requested.body).toBe(201)
    const url = `/people/${person.crn}/court/reports/${requested.json().id}`
    for (let round = 0; round < 5; round++) {
      const latest = await t.handle.db
        .selectFrom('pre_sentence_report_versions')
        .select(eb => eb.fn.max('version_number').as('n'))
        .where('report_id', '=', requested.json().id)
        .executeTakeFirst()
      const basedOn = String(Number(latest?.n ?? 0))
      const responses = await Promise.all(
        ['A', 'B'].map(who => chris.post(url, { basedOn, proposal: `Round ${round} by ${who}` })),
      )
      expect(responses.map(r => r.statusCode).sort(), `round ${round}`).toEqual([303, 409])
      const conflict = responses.find(r => r.statusCode === 409)!
      expect(conflict.body).toContain('Someone else saved this report since you opened it')
      expect(conflict.body).toContain('govuk-error-summary')
      const versions = await t.handle.db
        .selectFrom('pre_sentence_report_versions')
        .select('version_number')
        .where('report_id', '=', requested.json().id)
        .execute()
      expect(versions).toHaveLength(round + 1)
    }
  })
})
