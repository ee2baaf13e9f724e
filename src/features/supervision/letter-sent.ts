import { LocalDate } from '@js-joda/core'
import { audit, publish, type RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import { explanationAfterSending } from '../../domain/enforcement/index.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts'
import type { Parsed } from '../../web/forms.ts'
import { formatDate } from '../../web/filters.ts'
import { withSupervisedPerson, type Person, type SupervisionDeps } from './context.ts'
import type { LetterSentCommand } from './forms.ts'
import * as q from './queries.ts'
import { LETTER_ACTIONS } from './reference-data.ts'
import { londonDate } from './time.ts'

/**
 * Recording the day a warning or breach letter was actually sent, or correcting it. The person's 7 days to explain
 * run from that day (src/domain/enforcement `explanationAfterSending`), so the open "7 days to explain" moves with it.
 */

/** Records (or corrects) the day a letter was sent, and moves the 7 days to explain to run from it. */
export function recordLetterSent(
  deps: SupervisionDeps,
  ctx: RequestContext,
  crn: string,
  actionId: number,
  command: Parsed<LetterSentCommand>,
) {
  return withSupervisedPerson(deps, ctx, crn, 'update', async (trx, p) => {
    if (!command.ok) throw new ValidationError(command.errors)
    const action = await q.findAction(trx, p.id, actionId)
    if (!action) throw new NotFoundError('There is no such enforcement action')
    await letterSent(deps, trx, ctx, p, action, command.value)
    return { crn: p.crn }
  })
}

/** Marks a letter sent on `sentOn` (today when null), or corrects the day, and moves the explanation window. */
export async function letterSent(
  deps: SupervisionDeps,
  trx: Executor,
  ctx: RequestContext,
  p: Person,
  action: q.ActionRow,
  command: LetterSentCommand,
): Promise<void> {
  if (!LETTER_ACTIONS.includes(action.action_type))
    throw new ValidationError([{ field: 'sent-day', message: 'Only a letter has a date it was sent' }])
  if (action.status === 'cancelled') throw new ConflictError('This letter has been withdrawn.')
  const today = deps.clock.today()
  const sentOn = command.sentOn ?? today
  const producedOn = LocalDate.parse(londonDate(new Date(action.created_at)))
  const rule = explanationAfterSending({ sentOn, producedOn, today })
  if (!rule.ok) throw new ValidationError([{ field: 'sent-day', message: rule.message }])
  const by = ctx.user?.id ?? null
  const saved =
    action.status === 'open'
      ? await q.completeAction(trx, action.id, command.version, sentOn.toString(), by)
      : await q.changeActionDoneDate(trx, action.id, command.version, sentOn.toString())
  if (!saved) throw new ConflictError()
  const window = await q.openExplanationWindow(trx, p.id, action)
  const explainBy = rule.deadline.due?.toString() ?? null
  if (window && explainBy) {
    const description =
      `Their 7 days to explain. The letter was sent on ${formatDate(sentOn.toString())}, so they have until ` +
      `${formatDate(explainBy)} to give a reasonable excuse or evidence (${rule.deadline.basis}).`
    await q.rescheduleAction(trx, window.id, explainBy, description)
  }
  const detail = {
    actionId: action.id,
    type: action.action_type,
    sentOn: sentOn.toString(),
    previously: action.status === 'done' ? action.done_date : null,
    explanationWindowId: window?.id ?? null,
    explainBy: window ? explainBy : null,
  }
  await audit(trx, ctx, { action: 'ENFORCEMENT_LETTER_SENT', personId: p.id, subject: p.crn, detail })
  if (action.status === 'open')
    await publish(trx, 'enforcement.action-completed', p.id, { crn: p.crn, actionId: action.id, type: detail.type })
  await publish(trx, 'enforcement.letter-sent', p.id, { crn: p.crn, ...detail })
}
