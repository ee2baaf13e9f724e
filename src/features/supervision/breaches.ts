import { LocalDate } from '@js-joda/core'
import { audit, publish, type RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import {
  applyBreachStep,
  BREACH_STATUSES,
  nextBreachStep,
  type BreachOutcome,
  type BreachProcess,
  type BreachStatus,
} from '../../domain/enforcement/breach-process.ts'
import {
  applyRecallStep,
  nextRecallStep,
  RECALL_STATUSES,
  type RecallProcess,
  type RecallStatus,
  type RecallType,
} from '../../domain/enforcement/recall-process.ts'
import type { RecallDecision } from '../../domain/recall/index.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts'
import { viewed, withSupervisedPerson, type SupervisionDeps } from './context.ts'
import { complianceSummaries, orderTypeOf } from './enforcement.ts'
import type { BreachUpdateCommand, CompleteActionCommand } from './forms.ts'
import { letterSent } from './letter-sent.ts'
import * as q from './queries.ts'
import { LETTER_ACTIONS } from './reference-data.ts'

/**
 * Enforcement on one case: the enforcement page (actions, breaches and recalls with their history and next step,
 * compliance per order, letters), marking an action done, and moving a breach or recall on through its process.
 */

/** Enforcement on the case: open and done actions, breaches and recalls with their history, compliance per order, letters. Audited. */
export function enforcementPage(deps: SupervisionDeps, ctx: RequestContext, crn: string) {
  return withSupervisedPerson(deps, ctx, crn, 'read', async (trx, p, canUpdate) => {
    const today = deps.clock.today()
    const orders = await q.currentOrders(trx, p.id)
    const [actions, breaches, documents, compliance] = await Promise.all([
      q.listActions(trx, p.id),
      q.listBreaches(trx, p.id),
      q.listDocuments(trx, p.id),
      complianceSummaries(trx, p.id, orders, today),
    ])
    await viewed(trx, ctx, p, 'enforcement')
    return {
      person: p,
      canUpdate,
      actions,
      breaches: breaches.map(b => ({
        ...b,
        next: b.kind === 'breach' ? nextBreachStepOf(b, orders, p.case_status) : nextRecallStepOf(b),
      })),
      documents,
      compliance,
      today: today.toString(),
    }
  })
}

/** Marks an enforcement action done (letter sent, pack submitted…). Stale version → ConflictError. */
export function completeAction(
  deps: SupervisionDeps,
  ctx: RequestContext,
  crn: string,
  actionId: number,
  command: CompleteActionCommand,
) {
  return withSupervisedPerson(deps, ctx, crn, 'update', async (trx, p) => {
    const action = await q.findAction(trx, p.id, actionId)
    if (!action) throw new NotFoundError('There is no such enforcement action')
    if (action.status !== 'open') throw new ConflictError('This action has already been completed or withdrawn.')
    // A letter done is a letter sent today: the 7 days to explain run from it.
    if (LETTER_ACTIONS.includes(action.action_type)) {
      await letterSent(deps, trx, ctx, p, action, { version: command.version, sentOn: null })
      return { crn: p.crn }
    }
    const done = deps.clock.today().toString()
    const ok = await q.completeAction(trx, action.id, command.version, done, ctx.user?.id ?? null)
    if (!ok) throw new ConflictError()
    const type = action.action_type
    await audit(trx, ctx, {
      action: 'ENFORCEMENT_ACTION_DONE',
      personId: p.id,
      subject: p.crn,
      detail: { actionId, type },
    })
    await publish(trx, 'enforcement.action-completed', p.id, { crn: p.crn, actionId, type })
    return { crn: p.crn }
  })
}

/** Moves a breach to its next status (the domain's breach process decides what is allowed). */
export function updateBreach(
  deps: SupervisionDeps,
  ctx: RequestContext,
  crn: string,
  breachId: number,
  command: BreachUpdateCommand,
) {
  return withSupervisedPerson(deps, ctx, crn, 'update', async (trx, p) => {
    const breach = (await q.listBreaches(trx, p.id)).find(b => b.id === breachId)
    if (!breach) throw new NotFoundError('There is no such breach or recall')
    const { status, notes, courtDate } = command
    const on = deps.clock.today()
    if (breach.kind !== 'breach') checkRecallStep(breach, command, on)
    else checkBreachStep(breach, await q.currentOrders(trx, p.id), p.case_status, command, on)
    const ok = await q.updateBreach(trx, breach.id, command.version, {
      status,
      court_date: status === 'court_date_set' ? courtDate : breach.court_date,
      decision:
        status === 'outcome_recorded' || breach.kind === 'recall'
          ? command.decision || breach.decision
          : breach.decision,
      decision_date: ['outcome_recorded', 'recalled', 'not_recalled', 'no_recall_decided'].includes(status)
        ? on.toString()
        : breach.decision_date,
      closed_at: status === 'closed' ? deps.clock.now() : null,
    })
    if (!ok) throw new ConflictError()
    const changedBy = ctx.user?.id ?? null
    const history = { person_id: p.id, breach_id: breach.id, status, status_date: on.toString(), notes }
    await q.insertBreachStatus(trx, { ...history, changed_by: changedBy })
    if (status === 'court_date_set') await moveCourtHearing(trx, p.id, breach.id, courtDate)
    await audit(trx, ctx, { action: 'BREACH_STATUS', personId: p.id, subject: p.crn, detail: { breachId, status } })
    await publish(trx, `${breach.kind}.status-changed`, p.id, { crn: p.crn, breachId, status })
    return { crn: p.crn }
  })
}

/** Enforcement actions for the API. (The route audits the view.) */
export function listActions(deps: SupervisionDeps, ctx: RequestContext, crn: string) {
  return withSupervisedPerson(deps, ctx, crn, 'read', (trx, p) => q.listActions(trx, p.id))
}

/** Recalls follow the domain's recall process (consider → recommend → decide → Part A → PPCS → decision). */
function checkRecallStep(breach: q.BreachRow, c: BreachUpdateCommand, on: LocalDate) {
  if (!(RECALL_STATUSES as readonly string[]).includes(c.status))
    throw new ValidationError([{ field: 'status', message: 'Choose the new status' }])
  const applied = applyRecallStep(recallProcess(breach), {
    status: c.status as RecallStatus,
    on,
    recommendation: c.status === 'recommended' ? (c.decision as 'recall' | 'no_recall') : undefined,
    recallType: c.status === 'recall_decided' ? (c.decision as RecallType) : undefined,
    note: c.notes ?? undefined,
  })
  if (!applied.ok) throw new ValidationError(applied.errors.map(message => ({ field: 'status', message })))
}

/** Breaches follow the domain's breach process (initiated → pack → court date → outcome → closed). */
function checkBreachStep(
  breach: q.BreachRow,
  orders: q.CurrentOrder[],
  caseStatus: string,
  c: BreachUpdateCommand,
  on: LocalDate,
) {
  const process = breachProcess(breach, orders, caseStatus)
  let courtDate: LocalDate | undefined
  if (c.status === 'court_date_set') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(c.courtDate))
      throw new ValidationError([{ field: 'courtDate', message: 'Enter the court date, like 2027-03-01' }])
    courtDate = LocalDate.parse(c.courtDate)
  }
  if (!(BREACH_STATUSES as readonly string[]).includes(c.status))
    throw new ValidationError([{ field: 'status', message: 'Choose the new status' }])
  const applied = applyBreachStep(process, {
    status: c.status as BreachStatus,
    on,
    courtDate,
    outcome: c.status === 'outcome_recorded' ? courtOutcome(c.decision) : undefined,
    note: c.notes ?? undefined,
  })
  if (!applied.ok) throw new ValidationError(applied.errors.map(message => ({ field: 'status', message })))
}

