import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../clock.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { insertPerson } from '../people/queries.ts'
import { loadSentenceSummary } from './service.ts'

// Issue 13, item 6: requirements whose end date had passed still showed "Current". The clock is fixed on 1 April
// 2028: an 18-month community order made on 2 March 2027 runs to 1 September 2028; its 100 hours of unpaid work
// must be done within 12 months (Sch 9 Part 1), so that requirement ended on 1 March 2028; its RAR runs on.
let t: TestApp
let pat: TestBrowser
beforeAll(async () => {
  t = await createTestApp({ clock: fixedClock('2028-04-01T10:00:00Z') })
  pat = await t.signIn('pat.practitioner')
})
afterAll(() => t.close())

const date = (prefix: string, iso: string) => {
  const [y, m, d] = iso.split('-')
  return { [`${prefix}-day`]: String(Number(d)), [`${prefix}-month`]: String(Number(m)), [`${prefix}-year`]: y }
}

const status = (html: string, type: string) =>
  new RegExp(`data-qa="requirement-${type}"[\\s\\S]*?data-qa="requirement-status">([^<]*)`).exec(html)?.[1].trim()

describe('requirement status on the record', () => {
  it('shows a requirement whose end date has passed as ended, and one still running as current', async () => {
    const db = t.handle.db
    const team = await db.selectFrom('teams').select('id').where('code', '=', 'PS-NW-N-A').executeTakeFirstOrThrow()
    const provider = await db.selectFrom('providers').select('id').where('code', '=', 'PS').executeTakeFirstOrThrow()
    const p = await insertPerson(
      db,
      {
        forename: 'Testy',
        surname: 'Endedreq',
        date_of_birth: '1990-05-05',
        gender: 'male',
        managing_provider_id: provider.id,
        managing_team_id: team.id,
      },
      'T',
    )
    const recorded = await pat.post(`/people/${p.crn}/sentences`, {
      eventNumber: 'new',
      courtCode: 'NTMC',
      ...date('convictionDate', '2027-02-02'),
      mainOffenceCode: '11800',
      ...date('mainOffenceDate', '2027-01-05'),
      type: 'community_order',
      ...date('sentenceDate', '2027-03-02'),
      lengthValue: '18',
      lengthUnit: 'months',
      'req-unpaid_work': '100',
      'req-rehabilitation_activity': '20',
    })
    expect(recorded.statusCode, recorded.body.slice(0, 2000)).toBe(303)

    const page = await pat.get(`/people/${p.crn}/sentences`)
    expect(page.statusCode).toBe(200)
    expect(status(page.body, 'unpaid_work')).toBe('Ended 1 March 2028')
    expect(status(page.body, 'rehabilitation_activity')).toMatch(/^Current/)

    // Other features (allocation, the case at a glance) see only the requirement still running.
    const summary = await loadSentenceSummary(db, p.id, '2028-04-01')
    expect(summary.latest?.requirements.map(r => r.type)).toEqual(['rehabilitation_activity'])
  })
})
