import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// Issue 12, finding 16: an API client may send an `Idempotency-Key` with a POST, so that retrying after a lost answer
// does not write twice. One row a key and user: the request it was first used for (method, path and a hash of the
// body), and, once answered, the status and body to answer a retry with. The row is inserted (committed) before the
// work starts, so a second request with the same key finds it and waits or is refused, never runs alongside.
// Keys expire after a day (rows older than that are replaced, and purged).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
create table idempotency_keys (
  user_id bigint not null references users (id),
  key text not null,
  method text not null,
  path text not null,
  request_hash text not null,
  status integer,
  response_body text,
  response_type text,
  created_at timestamptz not null default now(),
  completed_at timestamptz,
  primary key (user_id, key)
);
create index idempotency_keys_created_at_idx on idempotency_keys (created_at);
`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table idempotency_keys`.execute(db)
}
