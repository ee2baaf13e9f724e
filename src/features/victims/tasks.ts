import type { LocalDate } from '@js-joda/core'
import type { Kysely, Transaction } from 'kysely'
import { audit, publish, type RequestContext } from '../../access/audit.ts'
import { londonDate, type Clock } from '../../clock.ts'
import type { Database } from '../../db/schema.ts'
import { licenceExpiry } from '../../domain/custody/index.ts'
import { NotFoundError, ValidationError } from '../../errors.ts'
import { victimSubject, withVictim, type VictimsDeps } from './context.ts'
import * as q from './queries/tasks.ts'
import {
  KEY_EVENT_TYPES,
  licenceEndTask,
  taskFor,
  type RequestedCondition,
  type TaskSpec,
  type VictimTaskFacts,
} from './tasks-rules.ts'

/**
 * Tasks for the victim liaison officer from key events in the offender's record (`tasks-rules.ts`): the task maker
 * reads the outbox after its cursor for offenders with a victim in the scheme, makes one task per victim and event
 * (and one when the licence is about to end), and moves the cursor, in one transaction with its audit row and a
 * `victim.task-created` event per task (ids only). The officer completes a task with a date and notes (appended).
 */

/** The task maker acts for no one: its audit rows name no user. */
const MAKER: RequestContext = { user: undefined, requestId: 'victim-task-maker', ip: null }

type Trx = Transaction<Database>
/** How many key events one run reads at most. */
const EVENTS_PER_RUN = 2000
interface Made {
  taskId: number
  victimId: number
  kind: string
}

function requestedBy(rows: Awaited<ReturnType<typeof q.standingConditionRequests>>) {
  const byPerson = new Map<number, RequestedCondition[]>()
  for (const r of rows)
    byPerson.set(r.person_id, [...(byPerson.get(r.person_id) ?? []), { code: r.condition_code, wording: r.wording }])
  return byPerson
}

/** When the tasks are made: the day (due dates) and the instant (`created_at`), from the service's clock. */
type MadeAt = { readonly today: LocalDate; readonly now: Date }

async function insert(
  trx: Trx,
  made: Made[],
  v: { victim_id: number; person_id: number },
  spec: TaskSpec,
  extra: { sourceEventId: number | null; at: MadeAt },
) {
  const taskId = await q.insertTask(trx, {
    victimId: v.victim_id,
    personId: v.person_id,
    kind: spec.kind,
    sourceEventId: extra.sourceEventId,
    facts: spec.facts,
    dueOn: extra.at.today.plusDays(Math.max(0, spec.dueInDays)).toString(),
    createdAt: extra.at.now,
  })
  if (taskId !== null) made.push({ taskId, victimId: v.victim_id, kind: spec.kind })
}

/** One task per victim in the scheme for each key event after the cursor. */
async function eventTasks(trx: Trx, cursor: number, at: MadeAt, made: Made[]) {
  const events = await q.keyEventsAfter(trx, cursor, KEY_EVENT_TYPES, EVENTS_PER_RUN)
  const personIds = [...new Set(events.map(e => e.person_id).filter((id): id is number => id !== null))]
  const victims = await q.victimsInScheme(trx, personIds)
  const requested = requestedBy(await q.standingConditionRequests(trx, personIds))
  for (const e of events) {
    const spec = taskFor(
      e.event_type,
      e.payload,
      londonDate(new Date(e.at)).toString(),
      requested.get(e.person_id!) ?? [],
    )
    if (!spec) continue
    for (const v of victims.filter(x => x.person_id === e.person_id))
      await insert(trx, made, v, spec, { sourceEventId: Number(e.id), at })
  }
  return events
}

