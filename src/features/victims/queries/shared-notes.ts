import { sql } from 'kysely'
import type { Executor } from '../../../access/person-access.ts'

/**
 * What the officer chose to tell the offender's manager (victim_shared_notes: no victim's identity), and whether the
 * offender has a victim in the scheme. Executor first. The offender's side reads these through index.ts only.
 */

export async function insertSharedNote(
  db: Executor,
  n: { personId: number; note: string; at: Date; userId: number | null },
): Promise<number> {
  const row = await db
    .insertInto('victim_shared_notes')
    .values({
      person_id: n.personId,
      note: n.note,
      shared_at: sql<never>`${n.at.toISOString()}::timestamptz`,
      shared_by: n.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(row.id)
}

/** The notes shared about this offender, the newest first. */
export async function sharedNotesOf(db: Executor, personId: number) {
  return db
    .selectFrom('victim_shared_notes')
    .select(['id', 'note', sql<Date>`shared_at`.as('shared_at')])
    .where('person_id', '=', personId)
    .orderBy('id', 'desc')
    .limit(50)
    .execute()
}

/**
 * Whether the offender has a victim in the scheme now: one whose latest decision is to opt in, or who was referred
 * and has made no decision (so has not opted out).
 */
export async function hasVictimInScheme(db: Executor, personId: number): Promise<boolean> {
  const row = await sql<{ in_scheme: boolean }>`
    select exists (
      select 1 from victims v
      left join lateral (
        select d.decision from victim_scheme_decisions d where d.victim_id = v.id order by d.id desc limit 1
      ) latest on true
      where v.person_id = ${personId}
        and (latest.decision = 'opt_in'
          or (latest.decision is null and exists (select 1 from victim_referrals r where r.victim_id = v.id)))
    ) as in_scheme`.execute(db)
  return row.rows[0]?.in_scheme === true
}
