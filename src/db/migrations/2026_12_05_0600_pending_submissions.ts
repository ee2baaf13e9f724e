import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// Issue 13, item 7: a form posted after its session ended (timed out, signed out) is kept for a short while, so the
// user can sign in again and submit it instead of typing it again. One row a kept form: the user whose session
// rendered it (found by the form's CSRF token), where it was posted, and its fields encrypted with a key only the
// posting browser holds (a cookie), looked up by the SHA-256 of a random id. Rows expire (`expires_at`) and are
// deleted once submitted, discarded or expired. The sessions' CSRF tokens are indexed to find that user.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
create table pending_submissions (
  id_hash text primary key,
  user_id bigint not null references users (id),
  path text not null,
  body text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null
);
create index pending_submissions_expires_at_idx on pending_submissions (expires_at);
create index pending_submissions_user_idx on pending_submissions (user_id);
create index sessions_csrf_token_idx on sessions (csrf_token);
`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index sessions_csrf_token_idx; drop table pending_submissions`.execute(db)
}
