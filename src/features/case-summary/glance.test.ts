import { LocalDate } from '@js-joda/core'
import type { KyselyPlugin } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFactories, type Factories, type MadeCase, type MadeSentence } from '../../../test/factories/index.ts'
import { fixedClock } from '../../clock.ts'
import { formatDate } from '../../web/filters.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { loadPersonAccessByCrnWith } from '../../access/person-access.ts'
import { caseGlanceAlongside, caseGlanceView, loadCaseGlance, needsAttention } from './index.ts'

/**
 * The case at a glance on every page of a record, as the people using it would check it: a community case of
 * pat.practitioner's with RoSH, registrations, a tier and a breach in progress; a licence case with a recall; a
 * former case manager (alex.crc) and people kept out by limited access. The clock is fixed on 5 December 2026.
 */

const TODAY = '2026-12-05'
const clock = fixedClock(`${TODAY}T10:00:00Z`)
const dateFields = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-')
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! }
}

let t: TestApp
let make: Factories
let pat: TestBrowser
let c: MadeCase
let licence: MadeSentence
let ids: { registration: number; requirement: number; grant: number; report: number; service: number; referral: number }

const db = () => t.handle.db

async function ok(browser: TestBrowser, url: string) {
  const page = await browser.get(url)
  expect(page.statusCode, `${url}: ${page.body.slice(0, 300)}`).toBe(200)
  return page.body
}

/** The active items of the record's sub-navigation. */
function activeItems(body: string): string[] {
  const nav = /<nav class="moj-sub-navigation"[\s\S]*?<\/nav>/.exec(body)?.[0] ?? ''
  return [...nav.matchAll(/aria-current="page"[^>]*>([^<]*)</g)].map(m => m[1]!.trim())
}

/** The glance's own markup (it ends where the sub-navigation starts). */
function glanceOf(body: string): string {
  return /data-qa="glance"[\s\S]*?<nav class="moj-sub-navigation"/.exec(body)?.[0] ?? ''
}

async function setUpCommunityCase() {
  c = await make.caseWithAppointments(2, 7, { dateOfBirth: '1990-12-05' })
  const risk = `/people/${c.crn}/risk`
  const saved = [
    await pat.post(`${risk}/rosh`, {
      ...dateFields('assessmentDate', TODAY),
      'level-public': 'high',
      'level-knownAdult': 'medium',
      'level-children': 'low',
      'level-staff': 'high',
      'level-prisoners': 'not_assessed',
      whoIsAtRisk: 'Ms Victim Example at 1 Secret Street',
    }),
    ...(await Promise.all(
      (
        [
          { typeCode: 'MAPP', mappaCategory: '2', mappaLevel: '2' },
          { typeCode: 'ADVP', notes: 'Victim: Ms Victim Example' },
          { typeCode: 'RCCO' },
        ] as Record<string, string>[]
      ).map(r =>
        pat.post(`${risk}/registrations`, {
          ...r,
          ...dateFields('registeredDate', TODAY),
          ...dateFields('nextReviewDate', '2027-06-01'),
        }),
      ),
    )),
  ]
  expect(saved.map(s => s.statusCode)).toEqual([303, 303, 303, 303])
  await db()
    .insertInto('breaches')
    .values({ person_id: c.personId, event_id: c.eventId, kind: 'breach', status: 'initiated', initiated_date: TODAY })
    .execute()
}

async function setUpLicenceCase() {
  licence = await make.sentenced('custodial')
  await db().updateTable('people').set({ case_status: 'on_licence' }).where('id', '=', licence.personId).execute()
  await db()
    .updateTable('sentences')
    .set({ key_dates: JSON.stringify({ CRD: '2026-11-02', SLED: '2028-10-06' }), expected_end_date: null })
    .where('id', '=', licence.sentenceId)
    .execute()
  await db()
    .insertInto('breaches')
    .values({
      person_id: licence.personId,
      event_id: licence.eventId,
      kind: 'recall',
      status: 'initiated',
      initiated_date: TODAY,
    })
    .execute()
}

