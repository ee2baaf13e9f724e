import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { ACTION_WORDS, csvCell, PAGE_WORDS } from './audit-words.ts'
import { insertPerson } from './queries.ts'

/**
 * Issue 13, item 6: "who has looked at this record" in plain words, with who (name, role, organisation), repeated
 * looks grouped, filters by who, organisation and dates, paging, and a CSV export for an auditor.
 */

let t: TestApp
let auditor: TestBrowser
let pat: TestBrowser
const db = () => t.handle.db
let users: Record<string, number>

beforeAll(async () => {
  t = await createTestApp()
  ;[auditor, pat] = await Promise.all([t.signIn('auditor'), t.signIn('pat.practitioner')])
  const rows = await db().selectFrom('users').select(['id', 'username']).execute()
  users = Object.fromEntries(rows.map(u => [u.username, Number(u.id)]))
}, 120_000)
afterAll(() => t?.close())

/** A person of their own, so that their trail holds only what the test wrote. */
async function freshPerson(surname: string) {
  return insertPerson(db(), { forename: 'Audit', surname, date_of_birth: '1980-01-01', gender: 'male' }, 'X')
}

/** Writes audit rows about the person as if these users had done these things at these instants. */
async function trail(
  personId: number,
  rows: { user: string | null; action: string; at: string; detail?: object; shown?: boolean }[],
) {
  await db()
    .insertInto('audit_events')
    .values(
      rows.map((r, i) => ({
        user_id: r.user ? users[r.user]! : null,
        username: r.user,
        action: r.action,
        at: new Date(r.at),
        person_id: r.shown ? null : personId,
        shown_person_ids: r.shown ? [personId] : null,
        request_id: `req-${personId}-${i}-abcdef`,
        detail: r.detail ? JSON.stringify(r.detail) : null,
      })),
    )
    .execute()
}

const rowsOf = (html: string) =>
  [...html.matchAll(/<tr class="govuk-table__row" data-qa="audit-event">([\s\S]*?)<\/tr>/g)].map(m => {
    const cell = (qa: string) =>
      (new RegExp(`data-qa="${qa}">([\\s\\S]*?)</(td|span)>`).exec(m[1]!)?.[1] ?? '')
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
    return {
      when: cell('audit-when'),
      who: cell('audit-user'),
      role: cell('audit-role'),
      organisation: cell('audit-organisation'),
      what: cell('audit-action'),
    }
  })

