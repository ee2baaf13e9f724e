import { clockFrom } from '../../clock.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RequestContext } from '../../access/audit.ts'
import { loadConfig } from '../../config.ts'
import type { DatabaseHandle } from '../../db/connect.ts'
import { createTestDatabase } from '../../db/testing.ts'
import { makePnc } from '../../domain/identifiers/index.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts'
import { seedDemoIfEmpty } from '../../seed/demo.ts'
import { loadCurrentUser } from '../../web/plugins/authentication.ts'
import { createPeopleService, rankCandidates, type PeopleService } from './service.ts'

/** The service as the JSON API will call it: typed input, a request context, typed errors. */

let handle: DatabaseHandle
let people: PeopleService
const ctx: Record<string, RequestContext> = {}
const clock = clockFrom(() => new Date('2026-11-22T10:00:00Z'))

beforeAll(async () => {
  handle = await createTestDatabase()
  await seedDemoIfEmpty(handle.db)
  people = createPeopleService({ db: handle.db, config: loadConfig({ NODE_ENV: 'test' }), clock })
  for (const username of ['pat.practitioner', 'alex.crc', 'auditor', 'sam.senior', 'morgan.contracts']) {
    const { id } = await handle.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
    ctx[username] = {
      user: await loadCurrentUser(handle.db, id, 'api-token'),
      requestId: `test-${username}`,
      ip: '127.0.0.1',
    }
  }
})
afterAll(() => handle.close())

const crns = (results: { crn: string }[]) => results.map(r => r.crn)

describe('search', () => {
  it('reads the query as a CRN, PNC, prison number or name', async () => {
    expect((await people.search({ q: ' x100002 ' }, ctx['pat.practitioner'])).matchedBy).toBe('crn')
    const pnc = makePnc(2007, 10000 + 7 * 37)
    const byPnc = await people.search({ q: pnc }, ctx['alex.crc'])
    expect(byPnc.matchedBy).toBe('pnc')
    expect(crns(byPnc.results)).toEqual(['X100008'])
    expect((await people.search({ q: 'A1234BC' }, ctx['pat.practitioner'])).matchedBy).toBe('noms')
    expect((await people.search({ q: 'Smith' }, ctx['pat.practitioner'])).matchedBy).toBe('name')
  })

  it('ranks the exact surname with the exact date of birth first', async () => {
    const outcome = await people.search({ q: 'Davies', dob: '2002-01-25' }, ctx['pat.practitioner'])
    expect(outcome.results[0]).toMatchObject({ crn: 'X100025', access: 'allowed', dateOfBirthMatches: true })
    expect(crns(outcome.results)).toContain('X100007')
  })

  it('searches by date of birth alone', async () => {
    const outcome = await people.search({ dob: '7/7/1993' }, ctx['pat.practitioner'])
    expect(outcome.matchedBy).toBe('date-of-birth')
    expect(crns(outcome.results)).toEqual(['X100007'])
  })

  it('asks nothing and audits nothing for an empty query', async () => {
    const before = await handle.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'PERSON_SEARCH')
      .execute()
    const outcome = await people.search({ q: '  ' }, ctx['pat.practitioner'])
    expect(outcome).toMatchObject({ matchedBy: 'none', results: [] })
    const after = await handle.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'PERSON_SEARCH')
      .execute()
    expect(after.length).toBe(before.length)
  })

  it('refuses a role without search', async () => {
    await expect(people.search({ q: 'smith' }, ctx['morgan.contracts'])).rejects.toBeInstanceOf(ForbiddenError)
  })

  it('ranks candidates: exact surname beats resemblance, a date of birth match beats both', () => {
    const base = { kind: 'name' as const, forename: 'John', phonetic: false, dateOfBirth: '1980-01-01' }
    const ranked = rankCandidates(
      [
        { ...base, personId: 1, surname: 'Smithson', similarity: 0.8 },
        { ...base, personId: 2, surname: 'Smith', similarity: 0.6 },
        { ...base, personId: 3, surname: 'Smyth', similarity: 0.4, phonetic: true, dateOfBirth: '1990-02-03' },
        { ...base, personId: 2, surname: 'Smith-Lee', similarity: 0.9, kind: 'alias' },
      ],
      ['john', 'smith'],
      '1990-02-03',
    )
    expect(ranked.map(r => r.personId)).toEqual([3, 2, 1])
    expect(ranked.find(r => r.personId === 2)?.matchedAlias).toBeNull()
  })
})

