import { publish, type RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import type { EnforcementAction, EnforcementDecision } from '../../domain/enforcement/decision.ts'
import { explanationDue, warningWindow } from '../../domain/enforcement/rules.ts'
import { formatDate } from '../../web/filters.ts'
import { systemContact } from './activity.ts'
import type { Person, SupervisionDeps } from './context.ts'
import { letterParts, storeDocument } from './documents.ts'
import {
  breachLetter,
  warningLetter,
  type LetterPerson,
  type LetterSender,
  type WarningConsequence,
} from './letters.ts'
import * as q from './queries.ts'
import { contactType, outcomeText } from './reference-data.ts'
import { londonDate, londonTime, spokenTime } from './time.ts'

/**
 * What an enforcement decision raises once an outcome is recorded: the breach or recall it opens, the warning and
 * breach letters, and the enforcement actions with their deadlines, each announced in the outbox.
 */

export interface Enforcement {
  actionIds: number[]
  breachId: number | null
  documentIds: number[]
}

/** What the letters need of the decision's context. */
interface LetterContext {
  parts: { person: LetterPerson; sender: LetterSender }
  orderText: string
  failure: { type: string; date: string; time: string; outcome: string }
}

/**
 * The order's name in a letter: community order, suspended sentence order, licence, or post-sentence supervision
 * once the case is on PSS.
 */
export function orderName(o: { sentence_type: string }, caseStatus = ''): string {
  return o.sentence_type === 'community_order'
    ? 'community order'
    : o.sentence_type === 'suspended_sentence_order'
      ? 'suspended sentence order'
      : caseStatus === 'on_pss'
        ? 'post-sentence supervision'
        : 'licence'
}

/** What the warning letter says a further failure leads to: recall for a licence, the court otherwise (§3.1, §3.2). */
function consequenceOf(decision: EnforcementDecision): WarningConsequence {
  if (decision.orderType === 'licence') return { kind: 'recall', warningNumber: decision.warningNumber ?? 1 }
  if (decision.orderType === 'post_sentence_supervision') return { kind: 'pss_court' }
  return { kind: 'court' }
}

/** Creates the enforcement actions a decision asks for (and the breach or recall it opens), with letters. */
export async function enforce(
  deps: SupervisionDeps,
  trx: Executor,
  ctx: RequestContext,
  p: Person,
  contact: q.ContactRow,
  decision: EnforcementDecision,
): Promise<Enforcement> {
  if (decision.actions.length === 0) return { actionIds: [], breachId: null, documentIds: [] }
  const orders = await q.currentOrders(trx, p.id)
  const order = orders.find(o => o.event_id === contact.event_id) ?? orders[0]
  const letters: LetterContext = {
    orderText: order ? orderName(order, p.case_status) : 'order',
    parts: await letterParts(trx, ctx, p),
    failure: {
      type: contactType(contact.contact_type)?.text ?? contact.contact_type,
      date: londonDate(contact.starts_at),
      time: spokenTime(londonTime(contact.starts_at)),
      outcome: outcomeText(contact.outcome),
    },
  }
  const breachId = await openBreachOrRecall(deps, trx, ctx, p, contact, decision)
  const openBreach = breachId ?? (await openProcessOf(trx, p, contact, decision))
  const documentIds: number[] = []
  const warning = await produceWarningLetter(deps, trx, ctx, p, contact, decision, letters)
  if (warning !== null) documentIds.push(warning)
  const breach = await produceBreachLetter(deps, trx, ctx, p, contact, decision, letters)
  if (breach !== null) documentIds.push(breach)
  const actionIds = await raiseActions(trx, ctx, p, contact, decision, { openBreach, documentIds })
  return { actionIds, breachId, documentIds }
}

/** A breach (initiated) or recall (being considered) when the decision opens one; its first status and contact. */
async function openBreachOrRecall(
  deps: SupervisionDeps,
  trx: Executor,
  ctx: RequestContext,
  p: Person,
  contact: q.ContactRow,
  decision: EnforcementDecision,
): Promise<number | null> {
  if (decision.path !== 'breach' && decision.path !== 'recall_consideration') return null
  const recordedOn = decision.recordedOn.toString()
  const kind = decision.path === 'breach' ? 'breach' : 'recall'
  const status = kind === 'breach' ? 'initiated' : 'considered'
  const by = ctx.user?.id ?? null
  const breachId = await q.insertBreach(trx, {
    person_id: p.id,
    event_id: contact.event_id,
    kind,
    status,
    initiated_date: recordedOn,
    trigger_contact_id: contact.id,
    created_by: by,
  })
  await q.insertBreachStatus(trx, {
    person_id: p.id,
    breach_id: breachId,
    status,
    status_date: recordedOn,
    notes: decision.explanation,
    changed_by: by,
  })
  const type = kind === 'breach' ? 'ENF_BREACH' : 'ENF_RECALL'
  await systemContact(deps, trx, ctx, p, type, decision.explanation, { eventId: contact.event_id })
  await publish(trx, kind === 'breach' ? 'breach.initiated' : 'recall.consideration-started', p.id, {
    crn: p.crn,
    breachId,
    contactId: contact.id,
    eventId: contact.event_id,
  })
  return breachId
}

/** The open breach or recall on the order that a failure is added to. */
async function openProcessOf(
  trx: Executor,
  p: Person,
  contact: q.ContactRow,
  decision: EnforcementDecision,
): Promise<number | null> {
  if (decision.path !== 'added_to_breach' && decision.path !== 'added_to_recall') return null
  const open = (await q.listBreaches(trx, p.id)).find(b => b.event_id === contact.event_id && b.closed_at === null)
  return open?.id ?? null
}

const actionOf = (decision: EnforcementDecision, kind: EnforcementAction['kind']) =>
  decision.actions.find(a => a.kind === kind)

/** The warning letter, when the decision gives one: stored, and noted in the activity log. */
async function produceWarningLetter(
  deps: SupervisionDeps,
  trx: Executor,
  ctx: RequestContext,
  p: Person,
  contact: q.ContactRow,
  decision: EnforcementDecision,
  l: LetterContext,
): Promise<number | null> {
  const warning = actionOf(decision, 'warning_letter')
  if (!warning) return null
  // The letter is dated today and gives 7 days from its date (§3.1). If it goes out later, recording the day it
  // was sent moves the tracked deadline later still (letter-sent.ts), never earlier than the letter says.
  const explainBy = explanationDue(deps.clock.today()).due
  if (!explainBy) throw new Error('A warning letter needs the date by which to explain')
  const bytes = await warningLetter({
    ...l.parts,
    letterDate: deps.clock.today().toString(),
    failure: l.failure,
    order: l.orderText,
    explainBy: explainBy.toString(),
    windowEnds: decision.path === 'warning' ? warningWindow(deps.clock.today()).to.toString() : null,
    consequence: consequenceOf(decision),
  })
  const documentId = await storeDocument(deps, trx, ctx, p, {
    contactId: contact.id,
    kind: 'warning_letter',
    title: `Warning letter (failure on ${formatDate(l.failure.date)})`,
    bytes,
  })
  const notes = `${warning.title}. ${decision.explanation}`
  await systemContact(deps, trx, ctx, p, 'ENF_WARNING_LETTER', notes, { eventId: contact.event_id })
  return documentId
}

/** The breach letter, when the decision gives one, listing the failures on the order. */
async function produceBreachLetter(
  deps: SupervisionDeps,
  trx: Executor,
  ctx: RequestContext,
  p: Person,
  contact: q.ContactRow,
  decision: EnforcementDecision,
  l: LetterContext,
): Promise<number | null> {
  if (!actionOf(decision, 'breach_letter')) return null
  const failures = await q.enforceableFailures(trx, p.id, contact.event_id)
  const bytes = await breachLetter({
    ...l.parts,
    letterDate: deps.clock.today().toString(),
    order: l.orderText,
    failures: failures.map(f => ({
      type: contactType(f.contact_type)?.text ?? f.contact_type,
      date: londonDate(f.starts_at),
      outcome: outcomeText(f.outcome),
    })),
    warningDate: decision.activeWarning?.givenOn.toString() ?? null,
    explainBy: explanationDue(deps.clock.today()).due?.toString() ?? null,
  })
  return storeDocument(deps, trx, ctx, p, {
    contactId: contact.id,
    kind: 'breach_letter',
    title: `Breach letter (failure on ${formatDate(l.failure.date)})`,
    bytes,
  })
}

/** One enforcement action for each the decision asks for, linked to its letter and open breach or recall. */
async function raiseActions(
  trx: Executor,
  ctx: RequestContext,
  p: Person,
  contact: q.ContactRow,
  decision: EnforcementDecision,
  links: { openBreach: number | null; documentIds: number[] },
): Promise<number[]> {
  const { openBreach, documentIds } = links
  const actionIds: number[] = []
  for (const a of decision.actions) {
    const letter =
      a.kind === 'warning_letter'
        ? documentIds[0]
        : a.kind === 'breach_letter'
          ? documentIds[documentIds.length - 1]
          : null
    const dueDate = a.due?.toString() ?? null
    const id = await q.insertAction(trx, {
      person_id: p.id,
      contact_id: contact.id,
      event_id: contact.event_id,
      breach_id: openBreach,
      document_id: letter ?? null,
      action_type: a.kind,
      description: `${a.title}. ${a.explanation}`,
      due_date: dueDate,
      created_by: ctx.user?.id ?? null,
    })
    actionIds.push(id)
    const event = { crn: p.crn, actionId: id, type: a.kind, dueDate, contactId: contact.id, breachId: openBreach }
    await publish(trx, 'enforcement.action-created', p.id, event)
  }
  return actionIds
}
