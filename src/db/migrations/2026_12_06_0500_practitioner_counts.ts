import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// The home page's counts of a practitioner's appointments leave out the contacts of deleted people with an anti join;
// without an index of the (few) deleted people, PostgreSQL reads every person to find none (1 s at 100,000 people).
// The caseload reads a released person's latest release-day plan by person.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index people_deleted_idx on people (id) where deleted_at is not null`.execute(db)
  await sql`create index release_day_plans_person_idx on release_day_plans (person_id, id)`.execute(db)
}
