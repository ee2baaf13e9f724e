import { audit, publish, type RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import { londonDate } from '../../clock.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts'
import { formatDate } from '../../web/filters.ts'
import type { Parsed } from '../../web/forms.ts'
import { londonInstant } from '../supervision/index.ts'
import { withMappaCase, type MappaDeps } from './context.ts'
import type { ActionCommand, ActionInput, DoneCommand, MeetingCommand } from './forms.ts'
import * as q from './queries.ts'

/**
 * MAPP meetings (rules-and-outcomes.md §3.5: levels 2 and 3 are managed through them): the date, the level, the
 * agencies attending, the minutes — recorded as a restricted (sensitive) contact of type MAPPA on the person's record,
 * never shown by the API — and risk management actions, each with an owner (an agency and/or a member of staff) and
 * a due date, marked done by a row of their own.
 */
export function recordMeeting(deps: MappaDeps, ctx: RequestContext, crn: string, command: Parsed<MeetingCommand>) {
  return withMappaCase(deps, ctx, crn, 'update', async (trx, { person }) => {
    if (!command.ok) throw new ValidationError(command.errors)
    const c = command.value
    if (c.date.isAfter(deps.clock.today()))
      throw new ValidationError([
        { field: 'meetingDate-day', message: 'The date of the meeting must be today or in the past' },
      ])
    await checkActions(deps, trx, c.actions)
    const contactId = c.minutes
      ? await q.insertContact(trx, {
          person_id: person.id,
          contact_type: 'MAPPA',
          is_appointment: false,
          starts_at: londonInstant(c.date, 12, 0),
          staff_id: ctx.user?.staffId ?? null,
          team_id: ctx.user?.teamId ?? null,
          national_standard: false,
          sensitive: true,
          notes: `MAPP meeting minutes\n\n${c.minutes}`,
          created_by: ctx.user?.id ?? null,
        })
      : null
    const meetingId = await q.insertMeeting(trx, {
      person_id: person.id,
      meeting_date: c.date.toString(),
      level: c.level,
      agencies: c.agencies,
      other_agency: c.otherAgency,
      minutes_contact_id: contactId,
      recorded_by: ctx.user?.id ?? null,
    })
    const actionIds = await q.insertActions(
      trx,
      c.actions.map(a => actionRow(ctx, person.id, meetingId, a, deps.clock.now())),
    )
    const detail = {
      meetingId,
      date: c.date.toString(),
      level: c.level,
      agencies: c.agencies,
      minutesRecorded: contactId !== null,
      actionIds,
    }
    await audit(trx, ctx, { action: 'MAPPA_MEETING_RECORD', personId: person.id, subject: person.crn, detail })
    await publish(trx, 'mappa.meeting-recorded', person.id, { crn: person.crn, ...detail })
    return { crn: person.crn, meetingId }
  })
}

/** An action's row, written at `now` by the service's clock (it may be marked done on or after that day). */
const actionRow = (ctx: RequestContext, personId: number, meetingId: number | null, a: ActionInput, now: Date) => ({
  person_id: personId,
  meeting_id: meetingId,
  description: a.description,
  owner_agency: a.ownerAgency,
  owner_staff_id: a.ownerStaffId,
  due_date: a.due.toString(),
  created_by: ctx.user?.id ?? null,
  created_at: now,
})

/** An action's due date is today or later, and a member of staff who owns it is active. */
async function checkActions(deps: MappaDeps, trx: Executor, actions: readonly ActionInput[]) {
  for (const a of actions) {
    if (a.due.isBefore(deps.clock.today()))
      throw new ValidationError([{ field: 'actionDue-day', message: 'The due date must be today or in the future' }])
    if (a.ownerStaffId !== null && !(await q.isActiveStaff(trx, a.ownerStaffId)))
      throw new ValidationError([{ field: 'actionOwnerStaff', message: 'Choose the member of staff from the list' }])
  }
}

/** Adds a risk management action, from a meeting or on its own. */
export function addAction(deps: MappaDeps, ctx: RequestContext, crn: string, command: Parsed<ActionCommand>) {
  return withMappaCase(deps, ctx, crn, 'update', async (trx, { person }) => {
    if (!command.ok) throw new ValidationError(command.errors)
    const c = command.value
    if (c.meetingId !== null && !(await q.findMeeting(trx, person.id, c.meetingId)))
      throw new ValidationError([{ field: 'actionMeeting', message: 'Choose the meeting from the list' }])
    await checkActions(deps, trx, [c])
    const [id] = await q.insertActions(trx, [actionRow(ctx, person.id, c.meetingId, c, deps.clock.now())])
    const detail = { actionId: id, meetingId: c.meetingId, dueDate: c.due.toString(), ownerAgency: c.ownerAgency }
    await audit(trx, ctx, { action: 'MAPPA_ACTION_ADD', personId: person.id, subject: person.crn, detail })
    await publish(trx, 'mappa.action-added', person.id, { crn: person.crn, ...detail })
    return { crn: person.crn }
  })
}

/** Marks an action done on a day (not in the future, not before it was written); an action is done once. */
export function completeAction(
  deps: MappaDeps,
  ctx: RequestContext,
  crn: string,
  actionId: number,
  command: Parsed<DoneCommand>,
) {
  return withMappaCase(deps, ctx, crn, 'update', async (trx, { person }) => {
    const action = await q.findAction(trx, person.id, actionId)
    if (!action) throw new NotFoundError('There is no such risk management action')
    if (action.completion_id !== null) throw new ConflictError('This action has already been marked as done.')
    if (!command.ok) throw new ValidationError(command.errors)
    const field = `done-${actionId}-day`
    const { doneOn, notes } = command.value
    if (doneOn.isAfter(deps.clock.today()))
      throw new ValidationError([{ field, message: 'The date it was done must be today or in the past' }])
    const written = londonDate(new Date(action.created_at))
    if (doneOn.isBefore(written))
      throw new ValidationError([
        { field, message: `The date it was done must be on or after it was added (${formatDate(written.toString())})` },
      ])
    const saved = await q.insertCompletion(trx, {
      action_id: action.id,
      person_id: person.id,
      done_on: doneOn.toString(),
      notes,
      completed_by: ctx.user?.id ?? null,
    })
    if (!saved) throw new ConflictError('This action has already been marked as done.')
    const detail = { actionId: action.id, doneOn: doneOn.toString() }
    await audit(trx, ctx, { action: 'MAPPA_ACTION_DONE', personId: person.id, subject: person.crn, detail })
    await publish(trx, 'mappa.action-done', person.id, { crn: person.crn, ...detail })
    return { crn: person.crn }
  })
}
