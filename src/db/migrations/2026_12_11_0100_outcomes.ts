import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.

/**
 * Contracts, proven reoffending and payment by results; team performance and workload (issue 19;
 * rules-and-outcomes.md §1). Every term is data with history: a change of terms is a new row effective from a date,
 * never an update. Convictions and cautions reach Probity from the court outcomes it records (events and offences)
 * and from police national computer (PNC) extracts imported here, each import with its reconciliation report.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
-- A contract per provider and contract package area (a region of the provider), with its dates and value.
create table contracts (
  id bigint generated always as identity primary key,
  reference text not null unique,
  provider_id bigint not null references providers(id),
  region_id bigint not null references regions(id),
  starts_on date not null,
  ends_on date not null,
  value_pence bigint not null check (value_pence >= 0),
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  version integer not null default 1,
  check (ends_on >= starts_on)
);
create index contracts_provider_idx on contracts (provider_id, region_id);

-- The contract's terms, appended: the terms in force on a date are the latest row of each kind effective on or
-- before it. fee_for_service: { annualPricePence, baselineVolume, bandPercent, volumeSharePercent, unitPricePence,
-- serviceLevelDeductions: [{ code, pence }] }; payment_by_results: { baseline: { binaryRate, meanPredicted,
-- frequency }, binary: { pricePerUnitPence, deductionPerUnitPence } | null, frequency: …, binaryHurdle, alpha }.
create table contract_terms (
  id bigint generated always as identity primary key,
  contract_id bigint not null references contracts(id),
  kind text not null check (kind in ('fee_for_service', 'payment_by_results')),
  effective_from date not null,
  terms jsonb not null,
  reason text not null,
  recorded_by bigint references users(id),
  recorded_at timestamptz not null default now()
);
create index contract_terms_contract_idx on contract_terms (contract_id, kind, effective_from, id);

-- The supply chain under a contract: subcontractors from the partner directory with their tier.
create table contract_subcontractors (
  id bigint generated always as identity primary key,
  contract_id bigint not null references contracts(id),
  organisation_id bigint not null references partner_organisations(id),
  tier text not null check (tier in ('tier_2', 'tier_3')),
  added_by bigint references users(id),
  added_at timestamptz not null default now(),
  unique (contract_id, organisation_id)
);

-- A subcontractor's payment terms, appended like the contract's.
create table subcontractor_terms (
  id bigint generated always as identity primary key,
  subcontractor_id bigint not null references contract_subcontractors(id),
  effective_from date not null,
  basis text not null check (basis in ('fixed_fee', 'share_of_results', 'pass_through_if_prime_paid')),
  -- fixed_fee: the annual fee (a quarter each quarter); the shares: the percentage of the prime's results, in
  -- basis points (2500 = 25 %).
  annual_fee_pence bigint check (annual_fee_pence is null or annual_fee_pence >= 0),
  share_basis_points integer check (share_basis_points is null or share_basis_points between 0 and 10000),
  reason text not null,
  recorded_by bigint references users(id),
  recorded_at timestamptz not null default now(),
  check ((basis = 'fixed_fee') = (annual_fee_pence is not null)),
  check ((basis <> 'fixed_fee') = (share_basis_points is not null))
);
create index subcontractor_terms_idx on subcontractor_terms (subcontractor_id, effective_from, id);

-- An import of a police national computer extract and its reconciliation report.
create table pnc_imports (
  id bigint generated always as identity primary key,
  file_name text not null,
  format text not null check (format in ('csv', 'json')),
  -- sha256 of the file: the same file imported twice changes nothing the second time.
  checksum text not null,
  rows_read integer not null,
  added integer not null,
  already_held integer not null,
  unmatched integer not null,
  rejected integer not null,
  -- Per row: { row, outcome: 'added' | 'already_held' | 'matches_court_record' | 'unmatched' | 'rejected', reason? }
  report jsonb not null,
  imported_by bigint references users(id),
  imported_at timestamptz not null default now()
);

-- Convictions and cautions from PNC extracts (Probity's own court outcomes are events and offences). One row per
-- offence proven; a row's PNC key (the extract's own identifier of the disposal and offence) makes imports
-- idempotent.
create table proven_offences (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  pnc_key text not null unique,
  disposal text not null check (disposal in ('conviction', 'caution')),
  offence_code text not null,
  description text,
  offence_date date not null,
  -- The date of the conviction or caution.
  proven_date date not null,
  -- The court's or police force's name as the extract gives it.
  proven_by text,
  import_id bigint not null references pnc_imports(id),
  created_at timestamptz not null default now(),
  check (proven_date >= offence_date)
);
create index proven_offences_person_idx on proven_offences (person_id, proven_date);
-- Cautions are index events of a cohort: found by date.
create index proven_offences_caution_idx on proven_offences (proven_date) where disposal = 'caution';

-- Workload measurement settings, appended: points per case by tier and case type, capacity per grade, the alert
-- threshold. { tierPoints: { A3: n, … }, caseTypeFactor: { community, licence, custody }, pointsPerHour: { PO, PSO },
-- fullTimeHours, alertPercent }.
create table workload_settings (
  id bigint generated always as identity primary key,
  provider_id bigint references providers(id),
  effective_from date not null,
  settings jsonb not null,
  reason text not null,
  recorded_by bigint references users(id),
  recorded_at timestamptz not null default now()
);

-- A practitioner's reductions: part time (hours not worked), training, other duties; hours a week for a period.
create table workload_reductions (
  id bigint generated always as identity primary key,
  staff_id bigint not null references staff(id),
  reason text not null check (reason in ('part_time', 'training', 'other_duties')),
  hours_per_week numeric(4, 1) not null check (hours_per_week > 0 and hours_per_week <= 37),
  starts_on date not null,
  ends_on date,
  notes text,
  recorded_by bigint references users(id),
  recorded_at timestamptz not null default now(),
  check (ends_on is null or ends_on >= starts_on)
);
create index workload_reductions_staff_idx on workload_reductions (staff_id, starts_on);

-- Cohorts are found by date: non-custodial sentences by sentence date and releases by release date.
create index sentences_non_custodial_date_idx on sentences (sentence_date) where sentence_type <> 'custodial';
create index custody_releases_date_idx on custody_releases (released_on);
`.execute(db)
}
