import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// The latest score and tier per person and algorithm (`distinct on (person_id, algorithm) … order by id desc`) are
// read by the risk pages, allocation and, for every person, the nightly tier recalculation (issue 7). The old
// indexes gave the order but every row's heap page had to be read, and a score's row is wide (its inputs inline,
// its explanation TOASTed): 300 ms per 5,000 people at a million. These give the same order with the columns those
// reads need, so PostgreSQL answers from the index alone.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
drop index risk_scores_person_idx;
create index risk_scores_latest_idx on risk_scores (person_id, algorithm, id desc) include (algorithm_version, score, calculated_at);
drop index tier_calculations_person_idx;
create index tier_calculations_latest_idx on tier_calculations (person_id, algorithm, id desc) include (algorithm_version, tier, provisional);
`.execute(db)
}