async function idsOfPagesWithIds() {
  const registration = await db()
    .selectFrom('registrations')
    .select('id')
    .where('person_id', '=', c.personId)
    .where('type_code', '=', 'RCCO')
    .executeTakeFirstOrThrow()
  const requirement = await db()
    .selectFrom('requirements')
    .select('id')
    .where('person_id', '=', c.personId)
    .executeTakeFirstOrThrow()
  const grant = await make.accessGrant(c.personId, { to: 'alex.crc', status: 'pending' })
  const report = await pat.post(`/people/${c.crn}/court/reports`, { reportType: 'short_format' })
  expect(report.statusCode, report.body.slice(0, 500)).toBe(303)
  const reportId = Number(/reports\/(\d+)/.exec(String(report.headers.location))![1])
  const service = await db()
    .selectFrom('partner_services')
    .select('id')
    .where('name', '=', 'Accommodation support')
    .executeTakeFirstOrThrow()
  const referral = await pat.post(`/people/${c.crn}/referrals/new?service=${service.id}`, {
    reason: 'Needs a settled home',
    outcomes: 'Has a tenancy',
    ...dateFields('completionDeadline', '2027-03-01'),
    rarDays: '5',
    sensitiveCheck: 'yes',
  })
  expect(referral.statusCode, referral.body.slice(0, 500)).toBe(303)
  const referralId = Number(/referrals\/(\d+)/.exec(String(referral.headers.location))![1])
  ids = {
    registration: registration.id,
    requirement: requirement.id,
    grant,
    report: reportId,
    service: Number(service.id),
    referral: referralId,
  }
}

beforeAll(async () => {
  t = await createTestApp({ clock })
  make = createFactories(t.handle.db, { clock })
  pat = await t.signIn('pat.practitioner')
  await setUpCommunityCase()
  await setUpLicenceCase()
  await idsOfPagesWithIds()
}, 180_000)
afterAll(() => t.close())

/** Every page of the record (route pattern, path after the CRN, the sub-navigation item that is current). */
function casePages(): [string, string, string][] {
  const a = c.appointmentIds[0]
  return [
    ['/people/:crn', '', 'Overview'],
    ['/people/:crn/personal-details', '/personal-details', 'Overview'],
    ['/people/:crn/aliases/new', '/aliases/new', 'Overview'],
    ['/people/:crn/circumstances/new', '/circumstances/new', 'Overview'],
    ['/people/:crn/disabilities/new', '/disabilities/new', 'Overview'],
    ['/people/:crn/equality', '/equality', 'Overview'],
    ['/people/:crn/addresses', '/addresses', 'Addresses'],
    ['/people/:crn/addresses/new', '/addresses/new', 'Addresses'],
    ['/people/:crn/risk', '/risk', 'Risk'],
    ['/people/:crn/risk/rosh', '/risk/rosh', 'Risk'],
    ['/people/:crn/risk/registrations/new', '/risk/registrations/new', 'Risk'],
    ['/people/:crn/risk/registrations/:id/deregister', `/risk/registrations/${ids.registration}/deregister`, 'Risk'],
    ['/people/:crn/risk/assessment-items', '/risk/assessment-items', 'Risk'],
    ['/people/:crn/sentences', '/sentences', 'Sentences'],
    ['/people/:crn/events/new', '/events/new', 'Sentences'],
    ['/people/:crn/sentences/new', '/sentences/new', 'Sentences'],
    ['/people/:crn/sentences/:id/terminate', `/sentences/${c.sentenceId}/terminate`, 'Sentences'],
    ['/people/:crn/requirements/:id/terminate', `/requirements/${ids.requirement}/terminate`, 'Sentences'],
    ['/people/:crn/unpaid-work', '/unpaid-work', 'Sentences'],
    ['/people/:crn/unpaid-work/commitments', '/unpaid-work/commitments', 'Sentences'],
    ['/people/:crn/referrals', '/referrals', 'Referrals'],
    ['/people/:crn/referrals/new', `/referrals/new?service=${ids.service}`, 'Referrals'],
    ['/people/:crn/referrals/:id', `/referrals/${ids.referral}`, 'Referrals'],
    ['/people/:crn/mappa', '/mappa', 'MAPPA'],
    ['/people/:crn/custody', '/custody', 'Custody'],
    ['/people/:crn/custody/new', '/custody/new', 'Custody'],
    ['/people/:crn/release', '/release', 'Custody'],
    ['/people/:crn/allocations', '/allocations', 'Allocations'],
    ['/people/:crn/appointments', '/appointments', 'Appointments'],
    ['/people/:crn/appointments/new', '/appointments/new', 'Appointments'],
    ['/people/:crn/appointments/:id', `/appointments/${a}`, 'Appointments'],
    ['/people/:crn/appointments/:id/reschedule', `/appointments/${a}/reschedule`, 'Appointments'],
    ['/people/:crn/activity', '/activity', 'Activity log'],
    ['/people/:crn/activity/new', '/activity/new', 'Activity log'],
    ['/people/:crn/enforcement', '/enforcement', 'Enforcement'],
    ['/people/:crn/recall', '/recall', 'Enforcement'],
    ['/people/:crn/licence', '/licence', 'Licence'],
    ['/people/:crn/licence/conditions', '/licence/conditions', 'Licence'],
    ['/people/:crn/resettlement', '/resettlement', 'Resettlement'],
    ['/people/:crn/court', '/court', 'Court'],
    ['/people/:crn/court/reports/new', '/court/reports/new', 'Court'],
    ['/people/:crn/court/reports/:id', `/court/reports/${ids.report}`, 'Court'],
    ['/people/:crn/access', '/access', 'Who can see this record'],
    ['/people/:crn/access/requests/:id', `/access/requests/${ids.grant}`, 'Who can see this record'],
  ]
}
/** Pages checked on another case or by another user below. */
const ELSEWHERE = [
  '/people/:crn/sentences/:id/amend',
  '/people/:crn/audit',
  '/people/:crn/custody/:id/move',
  '/people/:crn/custody/:id/managers',
  '/people/:crn/custody/:id/parole',
  '/people/:crn/approved-premises/applications',
]
/** Routes under a record that answer with a file, not a page. */
const FILES = /(\/pdf|\/documents\/:id|\.csv|\/export|\/download)$/