describe('who has looked at this record: plain words (issue 13)', () => {
  it('says what happened in words and who did it (name, role, organisation), never codes, JSON or request ids', async () => {
    const { id, crn } = await freshPerson('Plainwords')
    await trail(id, [
      { user: 'pat.practitioner', action: 'PERSON_VIEW', at: '2026-11-02T09:12:00Z', detail: { page: 'overview' } },
      { user: 'pat.practitioner', action: 'PERSON_ADDRESS_ADD', at: '2026-11-02T09:20:00Z', detail: { addressId: 9 } },
      {
        user: 'alex.crc',
        action: 'ACCESS_DENIED',
        at: '2026-11-02T10:00:00Z',
        detail: { attempted: 'person:read', reason: 'This case is managed by another provider' },
      },
      { user: 'sam.senior', action: 'CASELOAD_VIEW', at: '2026-11-03T08:00:00Z', shown: true },
      {
        user: 'pat.practitioner',
        action: 'PERSON_SEARCH',
        at: '2026-11-03T08:05:00Z',
        detail: { q: 'plainwords' },
        shown: true,
      },
      { user: null, action: 'RISK_RECALCULATED', at: '2026-11-03T08:06:00Z', detail: { algorithms: ['RSR'] } },
      { user: 'admin', action: 'SOMETHING_NEW_HAPPENED', at: '2026-11-03T08:07:00Z', detail: { a: { b: 1 } } },
    ])
    const page = await auditor.get(`/people/${crn}/audit`)
    expect(page.statusCode).toBe(200)
    const rows = rowsOf(page.body)
    expect(rows.map(r => r.what)).toEqual([
      'Something new happened',
      'Recalculated the risk scores',
      'Found in a search for ‘plainwords’',
      'Shown in a caseload',
      'Refused access: This case is managed by another provider',
      'Changed the address',
      'Viewed the overview',
    ])
    expect(rows.at(-1)).toEqual({
      when: '2 November 2026 09:12',
      who: 'Pat Practitioner',
      role: 'Practitioner (probation officer or PSO)',
      organisation: expect.stringMatching(/\S/),
      what: 'Viewed the overview',
    })
    expect(rows.find(r => r.who === 'Sam Senior')!.role).toBe('Senior (team manager)')
    expect(rows[1]!.who).toBe('Probity (automatic)')
    const table = page.body.slice(page.body.indexOf('data-qa="audit-events"'), page.body.indexOf('</table>'))
    expect(table).not.toContain('{')
    expect(table).not.toMatch(/PERSON_|_VIEW|ACCESS_DENIED|RISK_RECALCULATED/)
    expect(page.body).not.toContain(`req-${id}-`)
    expect(page.body).not.toContain('test-auditor')
  })

  it('names every audit action and viewed page written anywhere in the code', () => {
    const files: string[] = []
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name)
        if (statSync(path).isDirectory()) walk(path)
        else if (path.endsWith('.ts') && !path.endsWith('.test.ts') && !path.includes('/seed/')) files.push(path)
      }
    }
    walk(join(import.meta.dirname, '..', '..'))
    const actions = new Set<string>()
    const pages = new Set<string>()
    for (const file of files) {
      const source = readFileSync(file, 'utf8')
      for (const line of source.split('\n')) {
        if (/action|_VIEW =/.test(line)) for (const m of line.matchAll(/'([A-Z]+(?:_[A-Z]+)+)'/g)) actions.add(m[1]!)
        if (/audit|viewed\(|formPage\(|auditPeopleShown|page: '/.test(line))
          for (const m of line.matchAll(/(?:page: |viewed\([^)]*?, |formPage\([^)]*?, )'([a-z][a-z-]*)'/g))
            pages.add(m[1]!)
      }
    }
    // Test-only actions written by the database and chain tests are not in the product's trail.
    const missingActions = [...actions].filter(a => !ACTION_WORDS[a] && !/^(ROLE_TEST|TEST)$/.test(a))
    expect(missingActions).toEqual([])
    expect(actions.size).toBeGreaterThan(40)
    expect([...pages].filter(p => !PAGE_WORDS[p])).toEqual([])
    expect(pages.size).toBeGreaterThan(20)
  })
})

