import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// The Victim Contact Scheme (issue 15): victims, their contact details and wishes, referrals from the witness care
// unit, opting in and out, their victim liaison officer, contacts and letters, tasks raised by events in the
// offender's record, victim-related licence condition requests, and what the officer chose to share with the
// offender's manager. These tables are reached only through src/features/victims, by victim liaison roles.
// `person_id` is the OFFENDER's id (the distribution key: victim data lives beside the case it belongs to); a victim
// is never a row of `people`, so nothing that reads people, search or the person's audit can find them.
// Everything is appended: a change of details, a decision or a completion is a new row.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
create table victims (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  -- The conviction they are a victim of, when known.
  event_id bigint references events(id),
  forename text not null check (length(forename) between 1 and 100),
  surname text not null check (length(surname) between 1 and 100),
  date_of_birth date,
  created_at timestamptz not null default now(),
  created_by bigint references users(id)
);
create index victims_person_idx on victims (person_id);

-- Contact details and wishes, versioned: the latest row is current.
create table victim_details (
  id bigint generated always as identity primary key,
  victim_id bigint not null references victims(id),
  person_id bigint not null references people(id),
  address_line1 text check (length(address_line1) <= 200),
  address_line2 text check (length(address_line2) <= 200),
  town text check (length(town) <= 100),
  postcode text check (length(postcode) <= 10),
  phone text check (length(phone) <= 40),
  email text check (length(email) <= 200),
  preferred_method text check (preferred_method in ('letter', 'phone', 'email', 'visit')),
  -- The victim asked not to be contacted (then no way of contacting them is needed).
  no_contact_wish boolean not null default false,
  -- What the victim wants: information only, to make representations on licence conditions, to be told of release…
  wishes text check (length(wishes) <= 4000),
  recorded_at timestamptz not null default now(),
  recorded_by bigint references users(id),
  check (no_contact_wish or address_line1 is not null or phone is not null or email is not null)
);
create index victim_details_victim_idx on victim_details (victim_id, id);

-- Referral from the witness care unit (a form or its system through the API).
create table victim_referrals (
  id bigint generated always as identity primary key,
  victim_id bigint not null references victims(id),
  person_id bigint not null references people(id),
  referred_on date not null,
  referred_by text not null check (length(referred_by) between 1 and 200),
  source text not null check (source in ('form', 'api')),
  recorded_at timestamptz not null default now(),
  recorded_by bigint references users(id)
);
create index victim_referrals_person_idx on victim_referrals (person_id);
create index victim_referrals_victim_idx on victim_referrals (victim_id);

-- Opting into or out of the scheme, with dates: the latest is current.
create table victim_scheme_decisions (
  id bigint generated always as identity primary key,
  victim_id bigint not null references victims(id),
  person_id bigint not null references people(id),
  decision text not null check (decision in ('opt_in', 'opt_out')),
  decided_on date not null,
  notes text check (length(notes) <= 4000),
  recorded_at timestamptz not null default now(),
  recorded_by bigint references users(id)
);
create index victim_scheme_decisions_victim_idx on victim_scheme_decisions (victim_id, id);
create index victim_scheme_decisions_person_idx on victim_scheme_decisions (person_id);

-- The victim's liaison officer: the latest row is current.
create table victim_officer_assignments (
  id bigint generated always as identity primary key,
  victim_id bigint not null references victims(id),
  person_id bigint not null references people(id),
  officer_user_id bigint not null references users(id),
  assigned_on date not null,
  recorded_at timestamptz not null default now(),
  recorded_by bigint references users(id)
);
create index victim_officer_assignments_victim_idx on victim_officer_assignments (victim_id, id);
create index victim_officer_assignments_officer_idx on victim_officer_assignments (officer_user_id);

create table victim_letters (
  id bigint generated always as identity primary key,
  victim_id bigint not null references victims(id),
  person_id bigint not null references people(id),
  kind text not null check (length(kind) between 1 and 60),
  pdf bytea not null,
  created_at timestamptz not null default now(),
  created_by bigint references users(id)
);
create index victim_letters_victim_idx on victim_letters (victim_id);

