import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// Performance at national scale (issue 7, docs/performance.md): indexes the main pages' queries need once the
// database holds a million people and 25 million contacts.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
-- The allocation queue lists sentenced people with no practitioner: awaiting allocation (people_case_status_idx),
-- or in custody or on licence with no member of staff. Without this the second half scanned every custodial and
-- licence case (10 ms at 100,000 people, 100 ms at a million); with it the queue reads only unallocated rows.
create index people_unallocated_idx on people (case_status) where managing_staff_id is null and deleted_at is null;
`.execute(db)
}
