import type { Executor } from '../../access/person-access.ts'
import { maySupervise, type SupervisionDecision } from '../../domain/case-lifecycle/index.ts'
import { supervisionFacts } from './queries.ts'

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
  const { status, sentences } = await supervisionFacts(db, personId)
  const current = sentences.filter(s => s.expected_end_date === null || s.expected_end_date >= today)
  return maySupervise({
    name,
    status,
    hasCurrentCommunitySentence: current.some(s => s.sentence_type !== 'custodial'),
    hasCurrentCustodialSentence: current.some(s => s.sentence_type === 'custodial'),
  })
}
