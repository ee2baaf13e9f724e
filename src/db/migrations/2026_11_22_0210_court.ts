import { sql, type Kysely } from 'kysely'

// Frozen in time. Court work (src/features/court): hearings on court lists with the defendant as listed and the
// record they were matched to; pre-sentence reports with every saved draft kept as a version; documents produced
// for the court (the PDF bytes as completed).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
create table hearings (
  id bigint generated always as identity primary key,
  court_id bigint not null references courts(id),
  hearing_date date not null,
  session text not null check (session in ('morning', 'afternoon')),
  hearing_time text check (hearing_time ~ '^[0-2][0-9]:[0-5][0-9]$'),
  court_room text,
  hearing_type text not null check (hearing_type in ('first_appearance', 'plea', 'trial', 'sentence', 'adjourned', 'breach', 'other')),
  -- The defendant as the court listed them: kept as listed even after matching.
  listed_forename text not null,
  listed_surname text not null,
  listed_date_of_birth date,
  listed_pnc text,
  listed_address text,
  charge text,
  offence_code text,
  -- The record they were matched to (null until matched) and, optionally, the event (conviction) heard.
  person_id bigint references people(id),
  event_id bigint references events(id),
  matched_by bigint references users(id),
  matched_at timestamptz,
  outcome text check (outcome in ('adjourned_for_report', 'adjourned', 'sentenced', 'remanded_in_custody', 'remanded_on_bail', 'committed_to_crown_court', 'dismissed', 'other')),
  outcome_date date,
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  version integer not null default 1
);
create index hearings_court_date_idx on hearings (court_id, hearing_date);
create index hearings_person_idx on hearings (person_id);

create table pre_sentence_reports (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  hearing_id bigint references hearings(id),
  event_id bigint references events(id),
  report_type text not null check (report_type in ('oral', 'short_format', 'standard')),
  requested_date date not null,
  adjourned_to date,
  due_date date not null,
  due_date_basis text not null,
  author_staff_id bigint references staff(id),
  team_id bigint references teams(id),
  status text not null default 'requested' check (status in ('requested', 'in_progress', 'completed', 'cancelled')),
  completed_at timestamptz,
  cancelled_reason text,
  requested_by bigint references users(id),
  created_at timestamptz not null default now(),
  version integer not null default 1
);
create index pre_sentence_reports_person_idx on pre_sentence_reports (person_id);
create index pre_sentence_reports_team_idx on pre_sentence_reports (team_id, status, due_date);

-- Every save of a report's text appends a version; the latest is the draft.
create table pre_sentence_report_versions (
  id bigint generated always as identity primary key,
  report_id bigint not null references pre_sentence_reports(id),
  person_id bigint not null references people(id),
  version_number integer not null,
  sections jsonb not null,
  saved_by bigint references users(id),
  saved_at timestamptz not null default now(),
  autosave boolean not null default false,
  unique (report_id, version_number)
);

-- Documents produced for the court, with the bytes as produced (never regenerated differently later).
create table court_documents (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  report_id bigint references pre_sentence_reports(id),
  kind text not null,
  title text not null,
  filename text not null,
  content_type text not null,
  content bytea not null,
  created_by bigint references users(id),
  created_at timestamptz not null default now()
);
create index court_documents_person_idx on court_documents (person_id);
`.execute(db)
}
