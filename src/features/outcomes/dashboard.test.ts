import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { LocalDate } from '@js-joda/core'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clockFrom, fixedClock } from '../../clock.ts'
import { createTestApp, type TestApp } from '../../web/testing.ts'
import { outcomesPaths } from '../../web/paths.ts'
import { createFactories, type MadeSentence } from '../../../test/factories/index.ts'
import { projectWithWork } from '../community-payback/testing.ts'
import { upwRequirement } from '../unpaid-work/testing.ts'
import { cohortOf, cohortRecords } from './cohorts.ts'

/**
 * The open outcomes dashboard at /outcomes (issue 19 item 4), as a member of the public sees it (no sign-in).
 *
 * Fixtures: on top of the demo's few people in the quarter (counted first, as the baseline), community sentences passed on one day of 2025 Q1 (a final cohort on 2026-12-07, 18 months after the
 * quarter ended): a large group managed at the public provider (pat.practitioner, NWS001) of whom some were convicted
 * again within the year (PNC rows), two of them twice; and a small group at the contracted provider (alex.crc, CRC001)
 * whose figures must be suppressed. The expected figures are worked out from those numbers below.
 */

const TODAY = '2026-12-07'
let now = new Date(`${TODAY}T10:00:00Z`)
const clock = clockFrom(() => new Date(now))
/** The factories' today: their sentences are dated 60 days before it, 2025-03-02 (in 2025 Q1). */
const factoriesClock = fixedClock('2025-05-01T10:00:00Z')
const QUARTER = { from: LocalDate.parse('2025-01-01'), to: LocalDate.parse('2025-03-31') }

const LARGE = { size: 32, reoffenders: 12, twice: 2 }
const SMALL = { size: 5, reoffenders: 2 }

let t: TestApp
const people: MadeSentence[] = []
let providerNames: { ps: string; crc: string }
type Counts = { size: number; reoffenders: number; reoffences: number }
/** The demo's own figures for the quarter, before the fixtures. */
const base: Record<'national' | 'ps' | 'crc', Counts> = {
  national: { size: 0, reoffenders: 0, reoffences: 0 },
  ps: { size: 0, reoffenders: 0, reoffences: 0 },
  crc: { size: 0, reoffenders: 0, reoffences: 0 },
}

const percent = (n: number, d: number) => `${((Math.round((n / d) * 10_000) / 10_000) * 100).toFixed(1)}%`
const twoPlaces = (n: number, d: number) => (Math.round((n / d) * 10_000) / 10_000).toFixed(2)

let pncKey = 0
async function reoffence(personId: number, importId: number) {
  await t.handle.db
    .insertInto('proven_offences')
    .values({
      person_id: personId,
      pnc_key: `DASH-${++pncKey}`,
      disposal: 'conviction',
      offence_code: '10501',
      offence_date: '2025-04-15',
      proven_date: '2025-06-01',
      import_id: importId,
    })
    .execute()
}

