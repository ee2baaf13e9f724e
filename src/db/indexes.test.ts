import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from './connect.ts'
import { createTestDatabase } from './testing.ts'

/**
 * The tables the risk predictors and tiers read by person (`riskHistoryRows`: the risk page, and the nightly tier run
 * by id range) must be readable by person through an index: without one, each risk page scanned every offence in
 * the country (1.5 million at a million people, 120 ms; found by the issue 21 benchmark). An approved premises
 * application reads the person's resettlement needs the same way.
 */
describe(`reads by person use an index (${process.env.PROBITY_TEST_DB === 'postgres' ? 'PostgreSQL' : 'PGlite'})`, () => {
  let handle: DatabaseHandle
  beforeAll(async () => {
    handle = await createTestDatabase()
  })
  afterAll(() => handle.close())

  for (const table of ['events', 'offences', 'sentences', 'requirements', 'resettlement_needs']) {
    it(`${table} by person`, async () => {
      // With sequential scans priced out, the planner still picks one when no index can answer.
      const plans = await handle.db.connection().execute(async c => {
        await sql`set enable_seqscan = off`.execute(c)
        const byIds = await sql<{
          'QUERY PLAN': string
        }>`explain select * from ${sql.table(table)} where person_id = any(${[1, 2, 3]}::bigint[])`.execute(c)
        const byRange = await sql<{
          'QUERY PLAN': string
        }>`explain select * from ${sql.table(table)} where person_id between ${1} and ${5000}`.execute(c)
        await sql`reset enable_seqscan`.execute(c)
        return [...byIds.rows, ...byRange.rows].map(r => r['QUERY PLAN']).join('\n')
      })
      expect(plans).not.toMatch(/Seq Scan/)
    })
  }

  // The victim liaison work list's overdue referrals (issue 21): read oldest first from the open custodial sentences,
  // stopping at the list's length, or by provider for a small provider. Without these, every page read the provider's
  // whole caseload (393 ms at a million people).
  const reads = {
    'open custodial sentences by date': sql`select person_id from sentences where sentence_type = 'custodial'
      and terminated_date is null and sentence_date >= ${'2025-01-01'} order by sentence_date limit 10`,
    'people by provider': sql`select id from people where managing_provider_id = ${1}`,
  }
  for (const [name, query] of Object.entries(reads)) {
    it(name, async () => {
      const plan = await handle.db.connection().execute(async c => {
        await sql`set enable_seqscan = off`.execute(c)
        const rows = await sql<{ 'QUERY PLAN': string }>`explain ${query}`.execute(c)
        await sql`reset enable_seqscan`.execute(c)
        return rows.rows.map(r => r['QUERY PLAN']).join('\n')
      })
      // In date order from the index itself: a sort would mean reading every open custodial sentence first.
      expect(plan).not.toMatch(/Seq Scan|Sort/)
    })
  }
})
