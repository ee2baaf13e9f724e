import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../web/testing.ts'
import { apiClient, issueTestToken } from './testing.ts'

/**
 * The people endpoints through real tokens over the demo region (seed/demo.ts): X100002 is managed by Pat's team
 * at the Probation Service, X100004 by the contracted provider, X100005 excludes Pat, X100009 is restricted to Sam.
 */

let t: TestApp
let pat: ReturnType<typeof apiClient>
let alex: ReturnType<typeof apiClient>
beforeAll(async () => {
  t = await createTestApp()
  pat = apiClient(t, await issueTestToken(t, 'pat.practitioner'))
  alex = apiClient(t, await issueTestToken(t, 'alex.crc'))
})
afterAll(() => t.close())

const countPeople = async () =>
  Number(
    (
      await t.handle.db
        .selectFrom('people')
        .select(eb => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )
const auditActions = async (crn: string) =>
  (
    await t.handle.db
      .selectFrom('audit_events')
      .select(['action', 'username'])
      .where('subject', '=', crn)
      .orderBy('id')
      .execute()
  ).map(r => `${r.action} ${r.username}`)

describe('GET /api/v1/people/{crn}', () => {
  it('returns the record to someone allowed to read it, and audits the view', async () => {
    const response = await pat.get('/api/v1/people/X100002')
    expect(response.statusCode).toBe(200)
    const person = response.json()
    expect(person).toMatchObject({
      crn: 'X100002',
      version: expect.any(Number),
      forename: expect.any(String),
      canUpdate: true,
    })
    expect(person.dateOfBirth).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(person.addresses[0]).toMatchObject({ status: 'main', endDate: null })
    expect(person).not.toHaveProperty('id')
    expect(await auditActions('X100002')).toContain('PERSON_VIEW pat.practitioner')
  })

  it("refuses a token of another provider's user with 403 and the reason", async () => {
    const response = await alex.get('/api/v1/people/X100002')
    expect(response.statusCode).toBe(403)
    expect(response.json()).toEqual({
      error: {
        code: 'forbidden',
        message:
          'This record is managed by another provider. You can ask for access: its case manager or their senior decides.',
      },
    })
    expect(await auditActions('X100002')).toContain('ACCESS_DENIED alex.crc')
  })

  it("refuses an excluded user's token with 403 and the limited-access reason", async () => {
    const response = await pat.get('/api/v1/people/X100005')
    expect(response.statusCode).toBe(403)
    expect(response.json()).toEqual({
      error: { code: 'forbidden', message: 'You are excluded from this case because of a conflict of interest.' },
    })
    const addresses = await pat.get('/api/v1/people/X100005/addresses')
    expect(addresses.statusCode).toBe(403)
    expect(addresses.json().error.message).toBe('You are excluded from this case because of a conflict of interest.')
    const restricted = await pat.get('/api/v1/people/X100009')
    expect(restricted.statusCode).toBe(403)
    expect(restricted.json().error.message).toBe('This case is restricted. Contact the Northtown Team A senior.')
  })

  it('answers 404 for an unknown CRN, and refuses something that is not a CRN', async () => {
    const unknown = await pat.get('/api/v1/people/X999999')
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().error.code).toBe('not_found')
    // 400 (the path schema) or 404 (the access guard looks the CRN up first): either way, the API's error body.
    const bad = await pat.get('/api/v1/people/12345')
    expect([400, 404]).toContain(bad.statusCode)
    expect(bad.json().error).toEqual(
      expect.objectContaining({ code: expect.stringMatching(/^(validation|not_found)$/) }),
    )
  })
})

describe('GET /api/v1/people', () => {
  it('finds by CRN exactly and by name forgivingly', async () => {
    const byCrn = (await pat.get('/api/v1/people?q=x100002')).json()
    expect(byCrn.matchedBy).toBe('crn')
    expect(byCrn.results.map((r: { crn: string }) => r.crn)).toEqual(['X100002'])
    const person = (await pat.get('/api/v1/people/X100002')).json()
    const byName = (
      await pat.get(
        `/api/v1/people?q=${encodeURIComponent(`${person.surname} ${person.forename}`)}&dob=${person.dateOfBirth}`,
      )
    ).json()
    expect(byName.matchedBy).toBe('name')
    expect(byName.results[0]).toMatchObject({ access: 'allowed', crn: 'X100002', dateOfBirthMatches: true })
  })

  it('finds by PNC (either form) and by prison number', async () => {
    const created = await pat.post('/api/v1/people', {
      forename: 'Tobias',
      surname: 'Wendelin-Marsh',
      dateOfBirth: '1979-09-09',
      gender: 'male',
      pnc: '81/154257C',
      noms: 'A1234BC',
    })
    if (created.statusCode !== 201) throw new Error(created.body)
    const { crn } = created.json()
    // Given in the short form; stored and found in the long form too.
    expect((await pat.get(`/api/v1/people/${crn}`)).json().pnc).toBe('1981/0154257C')
    const byPnc = (await pat.get(`/api/v1/people?q=${encodeURIComponent('1981/0154257C')}`)).json()
    expect(byPnc.matchedBy).toBe('pnc')
    expect(byPnc.results.map((r: { crn: string }) => r.crn)).toEqual([crn])
    const byNoms = (await pat.get('/api/v1/people?q=a1234bc')).json()
    expect(byNoms.matchedBy).toBe('noms')
    expect(byNoms.results.map((r: { crn: string }) => r.crn)).toEqual([crn])
  })

  it('masks limited-access records: only the CRN and the reason', async () => {
    const response = await pat.get('/api/v1/people?q=X100005')
    expect(response.statusCode).toBe(200)
    expect(response.json().results).toEqual([
      {
        access: 'limited',
        crn: 'X100005',
        reason: 'You are excluded from this case because of a conflict of interest.',
      },
    ])
  })

  it("shows another provider's record as refused, with the reason and no more than who it is", async () => {
    const [result] = (await alex.get('/api/v1/people?q=X100002')).json().results
    expect(result).toMatchObject({
      access: 'refused',
      crn: 'X100002',
      reason: expect.stringContaining('another provider'),
    })
    expect(result).not.toHaveProperty('manager')
  })
})

describe('POST /api/v1/people', () => {
  it('refuses bad fields with 400 naming exactly those fields, and creates nothing', async () => {
    const before = await countPeople()
    const response = await pat.post('/api/v1/people', {
      forename: ' ',
      surname: 'Okonjo',
      dateOfBirth: '2090-01-01',
      gender: 'female',
      pnc: '12345',
      email: 'not-an-email',
      mobile: '07700 900555',
    })
    expect(response.statusCode).toBe(400)
    const { error } = response.json()
    expect(error.code).toBe('validation')
    expect(error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'dateOfBirth',
      'email',
      'forename',
      'pnc',
    ])
    expect(error.fields.find((f: { field: string }) => f.field === 'forename').message).toBe('Enter a first name')
    expect(await countPeople()).toBe(before)
  })

  it('answers possible duplicates with 409 and the candidates, creating nothing, then creates when confirmed', async () => {
    const existing = (await pat.get('/api/v1/people/X100002')).json()
    const newPerson = {
      forename: existing.forename,
      surname: existing.surname,
      dateOfBirth: existing.dateOfBirth,
      gender: existing.gender,
    }
    const before = await countPeople()
    const duplicate = await pat.post('/api/v1/people', newPerson)
    expect(duplicate.statusCode).toBe(409)
    expect(duplicate.json().error).toMatchObject({
      code: 'possible_duplicate',
      message: expect.stringContaining('confirmNotDuplicate'),
    })
    expect(duplicate.json().error.candidates).toContainEqual(
      expect.objectContaining({ crn: 'X100002', access: 'allowed' }),
    )
    expect(await countPeople()).toBe(before)

    const created = await pat.post('/api/v1/people', { ...newPerson, confirmNotDuplicate: true })
    expect(created.statusCode).toBe(201)
    const { crn } = created.json()
    expect(crn).toMatch(/^X\d{6}$/)
    expect(crn).not.toBe('X100002')
    expect(created.headers.location).toBe(`/api/v1/people/${crn}`)
    expect(await countPeople()).toBe(before + 1)
  })

  it('creates a new person and returns the CRN, which can then be read', async () => {
    const created = await pat.post('/api/v1/people', {
      forename: 'Ngozi',
      surname: 'Quaye-Lindqvist',
      dateOfBirth: '1988-04-17',
      gender: 'female',
      mobile: '07700 900123',
    })
    expect(created.statusCode).toBe(201)
    expect(created.json()).toEqual({ crn: expect.stringMatching(/^X\d{6}$/), version: 1 })
    const person = (await pat.get(`/api/v1/people/${created.json().crn}`)).json()
    expect(person).toMatchObject({
      forename: 'Ngozi',
      surname: 'Quaye-Lindqvist',
      version: 1,
      contact: { mobile: '07700 900123' },
    })
    expect(await auditActions(created.json().crn)).toContain('PERSON_CREATE pat.practitioner')
  })
})