/** A task for each victim in the scheme whose offender's licence ends within the notice period, made once. */
async function licenceEndTasks(trx: Trx, at: MadeAt, made: Made[]) {
  const victims = await q.victimsInScheme(trx, null)
  const personIds = [...new Set(victims.map(v => v.person_id))]
  const sentences = await q.custodialKeyDates(trx, personIds)
  const told = await q.licenceEndTasks(
    trx,
    victims.map(v => v.victim_id),
  )
  const requested = requestedBy(await q.standingConditionRequests(trx, personIds))
  for (const v of victims) {
    const latest = sentences.find(s => s.person_id === v.person_id)
    const keyDates = typeof latest?.key_dates === 'string' ? JSON.parse(latest.key_dates) : latest?.key_dates
    const end = licenceExpiry(keyDates && typeof keyDates === 'object' ? (keyDates as Record<string, string>) : null)
    const spec = licenceEndTask(end?.date.toString() ?? null, at.today, requested.get(v.person_id) ?? [])
    if (!spec) continue
    const endsOn = spec.facts.dates[0]?.date
    const already = told.some(
      t => t.victim_id === v.victim_id && (t.facts as VictimTaskFacts).dates?.[0]?.date === endsOn,
    )
    if (!already) await insert(trx, made, v, spec, { sourceEventId: null, at })
  }
}

/**
 * Makes the tasks of the key events since the last run and of licences about to end, and moves the cursor, all in
 * one transaction (the cursor row is locked, so two runs never make the same task). Returns how many it made.
 * With `wait: false` (pages run it before they read) it makes nothing when another run holds the cursor, rather
 * than queueing every visitor behind it.
 *
 * @example
 * const { made } = await makeVictimTasks(db, clock)
 */
export async function makeVictimTasks(
  db: Kysely<Database>,
  clock: Clock,
  { wait = true }: { wait?: boolean } = {},
): Promise<{ made: number }> {
  return db.transaction().execute(async trx => {
    const cursor = await q.lockTaskCursor(trx, { wait })
    if (cursor === null) return { made: 0 }
    const settled = await q.settledOutboxId(trx, cursor)
    const made: Made[] = []
    // The service's clock, not the database's, dates the tasks: a task is completed on or after the day it was made.
    const at: MadeAt = { today: clock.today(), now: clock.now() }
    const events = await eventTasks(trx, cursor, at, made)
    await licenceEndTasks(trx, at, made)
    if (made.length > 0) {
      await audit(trx, MAKER, {
        action: 'VICTIM_TASKS_MAKE',
        personId: null,
        subject: 'victim-tasks',
        detail: { taskIds: made.map(m => m.taskId) },
      })
      for (const m of made) await publish(trx, 'victim.task-created', null, { ...m })
    }
    // A full batch leaves the rest for the next run: the cursor stops at the last event read.
    const to = events.length === EVENTS_PER_RUN ? Math.min(settled ?? 0, Number(events.at(-1)!.id)) : settled
    if (to !== null && to > cursor) await q.moveTaskCursor(trx, to)
    return { made: made.length }
  })
}

export interface VictimTaskMaker {
  stop(): Promise<void>
}

/**
 * The server's task maker: every `intervalMs` (a minute) it makes the tasks of new events, without holding the
 * process open. Errors are reported, never thrown: the next round tries again.
 *
 * @example
 * const maker = startVictimTaskMaker(db, systemClock, { onError: err => log.error(err) })
 */
export function startVictimTaskMaker(
  db: Kysely<Database>,
  clock: Clock,
  { intervalMs = 60_000, onError }: { intervalMs?: number; onError: (error: unknown) => void },
): VictimTaskMaker {
  let round: Promise<void> | undefined
  const tick = () => {
    if (round) return
    round = makeVictimTasks(db, clock)
      .then(() => undefined, onError)
      .finally(() => (round = undefined))
  }
  const timer = setInterval(tick, intervalMs)
  timer.unref()
  return {
    stop: async () => {
      clearInterval(timer)
      await round
    },
  }
}

/** The completion of a task, as typed. */
export interface TaskCompletionInput {
  /** `YYYY-MM-DD`, '' when blank, 'invalid' when not a date. */
  completedOn: string
  notes: string
}

