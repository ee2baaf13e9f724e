import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// Issue 12, findings 3, 4 and 12.
// - sign_in_throttles: failed sign-ins counted per account name *and* source address, in one row each, so a guess is
//   counted by a single atomic upsert (parallel guesses cannot all read the same count) and a flood from one address
//   slows that address down without locking the account's owner out from another. The account name is kept
//   lower-cased whether or not such a user exists, so unknown names are throttled exactly like real ones.
// - api_tokens: an expiry (existing tokens get 90 days from now, so an upgrade breaks no integration today), and
//   the instant the token's secret was last rotated (the old secret stops at once; the row and its history stay).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
create table sign_in_throttles (
  username text not null,
  source text not null,
  failures integer not null default 0,
  blocked_until timestamptz,
  last_failure_at timestamptz not null,
  primary key (username, source)
);
alter table api_tokens add column expires_at timestamptz;
update api_tokens set expires_at = now() + interval '90 days';
alter table api_tokens alter column expires_at set not null;
alter table api_tokens alter column expires_at set default (now() + interval '90 days');
alter table api_tokens add column rotated_at timestamptz;
`.execute(db)
}
