import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFactories, type Factories } from '../../../test/factories/index.ts'
import { findUserId } from '../../../test/factories/queries.ts'
import { fixedClock } from '../../clock.ts'
import { partnerServicesPaths as paths } from '../../web/paths.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { apiClient, issueTestToken } from '../api/testing.ts'

/**
 * The directory of partner services as a practitioner and a contract manager would check it on Monday 7 December
 * 2026, from the demo directory (src/seed/partner-services.ts): the search by need, area (the user's provider's by
 * default), taking referrals and name; places in use counted from accepted and in-progress referrals; "funding ends
 * soon" within 3 months; a CRN carried to "Refer"; organisations and services created and changed with their
 * history, stale forms refused, every refusal naming its field; and the API's same search.
 */

const clock = fixedClock('2026-12-07T10:00:00Z')
let t: TestApp
let make: Factories
let pat: TestBrowser
let alex: TestBrowser
let morgan: TestBrowser
const db = () => t.handle.db

/** The text of the page's element marked `data-qa`, without tags. */
function textOf(body: string, qa: string): string {
  const match = new RegExp(`<(\\w+)[^>]*data-qa="${qa}"[\\s\\S]*?</\\1>`).exec(body)
  return (match?.[0] ?? '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}
const plain = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&rsquo;/g, '’')
    .replace(/\s+/g, ' ')

async function serviceId(name: string) {
  const row = await db()
    .selectFrom('partner_services')
    .select(['id', 'organisation_id'])
    .where('name', '=', name)
    .executeTakeFirstOrThrow()
  return { id: Number(row.id), organisationId: Number(row.organisation_id) }
}

/** A referral to the service in `status` (inserted directly: referrals are helper B's; the directory counts them). */
async function referral(
  service: { id: number; organisationId: number },
  status: 'sent' | 'accepted' | 'in_progress' | 'completed',
) {
  const person = await make.person({ allocatedTo: 'NWS001' })
  const n = Number(
    (
      await db()
        .selectFrom('referrals')
        .select(eb => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )
  await db()
    .insertInto('referrals')
    .values({
      reference: `DIR${String(n + 1).padStart(5, '0')}`,
      person_id: person.personId,
      service_id: service.id,
      organisation_id: service.organisationId,
      status,
      reason: 'Housing',
      completion_deadline: '2027-03-01',
      shared: JSON.stringify({}),
      referred_by: await findUserId(db(), 'pat.practitioner'),
    })
    .execute()
}

beforeAll(async () => {
  t = await createTestApp({ clock })
  make = createFactories(t.handle.db, { clock })
  pat = await t.signIn('pat.practitioner')
  alex = await t.signIn('alex.crc')
  morgan = await t.signIn('morgan.contracts')
}, 120_000)
afterAll(() => t.close())

describe('searching the directory', () => {
  it("shows each service of the user's provider's areas with its terms, places in use and funding", async () => {
    const accommodation = await serviceId('Accommodation support')
    await referral(accommodation, 'accepted')
    await referral(accommodation, 'in_progress')
    await referral(accommodation, 'sent')
    await referral(accommodation, 'completed')

    const page = await pat.get(paths.directory)
    expect(page.statusCode).toBe(200)
    expect(textOf(page.body, 'result-count')).toBe('3 services')
    const card = plain(textOf(page.body, `service-${accommodation.id}`))
    expect(card).toContain('Northtown Housing Trust (demo) (Tier 2, Charity)')
    expect(card).toContain('Accommodation')
    expect(card).toContain('Any gender; any tier; RoSH up to high')
    expect(card).toContain('25 places, 2 in use')
    expect(card).toContain('1 week')
    expect(card).toContain('31 March 2028')
    expect(card).toContain('Taking referrals')
    expect(card).not.toContain('Funding ends soon')

    const skills = await serviceId('Employment and skills')
    const closed = plain(textOf(page.body, `service-${skills.id}`))
    expect(closed).toContain('Not taking referrals Our funding ends in February: we are not taking new referrals')
    expect(closed).toContain('28 February 2027 Funding ends soon')
    const women = await serviceId('Women’s centre')
    expect(plain(textOf(page.body, `service-${women.id}`))).toContain('Women only; any tier; RoSH up to medium')
  })

  it("defaults to the user's own provider's areas; Anywhere shows every area", async () => {
    const women = await serviceId('Women’s centre')
    const own = await alex.get(paths.directory)
    expect(textOf(own.body, 'result-count')).toBe('2 services')
    expect(own.body).not.toContain(`data-qa="service-${women.id}"`)
    const anywhere = await alex.get(`${paths.directory}?region=all`)
    expect(textOf(anywhere.body, 'result-count')).toBe('3 services')
    expect(anywhere.body).toContain(`data-qa="service-${women.id}"`)
  })

  it('filters by need, taking referrals only and a name, the service’s or the organisation’s', async () => {
    const accommodation = await serviceId('Accommodation support')
    const byNeed = await pat.get(`${paths.directory}?pathway=accommodation`)
    expect(textOf(byNeed.body, 'result-count')).toBe('1 service')
    expect(byNeed.body).toContain(`data-qa="service-${accommodation.id}"`)
    const accepting = await pat.get(`${paths.directory}?accepting=yes`)
    expect(textOf(accepting.body, 'result-count')).toBe('2 services')
    expect(accepting.body).not.toContain('Not taking referrals')
    const byOrganisation = await pat.get(`${paths.directory}?q=housing+trust`)
    expect(textOf(byOrganisation.body, 'result-count')).toBe('1 service')
    expect(byOrganisation.body).toContain(`data-qa="service-${accommodation.id}"`)
    const none = await pat.get(`${paths.directory}?q=${encodeURIComponent('%')}`)
    expect(textOf(none.body, 'result-count')).toBe('0 services')
  })

  it('carries a CRN through to Refer on services taking referrals; the service page takes a CRN', async () => {
    const accommodation = await serviceId('Accommodation support')
    const skills = await serviceId('Employment and skills')
    const page = await pat.get(`${paths.directory}?crn=x100001`)
    expect(page.body).toContain(`href="${paths.newReferral('X100001', accommodation.id)}"`)
    expect(page.body).not.toContain(`href="${paths.newReferral('X100001', skills.id)}"`)

    const refer = await pat.get(`${paths.referToService(accommodation.id)}?crn=x100001`)
    expect(refer.statusCode).toBe(303)
    expect(refer.headers.location).toBe(paths.newReferral('X100001', accommodation.id))
    const wrong = await pat.get(`${paths.referToService(accommodation.id)}?crn=12345`)
    expect(wrong.statusCode).toBe(400)
    expect(wrong.body).toContain('Enter a CRN in the correct format, like X100001')
    expect(wrong.body).toContain('href="#crn"')
  })

  it('is refused to a partner organisation’s user', async () => {
    const pip = await t.signIn('pip.partner')
    expect((await pip.get(paths.directory)).statusCode).toBe(403)
    expect((await pip.get(paths.organisations)).statusCode).toBe(403)
  })
})

describe('organisations', () => {
  it('lists organisations; an organisation’s page shows its services and partner users', async () => {
    const list = await pat.get(paths.organisations)
    expect(list.statusCode).toBe(200)
    expect(list.body).toContain('Northtown Housing Trust (demo)')
    expect(list.body).not.toContain('data-qa="new-organisation"')
    const nht = await serviceId('Accommodation support')
    const page = await pat.get(paths.organisation(nht.organisationId))
    expect(textOf(page.body, 'services')).toContain('Accommodation support')
    expect(textOf(page.body, 'partner-users')).toContain('Pip Partner (pip.partner)')
    expect(plain(textOf(page.body, 'organisation-details'))).toContain('Charity 1100001')
  })

  it('creates one, refusing bad input by field with nothing saved; a stale change is refused', async () => {
    const before = await db().selectFrom('partner_organisations').select('id').execute()
    const bad = await morgan.post(paths.newOrganisation, {
      code: 'x',
      name: '',
      tier: 'tier_3',
      legalForm: 'guild',
      contactEmail: 'nope',
    })
    expect(bad.statusCode).toBe(400)
    for (const field of ['code', 'name', 'legalForm', 'primeId', 'contactEmail'])
      expect(bad.body).toContain(`href="#${field}"`)
    expect(await db().selectFrom('partner_organisations').select('id').execute()).toHaveLength(before.length)

    const prime = await serviceId('Accommodation support').then(async s =>
      db()
        .selectFrom('partner_organisations')
        .select('prime_id')
        .where('id', '=', s.organisationId)
        .executeTakeFirstOrThrow(),
    )
    const form = {
      code: 'TMC',
      name: 'Test Mentoring CIC',
      tier: 'tier_3',
      legalForm: 'company',
      primeId: String(prime.prime_id),
    }
    const made = await morgan.post(paths.newOrganisation, form)
    expect(made.statusCode).toBe(303)
    const id = Number(/organisations\/(\d+)/.exec(made.headers.location as string)![1])
    const page = await morgan.get(paths.organisation(id))
    expect(plain(textOf(page.body, 'organisation-details'))).toContain('Tier 3')
    expect(plain(textOf(page.body, 'organisation-details'))).toContain('Northshire Rehabilitation Company (demo)')

    const taken = await morgan.post(paths.newOrganisation, form)
    expect(taken.statusCode).toBe(400)
    expect(taken.body).toContain('The code TMC is already used by another organisation')

    expect(
      (await morgan.post(paths.changeOrganisation(id), { ...form, name: 'Renamed', version: '1' })).statusCode,
    ).toBe(303)
    const stale = await morgan.post(paths.changeOrganisation(id), { ...form, name: 'Stale', version: '1' })
    expect(stale.statusCode).toBe(409)
    const row = await db()
      .selectFrom('partner_organisations')
      .select(['name', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ name: 'Renamed', version: 2 })
    expect((await pat.post(paths.changeOrganisation(id), { ...form, version: '2' })).statusCode).toBe(403)
  })
})

describe('services', () => {
  const serviceForm = (regionIds: string[], extra: Record<string, string> = {}) => ({
    name: 'Debt advice',
    pathway: 'finance_benefit_debt',
    areas: regionIds,
    genders: ['male'],
    tiers: ['B', 'C'],
    maxRosh: 'medium',
    deliversRar: 'no',
    capacity: '10',
    waitingWeeks: '3',
    'fundingEnds-day': '15',
    'fundingEnds-month': '1',
    'fundingEnds-year': '2027',
    loneWorkingGuidance: 'Office appointments only',
    ...extra,
  })

  it('creates, changes, closes and reopens a service, each change in its history; stale and bad input refused', async () => {
    const nht = await serviceId('Accommodation support')
    const regions = await db().selectFrom('regions').select(['id', 'name']).orderBy('id').execute()
    const regionId = String(regions[0]!.id)

    const bad = await morgan.post(
      paths.newService(nht.organisationId),
      serviceForm([regionId], {
        name: '',
        capacity: '-1',
        maxRosh: 'extreme',
        'fundingEnds-day': '31',
        'fundingEnds-month': '2',
      }),
    )
    expect(bad.statusCode).toBe(400)
    for (const field of ['name', 'capacity', 'maxRosh', 'fundingEnds-day'])
      expect(bad.body).toContain(`href="#${field}"`)
    expect(
      await db().selectFrom('partner_services').select('id').where('name', '=', 'Debt advice').execute(),
    ).toHaveLength(0)

    const made = await morgan.post(paths.newService(nht.organisationId), serviceForm([regionId]))
    expect(made.statusCode).toBe(303)
    const id = Number(/services\/(\d+)/.exec(made.headers.location as string)![1])
    let page = await morgan.get(paths.service(id))
    const details = plain(textOf(page.body, 'service-details'))
    expect(details).toContain('Men only; tiers B, C; RoSH up to medium')
    expect(details).toContain(regions[0]!.name)
    expect(details).toContain('15 January 2027 Funding ends soon')
    expect(details).toContain('10 places, 0 in use')

    const changed = await morgan.post(paths.changeService(id), serviceForm([], { capacity: '12', version: '1' }))
    expect(changed.statusCode).toBe(303)
    const stale = await morgan.post(paths.changeService(id), serviceForm([], { capacity: '99', version: '1' }))
    expect(stale.statusCode).toBe(409)

    const noReason = await morgan.post(paths.serviceAccepting(id), { accepting: 'no', reason: '', version: '2' })
    expect(noReason.statusCode).toBe(400)
    expect(noReason.body).toContain('href="#reason"')
    expect(
      (await morgan.post(paths.serviceAccepting(id), { accepting: 'no', reason: 'Full until March', version: '2' }))
        .statusCode,
    ).toBe(303)

    page = await morgan.get(paths.service(id))
    expect(plain(textOf(page.body, 'service-details'))).toContain('Everywhere')
    expect(plain(textOf(page.body, 'service-details'))).toContain('12 places')
    const history = plain(textOf(page.body, 'history'))
    expect(history).toContain('Closed to referrals : Full until March')
    expect(history).toContain('capacity: 10 → 12')
    expect(history).toContain('Added to the directory')
    const changes = await db()
      .selectFrom('partner_service_changes')
      .select('change')
      .where('service_id', '=', id)
      .orderBy('id')
      .execute()
    expect(changes.map(c => c.change)).toEqual(['created', 'changed', 'closed'])

    const search = await pat.get(`${paths.directory}?q=debt`)
    expect(plain(textOf(search.body, `service-${id}`))).toContain('Not taking referrals Full until March')
    expect(
      (await morgan.post(paths.serviceAccepting(id), { accepting: 'yes', reason: '', version: '3' })).statusCode,
    ).toBe(303)
    const reopened = await db()
      .selectFrom('partner_services')
      .select(['accepting', 'closed_reason', 'capacity'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(reopened).toEqual({ accepting: true, closed_reason: null, capacity: 12 })
    expect((await pat.get(paths.changeService(id))).statusCode).toBe(403)
  })
})

describe('the directory API', () => {
  it('searches with the same filters and reads one service; an unknown one is 404', async () => {
    const api = apiClient(t, await issueTestToken(t, 'pat.practitioner'))
    const accommodation = await serviceId('Accommodation support')
    const found = await api.get('/api/v1/partner-services?pathway=accommodation&accepting=yes')
    expect(found.statusCode).toBe(200)
    const body = found.json() as {
      services: { id: number; placesInUse: number; accepting: boolean }[]
      truncated: boolean
    }
    expect(body.truncated).toBe(false)
    expect(body.services.map(s => s.id)).toEqual([accommodation.id])
    const one = await api.get(`/api/v1/partner-services/${accommodation.id}`)
    expect(one.statusCode).toBe(200)
    expect(one.json()).toMatchObject({
      id: accommodation.id,
      organisation: { tier: 'tier_2' },
      eligibility: { maxRosh: 'high' },
      accepting: true,
    })
    expect((await api.get('/api/v1/partner-services/999999')).statusCode).toBe(404)
    expect((await api.get('/api/v1/partner-services?pathway=nonsense')).statusCode).toBe(400)
  })
})
