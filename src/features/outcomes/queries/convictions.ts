import { sql } from 'kysely'
import type { Executor } from '../../../access/person-access.ts'

/** The SQL behind PNC extract imports (issue 19 item 2): people by CRN or PNC number, held keys, court matches. */

const textArray = (values: readonly string[]) =>
  sql`${`{${values.map(v => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[]`

/** The people (not deleted) with these CRNs or PNC numbers. */
export async function peopleByCrnOrPnc(
  db: Executor,
  crns: readonly string[],
  pncs: readonly string[],
): Promise<{ id: number; crn: string; pnc: string | null }[]> {
  if (!crns.length && !pncs.length) return []
  const { rows } = await sql<{ id: number; crn: string; pnc: string | null }>`
    select id, crn, pnc from people
     where deleted_at is null and (crn = any(${textArray(crns)}) or pnc = any(${textArray(pncs)}))
  `.execute(db)
  return rows
}

/** Which of these PNC keys are already held. */
export async function heldPncKeys(db: Executor, keys: readonly string[]): Promise<Set<string>> {
  if (!keys.length) return new Set()
  const { rows } = await sql<{ pnc_key: string }>`
    select pnc_key from proven_offences where pnc_key = any(${textArray(keys)})
  `.execute(db)
  return new Set(rows.map(r => r.pnc_key))
}

/** `person|offence code|offence date|conviction date` of the court outcomes Probity holds for these people. */
export async function courtOffenceKeys(db: Executor, personIds: readonly number[]): Promise<Set<string>> {
  if (!personIds.length) return new Set()
  const { rows } = await sql<{ key: string }>`
    select o.person_id || '|' || o.offence_code || '|' || o.offence_date::text || '|' || e.conviction_date::text as key
      from offences o join events e on e.id = o.event_id
     where o.person_id = any(${`{${personIds.join(',')}}`}::bigint[])
       and o.offence_date is not null and e.conviction_date is not null
  `.execute(db)
  return new Set(rows.map(r => r.key))
}

export interface NewPncImport {
  file_name: string
  format: 'csv' | 'json'
  checksum: string
  rows_read: number
  added: number
  already_held: number
  unmatched: number
  rejected: number
  report: string
  imported_by: number | null
  imported_at: Date
}

export async function insertPncImport(db: Executor, row: NewPncImport): Promise<number> {
  const { id } = await db.insertInto('pnc_imports').values(row).returning('id').executeTakeFirstOrThrow()
  return Number(id)
}

export interface NewProvenOffence {
  person_id: number
  pnc_key: string
  disposal: 'conviction' | 'caution'
  offence_code: string
  description: string | null
  offence_date: string
  proven_date: string
  proven_by: string | null
  import_id: number
}

/** Inserts proven offences in batches (an import may hold many thousand rows). */
export async function insertProvenOffences(db: Executor, rows: readonly NewProvenOffence[]): Promise<void> {
  for (let k = 0; k < rows.length; k += 2_000) {
    await db
      .insertInto('proven_offences')
      .values(rows.slice(k, k + 2_000))
      .execute()
  }
}

/** Past imports, newest first. */
export async function listPncImports(db: Executor, limit = 50) {
  return db
    .selectFrom('pnc_imports as i')
    .leftJoin('users as u', 'u.id', 'i.imported_by')
    .select([
      'i.id',
      'i.file_name',
      'i.format',
      'i.rows_read',
      'i.added',
      'i.already_held',
      'i.unmatched',
      'i.rejected',
      'i.imported_at',
      'u.display_name as imported_by',
    ])
    .orderBy('i.id', 'desc')
    .limit(limit)
    .execute()
}

export async function findPncImport(db: Executor, id: number) {
  return db
    .selectFrom('pnc_imports as i')
    .leftJoin('users as u', 'u.id', 'i.imported_by')
    .selectAll('i')
    .select('u.display_name as imported_by_name')
    .where('i.id', '=', id)
    .executeTakeFirst()
}

/** The ids of the people with these CRNs (for the audit of a report that names them). */
export async function personIdsByCrn(db: Executor, crns: readonly string[]): Promise<number[]> {
  if (!crns.length) return []
  const rows = await db.selectFrom('people').select('id').where('crn', 'in', crns).execute()
  return rows.map(r => Number(r.id))
}
