import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// Issue 16: the case manager withdraws an application no longer needed (a placement found elsewhere, release moved),
// with the reason; the status "withdrawn" and an event of that kind, whose text (the reason) is required.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
alter table ap_applications drop constraint ap_applications_status_check;
alter table ap_applications add constraint ap_applications_status_check check (
  status in ('awaiting_assessment', 'information_requested', 'accepted', 'rejected', 'placed', 'withdrawn')
);
alter table ap_application_events drop constraint ap_application_events_kind_check;
alter table ap_application_events add constraint ap_application_events_kind_check check (
  kind in ('submitted', 'information_requested', 'information_given', 'accepted', 'rejected', 'placed',
           'booking_cancelled', 'withdrawn')
);
alter table ap_application_events add constraint ap_application_events_withdrawn_text check (
  kind <> 'withdrawn' or text is not null
);
`.execute(db)
}
