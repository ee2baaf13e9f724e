import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// The Part A sent to PPCS carries both countersignatures: once the second is given, the report is produced again with
// who signed and when, and stored beside the first (which is kept as it was produced, never overwritten).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table recalls add column part_a_signed_pdf bytea`.execute(db)
}
