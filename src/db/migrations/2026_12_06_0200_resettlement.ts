import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// Through the Gate (issue 14 item 2): basic custody screening parts 1 and 2, needs by resettlement pathway, the
// resettlement plan's actions (closed by a row of their own), and the release-day plan. Each belongs to a person's
// custodial sentence. Everything is appended: a correction or a new answer is a new row (the latest is current),
// and the database refuses to update or delete a row.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
create table resettlement_screenings (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  sentence_id bigint not null references sentences(id),
  -- 1: the prison's screening (within 72 hours of reception); 2: the provider's (sentences of 4 years or less).
  part smallint not null check (part in (1, 2)),
  completed_on date not null,
  -- Who screened them, by name (prison staff are not Probity users).
  completed_by text not null check (length(completed_by) between 1 and 200),
  notes text check (length(notes) <= 4000),
  recorded_at timestamptz not null default now(),
  recorded_by bigint references users(id)
);
create index resettlement_screenings_sentence_idx on resettlement_screenings (sentence_id, part, id);
create index resettlement_screenings_person_idx on resettlement_screenings (person_id);

create table resettlement_needs (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  sentence_id bigint not null references sentences(id),
  pathway text not null check (pathway in ('accommodation', 'ete', 'finance', 'health', 'drugs_alcohol',
                                           'children_families', 'attitudes', 'sex_work_domestic_abuse')),
  need boolean not null,
  notes text check (length(notes) <= 4000),
  recorded_at timestamptz not null default now(),
  recorded_by bigint references users(id)
);
create index resettlement_needs_sentence_idx on resettlement_needs (sentence_id, pathway, id);

create table resettlement_actions (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  sentence_id bigint not null references sentences(id),
  pathway text not null check (pathway in ('accommodation', 'ete', 'finance', 'health', 'drugs_alcohol',
                                           'children_families', 'attitudes', 'sex_work_domestic_abuse')),
  description text not null check (length(description) between 1 and 2000),
  -- The owner: a member of staff, or a partner organisation named as typed.
  owner_staff_id bigint references staff(id),
  owner_organisation text check (length(owner_organisation) between 1 and 200),
  due_date date not null,
  created_at timestamptz not null default now(),
  created_by bigint references users(id),
  check (num_nonnulls(owner_staff_id, owner_organisation) = 1)
);
create index resettlement_actions_sentence_idx on resettlement_actions (sentence_id, due_date);
create index resettlement_actions_person_idx on resettlement_actions (person_id);

-- An action is closed by a row of its own (once), so the action as written is never changed.
create table resettlement_action_closures (
  id bigint generated always as identity primary key,
  action_id bigint not null unique references resettlement_actions(id),
  person_id bigint not null references people(id),
  done_on date not null,
  notes text check (length(notes) <= 4000),
  closed_at timestamptz not null default now(),
  closed_by bigint references users(id)
);

create table release_day_plans (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  sentence_id bigint not null references sentences(id),
  first_night_address text not null check (length(first_night_address) between 1 and 1000),
  met_by text not null check (length(met_by) between 1 and 500),
  travel text not null check (length(travel) between 1 and 1000),
  first_appointment_date date not null,
  first_appointment_place text not null check (length(first_appointment_place) between 1 and 500),
  medication text check (length(medication) <= 1000),
  id_documents text check (length(id_documents) <= 1000),
  recorded_at timestamptz not null default now(),
  recorded_by bigint references users(id)
);
create index release_day_plans_sentence_idx on release_day_plans (sentence_id, id);

create function refuse_resettlement_change() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: % refused', tg_table_name, tg_op using errcode = 'insufficient_privilege';
end $$;
create trigger resettlement_screenings_append_only before update or delete on resettlement_screenings
  for each row execute function refuse_resettlement_change();
create trigger resettlement_needs_append_only before update or delete on resettlement_needs
  for each row execute function refuse_resettlement_change();
create trigger resettlement_actions_append_only before update or delete on resettlement_actions
  for each row execute function refuse_resettlement_change();
create trigger resettlement_action_closures_append_only before update or delete on resettlement_action_closures
  for each row execute function refuse_resettlement_change();
create trigger release_day_plans_append_only before update or delete on release_day_plans
  for each row execute function refuse_resettlement_change();
`.execute(db)
}
