import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CliIo } from '../../cli/io.ts'
import { main } from '../../cli/main.ts'
import { connect, type DatabaseHandle } from '../../db/connect.ts'
import { migrateToLatest } from '../../db/migrate.ts'
import { createScratchDatabase } from '../../db/scratch-database.ts'

/**
 * `probity recalculate release-dates` and `tiers` end to end: the command opens the database from the environment (as
 * `npx probity` does), so this file makes a database it can reach by URL (PostgreSQL, with PROBITY_TEST_DB=postgres)
 * or by directory (PGlite), and an empty, unmigrated one for the failure.
 */

const saved = { ...process.env }
const cleanups: (() => Promise<void>)[] = []

/** A database the command can open: its environment, and a handle for the test to look inside (closed before the command runs). */
async function database(
  migrated: boolean,
): Promise<{ env: Record<string, string>; open: () => Promise<DatabaseHandle> }> {
  if (process.env.PROBITY_TEST_DB === 'postgres') {
    const scratch = await createScratchDatabase(
      process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      'probity_test',
    )
    cleanups.push(scratch.drop)
    const open = () => connect({ databaseUrl: scratch.url })
    if (migrated) {
      const h = await open()
      await migrateToLatest(h.db)
      await h.close()
    }
    return { env: { DATABASE_URL: scratch.url }, open }
  }
  const dir = mkdtempSync(join(tmpdir(), 'probity-recalculate-'))
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }))
  const open = () => connect({ dataDir: dir })
  if (migrated) {
    const h = await open()
    await migrateToLatest(h.db)
    await h.close()
  }
  return { env: { PROBITY_DATA_DIR: dir }, open }
}

async function run(env: Record<string, string>, args: string[]) {
  process.env = { ...saved, ...env }
  if (!env.DATABASE_URL) delete process.env.DATABASE_URL
  let out = ''
  let err = ''
  const io: CliIo = { readStdin: async () => '', out: t => (out += t), err: t => (err += t) }
  try {
    const code = await main(['recalculate', ...args], io)
    return { code, out, err }
  } finally {
    process.env = { ...saved }
  }
}

let db: Awaited<ReturnType<typeof database>>
let sentenceIds: number[]

