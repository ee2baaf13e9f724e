import { sql, type Kysely } from 'kysely'
import type { Database } from './schema.ts'

/**
 * The least-privilege database role the app runs as (issue 12, finding 13; docs/database-roles.md). Migrations run as
 * the schema's owner; the app's role owns nothing, so it cannot switch off the audit trail's trigger, drop or alter a
 * table, and it may only read and append to the audit trail (sealing goes through `seal_audit_events`, a SECURITY
 * DEFINER function that runs as the owner).
 */

/** A plain, unquoted PostgreSQL role name: what `grantAppRole` accepts. */
export const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/

/** Tables the app may read and append to, never change: the audit trail. */
const APPEND_ONLY = ['audit_events'] as const
/** The audit trail's columns the app writes (never `id`, `chain_seq` or `hash`, which the database and sealer set). */
const AUDIT_INSERT_COLUMNS = [
  'at',
  'user_id',
  'username',
  'action',
  'person_id',
  'subject',
  'request_id',
  'ip',
  'detail',
  'shown_person_ids',
]
/** The migrator's own tables: the app reads them to see whether the schema is up to date, nothing more. */
const MIGRATOR_TABLES = ['kysely_migration', 'kysely_migration_lock']

/**
 * Grants `role` what the app needs on every table that exists now, and no more. Run it (as the owner) after every
 * migration: `probity migrate` does when MIGRATION_DATABASE_URL and DATABASE_URL name different users. Idempotent.
 *
 * @example
 * await grantAppRole(ownerDb, 'probity_app')
 */
export async function grantAppRole(db: Kysely<Database>, role: string): Promise<void> {
  if (!ROLE_NAME.test(role)) throw new Error(`"${role}" is not a plain role name (lower-case letters, digits, _)`)
  const r = sql.id(role)
  await db.transaction().execute(async trx => {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(trx)
    const schema = sql.id(rows[0]!.schema)
    await sql`grant usage on schema ${schema} to ${r}`.execute(trx)
    await sql`grant select, insert, update, delete on all tables in schema ${schema} to ${r}`.execute(trx)
    await sql`grant usage, select on all sequences in schema ${schema} to ${r}`.execute(trx)
    for (const table of [...APPEND_ONLY, ...MIGRATOR_TABLES]) {
      const exists = await sql<{ found: string | null }>`select to_regclass(${table})::text as found`.execute(trx)
      if (!exists.rows[0]?.found) continue
      await sql`revoke all on ${sql.id(table)} from ${r}`.execute(trx)
      await sql`grant select on ${sql.id(table)} to ${r}`.execute(trx)
    }
    const columns = sql.join(AUDIT_INSERT_COLUMNS.map(c => sql.id(c)))
    await sql`grant insert (${columns}) on audit_events to ${r}`.execute(trx)
    await sql`grant execute on function seal_audit_events(integer, boolean) to ${r}`.execute(trx)
  })
}

/** The user name in a PostgreSQL URL (`postgres://probity_app:…@host/db` → `probity_app`), if any. */
export function userOfUrl(url: string | undefined): string | undefined {
  if (!url) return undefined
  try {
    return decodeURIComponent(new URL(url).username) || undefined
  } catch {
    return undefined
  }
}
