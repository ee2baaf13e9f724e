import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// Risk: RoSH assessments, registrations (risk flags), the assessment items the predictors read, and the scores and
// tiers calculated from them. Nothing here is updated in place except a registration's deregistration columns
// (set once) and nothing is deleted: every table is history, and every table carries person_id.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
-- Risk of serious harm (OASys R10 summary): one row per assessment; the latest (date, then id) is current.
create table rosh_assessments (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  assessment_date date not null,
  public_level text not null check (public_level in ('low', 'medium', 'high', 'very_high')),
  known_adult_level text not null check (known_adult_level in ('low', 'medium', 'high', 'very_high')),
  children_level text not null check (children_level in ('low', 'medium', 'high', 'very_high')),
  staff_level text not null check (staff_level in ('low', 'medium', 'high', 'very_high')),
  -- Risk to other prisoners is only assessed in custody: null means not assessed.
  prisoners_level text check (prisoners_level in ('low', 'medium', 'high', 'very_high')),
  -- The highest of the group levels, kept so reports and queries need not recompute it.
  overall_level text not null check (overall_level in ('low', 'medium', 'high', 'very_high')),
  who_is_at_risk text,
  nature_of_harm text,
  when_most_likely text,
  assessed_by bigint references users(id),
  created_at timestamptz not null default now()
);
create index rosh_assessments_person_idx on rosh_assessments (person_id, assessment_date, id);

-- Registrations ("risk flags", nDelius REGISTRATION): never deleted; deregistration sets a date and reason.
create table registrations (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  type_code text not null check (type_code ~ '^[A-Z0-9]{2,8}$'),
  -- nDelius knows MAPPA categories M1–M4; the form offers 1–3 today (see features/risk/README.md).
  mappa_category smallint check (mappa_category between 1 and 4),
  mappa_level smallint check (mappa_level between 1 and 3),
  registered_date date not null,
  next_review_date date,
  notes text check (length(notes) <= 4000),
  registered_by bigint references users(id),
  created_at timestamptz not null default now(),
  deregistered_date date,
  deregistration_reason text check (length(deregistration_reason) <= 4000),
  deregistered_by bigint references users(id),
  deregistered_at timestamptz,
  version integer not null default 1,
  check ((deregistered_date is null) = (deregistration_reason is null)),
  check (deregistered_date is null or deregistered_date >= registered_date),
  check (next_review_date is null or next_review_date >= registered_date),
  check (type_code = 'MAPP' or (mappa_category is null and mappa_level is null))
);
create index registrations_person_idx on registrations (person_id) where deregistered_date is null;
create index registrations_person_all_idx on registrations (person_id, registered_date);

-- The assessment items the predictors and the tier read that the record does not otherwise hold (criminal history,
-- OASys answers, needs, externally supplied v4 scores). Each recording is a new version of the whole set, so the
-- inputs behind any stored score can be shown again. Items are JSON because the set follows OASys and changes with it.
create table risk_assessment_items (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  version integer not null check (version >= 1),
  assessment_date date not null,
  items jsonb not null,
  recorded_by bigint references users(id),
  created_at timestamptz not null default now(),
  unique (person_id, version)
);

-- Predictor scores (OGRS3, OGP, OVP, RSR …) exactly as calculated: algorithm and version, the input snapshot and the
-- whole output with its explanation, so any score can be replayed and explained later.
create table risk_scores (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  algorithm text not null,
  algorithm_version text not null,
  calculated_on date not null,
  calculated_at timestamptz not null default now(),
  score numeric,
  band text,
  inputs jsonb not null,
  output jsonb not null,
  created_by bigint references users(id)
);
create index risk_scores_person_idx on risk_scores (person_id, algorithm, id);

-- Tiers (v2 protect/change, v3 A–G) as calculated, with the same replay information.
create table tier_calculations (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  algorithm text not null,
  algorithm_version text not null,
  calculated_on date not null,
  calculated_at timestamptz not null default now(),
  tier text not null,
  inputs jsonb not null,
  output jsonb not null,
  created_by bigint references users(id)
);
create index tier_calculations_person_idx on tier_calculations (person_id, algorithm, id);
`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('The risk migration cannot be reversed: history is never deleted')
}
