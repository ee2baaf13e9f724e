import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { audit } from '../access/audit.ts'
import { sealAllAuditEvents, verifyAuditTrail } from '../access/audit-chain.ts'
import type { CliIo } from '../cli/io.ts'
import { main } from '../cli/main.ts'
import { loadConfig } from '../config.ts'
import { DEMO_PASSWORD, seedDemoIfEmpty } from '../seed/demo.ts'
import { csrfFrom } from '../web/testing.ts'
import { connect, type DatabaseHandle } from './connect.ts'
import { prepareSchema } from './migrate.ts'
import { grantAppRole, ROLE_NAME, userOfUrl } from './roles.ts'
import { createScratchDatabase } from './scratch-database.ts'

/**
 * Issue 12, finding 13: the app runs as a database role that owns nothing. Migrations run as the schema's owner
 * (MIGRATION_DATABASE_URL); the app's role can do its work, but cannot switch off the audit trail's trigger, change or
 * delete audit rows, or drop tables.
 */

const postgres = process.env.PROBITY_TEST_DB === 'postgres'
const saved = { ...process.env }
const cleanups: (() => Promise<void>)[] = []
afterEach(() => {
  process.env = { ...saved }
})
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
})

function fakeIo() {
  const out: string[] = []
  const err: string[] = []
  const io: CliIo = { readStdin: async () => '', out: t => out.push(t), err: t => err.push(t) }
  return { io, out, err }
}

describe('the app database role: names', () => {
  it('accepts only plain role names, so a name cannot carry SQL', async () => {
    expect(ROLE_NAME.test('probity_app')).toBe(true)
    expect(ROLE_NAME.test('app; drop table people')).toBe(false)
    expect(ROLE_NAME.test('"App"')).toBe(false)
    const refused = fakeIo()
    expect(await main(['db', 'grant-app-role', 'x"; drop table people; --'], refused.io)).toBe(1)
    expect(refused.err.join('')).toContain('is not a plain role name')
    expect(userOfUrl('postgres://probity_app:secret@db.internal:5432/probity')).toBe('probity_app')
    expect(userOfUrl(undefined)).toBeUndefined()
  })
})

