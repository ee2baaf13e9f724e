import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../clock.ts'
import { cookieHeader, createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { createFactories, type MadePerson, type MadeSentence } from '../../../test/factories/index.ts'

/**
 * Convictions and cautions from PNC extracts as a contract manager would check them (issue 19 item 2): each row of
 * an extract is added, already held, matched to a court record, unmatched or rejected with its reason; importing the
 * same extract twice adds nothing; a malformed file changes nothing; the report names people by CRN only and is
 * audited; only contract managers (contracts:manage) reach the pages.
 */

const clock = fixedClock('2026-12-07T10:00:00Z')
let t: TestApp
let morgan: TestBrowser
let byCrn: MadePerson
let byPnc: MadePerson
let court: MadeSentence
let courtFacts: { code: string; offenceDate: string; convictionDate: string }
const db = () => t.handle.db
const PNC = '2001/0012345X'

async function upload(browser: TestBrowser, fileName: string, content: string) {
  const boundary = '----probity-pnc'
  const body =
    `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${browser.csrfToken}\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n` +
    `--${boundary}--\r\n`
  return t.app.inject({
    method: 'POST',
    url: '/contracts/convictions',
    headers: { cookie: cookieHeader(browser.cookies), 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: body,
  })
}

const heldCount = async () =>
  Number(
    (
      await db()
        .selectFrom('proven_offences')
        .select(eb => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )
const importCount = async () =>
  Number(
    (
      await db()
        .selectFrom('pnc_imports')
        .select(eb => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

const HEADER = 'pncKey,pnc,crn,disposal,offenceCode,description,offenceDate,provenDate,provenBy'
function extract() {
  return [
    HEADER,
    `K-1,,${byCrn.crn},conviction,10501,"Theft, from a shop",2026-03-01,2026-05-01,Northtown Magistrates`,
    `K-2,${PNC},,caution,10502,Criminal damage,2026-04-01,2026-04-02,Northshire Police`,
    `K-3,,${court.crn},conviction,${courtFacts.code},Burglary,${courtFacts.offenceDate},${courtFacts.convictionDate},Northtown Crown`,
    `K-4,,Z999999,conviction,10501,Theft,2026-03-01,2026-05-01,Northtown Magistrates`,
    `K-5,,${byCrn.crn},conviction,10501,Theft,2026-13-01,2026-05-01,Northtown Magistrates`,
    `K-6,,${byCrn.crn},conviction,10501,Theft,2026-05-01,2026-03-01,Northtown Magistrates`,
    `K-7,,${byCrn.crn},fine,10501,Theft,2026-03-01,2026-05-01,Northtown Magistrates`,
    `K-1,,${byCrn.crn},conviction,10501,"Theft, from a shop",2026-03-01,2026-05-01,Northtown Magistrates`,
  ].join('\r\n')
}

beforeAll(async () => {
  t = await createTestApp({ clock })
  const make = createFactories(db(), { clock })
  byCrn = await make.person({ allocatedTo: 'NWS001' })
  byPnc = await make.person({ allocatedTo: 'NWS001' })
  await db().updateTable('people').set({ pnc: PNC }).where('id', '=', byPnc.personId).execute()
  court = await make.sentenced('community')
  const o = await db()
    .selectFrom('offences as o')
    .innerJoin('events as e', 'e.id', 'o.event_id')
    .select(['o.offence_code', 'o.offence_date', 'e.conviction_date'])
    .where('o.event_id', '=', court.eventId)
    .executeTakeFirstOrThrow()
  courtFacts = { code: o.offence_code, offenceDate: String(o.offence_date), convictionDate: String(o.conviction_date) }
  morgan = await t.signIn('morgan.contracts')
  await morgan.get('/contracts/convictions')
})
afterAll(() => t.close())

describe('importing a PNC extract', () => {
  let importId: number

  it('reconciles each row, adds only the new ones and shows the report by CRN', async () => {
    const content = extract()
    const response = await upload(morgan, 'pnc-2026-11.csv', content)
    expect(response.statusCode).toBe(303)
    importId = Number(/imports\/(\d+)/.exec(response.headers.location as string)?.[1])
    const row = await db().selectFrom('pnc_imports').selectAll().where('id', '=', importId).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ rows_read: 8, added: 2, already_held: 1, unmatched: 1, rejected: 3, format: 'csv' })
    expect(row.checksum).toBe(createHash('sha256').update(content).digest('hex'))
    const held = await db()
      .selectFrom('proven_offences')
      .select(['person_id', 'disposal', 'pnc_key', 'description'])
      .where('import_id', '=', importId)
      .orderBy('pnc_key')
      .execute()
    expect(held.map(h => [Number(h.person_id), h.disposal, h.pnc_key])).toEqual([
      [byCrn.personId, 'conviction', 'K-1'],
      [byPnc.personId, 'caution', 'K-2'],
    ])
    expect(held[0].description).toBe('Theft, from a shop')

    const page = await morgan.get(response.headers.location as string)
    expect(page.statusCode).toBe(200)
    const rows = page.body.slice(page.body.indexOf('data-qa="rows"'))
    expect(rows).toContain(byCrn.crn)
    expect(rows).toContain(byPnc.crn)
    expect(rows).toContain('Matches a court record')
    expect(rows).toContain('Proven before the offence date')
    expect(rows).toContain('Bad offence date')
    expect(rows).toContain('Unknown disposal')
    expect(page.body).not.toContain(byCrn.surname)
    const viewed = await db()
      .selectFrom('audit_events')
      .select(['shown_person_ids', 'username'])
      .where('action', '=', 'PNC_IMPORT_VIEWED')
      .where('subject', '=', `pnc import ${importId}`)
      .executeTakeFirstOrThrow()
    expect(viewed.username).toBe('morgan.contracts')
    expect((viewed.shown_person_ids ?? []).map(Number).sort()).toEqual(
      [byCrn.personId, byPnc.personId, court.personId].sort(),
    )
    const imported = await db()
      .selectFrom('audit_events')
      .select('detail')
      .where('action', '=', 'PNC_IMPORTED')
      .where('subject', '=', `pnc import ${importId}`)
      .executeTakeFirst()
    expect(imported).toBeDefined()
  })

  it('adds nothing when the same extract is imported again', async () => {
    const before = await heldCount()
    const response = await upload(morgan, 'pnc-2026-11-again.csv', extract())
    expect(response.statusCode).toBe(303)
    expect(await heldCount()).toBe(before)
    const id = Number(/imports\/(\d+)/.exec(response.headers.location as string)?.[1])
    const row = await db().selectFrom('pnc_imports').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    // K-1 and K-2 are held now (and K-1 twice in the file); K-3 still matches the court record, K-4 still no one.
    expect(row).toMatchObject({ rows_read: 8, added: 0, already_held: 3, unmatched: 1, rejected: 3 })
    const list = await morgan.get('/contracts/convictions')
    expect(list.body).toContain('pnc-2026-11-again.csv')
    expect(list.body).toContain(`/contracts/convictions/imports/${importId}`)
  })

  it('imports JSON rows the same way', async () => {
    const rows = [
      {
        pncKey: 'J-1',
        crn: byCrn.crn,
        disposal: 'caution',
        offenceCode: '10503',
        offenceDate: '2026-06-01',
        provenDate: '2026-06-03',
      },
    ]
    const response = await upload(morgan, 'pnc.json', JSON.stringify({ rows }))
    expect(response.statusCode).toBe(303)
    const held = await db().selectFrom('proven_offences').select('disposal').where('pnc_key', '=', 'J-1').execute()
    expect(held).toEqual([{ disposal: 'caution' }])
  })

  it.each([
    ['a CSV without the dates', 'bad.csv', 'pncKey,crn,disposal,offenceCode\nK-9,X000001,caution,1', 'no offenceDate'],
    ['JSON that does not parse', 'bad.json', '[{"pncKey": "K-9",', 'not valid JSON'],
    ['a CSV line with too few fields', 'short.csv', `${HEADER}\nK-9,,X000001,caution`, 'Line 2 has 4 fields'],
    ['another kind of file', 'extract.txt', HEADER, 'must be a .csv or .json file'],
  ])('refuses %s, changing nothing', async (_what, name, content, message) => {
    const [held, imports] = [await heldCount(), await importCount()]
    const response = await upload(morgan, name, content)
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('govuk-error-summary')
    expect(response.body).toContain('href="#file"')
    expect(response.body).toContain(message)
    expect([await heldCount(), await importCount()]).toEqual([held, imports])
  })

  it('asks for a file when none is chosen', async () => {
    const response = await morgan.post('/contracts/convictions', {})
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('Choose a PNC extract file')
  })

  it('is only for contract managers', async () => {
    const pat = await t.signIn('pat.practitioner')
    expect((await pat.get('/contracts/convictions')).statusCode).toBe(403)
    expect((await pat.get(`/contracts/convictions/imports/${importId}`)).statusCode).toBe(403)
    expect((await upload(pat, 'pnc.csv', extract())).statusCode).toBe(403)
  })

  it('answers 404 for an import that does not exist', async () => {
    expect((await morgan.get('/contracts/convictions/imports/999999')).statusCode).toBe(404)
  })
})
