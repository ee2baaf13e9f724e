import type { Executor } from '../../access/person-access.ts'
import { maySupervise, type SupervisionDecision } from '../../domain/case-lifecycle/index.ts'

/**
 * "May supervision appointments be booked for this person?" The rule is the case lifecycle's (`maySupervise` in
 * src/domain/case-lifecycle); this only loads its facts: the lifecycle status (`people.case_status`) and whether a
 * current community or custodial sentence exists. If the sentencing feature exports a loader of its own, swap the
 * body for it: callers only see this signature.
 */
export async function maySupervisionBeBooked(
  db: Executor,
  personId: number,
  name: string,
  today: string,
): Promise<SupervisionDecision> {
  const [person, sentences] = await Promise.all([
    db.selectFrom('people').select('case_status').where('id', '=', personId).executeTakeFirstOrThrow(),
    db
      .selectFrom('sentences')
      .select(['sentence_type', 'expected_end_date'])
      .where('person_id', '=', personId)
      .where('terminated_date', 'is', null)
      .execute(),
  ])
  const current = sentences.filter(s => s.expected_end_date === null || s.expected_end_date >= today)
  return maySupervise({
    name,
    status: person.case_status,
    hasCurrentCommunitySentence: current.some(s => s.sentence_type !== 'custodial'),
    hasCurrentCustodialSentence: current.some(s => s.sentence_type === 'custodial'),
  })
}
