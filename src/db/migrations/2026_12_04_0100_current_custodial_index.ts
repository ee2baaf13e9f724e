import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// The nightly release-date recalculation (issue 7) walks every person with a current custodial sentence in person
// order, 5,000 at a time. At a million people about one sentence in twelve is a current custodial one; without this
// index each batch found its people by reading the person index of every sentence. This partial index holds only
// the rows that walk reads (a few per cent of the table), in its order.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
create index sentences_current_custodial_idx on sentences (person_id, id) where sentence_type = 'custodial' and terminated_date is null;
`.execute(db)
}
