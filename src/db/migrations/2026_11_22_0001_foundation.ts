import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
create extension if not exists pg_trgm;
create extension if not exists fuzzystrmatch;

-- Organisations: providers own regions, regions own delivery units (PDUs), PDUs own teams.
create table providers (
  id bigint generated always as identity primary key,
  code text not null unique,
  name text not null,
  kind text not null check (kind in ('public', 'contracted', 'mutual', 'charity')),
  active boolean not null default true,
  created_at timestamptz not null default now()
);
create table regions (
  id bigint generated always as identity primary key,
  provider_id bigint not null references providers(id),
  code text not null unique,
  name text not null,
  active boolean not null default true
);
create table delivery_units (
  id bigint generated always as identity primary key,
  region_id bigint not null references regions(id),
  code text not null unique,
  name text not null,
  active boolean not null default true
);
create table teams (
  id bigint generated always as identity primary key,
  delivery_unit_id bigint not null references delivery_units(id),
  code text not null unique,
  name text not null,
  active boolean not null default true
);
create table staff (
  id bigint generated always as identity primary key,
  code text not null unique,
  forename text not null,
  surname text not null,
  grade text not null check (grade in ('PO', 'PSO', 'SPO', 'ACO', 'CO', 'ADMIN', 'VLO', 'APW', 'UPWS', 'CM', 'OTHER')),
  provider_id bigint not null references providers(id),
  team_id bigint references teams(id),
  email text,
  active boolean not null default true,
  created_at timestamptz not null default now()
);
create index staff_team_idx on staff(team_id);

-- Sign-in accounts. A user is usually a member of staff; roles decide what they may do.
create table users (
  id bigint generated always as identity primary key,
  username text not null,
  display_name text not null,
  staff_id bigint references staff(id),
  password_hash text not null,
  roles text[] not null default '{}',
  active boolean not null default true,
  failed_attempts integer not null default 0,
  locked_until timestamptz,
  -- "Sign out everywhere": sessions created before this instant are no longer valid.
  sessions_valid_after timestamptz not null default now(),
  password_changed_at timestamptz not null default now(),
  last_sign_in_at timestamptz,
  created_at timestamptz not null default now(),
  version integer not null default 1
);
create unique index users_username_idx on users (lower(username));

-- Sessions live in the database so any number of app processes can serve a user.
-- Only a SHA-256 of the session id is stored: a leaked table cannot be replayed.
create table sessions (
  id_hash text primary key,
  user_id bigint not null references users(id),
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  ip text,
  user_agent text,
  ended_at timestamptz
);
create index sessions_user_idx on sessions(user_id);

create table sign_in_attempts (
  id bigint generated always as identity primary key,
  username text not null,
  ip text,
  at timestamptz not null default now(),
  succeeded boolean not null
);
create index sign_in_attempts_username_idx on sign_in_attempts (lower(username), at);