function checkCompletion(input: TaskCompletionInput, today: string, createdOn: string) {
  const errors: { field: string; message: string }[] = []
  if (!input.completedOn) errors.push({ field: 'completedOn-day', message: 'Enter the date the task was done' })
  else if (input.completedOn === 'invalid')
    errors.push({ field: 'completedOn-day', message: 'The date the task was done must be a real date' })
  else if (input.completedOn > today)
    errors.push({ field: 'completedOn-day', message: 'The date the task was done must be today or in the past' })
  else if (input.completedOn < createdOn)
    errors.push({
      field: 'completedOn-day',
      message: 'The date the task was done must be on or after the task was made',
    })
  if (input.notes.length > 4000) errors.push({ field: 'notes', message: 'Notes must be 4000 characters or fewer' })
  if (errors.length) throw new ValidationError(errors)
}

/** The tasks a victim's page lists (open and done), read in the page's transaction. */
export function victimTasks(trx: Trx, victimId: number) {
  return q.listTasks(trx, { victimId })
}

/** The open tasks on a victim liaison officer's work list. */
export function workListTasks(deps: VictimsDeps, ctx: RequestContext) {
  const user = ctx.user
  if (!user) return Promise.resolve([])
  return q.listTasks(deps.db, {
    openOnly: true,
    viewer: { userId: user.id, providerId: user.providerId, staffId: user.staffId },
  })
}

/** One task of a victim, for its page (audited as a look at the victim's record). */
export function taskPage(deps: VictimsDeps, ctx: RequestContext, victimId: number, taskId: number) {
  return withVictim(deps, ctx, victimId, 'read', async (trx, victim) => {
    const task = await q.findTask(trx, victimId, taskId)
    if (!task) throw new NotFoundError('There is no such task for this victim')
    await audit(trx, ctx, {
      action: 'VICTIM_TASK_VIEW',
      personId: null,
      subject: victimSubject(victimId),
      detail: { victimId, taskId },
    })
    return { victim, task }
  })
}

/** Completes a task with the date and notes (refused, changing nothing, when done already or the date is wrong). */
export function completeTask(
  deps: VictimsDeps,
  ctx: RequestContext,
  victimId: number,
  taskId: number,
  input: TaskCompletionInput,
) {
  return withVictim(deps, ctx, victimId, 'write', async trx => {
    const task = await q.findTask(trx, victimId, taskId)
    if (!task) throw new NotFoundError('There is no such task for this victim')
    if (task.completed_on)
      throw new ValidationError([{ field: 'completedOn-day', message: 'This task is done already' }])
    checkCompletion(input, deps.clock.today().toString(), londonDate(new Date(task.created_at)).toString())
    const completionId = await q.insertTaskCompletion(trx, {
      taskId,
      personId: task.person_id,
      completedOn: input.completedOn,
      notes: input.notes || null,
      userId: ctx.user?.id ?? null,
    })
    if (completionId === null)
      throw new ValidationError([{ field: 'completedOn-day', message: 'This task is done already' }])
    await audit(trx, ctx, {
      action: 'VICTIM_TASK_COMPLETE',
      personId: null,
      subject: victimSubject(victimId),
      detail: { victimId, taskId, completionId },
    })
    await publish(trx, 'victim.task-completed', null, { victimId, taskId })
    return { taskId }
  })
}

/** A victim's tasks (open and done) for the API, after making any new ones; audited as a look at the victim's tasks. */
export async function tasksForApi(deps: VictimsDeps, ctx: RequestContext, victimId: number) {
  await makeVictimTasks(deps.db, deps.clock, { wait: false })
  return withVictim(deps, ctx, victimId, 'read', async trx => {
    const tasks = await q.listTasks(trx, { victimId })
    await audit(trx, ctx, {
      action: 'VICTIM_TASK_VIEW',
      personId: null,
      subject: victimSubject(victimId),
      detail: { victimId, via: 'api' },
    })
    return tasks
  })
}
