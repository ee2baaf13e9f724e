import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFactories, type Factories } from '../../../test/factories/index.ts'
import { fixedClock } from '../../clock.ts'
import { createTestApp, type TestApp } from '../../web/testing.ts'

// Mid-afternoon in London: an appointment made for 10:00 today is in the past and needs its outcome.
const clock = fixedClock('2026-12-11T15:00:00Z')

let t: TestApp
let make: Factories
beforeAll(async () => {
  t = await createTestApp({ clock })
  make = createFactories(t.handle.db, { clock })
})
afterAll(() => t?.close())

/** The count on the home page's card `key`, or undefined when there is no such card. */
function count(html: string, key: string): number | undefined {
  const match = new RegExp(`data-qa="card-${key}"[\\s\\S]*?data-qa="count">(\\d+)<`).exec(html)
  return match ? Number(match[1]) : undefined
}
const rows = (html: string, qa: string) => {
  const start = html.indexOf(`data-qa="${qa}"`)
  return start < 0
    ? 0
    : (
        html
          .slice(start)
          .split('</table>')[0]
          .match(/data-qa="appointment"/g) ?? []
      ).length
}

describe('the home page shows each role where its work is, with live counts', () => {
  it("counts a practitioner's appointments today, outcomes to record and caseload as My day and the caseload list them", async () => {
    const pat = await t.signIn('pat.practitioner')
    const before = (await pat.get('/')).body
    await make.caseWithAppointments(1, 0)
    const home = await pat.get('/')
    expect(home.statusCode).toBe(200)
    expect(home.body).toContain('data-qa="work-day"')
    expect(count(home.body, 'today')).toBe(count(before, 'today')! + 1)
    expect(count(home.body, 'outcomes')).toBe(count(before, 'outcomes')! + 1)
    expect(count(home.body, 'caseload')).toBe(count(before, 'caseload')! + 1)
    expect(home.body).toMatch(/data-qa="card-today"[\s\S]*?href="\/my-day"/)

    const myDay = (await pat.get('/my-day')).body
    expect(count(home.body, 'today')).toBe(rows(myDay, 'today'))
    expect(count(home.body, 'outcomes')).toBe(rows(myDay, 'needing-outcome'))
    // The caseload lists every case the practitioner manages, those with limited access as their CRN only.
    const caseload = (await pat.get('/caseload')).body
    expect(count(home.body, 'caseload')).toBe(
      (caseload.match(/data-qa="(?:caseload-row-[A-Z0-9]+|masked-row)"/g) ?? []).length,
    )
  })

  it("shows a senior their delivery unit's allocation queue, the same number the queue page lists", async () => {
    const sam = await t.signIn('sam.senior')
    const home = (await sam.get('/')).body
    expect(home).toContain('data-qa="work-team"')
    const queue = (await sam.get('/allocations')).body
    const listed = (queue.match(/data-qa="queue-row-/g) ?? []).length
    const hidden = Number(/data-qa="hidden">(\d+) further/.exec(queue)?.[1] ?? 0)
    expect(count(home, 'queue')).toBe(listed + hidden)
    expect(home).toMatch(/data-qa="card-queue"[\s\S]*?href="\/allocations"/)
  })

  it("shows a court officer today's court lists, and a new listing today adds to them", async () => {
    const chris = await t.signIn('chris.court')
    const before = count((await chris.get('/')).body, 'court-NTMC') ?? 0
    await make.courtHearing({ court: 'NTMC' })
    const home = (await chris.get('/')).body
    expect(home).toContain('data-qa="work-court"')
    expect(count(home, 'court-NTMC')).toBe(before + 1)
    expect(home).toContain('href="/court-lists?court=NTMC&amp;date=2026-12-11"')
    expect(home).toMatch(/hearings? at Northtown Magistrates&#39;/)
    expect(count(home, 'reports')).toBeGreaterThanOrEqual(0)
  })

  it("gives administrators and auditors their links, and no practitioner's day to those without a caseload", async () => {
    const admin = (await (await t.signIn('admin')).get('/')).body
    expect(admin).toContain('data-qa="work-admin"')
    expect(admin).toContain('href="/admin/users"')
    expect(admin).not.toContain('data-qa="work-day"')
    const auditor = (await (await t.signIn('auditor')).get('/')).body
    expect(auditor).toContain('data-qa="work-audit"')
    expect(auditor).toContain('href="/sharing/urgent"')
    expect(auditor).not.toContain('data-qa="work-team"')
    const contracts = (await (await t.signIn('morgan.contracts')).get('/')).body
    expect(contracts).not.toContain('action="/people"')
    expect(contracts).toContain('href="/calculators/release-dates"')
  })

  it("says today's date in words, not as an ISO date", async () => {
    const home = (await (await t.signIn('pat.practitioner')).get('/')).body
    expect(home).toContain('11 December 2026')
    expect(home).not.toMatch(/>[^<]*2026-12-11[^<]*</)
  })
})

describe('the header of a staff tool', () => {
  it("names the service and the user's organisation, with no GOV.UK crown, and signs out with a form", async () => {
    const pat = await t.signIn('pat.practitioner')
    const page = (await pat.get('/caseload')).body
    expect(page).toMatch(/data-qa="header-service"[^>]*>Probity</)
    expect(page).toMatch(/data-qa="header-organisation">[\s\S]*?Probation Service \(demo\)</)
    expect(page).toContain('Pat Practitioner')
    expect(page).not.toContain('govuk-header__logotype')
    expect(page).not.toContain('govuk-footer__crown')
    expect(page).not.toContain('Crown copyright')
    expect(page).toContain('href="/health"')
    // One current section in the navigation: Caseload.
    expect(page.match(/aria-current="(?:page|true)"/g)).toHaveLength(1)
    expect(page).toMatch(
      /aria-current="page"[^>]*data-qa="nav-caseload"|data-qa="nav-caseload"[^>]*aria-current="page"/,
    )

    const form = /<form method="post" action="\/sign-out"[\s\S]*?name="_csrf" value="([^"]+)"/.exec(page)
    expect(form).not.toBeNull()
    const out = await pat.post('/sign-out', { _csrf: form![1] })
    expect(out.statusCode).toBe(302)
    expect(out.headers.location).toBe('/sign-in?signedOut=1')
    expect((await pat.get('/caseload')).statusCode).toBe(302)
  })

  it("shows another provider's name to its staff", async () => {
    const page = (await (await t.signIn('alex.crc')).get('/')).body
    expect(page).toMatch(/data-qa="header-organisation">[\s\S]*?Northshire Rehabilitation Company \(demo\)</)
  })
})
