import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { NAME_CANDIDATE_CAP, searchNameCandidates } from './queries.ts'

/**
 * Finding a person by name when the surname is common (issue 7): the demo region plus 1,200 people called Jones
 * (CRNs J000001…, forenames in turn from the list below, born on consecutive days from 1 January 1970), so more
 * names sound like "Jones" than the search compares one by one. Pages over the real app, as a practitioner sees them.
 */

const FORENAMES = ['Aaron', 'Beth', 'Carl', 'Dawn', 'Emma', 'Gary', 'Julia', 'James', 'Leanne', 'Mark', 'Nina', 'Owen']
const JONESES = 1200
const jonesCrn = (n: number) => `J${String(n).padStart(6, '0')}`
const HILLS = 1100
const MILDER = `C${String(HILLS + 1).padStart(6, '0')}`

let t: TestApp
let pat: TestBrowser
beforeAll(async () => {
  t = await createTestApp()
  pat = await t.signIn('pat.practitioner')
  const db = t.handle.db
  await sql`
    insert into people (crn, forename, surname, date_of_birth, gender)
    select 'J' || lpad(g::text, 6, '0'), (${FORENAMES.join(',')}::text)::text, 'Jones', date '1970-01-01' + g, 'female'
    from generate_series(1, ${JONESES}::int) as g`.execute(db)
  await sql`
    update people set forename = (string_to_array(${FORENAMES.join(',')}::text, ','))[1 + substring(crn from 2)::int % ${FORENAMES.length}::int]
    where crn like 'J%'`.execute(db)
  // One Leon Jones among them (J000600), and a Leon Smith (not a Jones).
  await sql`update people set forename = 'Leon', gender = 'male' where crn = ${jonesCrn(600)}`.execute(db)
  await sql`
    insert into person_names (person_id, kind, forename, surname, date_of_birth, search_name, surname_key)
    select id, 'name', forename, surname, date_of_birth, lower(forename || ' ' || surname), dmetaphone(lower(surname))
    from people where crn like 'J%'`.execute(db)
  expect(JONESES).toBeGreaterThan(NAME_CANDIDATE_CAP)
  // Issue 21: 1,100 Christopher Hills (C000001…) and, inserted after them, one Christopher Milder (C001101). Every
  // Hill's whole name is as like "Christopher Mildey" (0.5) as the trigram fallback asks, as the forename is most of
  // the query's trigrams: compared on whole names, the Hills filled the fallback's 1,000 and hid Mr Milder.
  await sql`
    insert into people (crn, forename, surname, date_of_birth, gender)
    select 'C' || lpad(g::text, 6, '0'), 'Christopher', case when g = ${HILLS + 1}::int then 'Milder' else 'Hill' end,
      date '1980-01-01' + g, 'male'
    from generate_series(1, ${HILLS + 1}::int) as g`.execute(db)
  await sql`
    insert into person_names (person_id, kind, forename, surname, date_of_birth, search_name, surname_key)
    select id, 'name', forename, surname, date_of_birth, lower(forename || ' ' || surname), dmetaphone(lower(surname))
    from people where crn like 'C%' order by crn`.execute(db)
  expect(HILLS).toBeGreaterThan(NAME_CANDIDATE_CAP)
})
afterAll(() => t.close())

/** One more man, with his name as the search reads it. */
async function insertPerson(crn: string, forename: string, surname: string, dateOfBirth: string) {
  await sql`
    insert into people (crn, forename, surname, date_of_birth, gender)
    values (${crn}, ${forename}, ${surname}, ${dateOfBirth}::date, 'male')`.execute(t.handle.db)
  await sql`
    insert into person_names (person_id, kind, forename, surname, date_of_birth, search_name, surname_key)
    select id, 'name', forename, surname, date_of_birth, lower(forename || ' ' || surname), dmetaphone(lower(surname))
    from people where crn = ${crn}`.execute(t.handle.db)
}

/** The ways the search read names for a normalised query, in order. */
const readWays = (query: string) =>
  t.handle.db.transaction().execute(trx => searchNameCandidates(trx, query, query.split(' '), undefined))

const page = async (q: string, dob = '') => {
  const response = await pat.get(`/people?q=${encodeURIComponent(q)}${dob ? `&dob=${encodeURIComponent(dob)}` : ''}`)
  expect(response.statusCode).toBe(200)
  const rows = [
    ...response.body.matchAll(
      /<tr class="govuk-table__row" data-qa="result" data-crn="([^"]+)" data-access="([^"]+)">([\s\S]*?)<\/tr>/g,
    ),
  ].map(m => ({
    crn: m[1],
    text: m[3]
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  }))
  return {
    rows,
    crns: rows.map(r => r.crn),
    manyMatches: response.body.includes('data-qa="many-matches"'),
    body: response.body,
  }
}

/** Rows whose name is shown (a limited-access record, X100009 James Jones here, shows only its CRN and why). */
const visible = (rows: { text: string }[]) => rows.filter(r => !r.text.includes('Limited access record'))

