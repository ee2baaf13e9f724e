import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// Two steps towards release the Victim Contact Scheme tells victims about (issue 15, rules-and-outcomes.md §3.4):
// a move to open conditions (a prison location marked open, category D) and parole hearings with their decisions.
// A parole row is appended for each listing and each decision; the latest for a hearing date is its state.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
alter table custody_locations add column open_conditions boolean not null default false;

create table parole_hearings (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  custody_record_id bigint not null references custody_records(id),
  hearing_on date not null,
  kind text not null check (kind in ('oral', 'paper')),
  decision text check (decision in ('release', 'no_release', 'open_conditions')),
  decided_on date,
  recorded_at timestamptz not null default now(),
  recorded_by bigint references users(id),
  check ((decision is null) = (decided_on is null))
);
create index parole_hearings_record_idx on parole_hearings (custody_record_id, id);
create index parole_hearings_person_idx on parole_hearings (person_id);

create function refuse_parole_hearing_change() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: % refused', tg_table_name, tg_op using errcode = 'insufficient_privilege';
end $$;
create trigger parole_hearings_append_only before update or delete on parole_hearings
  for each row execute function refuse_parole_hearing_change();
`.execute(db)
}
