import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// The victim liaison work list's overdue referrals (issue 21, at a million people): the candidates were read person
// by person across the provider's whole caseload (970,000 people in the national dataset's one provider), 393 ms of
// SQL a page. They are now read in sentence date order from the open custodial sentences, oldest first, stopping at
// the list's length; a small provider's people are read by provider instead (people had no index by provider, so
// that read was a sequential scan of every person).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index sentences_custodial_open_date_idx on sentences (sentence_date, person_id)
    where sentence_type = 'custodial' and terminated_date is null`.execute(db)
  await sql`create index people_provider_idx on people (managing_provider_id)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index people_provider_idx`.execute(db)
  await sql`drop index sentences_custodial_open_date_idx`.execute(db)
}