async function pncImport(): Promise<number> {
  const row = await t.handle.db
    .insertInto('pnc_imports')
    .values({
      file_name: 'dashboard-fixtures.csv',
      format: 'csv',
      checksum: 'dashboard',
      rows_read: 0,
      added: 0,
      already_held: 0,
      unmatched: 0,
      rejected: 0,
      report: '[]',
      imported_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(row.id)
}

async function group(n: number, reoffenders: number, twice: number, allocatedTo: string, importId: number) {
  const make = createFactories(t.handle.db, { clock: factoriesClock })
  for (let i = 0; i < n; i++) {
    const p = await make.sentenced('community', { allocatedTo, forename: `Dash${allocatedTo}${i}` })
    people.push(p)
    if (i < reoffenders) await reoffence(p.personId, importId)
    if (i < twice) await reoffence(p.personId, importId)
  }
}

beforeAll(async () => {
  t = await createTestApp({ clock })
  const providerOf = (staffCode: string) =>
    t.handle.db
      .selectFrom('staff as s')
      .innerJoin('teams as t', 't.id', 's.team_id')
      .innerJoin('delivery_units as du', 'du.id', 't.delivery_unit_id')
      .innerJoin('regions as r', 'r.id', 'du.region_id')
      .innerJoin('providers as p', 'p.id', 'r.provider_id')
      .select(['p.id', 'p.name'])
      .where('s.code', '=', staffCode)
      .executeTakeFirstOrThrow()
  const [psProvider, crcProvider] = [await providerOf('NWS001'), await providerOf('CRC001')]
  providerNames = { ps: psProvider.name, crc: crcProvider.name }
  const scope = { ...QUARTER, asOf: LocalDate.parse(TODAY) }
  const records = await cohortRecords(t.handle.db, scope)
  const counts = (providerId?: number): Counts => {
    const f = cohortOf(
      providerId === undefined ? records : records.filter(r => r.providerId === providerId),
      scope,
    ).figures
    return { size: f.cohortSize, reoffenders: f.reoffenders, reoffences: f.reoffences }
  }
  Object.assign(base, {
    national: counts(),
    ps: counts(Number(psProvider.id)),
    crc: counts(Number(crcProvider.id)),
  })
  const importId = await pncImport()
  await group(LARGE.size, LARGE.reoffenders, LARGE.twice, 'NWS001', importId)
  await group(SMALL.size, SMALL.reoffenders, 0, 'CRC001', importId)
}, 300_000)
afterAll(async () => t.close())

/** An initial allocation of the person's case (as the allocation page records it), sentenced and allocated as said. */
async function allocation(personId: number, sentenceDate: string, allocatedOn: string) {
  const cm = await t.handle.db
    .selectFrom('case_managers')
    .select(['id', 'provider_id', 'team_id', 'staff_id'])
    .where('person_id', '=', personId)
    .executeTakeFirstOrThrow()
  await t.handle.db
    .insertInto('allocations')
    .values({
      person_id: personId,
      kind: 'initial',
      provider_id: cm.provider_id,
      team_id: cm.team_id!,
      staff_id: cm.staff_id!,
      case_manager_id: cm.id,
      decision_outcome: 'public',
      decision: '{}',
      sentence_date: sentenceDate,
      allocated_at: new Date(`${allocatedOn}T12:00:00Z`),
    })
    .execute()
}

async function appointment(personId: number, on: string) {
  await t.handle.db
    .insertInto('contacts')
    .values({ person_id: personId, contact_type: 'COAI', is_appointment: true, starts_at: new Date(`${on}T10:00:00Z`) })
    .execute()
}

const plusDays = (iso: string, n: number) => LocalDate.parse(iso).plusDays(n).toString()

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers })

