import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// The recall decision workflow (issue 14, item 5): one row per recall of a licence, each step's columns filled once,
// in order (concern, consultation, rationale and alternatives, decision, Part A, two countersignatures, sent to the
// Public Protection Casework Section, return to custody) and never overwritten; every step also appended to
// recall_steps with who and when.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
create table recalls (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  sentence_id bigint not null references sentences(id),
  grounds text[] not null,
  concern text not null,
  raised_by bigint references users(id),
  raised_on date not null,
  consulted_senior text,
  consulted_on date,
  consultation_notes text,
  rationale text,
  alternatives text,
  decision text check (decision in ('standard', 'fixed_term', 'emergency', 'no_recall')),
  decision_reason text,
  extended_sentence boolean,
  fixed_term_days integer check (fixed_term_days in (14, 28)),
  decided_by bigint references users(id),
  decided_on date,
  part_a_pdf bytea,
  part_a_on date,
  no_recall_letter_pdf bytea,
  senior_signed_by bigint references users(id),
  senior_signed_on date,
  aco_signed_by bigint references users(id),
  aco_signed_on date,
  sent_to_ppcs_on date,
  returned_on date,
  re_release_date date,
  closed_on date,
  created_at timestamptz not null default now()
);
create index recalls_person_idx on recalls (person_id, id);

create table recall_steps (
  id bigint generated always as identity primary key,
  recall_id bigint not null references recalls(id),
  person_id bigint not null references people(id),
  step text not null,
  step_on date not null,
  notes text,
  recorded_by bigint references users(id),
  recorded_at timestamptz not null default now()
);
create index recall_steps_recall_idx on recall_steps (recall_id, id);
`.execute(db)
}
