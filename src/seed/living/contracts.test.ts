import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../clock.ts'
import { latestFinalQuarter } from '../../domain/outcomes/periods.ts'
import { contractsPaths as paths } from '../../web/paths.ts'
import { createTestApp, type TestApp } from '../../web/testing.ts'
import { DEMO_CONTRACT, seedContracts } from './contracts.ts'

/** The demo contract as morgan.contracts finds it after the living seed, seeded once. */

const clock = fixedClock('2026-12-07T10:00:00Z')
let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ clock })
}, 120_000)
afterAll(() => t.close())

describe('the demo contract', () => {
  it('has both kinds of terms, two subcontractors (one with a change of terms) and a statement, seeded once', async () => {
    await seedContracts(t.handle.db, clock)
    await seedContracts(t.handle.db, clock)
    const db = t.handle.db
    const contracts = await db.selectFrom('contracts').select(['id']).where('reference', '=', DEMO_CONTRACT).execute()
    expect(contracts).toHaveLength(1)
    const id = contracts[0]!.id
    const kinds = await db.selectFrom('contract_terms').select('kind').where('contract_id', '=', id).execute()
    expect(kinds.map(k => k.kind).sort()).toEqual(['fee_for_service', 'payment_by_results'])
    const subs = await db
      .selectFrom('contract_subcontractors as s')
      .innerJoin('subcontractor_terms as st', 'st.subcontractor_id', 's.id')
      .select(['s.id', 'st.basis'])
      .where('s.contract_id', '=', id)
      .execute()
    expect(new Set(subs.map(s => s.id)).size).toBe(2)
    expect(subs.map(s => s.basis).sort()).toEqual([
      'pass_through_if_prime_paid',
      'share_of_results',
      'share_of_results',
    ])
    const morgan = await t.signIn('morgan.contracts')
    const page = await morgan.get(paths.contract(id))
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Renegotiated at the annual review')
    const statement = await morgan.get(paths.statement(id, latestFinalQuarter(clock.today())))
    expect(statement.statusCode).toBe(200)
    expect(statement.body).toContain('Cohort size')
  })
})
