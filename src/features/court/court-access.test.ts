import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFactories, type MadePerson } from '../../../test/factories/index.ts'
import { clockFrom } from '../../clock.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { apiClient, issueTestToken } from '../api/testing.ts'

/**
 * Court work and who may see or change which record (issue 12, findings 1 and 2, and the court rows of the access
 * matrix). The people are made for this test on the demo region: `own` and `own2` are managed by pat.practitioner
 * (public provider), `excluded` excludes pat, `restricted` is restricted to sam.senior, `crc` is managed by alex.crc
 * (contracted provider). Hearings are listed by the court officer and matched here directly in the database, so a
 * test can start from any match.
 */

const TODAY = '2026-03-02'
let t: TestApp
let make: ReturnType<typeof createFactories>
const browsers: Record<string, TestBrowser> = {}
const people: Record<'own' | 'own2' | 'excluded' | 'restricted' | 'crc', MadePerson> = {} as never
/** The protected records' dates of birth, as pages write them. */
const DOB = { excluded: ['1971-08-23', '23 August 1971'], restricted: ['1968-11-05', '5 November 1968'] }

beforeAll(async () => {
  const clock = clockFrom(() => new Date(`${TODAY}T10:00:00Z`))
  t = await createTestApp({ clock })
  for (const u of ['pat.practitioner', 'sam.senior', 'alex.crc', 'chris.court', 'admin'])
    browsers[u] = await t.signIn(u)
  make = createFactories(t.handle.db, { clock })
  people.own = await make.person({ allocatedTo: 'NWS001' })
  people.own2 = await make.person({ allocatedTo: 'NWS001' })
  people.excluded = await make.person({
    allocatedTo: 'NWS001',
    excluding: 'pat.practitioner',
    dateOfBirth: DOB.excluded[0],
  })
  people.restricted = await make.person({
    allocatedTo: 'NWS001',
    restrictedTo: 'sam.senior',
    dateOfBirth: DOB.restricted[0],
  })
  people.crc = await make.person({ allocatedTo: 'CRC001' })
}, 120_000)
afterAll(() => t.close())

/** A hearing listed as `person` (their name, date of birth, an address and a charge), matched to them. */
async function matchedHearing(person: MadePerson | null, date = TODAY, listedAs?: MadePerson) {
  const who = listedAs ?? person
  const dob = who ? await personDob(who.personId) : '1990-01-01'
  const added = await make.courtHearing({
    hearingDate: date,
    forename: who?.forename ?? 'Unmatched',
    ...(who ? { surname: who.surname } : {}),
    dateOfBirth: dob,
    address: `12 Secret Street, ${who?.surname ?? 'Nowhere'}ville`,
    charge: `Charge against ${who?.surname ?? 'nobody'}`,
  })
  if (person)
    await t.handle.db
      .updateTable('hearings')
      .set({ person_id: person.personId, version: 2 })
      .where('id', '=', added.hearingId)
      .execute()
  return added.hearingId
}

async function personDob(personId: number) {
  const p = await t.handle.db
    .selectFrom('people')
    .select('date_of_birth')
    .where('id', '=', personId)
    .executeTakeFirstOrThrow()
  return p.date_of_birth
}

