import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFactories, type Factories } from '../../../test/factories/index.ts'
import { pdfText } from '../../../test/support/pdf-text.ts'
import { fixedClock } from '../../clock.ts'
import { issueTestToken } from '../api/testing.ts'
import { pence } from '../../domain/outcomes/payments.ts'
import { contractsPaths as paths } from '../../web/paths.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { money } from './statement-lines.ts'

/**
 * Contracts as a contract manager (morgan.contracts) would check them on Monday 7 December 2026: a contract made
 * through the page for the contracted provider's Northshire area, payment-by-results terms changed once mid-quarter
 * (the statement uses the version in force on the quarter's first day), fee-for-service terms, two subcontractors (a
 * share of results, results passed through), and the statement of 2024-Q2 (final) for six people sentenced to
 * community orders in it, one of whom reoffended twice (PNC convictions). The expected figures are worked out here
 * from the fixtures. A practitioner is refused; bad input is a 400 that saves nothing.
 */

const TODAY = '2026-12-07'
const QUARTER = '2024-Q2'
const clock = fixedClock(`${TODAY}T10:00:00Z`)
let t: TestApp
let make: Factories
let morgan: TestBrowser
let pat: TestBrowser
const db = () => t.handle.db
let contractId = 0

/** Six people: predicted (OGRS3 %, null: none) and their PNC reoffences (offence date, proven date). */
const PEOPLE: { predicted: number | null; reoffences: [string, string][] }[] = [
  {
    predicted: 80,
    reoffences: [
      ['2024-07-01', '2024-09-10'],
      ['2024-08-01', '2024-09-10'],
    ],
  },
  { predicted: 80, reoffences: [] },
  { predicted: 80, reoffences: [] },
  { predicted: 80, reoffences: [] },
  { predicted: 80, reoffences: [] },
  { predicted: null, reoffences: [] },
]
const crns: string[] = []
const surnames: string[] = []

const PBR_V1 = { effective: '2024-01-01', price: 1000, deduction: 800, baseline: 50, mean: 50, frequency: 3.2 }
const PBR_V2 = { effective: '2024-05-01', price: 5000 }
const FSS = { annual: 120_000, volume: 40, band: 10, above: 50, below: 50 }

async function person(p: (typeof PEOPLE)[number], n: number) {
  const made = await make.sentenced('community', { allocatedTo: 'CRC001' })
  crns.push(made.crn)
  surnames.push(made.surname)
  await db().updateTable('sentences').set({ sentence_date: '2024-05-10' }).where('id', '=', made.sentenceId).execute()
  await db().updateTable('events').set({ conviction_date: '2024-04-20' }).where('id', '=', made.eventId).execute()
  await db().updateTable('offences').set({ offence_date: '2023-12-01' }).where('event_id', '=', made.eventId).execute()
  if (p.predicted !== null)
    await db()
      .insertInto('risk_scores')
      .values({
        person_id: made.personId,
        algorithm: 'OGRS3',
        algorithm_version: '3',
        calculated_on: '2024-05-01',
        score: p.predicted,
        band: null,
        score_type: null,
        inputs: JSON.stringify({}),
        output: JSON.stringify({}),
        created_by: null,
      })
      .execute()
  if (!p.reoffences.length) return
  const { id } = await db()
    .insertInto('pnc_imports')
    .values({
      file_name: `test-${n}.csv`,
      format: 'csv',
      checksum: `contracts-test-${n}`,
      rows_read: p.reoffences.length,
      added: p.reoffences.length,
      already_held: 0,
      unmatched: 0,
      rejected: 0,
      report: JSON.stringify([]),
      imported_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const [i, [offence, proven]] of p.reoffences.entries())
    await db()
      .insertInto('proven_offences')
      .values({
        person_id: made.personId,
        pnc_key: `CT-${n}-${i}`,
        disposal: 'conviction',
        offence_code: '05400',
        description: 'Theft from a shop',
        offence_date: offence,
        proven_date: proven,
        proven_by: 'Northtown Magistrates',
        import_id: id,
      })
      .execute()
}

const date = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-')
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! }
}

async function regionOf(code: string) {
  return db().selectFrom('regions').select(['id', 'provider_id']).where('code', '=', code).executeTakeFirstOrThrow()
}

beforeAll(async () => {
  t = await createTestApp({ clock })
  make = createFactories(t.handle.db, { clock })
  morgan = await t.signIn('morgan.contracts')
  pat = await t.signIn('pat.practitioner')
  for (const [i, p] of PEOPLE.entries()) await person(p, i)
}, 180_000)
afterAll(() => t.close())

