import { LocalDate } from '@js-joda/core'
import type { RequestContext } from '../../access/audit.ts'
import { londonDate } from '../../clock.ts'
import { sessionRefusals, sessionsBlocked } from '../../domain/partner-services/portal-rules.ts'
import { NotFoundError, ValidationError } from '../../errors.ts'
import type { Parsed } from '../../web/forms.ts'
import { londonInstant, recordPartnerSession } from '../supervision/index.ts'
import type { PartnerDeps } from './context.ts'
import { currentSessions, openReferral, plansOf } from './portal.ts'
import { moveStatus, only, recorded } from './portal-changes.ts'
import type { SessionCommand } from './portal-forms.ts'
import * as q from './queries/portal.ts'

/**
 * A partner's record of a session (issue 18 item 3): only once the referral is accepted and a version of the action
 * plan approved; a date within the referral's dates and not in the future; appended (a correction is a new row that
 * replaces the session's current one). In one transaction: the row, the first session moves the referral to "in
 * progress", the session's appointment on the person's record (`recordPartnerSession`: a RAR day when the service
 * delivers one; a non-attendance prompts the case manager today), the audit row and `referral.session.recorded`.
 */

const instant = (date: SessionCommand['date'], hhmm: string) => {
  const [hour, minute] = hhmm.split(':').map(Number) as [number, number]
  return londonInstant(date, hour, minute)
}

export function createPortalSessions({ db, clock }: PartnerDeps) {
  return {
    /** Records a new session (`sessionNumber` null) or corrects session `sessionNumber`. */
    recordSession: (
      ctx: RequestContext,
      reference: string,
      sessionNumber: number | null,
      command: Parsed<SessionCommand>,
    ) =>
      db.transaction().execute(async trx => {
        const r = await openReferral(trx, ctx, reference)
        const sessions = currentSessions(await q.listSessionRecords(trx, r.id))
        const previous = sessionNumber === null ? undefined : sessions.find(s => s.number === sessionNumber)
        if (sessionNumber !== null && !previous) throw new NotFoundError('There is no such session')
        const plans = await plansOf(trx, r.id)
        const blocked = sessionsBlocked(
          r.status,
          plans.some(p => p.approvedAt !== null),
        )
        if (blocked) throw only('attended', blocked)
        if (!command.ok) throw new ValidationError(command.errors)
        const c = command.value
        const refusals = sessionRefusals(c.date, c.startTime, c.endTime, {
          sentOn: londonDate(r.sentAt),
          acceptedOn: r.acceptedAt ? londonDate(r.acceptedAt) : null,
          completionDeadline: LocalDate.parse(r.completionDeadline),
          today: clock.today(),
        })
        if (refusals.length) throw new ValidationError([...refusals])
        const number = previous?.number ?? (sessions.at(-1)?.number ?? 0) + 1
        const { contactId, actionId } = await recordPartnerSession({ clock }, trx, ctx, r.personId, {
          contactId: previous?.current.contact_id === undefined ? null : idOrNull(previous.current.contact_id),
          eventId: r.eventId,
          requirementId: r.requirementId,
          rar: r.service.deliversRar,
          date: c.date,
          startsAt: instant(c.date, c.startTime),
          endsAt: instant(c.date, c.endTime),
          service: r.service.name,
          organisation: r.organisationName,
          sessionNumber: number,
          attended: c.attended,
          notes: c.attended === 'no' ? (c.nonAttendanceReason ?? c.notes) : c.notes,
        })
        const sessionId = await q.insertSessionRecord(trx, {
          referral_id: r.id,
          session_number: number,
          session_date: c.date.toString(),
          start_time: c.startTime,
          end_time: c.endTime,
          attended: c.attended,
          notes: c.notes,
          non_attendance_reason: c.nonAttendanceReason,
          contact_id: contactId,
          replaces_id: previous ? Number(previous.current.id) : null,
          recorded_by: ctx.user?.id ?? null,
        })
        if (r.status === 'accepted') await moveStatus(trx, ctx, r, { status: 'in_progress' }, null)
        await recorded(trx, ctx, r, {
          action: previous ? 'PARTNER_SESSION_CORRECT' : 'PARTNER_SESSION_RECORD',
          event: 'referral.session.recorded',
          detail: { sessionNumber: number, date: c.date.toString(), attended: c.attended, correction: !!previous },
        })
        return { reference, sessionNumber: number, sessionId, contactId, actionId }
      }),
  }
}

const idOrNull = (v: number | string | null) => (v === null ? null : Number(v))