async function hearingRow(id: number) {
  return t.handle.db
    .selectFrom('hearings')
    .select(['person_id', 'version'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
}

async function auditRows(personId: number, action: string, username?: string) {
  let q = t.handle.db
    .selectFrom('audit_events')
    .select(['username', 'action', 'detail'])
    .where('person_id', '=', personId)
    .where('action', '=', action)
  if (username) q = q.where('username', '=', username)
  return q.orderBy('id').execute()
}

async function rematch(username: string, hearingId: number, to: MadePerson) {
  const { version } = await hearingRow(hearingId)
  return browsers[username].post(`/court-lists/hearings/${hearingId}/match`, { crn: to.crn, version: String(version) })
}

describe('finding 1: changing a hearing’s match needs court work on both records', () => {
  it("refuses a contracted-provider user moving a public-provider case's hearing onto their own case", async () => {
    const hearingId = await matchedHearing(people.own)
    const response = await rematch('alex.crc', hearingId, people.crc)
    expect(response.statusCode).toBe(403)
    expect(response.body).not.toContain(people.own.surname)
    expect((await hearingRow(hearingId)).person_id).toBe(people.own.personId)
    const denied = await auditRows(people.own.personId, 'ACCESS_DENIED', 'alex.crc')
    expect(denied.map(d => (d.detail as { hearingId?: number }).hearingId)).toContain(hearingId)
    expect(await auditRows(people.crc.personId, 'HEARING_MATCH')).toHaveLength(0)
  })

  it('refuses an excluded user moving a hearing away from the record they are excluded from', async () => {
    const hearingId = await matchedHearing(people.excluded)
    const response = await rematch('pat.practitioner', hearingId, people.own)
    expect(response.statusCode).toBe(403)
    expect(response.body).not.toContain(people.excluded.surname)
    expect((await hearingRow(hearingId)).person_id).toBe(people.excluded.personId)
    const denied = await auditRows(people.excluded.personId, 'ACCESS_DENIED', 'pat.practitioner')
    expect(denied.map(d => (d.detail as { hearingId?: number }).hearingId)).toContain(hearingId)
    expect(denied.at(-1)?.detail).toMatchObject({ limitedAccess: true })
  })

  it('moves the hearing for a user who may change both records, audited on both people', async () => {
    const hearingId = await matchedHearing(people.own)
    const response = await rematch('pat.practitioner', hearingId, people.own2)
    expect(response.statusCode, response.body).toBe(303)
    expect((await hearingRow(hearingId)).person_id).toBe(people.own2.personId)
    const unlinked = await auditRows(people.own.personId, 'HEARING_UNMATCH', 'pat.practitioner')
    expect(unlinked.map(a => a.detail)).toEqual([expect.objectContaining({ hearingId, to: people.own2.crn })])
    const linked = await auditRows(people.own2.personId, 'HEARING_MATCH', 'pat.practitioner')
    expect(linked.map(a => a.detail)).toEqual([expect.objectContaining({ hearingId, from: people.own.crn })])
    const events = await t.handle.db
      .selectFrom('outbox_events')
      .select(['event_type', 'person_id'])
      .where('event_type', 'in', ['court.hearing.matched', 'court.hearing.unmatched'])
      .where('person_id', 'in', [people.own.personId, people.own2.personId])
      .execute()
    expect(events).toEqual(
      expect.arrayContaining([
        { event_type: 'court.hearing.unmatched', person_id: people.own.personId },
        { event_type: 'court.hearing.matched', person_id: people.own2.personId },
      ]),
    )
  })
})

describe('finding 2: court lists and the match page mask limited-access records as search does', () => {
  const DAY = '2026-03-03'
  const listUrl = `/court-lists?court=NTMC&date=${DAY}`
  const hearings: Record<string, number> = {}
  beforeAll(async () => {
    hearings.excluded = await matchedHearing(people.excluded, DAY)
    hearings.restricted = await matchedHearing(people.restricted, DAY)
    hearings.own = await matchedHearing(people.own, DAY)
  })

  const protectedText = (who: 'excluded' | 'restricted') => [
    people[who].surname,
    ...DOB[who],
    `Secret Street, ${people[who].surname}ville`,
    `Charge against ${people[who].surname}`,
  ]

  it('hides an excluded record on the court list from the excluded user, and audits each person shown', async () => {
    const page = await browsers['pat.practitioner'].get(listUrl)
    expect(page.statusCode).toBe(200)
    for (const who of ['excluded', 'restricted'] as const)
      for (const s of protectedText(who)) expect(page.body, `${who}: ${s}`).not.toContain(s)
    expect(page.body).toContain(people.excluded.crn)
    expect(page.body).toContain('You are excluded from this case because of a conflict of interest.')
    expect(page.body).toContain(people.own.surname) // a record pat may read is shown in full
    for (const who of ['excluded', 'restricted', 'own'] as const) {
      const rows = await auditRows(people[who].personId, 'PERSON_VIEW', 'pat.practitioner')
      expect(
        rows.map(r => r.detail),
        who,
      ).toContainEqual(expect.objectContaining({ page: 'court-list', date: DAY }))
    }
  })

  it('hides a restricted record on the court list from another provider, showing an unrestricted one as search does', async () => {
    const page = await browsers['alex.crc'].get(listUrl)
    expect(page.statusCode).toBe(200)
    for (const s of protectedText('restricted')) expect(page.body, s).not.toContain(s)
    // Another provider's record (not limited): identity and the reason, as in search; no link, no charge, no address.
    expect(page.body).toContain(people.own.surname)
    expect(page.body).not.toContain(`Charge against ${people.own.surname}`)
    expect(page.body).not.toContain(`href="/people/${people.own.crn}`)
    expect(page.body).toContain('managed by another provider')
    for (const who of ['excluded', 'restricted', 'own'] as const)
      expect(await auditRows(people[who].personId, 'PERSON_VIEW', 'alex.crc'), who).not.toHaveLength(0)
  })

  it('hides it in the API court list too', async () => {
    for (const user of ['pat.practitioner', 'alex.crc']) {
      const api = apiClient(t, await issueTestToken(t, user))
      const list = await api.get(`/api/v1/courts/NTMC/hearings?date=${DAY}`)
      expect(list.statusCode, list.body).toBe(200)
      for (const s of protectedText('restricted')) expect(list.body, `${user}: ${s}`).not.toContain(s)
      const restricted = list
        .json()
        .hearings.find((h: { person: { crn: string } | null }) => h.person?.crn === people.restricted.crn)
      expect(restricted.person).toMatchObject({ access: 'limited', name: null })
    }
  })

  it('hides a matched limited-access record on the match page, and audits the view', async () => {
    for (const [user, who] of [
      ['pat.practitioner', 'excluded'],
      ['pat.practitioner', 'restricted'],
      ['alex.crc', 'restricted'],
    ] as const) {
      const page = await browsers[user].get(`/court-lists/hearings/${hearings[who]}/match`)
      expect(page.statusCode, `${user} ${who}`).toBe(200)
      for (const s of protectedText(who)) expect(page.body, `${user} ${who}: ${s}`).not.toContain(s)
      expect(page.body).toContain(people[who].crn)
      expect(page.body).not.toContain('data-qa="match-form"')
      const rows = await auditRows(people[who].personId, 'PERSON_VIEW', user)
      expect(rows.map(r => r.detail)).toContainEqual(
        expect.objectContaining({ page: 'court-match', hearingId: hearings[who] }),
      )
    }
  })

  it('masks a limited-access candidate on the match page as search does, and audits each candidate shown', async () => {
    // Listed with the restricted person's name but no date of birth: they are offered as a candidate.
    const added = await make.courtHearing({
      hearingDate: DAY,
      forename: people.restricted.forename,
      surname: people.restricted.surname,
    })
    const page = await browsers['pat.practitioner'].get(`/court-lists/hearings/${added.hearingId}/match`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain(`${people.restricted.crn} (limited access)`)
    for (const s of DOB.restricted) expect(page.body).not.toContain(s)
    const rows = await auditRows(people.restricted.personId, 'PERSON_VIEW', 'pat.practitioner')
    expect(rows.map(r => r.detail)).toContainEqual(
      expect.objectContaining({ page: 'court-match', hearingId: added.hearingId, shown: 'masked' }),
    )
  })
})

/**
 * The access matrix for the court routes that change a hearing's match: the record it leaves (from) and the record
 * it goes to, each as another provider's, excluded, restricted and allowed, for pat.practitioner. Only allowed on
 * both sides moves the hearing; any refusal changes nothing and is audited against the refused record.
 */
describe('access matrix: re-matching a hearing, both records', () => {
  type Kind = 'other provider' | 'excluded' | 'restricted' | 'allowed'
  const kinds: Kind[] = ['other provider', 'excluded', 'restricted', 'allowed']
  const personOf = (kind: Kind): MadePerson =>
    ({ 'other provider': people.crc, excluded: people.excluded, restricted: people.restricted, allowed: people.own })[
      kind
    ]
  const cases = kinds
    .flatMap(from => kinds.map(to => [from, to] as const))
    .filter(([f, t]) => f !== t || f === 'allowed')

  it.each(cases)('from %s to %s', async (from, to) => {
    const fromPerson = personOf(from)
    const toPerson = to === 'allowed' && from === 'allowed' ? people.own2 : personOf(to)
    const hearingId = await matchedHearing(fromPerson)
    const response = await rematch('pat.practitioner', hearingId, toPerson)
    const row = await hearingRow(hearingId)
    if (from === 'allowed' && to === 'allowed') {
      expect(response.statusCode).toBe(303)
      expect(row.person_id).toBe(toPerson.personId)
      return
    }
    expect(response.statusCode).toBe(403)
    expect(row).toEqual({ person_id: fromPerson.personId, version: 2 })
    for (const p of [fromPerson, toPerson])
      if (p !== people.own && p !== people.crc) expect(response.body).not.toContain(p.surname)
    const refused = from !== 'allowed' ? fromPerson : toPerson
    const denied = await auditRows(refused.personId, 'ACCESS_DENIED', 'pat.practitioner')
    expect(denied.length).toBeGreaterThan(0)
  })

  it('lets a court officer re-match between two records they may do court work on, not onto a restricted one', async () => {
    const hearingId = await matchedHearing(people.own)
    expect((await rematch('chris.court', hearingId, people.crc)).statusCode).toBe(303)
    expect((await rematch('chris.court', hearingId, people.restricted)).statusCode).toBe(403)
    expect((await hearingRow(hearingId)).person_id).toBe(people.crc.personId)
  })
})
