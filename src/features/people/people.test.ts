import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makePnc } from '../../domain/identifiers/index.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'

/**
 * The person record and search as a user meets them: pages over the real app and a seeded database
 * (see seed/demo.ts: X100005 excludes pat.practitioner, X100009 is restricted to sam.senior, X100008 is
 * managed by the contracted provider, X100001 is John Smith with the alias Jonny Smith-Lee).
 */

let t: TestApp
let pat: TestBrowser
beforeAll(async () => {
  t = await createTestApp()
  pat = await t.signIn('pat.practitioner')
})
afterAll(() => t.close())

const db = () => t.handle.db
const countPeople = async () =>
  Number(
    (
      await db()
        .selectFrom('people')
        .select(eb => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

/** The result rows of a search page, as the user sees them. */
function results(html: string) {
  return [
    ...html.matchAll(
      /<tr class="govuk-table__row" data-qa="result" data-crn="([^"]+)" data-access="([^"]+)">([\s\S]*?)<\/tr>/g,
    ),
  ].map(m => ({
    crn: m[1],
    access: m[2],
    text: m[3]
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  }))
}

const search = async (b: TestBrowser, q: string, dob = '') => {
  const response = await b.get(`/people?q=${encodeURIComponent(q)}${dob ? `&dob=${encodeURIComponent(dob)}` : ''}`)
  expect(response.statusCode).toBe(200)
  return results(response.body)
}

const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? ''

const validPerson = {
  forename: 'Nadia',
  surname: 'Quennell',
  'dateOfBirth-day': '14',
  'dateOfBirth-month': '2',
  'dateOfBirth-year': '1991',
  gender: 'female',
}

describe('creating a person', () => {
  it('refuses bad input with an error summary for every field and creates nothing', async () => {
    const before = await countPeople()
    const response = await pat.post('/people/new', {
      forename: '',
      surname: 'Quennell',
      'dateOfBirth-day': '31',
      'dateOfBirth-month': '2',
      'dateOfBirth-year': '1990',
      gender: '',
      pnc: '1981/0154257D',
      noms: 'A12BC',
      email: 'not-an-email',
    })
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('govuk-error-summary')
    expect(response.body).toContain('Enter a first name')
    expect(response.body).toContain('Date of birth must be a real date')
    expect(response.body).toContain('Select a gender')
    expect(response.body).toContain('the check letter does not match')
    expect(response.body).toContain('Enter a prison number in the format A1234BC')
    expect(response.body).toContain('Enter an email address in the correct format')
    // What the user typed is kept.
    expect(response.body).toContain('value="Quennell"')
    expect(await countPeople()).toBe(before)
  })

  it('creates a new person with the PNC in its long form and shows the record', async () => {
    const response = await pat.post('/people/new', { ...validPerson, pnc: '81/154257c', noms: 'a1234bc' })
    expect(response.statusCode).toBe(302)
    const crn = /\/people\/([A-Z]\d{6})/.exec(response.headers.location as string)![1]
    const row = await db()
      .selectFrom('people')
      .select(['pnc', 'noms', 'forename'])
      .where('crn', '=', crn)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ pnc: '1981/0154257C', noms: 'A1234BC', forename: 'Nadia' })
    const page = await pat.get(`/people/${crn}`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Nadia')
    expect(page.body).toContain('1981/0154257C')
    const created = await db()
      .selectFrom('audit_events')
      .select('action')
      .where('subject', '=', crn)
      .where('action', '=', 'PERSON_CREATE')
      .execute()
    expect(created).toHaveLength(1)
    const events = await db()
      .selectFrom('outbox_events')
      .select('event_type')
      .where('event_type', '=', 'person.created')
      .execute()
    expect(events.length).toBeGreaterThan(0)
  })

  it('warns about likely duplicates and creates only when the user confirms none of them is the person', async () => {
    const before = await countPeople()
    const form = {
      forename: 'Jon',
      surname: 'Smyth',
      'dateOfBirth-day': '1',
      'dateOfBirth-month': '1',
      'dateOfBirth-year': '1960',
      gender: 'male',
    }
    const warning = await pat.post('/people/new', form)
    expect(warning.statusCode).toBe(200)
    expect(warning.body).toContain('This person may already have a record')
    expect(results(warning.body).map(r => r.crn)).toContain('X100001')
    expect(warning.body).toContain('None of these, create a new record')
    expect(await countPeople()).toBe(before)

    const confirmed = await pat.post('/people/new', { ...form, confirmNotDuplicate: 'yes' })
    expect(confirmed.statusCode).toBe(302)
    expect(await countPeople()).toBe(before + 1)
  })

  it('treats the same PNC as a duplicate and never creates a second record with it', async () => {
    const pnc = makePnc(2000, 10000) // X100001's
    const warning = await pat.post('/people/new', { ...validPerson, forename: 'Someone', surname: 'Else', pnc })
    expect(results(warning.body).map(r => r.crn)).toEqual(['X100001'])
    const confirmed = await pat.post('/people/new', {
      ...validPerson,
      forename: 'Someone',
      surname: 'Else',
      pnc,
      confirmNotDuplicate: 'yes',
    })
    expect(confirmed.statusCode).toBe(400)
    expect(confirmed.body).toContain('Another record already has this PNC number')
  })

  it('masks a limited-access duplicate', async () => {
    const warning = await pat.post('/people/new', {
      forename: 'Michael',
      surname: 'Walker',
      'dateOfBirth-day': '5',
      'dateOfBirth-month': '5',
      'dateOfBirth-year': '1967',
      gender: 'male',
    })
    const row = results(warning.body).find(r => r.crn === 'X100005')
    expect(row?.access).toBe('limited')
    expect(row?.text).toContain('Limited access record')
    expect(row?.text).not.toContain('Walker')
  })

  it('shows a name containing markup as text, never as markup', async () => {
    const response = await pat.post('/people/new', {
      ...validPerson,
      forename: '<script>alert(1)</script>',
      surname: 'Escapington',
    })
    expect(response.statusCode).toBe(302)
    const page = await pat.get(response.headers.location as string)
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(page.body).not.toContain('<script>alert(1)</script>')
  })
})

describe('search', () => {
  it('forgives a misspelt surname: "Smyth" finds Smith and "Wiliams" finds Williams', async () => {
    expect((await search(pat, 'Smyth')).map(r => r.crn)).toContain('X100001')
    const williams = (await search(pat, 'Wiliams')).map(r => r.crn)
    expect(williams).toContain('X100022')
    expect(williams).toContain('X100004')
  })

  it('ignores accents: "zoe" finds Zoë, "alvarez" finds Álvarez', async () => {
    const zoe = await search(pat, 'zoe taylor')
    expect(zoe.map(r => r.crn)).toContain('X100030')
    expect(zoe.find(r => r.crn === 'X100030')?.text).toContain('Zoë Taylor')
    expect((await search(pat, 'zoe')).map(r => r.crn)).toContain('X100030')
    expect((await search(pat, 'alvarez')).map(r => r.crn)).toContain('X100034')
  })

  it('reads surname first ("smith john") and puts exact name and date of birth first', async () => {
    const found = await search(pat, 'smith john', '19/7/1969')
    expect(found[0].crn).toBe('X100019')
    expect(found.map(r => r.crn)).toContain('X100001')
  })

  it('finds a person by an alias and says which alias matched', async () => {
    const found = await search(pat, 'jonny smith-lee')
    const row = found.find(r => r.crn === 'X100001')
    expect(row?.text).toContain('Also known as Jonny Smith-Lee')
  })

  it('finds exactly by CRN, PNC (either form) and prison number', async () => {
    expect((await search(pat, 'x100002')).map(r => r.crn)).toEqual(['X100002'])
    const pnc = makePnc(2014, 10000 + 14 * 37) // X100015's
    expect((await search(pat, pnc)).map(r => r.crn)).toEqual(['X100015'])
    const short = pnc.slice(2).replace(/\/0+/, '/')
    expect((await search(pat, short)).map(r => r.crn)).toEqual(['X100015'])
  })

  it('shows limited-access results masked, with the reason, and no name', async () => {
    const walker = (await search(pat, 'walker')).find(r => r.crn === 'X100005')!
    expect(walker.access).toBe('limited')
    expect(walker.text).toContain('Limited access record')
    expect(walker.text).toContain('You are excluded from this case because of a conflict of interest.')
    expect(walker.text).not.toContain('Michael')
    const jones = (await search(pat, 'james jones')).find(r => r.crn === 'X100009')!
    expect(jones.access).toBe('limited')
    expect(jones.text).toContain('This case is restricted. Contact the Northtown Team A senior.')
    // The senior it is restricted to sees it in full.
    const sam = await t.signIn('sam.senior')
    expect((await search(sam, 'james jones')).find(r => r.crn === 'X100009')?.access).toBe('allowed')
  })

  it('shows another provider’s record with its name and the reason, but no link', async () => {
    const response = await pat.get('/people?q=okafor')
    const row = results(response.body).find(r => r.crn === 'X100008')!
    expect(row.access).toBe('refused')
    expect(row.text).toContain('Aisha Okafor')
    expect(row.text).toContain('managed by another provider')
    expect(response.body).not.toContain('href="/people/X100008"')
  })

  it('treats SQL metacharacters as text', async () => {
    const response = await pat.get(`/people?q=${encodeURIComponent("'; drop table people; --")}`)
    expect(response.statusCode).toBe(200)
    expect(await countPeople()).toBeGreaterThanOrEqual(36)
    const odd = await pat.get(`/people?q=${encodeURIComponent("o'brien%_\\")}`)
    expect(odd.statusCode).toBe(200)
  })

  it('audits every search with what was asked', async () => {
    await search(pat, 'Hughes', '3/3/1986')
    const row = await db()
      .selectFrom('audit_events')
      .select(['username', 'detail'])
      .where('action', '=', 'PERSON_SEARCH')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(row.username).toBe('pat.practitioner')
    expect(row.detail).toMatchObject({ q: 'Hughes', dob: '1986-03-03' })
  })

  it('says when a date of birth is not a date', async () => {
    const response = await pat.get('/people?q=smith&dob=31/2/1990')
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('Date of birth must be a real date')
  })
})

describe('reading a record', () => {
  it('audits every view of the record', async () => {
    const page = await pat.get('/people/X100002')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Mohammed')
    const row = await db()
      .selectFrom('audit_events')
      .select(['username', 'action', 'subject'])
      .where('subject', '=', 'X100002')
      .where('action', '=', 'PERSON_VIEW')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(row.username).toBe('pat.practitioner')
  })

  it('refuses another provider’s record with 403 and the reason, and audits the refusal', async () => {
    const response = await pat.get('/people/X100008')
    expect(response.statusCode).toBe(403)
    expect(response.body).toContain('managed by another provider')
    expect(response.body).not.toContain('Okafor')
    const denied = await db()
      .selectFrom('audit_events')
      .select(['username', 'detail'])
      .where('subject', '=', 'X100008')
      .where('action', '=', 'ACCESS_DENIED')
      .execute()
    expect(denied.map(d => d.username)).toContain('pat.practitioner')
  })

  it('refuses a limited-access record with its message', async () => {
    const response = await pat.get('/people/X100005/addresses')
    expect(response.statusCode).toBe(403)
    expect(response.body).toContain('conflict of interest')
  })

  it('shows address history with dates', async () => {
    const page = await pat.get('/people/X100006/addresses') // index 5: moved once
    expect(page.statusCode).toBe(200)
    const previous = page.body.slice(page.body.indexOf('Previous addresses'))
    expect(previous).toContain('Flat 6')
    expect(previous).toContain('1 June 2020')
  })

  it('answers 404 for a CRN that does not exist', async () => {
    expect((await pat.get('/people/X999999')).statusCode).toBe(404)
  })
})

describe('changing a record', () => {
  it('moves a person: the old main address is kept as previous with an end date', async () => {
    const form = await pat.get('/people/X100003/addresses/new')
    expect(form.statusCode).toBe(200)
    const person = await db().selectFrom('people').select('id').where('crn', '=', 'X100003').executeTakeFirstOrThrow()
    const oldMain = await db()
      .selectFrom('addresses')
      .select(['id', 'building'])
      .where('person_id', '=', person.id)
      .where('status', '=', 'main')
      .executeTakeFirstOrThrow()
    const response = await pat.post('/people/X100003/addresses/new', {
      version: versionOf(form.body),
      status: 'main',
      building: '7',
      street: 'New Street',
      town: 'Westbury',
      postcode: 'nt45xy',
      'startDate-day': '1',
      'startDate-month': '3',
      'startDate-year': '2025',
    })
    expect(response.statusCode).toBe(302)
    const rows = await db()
      .selectFrom('addresses')
      .select(['id', 'status', 'end_date', 'superseded_by', 'postcode'])
      .where('person_id', '=', person.id)
      .orderBy('id')
      .execute()
    const old = rows.find(r => r.id === oldMain.id)!
    const fresh = rows.find(r => r.postcode === 'NT4 5XY')!
    expect(old).toMatchObject({ status: 'previous', end_date: '2025-03-01', superseded_by: fresh.id })
    expect(fresh).toMatchObject({ status: 'main', end_date: null })
    const page = await pat.get('/people/X100003/addresses')
    const previous = page.body.slice(page.body.indexOf('Previous addresses'))
    expect(previous).toContain(`${oldMain.building}`)
    expect(previous).toContain('1 March 2025')
    const outbox = await db()
      .selectFrom('outbox_events')
      .select('event_type')
      .where('person_id', '=', person.id)
      .execute()
    expect(outbox.map(o => o.event_type)).toContain('person.address.changed')
  })

  it('refuses a stale version with a clear message and changes nothing', async () => {
    const first = await pat.get('/people/X100011/personal-details')
    const stale = versionOf(first.body)
    const saved = await pat.post('/people/X100011/personal-details', {
      version: stale,
      phone: '01632 960001',
      mobile: '',
      email: '',
    })
    expect(saved.statusCode).toBe(302)
    const conflict = await pat.post('/people/X100011/personal-details', {
      version: stale,
      phone: '01632 960999',
      mobile: '',
      email: 'x@example.com',
    })
    expect(conflict.statusCode).toBe(409)
    expect(conflict.body).toContain('Someone else changed this record')
    const row = await db()
      .selectFrom('people')
      .select(['phone', 'email'])
      .where('crn', '=', 'X100011')
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ phone: '01632 960001', email: null })
  })

  it('re-shows a form with errors and status 400', async () => {
    const form = await pat.get('/people/X100002/circumstances/new')
    const response = await pat.post('/people/X100002/circumstances/new', {
      version: versionOf(form.body),
      type: '',
      'startDate-day': '40',
      'startDate-month': '1',
      'startDate-year': '2024',
    })
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('Select the type of circumstance')
    expect(response.body).toContain('The start date must be a real date')
  })

  it('adds an alias, a circumstance, a disability and equality data, each shown on the record', async () => {
    let version = versionOf((await pat.get('/people/X100002/aliases/new')).body)
    expect(
      (await pat.post('/people/X100002/aliases/new', { version, forename: 'Mo', surname: 'Evanson' })).statusCode,
    ).toBe(302)
    version = versionOf((await pat.get('/people/X100002/circumstances/new')).body)
    expect(
      (
        await pat.post('/people/X100002/circumstances/new', {
          version,
          type: 'EMPLOYMENT',
          subType: 'Full-time',
          'startDate-day': '1',
          'startDate-month': '2',
          'startDate-year': '2024',
        })
      ).statusCode,
    ).toBe(302)
    version = versionOf((await pat.get('/people/X100002/disabilities/new')).body)
    expect(
      (
        await pat.post('/people/X100002/disabilities/new', {
          version,
          type: 'HEARING',
          adjustments: 'Hearing loop in interview room',
          'startDate-day': '1',
          'startDate-month': '2',
          'startDate-year': '2024',
        })
      ).statusCode,
    ).toBe(302)
    version = versionOf((await pat.get('/people/X100002/equality')).body)
    expect(
      (
        await pat.post('/people/X100002/equality', {
          version,
          religion: 'MUSLIM',
          firstLanguage: 'Arabic',
          interpreterRequired: 'yes',
        })
      ).statusCode,
    ).toBe(302)
    const page = await pat.get('/people/X100002')
    for (const text of [
      'Mo Evanson',
      'Employment, training and education',
      'Hearing loop in interview room',
      'Muslim',
      'Arabic',
    ])
      expect(page.body).toContain(text)
    // The alias is searchable at once.
    expect((await search(pat, 'mo evanson')).map(r => r.crn)).toContain('X100002')
  })

  it('lets a reader without write access see the record but not its edit forms', async () => {
    const auditor = await t.signIn('auditor')
    expect((await auditor.get('/people/X100002')).statusCode).toBe(200)
    expect((await auditor.get('/people/X100002/personal-details')).statusCode).toBe(403)
  })
})

describe('who has looked at this record', () => {
  it('is shown to the auditor, listing who viewed the record', async () => {
    await pat.get('/people/X100010')
    const auditor = await t.signIn('auditor')
    const page = await auditor.get('/people/X100010/audit')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Pat Practitioner')
    expect(page.body).toContain('Viewed the overview')
    expect(page.body).not.toContain('PERSON_VIEW')
  })

  it('is refused to a practitioner', async () => {
    expect((await pat.get('/people/X100010/audit')).statusCode).toBe(403)
  })
})