describe('the case at a glance', () => {
  it('is on every page of the record, with tier, RoSH, flags, the order and its end, the breach and the case manager', async () => {
    const tier = await db()
      .selectFrom('tier_calculations')
      .select('tier')
      .where('person_id', '=', c.personId)
      .where('algorithm', 'like', 'tier-v2%')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    const order = await db()
      .selectFrom('sentences')
      .select('expected_end_date')
      .where('id', '=', c.sentenceId)
      .executeTakeFirstOrThrow()
    expect(order.expected_end_date).toMatch(/^2027-/)
    for (const [, path, section] of casePages()) {
      const body = await ok(pat, `/people/${c.crn}${path}`)
      const glance = glanceOf(body)
      const at = `${path || '/'} `
      expect(glance, at).toContain(`Terry ${c.surname}`)
      expect(glance, at).toContain(`CRN: ${c.crn}`)
      expect(glance, at).toContain('5 December 1990')
      expect(glance, at).toContain('(age 36)')
      expect(glance, at).toContain(`href="/people/${c.crn}/risk#tier">${tier.tier}<`)
      expect(glance, at).toMatch(/data-qa="glance-rosh">[\s\S]*?govuk-tag--orange">High</)
      expect(glance, at).toContain('MAPPA category 2, level 2')
      expect(glance, at).toContain('Risk to staff: High')
      expect(glance, at).toContain('Domestic abuse perpetrator')
      expect(glance, at).toContain('Child concerns')
      expect(glance, at).toContain('Community order')
      expect(glance, at).toContain(`Ends ${formatDate(order.expected_end_date)}`)
      expect(glance, at).toContain('>In breach<')
      expect(glance, at).not.toContain('>Recall<')
      expect(glance, at).toContain('Pat Practitioner')
      expect(glance, at).toContain('Northtown Team A')
      // No victim data: neither the RoSH narrative nor a registration's notes.
      expect(glance, at).not.toContain('Victim')
      expect(activeItems(body), at).toEqual([section])
    }
  })

  it('covers every page route under /people/:crn', () => {
    const listed = new Set([...casePages().map(([route]) => route), ...ELSEWHERE])
    const pages = t.app.routeTable.filter(
      r => r.method === 'GET' && r.url.startsWith('/people/:crn') && !FILES.test(r.url),
    )
    expect(pages.map(r => r.url).filter(url => !listed.has(url))).toEqual([])
  })

  it('shows the custody forms of a custody record under Custody', async () => {
    const { id } = await db()
      .insertInto('custody_records')
      .values({
        person_id: licence.personId,
        sentence_id: licence.sentenceId,
        prison_number: 'A1234BC',
        reception_date: '2026-10-06',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (const path of [`/custody/${id}/move`, `/custody/${id}/managers`, `/custody/${id}/parole`]) {
      const body = await ok(pat, `/people/${licence.crn}${path}`)
      expect(glanceOf(body), path).toContain('Licence')
      expect(activeItems(body), path).toEqual(['Custody'])
    }
  })

  it('shows the approved premises application form of a custody case under Resettlement', async () => {
    const body = await ok(pat, `/people/${licence.crn}/approved-premises/applications`)
    expect(glanceOf(body)).toContain('Licence')
    expect(activeItems(body)).toEqual(['Resettlement'])
  })

  it('shows a licence with its end date and the recall marker', async () => {
    for (const path of ['', '/risk', `/sentences/${licence.sentenceId}/amend`]) {
      const body = await ok(pat, `/people/${licence.crn}${path}`)
      const glance = glanceOf(body)
      expect(glance, path).toContain('Licence')
      expect(glance, path).toContain('Licence ends 6 October 2028')
      expect(glance, path).toContain('>Recall<')
      expect(glance, path).not.toContain('>In breach<')
      expect(glance, path).not.toContain('data-qa="glance-flag"')
      expect(activeItems(body), path).toEqual([
        path.startsWith('/sentences') ? 'Sentences' : path ? 'Risk' : 'Overview',
      ])
    }
  })

  it('works out the age from the clock, on the birthday and the day before it', async () => {
    const birthdayToday = await make.person({ allocatedTo: 'NWS001', dateOfBirth: '2008-12-05' })
    const birthdayTomorrow = await make.person({ allocatedTo: 'NWS001', dateOfBirth: '2008-12-06' })
    expect(glanceOf(await ok(pat, `/people/${birthdayToday.crn}/risk`))).toContain('(age 18)')
    expect(glanceOf(await ok(pat, `/people/${birthdayTomorrow.crn}/risk`))).toContain('(age 17)')
    // Late in the evening of 5 December in London (GMT) it is still 5 December.
    const late = await loadCaseGlance(db(), birthdayTomorrow.personId, {
      today: fixedClock(`${TODAY}T23:30:00Z`).today(),
      routeUrl: '/people/:crn',
      viewer: { limited: false, canAudit: false },
    })
    expect(late?.person?.age).toBe(17)
    const next = await loadCaseGlance(db(), birthdayTomorrow.personId, {
      today: LocalDate.parse('2026-12-06'),
      routeUrl: '/people/:crn',
      viewer: { limited: false, canAudit: false },
    })
    expect(next?.person?.age).toBe(18)
  })

  it('shows a person without an order, tier or RoSH plainly', async () => {
    const p = await make.person({ allocatedTo: 'NWS001' })
    const glance = glanceOf(await ok(pat, `/people/${p.crn}`))
    expect(glance).toContain('No current order')
    expect(glance).toContain('Not assessed')
    expect(glance).toContain(`href="/people/${p.crn}/risk#tier">Not calculated<`)
    expect(glance).not.toContain('In breach')
  })

  it('is one statement', async () => {
    let statements = 0
    const counter: KyselyPlugin = {
      transformQuery: args => {
        statements++
        return args.node
      },
      transformResult: async args => args.result,
    }
    const glance = await loadCaseGlance(db().withPlugin(counter), c.personId, {
      today: clock.today(),
      routeUrl: '/people/:crn/risk',
      viewer: { limited: false, canAudit: false },
    })
    expect(glance?.person?.flags.map(f => f.text)).toEqual([
      'MAPPA category 2, level 2',
      'Risk to staff: High',
      'Domestic abuse perpetrator',
      'Child concerns',
    ])
    expect(statements).toBe(1)
  })

  it('leaves "Needs attention" two statements: its own facts and the custody releases', async () => {
    let statements = 0
    // Counted as results come back: a subquery built on the same executor passes through transformQuery too.
    const counter: KyselyPlugin = {
      transformQuery: args => args.node,
      transformResult: async args => {
        statements++
        return args.result
      },
    }
    const attention = await needsAttention(db().withPlugin(counter), { id: c.personId, crn: c.crn }, clock.now(), {
      mayDecideAccess: true,
    })
    expect(attention.items.map(i => i.kind)).toEqual(['access-request', 'allocation'])
    expect(statements).toBe(2)
  })

  it('is the same when the route guard reads it with the access facts, in that one statement', async () => {
    const plain = await make.person({ allocatedTo: 'NWS001' })
    const at = { today: clock.today(), routeUrl: '/people/:crn', viewer: { limited: false, canAudit: true } }
    for (const p of [c, licence, plain]) {
      const alone = await loadCaseGlance(db(), p.personId, at)
      const withFacts = await loadPersonAccessByCrnWith(
        db(),
        p.crn,
        { now: clock.now(), formerManagerMonths: 6 },
        caseGlanceAlongside(p.crn, clock.today()),
      )
      expect(withFacts?.facts.personId).toBe(p.personId)
      expect(caseGlanceView(withFacts!.alongside!, at), p.crn).toEqual(alone)
    }
  })
})

describe('who sees the glance', () => {
  it('gives a former case manager only the risk summary: no order, breach or current case manager', async () => {
    const moved = await make.transferred({
      from: 'CRC001',
      to: 'NWS001',
      transferredDaysAgo: 30,
      dateOfBirth: '1985-03-01',
    })
    const alex = await t.signIn('alex.crc')
    for (const path of ['', '/risk', '/activity']) {
      const body = await ok(alex, `/people/${moved.crn}${path}`)
      const glance = glanceOf(body)
      expect(glance, path).toContain(moved.surname)
      expect(glance, path).toContain('data-qa="glance-tier"')
      expect(glance, path).toContain('data-qa="glance-rosh"')
      expect(glance, path).not.toContain('data-qa="glance-order"')
      expect(glance, path).not.toContain('data-qa="glance-manager"')
      expect(glance, path).not.toContain('Pat Practitioner')
      expect(glance, path).not.toContain('Northtown Team A')
      // Only the pages a former manager may open are offered.
      const nav = /<nav class="moj-sub-navigation"[\s\S]*?<\/nav>/.exec(body)![0]
      expect([...nav.matchAll(/moj-sub-navigation__link[^>]*>([^<]*)</g)].map(m => m[1]!.trim())).toEqual([
        'Overview',
        'Risk',
        'Activity log',
      ])
      expect(activeItems(body)).toHaveLength(1)
    }
    for (const path of ['/addresses', '/sentences', '/access']) {
      const refused = await alex.get(`/people/${moved.crn}${path}`)
      expect(refused.statusCode, path).toBe(403)
      expect(refused.body, path).not.toContain('data-qa="glance"')
      expect(refused.body, path).not.toContain(moved.surname)
    }
  })

  it('shows nothing of a record to someone kept out by limited access', async () => {
    const kept = await make.sentenced('community', { excluding: 'pat.practitioner' })
    for (const path of ['', '/risk', '/sentences', '/access']) {
      const refused = await pat.get(`/people/${kept.crn}${path}`)
      expect(refused.statusCode, path).toBe(403)
      expect(refused.body, path).not.toContain('data-qa="glance"')
      expect(refused.body, path).not.toContain(kept.surname)
      expect(refused.body, path).not.toContain('Community order')
    }
    // An auditor kept out still reads who has looked at it, but sees only the CRN above it.
    const hidden = await make.sentenced('community', { excluding: 'auditor' })
    const auditor = await t.signIn('auditor')
    const trail = await ok(auditor, `/people/${hidden.crn}/audit`)
    expect(glanceOf(trail)).toContain(`CRN: ${hidden.crn}`)
    expect(trail).not.toContain(hidden.surname)
    expect(trail).not.toContain('data-qa="glance-summary"')
    expect(activeItems(trail)).toEqual(['Who has looked at this record'])
  })

  it('shows the whole glance on the audit trail to an auditor who may read the record', async () => {
    const auditor = await t.signIn('auditor')
    const body = await ok(auditor, `/people/${c.crn}/audit`)
    const glance = glanceOf(body)
    expect(glance).toContain(`Terry ${c.surname}`)
    expect(glance).toContain('MAPPA category 2, level 2')
    expect(glance).toContain('Pat Practitioner')
    expect(activeItems(body)).toEqual(['Who has looked at this record'])
  })

  it('keeps the sub-navigation on a form sent back with its errors', async () => {
    const page = await pat.post(`/people/${c.crn}/risk/registrations`, { typeCode: '' })
    expect(page.statusCode).toBe(400)
    expect(page.body).toContain('govuk-error-summary')
    expect(page.body).toContain(`CRN: ${c.crn}`)
    expect(activeItems(page.body)).toEqual(['Risk'])
  })
})
