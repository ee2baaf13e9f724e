import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { CliIo } from '../cli/io.ts'
import { main } from '../cli/main.ts'
import { connect, type DatabaseHandle } from '../db/connect.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { createScratchDatabase } from '../db/scratch-database.ts'
import { audit, type RequestContext } from './audit.ts'
import { sealAllAuditEvents, sealAuditEvents, verifyAuditTrail } from './audit-chain.ts'

/**
 * Issue 12, finding 13: the audit trail is tamper-evident. Rows are sealed into a hash chain; `probity audit verify`
 * (the real command, in this process) names the first broken link after someone who owns the table switched the
 * append-only trigger off and changed or deleted a row.
 */

const postgres = process.env.PROBITY_TEST_DB === 'postgres'
const saved = { ...process.env }
const cleanups: (() => Promise<void>)[] = []

/** A migrated database the CLI can open too: a PGlite data directory or a PostgreSQL scratch database. */
async function freshDatabase(): Promise<{ open: () => Promise<DatabaseHandle>; useForCli: () => void }> {
  if (postgres) {
    const scratch = await createScratchDatabase(
      process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      'probity_test',
    )
    cleanups.push(scratch.drop)
    const open = () => connect({ databaseUrl: scratch.url })
    const handle = await open()
    await migrateToLatest(handle.db)
    await handle.close()
    return { open, useForCli: () => ((process.env.DATABASE_URL = scratch.url), undefined) }
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'probity-audit-'))
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }))
  const open = () => connect({ dataDir })
  const handle = await open()
  await migrateToLatest(handle.db)
  await handle.close()
  return {
    open,
    useForCli: () => {
      delete process.env.DATABASE_URL
      process.env.PROBITY_DATA_DIR = dataDir
    },
  }
}

/** Runs `probity audit <args>` with the database closed here (PGlite is one process's database). */
async function cli(db: { useForCli: () => void }, ...args: string[]) {
  db.useForCli()
  const out: string[] = []
  const err: string[] = []
  const io: CliIo = { readStdin: async () => '', out: t => out.push(t), err: t => err.push(t) }
  const status = await main(['audit', ...args], io)
  return { status, out: out.join('\n'), err: err.join('\n') }
}

const ctx: RequestContext = {
  user: { id: 7, username: 'pat.practitioner' } as RequestContext['user'],
  requestId: 'req-1',
  ip: '203.0.113.9',
}

/** Writes five audit rows, with text jsonb and JSON.stringify must escape alike, and seals them. Returns their ids. */
async function writeAndSeal(handle: DatabaseHandle): Promise<number[]> {
  await audit(handle.db, ctx, { action: 'PERSON_VIEW', personId: 1, subject: 'X100001' })
  await audit(handle.db, ctx, {
    action: 'PERSON_SEARCH',
    detail: { q: 'Zoë "Ó Briain"\\ \t\n\u0001 😀', dob: null, nested: { b: 1, a: [1.5, 'x'] } },
    shownPersonIds: [3, 1, 2],
  })
  await audit(handle.db, ctx, { action: 'CASELOAD_VIEW', detail: { crns: [] }, shownPersonIds: [] })
  await audit(handle.db, { ...ctx, user: undefined, ip: null }, { action: 'SYSTEM' })
  await audit(handle.db, ctx, { action: 'PERSON_VIEW', personId: 2, subject: 'X100002', detail: { page: 'risk' } })
  expect(await sealAllAuditEvents(handle.db)).toBe(5)
  const rows = await handle.db.selectFrom('audit_events').select('id').orderBy('id').execute()
  return rows.map(r => r.id)
}

afterEach(() => {
  process.env = { ...saved }
})
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup()
})

