import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.

/**
 * Partner services and the supply chain (issue 18): a directory of the organisations that deliver probation's
 * rehabilitative work (primes, tier 2 and tier 3; rules-and-outcomes.md §1.4) and their services, referrals from a
 * case with the information shared by choice and by rule, and the partner's side: acceptance, a caseworker, action
 * plans approved by the probation practitioner, sessions, an end-of-service report and incident reports
 * (reference-systems.md §2.4, R&M). History is appended: status changes, service changes, action plan versions and
 * session records are rows, never overwritten.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
create table partner_organisations (
  id bigint generated always as identity primary key,
  code text not null unique,
  name text not null,
  tier text not null check (tier in ('prime', 'tier_2', 'tier_3')),
  legal_form text not null check (legal_form in ('company', 'charity', 'mutual', 'public_body', 'other')),
  registration_number text,
  -- A prime that is also a probation provider in Probity (its staff run cases).
  provider_id bigint references providers(id),
  -- The prime whose supply chain this organisation is in (tier 2 and 3).
  prime_id bigint references partner_organisations(id),
  contact_email text,
  contact_phone text,
  website text,
  active boolean not null default true,
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create index partner_organisations_name_idx on partner_organisations (lower(name));

-- A partner's staff sign in as users of their organisation (role 'partner'); they have no staff record.
alter table users add column partner_organisation_id bigint references partner_organisations(id);
create index users_partner_organisation_idx on users (partner_organisation_id) where partner_organisation_id is not null;
alter table api_tokens drop constraint if exists api_tokens_scopes_check;
alter table api_tokens add constraint api_tokens_scopes_check
  check (cardinality(scopes) > 0 and scopes <@ array['case', 'victims', 'partner']::text[]);

create table partner_services (
  id bigint generated always as identity primary key,
  organisation_id bigint not null references partner_organisations(id),
  name text not null,
  pathway text not null check (pathway in ('accommodation', 'ete', 'finance_benefit_debt', 'dependency_recovery',
    'womens_services', 'personal_wellbeing', 'domestic_abuse', 'mentoring', 'family_relationships', 'other')),
  description text not null default '',
  -- Empty means any: genders 'male' / 'female'; tiers by letter 'A'..'D'; the highest RoSH level the service takes.
  eligible_genders text[] not null default '{}',
  eligible_tiers text[] not null default '{}',
  max_rosh text check (max_rosh in ('low', 'medium', 'high', 'very_high')),
  -- A session of this service is a rehabilitation activity: attended sessions count as RAR days.
  delivers_rar boolean not null default false,
  capacity integer check (capacity is null or capacity >= 0),
  waiting_weeks integer check (waiting_weeks is null or waiting_weeks >= 0),
  funding_ends_on date,
  accepting boolean not null default true,
  closed_reason text,
  lone_working_guidance text,
  active boolean not null default true,
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check (accepting or closed_reason is not null)
);
create index partner_services_organisation_idx on partner_services (organisation_id);
create index partner_services_pathway_idx on partner_services (pathway) where active;
-- Areas a service covers (regions); a service with none covers the whole country.
create table partner_service_areas (
  service_id bigint not null references partner_services(id),
  region_id bigint not null references regions(id),
  primary key (service_id, region_id)
);
create index partner_service_areas_region_idx on partner_service_areas (region_id);
-- Every change to a service (opened, closed to referrals, capacity, funding), appended.
create table partner_service_changes (
  id bigint generated always as identity primary key,
  service_id bigint not null references partner_services(id),
  change text not null,
  detail jsonb not null default '{}',
  changed_by bigint references users(id),
  changed_at timestamptz not null default now()
);
create index partner_service_changes_service_idx on partner_service_changes (service_id, id);

create table referrals (
  id bigint generated always as identity primary key,
  reference text not null unique,
  person_id bigint not null references people(id),
  event_id bigint references events(id),
  -- The rehabilitation activity requirement the service's sessions count towards, when it delivers RAR.
  requirement_id bigint references requirements(id),
  service_id bigint not null references partner_services(id),
  organisation_id bigint not null references partner_organisations(id),
  -- The probation provider whose practitioner referred (the case's provider at the time).
  provider_id bigint references providers(id),
  status text not null check (status in ('sent', 'accepted', 'declined', 'in_progress', 'completed', 'withdrawn')),
  reason text not null,
  rar_days integer check (rar_days is null or rar_days >= 0),
  completion_deadline date not null,
  further_information text,
  -- What was shared with the partner, frozen when sent: the risk summary, flags, needs and, where chosen, the
  -- address. The partner sees this and nothing else of the record.
  shared jsonb not null,
  share_address boolean not null default false,
  sensitive_check_confirmed boolean not null default false,
  referred_by bigint references users(id),
  sent_at timestamptz not null default now(),
  caseworker_user_id bigint references users(id),
  accepted_at timestamptz,
  declined_reason text,
  withdrawn_reason text,
  completed_at timestamptz,
  version integer not null default 1
);
create index referrals_person_idx on referrals (person_id, sent_at desc);
create index referrals_organisation_idx on referrals (organisation_id, status);
create index referrals_service_idx on referrals (service_id, sent_at);
create table referral_status_history (
  id bigint generated always as identity primary key,
  referral_id bigint not null references referrals(id),
  status text not null,
  reason text,
  changed_by bigint references users(id),
  changed_at timestamptz not null default now()
);
create index referral_status_history_referral_idx on referral_status_history (referral_id, id);
create table referral_desired_outcomes (
  id bigint generated always as identity primary key,
  referral_id bigint not null references referrals(id),
  position integer not null,
  description text not null,
  unique (referral_id, position)
);

-- Action plans: each version appended; an approved version never changes, an edit is a new version to approve.
create table referral_action_plans (
  id bigint generated always as identity primary key,
  referral_id bigint not null references referrals(id),
  version_number integer not null,
  activities jsonb not null,
  number_of_sessions integer not null check (number_of_sessions > 0),
  submitted_by bigint references users(id),
  submitted_at timestamptz not null default now(),
  approved_by bigint references users(id),
  approved_at timestamptz,
  unique (referral_id, version_number)
);

-- Sessions: what the partner recorded, appended (a correction replaces the current record, which is kept). Each
-- session is an appointment on the person's record (contact_id), so attendance reaches supervision and RAR days.
create table referral_sessions (
  id bigint generated always as identity primary key,
  referral_id bigint not null references referrals(id),
  session_number integer not null,
  session_date date not null,
  start_time text not null,
  end_time text not null,
  attended text not null check (attended in ('yes', 'late', 'no')),
  notes text,
  non_attendance_reason text,
  contact_id bigint references contacts(id),
  replaces_id bigint references referral_sessions(id),
  recorded_by bigint references users(id),
  recorded_at timestamptz not null default now()
);
create index referral_sessions_referral_idx on referral_sessions (referral_id, session_number, id);

create table referral_end_of_service_reports (
  id bigint generated always as identity primary key,
  referral_id bigint not null unique references referrals(id),
  -- Per desired outcome: { outcomeId, achievement: achieved | partially_achieved | not_achieved, commentary }.
  outcomes jsonb not null,
  further_information text,
  submitted_by bigint references users(id),
  submitted_at timestamptz not null default now()
);

-- An incident a partner worker reports back to the practitioner (safety of partner staff).
create table referral_incidents (
  id bigint generated always as identity primary key,
  referral_id bigint not null references referrals(id),
  occurred_at timestamptz not null,
  description text not null,
  reported_by bigint references users(id),
  reported_at timestamptz not null default now(),
  acknowledged_by bigint references users(id),
  acknowledged_at timestamptz
);
create index referral_incidents_referral_idx on referral_incidents (referral_id);
`.execute(db)
}
