import type { Executor } from '../../access/person-access.ts'
import type { Sink } from './sink.ts'

/**
 * The national seed's statements: the checks before a load (through Kysely) and, on the loader's own connection
 * (`Sink`: COPY on PostgreSQL), the identity sequences, phonetic keys and bulk-load index handling.
 */

/** The provider that marks a seed as loaded. */
export async function findSeedMarker(db: Executor, code: string) {
  return db.selectFrom('providers').select(['id', 'name']).where('code', '=', code).executeTakeFirst()
}

/** A person whose CRN already starts with the seed's letter, if any. */
export async function findCrnWithPrefix(db: Executor, prefix: string) {
  return db.selectFrom('people').select('crn').where('crn', 'like', `${prefix}%`).limit(1).executeTakeFirst()
}

/** The next id of a table's identity sequence (taking it). */
export async function nextIdOf(sink: Sink, table: string): Promise<number> {
  const [row] = await sink.query<{ n: number }>(`select nextval(pg_get_serial_sequence('${table}', 'id'))::int as n`)
  return Number(row.n)
}

/** The database's own dmetaphone of each (normalised) surname: what name search compares with. */
export async function surnameKeys(sink: Sink, normalised: string[]): Promise<Map<string, string>> {
  const rows = await sink.query<{ s: string; k: string }>(`select s, dmetaphone(s) as k from unnest($1::text[]) as s`, [
    normalised,
  ])
  return new Map(rows.map(r => [r.s, r.k]))
}

/** Drops the tables' indexes that back no constraint; returns their definitions to recreate them. */
export async function dropSecondaryIndexes(sink: Sink, tables: readonly string[]): Promise<string[]> {
  const rows = await sink.query<{ name: string; definition: string }>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
       from pg_index i join pg_class t on t.oid = i.indrelid
      where t.relname = any($1::text[]) and t.relnamespace = 'public'::regnamespace
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
    [tables],
  )
  for (const r of rows) await sink.query(`drop index ${r.name}`)
  return rows.map(r => r.definition)
}

/** Recreates indexes from their definitions (`dropSecondaryIndexes`). */
export async function createIndexes(sink: Sink, definitions: readonly string[]): Promise<void> {
  for (const definition of definitions) await sink.query(definition)
}

/** Moves a table's identity sequence to just before `nextId`, past the ids the load used. */
export async function moveSequence(sink: Sink, table: string, nextId: number): Promise<void> {
  await sink.query(`select setval(pg_get_serial_sequence('${table}', 'id'), greatest($1::bigint - 1, 1))`, [nextId])
}

/**
 * Sets each unallocated case's allocation queue (`people.allocation_delivery_unit_id`) in one statement: the bulk
 * load runs with `session_replication_role = replica`, where the triggers that keep it do not fire.
 */
export async function setAllocationDeliveryUnits(sink: Sink): Promise<void> {
  await sink.query('select refresh_allocation_delivery_units()')
}

/** Fresh planner statistics after the load. */
export async function analyze(sink: Sink): Promise<void> {
  await sink.query('analyze')
}
