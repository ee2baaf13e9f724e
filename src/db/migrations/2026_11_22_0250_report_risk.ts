import { sql, type Kysely } from 'kysely'

// Frozen in time. The pre-sentence report's structured conclusions (src/features/court), written when the report is
// completed from its last saved draft (drafts keep them in the version's sections): the RoSH level the report
// assesses, the proposed sentence and, for a community or suspended sentence order, which kind of provider the
// writer proposes. Allocation (src/features/allocation) reads them from the latest completed report.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
alter table pre_sentence_reports
  add column rosh_level text check (rosh_level in ('low', 'medium', 'high', 'very_high')),
  add column proposed_sentence text check (proposed_sentence in ('community_order', 'suspended_sentence_order', 'custody', 'fine', 'discharge', 'other')),
  add column proposed_provider text check (proposed_provider in ('public', 'contracted'));
create index pre_sentence_reports_completed_idx on pre_sentence_reports (person_id, completed_at desc) where status = 'completed';
`.execute(db)
}
