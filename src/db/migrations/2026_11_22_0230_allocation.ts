import { sql, type Kysely } from 'kysely'

// Frozen in time. Allocation (src/features/allocation): every allocation, reallocation and transfer of a case with
// the provider decision and its reasons as they stood, the notes and the induction deadline; seniors' resolutions
// of conflicting RoSH information; practitioners' contracted hours for workload capacity.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
-- Hours a member of staff is contracted for; null means full time (37). Capacity = hours × points per hour (grade).
alter table staff add column contracted_hours numeric check (contracted_hours > 0 and contracted_hours <= 48);

create table allocations (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  event_id bigint references events(id),
  kind text not null check (kind in ('initial', 'reallocation', 'transfer')),
  provider_id bigint not null references providers(id),
  team_id bigint not null references teams(id),
  staff_id bigint not null references staff(id),
  -- The case_managers row this allocation started, and the one it ended (null for the first).
  case_manager_id bigint not null references case_managers(id),
  previous_case_manager_id bigint references case_managers(id),
  -- The provider decision as it stood when allocating: outcome and every reason.
  decision_outcome text not null check (decision_outcome in ('public', 'contracted')),
  decision jsonb not null,
  notes text,
  notes_sensitive boolean not null default false,
  sentence_date date,
  allocation_due_date date,
  induction_kind text check (induction_kind in ('order', 'licence')),
  induction_due_date date,
  induction_proposed_date date,
  allocated_by bigint references users(id),
  allocated_at timestamptz not null default now()
);
create index allocations_person_idx on allocations (person_id, allocated_at desc);
create index allocations_staff_idx on allocations (staff_id, allocated_at desc);

-- A senior's resolution of conflicting RoSH information. It settles only the conflict it names (conflict_key lists
-- every source's kind, level and date), so a newer assessment or flag raises the question again.
create table allocation_risk_resolutions (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  conflict_key text not null,
  sources jsonb not null,
  chosen_source text not null check (chosen_source in ('assessment', 'registration', 'court_report')),
  rosh_level text not null check (rosh_level in ('low', 'medium', 'high', 'very_high')),
  reason text not null,
  resolved_by bigint references users(id),
  resolved_at timestamptz not null default now()
);
create index allocation_risk_resolutions_person_idx on allocation_risk_resolutions (person_id, resolved_at desc);
`.execute(db)
}
