import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// Approved premises (issue 16 items 1 and 3; reference-systems.md §2.5, CAS1 manage): premises in a region with what
// they offer, their beds and the beds' characteristics, out-of-service periods (appended; a cancellation is a row of
// its own), and bookings of a bed for a person. A booking row holds its current dates and whether it is cancelled;
// every version (made, changed, cancelled with its reason, who and when) is appended to ap_booking_events.
// Two live bookings of one bed on overlapping nights are refused by the database itself (an exclusion constraint on
// the nights [arrival, departure)), so no race between two requests can double-book a bed.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
create extension if not exists btree_gist;

create table approved_premises (
  id bigint generated always as identity primary key,
  code text not null unique check (code ~ '^[A-Z0-9]{2,12}$'),
  name text not null check (length(name) between 1 and 200),
  region_id bigint not null references regions(id),
  -- One line of the address per line.
  address text not null check (length(address) between 1 and 1000),
  postcode text not null check (length(postcode) between 1 and 10),
  gender text not null check (gender in ('male', 'female')),
  step_free_access boolean not null default false,
  pipe boolean not null default false,
  enhanced_security boolean not null default false,
  created_at timestamptz not null default now()
);
create index approved_premises_region_idx on approved_premises (region_id);

create table ap_beds (
  id bigint generated always as identity primary key,
  premises_id bigint not null references approved_premises(id),
  room text not null check (length(room) between 1 and 50),
  code text not null check (length(code) between 1 and 20),
  single_room boolean not null default false,
  wheelchair_accessible boolean not null default false,
  en_suite boolean not null default false,
  ground_floor boolean not null default false,
  created_at timestamptz not null default now(),
  unique (premises_id, code)
);

create table ap_out_of_service (
  id bigint generated always as identity primary key,
  bed_id bigint not null references ap_beds(id),
  from_date date not null,
  -- Inclusive: the bed is out of service on the night of to_date.
  to_date date not null,
  reason text not null check (length(reason) between 1 and 1000),
  recorded_by bigint references users(id),
  recorded_at timestamptz not null default now(),
  check (to_date >= from_date)
);
create index ap_out_of_service_bed_idx on ap_out_of_service (bed_id, from_date);

create table ap_out_of_service_cancellations (
  id bigint generated always as identity primary key,
  out_of_service_id bigint not null unique references ap_out_of_service(id),
  reason text not null check (length(reason) between 1 and 1000),
  cancelled_by bigint references users(id),
  cancelled_at timestamptz not null default now()
);

create table ap_bookings (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  bed_id bigint not null references ap_beds(id),
  arrival_date date not null,
  -- The night of departure is not occupied: the booking holds the nights [arrival_date, departure_date).
  departure_date date not null,
  cancelled boolean not null default false,
  version integer not null default 1,
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  check (departure_date > arrival_date),
  constraint ap_bookings_no_overlap exclude using gist (
    bed_id with =,
    daterange(arrival_date, departure_date, '[)') with &&
  ) where (not cancelled),
  -- One person sleeps in one bed a night: a second live booking of the same person on any of the nights is refused.
  constraint ap_bookings_person_no_overlap exclude using gist (
    person_id with =,
    daterange(arrival_date, departure_date, '[)') with &&
  ) where (not cancelled)
);
create index ap_bookings_person_idx on ap_bookings (person_id);

create table ap_booking_events (
  id bigint generated always as identity primary key,
  booking_id bigint not null references ap_bookings(id),
  kind text not null check (kind in ('made', 'changed', 'cancelled')),
  bed_id bigint not null references ap_beds(id),
  arrival_date date not null,
  departure_date date not null,
  reason text check (length(reason) between 1 and 1000),
  recorded_by bigint references users(id),
  recorded_at timestamptz not null default now(),
  check (kind = 'made' or reason is not null)
);
create index ap_booking_events_booking_idx on ap_booking_events (booking_id, id);

create function refuse_ap_change() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: % refused', tg_table_name, tg_op using errcode = 'insufficient_privilege';
end $$;
create trigger ap_out_of_service_append_only before update or delete on ap_out_of_service
  for each row execute function refuse_ap_change();
create trigger ap_out_of_service_cancellations_append_only before update or delete on ap_out_of_service_cancellations
  for each row execute function refuse_ap_change();
create trigger ap_bookings_kept before delete on ap_bookings
  for each row execute function refuse_ap_change();
create trigger ap_booking_events_append_only before update or delete on ap_booking_events
  for each row execute function refuse_ap_change();
`.execute(db)
}
