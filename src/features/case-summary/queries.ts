import { sql } from 'kysely'
import type { Executor } from '../../access/person-access.ts'
import type { IsoDate } from '../../db/schema.ts'

/** Case-summary SQL: reads the supervision, risk, allocation and sentencing tables without changing them. */

/** What needs doing on one person's case, read from the supervision, risk, allocation and sentencing tables. */
export async function attentionFacts(db: Executor, personId: number, now: Date, today: IsoDate) {
  const [needingOutcome, actions, reviews, allocation, sentence] = await Promise.all([
    appointmentsNeedingOutcome(db, personId, now),
    openActions(db, personId),
    overdueReviews(db, personId, today),
    latestAllocation(db, personId),
    currentSentenceDate(db, personId),
  ])
  return { needingOutcome, actions, reviews, allocation, sentenceDate: sentence?.sentence_date ?? null }
}

/** Past appointments with no outcome yet, oldest first (at most 20). */
function appointmentsNeedingOutcome(db: Executor, personId: number, now: Date) {
  return db
    .selectFrom('contacts')
    .select(['id', 'contact_type', 'starts_at'])
    .where('person_id', '=', personId)
    .where('is_appointment', '=', true)
    .where('deleted_at', 'is', null)
    .where('outcome', 'is', null)
    .where('starts_at', '<', now)
    .orderBy('starts_at')
    .limit(20)
    .execute()
}

/** Open enforcement actions, soonest due first (no date last; at most 20). */
function openActions(db: Executor, personId: number) {
  return db
    .selectFrom('enforcement_actions')
    .select(['id', 'action_type', 'description', 'due_date'])
    .where('person_id', '=', personId)
    .where('status', '=', 'open')
    .orderBy(sql`due_date asc nulls last`)
    .orderBy('id')
    .limit(20)
    .execute()
}

/** Active registrations whose review date has passed. */
function overdueReviews(db: Executor, personId: number, today: IsoDate) {
  return db
    .selectFrom('registrations')
    .select(['id', 'type_code', 'next_review_date'])
    .where('person_id', '=', personId)
    .where('deregistered_date', 'is', null)
    .where('next_review_date', '<', today)
    .orderBy('next_review_date')
    .execute()
}

/** The case status, the latest allocation's induction dates, and whether an induction has been arranged since. */
function latestAllocation(db: Executor, personId: number) {
  return db
    .selectFrom('people')
    .leftJoin(
      eb =>
        eb
          .selectFrom('allocations')
          .select(['person_id', 'allocated_at', 'induction_due_date', 'induction_proposed_date'])
          .where('person_id', '=', personId)
          .orderBy('id', 'desc')
          .limit(1)
          .as('a'),
      join => join.onRef('a.person_id', '=', 'people.id'),
    )
    .select([
      'people.case_status as caseStatus',
      'a.allocated_at as allocatedAt',
      'a.induction_due_date as inductionDueDate',
      'a.induction_proposed_date as inductionProposedDate',
      eb =>
        eb
          .exists(
            eb
              .selectFrom('contacts as c')
              .select('c.id')
              .whereRef('c.person_id', '=', 'people.id')
              .where('c.contact_type', '=', 'IND')
              .where('c.is_appointment', '=', true)
              .where('c.deleted_at', 'is', null)
              .where(sql<boolean>`(c.outcome is null or c.outcome not like 'rescheduled%')`)
              .where(sql<boolean>`c.created_at >= a.allocated_at`),
          )
          .as('inductionArranged'),
    ])
    .where('people.id', '=', personId)
    .executeTakeFirst()
}

/** The date of the current (latest, not terminated) sentence. */
function currentSentenceDate(db: Executor, personId: number) {
  return db
    .selectFrom('sentences')
    .select(['sentence_date'])
    .where('person_id', '=', personId)
    .where('terminated_date', 'is', null)
    .orderBy('sentence_date', 'desc')
    .limit(1)
    .executeTakeFirst()
}

export type AttentionFacts = Awaited<ReturnType<typeof attentionFacts>>

/** Requests for access waiting for a decision and urgent accesses not yet acknowledged (need-to-know sharing). */
export function sharingAttention(db: Executor, personId: number) {
  return db
    .selectFrom('access_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select(['g.id', 'g.kind', 'g.status', 'g.reason', 'g.requested_at', 'u.display_name'])
    .where('g.person_id', '=', personId)
    .where(eb =>
      eb.or([
        eb('g.status', '=', 'pending'),
        eb.and([eb('g.kind', '=', 'urgent'), eb('g.acknowledged_at', 'is', null)]),
      ]),
    )
    .orderBy('g.id')
    .limit(20)
    .execute()
}
