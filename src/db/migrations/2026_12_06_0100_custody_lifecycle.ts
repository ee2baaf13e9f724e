import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// Through the Gate, release, licences and recall (issue 14): the case lifecycle gains "recalled" (back in custody on a
// recall from licence) and "on_pss" (post-sentence supervision after the licence), and every case in custody gets a
// custody record (prison, prison number, reception, the prison and community offender managers, the handover date)
// with its moves between prisons appended, never overwritten.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
alter table people drop constraint people_case_status_check;
alter table people add constraint people_case_status_check
  check (case_status in ('pre_sentence', 'awaiting_allocation', 'allocated', 'in_custody', 'on_licence', 'recalled',
                         'on_pss', 'ended'));

create table custody_records (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  -- The custodial sentence this period of custody serves.
  sentence_id bigint not null references sentences(id),
  prison_number text not null check (prison_number ~ '^[A-Z][0-9]{4}[A-Z]{2}$'),
  reception_date date not null,
  -- The prison offender manager (prison staff, by name: they are not Probity users) and the community offender
  -- manager (a member of staff).
  prison_offender_manager text,
  community_manager_staff_id bigint references staff(id),
  -- When responsibility passes from the prison to the community offender manager.
  handover_date date,
  released_on date,
  release_type text,
  created_at timestamptz not null default now(),
  created_by bigint references users(id),
  unique (sentence_id)
);
create index custody_records_person_idx on custody_records (person_id);

create table custody_locations (
  id bigint generated always as identity primary key,
  custody_record_id bigint not null references custody_records(id),
  prison_code text not null,
  prison_name text not null,
  moved_on date not null,
  recorded_at timestamptz not null default now(),
  recorded_by bigint references users(id)
);
create index custody_locations_record_idx on custody_locations (custody_record_id, moved_on);
`.execute(db)
}