if (postgres) {
  describe('the app database role (PostgreSQL)', () => {
    const server = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
    const suffix = randomBytes(4).toString('hex')
    const ownerRole = `probity_owner_${suffix}`
    const appRole = `probity_app_${suffix}`
    let ownerUrl: string
    let appUrl: string
    let app: DatabaseHandle

    async function asSuperuser(statement: string) {
      const client = new pg.Client({ connectionString: server })
      await client.connect()
      try {
        await client.query(statement)
      } finally {
        await client.end()
      }
    }

    const urlAs = (url: string, user: string) => {
      const u = new URL(url)
      u.username = user
      u.password = ''
      return u.toString()
    }

    it('probity migrate runs as the owner (MIGRATION_DATABASE_URL) and grants the app role; serve without migrating starts on it', async () => {
      const scratch = await createScratchDatabase(server, 'probity_test')
      cleanups.push(async () => {
        await app?.close()
        await scratch.drop()
        await asSuperuser(`drop role if exists ${appRole}`)
        await asSuperuser(`drop role if exists ${ownerRole}`)
      })
      const database = new URL(scratch.url).pathname.slice(1)
      await asSuperuser(`create role ${ownerRole} login`)
      await asSuperuser(`create role ${appRole} login`)
      // The owner owns the database, and so (PostgreSQL 15) its public schema; the app role owns nothing.
      await asSuperuser(`alter database ${database} owner to ${ownerRole}`)
      ownerUrl = urlAs(scratch.url, ownerRole)
      appUrl = urlAs(scratch.url, appRole)

      // Without migrating, the app refuses to start on an empty database and says what to do.
      const env = { DATABASE_URL: appUrl, PROBITY_MIGRATE_ON_START: 'false', NODE_ENV: 'test' }
      app = await connect({ databaseUrl: appUrl })
      await expect(prepareSchema(loadConfig(env), app)).rejects.toThrow(/run `probity migrate` as the schema owner/)

      process.env = { ...saved, DATABASE_URL: appUrl, MIGRATION_DATABASE_URL: ownerUrl }
      const migrated = fakeIo()
      expect(await main(['migrate'], migrated.io)).toBe(0)
      expect(migrated.out.join('')).toContain('2026_12_05_0400_audit_chain')
      expect(await prepareSchema(loadConfig(env), app)).toEqual([])

      // The app role seeds the demo region (what serve does on an empty database) and its people are there.
      expect(await seedDemoIfEmpty(app.db)).toBeTruthy()
      const { rows } = await sql<{ owner: string }>`
        select distinct tableowner as owner from pg_tables where schemaname = current_schema()
      `.execute(app.db)
      expect(rows).toEqual([{ owner: ownerRole }])
    }, 120_000)

    it('the app role signs in, writes a person and audit rows, and seals them through the owner’s function', async () => {
      const { buildApp } = await import('../web/app.ts')
      const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: appUrl, PROBITY_SEED_DEMO: 'false' })
      const web = await buildApp({ config, db: app.db, databaseKind: 'postgres', logger: false })
      try {
        const page = await web.inject({ method: 'GET', url: '/sign-in' })
        const cookie = page.cookies.map(c => `${c.name}=${c.value}`).join('; ')
        const signedIn = await web.inject({
          method: 'POST',
          url: '/sign-in',
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({
            _csrf: csrfFrom(page.body),
            username: 'pat.practitioner',
            password: DEMO_PASSWORD,
          }).toString(),
        })
        expect(signedIn.statusCode).toBe(302)
        const session = signedIn.cookies.map(c => `${c.name}=${c.value}`).join('; ')
        const search = await web.inject({ method: 'GET', url: '/people?q=X100001', headers: { cookie: session } })
        expect(search.statusCode).toBe(200)
      } finally {
        await web.close()
      }
      await app.db
        .insertInto('people')
        .values({ crn: 'X999001', forename: 'Ada', surname: 'Role', date_of_birth: '1990-01-01', gender: 'female' })
        .execute()
      await audit(app.db, { user: undefined, requestId: 'role-test', ip: null }, { action: 'ROLE_TEST' })
      expect(await sealAllAuditEvents(app.db)).toBeGreaterThan(0)
      expect(await verifyAuditTrail(app.db)).toMatchObject({ intact: true, unsealed: 0 })
    }, 60_000)

    it('the app role cannot switch off the audit trigger, change or delete audit rows, seal by hand, or drop tables', async () => {
      const attempts = [
        sql`alter table audit_events disable trigger audit_events_append_only`,
        sql`alter table audit_events disable trigger all`,
        sql`update audit_events set detail = '{}'`,
        sql`delete from audit_events`,
        sql`truncate audit_events`,
        sql`insert into audit_events (action, chain_seq, hash) values ('FORGED', 1, '\\x00')`,
        sql`drop table people`,
        sql`drop table audit_events`,
        sql`alter table people add column x int`,
        sql`create or replace function refuse_audit_change() returns trigger language plpgsql as $$ begin return new; end $$`,
        sql`create table sneaky (id int)`,
      ]
      for (const attempt of attempts) {
        await expect(attempt.execute(app.db)).rejects.toThrow(/permission denied|must be owner|must be the owner/)
      }
      expect((await verifyAuditTrail(app.db)).intact).toBe(true)
    })

    it('grantAppRole is idempotent and leaves the audit trail append-only for the role', async () => {
      const owner = await connect({ databaseUrl: ownerUrl })
      try {
        await grantAppRole(owner.db, appRole)
        await grantAppRole(owner.db, appRole)
        const { rows } = await sql<{ privilege_type: string }>`
          select privilege_type from information_schema.table_privileges
          where grantee = ${appRole} and table_name = 'audit_events' order by privilege_type
        `.execute(owner.db)
        expect(rows.map(r => r.privilege_type)).toEqual(['SELECT'])
      } finally {
        await owner.close()
      }
    })
  })
}