describe('reading a record', () => {
  it('returns the record with its history and whether the user may change it', async () => {
    const record = await people.getPerson('X100001', ctx['auditor'])
    expect(record).toMatchObject({ crn: 'X100001', forename: 'John', surname: 'Smith', canUpdate: false })
    expect(record.aliases.map(a => `${a.forename} ${a.surname}`)).toEqual(['Jonny Smith-Lee'])
    expect(record.addresses.current).toHaveLength(1)
    expect(record.addresses.previous[0]).toMatchObject({ status: 'previous', endDate: '2020-01-01' })
  })

  it('throws ForbiddenError with the policy’s reason and keeps the ACCESS_DENIED audit row', async () => {
    await expect(people.getPerson('X100002', ctx['alex.crc'])).rejects.toThrow(/another provider/)
    const denied = await handle.db
      .selectFrom('audit_events')
      .select(['action', 'request_id'])
      .where('subject', '=', 'X100002')
      .where('action', '=', 'ACCESS_DENIED')
      .execute()
    expect(denied.map(d => d.request_id)).toContain('test-alex.crc')
  })

  it('throws NotFoundError for an unknown or malformed CRN', async () => {
    await expect(people.getPerson('X999999', ctx['pat.practitioner'])).rejects.toBeInstanceOf(NotFoundError)
    await expect(people.getPerson("x'; --", ctx['pat.practitioner'])).rejects.toBeInstanceOf(NotFoundError)
  })
})

describe('creating', () => {
  const input = { forename: 'Tomasz', surname: 'Wiśniewski', dateOfBirth: '1988-08-08', gender: 'male' }

  it('reports every field at fault and creates nothing', async () => {
    const error = await people
      .createPerson(
        { ...input, forename: ' ', dateOfBirth: '2020-01-01', gender: 'x', cro: '1/1' },
        ctx['pat.practitioner'],
      )
      .catch(e => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).errors.map(e => e.field).sort()).toEqual([
      'cro',
      'dateOfBirth',
      'forename',
      'gender',
    ])
  })

  it('creates, then finds the new record as a duplicate of a similar one', async () => {
    const created = await people.createPerson(input, ctx['pat.practitioner'])
    expect(created.outcome).toBe('created')
    const again = await people.createPerson({ ...input, surname: 'Wisniewski' }, ctx['pat.practitioner'])
    expect(again.outcome).toBe('possible-duplicates')
    if (again.outcome === 'possible-duplicates' && created.outcome === 'created')
      expect(crns(again.duplicates)).toEqual([created.crn])
  })
})