beforeAll(async () => {
  db = await database(true)
  const h = await db.open()
  try {
    const { id: personId } = await h.db
      .insertInto('people')
      .values({ crn: 'R000001', forename: 'Command', surname: 'Line', date_of_birth: '1990-05-05', gender: 'male' })
      .returning('id')
      .executeTakeFirstOrThrow()
    sentenceIds = []
    for (const [k, months] of [12, 6].entries()) {
      const { id: eventId } = await h.db
        .insertInto('events')
        .values({ person_id: personId, event_number: k + 1, status: 'sentenced', conviction_date: '2026-02-02' })
        .returning('id')
        .executeTakeFirstOrThrow()
      await h.db
        .insertInto('offences')
        .values({
          person_id: personId,
          event_id: eventId,
          offence_code: '11800',
          offence_date: '2026-01-05',
          is_main: true,
        })
        .execute()
      const { id } = await h.db
        .insertInto('sentences')
        .values({
          person_id: personId,
          event_id: eventId,
          sentence_type: 'custodial',
          sentence_date: '2026-03-02',
          length_value: months,
          length_unit: 'months',
          custodial_type: 'SDS',
          consecutive_to_sentence_id: sentenceIds[0] ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      sentenceIds.push(id)
    }
  } finally {
    await h.close()
  }
}, 120_000)
afterAll(async () => {
  process.env = saved
  for (const c of cleanups) await c()
})

describe('probity recalculate release-dates', () => {
  it('recalculates and stores every custodial case, prints the counts and the time, exits 0; a second run rewrites nothing', async () => {
    const first = await run(db.env, ['release-dates', '--as-of', '2026-11-22', '--batch-size', '100'])
    expect(first.err).toBe('')
    expect(first.code).toBe(0)
    expect(first.out).toMatch(
      /^Recalculated release dates as on 2026-11-22: 1 custodial cases \(2 sentences, 0 refused\) in \d+\.\d s = [\d,]+ cases\/s\n {2}1 changed and stored, 0 unchanged \(not rewritten\), 1 batches$/,
    )
    const h = await db.open()
    try {
      const rows = await h.db.selectFrom('sentences').select(['id', 'key_dates']).orderBy('id').execute()
      expect(rows.map(r => (r.key_dates as Record<string, string> | null)?.SLED)).toEqual(['2027-09-01', '2027-09-01'])
      const history = await h.db.selectFrom('key_date_calculations').select(['sentence_ids', 'trigger']).execute()
      // (node-postgres returns bigint[] as strings; PGlite as numbers.)
      expect(history.map(r => ({ ...r, sentence_ids: r.sentence_ids.map(Number) }))).toEqual([
        { sentence_ids: sentenceIds, trigger: 'recalculate release-dates' },
      ])
    } finally {
      await h.close()
    }

    const second = await run(db.env, ['release-dates', '--as-of', '2026-11-22'])
    expect(second.code).toBe(0)
    expect(second.out).toContain('1 custodial cases (2 sentences, 0 refused)')
    expect(second.out).toContain('0 changed and stored, 1 unchanged (not rewritten)')
  })

  it('exits 1 with a message when the database cannot be recalculated (not migrated), storing nothing', async () => {
    const empty = await database(false)
    const result = await run(empty.env, ['release-dates'])
    expect(result.code).toBe(1)
    expect(result.out).toBe('')
    expect(result.err).toMatch(/^probity recalculate: the release dates could not be recalculated: .*sentences/)
  })

  it.each([
    [[], /say what to recalculate/],
    [['scores'], /unknown calculation "scores"/],
    [['tiers', '--force'], /unexpected argument --force/],
    [['release-dates', '--batch-size', '0'], /--batch-size must be a whole number of 1 or more, got "0"/],
    [['release-dates', '--as-of', '22/11/2026'], /--as-of must be a date like 2026-11-22/],
    [['release-dates', '--as-of', '2026-02-30'], /not a real calendar date/],
    [['release-dates', '--as-of'], /unexpected argument --as-of/],
  ])('refuses %j with exit 1 and says why', async (args, message) => {
    const result = await run(db.env, args as string[])
    expect(result.code).toBe(1)
    expect(result.err).toMatch(message)
    expect(result.err).toContain('Usage: probity recalculate release-dates|tiers')
  })
})

describe('probity recalculate tiers', () => {
  it("recalculates every person's tiers, stores the changes and says how many, then nothing the second time", async () => {
    const h = await db.open()
    try {
      const { id } = await h.db.selectFrom('people').select('id').where('crn', '=', 'R000001').executeTakeFirstOrThrow()
      // A RoSH assessment is enough for a tier v2 (no predictors: no assessment items); the current sentence on the
      // record gives tier v3 its active event, so it is stored too (MISSING without ARP and CSRP).
      await h.db
        .insertInto('rosh_assessments')
        .values({
          person_id: id,
          assessment_date: '2026-11-01',
          public_level: 'high',
          known_adult_level: 'low',
          children_level: 'low',
          staff_level: 'low',
          overall_level: 'high',
        })
        .execute()
    } finally {
      await h.close()
    }
    const first = await run(db.env, ['tiers', '--as-of', '2026-11-22', '--batch-size', '10'])
    expect(first.err).toBe('')
    expect(first.code).toBe(0)
    expect(first.out).toMatch(/^Recalculated tiers as on 2026-11-22: 1 people in [\d.]+ s/)
    expect(first.out).toContain("1 people's tier changed (2 tiers stored)")
    const h2 = await db.open()
    try {
      const tiers = await h2.db
        .selectFrom('tier_calculations')
        .select(['algorithm', 'tier', 'calculated_on'])
        .orderBy('algorithm')
        .execute()
      expect(tiers.map(t => t.calculated_on)).toEqual(['2026-11-22', '2026-11-22'])
      expect(tiers.find(t => t.algorithm === 'tier-v2-protect-change')?.tier).toMatch(/^B/)
    } finally {
      await h2.close()
    }
    const second = await run(db.env, ['tiers', '--as-of', '2026-11-23'])
    expect(second.code).toBe(0)
    expect(second.out).toContain("0 people's tier changed (0 tiers stored)")
  })
})
