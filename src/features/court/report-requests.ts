import { LocalDate } from '@js-joda/core'
import { audit, type RequestContext } from '../../access/audit.ts'
import type { PsrType } from '../../db/schema.ts'
import { isReportType, reportDueDate } from '../../domain/court-reports/index.ts'
import { NotFoundError, ValidationError, type FieldError } from '../../errors.ts'
import { personFields as v } from '../people/index.ts'
import { change, COURT_WORK, requirePermission, todayIso, withCourtPerson, type Court, type Trx } from './context.ts'
import { presentHearings, presentReport } from './presenters.ts'
import * as q from './queries.ts'
import type { NewReportInput, PersonSummary, ReportSummary } from './types.ts'

/** Requesting a pre-sentence report: the form's choices, and the request with its due date. */

/** What the request form offers: the person's hearings, authors (staff of the user's provider) and teams. */
export async function reportRequestForm(c: Court, ctx: RequestContext, crn: string) {
  requirePermission(ctx, 'person:update')
  return withCourtPerson(c, ctx, crn, COURT_WORK, async (trx, person) => {
    const [hearings, staff, teams] = await Promise.all([
      q.hearingsForPerson(trx, person.id),
      q.staffOfProvider(trx, ctx.user?.providerId ?? null),
      q.teamsOfProvider(trx, ctx.user?.providerId ?? null),
    ])
    // Audited here, not by the route: the form is shown again (status 400) when a request is refused.
    await audit(trx, ctx, {
      action: 'PERSON_VIEW',
      personId: person.id,
      subject: person.crn,
      detail: { page: 'court-report-request' },
    })
    return { person, hearings: await presentHearings(trx, ctx, hearings), staff, teams, today: todayIso(c) }
  })
}

const optionalId = (errors: FieldError[], field: string, value: unknown, label: string): number | null => {
  if (value === undefined || value === null || value === '') return null
  const n = typeof value === 'number' ? value : /^\d{1,15}$/.test(String(value)) ? Number(value) : NaN
  if (!Number.isSafeInteger(n) || n <= 0) {
    errors.push({ field, message: `Select ${label} from the list` })
    return null
  }
  return n
}

/** The request's fields checked and its due date worked out; every field at fault is reported at once. */
function checkRequest(c: Court, input: NewReportInput) {
  const errors: FieldError[] = []
  const reportType = v.clean(input.reportType)
  if (!reportType) errors.push({ field: 'reportType', message: 'Select the type of report' })
  else if (!isReportType(reportType))
    errors.push({ field: 'reportType', message: 'Select the type of report from the list' })
  const hearingId = optionalId(errors, 'hearingId', input.hearingId, 'the hearing')
  const eventId = optionalId(errors, 'eventId', input.eventId, 'the event')
  const authorStaffId = optionalId(errors, 'authorStaffId', input.authorStaffId, 'the author')
  const teamId = optionalId(errors, 'teamId', input.teamId, 'the team')
  const requestedDate = v.clean(input.requestedDate ?? undefined)
    ? v.requiredDate(errors, 'requestedDate', input.requestedDate ?? undefined, 'the date requested', {
        notAfter: todayIso(c),
        notAfterMessage: 'The date requested must be today or in the past',
      })
    : todayIso(c)
  const adjournedTo = v.optionalDate(errors, 'adjournedTo', input.adjournedTo, 'the date adjourned to')
  if (adjournedTo && requestedDate && adjournedTo < requestedDate)
    errors.push({ field: 'adjournedTo', message: 'The date adjourned to must be on or after the date requested' })
  let due: ReturnType<typeof reportDueDate> | undefined
  if (!errors.length && isReportType(reportType)) {
    try {
      due = reportDueDate(reportType, LocalDate.parse(requestedDate), {
        adjournedTo: adjournedTo ? LocalDate.parse(adjournedTo) : null,
      })
    } catch {
      errors.push({ field: 'requestedDate', message: 'The date requested must be between 2000 and 2040' })
    }
  }
  if (errors.length || !due || !isReportType(reportType)) throw new ValidationError(errors)
  return { reportType, hearingId, eventId, authorStaffId, teamId, requestedDate, adjournedTo, due }
}
type ReportRequest = ReturnType<typeof checkRequest>

/** The request's hearing, event, author and team, each checked against the person and the user's provider. */
async function checkLinks(trx: Trx, ctx: RequestContext, person: PersonSummary, r: ReportRequest) {
  const late: FieldError[] = []
  const hearing = r.hearingId ? await q.findHearing(trx, r.hearingId) : undefined
  if (r.hearingId && (!hearing || hearing.person_id !== person.id))
    late.push({ field: 'hearingId', message: 'Select one of this person’s hearings' })
  const event = r.eventId ? await q.findEvent(trx, r.eventId) : undefined
  if (r.eventId && (!event || event.person_id !== person.id))
    late.push({ field: 'eventId', message: 'Select one of this person’s events' })
  const author = r.authorStaffId ? await q.findStaff(trx, r.authorStaffId) : undefined
  if (r.authorStaffId && (!author || (ctx.user?.providerId && author.provider_id !== ctx.user.providerId)))
    late.push({ field: 'authorStaffId', message: 'Select an author from the list' })
  // Only a team of the user's own provider (the teams the form offers): a provider's reports are its own work.
  // A user with no provider (an administrator) acts for every provider and may choose any active team.
  const team = r.teamId ? await q.findTeam(trx, { id: r.teamId }) : undefined
  const providerId = ctx.user?.providerId ?? null
  if (r.teamId && (!team || (providerId !== null && team.provider_id !== providerId)))
    late.push({ field: 'teamId', message: 'Select a team from the list' })
  if (late.length) throw new ValidationError(late)
  return { hearing, author }
}

/**
 * Requests a pre-sentence report. The due date comes from `reportDueDate` (oral same day, short format 5 working
 * days, standard 15; a sooner adjourned hearing wins). Outbox: court.report.requested.
 */
export async function requestReport(
  c: Court,
  ctx: RequestContext,
  crn: string,
  input: NewReportInput,
): Promise<ReportSummary> {
  requirePermission(ctx, 'person:update')
  const r = checkRequest(c, input)
  return withCourtPerson(c, ctx, crn, COURT_WORK, async (trx, person) => {
    const { hearing, author } = await checkLinks(trx, ctx, person, r)
    const id = await q.insertReport(trx, {
      person_id: person.id,
      hearing_id: r.hearingId,
      event_id: r.eventId ?? hearing?.event_id ?? null,
      report_type: r.reportType satisfies PsrType,
      requested_date: r.requestedDate,
      adjourned_to: r.adjournedTo,
      due_date: r.due.dueDate.toString(),
      due_date_basis: r.due.basis,
      author_staff_id: r.authorStaffId,
      team_id: r.teamId ?? author?.team_id ?? ctx.user?.teamId ?? null,
      requested_by: ctx.user?.id ?? null,
    })
    await change(trx, ctx, 'PSR_REQUEST', 'court.report.requested', person.id, person.crn, {
      reportId: id,
      reportType: r.reportType,
      requestedDate: r.requestedDate,
      dueDate: r.due.dueDate.toString(),
      hearingId: r.hearingId,
    })
    const row = await q.findReport(trx, id)
    if (!row) throw new NotFoundError('There is no such report for this person')
    return presentReport(row, c.clock.today())
  })
}
