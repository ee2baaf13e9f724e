import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// Approved premises stays (issue 16 item 4; reference-systems.md §2.5, CAS1 manage: arrivals, non-arrivals,
// departures, keyworker): what happens to a booking once its day comes. Every table is appended to and never changed
// (the refuse_ap_change trigger of 2026_12_08_0100): an arrival, a non-arrival and a departure are one row a booking
// (unique); the keyworker and the move-on plan are appended versions (the latest is current); sign-in and curfew
// checks, incidents and activities are a row each. A premises has a default curfew, used when the person's licence
// has no curfew condition.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
alter table approved_premises
  add column curfew_start text not null default '23:00' check (curfew_start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  add column curfew_end text not null default '07:00' check (curfew_end ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$');

create table ap_arrivals (
  id bigint generated always as identity primary key,
  booking_id bigint not null unique references ap_bookings(id),
  person_id bigint not null references people(id),
  arrival_date date not null,
  -- The hostel's address appended to the person's addresses on arrival (ended on departure).
  address_id bigint references addresses(id),
  notes text check (length(notes) <= 2000),
  recorded_by bigint references users(id),
  recorded_at timestamptz not null default now()
);
create index ap_arrivals_person_idx on ap_arrivals (person_id);

create table ap_non_arrivals (
  id bigint generated always as identity primary key,
  booking_id bigint not null unique references ap_bookings(id),
  person_id bigint not null references people(id),
  expected_date date not null,
  reason text not null check (length(reason) between 1 and 2000),
  recorded_by bigint references users(id),
  recorded_at timestamptz not null default now()
);
create index ap_non_arrivals_person_idx on ap_non_arrivals (person_id);

create table ap_departures (
  id bigint generated always as identity primary key,
  booking_id bigint not null unique references ap_bookings(id),
  person_id bigint not null references people(id),
  departure_date date not null,
  reason text not null check (reason in ('planned_move_on', 'recall', 'breach', 'absconded', 'other')),
  destination text not null check (destination in ('address', 'custody', 'unknown')),
  address text check (length(address) between 1 and 1000),
  postcode text check (length(postcode) between 1 and 10),
  notes text check (length(notes) <= 2000),
  recorded_by bigint references users(id),
  recorded_at timestamptz not null default now(),
  check ((destination = 'address') = (address is not null))
);
create index ap_departures_person_idx on ap_departures (person_id);

create table ap_keyworkers (
  id bigint generated always as identity primary key,
  booking_id bigint not null references ap_bookings(id),
  keyworker_user_id bigint not null references users(id),
  recorded_by bigint references users(id),
  recorded_at timestamptz not null default now()
);
create index ap_keyworkers_booking_idx on ap_keyworkers (booking_id, id);

create table ap_stay_checks (
  id bigint generated always as identity primary key,
  booking_id bigint not null references ap_bookings(id),
  person_id bigint not null references people(id),
  kind text not null check (kind in ('sign_in', 'curfew_check')),
  check_date date not null,
  -- Europe/London wall-clock time, HH:MM.
  check_time text not null check (check_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  present boolean not null,
  -- The curfew the check was judged against, and whether it was a breach (raised as enforcement on the licence).
  curfew_start text not null,
  curfew_end text not null,
  breach boolean not null,
  breach_reason text,
  enforcement_contact_id bigint references contacts(id),
  notes text check (length(notes) <= 2000),
  recorded_by bigint references users(id),
  recorded_at timestamptz not null default now()
);
create index ap_stay_checks_booking_idx on ap_stay_checks (booking_id, check_date);

create table ap_incidents (
  id bigint generated always as identity primary key,
  booking_id bigint not null references ap_bookings(id),
  person_id bigint not null references people(id),
  incident_date date not null,
  kind text not null check (kind in ('violence', 'threats', 'damage', 'drugs_alcohol', 'self_harm', 'rules', 'other')),
  description text not null check (length(description) between 1 and 4000),
  recorded_by bigint references users(id),
  recorded_at timestamptz not null default now()
);
create index ap_incidents_booking_idx on ap_incidents (booking_id);

create table ap_activities (
  id bigint generated always as identity primary key,
  booking_id bigint not null references ap_bookings(id),
  person_id bigint not null references people(id),
  activity_date date not null,
  kind text not null check (kind in ('keywork_session', 'group_work', 'education_training', 'employment', 'health', 'leisure', 'other')),
  note text not null check (length(note) between 1 and 4000),
  recorded_by bigint references users(id),
  recorded_at timestamptz not null default now()
);
create index ap_activities_booking_idx on ap_activities (booking_id);

create table ap_move_on_plans (
  id bigint generated always as identity primary key,
  booking_id bigint not null references ap_bookings(id),
  person_id bigint not null references people(id),
  plan text not null check (length(plan) between 1 and 4000),
  recorded_by bigint references users(id),
  recorded_at timestamptz not null default now()
);
create index ap_move_on_plans_booking_idx on ap_move_on_plans (booking_id, id);

create trigger ap_arrivals_append_only before update or delete on ap_arrivals
  for each row execute function refuse_ap_change();
create trigger ap_non_arrivals_append_only before update or delete on ap_non_arrivals
  for each row execute function refuse_ap_change();
create trigger ap_departures_append_only before update or delete on ap_departures
  for each row execute function refuse_ap_change();
create trigger ap_keyworkers_append_only before update or delete on ap_keyworkers
  for each row execute function refuse_ap_change();
create trigger ap_stay_checks_append_only before update or delete on ap_stay_checks
  for each row execute function refuse_ap_change();
create trigger ap_incidents_append_only before update or delete on ap_incidents
  for each row execute function refuse_ap_change();
create trigger ap_activities_append_only before update or delete on ap_activities
  for each row execute function refuse_ap_change();
create trigger ap_move_on_plans_append_only before update or delete on ap_move_on_plans
  for each row execute function refuse_ap_change();
`.execute(db)
}