describe('changing', () => {
  it('supersedes the main address on a move and keeps the old one', async () => {
    const before = await people.getPerson('X100017', ctx['pat.practitioner'])
    const oldMain = before.addresses.current.find(a => a.status === 'main')!
    const result = await people.addAddress(
      'X100017',
      {
        version: before.version,
        status: 'main',
        building: '2',
        street: 'Quay Road',
        town: 'Southam',
        startDate: '2026-10-01',
      },
      ctx['pat.practitioner'],
    )
    expect(result.version).toBe(before.version + 1)
    const after = await people.getPerson('X100017', ctx['pat.practitioner'])
    expect(after.addresses.current.map(a => a.id)).toEqual([result.addressId])
    expect(after.addresses.previous.find(a => a.id === oldMain.id)).toMatchObject({
      status: 'previous',
      endDate: '2026-10-01',
      supersededBy: result.addressId,
    })
  })

  it('records no fixed abode, then a new main address ends it', async () => {
    let record = await people.getPerson('X100021', ctx['pat.practitioner'])
    const nfa = await people.addAddress(
      'X100021',
      { version: record.version, status: 'no_fixed_abode', startDate: '2026-09-01' },
      ctx['pat.practitioner'],
    )
    const main = await people.addAddress(
      'X100021',
      {
        version: nfa.version,
        status: 'main',
        building: '9',
        street: 'Park Avenue',
        postcode: 'NT2 2AB',
        startDate: '2026-10-15',
      },
      ctx['pat.practitioner'],
    )
    record = await people.getPerson('X100021', ctx['pat.practitioner'])
    expect(record.addresses.current.map(a => a.id)).toEqual([main.addressId])
    expect(record.addresses.previous.find(a => a.id === nfa.addressId)).toMatchObject({
      status: 'no_fixed_abode',
      endDate: '2026-10-15',
    })
  })

  it('refuses a move dated before the current address began, a future move, and a bail address with an end date', async () => {
    const record = await people.getPerson('X100017', ctx['pat.practitioner'])
    const early = { version: record.version, status: 'main', building: '1', town: 'Easton', startDate: '2000-01-01' }
    await expect(people.addAddress('X100017', early, ctx['pat.practitioner'])).rejects.toThrow(
      /on or after the start of their current address/,
    )
    await expect(
      people.addAddress('X100017', { ...early, startDate: '2027-01-01' }, ctx['pat.practitioner']),
    ).rejects.toThrow(/today or in the past/)
    await expect(
      people.addAddress(
        'X100017',
        { ...early, status: 'bail', startDate: '2026-01-01', endDate: '2026-02-01' },
        ctx['pat.practitioner'],
      ),
    ).rejects.toThrow(/bail address cannot have an end date/)
    expect((await people.getPerson('X100017', ctx['pat.practitioner'])).version).toBe(record.version)
  })

  it('lets only one of two edits made from the same version win', async () => {
    const { version } = await people.getPerson('X100029', ctx['pat.practitioner'])
    const outcomes = await Promise.allSettled([
      people.updateContactDetails('X100029', { version, email: 'first@example.com' }, ctx['pat.practitioner']),
      people.updateContactDetails('X100029', { version, email: 'second@example.com' }, ctx['sam.senior']),
    ])
    expect(outcomes.filter(o => o.status === 'fulfilled')).toHaveLength(1)
    const rejected = outcomes.find(o => o.status === 'rejected') as PromiseRejectedResult
    expect(rejected.reason).toBeInstanceOf(ConflictError)
  })

  it('writes the audit row and the outbox event with the change', async () => {
    const record = await people.getPerson('X100033', ctx['pat.practitioner'])
    await people.addAlias(
      'X100033',
      { version: record.version, forename: 'Con', surname: 'Tomas' },
      ctx['pat.practitioner'],
    )
    const audit = await handle.db
      .selectFrom('audit_events')
      .select('action')
      .where('person_id', '=', record.id)
      .where('action', '=', 'PERSON_ALIAS_ADD')
      .execute()
    const events = await handle.db
      .selectFrom('outbox_events')
      .select('event_type')
      .where('person_id', '=', record.id)
      .execute()
    expect(audit).toHaveLength(1)
    expect(events.map(e => e.event_type)).toEqual(['person.alias.added'])
  })

  it('refuses a change from a reader who may not write, and changes nothing', async () => {
    const record = await people.getPerson('X100002', ctx['auditor'])
    await expect(
      people.updateEquality('X100002', { version: record.version, religion: 'SIKH' }, ctx['auditor']),
    ).rejects.toBeInstanceOf(ForbiddenError)
    expect((await people.getPerson('X100002', ctx['auditor'])).equality.religion).toBeNull()
  })
})

describe('audit trail', () => {
  it('lists who looked, for auditors only', async () => {
    await people.getPerson('X100014', ctx['pat.practitioner'])
    const trail = await people.getAuditTrail('X100014', ctx['auditor'])
    expect(
      trail.entries.some(
        e => e.username === 'pat.practitioner' && e.name === 'Pat Practitioner' && e.action === 'PERSON_VIEW',
      ),
    ).toBe(true)
    await expect(people.getAuditTrail('X100014', ctx['pat.practitioner'])).rejects.toBeInstanceOf(ForbiddenError)
  })
})
