import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clockFrom } from '../../clock.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'

/**
 * No re-keying: what the record knows (src/features/sentencing/demo.ts) fills the predictors' and tiers' inputs.
 * Clock: Friday 20 November 2026. pat.practitioner's team manages these demo people:
 * - X100002 (index 1): female, convicted 2 January 2025 of 10400 (violence), community order of 23 January 2025
 *   for 24 months with a RAR and a curfew: current.
 * - X100035 (index 34): a completed order on event 1 (convicted 1 March 2022); event 2 convicted 26 October 2026,
 *   awaiting sentence.
 */

let t: TestApp
let pat: TestBrowser
const risk = (crn: string) => `/people/${crn}/risk`

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/\s+/g, ' ')

beforeAll(async () => {
  t = await createTestApp({ clock: clockFrom(() => new Date('2026-11-20T10:00:00Z')) })
  pat = await t.signIn('pat.practitioner')
}, 120_000)
afterAll(() => t.close())

const personId = async (crn: string) =>
  (await t.handle.db.selectFrom('people').select('id').where('crn', '=', crn).executeTakeFirstOrThrow()).id

describe('the tiers read the sentence on the record', () => {
  it('never says it needs the current sentence when the record has one', async () => {
    const page = await pat.get(risk('X100002'))
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('data-qa="tier-needs"')
    expect(text(page.body)).not.toMatch(/Needs:[^.]*current sentence/i)
    // The page says what it read from the record.
    expect(page.body).toContain('data-qa="from-record"')
    expect(text(page.body)).toMatch(
      /Current sentence Community or suspended sentence with a rehabilitative requirement \(event 1\)/,
    )
  })
})

describe('the assessment items form', () => {
  it('shows what the record knows, with where it came from, and does not ask for it', async () => {
    const form = await pat.get(`${risk('X100002')}/assessment-items`)
    expect(form.statusCode).toBe(200)
    const words = text(form.body)
    expect(form.body).toContain('data-qa="from-record"')
    expect(words).toMatch(/Date of current conviction 2 January 2025 \(event 1\)/)
    expect(words).toMatch(/offence code of the main current offence 10400 [^(]*\(event 1, main offence\)/i)
    expect(words).toMatch(/Total sanctions, including the current one 1 \(convictions recorded: event 1\)/)
    expect(words).toMatch(/Date of first sanction 2 January 2025/)
    expect(words).toMatch(/Current sentence Community or suspended sentence with a rehabilitative requirement/)
    for (const asked of [
      'name="dateOfCurrentConviction-day"',
      'name="currentOffenceCode"',
      'name="totalNumberOfSanctionsForAllOffences"',
      'name="totalNumberOfViolentSanctions"',
      'name="dateOfFirstSanction-day"',
      'name="sentenceType"',
      'name="dateAtStartOfFollowup-day"',
    ])
      expect(form.body).not.toContain(asked)
    // What the record cannot know is still asked.
    expect(form.body).toContain('name="isUnemployed"')
    expect(form.body).toContain('name="previousConvictions"')
  })

  it('asks for what the record lacks: before sentence there is no start of supervision yet', async () => {
    const form = await pat.get(`${risk('X100035')}/assessment-items`)
    const words = text(form.body)
    expect(words).toMatch(/Date of current conviction 26 October 2026 \(event 2\)/)
    expect(words).toMatch(/Total sanctions, including the current one 2 \(convictions recorded: events 1, 2\)/)
    expect(words).toMatch(/Date of first sanction 1 March 2022 \(event 1\)/)
    expect(form.body).toContain('name="dateAtStartOfFollowup-day"')
    expect(form.body).not.toContain('name="dateOfCurrentConviction-day"')
  })

  it('scores from the record: the answers typed and the record together, the record winning', async () => {
    const saved = await pat.post(`${risk('X100002')}/assessment-items`, {
      'assessmentDate-day': '20',
      'assessmentDate-month': '11',
      'assessmentDate-year': '2026',
      basedOnVersion: '0',
      // A stale page cannot overwrite the record's facts.
      currentOffenceCode: '02700',
      previousConvictions: 'NONE',
      isUnemployed: 'no',
    })
    expect(saved.statusCode, saved.body).toBe(303)
    const id = await personId('X100002')
    const ogrs3 = await t.handle.db
      .selectFrom('risk_scores')
      .select(['inputs', 'score'])
      .where('person_id', '=', id)
      .where('algorithm', '=', 'OGRS3')
      .executeTakeFirstOrThrow()
    expect(ogrs3.inputs).toMatchObject({
      currentOffenceCode: '10400',
      dateOfCurrentConviction: '2025-01-02',
      dateAtStartOfFollowup: '2025-01-23',
      totalNumberOfSanctionsForAllOffences: 1,
      dateOfFirstSanction: '2025-01-02',
      gender: 'FEMALE',
    })
    const items = await t.handle.db
      .selectFrom('risk_assessment_items')
      .select('items')
      .where('person_id', '=', id)
      .executeTakeFirstOrThrow()
    expect(items.items).not.toHaveProperty('currentOffenceCode')
    expect(items.items).toMatchObject({ isUnemployed: false, previousConvictions: [] })
    const page = text((await pat.get(risk('X100002'))).body)
    expect(page).not.toMatch(/Needs:[^.]*(date of current conviction|offence code|total sanctions)/i)
  })
})
