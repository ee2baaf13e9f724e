import { sql, type Kysely } from 'kysely'

// Frozen in time. The core of a case from court to supervision: courts, events (convictions), offences,
// sentences and their requirements, the case's lifecycle status with its history, and contacts
// (appointments and every other interaction). Feature migrations add their own tables alongside.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
create table courts (
  id bigint generated always as identity primary key,
  code text not null unique,
  name text not null,
  -- The probation delivery unit whose court team serves this court.
  delivery_unit_id bigint references delivery_units(id),
  active boolean not null default true
);

-- An event is one conviction and everything that follows from it (nDelius EVENT).
create table events (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  event_number integer not null,
  status text not null default 'pre_sentence' check (status in ('pre_sentence', 'sentenced', 'terminated')),
  court_id bigint references courts(id),
  conviction_date date,
  referral_date date,
  notes text,
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  version integer not null default 1,
  unique (person_id, event_number)
);
create index events_person_idx on events (person_id);

-- Offences on an event, by Home Office offence code; exactly one main offence per event once sentenced.
create table offences (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  event_id bigint not null references events(id),
  offence_code text not null,
  description text,
  offence_date date,
  is_main boolean not null default false,
  offence_count integer not null default 1 check (offence_count > 0),
  created_at timestamptz not null default now()
);
create index offences_event_idx on offences (event_id);
create unique index offences_one_main_idx on offences (event_id) where is_main;

-- The sentence (disposal) on an event. Custodial sentences keep the booking the release-date calculator
-- used and its dates, recalculated when the sentence changes.
create table sentences (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  event_id bigint not null references events(id),
  sentence_type text not null check (sentence_type in ('community_order', 'suspended_sentence_order', 'custodial')),
  sentence_date date not null,
  length_value integer check (length_value > 0),
  length_unit text check (length_unit in ('days', 'weeks', 'months', 'years')),
  start_date date,
  expected_end_date date,
  custodial_booking jsonb,
  key_dates jsonb,
  key_dates_explanation jsonb,
  key_dates_calculated_at timestamptz,
  terminated_date date,
  termination_reason text,
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  version integer not null default 1
);
create index sentences_person_idx on sentences (person_id);
create unique index sentences_one_current_idx on sentences (event_id) where terminated_date is null;

-- Requirements of a community order or suspended sentence order (nDelius RQMNT).
create table requirements (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  sentence_id bigint not null references sentences(id),
  category text not null,
  sub_category text,
  length numeric,
  unit text check (unit in ('hours', 'days', 'months', 'none')),
  start_date date,
  expected_end_date date,
  terminated_date date,
  termination_reason text,
  notes text,
  created_at timestamptz not null default now()
);
create index requirements_sentence_idx on requirements (sentence_id);
create index requirements_person_idx on requirements (person_id);

-- Where the case is in its life. The current status is on people; every change is kept in the history.
alter table people add column case_status text not null default 'pre_sentence'
  check (case_status in ('pre_sentence', 'awaiting_allocation', 'allocated', 'in_custody', 'on_licence', 'ended'));
create index people_case_status_idx on people (case_status);
create table case_status_history (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  status text not null,
  event_id bigint references events(id),
  reason text,
  changed_by bigint references users(id),
  changed_at timestamptz not null default now()
);
create index case_status_history_person_idx on case_status_history (person_id, changed_at);

-- Every interaction with or about the person: appointments (with outcomes) and other contacts (nDelius CONTACT).
-- Outcomes are corrected by appending to contact_outcomes, never by overwriting.
create table contacts (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  event_id bigint references events(id),
  requirement_id bigint references requirements(id),
  contact_type text not null,
  is_appointment boolean not null default false,
  starts_at timestamptz not null,
  ends_at timestamptz,
  staff_id bigint references staff(id),
  team_id bigint references teams(id),
  location text,
  national_standard boolean not null default false,
  sensitive boolean not null default false,
  system_generated boolean not null default false,
  rar_activity boolean not null default false,
  series_id bigint,
  notes text,
  outcome text,
  attended boolean,
  complied boolean,
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  version integer not null default 1,
  deleted_at timestamptz,
  deleted_reason text
);
create index contacts_person_starts_idx on contacts (person_id, starts_at desc);
create index contacts_staff_starts_idx on contacts (staff_id, starts_at);
`.execute(db)
}
