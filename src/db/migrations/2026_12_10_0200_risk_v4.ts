import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// The OASys v4 predictors (issue 20; risk-and-tier.md §7, §9.2) are stored in risk_scores beside the v1 ones. Tier v3
// reads ARP and CSRP with their type (static or dynamic model) and DC-SRP with its band; the nightly tier run reads
// the latest score of each algorithm from the index alone, so the index now carries the band and the score type too.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
alter table risk_scores add column score_type text check (score_type in ('STATIC', 'DYNAMIC'));
drop index risk_scores_latest_idx;
create index risk_scores_latest_idx on risk_scores (person_id, algorithm, id desc)
  include (algorithm_version, score, band, score_type, calculated_at);
`.execute(db)
}
