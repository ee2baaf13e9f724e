import { LocalDate } from '@js-joda/core'
import { audit, publish, type RequestContext } from '../../access/audit.ts'
import type { AcceptableAbsenceReason, OutcomeCode } from '../../domain/enforcement/outcomes.ts'
import { minutesCredited, recordingTooEarly } from '../../domain/unpaid-work/placement.ts'
import { ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts'
import type { Parsed } from '../../web/forms.ts'
import type { Executor } from '../../access/person-access.ts'
import { canReadPerson } from '../../access/policy.ts'
import { wholeRecord, type PersonAccessMode } from '../../access/with-person.ts'
import { recordUnpaidWorkOutcome } from '../supervision/index.ts'
import type { UpwDeps } from './context.ts'
import * as q from './queries/sessions.ts'
import type { RecordCommand } from './sessions-forms.ts'
import { canManageUpw, openProject } from './projects.ts'

/**
 * What the supervisor records for a person at a session (issue 17 item 4; rules-and-outcomes.md §2.1, §3.1):
 * worked, sent home, stood down, absent acceptable or unacceptable, with times, minutes, ratings and hi-vis.
 * Appended to `upw_attendances` (a correction replaces the current record, which is kept). The appointment gets the
 * matching outcome through supervision, so a failure (sent home for behaviour, an unacceptable absence) runs the
 * normal enforcement decision. Only the session's or the project's supervisor, or someone who manages unpaid work,
 * may record, and not before the session's day.
 */

type Ids = { sessionId: number; allocationId: number }

/** Opening a person's record for unpaid work: whoever may read the whole record (the provider's staff). */
export const UPW_PERSON: PersonAccessMode = {
  name: 'unpaid work',
  decide: (user, facts) => wholeRecord(canReadPerson(user, facts)),
}

/** The session, refused as not found when its project is another provider's. */
export async function openSession(db: Executor, ctx: RequestContext, id: number): Promise<q.SessionRow> {
  const session = await q.findSession(db, id)
  if (!session) throw new NotFoundError('There is no such session')
  await openProject(db, ctx, session.project_id)
  return session
}

/** Whether the user may record the session: its supervisor, a project supervisor, or someone who manages unpaid work. */
export async function maySupervise(db: Executor, ctx: RequestContext, s: q.SessionRow): Promise<boolean> {
  const user = ctx.user
  if (!user) return false
  if (canManageUpw(ctx) || s.supervisor_user_id === user.id) return true
  return q.isProjectSupervisor(db, s.project_id, user.id)
}

/** The appointment outcome a record means (issue 17 item 4). */
export function appointmentOutcome(c: Pick<RecordCommand, 'outcome' | 'forBehaviour'>): {
  outcome: OutcomeCode
  reason: AcceptableAbsenceReason | null
} {
  switch (c.outcome) {
    case 'worked':
      return { outcome: 'attended_complied', reason: null }
    case 'sent_home':
      return c.forBehaviour
        ? { outcome: 'attended_failed_to_comply', reason: null }
        : { outcome: 'acceptable_absence', reason: 'other' }
    case 'absent_unacceptable':
      return { outcome: 'unacceptable_absence', reason: null }
    case 'stood_down':
      return { outcome: 'acceptable_absence', reason: 'stood_down' }
    case 'absent_acceptable':
      return { outcome: 'acceptable_absence', reason: 'other' }
  }
}

async function openForRecording(deps: UpwDeps, ctx: RequestContext, ids: Ids) {
  const session = await openSession(deps.db, ctx, ids.sessionId)
  if (!(await maySupervise(deps.db, ctx, session)))
    throw new ForbiddenError('Only the supervisor of this session or project can record attendance')
  const allocation = await q.findAllocation(deps.db, ids.sessionId, ids.allocationId)
  if (!allocation || allocation.removed_at) throw new NotFoundError('There is no such person on this session')
  return { session, allocation }
}

/** The recording form: the session, the person and what was recorded so far. */
async function recordingForm(deps: UpwDeps, ctx: RequestContext, ids: Ids) {
  const { session, allocation } = await openForRecording(deps, ctx, ids)
  return deps.withPerson(ctx, allocation.crn, UPW_PERSON, async (trx, access) => {
    const [person, current] = await Promise.all([
      q.personName(trx, access.personId),
      q.currentAttendance(trx, allocation.id),
    ])
    await audit(trx, ctx, {
      action: 'UPW_RECORD_VIEW',
      personId: access.personId,
      subject: access.crn,
      detail: { sessionId: ids.sessionId, allocationId: allocation.id },
    })
    return { session, allocation, person: { crn: access.crn, ...person }, current: current ?? null }
  })
}

export function createRecordingUseCases(deps: UpwDeps) {
  return {
    form: (ctx: RequestContext, ids: Ids) => recordingForm(deps, ctx, ids),

    /** Records (or corrects) what happened; the appointment's outcome follows, and enforcement for a failure. */
    async record(ctx: RequestContext, ids: Ids, command: Parsed<RecordCommand>) {
      const { session, allocation } = await openForRecording(deps, ctx, ids)
      const early = recordingTooEarly(LocalDate.parse(session.session_date), deps.clock.today())
      if (early) throw new ValidationError([{ field: 'outcome', message: early }])
      if (!command.ok) throw new ValidationError(command.errors)
      const c = command.value
      if (c.travelMinutes > 0 && !session.travel_time_credited)
        throw new ValidationError([{ field: 'travelMinutes', message: 'This project does not credit travel time' }])
      return deps.withPerson(ctx, allocation.crn, UPW_PERSON, async (trx, access) => {
        await q.lockSession(trx, ids.sessionId)
        const previous = await q.currentAttendance(trx, allocation.id)
        const credited = minutesCredited({
          outcome: c.outcome,
          worked: c.minutesWorked,
          travel: c.travelMinutes,
          penalty: c.penaltyMinutes,
        })
        const attendanceId = await q.insertAttendance(trx, {
          allocation_id: allocation.id,
          session_id: ids.sessionId,
          person_id: access.personId,
          requirement_id: allocation.requirement_id,
          outcome: c.outcome,
          time_in: c.timeIn,
          time_out: c.timeOut,
          minutes_worked: c.minutesWorked,
          travel_minutes: c.travelMinutes,
          penalty_minutes: c.penaltyMinutes,
          minutes_credited: credited,
          ete: allocation.ete,
          work_quality: c.workQuality,
          behaviour: c.behaviour,
          hi_vis_worn: c.hiVisWorn,
          reason: c.reason,
          notes: c.notes,
          replaces_id: previous?.id ?? null,
          recorded_by: ctx.user?.id ?? null,
        })
        const meaning = appointmentOutcome(c)
        const enforcement = allocation.contact_id
          ? await recordUnpaidWorkOutcome(deps, trx, ctx, access.personId, allocation.contact_id, {
              ...meaning,
              notes: [c.reason, c.notes].filter(Boolean).join('\n') || null,
            })
          : { actionIds: [], path: null }
        const detail = { sessionId: ids.sessionId, allocationId: allocation.id, attendanceId, outcome: c.outcome }
        await audit(trx, ctx, {
          action: previous ? 'UPW_RECORD_CORRECT' : 'UPW_RECORD',
          personId: access.personId,
          subject: access.crn,
          detail: { ...detail, minutesCredited: credited, replaces: previous?.id ?? null },
        })
        await publish(trx, 'upw.session.recorded', access.personId, {
          crn: access.crn,
          ...detail,
          minutesCredited: credited,
          replacesId: previous?.id ?? null,
        })
        return { attendanceId, actionIds: enforcement.actionIds }
      })
    },
  }
}
