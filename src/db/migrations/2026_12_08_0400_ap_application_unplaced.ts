import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// Issue 16: when the booking an application was placed in is cancelled (by staff, or because the person did not
// arrive), the application returns to "accepted" so the team can place it again; the history says why with an event
// of its own kind, naming the booking.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
alter table ap_application_events drop constraint ap_application_events_kind_check;
alter table ap_application_events add constraint ap_application_events_kind_check check (
  kind in ('submitted', 'information_requested', 'information_given', 'accepted', 'rejected', 'placed',
           'booking_cancelled')
);
`.execute(db)
}
