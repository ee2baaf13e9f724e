import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// Unpaid work (issue 17; rules-and-outcomes.md §2, reference-systems.md §2.7): projects and their supervisors,
// sessions with a register, the people allocated to a session (each allocation is an "unpaid work session"
// appointment on the person's record, so an absence takes the normal outcome and enforcement path), and what the
// supervisor recorded for each person (appended: a correction replaces an earlier record, which is kept).
// The public face (Community Payback): nominations with their status history, photos (metadata stripped before they
// are stored; published only after a staff check) and the providers' area boundaries as GeoJSON (appended versions).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
create table cp_areas (
  id bigint generated always as identity primary key,
  provider_id bigint not null references providers(id),
  name text not null check (length(name) between 1 and 200),
  -- A GeoJSON Polygon or MultiPolygon geometry (WGS84 longitude, latitude).
  geometry jsonb not null,
  uploaded_by bigint references users(id),
  uploaded_at timestamptz not null default now(),
  -- A newer upload for the same provider supersedes this one; the old boundary is kept.
  superseded_at timestamptz
);
create index cp_areas_current_idx on cp_areas (provider_id) where superseded_at is null;

create table cp_nominations (
  id bigint generated always as identity primary key,
  reference text not null unique check (reference ~ '^CP-[0-9A-Z]{4}-[0-9A-Z]{4}$'),
  provider_id bigint references providers(id),
  area_id bigint references cp_areas(id),
  organisation_name text not null check (length(organisation_name) between 1 and 200),
  contact_name text not null check (length(contact_name) between 1 and 200),
  email text not null check (length(email) between 3 and 320),
  phone text check (length(phone) <= 40),
  title text not null check (length(title) between 1 and 200),
  what_needs_doing text not null check (length(what_needs_doing) between 1 and 4000),
  community_benefit text not null check (length(community_benefit) between 1 and 4000),
  address text check (length(address) <= 1000),
  postcode text check (length(postcode) <= 10),
  latitude double precision check (latitude between -90 and 90),
  longitude double precision check (longitude between -180 and 180),
  toilets boolean not null default false,
  hand_washing boolean not null default false,
  drinking_water boolean not null default false,
  parking boolean not null default false,
  accessibility text check (length(accessibility) <= 2000),
  consent_to_contact boolean not null,
  status text not null default 'received'
    check (status in ('received', 'being_assessed', 'accepted', 'scheduled', 'completed', 'not_suitable')),
  status_reason text check (length(status_reason) <= 2000),
  acknowledged_at timestamptz,
  acknowledged_by bigint references users(id),
  submitted_at timestamptz not null default now(),
  version integer not null default 1
);
create index cp_nominations_provider_idx on cp_nominations (provider_id, status);

create table cp_nomination_status_history (
  id bigint generated always as identity primary key,
  nomination_id bigint not null references cp_nominations(id),
  status text not null,
  reason text check (length(reason) <= 2000),
  changed_by bigint references users(id),
  changed_at timestamptz not null default now()
);
create index cp_nomination_status_history_idx on cp_nomination_status_history (nomination_id);