const pbrForm = (v: { effective: string; price: number }, reason: string) => ({
  ...date('effectiveFrom', v.effective),
  baselineBinaryRate: String(PBR_V1.baseline),
  baselineMeanPredicted: String(PBR_V1.mean),
  baselineFrequency: String(PBR_V1.frequency),
  binaryPriced: 'yes',
  binaryPrice: String(v.price),
  binaryDeduction: String(PBR_V1.deduction),
  frequencyPriced: 'no',
  binaryHurdle: 'yes',
  alpha: '5',
  reason,
})

describe('contracts', () => {
  it('refuses bad input with the fields named and saves nothing, then creates the contract', async () => {
    const crc = await regionOf('CRC-NW')
    const nps = await regionOf('PS-NW')
    const before = await db().selectFrom('contracts').select(db().fn.countAll().as('n')).executeTakeFirstOrThrow()
    const bad = await morgan.post(paths.newContract, {
      reference: '',
      providerId: String(crc.provider_id),
      regionId: String(nps.id),
      ...date('startsOn', '2024-01-01'),
      ...date('endsOn', '2023-12-31'),
      value: 'lots',
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('There is a problem')
    for (const field of ['#reference', '#endsOn-day', '#value']) expect(bad.body).toContain(`href="${field}"`)
    const wrongArea = await morgan.post(paths.newContract, {
      reference: 'NW-CRC-TEST',
      providerId: String(crc.provider_id),
      regionId: String(nps.id),
      ...date('startsOn', '2024-01-01'),
      ...date('endsOn', '2027-12-31'),
      value: '£12,000,000.00',
    })
    expect(wrongArea.statusCode).toBe(400)
    expect(wrongArea.body).toContain('Choose a contract package area of the provider')
    const after = await db().selectFrom('contracts').select(db().fn.countAll().as('n')).executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))

    const made = await morgan.post(paths.newContract, {
      reference: 'NW-CRC-TEST',
      providerId: String(crc.provider_id),
      regionId: String(crc.id),
      ...date('startsOn', '2024-01-01'),
      ...date('endsOn', '2027-12-31'),
      value: '£12,000,000.50',
    })
    expect(made.statusCode).toBe(303)
    contractId = Number(/\/contracts\/(\d+)/.exec(String(made.headers.location))![1])
    const row = await db().selectFrom('contracts').selectAll().where('id', '=', contractId).executeTakeFirstOrThrow()
    expect(row.value_pence).toBe(1_200_000_050)
    const again = await morgan.post(paths.newContract, {
      reference: 'nw-crc-test',
      providerId: String(crc.provider_id),
      regionId: String(crc.id),
      ...date('startsOn', '2024-01-01'),
      ...date('endsOn', '2027-12-31'),
      value: '1',
    })
    expect(again.statusCode).toBe(400)
    expect(again.body).toContain('already used')
    const list = await morgan.get(paths.contracts)
    expect(list.statusCode).toBe(200)
    expect(list.body).toContain('NW-CRC-TEST')
    expect(list.body).toContain('£12,000,000.50')
  })

  it('appends terms, keeping every version with who, when and why', async () => {
    const bad = await morgan.post(paths.changeTerms(contractId, 'payment-by-results'), {
      ...pbrForm(PBR_V1, ''),
      baselineBinaryRate: '145',
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('href="#baselineBinaryRate"')
    expect(bad.body).toContain('href="#reason"')
    const none = await db().selectFrom('contract_terms').select('id').where('contract_id', '=', contractId).execute()
    expect(none).toEqual([])

    for (const [v, reason] of [
      [PBR_V1, 'Contract signed'],
      [PBR_V2, 'Price review'],
    ] as const) {
      const r = await morgan.post(paths.changeTerms(contractId, 'payment-by-results'), pbrForm(v, reason))
      expect(r.statusCode).toBe(303)
    }
    const fss = await morgan.post(paths.changeTerms(contractId, 'fee-for-service'), {
      ...date('effectiveFrom', '2024-01-01'),
      annualPrice: String(FSS.annual),
      baselineVolume: String(FSS.volume),
      band: String(FSS.band),
      aboveShare: String(FSS.above),
      belowShare: String(FSS.below),
      serviceLevels: 'SL001: 500\nSL002: 250.50',
      reason: 'Contract signed',
    })
    expect(fss.statusCode).toBe(303)
    const rows = await db()
      .selectFrom('contract_terms')
      .select(['kind', 'effective_from', 'terms', 'reason'])
      .where('contract_id', '=', contractId)
      .orderBy('id')
      .execute()
    expect(rows.map(r => [r.kind, String(r.effective_from), r.reason])).toEqual([
      ['payment_by_results', PBR_V1.effective, 'Contract signed'],
      ['payment_by_results', PBR_V2.effective, 'Price review'],
      ['fee_for_service', '2024-01-01', 'Contract signed'],
    ])
    expect(rows[0]!.terms).toEqual({
      baseline: { binaryRate: 0.5, meanPredicted: 0.5, frequency: 3.2 },
      binary: { pricePerUnit: PBR_V1.price * 100, deductionPerUnit: PBR_V1.deduction * 100 },
      frequency: null,
      binaryHurdle: true,
      alpha: 0.05,
    })
    expect(rows[2]!.terms).toEqual({
      annualPrice: FSS.annual * 100,
      baselineVolume: FSS.volume,
      band: 0.1,
      aboveShare: 0.5,
      belowShare: 0.5,
      serviceLevelDeductions: { SL001: 50_000, SL002: 25_050 },
    })
    const page = await morgan.get(paths.contract(contractId))
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Price review')
    expect(page.body).toContain('Contract signed')
    expect(page.body).toContain(`${money(PBR_V2.price * 100)} a unit paid`)
    expect(page.body).toContain(`${money(PBR_V1.price * 100)} a unit paid`)
  })

  it('adds two subcontractors from the directory and appends a change of terms', async () => {
    const orgs = await db()
      .selectFrom('partner_organisations')
      .select(['id', 'code'])
      .where('code', 'in', ['NHT', 'WWC', 'NWCRC'])
      .execute()
    const id = (code: string) => String(orgs.find(o => o.code === code)!.id)
    const prime = await morgan.post(paths.newSubcontractor(contractId), {
      organisationId: id('NWCRC'),
      basis: 'share_of_results',
      share: '25',
      ...date('effectiveFrom', '2024-01-01'),
      reason: 'Supply chain',
    })
    expect(prime.statusCode).toBe(400)
    expect(prime.body).toContain('Choose a tier 2 or tier 3 organisation')
    const noShare = await morgan.post(paths.newSubcontractor(contractId), {
      organisationId: id('NHT'),
      basis: 'share_of_results',
      share: '',
      ...date('effectiveFrom', '2024-01-01'),
      reason: 'Supply chain',
    })
    expect(noShare.statusCode).toBe(400)
    expect(noShare.body).toContain('href="#share"')
    expect(
      await db().selectFrom('contract_subcontractors').select('id').where('contract_id', '=', contractId).execute(),
    ).toEqual([])

    for (const [code, basis, share] of [
      ['NHT', 'share_of_results', '20'],
      ['WWC', 'pass_through_if_prime_paid', '10'],
    ] as const) {
      const r = await morgan.post(paths.newSubcontractor(contractId), {
        organisationId: id(code),
        basis,
        share,
        ...date('effectiveFrom', '2024-01-01'),
        reason: 'Supply chain',
      })
      expect(r.statusCode).toBe(303)
    }
    const subs = await db()
      .selectFrom('contract_subcontractors')
      .select(['id', 'organisation_id', 'tier'])
      .where('contract_id', '=', contractId)
      .execute()
    const nht = subs.find(s => String(s.organisation_id) === id('NHT'))!
    expect(nht.tier).toBe('tier_2')
    // A change effective from 1 April 2024 (the quarter's first day): 25 %.
    const change = await morgan.post(paths.subcontractorTerms(contractId, nht.id), {
      basis: 'share_of_results',
      share: '25',
      ...date('effectiveFrom', '2024-04-01'),
      reason: 'Renegotiated',
    })
    expect(change.statusCode).toBe(303)
    const terms = await db()
      .selectFrom('subcontractor_terms')
      .select(['share_basis_points', 'reason'])
      .where('subcontractor_id', '=', nht.id)
      .orderBy('id')
      .execute()
    expect(terms).toEqual([
      { share_basis_points: 2000, reason: 'Supply chain' },
      { share_basis_points: 2500, reason: 'Renegotiated' },
    ])
    const page = await morgan.get(paths.contract(contractId))
    expect(page.body).toContain('Renegotiated')
    expect(page.body).toContain('25.0% of the prime’s results')
  })

  it('states the quarter: figures worked out from the fixtures, every one explained, as page, CSV and PDF', async () => {
    const predicted = PEOPLE.map(p => (p.predicted === null ? PBR_V1.mean : p.predicted) / 100)
    const expected = predicted.reduce((a, b) => a + b, 0)
    const reoffenders = PEOPLE.filter(p => p.reoffences.length).length
    const reoffences = PEOPLE.reduce((s, p) => s + p.reoffences.length, 0)
    const units = expected - reoffenders
    // Significant (z well below -1.96 for these six), so the version in force on 1 April pays its price per unit.
    const pbr = pence(units * PBR_V1.price * 100)
    const monthly = (FSS.annual * 100) / 12
    const bandFrom = ((FSS.volume * 3) / 12) * (1 - FSS.band / 100)
    const fss = 3 * monthly + pence((PEOPLE.length - bandFrom) * ((FSS.annual * 100) / FSS.volume) * (FSS.below / 100))

    const csv = await morgan.get(paths.statementCsv(contractId, QUARTER))
    expect(csv.statusCode).toBe(200)
    expect(csv.headers['content-type']).toContain('text/csv')
    const value = (name: string) =>
      csv.body
        .split('\r\n')
        .find(l => l.split(',')[1] === name)
        ?.split(',')[2] ?? `(no ${name})`
    expect(value('Cohort size')).toBe(String(PEOPLE.length))
    expect(value('Reoffenders')).toBe(String(reoffenders))
    expect(value('Reoffences')).toBe(String(reoffences))
    expect(value('Status')).toBe('Final')
    expect(value('Expected reoffenders')).toBe(expected.toFixed(2))
    expect(value('Binary verdict')).toBe('improvement')
    const cell = (v: string) => (v.includes(',') ? `"${v}"` : v)
    expect(csv.body).toContain(`Binary amount,${cell(money(pbr))}`)
    expect(csv.body).toContain('1 of 6 had no predicted probability')
    expect(csv.body).toContain(`Northtown Housing Trust (demo) (tier 2),${cell(money(pence(pbr * 0.25)))}`)
    expect(csv.body).toContain(`Westbury Women’s Centre (demo) (tier 3),${cell(money(pence(pbr * 0.1)))}`)
    expect(csv.body).toContain('the prime was paid')
    expect(csv.body).toContain(`Fee for service total,${cell(money(fss))}`)

    const page = await morgan.get(paths.statement(contractId, QUARTER))
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Expected reoffenders')
    expect(page.body).not.toContain('data-qa="provisional"')
    const pdf = await morgan.get(paths.statementPdf(contractId, QUARTER))
    expect(pdf.headers['content-type']).toContain('application/pdf')
    const text = (await pdfText(pdf.rawPayload)).replace(/\s+/g, ' ')
    expect(text).toContain(`Cohort size: ${PEOPLE.length}`)
    expect(text).toContain(`Payment by results total: ${money(pbr)}`)
  })

  it('shows the cohort by CRN with each counted reoffence, audited', async () => {
    const page = await morgan.get(paths.cohort(contractId, QUARTER))
    expect(page.statusCode).toBe(200)
    for (const crn of crns) expect(page.body).toContain(crn)
    // A contract manager does not read records: CRNs only, never a name.
    for (const surname of surnames) expect(page.body).not.toContain(surname)
    expect(page.body).toContain('PNC extract')
    const row = await db()
      .selectFrom('audit_events')
      .select(['username', 'shown_person_ids'])
      .where('action', '=', 'CONTRACT_COHORT_VIEW')
      .executeTakeFirstOrThrow()
    expect(row.username).toBe('morgan.contracts')
    expect(row.shown_person_ids?.length).toBe(PEOPLE.length)
  })

  it('serves the contracts and the statement over the API, a bad quarter a 400', async () => {
    const token = await issueTestToken(t, 'morgan.contracts')
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } })
    const list = await get('/api/v1/contracts')
    expect(list.statusCode).toBe(200)
    const mine = list.json().contracts.find((c: { id: number }) => c.id === contractId)
    expect(mine).toMatchObject({
      reference: 'NW-CRC-TEST',
      valuePence: 1_200_000_050,
      area: { name: 'Northshire (demo)' },
    })
    const statement = await get(`/api/v1/contracts/${contractId}/statements/${QUARTER}`)
    expect(statement.statusCode).toBe(200)
    const body = statement.json()
    expect(body.cohort).toMatchObject({ size: PEOPLE.length, reoffenders: 1, reoffences: 2, withoutPredicted: 1 })
    expect(body.subcontractors).toHaveLength(2)
    expect(body.lines.find((l: { name: string }) => l.name === 'Cohort size').explanation).toContain('qualifying event')
    const bad = await get(`/api/v1/contracts/${contractId}/statements/2024-Q9`)
    expect(bad.statusCode).toBe(400)
    const pats = await issueTestToken(t, 'pat.practitioner')
    const refused = await t.app.inject({
      method: 'GET',
      url: '/api/v1/contracts',
      headers: { authorization: `Bearer ${pats}` },
    })
    expect(refused.statusCode).toBe(403)
  })

  it('answers a bad quarter with 404, and a practitioner with 403', async () => {
    for (const url of [
      paths.statement(contractId, '2024-Q7'),
      paths.cohort(contractId, 'nonsense'),
      paths.statementCsv(contractId, 'x'),
      paths.statement(contractId, '0000-Q1'),
      paths.statementPdf(contractId, '9999-Q4'),
    ])
      expect((await morgan.get(url)).statusCode, url).toBe(404)
    for (const url of [paths.contracts, paths.contract(contractId), paths.statement(contractId, QUARTER)])
      expect((await pat.get(url)).statusCode, url).toBe(403)
    expect((await pat.post(paths.newContract, { reference: 'X' })).statusCode).toBe(403)
  })
})