/** The open court hearing action of the breach takes the court date as its due date. */
async function moveCourtHearing(trx: Executor, personId: number, breachId: number, courtDate: string) {
  const hearing = (await q.listActions(trx, personId)).find(
    a => a.breach_id === breachId && a.action_type === 'court_hearing' && a.status === 'open',
  )
  if (hearing) await q.setActionDueDate(trx, hearing.id, courtDate)
}

/** The court's decision as the breach process records it (the form offers the kinds of BREACH_OUTCOMES_BY_ORDER). */
function courtOutcome(kind: string): BreachOutcome {
  switch (kind) {
    case 'order_continued':
      return { kind, with: 'added_requirements' }
    case 'committed_to_custody':
      return { kind, days: 14 }
    case 'supervision_default_order':
      return { kind, requirement: 'unpaid_work' }
    default:
      return { kind: kind as 'not_proven' }
  }
}

function breachProcess(b: q.BreachRow, orders: q.CurrentOrder[], caseStatus: string): BreachProcess {
  const order = orders.find(o => o.event_id === b.event_id)
  // A custodial sentence is breached at court only on PSS; a licence is recalled instead (recall-process.ts).
  const orderType = orderTypeOf(order?.sentence_type ?? 'community_order', caseStatus)
  return {
    orderType: orderType === 'licence' ? 'post_sentence_supervision' : orderType,
    steps: b.history.map(h => ({
      status: h.status as BreachStatus,
      on: LocalDate.parse(h.status_date),
      courtDate: h.status === 'court_date_set' && b.court_date ? LocalDate.parse(b.court_date) : undefined,
    })),
  }
}