/** The cells of a table's row, by the row's heading, as text. */
function rowOf(html: string, tableId: string, heading: string): string[] {
  const table = new RegExp(`<table[^>]*id="${tableId}"[\\s\\S]*?</table>`).exec(html)?.[0] ?? ''
  const row = [...table.matchAll(/<tr[\s\S]*?<\/tr>/g)].map(m => m[0]).find(r => r.includes(`>${heading}</th>`))
  expect(row, `${heading} in ${tableId}`).toBeDefined()
  return [...row!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map(m => m[1]!.trim())
}

describe('the open outcomes dashboard', () => {
  it('shows anyone the quarter’s proven reoffending nationally and per provider, beside the national rate', async () => {
    const page = await get(outcomesPaths.dashboard)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('<h1 class="govuk-heading-xl">Probation outcomes</h1>')
    expect(page.body).not.toMatch(/sign out|sign-out/i)
    const size = base.national.size + LARGE.size + SMALL.size
    const reoffenders = base.national.reoffenders + LARGE.reoffenders + SMALL.reoffenders
    const reoffences = base.national.reoffences + LARGE.reoffenders + SMALL.reoffenders + LARGE.twice
    const nationalRate = percent(reoffenders, size)
    expect(rowOf(page.body, 'cohort-2025-q1', 'England and Wales')).toEqual([
      String(size),
      String(reoffenders),
      String(size - reoffenders),
      nationalRate,
      nationalRate,
      twoPlaces(reoffences, reoffenders),
      twoPlaces(reoffences, size),
    ])
    const ps = {
      size: base.ps.size + LARGE.size,
      reoffenders: base.ps.reoffenders + LARGE.reoffenders,
      reoffences: base.ps.reoffences + LARGE.reoffenders + LARGE.twice,
    }
    expect(rowOf(page.body, 'cohort-2025-q1', providerNames.ps)).toEqual([
      String(ps.size),
      String(ps.reoffenders),
      String(ps.size - ps.reoffenders),
      percent(ps.reoffenders, ps.size),
      nationalRate,
      twoPlaces(ps.reoffences, ps.reoffenders),
      twoPlaces(ps.reoffences, ps.size),
    ])
    // 2025 Q1 is final on 7 December 2026; the quarter after it is still provisional.
    expect(page.body).toMatch(
      /People starting January to March 2025\s*<strong class="govuk-tag govuk-tag--green">\s*Final/,
    )
    expect(page.body).toMatch(
      /People starting April to June 2025\s*<strong class="govuk-tag govuk-tag--yellow">\s*Provisional/,
    )
    // The chart is drawn on the server, labelled, with a point for the provider's published rate.
    expect(page.body).toContain('<title id="chart-title">')
    expect(page.body).toContain(`<title>${providerNames.ps}, 2025-Q1: ${percent(ps.reoffenders, ps.size)}</title>`)
    expect(page.body).not.toContain('<script')
  })

  it('suppresses a small group: no count under 10, no rate for a cohort under 30', async () => {
    expect(base.crc.size + SMALL.size).toBeLessThan(10)
    const page = await get(outcomesPaths.dashboard)
    const row = rowOf(page.body, 'cohort-2025-q1', providerNames.crc)
    expect(row.slice(0, 3)).toEqual(['fewer than 10', 'fewer than 10', 'fewer than 10'])
    expect(row[3]).toBe('not published: cohort under 30')
    expect(row[5]).toBe('not published: cohort under 30')
    expect(row[6]).toBe('not published: cohort under 30')
    const csv = (await get(outcomesPaths.csv)).body
    const crcLines = csv
      .split('\r\n')
      .filter(
        l => l.startsWith('proven reoffending,2025-Q1,') && l.includes(',provider,') && l.includes(providerNames.crc),
      )
    expect(crcLines.length).toBeGreaterThan(0)
    for (const l of crcLines) expect(l).toMatch(/,(fewer than 10|not published: cohort under 30)$/)
  })

  it('offers the same figures as CSV', async () => {
    const csv = await get(outcomesPaths.csv)
    expect(csv.statusCode).toBe(200)
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(csv.headers['content-disposition']).toContain('attachment')
    const lines = csv.body.split('\r\n')
    expect(lines[0]).toBe('table,period,status,level,provider,area,measure,value')
    const size = base.national.size + LARGE.size + SMALL.size
    const reoffenders = base.national.reoffenders + LARGE.reoffenders + SMALL.reoffenders
    expect(lines).toContain(`proven reoffending,2025-Q1,final,national,,,cohort size,${size}`)
    expect(lines).toContain(`proven reoffending,2025-Q1,final,national,,,reoffenders,${reoffenders}`)
    expect(lines).toContain(
      `proven reoffending,2025-Q1,final,national,,,binary rate,${(Math.round((reoffenders / size) * 10_000) / 10_000).toFixed(4)}`,
    )
  })

  it('never shows a CRN or a name of anyone in the cohort', async () => {
    const page = (await get(outcomesPaths.dashboard)).body
    const csv = (await get(outcomesPaths.csv)).body
    expect(people.length).toBe(LARGE.size + SMALL.size)
    for (const p of people)
      for (const value of [p.crn, p.forename, p.surname]) {
        expect(page, value).not.toContain(value)
        expect(csv, value).not.toContain(value)
      }
  })

  it('is cacheable by anyone for five minutes, and answers 304 to a client that has it', async () => {
    const page = await get(outcomesPaths.dashboard)
    expect(page.headers['cache-control']).toBe('public, max-age=300')
    expect(page.headers['set-cookie']).toBeUndefined()
    // The page kept for the day is the page rendered first.
    expect((await get(outcomesPaths.dashboard)).body).toBe(page.body)
    const etag = String(page.headers.etag)
    expect(etag).toMatch(/^"[^"]+"$/)
    const again = await get(outcomesPaths.dashboard, { 'if-none-match': etag })
    expect(again.statusCode).toBe(304)
    expect(again.body).toBe('')
    expect(again.headers['cache-control']).toBe('public, max-age=300')
    expect((await get(outcomesPaths.dashboard, { 'if-none-match': '"other"' })).statusCode).toBe(200)
    const csv = await get(outcomesPaths.csv)
    expect(csv.headers['cache-control']).toBe('public, max-age=300')
    expect(csv.headers.etag).not.toBe(etag)
  })

  // Issue 21 item 4: the day's page and CSV are kept as bytes with their compressed copies.
  it('sends the page and the CSV compressed to a browser that asks, the same bytes, with 304s for any copy', async () => {
    for (const url of [outcomesPaths.dashboard, outcomesPaths.csv]) {
      const plain = await get(url)
      const br = await get(url, { 'accept-encoding': 'gzip, deflate, br' })
      const gzip = await get(url, { 'accept-encoding': 'br;q=0, gzip' })
      expect(plain.headers['content-encoding'], url).toBeUndefined()
      expect(br.headers['content-encoding'], url).toBe('br')
      expect(gzip.headers['content-encoding'], url).toBe('gzip')
      expect(brotliDecompressSync(br.rawPayload).toString(), url).toBe(plain.body)
      expect(gunzipSync(gzip.rawPayload).toString(), url).toBe(plain.body)
      expect(br.rawPayload.length, url).toBeLessThan(plain.rawPayload.length / 4)
      for (const response of [plain, br, gzip]) {
        expect(response.headers.vary, url).toMatch(/accept-encoding/i)
        expect(response.headers['cache-control'], url).toBe('public, max-age=300')
        expect(response.headers['set-cookie'], url).toBeUndefined()
      }
      const etags = [plain, br, gzip].map(r => String(r.headers.etag))
      expect(new Set(etags).size, url).toBe(3)
      for (const etag of etags) {
        const again = await get(url, { 'accept-encoding': 'gzip', 'if-none-match': `"other", ${etag}` })
        expect(again.statusCode, `${url} ${etag}`).toBe(304)
        expect(again.body).toBe('')
      }
    }
  })

  it('works out the figures once a day: a new record shows the next day', async () => {
    const before = (await get(outcomesPaths.csv)).body
    const reoffendersLine = (csv: string) =>
      csv.split('\r\n').find(l => l.startsWith('proven reoffending,2025-Q1,final,national,,,reoffenders,'))
    // Someone in the cohort who had not reoffended is convicted of an offence within their year, recorded today...
    const importId = await pncImport()
    await reoffence(people[LARGE.size - 1]!.personId, importId)
    // ...today's figures stay as they were computed (no SQL after the first request of the day)...
    expect((await get(outcomesPaths.csv)).body).toBe(before)
    // ...and tomorrow's count them.
    now = new Date(now.getTime() + 86_400_000)
    const reoffenders = base.national.reoffenders + LARGE.reoffenders + SMALL.reoffenders
    expect(reoffendersLine(before)).toBe(`proven reoffending,2025-Q1,final,national,,,reoffenders,${reoffenders}`)
    expect(reoffendersLine((await get(outcomesPaths.csv)).body)).toBe(
      `proven reoffending,2025-Q1,final,national,,,reoffenders,${reoffenders + 1}`,
    )
  })

  it('shows the service levels met per provider last quarter, suppressed the same way', async () => {
    // Sentences of last quarter (July to September 2026): allocated the next day (within 2 working days) or a week
    // later (late); first appointment the day after allocation (within 5 working days), two weeks after (late) or none.
    const sentenced = '2026-07-15'
    const ps = people.slice(0, LARGE.size)
    const allocatedInTime = 20
    const seenInTime = 17
    for (const [i, p] of ps.entries()) {
      const allocatedOn = plusDays(sentenced, i < allocatedInTime ? 1 : 7)
      await allocation(p.personId, sentenced, allocatedOn)
      if (i < seenInTime) await appointment(p.personId, plusDays(allocatedOn, 1))
      else if (i % 2) await appointment(p.personId, plusDays(allocatedOn, 14))
    }
    for (const p of people.slice(LARGE.size)) await allocation(p.personId, sentenced, plusDays(sentenced, 1))
    now = new Date(now.getTime() + 86_400_000)
    const page = (await get(outcomesPaths.dashboard)).body
    expect(page).toContain('Service levels met, July to September 2026')
    const table = /<table[^>]*data-qa="service-levels"[\s\S]*?<\/table>/.exec(page)![0]
    const row = (name: string) => {
      const tr = [...table.matchAll(/<tr[\s\S]*?<\/tr>/g)].map(m => m[0]).find(r => r.includes(`>${name}</th>`))!
      return [...tr.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map(m => m[1]!.trim())
    }
    expect(row(providerNames.ps)).toEqual([
      String(LARGE.size),
      String(allocatedInTime),
      percent(allocatedInTime, LARGE.size),
      String(LARGE.size),
      String(seenInTime),
      percent(seenInTime, LARGE.size),
    ])
    expect(row(providerNames.crc)).toEqual([
      'fewer than 10',
      'fewer than 10',
      'not published: cohort under 30',
      'fewer than 10',
      'fewer than 10',
      'not published: cohort under 30',
    ])
  })

  it('shows the Community Payback hours worked last quarter, from the current attendance records', async () => {
    const before = (await get(outcomesPaths.dashboard)).body
    expect(before).not.toContain('>Projects not in an area</th>')
    const providerId = Number(
      (
        await t.handle.db
          .selectFrom('case_managers')
          .select('provider_id')
          .where('person_id', '=', people[0]!.personId)
          .executeTakeFirstOrThrow()
      ).provider_id,
    )
    // One session in August 2026 on a project with no team: 600 minutes recorded, then corrected to 390.
    await projectWithWork(t.handle.db, {
      providerId,
      personId: people[0]!.personId,
      requirementId: Number(await upwRequirement(t.handle.db, people[0]!, 100)),
      name: 'Canal towpath clearance',
      description: 'Towpath cleared.',
      today: '2026-12-09',
      past: '2026-08-10',
      future: '2026-12-20',
      photo: await sharp({ create: { width: 40, height: 30, channels: 3, background: '#336699' } })
        .jpeg()
        .toBuffer(),
    })
    now = new Date(now.getTime() + 86_400_000)
    const page = (await get(outcomesPaths.dashboard)).body
    expect(page).toContain('Community Payback hours worked, July to September 2026')
    const table = /<table[^>]*data-qa="hours"[\s\S]*?<\/table>/.exec(page)![0]
    const row = [...table.matchAll(/<tr[\s\S]*?<\/tr>/g)]
      .map(m => m[0])
      .find(r => r.includes('>Projects not in an area</th>'))
    expect(row).toContain(`>${providerNames.ps}</td>`)
    expect(row).toMatch(new RegExp(`>${Math.floor(390 / 60)}</td>`))
    expect(page).not.toContain('Canal towpath clearance')
  })
})
