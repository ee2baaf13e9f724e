import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// Supervision: appointments and contacts live in the core `contacts` table; this adds what supervision keeps
// around them. Everything is history: outcomes are appended (contact_outcomes), a rescheduled appointment keeps
// the original and links to its replacement, enforcement actions and breaches keep their status changes, and
// stored letters keep their bytes so a letter is never regenerated differently later. Every table has person_id.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
-- The current outcome lives on the contact (outcome, attended, complied); these say why and when.
alter table contacts add column absence_reason text;
alter table contacts add column outcome_recorded_at timestamptz;
alter table contacts add column outcome_recorded_by bigint references users(id);

-- Searching the activity log's notes for any substring (ILIKE '%…%') uses this trigram index.
create index contacts_notes_trgm_idx on contacts using gin (notes gin_trgm_ops);
create index contacts_series_idx on contacts (series_id) where series_id is not null;
create sequence contact_series_seq;

-- Every outcome ever recorded for a contact, oldest first; the latest (highest id) is the current one and is
-- copied onto the contact. A correction appends a row and marks the one it replaces.
create table contact_outcomes (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  contact_id bigint not null references contacts(id),
  outcome text not null,
  attended boolean,
  complied boolean,
  absence_reason text,
  notes text,
  replaces_id bigint references contact_outcomes(id),
  recorded_by bigint references users(id),
  recorded_at timestamptz not null default now()
);
create index contact_outcomes_contact_idx on contact_outcomes (contact_id, id);
create index contact_outcomes_person_idx on contact_outcomes (person_id);

-- A rescheduled appointment: the original keeps its date (with the outcome "rescheduled") and points at the new one.
create table appointment_reschedules (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  original_contact_id bigint not null references contacts(id) unique,
  new_contact_id bigint not null references contacts(id),
  requested_by text not null check (requested_by in ('person', 'service')),
  reason text not null,
  created_by bigint references users(id),
  created_at timestamptz not null default now()
);
create index appointment_reschedules_person_idx on appointment_reschedules (person_id);

-- Letters and other generated documents, stored as the bytes that were printed or sent.
create table documents (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  contact_id bigint references contacts(id),
  kind text not null,
  title text not null,
  filename text not null,
  content_type text not null default 'application/pdf',
  bytes bytea not null,
  created_by bigint references users(id),
  created_at timestamptz not null default now()
);
create index documents_person_idx on documents (person_id, created_at desc);

-- A breach of an order or a recall on licence, tracked from initiation to the court's or PPCS's decision.
create table breaches (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  event_id bigint references events(id),
  kind text not null check (kind in ('breach', 'recall')),
  status text not null,
  initiated_date date not null,
  court_date date,
  decision text,
  decision_date date,
  closed_at timestamptz,
  trigger_contact_id bigint references contacts(id),
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  version integer not null default 1
);
create index breaches_person_idx on breaches (person_id);
create index breaches_open_idx on breaches (status) where closed_at is null;

create table breach_status_history (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  breach_id bigint not null references breaches(id),
  status text not null,
  status_date date not null,
  notes text,
  changed_by bigint references users(id),
  changed_at timestamptz not null default now()
);
create index breach_status_history_breach_idx on breach_status_history (breach_id, id);

-- What enforcement asks of the practitioner, each with a due date on the working-day calendar, until done.
create table enforcement_actions (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  contact_id bigint references contacts(id),
  event_id bigint references events(id),
  breach_id bigint references breaches(id),
  document_id bigint references documents(id),
  action_type text not null,
  description text,
  due_date date,
  status text not null default 'open' check (status in ('open', 'done', 'cancelled')),
  done_date date,
  done_by bigint references users(id),
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  version integer not null default 1
);
create index enforcement_actions_person_idx on enforcement_actions (person_id, status);
create index enforcement_actions_open_idx on enforcement_actions (due_date) where status = 'open';
`.execute(db)
}