describe(`the audit trail's hash chain (${postgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('probity audit verify: every sealed row verifies, and newer unsealed rows are counted, not sealed', async () => {
    const db = await freshDatabase()
    const handle = await db.open()
    await writeAndSeal(handle)
    await audit(handle.db, ctx, { action: 'LATE' })
    await handle.close()

    const verified = await cli(db, 'verify')
    expect(verified.status).toBe(0)
    expect(verified.out).toMatch(/Audit trail intact: 5 sealed row\(s\) verified; 1 newer row\(s\) not yet sealed/)
    const head = /Head: (\d+:[0-9a-f]{64})/.exec(verified.out)![1]!
    expect(head.startsWith('5:')).toBe(true)

    // verify is read-only; seal seals the rest, and the recorded head is still in the chain.
    expect((await cli(db, 'seal')).out).toContain('Sealed 1 audit row(s)')
    const again = await cli(db, 'verify', '--head', head)
    expect(again.status).toBe(0)
    expect(again.out).toContain('6 sealed row(s) verified.')
  }, 120_000)

  it('probity audit verify names the row changed while the trigger was switched off, and exits non-zero', async () => {
    const db = await freshDatabase()
    const handle = await db.open()
    const ids = await writeAndSeal(handle)
    const verifiedBefore = await verifyAuditTrail(handle.db)
    expect(verifiedBefore.intact).toBe(true)
    await sql`alter table audit_events disable trigger audit_events_append_only`.execute(handle.db)
    await sql`update audit_events set detail = '{"q": "someone else"}' where id = ${ids[1]}`.execute(handle.db)
    await sql`alter table audit_events enable trigger audit_events_append_only`.execute(handle.db)
    await handle.close()

    const verified = await cli(db, 'verify')
    expect(verified.status).toBe(1)
    expect(verified.err).toContain(`Audit trail BROKEN at row id ${ids[1]} (chain_seq 2)`)
    expect(verified.err).toContain('changed after it was sealed')
    expect(verified.err).toContain('1 row(s) before it verified')
  }, 120_000)

  it('probity audit verify reports a deleted row at the link after it, and a re-hashed chain against a recorded head', async () => {
    const db = await freshDatabase()
    const handle = await db.open()
    const ids = await writeAndSeal(handle)
    await handle.close()
    const head = /Head: (\d+:[0-9a-f]{64})/.exec((await cli(db, 'verify')).out)![1]!

    const tamper = await db.open()
    await sql`alter table audit_events disable trigger audit_events_append_only`.execute(tamper.db)
    await sql`delete from audit_events where id = ${ids[2]}`.execute(tamper.db)
    await sql`alter table audit_events enable trigger audit_events_append_only`.execute(tamper.db)
    await tamper.close()

    const verified = await cli(db, 'verify')
    expect(verified.status).toBe(1)
    expect(verified.err).toContain(`Audit trail BROKEN at row id ${ids[3]} (chain_seq 4): chain_seq 3 is missing`)

    // Deleting the newest rows outright leaves a shorter chain that verifies: the head recorded earlier catches it.
    const tail = await db.open()
    await sql`alter table audit_events disable trigger audit_events_append_only`.execute(tail.db)
    await sql`delete from audit_events where id >= ${ids[2]}`.execute(tail.db)
    await sql`alter table audit_events enable trigger audit_events_append_only`.execute(tail.db)
    await tail.close()
    expect((await cli(db, 'verify')).status).toBe(0)
    const withHead = await cli(db, 'verify', '--head', head)
    expect(withHead.status).toBe(1)
    expect(withHead.err).toContain('no longer in the chain')
    expect((await cli(db, 'verify', '--head', 'nonsense')).err).toContain('--head must be CHAIN_SEQ:HASH')
  }, 120_000)

  it('the trigger allows only sealing: no other UPDATE, no DELETE or TRUNCATE, no re-sealing', async () => {
    const db = await freshDatabase()
    const handle = await db.open()
    try {
      const ids = await writeAndSeal(handle)
      await audit(handle.db, ctx, { action: 'UNSEALED' })
      const refused = /append-only: (UPDATE|DELETE|TRUNCATE) refused/
      await expect(
        sql`update audit_events set action = 'X' where action = 'UNSEALED'`.execute(handle.db),
      ).rejects.toThrow(refused)
      // Sealing by hand while changing the content too.
      await expect(
        sql`update audit_events set action = 'X', chain_seq = 99, hash = '\\x00' where action = 'UNSEALED'`.execute(
          handle.db,
        ),
      ).rejects.toThrow(refused)
      await expect(
        sql`update audit_events set hash = '\\x00', chain_seq = 99 where id = ${ids[0]}`.execute(handle.db),
      ).rejects.toThrow(refused)
      await expect(sql`update audit_events set hash = null, chain_seq = null`.execute(handle.db)).rejects.toThrow(
        refused,
      )
      await expect(sql`delete from audit_events where action = 'UNSEALED'`.execute(handle.db)).rejects.toThrow(refused)
      await expect(sql`truncate audit_events`.execute(handle.db)).rejects.toThrow(refused)
      expect(await sealAuditEvents(handle.db, { wait: false })).toBe(1)
      expect(await verifyAuditTrail(handle.db)).toMatchObject({ intact: true, sealed: 6, unsealed: 0 })
    } finally {
      await handle.close()
    }
  }, 120_000)

  it('rows committed while sealing runs, or committed late with a lower id, join the chain intact', async () => {
    const db = await freshDatabase()
    const handle = await db.open()
    try {
      // Twenty requests writing audit rows in their own transactions while a sealer runs.
      const writers = Array.from({ length: 20 }, (_, i) =>
        handle.db.transaction().execute(async trx => {
          await audit(trx, ctx, { action: 'CONCURRENT', detail: { i } })
          await sql`select pg_sleep(${(i % 5) / 100})`.execute(trx)
        }),
      )
      const sealers = Array.from({ length: 5 }, () => sealAuditEvents(handle.db, { wait: false }))
      await Promise.all([...writers, ...sealers])
      if (postgres) {
        // A transaction that takes its id first but commits after a later one has been sealed.
        const slow = handle.db.transaction().execute(async trx => {
          await audit(trx, ctx, { action: 'SLOW' })
          await sql`select pg_sleep(0.3)`.execute(trx)
        })
        await new Promise(resolve => setTimeout(resolve, 100))
        await audit(handle.db, ctx, { action: 'FAST' })
        expect(await sealAllAuditEvents(handle.db)).toBeGreaterThanOrEqual(1)
        await slow
      }
      await sealAllAuditEvents(handle.db)
      const result = await verifyAuditTrail(handle.db)
      expect(result).toMatchObject({ intact: true, sealed: postgres ? 22 : 20, unsealed: 0 })
      const order = await handle.db
        .selectFrom('audit_events')
        .select(['action', 'chain_seq'])
        .where('action', 'in', ['SLOW', 'FAST'])
        .orderBy('id')
        .execute()
      if (postgres) expect(order.map(o => o.action)).toEqual(['SLOW', 'FAST'])
      if (postgres) expect(order[0]!.chain_seq!).toBeGreaterThan(order[1]!.chain_seq!)
    } finally {
      await handle.close()
    }
  }, 120_000)
})