describe('repeated looks, filters and paging', () => {
  it('groups one user’s looks at one page on one day into one row with how many and when', async () => {
    const caseload = await pat.get('/caseload')
    const crn = /data-qa="caseload-row-([A-Z][0-9]{6})"/.exec(caseload.body)![1]!
    for (let i = 0; i < 3; i++) expect((await pat.get(`/people/${crn}`)).statusCode).toBe(200)
    await pat.get(`/people/${crn}/addresses`)
    const rows = rowsOf((await auditor.get(`/people/${crn}/audit`)).body).filter(r => r.who === 'Pat Practitioner')
    expect(rows.filter(r => r.what.startsWith('Viewed the overview'))).toEqual([
      expect.objectContaining({ what: 'Viewed the overview 3 times' }),
    ])
    expect(rows.filter(r => r.what.startsWith('Viewed the addresses'))).toHaveLength(1)

    const { id, crn: other } = await freshPerson('Grouped')
    await trail(id, [
      { user: 'pat.practitioner', action: 'PERSON_VIEW', at: '2026-11-02T09:12:00Z', detail: { page: 'overview' } },
      { user: 'pat.practitioner', action: 'PERSON_VIEW', at: '2026-11-02T12:00:00Z', detail: { page: 'overview' } },
      { user: 'pat.practitioner', action: 'PERSON_VIEW', at: '2026-11-02T16:40:00Z', detail: { page: 'overview' } },
      // Another day, another page and another user are rows of their own; so is each change.
      { user: 'pat.practitioner', action: 'PERSON_VIEW', at: '2026-11-03T09:00:00Z', detail: { page: 'overview' } },
      { user: 'pat.practitioner', action: 'PERSON_VIEW', at: '2026-11-02T10:00:00Z', detail: { page: 'addresses' } },
      { user: 'sam.senior', action: 'PERSON_VIEW', at: '2026-11-02T10:00:00Z', detail: { page: 'overview' } },
      { user: 'pat.practitioner', action: 'CONTACT_RECORD', at: '2026-11-02T11:00:00Z' },
      { user: 'pat.practitioner', action: 'CONTACT_RECORD', at: '2026-11-02T11:05:00Z' },
    ])
    const grouped = rowsOf((await auditor.get(`/people/${other}/audit`)).body)
    expect(grouped.map(r => `${r.when} · ${r.who} · ${r.what}`)).toEqual([
      '3 November 2026 09:00 · Pat Practitioner · Viewed the overview',
      '2 November 2026 09:12–16:40 · Pat Practitioner · Viewed the overview 3 times',
      '2 November 2026 11:05 · Pat Practitioner · Recorded a contact',
      '2 November 2026 11:00 · Pat Practitioner · Recorded a contact',
      // At the same minute, the later-written row first.
      '2 November 2026 10:00 · Sam Senior · Viewed the overview',
      '2 November 2026 10:00 · Pat Practitioner · Viewed the addresses',
    ])
  })

  it('filters by who looked, organisation and dates, and refuses a bad date with the error summary', async () => {
    const { id, crn } = await freshPerson('Filtered')
    await trail(id, [
      { user: 'pat.practitioner', action: 'PERSON_VIEW', at: '2026-10-01T09:00:00Z', detail: { page: 'overview' } },
      { user: 'alex.crc', action: 'ACCESS_DENIED', at: '2026-10-05T09:00:00Z', detail: { reason: 'Another provider' } },
      { user: 'sam.senior', action: 'PERSON_VIEW', at: '2026-10-10T09:00:00Z', detail: { page: 'addresses' } },
    ])
    const whats = async (query: string) =>
      rowsOf((await auditor.get(`/people/${crn}/audit?${query}`)).body).map(r => r.what)
    expect(await whats(`who=${users['pat.practitioner']}`)).toEqual(['Viewed the overview'])
    const crc = await db()
      .selectFrom('staff')
      .select('provider_id')
      .where('code', '=', 'CRC001')
      .executeTakeFirstOrThrow()
    expect(await whats(`organisation=${crc.provider_id}`)).toEqual(['Refused access: Another provider'])
    expect(await whats('from-day=2&from-month=10&from-year=2026&to-day=9&to-month=10&to-year=2026')).toEqual([
      'Refused access: Another provider',
    ])
    expect(await whats('from-day=11&from-month=10&from-year=2026&to-day=31&to-month=10&to-year=2026')).toEqual([])
    // The form offers the people in this trail, and keeps what was chosen.
    const page = await auditor.get(`/people/${crn}/audit?who=${users['sam.senior']}`)
    expect(page.body).toContain(`<option value="${users['sam.senior']}" selected>Sam Senior (sam.senior)</option>`)
    expect((await auditor.get(`/people/${crn}/audit?from-day=1&from-month=1&from-year=2030`)).body).toContain(
      'Nothing matches the filters.',
    )

    for (const [query, message] of [
      ['from-day=31&from-month=2&from-year=2026', 'The start date must be a real date'],
      ['from-day=1&from-month=&from-year=2026', 'The start date must include a day, month and year'],
      ['from-day=10&from-month=10&from-year=2026&to-day=1&to-month=10&to-year=2026', 'The end date must be the same'],
      ['who=pat', 'Choose who looked from the list'],
    ]) {
      const bad = await auditor.get(`/people/${crn}/audit?${query}`)
      expect(bad.statusCode, query).toBe(400)
      expect(bad.body).toContain('govuk-error-summary')
      expect(bad.body).toContain(message)
      expect((await auditor.get(`/people/${crn}/audit.csv?${query}`)).statusCode).toBe(400)
    }
  })

  it('shows 50 rows a page with MoJ pagination that keeps the filters', async () => {
    const { id, crn } = await freshPerson('Paged')
    await trail(
      id,
      Array.from({ length: 120 }, (_, i) => ({
        user: 'pat.practitioner',
        action: 'CONTACT_RECORD',
        at: new Date(Date.UTC(2026, 9, 1, 9, 0) + i * 60_000).toISOString(),
      })),
    )
    const who = `who=${users['pat.practitioner']}`
    const first = await auditor.get(`/people/${crn}/audit?${who}`)
    expect(rowsOf(first.body)).toHaveLength(50)
    expect(first.body).toContain('moj-pagination')
    expect(first.body).toContain('Showing 1 to 50 of 120 total results')
    expect(first.body).toContain(`href="?${who}&amp;page=2"`)
    const third = await auditor.get(`/people/${crn}/audit?${who}&page=3`)
    const rows = rowsOf(third.body)
    expect(rows).toHaveLength(20)
    expect(rows.at(-1)!.when).toBe('1 October 2026 10:00')
    expect(third.body).toContain('Showing 101 to 120 of 120 total results')
    // A page past the end shows the last page, not an error.
    expect(rowsOf((await auditor.get(`/people/${crn}/audit?${who}&page=99`)).body)).toHaveLength(20)
  })
})