create table victim_contacts (
  id bigint generated always as identity primary key,
  victim_id bigint not null references victims(id),
  person_id bigint not null references people(id),
  contact_on date not null,
  method text not null check (method in ('letter', 'phone', 'email', 'visit', 'other')),
  summary text not null check (length(summary) between 1 and 4000),
  letter_id bigint references victim_letters(id),
  recorded_at timestamptz not null default now(),
  recorded_by bigint references users(id)
);
create index victim_contacts_victim_idx on victim_contacts (victim_id, contact_on);

-- Tasks for the officer, raised by an event in the offender's record (source_event_id: the outbox row) or by a date
-- (the end of licence), with the facts the victim is entitled to (never the offender's address).
create table victim_tasks (
  id bigint generated always as identity primary key,
  victim_id bigint not null references victims(id),
  person_id bigint not null references people(id),
  kind text not null check (length(kind) between 1 and 60),
  source_event_id bigint,
  facts jsonb not null,
  due_on date not null,
  created_at timestamptz not null default now(),
  unique (victim_id, kind, source_event_id)
);
create index victim_tasks_person_idx on victim_tasks (person_id);
create table victim_task_completions (
  id bigint generated always as identity primary key,
  task_id bigint not null unique references victim_tasks(id),
  person_id bigint not null references people(id),
  completed_on date not null,
  notes text check (length(notes) <= 4000),
  recorded_at timestamptz not null default now(),
  recorded_by bigint references users(id)
);
-- How far the task maker has read the outbox (one row).
create table victim_task_cursor (
  id smallint primary key check (id = 1),
  last_outbox_id bigint not null
);
insert into victim_task_cursor (id, last_outbox_id) values (1, 0);

-- Victim-related licence conditions asked for by the officer. The licence workflow sees only the condition and its
-- wording, never who asked for it or why; a withdrawal is a row of its own.
create table victim_condition_requests (
  id bigint generated always as identity primary key,
  victim_id bigint not null references victims(id),
  person_id bigint not null references people(id),
  condition_code text not null check (condition_code in ('no_contact_named_person', 'exclusion_zone', 'restriction_of_residency')),
  wording text not null check (length(wording) between 1 and 2000),
  requested_on date not null,
  recorded_at timestamptz not null default now(),
  recorded_by bigint references users(id)
);
create index victim_condition_requests_person_idx on victim_condition_requests (person_id);
create table victim_condition_request_withdrawals (
  id bigint generated always as identity primary key,
  request_id bigint not null unique references victim_condition_requests(id),
  person_id bigint not null references people(id),
  withdrawn_on date not null,
  recorded_at timestamptz not null default now(),
  recorded_by bigint references users(id)
);

-- What the officer chose to tell the offender's manager (shown on the offender's record): the only victim-side
-- table the offender side reads, and it holds no victim's identity.
create table victim_shared_notes (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  note text not null check (length(note) between 1 and 500),
  shared_at timestamptz not null default now(),
  shared_by bigint references users(id)
);
create index victim_shared_notes_person_idx on victim_shared_notes (person_id, id);

create function refuse_victim_change() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: % refused', tg_table_name, tg_op using errcode = 'insufficient_privilege';
end $$;
create trigger victims_append_only before update or delete on victims
  for each row execute function refuse_victim_change();
create trigger victim_details_append_only before update or delete on victim_details
  for each row execute function refuse_victim_change();
create trigger victim_referrals_append_only before update or delete on victim_referrals
  for each row execute function refuse_victim_change();
create trigger victim_scheme_decisions_append_only before update or delete on victim_scheme_decisions
  for each row execute function refuse_victim_change();
create trigger victim_officer_assignments_append_only before update or delete on victim_officer_assignments
  for each row execute function refuse_victim_change();
create trigger victim_letters_append_only before update or delete on victim_letters
  for each row execute function refuse_victim_change();
create trigger victim_contacts_append_only before update or delete on victim_contacts
  for each row execute function refuse_victim_change();
create trigger victim_tasks_append_only before update or delete on victim_tasks
  for each row execute function refuse_victim_change();
create trigger victim_task_completions_append_only before update or delete on victim_task_completions
  for each row execute function refuse_victim_change();
create trigger victim_condition_requests_append_only before update or delete on victim_condition_requests
  for each row execute function refuse_victim_change();
create trigger victim_condition_request_withdrawals_append_only before update or delete
  on victim_condition_request_withdrawals for each row execute function refuse_victim_change();
create trigger victim_shared_notes_append_only before update or delete on victim_shared_notes
  for each row execute function refuse_victim_change();
`.execute(db)
}
