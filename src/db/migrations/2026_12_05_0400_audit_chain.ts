import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
//
// Issue 12, findings 13 and 14.
// - Tamper evidence: the append-only trigger stops the app, but whoever owns the table can switch it off. Each row
//   now carries `chain_seq` and `hash` = sha256(previous hash || canonical encoding of the row), assigned after commit
//   by `seal_audit_events` (one sealer at a time under an advisory lock, so requests never queue on it: they insert
//   unsealed rows). `probity audit verify` recomputes the chain in Node and names the first broken link.
// - Lists: `shown_person_ids` holds who a list (caseload, my day, team, allocation queue, search results) showed, so
//   a person's "who has looked" page finds those appearances through the GIN index.
//
// The canonical encoding is the jsonb text of an array of the row's columns (jsonb's text output is the same on
// PostgreSQL and PGlite: keys sorted, one space after commas and colons), the time as epoch microseconds.
// A column added to audit_events later is NOT covered by the hash unless a new canonical version is introduced.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
alter table audit_events
  add column shown_person_ids bigint[],
  add column chain_seq bigint,
  add column hash bytea;
create unique index audit_events_chain_idx on audit_events (chain_seq);
create index audit_events_unsealed_idx on audit_events (id) where hash is null;
create index audit_events_shown_idx on audit_events using gin (shown_person_ids);

-- The one change the trigger allows is sealing: giving a row that has neither a chain_seq and a hash, changing
-- nothing else. Every other UPDATE, and every DELETE and TRUNCATE, is still refused.
create or replace function refuse_audit_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' then
    if old.hash is null and old.chain_seq is null and new.hash is not null and new.chain_seq is not null
       and (to_jsonb(new) - 'hash' - 'chain_seq') = (to_jsonb(old) - 'hash' - 'chain_seq') then
      return new;
    end if;
  end if;
  raise exception 'audit_events is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end $$;

create function audit_event_canonical(e audit_events) returns text language sql stable as $$
  select jsonb_build_array(
    e.chain_seq, e.id, (extract(epoch from e.at) * 1000000)::bigint, e.user_id, e.username, e.action, e.person_id,
    e.subject, e.request_id, e.ip, e.detail, to_jsonb(e.shown_person_ids)
  )::text
$$;

-- Seals up to max_rows unsealed rows, oldest id first, continuing the chain. SECURITY DEFINER: it runs as the owner
-- of the schema, so the application's database role needs no UPDATE on audit_events at all. With wait = false it
-- returns 0 at once when another sealer (another worker) holds the lock.
create function seal_audit_events(max_rows integer, wait boolean) returns integer
language plpgsql security definer set search_path from current as $$
declare
  prev bytea;
  seq bigint;
  r audit_events;
  sealed integer := 0;
begin
  if wait then
    perform pg_advisory_xact_lock(726354012);
  elsif not pg_try_advisory_xact_lock(726354012) then
    return 0;
  end if;
  select a.chain_seq, a.hash into seq, prev from audit_events a where a.chain_seq is not null
    order by a.chain_seq desc limit 1;
  seq := coalesce(seq, 0);
  prev := coalesce(prev, ''::bytea);
  for r in select * from audit_events a where a.hash is null order by a.id limit max_rows loop
    seq := seq + 1;
    r.chain_seq := seq;
    prev := sha256(prev || convert_to(audit_event_canonical(r), 'UTF8'));
    update audit_events set chain_seq = seq, hash = prev where id = r.id;
    sealed := sealed + 1;
  end loop;
  return sealed;
end $$;
`.execute(db)
}
