import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// MAPPA management (issue 15 item 5): each level decision (category, level, reason, next review) a senior makes, MAPP
// meetings (date, level, attending agencies, the minutes' restricted contact), risk management actions with their
// owner (an agency and/or a member of staff) and due date, and each action marked done by a row of its own.
// Everything is appended: the database refuses to update or delete a row.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
create table mappa_reviews (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  category smallint not null check (category in (1, 2, 3)),
  level smallint not null check (level in (1, 2, 3)),
  reason text not null check (length(reason) between 1 and 4000),
  reviewed_on date not null,
  next_review_date date not null,
  recorded_by bigint references users(id),
  recorded_at timestamptz not null default now()
);
create index mappa_reviews_person_idx on mappa_reviews (person_id, id);

create table mapp_meetings (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  meeting_date date not null,
  level smallint check (level in (1, 2, 3)),
  -- The agencies attending (codes), and an agency named as typed when 'other' is among them.
  agencies text[] not null,
  other_agency text check (length(other_agency) between 1 and 200),
  -- The minutes are a restricted (sensitive) contact of type MAPPA, not kept here.
  minutes_contact_id bigint references contacts(id),
  recorded_by bigint references users(id),
  recorded_at timestamptz not null default now()
);
create index mapp_meetings_person_idx on mapp_meetings (person_id, meeting_date);

create table mappa_actions (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  meeting_id bigint references mapp_meetings(id),
  description text not null check (length(description) between 1 and 2000),
  owner_agency text check (length(owner_agency) between 1 and 200),
  owner_staff_id bigint references staff(id),
  due_date date not null,
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  check (num_nonnulls(owner_agency, owner_staff_id) >= 1)
);
create index mappa_actions_person_idx on mappa_actions (person_id, due_date);

create table mappa_action_completions (
  id bigint generated always as identity primary key,
  action_id bigint not null unique references mappa_actions(id),
  person_id bigint not null references people(id),
  done_on date not null,
  notes text check (length(notes) <= 4000),
  completed_by bigint references users(id),
  completed_at timestamptz not null default now()
);

create function refuse_mappa_change() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: % refused', tg_table_name, tg_op using errcode = 'insufficient_privilege';
end $$;
create trigger mappa_reviews_append_only before update or delete on mappa_reviews
  for each row execute function refuse_mappa_change();
create trigger mapp_meetings_append_only before update or delete on mapp_meetings
  for each row execute function refuse_mappa_change();
create trigger mappa_actions_append_only before update or delete on mappa_actions
  for each row execute function refuse_mappa_change();
create trigger mappa_action_completions_append_only before update or delete on mappa_action_completions
  for each row execute function refuse_mappa_change();
`.execute(db)
}
