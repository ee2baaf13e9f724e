import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// Service levels (issue 19 item 5) read, for a period, the missed appointments (failed to attend, unacceptable
// absence) by date and each one's enforcement actions, and the initial allocations by date: without these a quarter's
// figures scan every contact, and each missed appointment scans the enforcement actions.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
create index contacts_missed_appointments_idx on contacts (starts_at)
  where is_appointment and deleted_at is null and outcome in ('failed_to_attend', 'unacceptable_absence');
create index enforcement_actions_contact_idx on enforcement_actions (contact_id) where contact_id is not null;
create index allocations_initial_date_idx on allocations (allocated_at) where kind = 'initial';
`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
drop index allocations_initial_date_idx;
drop index enforcement_actions_contact_idx;
drop index contacts_missed_appointments_idx;
`.execute(db)
}
