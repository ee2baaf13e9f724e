import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// The risk predictors read a person's offences by person (`riskHistoryRows`: the risk page, and the nightly tier run
// by id range), but offences had an index by event only: at a million people (1.5 million offences) each risk page
// scanned the whole table, 115–150 ms of its 121 ms of SQL (found by the issue 21 benchmark at scale 1.0).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index offences_person_idx on offences (person_id)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index offences_person_idx`.execute(db)
}
