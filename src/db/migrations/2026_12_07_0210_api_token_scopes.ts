import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// An API token's scopes (issue 15): 'case' is the offender record's API, 'victims' the victim liaison API. Victim data
// is reachable through a token only when the token was issued for it; existing tokens keep 'case' only.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
alter table api_tokens add column scopes text[] not null default '{case}'
  check (cardinality(scopes) > 0 and scopes <@ array['case', 'victims']::text[])
`.execute(db)
}
