import type { LocalDate } from '@js-joda/core'
import { audit, type RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import { londonDate } from '../../clock.ts'
import type { ReferralStatus } from '../../db/schema.ts'
import { sessionsBlocked } from '../../domain/partner-services/portal-rules.ts'
import type { SharedSummary } from '../../domain/partner-services/shared-summary.ts'
import { ForbiddenError, NotFoundError } from '../../errors.ts'
import { partnerOrganisationOf, type PartnerDeps } from './context.ts'
import { createPortalChanges } from './portal-changes.ts'
import { createPortalSessions } from './portal-sessions.ts'
import * as q from './queries/portal.ts'

/**
 * The partner portal's use cases (issue 18 items 3–4): a partner organisation's staff see only the referrals sent to
 * their organisation, and of each only what was shared (the frozen summary and the referral's own fields). Every
 * use case finds the referral by its reference AND the user's organisation: another organisation's referral is the
 * same "no such referral" as an unknown one. Every look is audited with the person's id (basis "partner referral").
 * Changes: `portal-changes.ts` (accept, decline, caseworker, action plan, report, incident) and
 * `portal-sessions.ts` (sessions).
 */

/** The audit trail's basis for a look through the partner portal. */
export const PARTNER_BASIS = 'partner referral'
export const PARTNER_REFERRAL_VIEW = 'PARTNER_REFERRAL_VIEW'
export const PARTNER_REFERRALS_LIST = 'PARTNER_REFERRALS_LIST'

export interface PortalReferral {
  readonly id: number
  readonly reference: string
  readonly personId: number
  readonly eventId: number | null
  readonly requirementId: number | null
  readonly organisationId: number
  readonly organisationName: string
  readonly service: {
    readonly id: number
    readonly name: string
    readonly deliversRar: boolean
    readonly loneWorkingGuidance: string | null
  }
  readonly status: ReferralStatus
  readonly reason: string
  readonly rarDays: number | null
  readonly completionDeadline: string
  readonly furtherInformation: string | null
  readonly shared: SharedSummary
  readonly sentAt: Date
  readonly acceptedAt: Date | null
  readonly declinedReason: string | null
  readonly withdrawnReason: string | null
  readonly completedAt: Date | null
  readonly caseworker: { readonly id: number; readonly name: string } | null
  readonly version: number
}

const idOrNull = (v: number | string | null) => (v === null ? null : Number(v))

function referralOf(r: q.PortalReferralRow): PortalReferral {
  return {
    id: Number(r.id),
    reference: r.reference,
    personId: Number(r.person_id),
    eventId: idOrNull(r.event_id),
    requirementId: idOrNull(r.requirement_id),
    organisationId: Number(r.organisation_id),
    organisationName: r.organisation_name,
    service: {
      id: Number(r.service_id),
      name: r.service_name,
      deliversRar: r.delivers_rar,
      loneWorkingGuidance: r.lone_working_guidance,
    },
    status: r.status,
    reason: r.reason,
    rarDays: r.rar_days,
    completionDeadline: String(r.completion_deadline).slice(0, 10),
    furtherInformation: r.further_information,
    shared: (typeof r.shared === 'string' ? JSON.parse(r.shared) : r.shared) as SharedSummary,
    sentAt: r.sent_at,
    acceptedAt: r.accepted_at,
    declinedReason: r.declined_reason,
    withdrawnReason: r.withdrawn_reason,
    completedAt: r.completed_at,
    caseworker:
      r.caseworker_user_id === null ? null : { id: Number(r.caseworker_user_id), name: r.caseworker_name ?? '' },
    version: Number(r.version),
  }
}

/** The partner user's organisation; a user of no organisation has no portal. */
export function organisationOf(ctx: RequestContext): number {
  const organisationId = partnerOrganisationOf(ctx)
  if (organisationId === undefined) throw new ForbiddenError('Only a partner organisation’s staff use the portal')
  return organisationId
}

/** The organisation's referral by its reference, or "There is no such referral" (unknown, or another's). */
export async function openReferral(db: Executor, ctx: RequestContext, reference: string): Promise<PortalReferral> {
  const row = await q.findOrganisationReferral(db, organisationOf(ctx), reference)
  if (!row) throw new NotFoundError('There is no such referral')
  return referralOf(row)
}

/** Writes the look at a referral (a page or the API) to the audit trail, with the person's id. */
export async function auditLook(db: Executor, ctx: RequestContext, r: PortalReferral, view: string) {
  await audit(db, ctx, {
    action: PARTNER_REFERRAL_VIEW,
    personId: r.personId,
    subject: r.reference,
    detail: { basis: PARTNER_BASIS, reference: r.reference, organisationId: r.organisationId, view },
  })
}

export interface PortalListItem {
  readonly reference: string
  readonly name: string
  readonly service: string
  readonly status: ReferralStatus
  readonly sentOn: LocalDate
  readonly completionDeadline: string
  readonly caseworker: string | null
}

async function home(deps: PartnerDeps, ctx: RequestContext, via: string): Promise<PortalListItem[]> {
  const organisationId = organisationOf(ctx)
  return deps.db.transaction().execute(async trx => {
    const rows = await q.listOrganisationReferrals(trx, organisationId)
    await audit(trx, ctx, {
      action: PARTNER_REFERRALS_LIST,
      detail: { basis: PARTNER_BASIS, organisationId, view: via },
      shownPersonIds: rows.map(r => Number(r.person_id)),
    })
    return rows.map(r => ({
      reference: r.reference,
      name: ((typeof r.shared === 'string' ? JSON.parse(r.shared) : r.shared) as SharedSummary).person.name,
      service: r.service_name,
      status: r.status,
      sentOn: londonDate(r.sent_at),
      completionDeadline: String(r.completion_deadline).slice(0, 10),
      caseworker: r.caseworker_name,
    }))
  })
}

/** A session as it stands (its latest record) with how many times it was corrected. */
export interface PortalSession {
  readonly number: number
  readonly current: q.SessionRecordRow
  readonly corrections: number
}

export function currentSessions(records: readonly q.SessionRecordRow[]): PortalSession[] {
  const byNumber = new Map<number, q.SessionRecordRow[]>()
  for (const r of records) byNumber.set(r.session_number, [...(byNumber.get(r.session_number) ?? []), r])
  return [...byNumber.entries()]
    .sort(([a], [b]) => a - b)
    .map(([number, rows]) => ({ number, current: rows[rows.length - 1]!, corrections: rows.length - 1 }))
}

export interface PortalPlan {
  readonly version: number
  readonly activities: string[]
  readonly numberOfSessions: number
  readonly submittedAt: Date
  readonly approvedAt: Date | null
  readonly approvedBy: string | null
}

export async function plansOf(db: Executor, referralId: number): Promise<PortalPlan[]> {
  return (await q.listActionPlans(db, referralId)).map(p => ({
    version: p.version_number,
    activities: (typeof p.activities === 'string' ? JSON.parse(p.activities) : p.activities) as string[],
    numberOfSessions: p.number_of_sessions,
    submittedAt: p.submitted_at,
    approvedAt: p.approved_at,
    approvedBy: p.approved_by_name,
  }))
}

export interface EndOfServiceOutcome {
  readonly outcomeId: number
  readonly achievement: 'achieved' | 'partially_achieved' | 'not_achieved'
  readonly commentary: string
}

/** Everything the partner sees of one referral: what was shared, the plan, sessions, the report and incidents. */
async function referralPage(deps: PartnerDeps, ctx: RequestContext, reference: string, view: string) {
  return deps.db.transaction().execute(async trx => {
    const referral = await openReferral(trx, ctx, reference)
    const [outcomes, plans, records, report, incidents, caseworkers] = await Promise.all([
      q.listDesiredOutcomes(trx, referral.id),
      plansOf(trx, referral.id),
      q.listSessionRecords(trx, referral.id),
      q.findEndOfServiceReport(trx, referral.id),
      q.listIncidents(trx, referral.id),
      q.listOrganisationCaseworkers(trx, referral.organisationId),
    ])
    await auditLook(trx, ctx, referral, view)
    const approved = plans.some(p => p.approvedAt !== null)
    return {
      referral,
      outcomes: outcomes.map(o => ({ id: Number(o.id), position: o.position, description: o.description })),
      plans,
      sessions: currentSessions(records),
      report: report
        ? {
            outcomes: (typeof report.outcomes === 'string'
              ? JSON.parse(report.outcomes)
              : report.outcomes) as EndOfServiceOutcome[],
            furtherInformation: report.further_information,
            submittedAt: report.submitted_at,
          }
        : null,
      incidents: incidents.map(i => ({ ...i, id: Number(i.id) })),
      caseworkers: caseworkers.map(c => ({ id: Number(c.id), name: c.display_name })),
      sessionsBlocked: sessionsBlocked(referral.status, approved),
    }
  })
}

export type PortalReferralPage = Awaited<ReturnType<typeof referralPage>>

export function createPortalUseCases(deps: PartnerDeps) {
  return {
    /** The organisation's referrals (audited as a list with each person shown). */
    home: (ctx: RequestContext, via = 'portal') => home(deps, ctx, via),
    /** One referral as its page (or a form about it) shows it; `view` names the page in the audit row. */
    referral: (ctx: RequestContext, reference: string, view = 'referral') => referralPage(deps, ctx, reference, view),
    ...createPortalChanges(deps),
    ...createPortalSessions(deps),
  }
}

export type PortalUseCases = ReturnType<typeof createPortalUseCases>
