import { sql } from 'kysely'
import type { Executor } from '../../../access/person-access.ts'

/**
 * The victim task maker's SQL: its cursor over the outbox, the key events of offenders with a victim, the victims in
 * the scheme, the licence ends to watch, and the tasks and their completions. Executor first, explicit columns.
 */

/** The cursor, locked for this transaction (one task maker at a time). */
/**
 * Locks the task maker's cursor and returns where it stands. With `wait: false` a cursor another run holds is
 * skipped (null), so a page that runs the maker never queues behind one already running.
 */
export async function lockTaskCursor(db: Executor, { wait }: { wait: boolean }): Promise<number | null> {
  const row = wait
    ? await sql<{ last_outbox_id: string | number }>`
        select last_outbox_id from victim_task_cursor where id = 1 for update`.execute(db)
    : await sql<{ last_outbox_id: string | number }>`
        select last_outbox_id from victim_task_cursor where id = 1 for update skip locked`.execute(db)
  const first = row.rows[0]
  if (!first) return wait ? 0 : null
  return Number(first.last_outbox_id)
}

export async function moveTaskCursor(db: Executor, to: number): Promise<void> {
  await db.updateTable('victim_task_cursor').set({ last_outbox_id: to }).where('id', '=', 1).execute()
}

/**
 * The highest outbox id after `after` that has settled (written over a minute ago), so the cursor never passes an
 * event whose transaction began earlier but committed later; events read again are made once (unique task key).
 */
export async function settledOutboxId(db: Executor, after: number): Promise<number | null> {
  const row = await sql<{ id: string | number | null }>`
    select max(id) as id from outbox_events where id > ${after} and at < now() - interval '1 minute'`.execute(db)
  const id = row.rows[0]?.id
  return id === null || id === undefined ? null : Number(id)
}

/** Key events after the cursor about offenders who have a victim, oldest first. */
export async function keyEventsAfter(db: Executor, after: number, types: readonly string[], limit = 2000) {
  return db
    .selectFrom('outbox_events')
    .select(['id', 'event_type', 'person_id', 'payload', 'at'])
    .where('id', '>', after)
    .where('event_type', 'in', [...types])
    .where('person_id', 'in', eb => eb.selectFrom('victims').select('victims.person_id'))
    .orderBy('id')
    .limit(limit)
    .execute()
}

/**
 * The victims in the scheme (their latest decision is to opt in, or they were referred and have made none) of these
 * offenders, or of every offender when `personIds` is null.
 */
export async function victimsInScheme(
  db: Executor,
  personIds: readonly number[] | null,
): Promise<{ victim_id: number; person_id: number }[]> {
  if (personIds && personIds.length === 0) return []
  const rows = await sql<{ victim_id: string | number; person_id: string | number }>`
    select v.id as victim_id, v.person_id
    from victims v
    left join lateral (
      select d.decision from victim_scheme_decisions d where d.victim_id = v.id
      order by d.id desc limit 1
    ) latest on true
    where (latest.decision = 'opt_in'
      or (latest.decision is null and exists (select 1 from victim_referrals r where r.victim_id = v.id)))
    ${personIds ? sql`and v.person_id in (${sql.join(personIds.map(id => sql`${id}`))})` : sql``}
    order by v.id`.execute(db)
  return rows.rows.map(r => ({ victim_id: Number(r.victim_id), person_id: Number(r.person_id) }))
}

