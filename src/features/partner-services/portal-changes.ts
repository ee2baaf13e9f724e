import { audit, publish, type RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import { londonDate } from '../../clock.ts'
import { planRefusal, reportRefusal } from '../../domain/partner-services/portal-rules.ts'
import { ConflictError, ValidationError, type FieldError } from '../../errors.ts'
import type { Parsed } from '../../web/forms.ts'
import { formatDate } from '../../web/filters.ts'
import { londonInstant } from '../supervision/index.ts'
import type { PartnerDeps } from './context.ts'
import { openReferral, PARTNER_BASIS, plansOf, type EndOfServiceOutcome, type PortalReferral } from './portal.ts'
import type {
  ActionPlanCommand,
  CaseworkerCommand,
  DeclineCommand,
  IncidentCommand,
  ReportCommand,
} from './portal-forms.ts'
import * as q from './queries/portal.ts'

/**
 * The partner's changes to a referral (issue 18 items 3–4), each in one transaction with its audit row (basis
 * "partner referral") and its event: accept or decline (only a referral just sent), the caseworker (one of the
 * organisation's active partner users), a new version of the action plan (an approved version is never changed),
 * the end-of-service report (completes the referral, once) and an incident report back to the practitioner.
 */

/** The event's payload: the referral, never the person's CRN (partners integrate by the reference). */
const eventOf = (r: PortalReferral, extra: Record<string, unknown> = {}) => ({
  reference: r.reference,
  organisationId: r.organisationId,
  serviceId: r.service.id,
  ...extra,
})

export async function recorded(
  trx: Executor,
  ctx: RequestContext,
  r: PortalReferral,
  change: { action: string; event?: string; detail?: Record<string, unknown> },
) {
  const detail = { basis: PARTNER_BASIS, reference: r.reference, organisationId: r.organisationId, ...change.detail }
  await audit(trx, ctx, { action: change.action, personId: r.personId, subject: r.reference, detail })
  if (change.event) await publish(trx, change.event, r.personId, eventOf(r, change.detail))
}

export async function moveStatus(
  trx: Executor,
  ctx: RequestContext,
  r: PortalReferral,
  set: Parameters<typeof q.updateReferral>[3] & { status: PortalReferral['status'] },
  reason: string | null,
) {
  if (!(await q.updateReferral(trx, r.id, r.version, set)))
    throw new ConflictError('Someone else changed this referral meanwhile: check it and try again')
  await q.insertStatusHistory(trx, { referral_id: r.id, status: set.status, reason, changed_by: ctx.user?.id ?? null })
}

export const only = (field: string, message: string) => new ValidationError([{ field, message }])

function fromSent(r: PortalReferral, field: string, doing: string) {
  if (r.status !== 'sent') throw only(field, `This referral is ${r.status.replace('_', ' ')}: it cannot be ${doing}`)
}

function reportProblems(outcomes: { id: number }[], c: ReportCommand): FieldError[] {
  const errors: FieldError[] = []
  outcomes.forEach((o, i) => {
    const answer = c.outcomes.get(o.id)
    if (!answer?.achievement)
      errors.push({ field: `achievement-${o.id}`, message: `Select how far desired outcome ${i + 1} was achieved` })
    if (!answer?.commentary)
      errors.push({ field: `commentary-${o.id}`, message: `Enter your commentary on desired outcome ${i + 1}` })
    else if (answer.commentary.length > 5000)
      errors.push({ field: `commentary-${o.id}`, message: 'Commentary must be 5000 characters or fewer' })
  })
  return errors
}

export function createPortalChanges(deps: PartnerDeps) {
  const { db, clock } = deps
  const by = (ctx: RequestContext) => ctx.user?.id ?? null
  return {
    /** Accepts a referral just sent: it is the organisation's to deliver. */
    accept: (ctx: RequestContext, reference: string) =>
      db.transaction().execute(async trx => {
        const r = await openReferral(trx, ctx, reference)
        fromSent(r, 'accept', 'accepted')
        await moveStatus(trx, ctx, r, { status: 'accepted', accepted_at: clock.now() }, null)
        await recorded(trx, ctx, r, { action: 'PARTNER_REFERRAL_ACCEPT', event: 'referral.accepted' })
        return { reference }
      }),

    /** Declines a referral just sent, with the reason the practitioner is told. */
    decline: (ctx: RequestContext, reference: string, command: Parsed<DeclineCommand>) =>
      db.transaction().execute(async trx => {
        const r = await openReferral(trx, ctx, reference)
        fromSent(r, 'reason', 'declined')
        if (!command.ok) throw new ValidationError(command.errors)
        const reason = command.value.reason
        await moveStatus(trx, ctx, r, { status: 'declined', declined_reason: reason }, reason)
        await recorded(trx, ctx, r, { action: 'PARTNER_REFERRAL_DECLINE', event: 'referral.declined' })
        return { reference }
      }),

    /** Gives the referral a caseworker: one of the organisation's active partner users. */
    assignCaseworker: (ctx: RequestContext, reference: string, command: Parsed<CaseworkerCommand>) =>
      db.transaction().execute(async trx => {
        const r = await openReferral(trx, ctx, reference)
        if (!command.ok) throw new ValidationError(command.errors)
        const staff = await q.listOrganisationCaseworkers(trx, r.organisationId)
        const chosen = staff.find(s => Number(s.id) === command.value.userId)
        if (!chosen) throw only('caseworker', 'Select one of your organisation’s caseworkers')
        if (['declined', 'withdrawn', 'completed'].includes(r.status))
          throw only('caseworker', `This referral is ${r.status}: it needs no caseworker`)
        if (!(await q.updateReferral(trx, r.id, r.version, { caseworker_user_id: command.value.userId })))
          throw new ConflictError('Someone else changed this referral meanwhile: check it and try again')
        await recorded(trx, ctx, r, {
          action: 'PARTNER_CASEWORKER_ASSIGN',
          detail: { caseworker: chosen.display_name },
        })
        return { reference }
      }),

    /** Submits the action plan as a new version for the probation practitioner to approve. */
    submitActionPlan: (ctx: RequestContext, reference: string, command: Parsed<ActionPlanCommand>) =>
      db.transaction().execute(async trx => {
        const r = await openReferral(trx, ctx, reference)
        const plans = await plansOf(trx, r.id)
        const approved = plans
          .filter(p => p.approvedAt)
          .map(p => ({ version: p.version, approvedOn: londonDate(p.approvedAt!).toString() }))
        const editing = command.ok ? command.value.editing : null
        const newVersion = command.ok && command.value.newVersion
        const refusal = planRefusal(r.status, { editing, newVersion, approved })
        if (refusal) throw only('activities', refusal)
        if (!command.ok) throw new ValidationError(command.errors)
        const version = (plans.at(-1)?.version ?? 0) + 1
        const c = command.value
        await q.insertActionPlan(trx, {
          referral_id: r.id,
          version_number: version,
          activities: c.activities,
          number_of_sessions: c.numberOfSessions,
          by: by(ctx),
        })
        await recorded(trx, ctx, r, {
          action: 'PARTNER_ACTION_PLAN_SUBMIT',
          event: 'referral.action-plan.submitted',
          detail: { version },
        })
        return { reference, version }
      }),

    ...createPortalReports(deps),
  }
}

function createPortalReports({ db, clock }: PartnerDeps) {
  const by = (ctx: RequestContext) => ctx.user?.id ?? null
  return {
    /** The end-of-service report: per desired outcome how far it was achieved; completes the referral, once. */
    endOfServiceReport: (ctx: RequestContext, reference: string, command: Parsed<ReportCommand>) =>
      db.transaction().execute(async trx => {
        const r = await openReferral(trx, ctx, reference)
        const refusal = reportRefusal(r.status)
        if (refusal) throw only('report', refusal)
        const outcomes = (await q.listDesiredOutcomes(trx, r.id)).map(o => ({ id: Number(o.id) }))
        const errors = [...(command.ok ? reportProblems(outcomes, command.value) : command.errors)]
        if (errors.length) throw new ValidationError(errors)
        if (!command.ok) throw new ValidationError(command.errors)
        const c = command.value
        const answers: EndOfServiceOutcome[] = outcomes.map(o => {
          const a = c.outcomes.get(o.id)!
          return { outcomeId: o.id, achievement: a.achievement!, commentary: a.commentary }
        })
        const reportId = await q.insertEndOfServiceReport(trx, {
          referral_id: r.id,
          outcomes: answers,
          further_information: c.furtherInformation,
          by: by(ctx),
        })
        await moveStatus(trx, ctx, r, { status: 'completed', completed_at: clock.now() }, null)
        const achieved = answers.filter(a => a.achievement === 'achieved').length
        await recorded(trx, ctx, r, {
          action: 'PARTNER_REPORT_SUBMIT',
          event: 'referral.completed',
          detail: { reportId, outcomes: answers.length, achieved },
        })
        return { reference }
      }),

    /** An incident a partner worker reports back to the practitioner (shown on the referral's page). */
    reportIncident: (ctx: RequestContext, reference: string, command: Parsed<IncidentCommand>) =>
      db.transaction().execute(async trx => {
        const r = await openReferral(trx, ctx, reference)
        if (!command.ok) throw new ValidationError(command.errors)
        const c = command.value
        const [hour, minute] = c.time.split(':').map(Number) as [number, number]
        const occurredAt = londonInstant(c.date, hour, minute)
        if (occurredAt.getTime() > clock.now().getTime()) throw only('date-day', 'The incident cannot be in the future')
        const sentOn = londonDate(r.sentAt)
        if (c.date.isBefore(sentOn))
          throw only(
            'date-day',
            `The incident must be on or after ${formatDate(sentOn.toString())}, when the referral was sent`,
          )
        const incidentId = await q.insertIncident(trx, {
          referral_id: r.id,
          occurred_at: occurredAt,
          description: c.description,
          by: by(ctx),
        })
        await recorded(trx, ctx, r, {
          action: 'PARTNER_INCIDENT_REPORT',
          event: 'referral.incident-reported',
          detail: { incidentId },
        })
        return { reference, incidentId }
      }),
  }
}