-- API tokens for other systems, issued by an administrator. Only a SHA-256 of the token is kept.
create table api_tokens (
  id bigint generated always as identity primary key,
  name text not null,
  token_hash text not null unique,
  token_prefix text not null,
  user_id bigint not null references users(id),
  created_by bigint not null references users(id),
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

-- One record per person on probation, whoever manages them.
create sequence crn_seq start 100001;
create table people (
  id bigint generated always as identity primary key,
  crn text not null unique check (crn ~ '^[A-Z][0-9]{6}$'),
  forename text not null,
  middle_names text,
  surname text not null,
  preferred_name text,
  date_of_birth date not null,
  gender text not null check (gender in ('male', 'female', 'other', 'not_known')),
  pnc text unique,
  cro text,
  noms text,
  phone text,
  mobile text,
  email text,
  -- Optional equality monitoring data; never required.
  ethnicity text,
  religion text,
  sexual_orientation text,
  nationality text,
  first_language text,
  interpreter_required boolean not null default false,
  managing_provider_id bigint references providers(id),
  managing_team_id bigint references teams(id),
  managing_staff_id bigint references staff(id),
  -- Limited access: when set, users excluded (or not on the restriction list) see this message instead.
  exclusion_message text,
  restriction_message text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  deleted_at timestamptz,
  deleted_reason text
);
create unique index people_noms_idx on people (noms) where noms is not null;
create index people_team_idx on people (managing_team_id);
create index people_staff_idx on people (managing_staff_id);
create index people_dob_idx on people (date_of_birth);

-- Names to search by: the person's own name and every alias, normalised (lower case, no accents).
create table person_names (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  kind text not null check (kind in ('name', 'alias')),
  forename text not null,
  surname text not null,
  date_of_birth date,
  search_name text not null,
  surname_key text not null,
  created_at timestamptz not null default now(),
  ended_at timestamptz
);
create index person_names_person_idx on person_names (person_id);
create index person_names_trgm_idx on person_names using gin (search_name gin_trgm_ops);
create index person_names_phonetic_idx on person_names (surname_key);

create table addresses (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  status text not null check (status in ('main', 'previous', 'bail', 'secondary', 'no_fixed_abode')),
  address_type text,
  building text,
  street text,
  district text,
  town text,
  county text,
  postcode text,
  telephone text,
  start_date date not null,
  end_date date,
  notes text,
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  superseded_by bigint references addresses(id),
  version integer not null default 1
);
create index addresses_person_idx on addresses (person_id);
-- At most one current main address per person.
create unique index addresses_one_main_idx on addresses (person_id) where status = 'main' and end_date is null;

create table personal_circumstances (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  circumstance_type text not null,
  sub_type text,
  start_date date not null,
  end_date date,
  notes text,
  created_by bigint references users(id),
  created_at timestamptz not null default now()
);
create index personal_circumstances_person_idx on personal_circumstances (person_id);

create table disabilities (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  disability_type text not null,
  adjustments text,
  start_date date not null,
  end_date date,
  notes text,
  created_by bigint references users(id),
  created_at timestamptz not null default now()
);
create index disabilities_person_idx on disabilities (person_id);

-- Who has managed the person, and when: past managers keep read access to what they managed.
create table case_managers (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  provider_id bigint not null references providers(id),
  team_id bigint references teams(id),
  staff_id bigint references staff(id),
  started_at timestamptz not null default now(),
  ended_at timestamptz,
  reason text,
  created_by bigint references users(id)
);
create index case_managers_person_idx on case_managers (person_id);
create index case_managers_staff_idx on case_managers (staff_id);

-- Limited access (LAO): exclusions name users who may not see the record; restrictions name the only users who may.
create table access_limitations (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  kind text not null check (kind in ('exclusion', 'restriction')),
  user_id bigint not null references users(id),
  reason text,
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  removed_at timestamptz
);
create index access_limitations_person_idx on access_limitations (person_id) where removed_at is null;

-- The audit trail: append-only. The database refuses updates and deletes (trigger below).
create table audit_events (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  user_id bigint,
  username text,
  action text not null,
  person_id bigint,
  subject text,
  request_id text,
  ip text,
  detail jsonb
);
create index audit_events_person_idx on audit_events (person_id, at);
create index audit_events_user_idx on audit_events (user_id, at);

create function refuse_audit_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit_events is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end $$;
create trigger audit_events_append_only before update or delete on audit_events
  for each row execute function refuse_audit_change();
create trigger audit_events_no_truncate before truncate on audit_events
  for each statement execute function refuse_audit_change();

-- Domain events, written in the same transaction as the change they describe (transactional outbox).
create table outbox_events (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  event_type text not null,
  person_id bigint,
  payload jsonb not null,
  published_at timestamptz
);
create index outbox_unpublished_idx on outbox_events (id) where published_at is null;
`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('The foundation migration cannot be reversed: history is never deleted')
}
