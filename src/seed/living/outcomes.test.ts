import { LocalDate } from '@js-joda/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../clock.ts'
import type { DatabaseHandle } from '../../db/connect.ts'
import { createTestDatabase } from '../../db/testing.ts'
import { buildCohort } from '../../features/outcomes/index.ts'
import { seedDemoIfEmpty } from '../demo.ts'
import { pastQuarters, seedLivingOutcomes } from './outcomes.ts'

/**
 * The demo's past cohorts (issue 19 item 2): each of the seven quarters before today's has people in Northtown team A,
 * Northtown team B (a small group) and Easton team 1, their later offences arrive through a real PNC import showing
 * every reconciliation outcome, a realistic share of each finished cohort reoffends, and seeding again adds nothing.
 */

const clock = fixedClock('2026-12-07T10:00:00Z')
let handle: DatabaseHandle
let seeded: Awaited<ReturnType<typeof seedLivingOutcomes>>
let seconds = 0

beforeAll(async () => {
  handle = await createTestDatabase()
  await seedDemoIfEmpty(handle.db)
  const started = performance.now()
  seeded = await seedLivingOutcomes(handle.db, clock)
  seconds = (performance.now() - started) / 1000
})
afterAll(() => handle.close())

const teamOf = async (code: string) =>
  Number((await handle.db.selectFrom('teams').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id)

describe('the demo outcomes seed', () => {
  it('gives every past quarter groups of 30 or more and one under 10, quickly', async () => {
    expect(pastQuarters(clock.today()).map(([from]) => from.toString())).toEqual([
      '2025-01-01',
      '2025-04-01',
      '2025-07-01',
      '2025-10-01',
      '2026-01-01',
      '2026-04-01',
      '2026-07-01',
    ])
    const [northtown, small, easton] = [
      await teamOf('PS-NW-N-A'),
      await teamOf('PS-NW-N-B'),
      await teamOf('CRC-NW-E-1'),
    ]
    for (const [from, to] of pastQuarters(clock.today())) {
      const cohort = await buildCohort(handle.db, { from, to, asOf: clock.today() })
      const inTeam = (id: number) => cohort.members.filter(m => m.record.teamId === id).length
      expect(inTeam(northtown), from.toString()).toBeGreaterThanOrEqual(30)
      expect(inTeam(easton), from.toString()).toBeGreaterThanOrEqual(30)
      expect(inTeam(small), from.toString()).toBeLessThan(10)
      expect(inTeam(small), from.toString()).toBeGreaterThan(0)
    }
    expect(seconds).toBeLessThan(10)
  })

  it('imports their later convictions and cautions through a PNC extract, every outcome shown', async () => {
    const imports = await handle.db.selectFrom('pnc_imports').selectAll().execute()
    expect(imports).toHaveLength(1)
    const [i] = imports
    expect(i.added).toBe(seeded?.imported)
    expect(i.added).toBeGreaterThan(100)
    expect(i.unmatched).toBeGreaterThan(0)
    expect(i.rejected).toBeGreaterThan(0)
    // What is left is the row matching a court record Probity already held.
    expect(i.rows_read - i.added - i.already_held - i.unmatched - i.rejected).toBeGreaterThan(0)
    const cautions = await handle.db
      .selectFrom('proven_offences')
      .select('id')
      .where('disposal', '=', 'caution')
      .execute()
    expect(cautions.length).toBeGreaterThan(0)
  })

  it('has 35–50 % of a finished cohort reoffending', async () => {
    const [from, to] = pastQuarters(clock.today())[0]
    const cohort = await buildCohort(handle.db, { from, to, asOf: clock.today() })
    expect(cohort.figures.provisional).toBe(false)
    expect(cohort.figures.binaryRate).toBeGreaterThanOrEqual(0.35)
    expect(cohort.figures.binaryRate).toBeLessThanOrEqual(0.5)
    expect(LocalDate.parse('2025-01-01').equals(from)).toBe(true)
  })

  it('adds nothing when seeded again', async () => {
    expect(await seedLivingOutcomes(handle.db, clock)).toBeUndefined()
    expect(await handle.db.selectFrom('pnc_imports').select('id').execute()).toHaveLength(1)
  })
})