describe('searching for a common surname', () => {
  it('finds Leon Jones first among 1,200 Joneses when his surname is misspelt ("Leon Jnoes")', async () => {
    const found = await page('Leon Jnoes')
    expect(found.crns[0]).toBe(jonesCrn(600))
    expect(found.rows[0].text).toContain('Leon Jones')
    expect(found.manyMatches).toBe(false)
  })

  it('reads the surname first too ("Jones Leon", "jones  LEON")', async () => {
    expect((await page('Jones Leon')).crns[0]).toBe(jonesCrn(600))
    expect((await page('jones  LEON')).crns[0]).toBe(jonesCrn(600))
  })

  it('forgives a misspelt forename that sounds the same ("Leeon Jones")', async () => {
    expect((await page('Leeon Jones')).crns[0]).toBe(jonesCrn(600))
  })

  it('shows the first 50 of a surname on its own and asks for a forename or date of birth ("Jones", "Jnoes")', async () => {
    for (const q of ['Jones', 'Jnoes']) {
      const found = await page(q)
      expect(found.rows).toHaveLength(50)
      expect(visible(found.rows).every(r => r.text.includes('Jones'))).toBe(true)
      expect(found.manyMatches).toBe(true)
      expect(found.body).toContain(
        'Many people have a name like this. Showing 50 of them. Add a forename or a date of birth to find the right person.',
      )
    }
  })

  it('finds the right Jones on her own when the date of birth is given, even among too many to compare', async () => {
    // J001100 was born 1,100 days after 1 January 1970: 5 January 1973.
    const found = await page('Jnoes', '5/1/1973')
    expect(found.crns[0]).toBe(jonesCrn(1100))
    expect(found.rows[0].text).toContain('Jones')
  })

  it('reads a one-letter word as an initial ("J Jones" lists Joneses whose forename begins with J)', async () => {
    const found = await page('J Jones')
    expect(found.rows).toHaveLength(50)
    expect(visible(found.rows).every(r => /\bJ\w* Jones\b/.test(r.text))).toBe(true)
  })

  it('still finds a rare surname without the hint', async () => {
    const found = await page('Aisha Okafr')
    expect(found.crns).toContain('X100008')
    expect(found.manyMatches).toBe(false)
  })

  it('falls back to resemblance when the misspelt surname no longer sounds the same ("John Smiht" finds John Smith)', async () => {
    const found = await page('John Smiht')
    expect(found.crns).toContain('X100001')
  })
})

describe('a misspelt surname that no longer sounds the same, among many people with the same forename (issue 21)', () => {
  it('finds Christopher Milder first from "Christopher Mildey" among 1,100 Christopher Hills', async () => {
    const found = await page('Christopher Mildey')
    expect(found.crns[0]).toBe(MILDER)
    expect(found.rows[0].text).toContain('Christopher Milder')
    expect(found.manyMatches).toBe(false)
  })

  it('finds him with the forename mistyped too ("Crhistopher Mildey", "Mildey Kristofer")', async () => {
    expect((await page('Crhistopher Mildey')).crns[0]).toBe(MILDER)
    expect((await page('Mildey Kristofer')).crns[0]).toBe(MILDER)
  })

  it('finds a forename typed with a letter that changes its sound through the whole name ("Xhristopher Mildey")', async () => {
    const found = await page('Xhristopher Mildey')
    expect(found.crns).toContain(MILDER)
  })

  it('finds a short surname with two letters swapped by its forename first ("Christopher Wakler"), not by the whole name', async () => {
    // "wakler" shares only a quarter of its trigrams with "walker" (0.27): the forename's sound and a surname that
    // looks a little like it find him, without reading the whole names of 1,100 Christopher Hills.
    await insertPerson('W000001', 'Christopher', 'Walker', '1985-06-01')
    const read = await readWays('christopher wakler')
    expect(read.ways.map(w => w.way)).toEqual(['sound', 'narrowed-trigram'])
    expect((await page('Christopher Wakler')).crns[0]).toBe('W000001')
  })

  it('undoes two letters swapped in a four-letter surname ("Leon Hlil" finds Leon Hill), without the whole name\'s trigrams', async () => {
    // "hlil" shares one trigram in nine with "hill" and sounds otherwise (HLL, not HL): neither the sounds nor the
    // surname's trigrams find him, and the whole name's trigrams read a million names to do it.
    await insertPerson('H000001', 'Leon', 'Hill', '1979-02-03')
    const read = await readWays('leon hlil')
    expect(read.ways.map(w => w.way)).toEqual(['sound', 'narrowed-trigram', 'swapped'])
    const found = await page('Leon Hlil')
    expect(found.crns[0]).toBe('H000001')
    expect(found.rows[0].text).toContain('Leon Hill')
  })

  it('shows 50 and asks for more when the misspelt surname looks like too many ("Christopher Hilll")', async () => {
    const found = await page('Christopher Hilll')
    expect(found.rows).toHaveLength(50)
    expect(visible(found.rows).every(r => r.text.includes('Christopher Hill'))).toBe(true)
    expect(found.manyMatches).toBe(true)
  })
})