create table upw_projects (
  id bigint generated always as identity primary key,
  provider_id bigint not null references providers(id),
  team_id bigint references teams(id),
  name text not null check (length(name) between 1 and 200),
  project_type text not null,
  -- 'group': supervised sessions; 'individual': a placement (e.g. a charity shop) where the beneficiary supervises.
  placement_kind text not null default 'group' check (placement_kind in ('group', 'individual')),
  beneficiary_name text not null check (length(beneficiary_name) between 1 and 200),
  beneficiary_contact text check (length(beneficiary_contact) <= 500),
  address text not null check (length(address) between 1 and 1000),
  postcode text check (length(postcode) <= 10),
  latitude double precision check (latitude between -90 and 90),
  longitude double precision check (longitude between -180 and 180),
  toilets boolean not null default false,
  hand_washing boolean not null default false,
  drinking_water boolean not null default false,
  shelter boolean not null default false,
  public_contact boolean not null default false,
  children_present boolean not null default false,
  vulnerable_adults_present boolean not null default false,
  risk_notes text check (length(risk_notes) <= 2000),
  capacity integer not null check (capacity between 1 and 30),
  start_date date not null,
  end_date date,
  travel_time_credited boolean not null default false,
  -- The short description shown on the public map (never a person's name).
  public_description text check (length(public_description) <= 1000),
  nomination_id bigint references cp_nominations(id),
  completed_at timestamptz,
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  version integer not null default 1,
  check (end_date is null or end_date >= start_date)
);
create index upw_projects_provider_idx on upw_projects (provider_id);

create table upw_project_supervisors (
  id bigint generated always as identity primary key,
  project_id bigint not null references upw_projects(id),
  user_id bigint not null references users(id),
  added_by bigint references users(id),
  added_at timestamptz not null default now(),
  removed_at timestamptz,
  removed_by bigint references users(id)
);
create unique index upw_project_supervisors_current_idx on upw_project_supervisors (project_id, user_id)
  where removed_at is null;

create table upw_sessions (
  id bigint generated always as identity primary key,
  project_id bigint not null references upw_projects(id),
  provider_id bigint not null references providers(id),
  session_date date not null,
  -- Europe/London wall-clock times, HH:MM.
  start_time text not null check (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  end_time text not null check (end_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  supervisor_user_id bigint references users(id),
  capacity integer not null check (capacity between 1 and 30),
  pick_up_point text check (length(pick_up_point) <= 500),
  notes text check (length(notes) <= 2000),
  -- A whole session stood down (weather, no supervisor): no one's fault, no hours lost.
  stood_down_at timestamptz,
  stood_down_reason text check (length(stood_down_reason) <= 2000),
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  version integer not null default 1,
  check (end_time > start_time)
);
create index upw_sessions_date_idx on upw_sessions (provider_id, session_date);
create index upw_sessions_project_idx on upw_sessions (project_id, session_date);

create table upw_allocations (
  id bigint generated always as identity primary key,
  session_id bigint not null references upw_sessions(id),
  person_id bigint not null references people(id),
  requirement_id bigint not null references requirements(id),
  -- The "unpaid work session" appointment on the person's record.
  contact_id bigint references contacts(id),
  -- Education, training or employment activity counted towards the ETE share of the hours.
  ete boolean not null default false,
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  removed_at timestamptz,
  removed_by bigint references users(id),
  removed_reason text check (length(removed_reason) <= 2000)
);
create unique index upw_allocations_current_idx on upw_allocations (session_id, person_id) where removed_at is null;
create index upw_allocations_person_idx on upw_allocations (person_id);

create table upw_attendances (
  id bigint generated always as identity primary key,
  allocation_id bigint not null references upw_allocations(id),
  session_id bigint not null references upw_sessions(id),
  person_id bigint not null references people(id),
  requirement_id bigint not null references requirements(id),
  outcome text not null
    check (outcome in ('worked', 'sent_home', 'stood_down', 'absent_acceptable', 'absent_unacceptable')),
  time_in text check (time_in ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  time_out text check (time_out ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  minutes_worked integer not null default 0 check (minutes_worked between 0 and 1440),
  travel_minutes integer not null default 0 check (travel_minutes between 0 and 600),
  penalty_minutes integer not null default 0 check (penalty_minutes between 0 and 1440),
  -- The minutes credited to the order by this record (worked + travel - penalty, never below 0).
  minutes_credited integer not null default 0 check (minutes_credited between 0 and 2040),
  ete boolean not null default false,
  work_quality text check (work_quality in ('excellent', 'good', 'satisfactory', 'unsatisfactory', 'poor')),
  behaviour text check (behaviour in ('excellent', 'good', 'satisfactory', 'unsatisfactory', 'poor')),
  hi_vis_worn boolean,
  reason text check (length(reason) <= 2000),
  notes text check (length(notes) <= 2000),
  replaces_id bigint references upw_attendances(id),
  recorded_by bigint references users(id),
  recorded_at timestamptz not null default now()
);
create index upw_attendances_person_idx on upw_attendances (person_id, requirement_id);
create index upw_attendances_session_idx on upw_attendances (session_id);

-- What a person on unpaid work cannot be placed against: work, childcare, religious or health commitments by day of
-- the week and time (an ended commitment is kept with its end).
create table upw_commitments (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  kind text not null check (kind in ('work', 'childcare', 'religious', 'health', 'education', 'other')),
  -- ISO day of the week, 1 = Monday … 7 = Sunday.
  day_of_week integer not null check (day_of_week between 1 and 7),
  start_time text not null check (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  end_time text not null check (end_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  notes text check (length(notes) <= 2000),
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  ended_at timestamptz,
  ended_by bigint references users(id),
  check (end_time > start_time)
);
create index upw_commitments_person_idx on upw_commitments (person_id) where ended_at is null;

create table cp_photos (
  id bigint generated always as identity primary key,
  nomination_id bigint references cp_nominations(id),
  project_id bigint references upw_projects(id),
  kind text not null check (kind in ('nomination', 'before', 'during', 'after')),
  -- Re-encoded on upload: no EXIF, GPS or camera details survive.
  content bytea not null,
  mime_type text not null check (mime_type in ('image/jpeg', 'image/png', 'image/webp')),
  width integer not null,
  height integer not null,
  byte_size integer not null,
  caption text check (length(caption) <= 500),
  uploaded_by bigint references users(id),
  uploaded_at timestamptz not null default now(),
  approved_at timestamptz,
  approved_by bigint references users(id),
  rejected_at timestamptz,
  rejected_by bigint references users(id),
  rejected_reason text check (length(rejected_reason) <= 2000),
  check (nomination_id is not null or project_id is not null)
);
create index cp_photos_project_idx on cp_photos (project_id);
create index cp_photos_nomination_idx on cp_photos (nomination_id);

create function refuse_upw_change() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: % refused', tg_table_name, tg_op using errcode = 'insufficient_privilege';
end $$;
create trigger upw_attendances_append_only before update or delete on upw_attendances
  for each row execute function refuse_upw_change();
create trigger cp_nomination_status_history_append_only before update or delete on cp_nomination_status_history
  for each row execute function refuse_upw_change();
`.execute(db)
}
