import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// Sentencing: what the core sentences and requirements tables need beyond the core migration (custodial inputs for the
// release-date calculator, SSO periods, who terminated what), and the history of every key-date calculation.
// Nothing is deleted: termination sets a date and a reason; recalculations are appended.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
alter table sentences
  -- Custodial: the type the release-date calculator supports, what it runs after, and the days to deduct.
  add column custodial_type text check (custodial_type in ('SDS', 'SDS_PLUS')),
  add column consecutive_to_sentence_id bigint references sentences(id),
  add column remand_days integer not null default 0 check (remand_days >= 0),
  add column tagged_bail_days integer not null default 0 check (tagged_bail_days >= 0),
  -- Suspended sentence order: the suspended term is length_value/length_unit; these are its periods.
  add column operational_period_value integer check (operational_period_value > 0),
  add column operational_period_unit text check (operational_period_unit in ('days', 'weeks', 'months', 'years')),
  add column supervision_period_value integer check (supervision_period_value > 0),
  add column supervision_period_unit text check (supervision_period_unit in ('days', 'weeks', 'months', 'years')),
  add column supervision_end_date date,
  add column terminated_by bigint references users(id),
  add column terminated_at timestamptz,
  -- Why the key dates could not be calculated, when the calculator refused the booking.
  add column key_dates_problem text;

alter table requirements
  -- Type-specific terms (curfew hours a day and days a week …).
  add column details jsonb,
  add column terminated_by bigint references users(id),
  add column terminated_at timestamptz,
  add column created_by bigint references users(id);

-- Every calculation of a person's custodial key dates: the booking, the dates and explanations, and what caused it.
create table key_date_calculations (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  sentence_ids bigint[] not null,
  booking jsonb not null,
  key_dates jsonb,
  explanations jsonb,
  problem text,
  trigger text not null,
  calculated_by bigint references users(id),
  calculated_at timestamptz not null default now()
);
create index key_date_calculations_person_idx on key_date_calculations (person_id, calculated_at);
`.execute(db)
}
