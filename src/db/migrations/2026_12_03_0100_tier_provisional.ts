import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// The nightly tier recalculation (issue 7) compares each person's new tier with the last one stored, provisional
// status included. Reading that flag from `output` meant reading (and de-TOASTing) every stored explanation; a
// stored generated column keeps it beside the tier.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
alter table tier_calculations
  add column provisional boolean generated always as (coalesce((output ->> 'provisional')::boolean, false)) stored;
`.execute(db)
}
