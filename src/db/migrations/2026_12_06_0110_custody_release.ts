import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// Custody record and release (issue 14 items 1 and 6): every change of the offender managers and the handover date is
// appended (the custody record holds the current values, this table the history), and every release from custody
// (the first and each re-release after recall) is appended with its type and the first appointment's due date, the
// clock the caseload shows. custody_records.released_on/release_type hold the latest release.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
create table custody_manager_changes (
  id bigint generated always as identity primary key,
  custody_record_id bigint not null references custody_records(id),
  prison_offender_manager text,
  community_manager_staff_id bigint references staff(id),
  handover_date date,
  changed_at timestamptz not null default now(),
  changed_by bigint references users(id)
);
create index custody_manager_changes_record_idx on custody_manager_changes (custody_record_id, id);

create table custody_releases (
  id bigint generated always as identity primary key,
  custody_record_id bigint not null references custody_records(id),
  person_id bigint not null references people(id),
  released_on date not null,
  release_type text not null
    check (release_type in ('automatic', 'hdc', 'parole', 'immediate', 're_release')),
  first_appointment_due date not null,
  recorded_at timestamptz not null default now(),
  recorded_by bigint references users(id)
);
create index custody_releases_person_idx on custody_releases (person_id, id);
create index custody_releases_record_idx on custody_releases (custody_record_id, id);
`.execute(db)
}
