import { audit, publish, type RequestContext } from '../../access/audit.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts'
import type { Parsed } from '../../web/forms.ts'
import { londonDate } from '../../clock.ts'
import { formatDate } from '../../web/filters.ts'
import { requireSentence, withResettlementCase, type ResettlementDeps } from './context.ts'
import type { ActionCommand, CloseActionCommand } from './forms.ts'
import * as q from './queries.ts'

/**
 * The resettlement plan: actions (pathway, what, owner — a member of staff of the case's provider or a partner
 * organisation named as typed — and due date) are appended, and closed by a row of their own: never overwritten.
 */
export function addAction(deps: ResettlementDeps, ctx: RequestContext, crn: string, command: Parsed<ActionCommand>) {
  return withResettlementCase(deps, ctx, crn, 'update', async (trx, opened) => {
    const state = requireSentence(opened, 'actionPathway')
    if (!command.ok) throw new ValidationError(command.errors)
    const { pathway, description, owner, due } = command.value
    if (due.isBefore(deps.clock.today()))
      throw new ValidationError([{ field: 'actionDue-day', message: 'The due date must be today or in the future' }])
    const { person } = opened
    if ('staffId' in owner) {
      const ofProvider =
        person.managing_provider_id !== null &&
        (await q.isStaffOfProvider(trx, owner.staffId, person.managing_provider_id))
      if (!ofProvider)
        throw new ValidationError([{ field: 'actionOwnerStaff', message: 'Select a member of staff from the list' }])
    }
    const id = await q.insertAction(trx, {
      person_id: person.id,
      sentence_id: state.sentence.id,
      pathway,
      description,
      owner_staff_id: 'staffId' in owner ? owner.staffId : null,
      owner_organisation: 'organisation' in owner ? owner.organisation : null,
      due_date: due.toString(),
      created_by: ctx.user?.id ?? null,
      // The service's clock, not the database's: the action is marked done on or after this day.
      created_at: deps.clock.now(),
    })
    const detail = { actionId: id, pathway, dueDate: due.toString(), partner: 'organisation' in owner }
    await audit(trx, ctx, { action: 'RESETTLEMENT_ACTION_ADD', personId: person.id, subject: person.crn, detail })
    await publish(trx, 'resettlement.action-added', person.id, { crn: person.crn, ...detail })
    return { crn: person.crn }
  })
}

/** Marks an action done on a day (not in the future, not before it was written); an action is closed once. */
export function closeAction(
  deps: ResettlementDeps,
  ctx: RequestContext,
  crn: string,
  actionId: number,
  command: Parsed<CloseActionCommand>,
) {
  return withResettlementCase(deps, ctx, crn, 'update', async (trx, opened) => {
    const { person } = opened
    const action = await q.findAction(trx, person.id, actionId)
    if (!action) throw new NotFoundError('There is no such action in the resettlement plan')
    if (action.closure_id !== null) throw new ConflictError('This action has already been marked as done.')
    if (!command.ok) throw new ValidationError(command.errors)
    const field = `done-${actionId}-day`
    const { doneOn, notes } = command.value
    if (doneOn.isAfter(deps.clock.today()))
      throw new ValidationError([{ field, message: 'The date it was done must be today or in the past' }])
    const written = londonDate(new Date(action.created_at))
    if (doneOn.isBefore(written))
      throw new ValidationError([
        {
          field,
          message: `The date it was done must be on or after the day it was planned (${formatDate(written.toString())})`,
        },
      ])
    const closed = await q.insertClosure(trx, {
      action_id: action.id,
      person_id: person.id,
      done_on: doneOn.toString(),
      notes,
      closed_by: ctx.user?.id ?? null,
    })
    if (!closed) throw new ConflictError('This action has already been marked as done.')
    const detail = { actionId: action.id, pathway: action.pathway, doneOn: doneOn.toString() }
    await audit(trx, ctx, { action: 'RESETTLEMENT_ACTION_DONE', personId: person.id, subject: person.crn, detail })
    await publish(trx, 'resettlement.action-done', person.id, { crn: person.crn, ...detail })
    return { crn: person.crn }
  })
}
