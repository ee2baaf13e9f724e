import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// Approved premises applications (issue 16 item 2 and matching of item 3; reference-systems.md §2.5, CAS1 apply and
// assess): the community manager's application for a placement, with a snapshot of what the record said when it
// was submitted (jsonb, so the assessor sees what was true then), what only the manager can say, the essential
// characteristics of the bed and premises, and the requested dates. The row holds the current status; every
// decision (submitted, information requested and given, accepted, rejected with its reason, placed) is appended
// to ap_application_events. A booking made from the application names it.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
create table ap_applications (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  -- The region of the managing team when submitted: the approved premises team of that region assesses it.
  region_id bigint not null references regions(id),
  status text not null default 'awaiting_assessment'
    check (status in ('awaiting_assessment', 'information_requested', 'accepted', 'rejected', 'placed')),
  summary jsonb not null,
  reasons text not null check (length(reasons) between 1 and 4000),
  exclusion_zones text check (length(exclusion_zones) <= 2000),
  areas_to_avoid text check (length(areas_to_avoid) <= 2000),
  preferred_area text check (length(preferred_area) <= 500),
  access_needs text check (length(access_needs) <= 2000),
  health_needs text check (length(health_needs) <= 2000),
  essential_characteristics text[] not null default '{}',
  room_sharing boolean not null,
  previous_placements text check (length(previous_placements) <= 2000),
  move_on_plan text not null check (length(move_on_plan) between 1 and 4000),
  arrival_date date not null,
  departure_date date not null,
  submitted_by bigint references users(id),
  submitted_at timestamptz not null default now(),
  version integer not null default 1,
  check (departure_date > arrival_date)
);
create index ap_applications_person_idx on ap_applications (person_id);
create index ap_applications_region_idx on ap_applications (region_id, status);

create table ap_application_events (
  id bigint generated always as identity primary key,
  application_id bigint not null references ap_applications(id),
  kind text not null
    check (kind in ('submitted', 'information_requested', 'information_given', 'accepted', 'rejected', 'placed')),
  text text check (length(text) between 1 and 4000),
  booking_id bigint references ap_bookings(id),
  recorded_by bigint references users(id),
  recorded_at timestamptz not null default now(),
  check (kind not in ('information_requested', 'information_given', 'rejected') or text is not null)
);
create index ap_application_events_application_idx on ap_application_events (application_id, id);

alter table ap_bookings add column application_id bigint references ap_applications(id);

create trigger ap_applications_kept before delete on ap_applications
  for each row execute function refuse_ap_change();
create trigger ap_application_events_append_only before update or delete on ap_application_events
  for each row execute function refuse_ap_change();
`.execute(db)
}