describe('the export for an auditor', () => {
  it('downloads the filtered rows as CSV, escaped and safe to open in a spreadsheet, and the export is audited', async () => {
    const { id, crn } = await freshPerson('Exported')
    const formula = await db()
      .insertInto('users')
      .values({
        username: 'formula.user',
        display_name: '=HYPERLINK("http://x.test","Click, me")',
        password_hash: 'x',
        roles: ['practitioner'],
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    users['formula.user'] = Number(formula.id)
    await trail(id, [
      { user: 'pat.practitioner', action: 'PERSON_VIEW', at: '2026-11-02T09:12:00Z', detail: { page: 'overview' } },
      { user: 'pat.practitioner', action: 'PERSON_VIEW', at: '2026-11-02T16:40:00Z', detail: { page: 'overview' } },
      { user: 'formula.user', action: 'PERSON_SEARCH', at: '2026-11-04T09:00:00Z', detail: { q: '-2+3' }, shown: true },
      { user: 'sam.senior', action: 'PERSON_VIEW', at: '2026-11-06T09:00:00Z', detail: { page: 'overview' } },
    ])
    const page = await auditor.get(
      `/people/${crn}/audit?from-day=1&from-month=11&from-year=2026&to-day=5&to-month=11&to-year=2026`,
    )
    expect(page.body).toContain(
      `href="/people/${crn}/audit.csv?from-day=1&amp;from-month=11&amp;from-year=2026&amp;to-day=5&amp;to-month=11&amp;to-year=2026"`,
    )
    const csv = await auditor.get(
      `/people/${crn}/audit.csv?from-day=1&from-month=11&from-year=2026&to-day=5&to-month=11&to-year=2026`,
    )
    expect(csv.statusCode).toBe(200)
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="who-has-looked-${crn}.csv"`)
    const lines = csv.body.split('\r\n')
    expect(lines[0]).toBe('Date,Time,What,Times,Name,Username,Role,Organisation')
    expect(lines[1]).toBe(
      `4 November 2026,09:00,Found in a search for ‘-2+3’,1,"'=HYPERLINK(""http://x.test"",""Click, me"")",formula.user,Practitioner (probation officer or PSO),National (no provider)`,
    )
    expect(lines[2]).toMatch(
      /^2 November 2026,09:12–16:40,Viewed the overview 2 times,2,Pat Practitioner,pat\.practitioner,Practitioner \(probation officer or PSO\),.+$/,
    )
    // Filtered: Sam's look of 6 November is outside the dates.
    expect(lines.slice(3)).toEqual([''])
    expect(csv.body).not.toContain('{')

    const exported = await db()
      .selectFrom('audit_events')
      .select(['username', 'detail'])
      .where('action', '=', 'PERSON_AUDIT_EXPORT')
      .where('person_id', '=', id)
      .execute()
    expect(exported).toEqual([
      { username: 'auditor', detail: { filter: expect.objectContaining({ 'from-day': '1', 'to-day': '5' }) } },
    ])
    expect(rowsOf((await auditor.get(`/people/${crn}/audit`)).body).map(r => r.what)).toContain(
      'Downloaded who has looked at this record',
    )
  })

  it('escapes cells as RFC 4180 asks and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"')
    for (const start of ['=', '+', '-', '@', '\t']) expect(csvCell(`${start}1+1`)).toBe(`'${start}1+1`)
    expect(csvCell('=1,2')).toBe(`"'=1,2"`)
    expect(csvCell(7)).toBe('7')
  })

  it('is refused to a user who is not an auditor, page and export alike', async () => {
    const { crn } = await freshPerson('Refused')
    expect((await pat.get(`/people/${crn}/audit`)).statusCode).toBe(403)
    const csv = await pat.get(`/people/${crn}/audit.csv`)
    expect(csv.statusCode).toBe(403)
    expect(csv.headers['content-type']).not.toContain('text/csv')
    expect((await auditor.get(`/people/${crn}/audit.csv`)).statusCode).toBe(200)
  })
})