describe('PATCH /api/v1/people/{crn}/contact-details', () => {
  it('changes only the fields sent, moves the version on, and refuses a stale version with 409', async () => {
    const before = (await pat.get('/api/v1/people/X100003')).json()
    const changed = await pat.patch('/api/v1/people/X100003/contact-details', {
      version: before.version,
      email: 'new@example.com',
    })
    expect(changed.statusCode).toBe(200)
    expect(changed.json()).toEqual({ crn: 'X100003', version: before.version + 1 })

    const stale = await pat.patch('/api/v1/people/X100003/contact-details', {
      version: before.version,
      email: 'stale@example.com',
    })
    expect(stale.statusCode).toBe(409)
    expect(stale.json().error.code).toBe('conflict')

    const after = (await pat.get('/api/v1/people/X100003')).json()
    expect(after.version).toBe(before.version + 1)
    expect(after.contact).toEqual({ ...before.contact, email: 'new@example.com' })
  })

  it('clears a field sent as null and refuses a bad one by name', async () => {
    const { version } = (await pat.get('/api/v1/people/X100003')).json()
    const bad = await pat.patch('/api/v1/people/X100003/contact-details', { version, mobile: 'ring me' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['mobile'])
    const cleared = await pat.patch('/api/v1/people/X100003/contact-details', { version, mobile: null })
    expect(cleared.statusCode).toBe(200)
    expect((await pat.get('/api/v1/people/X100003')).json().contact.mobile).toBeNull()
  })

  it('refuses a change to a record the user may only read, or not see', async () => {
    expect(
      (await alex.patch('/api/v1/people/X100002/contact-details', { version: 1, email: 'x@example.com' })).statusCode,
    ).toBe(403)
    expect(
      (await pat.patch('/api/v1/people/X100005/contact-details', { version: 1, email: 'x@example.com' })).statusCode,
    ).toBe(403)
  })
})

describe('addresses', () => {
  it('records a move: the new main address supersedes the old one, which keeps its history with an end date', async () => {
    const before = (await pat.get('/api/v1/people/X100002/addresses')).json()
    const [oldMain] = before.current.filter((a: { status: string }) => a.status === 'main')
    const added = await pat.post('/api/v1/people/X100002/addresses', {
      version: before.version,
      status: 'main',
      addressType: 'RENTED_PRIVATE',
      building: '7',
      street: 'Orchard Close',
      town: 'Westbury',
      postcode: 'NT3 4CD',
      startDate: '2026-06-01',
    })
    expect(added.statusCode).toBe(201)
    const { addressId, version } = added.json()
    expect(version).toBe(before.version + 1)

    const after = (await pat.get('/api/v1/people/X100002/addresses')).json()
    expect(after.current.filter((a: { status: string }) => a.status === 'main')).toEqual([
      expect.objectContaining({
        id: addressId,
        addressType: 'RENTED_PRIVATE',
        addressTypeText: 'Private rented',
        building: '7',
        street: 'Orchard Close',
        district: null,
        town: 'Westbury',
        postcode: 'NT3 4CD',
        lines: ['7', 'Orchard Close', 'Westbury'],
        startDate: '2026-06-01',
        endDate: null,
      }),
    ])
    expect(after.previous).toContainEqual(
      expect.objectContaining({ id: oldMain.id, endDate: '2026-06-01', supersededBy: addressId }),
    )
    expect(after.previous.length).toBe(before.previous.length + 1)
  })

  it('refuses a stale version and an incomplete address, changing nothing', async () => {
    const before = (await pat.get('/api/v1/people/X100002/addresses')).json()
    const stale = await pat.post('/api/v1/people/X100002/addresses', {
      version: before.version - 1,
      status: 'secondary',
      street: 'Any Street',
      town: 'Easton',
      startDate: '2026-01-01',
    })
    expect(stale.statusCode).toBe(409)
    const incomplete = await pat.post('/api/v1/people/X100002/addresses', {
      version: before.version,
      status: 'bail',
      startDate: '2026-01-01',
    })
    expect(incomplete.statusCode).toBe(400)
    expect(
      incomplete
        .json()
        .error.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['building', 'town'])
    expect((await pat.get('/api/v1/people/X100002/addresses')).json()).toEqual(before)
  })
})