function nextBreachStepOf(b: q.BreachRow, orders: q.CurrentOrder[], caseStatus: string) {
  try {
    return nextBreachStep(breachProcess(b, orders, caseStatus))
  } catch {
    return null
  }
}

function recallProcess(b: q.BreachRow): RecallProcess {
  return { steps: b.history.map(h => ({ status: h.status as RecallStatus, on: LocalDate.parse(h.status_date) })) }
}

function nextRecallStepOf(b: q.BreachRow) {
  try {
    return nextRecallStep(recallProcess(b))
  } catch {
    return null
  }
}

/** What the recall workflow tells the enforcement record: its decision, then the return to custody. */
export type RecallWorkflowStep =
  { step: 'decided'; decision: RecallDecision; note: string } | { step: 'returned_to_custody'; note: string }

/**
 * A licence failure past the final warning opens a recall consideration on the enforcement page; the recall is then
 * decided in the recall decision workflow (src/features/recall). This keeps the two one story: the consideration
 * takes the workflow's decision (recall decided with its type, or no recall, which closes it) and is closed when the
 * person is returned to custody, each with a history row naming the workflow. Call it inside the workflow's
 * transaction.
 */
export async function followRecallWorkflow(
  trx: Executor,
  ctx: RequestContext,
  personId: number,
  on: LocalDate,
  s: RecallWorkflowStep,
): Promise<number> {
  const open = await q.openRecallConsiderations(trx, personId)
  const status =
    s.step === 'returned_to_custody' ? 'recalled' : s.decision === 'no_recall' ? 'closed' : 'recall_decided'
  for (const breach of open) {
    const decision = s.step === 'decided' ? s.decision : breach.decision
    await q.followRecall(trx, breach.id, {
      status,
      decision,
      decision_date: on.toString(),
      closed_at: status === 'recall_decided' ? null : new Date(),
    })
    await q.insertBreachStatus(trx, {
      person_id: personId,
      breach_id: breach.id,
      status,
      status_date: on.toString(),
      notes: `Recall decision workflow: ${s.note}`,
      changed_by: ctx.user?.id ?? null,
    })
  }
  return open.length
}
