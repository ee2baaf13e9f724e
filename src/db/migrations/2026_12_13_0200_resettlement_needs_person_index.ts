import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// An approved premises application reads the person's resettlement needs by person (issue 16), but the table had an
// index by sentence only: at national scale (nine needs per custodial sentence screened) each application page would
// scan every need in the country. Found by listing the tables with a person_id and no index on it (issue 21).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index resettlement_needs_person_idx on resettlement_needs (person_id)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index resettlement_needs_person_idx`.execute(db)
}