/** The current custodial sentences' stored key dates of these offenders (for the licence end). */
export async function custodialKeyDates(db: Executor, personIds: readonly number[]) {
  if (personIds.length === 0) return []
  return db
    .selectFrom('sentences')
    .select(['person_id', 'key_dates'])
    .where('person_id', 'in', [...personIds])
    .where('sentence_type', '=', 'custodial')
    .where('terminated_date', 'is', null)
    .orderBy('sentence_date', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

/** The licence ends already told of, per victim (`facts.dates[0].date`). */
export async function licenceEndTasks(db: Executor, victimIds: readonly number[]) {
  if (victimIds.length === 0) return []
  return db
    .selectFrom('victim_tasks')
    .select(['victim_id', 'facts'])
    .where('victim_id', 'in', [...victimIds])
    .where('kind', '=', 'licence_end')
    .execute()
}

export interface NewVictimTask {
  victimId: number
  personId: number
  kind: string
  sourceEventId: number | null
  facts: unknown
  dueOn: string
  /** When it was made, by the service's clock. */
  createdAt: Date
}

/** Adds a task unless that victim already has it for that event; its id, or null when it existed. */
export async function insertTask(db: Executor, t: NewVictimTask): Promise<number | null> {
  const row = await db
    .insertInto('victim_tasks')
    .values({
      victim_id: t.victimId,
      person_id: t.personId,
      kind: t.kind,
      source_event_id: t.sourceEventId,
      facts: JSON.stringify(t.facts),
      due_on: t.dueOn,
      created_at: t.createdAt,
    })
    .onConflict(oc => oc.columns(['victim_id', 'kind', 'source_event_id']).doNothing())
    .returning('id')
    .executeTakeFirst()
  return row ? Number(row.id) : null
}

/** The victim-related conditions asked for and not withdrawn, per offender. */
export async function standingConditionRequests(db: Executor, personIds: readonly number[]) {
  if (personIds.length === 0) return []
  return db
    .selectFrom('victim_condition_requests as r')
    .leftJoin('victim_condition_request_withdrawals as w', 'w.request_id', 'r.id')
    .select(['r.id', 'r.person_id', 'r.victim_id', 'r.condition_code', 'r.wording', 'r.requested_on'])
    .where('r.person_id', 'in', [...personIds])
    .where('w.id', 'is', null)
    .orderBy('r.requested_on')
    .orderBy('r.id')
    .execute()
}

/** Who a work list is for: their own victims' tasks and those of their provider's victims with no officer yet. */
export interface TaskViewer {
  userId: number
  providerId: number | null
  /** Cases this staff member manages or managed are left out (conflict of interest). */
  staffId: number | null
}

/** Tasks with the offender's name and CRN, soonest due first: of one victim, or the open ones a viewer works on. */
export async function listTasks(db: Executor, where: { victimId?: number; openOnly?: boolean; viewer?: TaskViewer }) {
  let q = db
    .selectFrom('victim_tasks as t')
    .innerJoin('victims as v', 'v.id', 't.victim_id')
    .innerJoin('people as p', 'p.id', 't.person_id')
    .leftJoin('victim_task_completions as c', 'c.task_id', 't.id')
    .select([
      't.id',
      't.victim_id',
      't.person_id',
      't.kind',
      't.facts',
      't.due_on',
      't.created_at',
      'v.forename as victim_forename',
      'v.surname as victim_surname',
      'p.crn',
      'p.forename as offender_forename',
      'p.surname as offender_surname',
      'c.completed_on',
      'c.notes as completion_notes',
    ])
  if (where.victimId !== undefined) q = q.where('t.victim_id', '=', where.victimId)
  if (where.openOnly) q = q.where('c.id', 'is', null)
  const viewer = where.viewer
  if (viewer) {
    const officer = sql<number | null>`(select a.officer_user_id from victim_officer_assignments a
      where a.victim_id = t.victim_id order by a.id desc limit 1)`
    q = q.where(
      sql<boolean>`(${officer} = ${viewer.userId} or (${officer} is null and p.managing_provider_id = ${viewer.providerId}))`,
    )
    if (viewer.staffId !== null)
      q = q.where(
        sql<boolean>`not exists (select 1 from case_managers m where m.person_id = t.person_id
          and m.staff_id = ${viewer.staffId})`,
      )
  }
  return q.orderBy('t.due_on').orderBy('t.id').limit(500).execute()
}
export type VictimTaskRow = Awaited<ReturnType<typeof listTasks>>[number]

/** One task of a victim, with whether it is done. */
export async function findTask(db: Executor, victimId: number, taskId: number) {
  return (await listTasks(db, { victimId })).find(t => t.id === taskId)
}

export async function insertTaskCompletion(
  db: Executor,
  c: { taskId: number; personId: number; completedOn: string; notes: string | null; userId: number | null },
) {
  const row = await db
    .insertInto('victim_task_completions')
    .values({
      task_id: c.taskId,
      person_id: c.personId,
      completed_on: c.completedOn,
      notes: c.notes,
      recorded_by: c.userId,
    })
    .onConflict(oc => oc.column('task_id').doNothing())
    .returning('id')
    .executeTakeFirst()
  return row ? Number(row.id) : null
}
