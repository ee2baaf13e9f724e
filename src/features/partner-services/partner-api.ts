import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type, type TSchema } from 'typebox'
import { ValidationError } from '../../errors.ts'
import { commonErrors, errorResponses } from '../../web/api-schemas.ts'
import { FieldProblems, type Parsed } from '../../web/forms.ts'
import { ctxOf } from '../../web/request-context.ts'
import {
  PARTNER_REFERRAL_VIEW,
  PARTNER_REFERRALS_LIST,
  type PortalListItem,
  type PortalReferralPage,
} from './portal.ts'
import {
  ACHIEVEMENTS,
  actionPlanCommand,
  apiDate,
  incidentCommand,
  sessionCommand,
  type Achievement,
  type ReportCommand,
} from './portal-forms.ts'
import { ReferenceParams } from './portal-routes.ts'
import type { PartnerServicesService } from './service.ts'

/**
 * The partner API (issue 18 item 6), `/api/v1/partner/...`: a partner organisation's own system does what its staff
 * do in the portal — the same use cases, the same walls (a token with the `partner` scope acting as one of the
 * organisation's partner users; only the organisation's referrals; only what was shared), the same audit, and bad
 * input as 400 with `fields`. Events tell it what happened (see the `partner` tag).
 */

const tags = ['partner']
const config = { access: 'referral:partner' } as const
const viewed = { access: 'referral:partner', audit: { writtenBy: 'service', action: PARTNER_REFERRAL_VIEW } } as const
const date = { type: 'string', format: 'date' } as const
const str = { type: 'string' } as const
const nullableStr = { type: 'string', nullable: true } as const

function apiListItem(i: PortalListItem) {
  return {
    reference: i.reference,
    name: i.name,
    service: i.service,
    status: i.status,
    sentOn: i.sentOn.toString(),
    completionDeadline: i.completionDeadline,
    caseworker: i.caseworker,
  }
}

function apiReferral(page: PortalReferralPage) {
  const r = page.referral
  return {
    reference: r.reference,
    status: r.status,
    service: r.service.name,
    loneWorkingGuidance: r.service.loneWorkingGuidance,
    reason: r.reason,
    rarDays: r.rarDays,
    completionDeadline: r.completionDeadline,
    furtherInformation: r.furtherInformation,
    sentAt: r.sentAt.toISOString(),
    acceptedAt: r.acceptedAt?.toISOString() ?? null,
    declinedReason: r.declinedReason,
    completedAt: r.completedAt?.toISOString() ?? null,
    caseworker: r.caseworker?.name ?? null,
    shared: r.shared,
    desiredOutcomes: page.outcomes.map(o => ({ id: o.id, description: o.description })),
    actionPlans: page.plans.map(p => ({
      version: p.version,
      activities: p.activities,
      numberOfSessions: p.numberOfSessions,
      approved: p.approvedAt !== null,
    })),
    sessions: page.sessions.map(s => ({
      sessionNumber: s.number,
      date: String(s.current.session_date).slice(0, 10),
      startTime: s.current.start_time,
      endTime: s.current.end_time,
      attended: s.current.attended,
      notes: s.current.notes,
    })),
    endOfServiceReport: page.report
      ? { outcomes: page.report.outcomes, furtherInformation: page.report.furtherInformation }
      : null,
    incidents: page.incidents.map(i => ({ occurredAt: i.occurred_at.toISOString(), description: i.description })),
  }
}

const obj = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'object',
  properties,
  ...extra,
})

const ListResponse = Type.Unsafe<{ referrals: ReturnType<typeof apiListItem>[] }>(
  obj(
    {
      referrals: {
        type: 'array',
        items: obj({
          reference: str,
          name: str,
          service: str,
          status: str,
          sentOn: date,
          completionDeadline: date,
          caseworker: nullableStr,
        }),
      },
    },
    { description: 'The referrals sent to your organisation, newest first' },
  ),
)

const ReferralResponse = Type.Unsafe<ReturnType<typeof apiReferral>>(
  obj(
    {
      reference: str,
      status: { type: 'string', enum: ['sent', 'accepted', 'declined', 'in_progress', 'completed', 'withdrawn'] },
      service: str,
      loneWorkingGuidance: nullableStr,
      reason: str,
      rarDays: { type: 'integer', nullable: true },
      completionDeadline: date,
      furtherInformation: nullableStr,
      sentAt: { type: 'string', format: 'date-time' },
      acceptedAt: { type: 'string', format: 'date-time', nullable: true },
      declinedReason: nullableStr,
      completedAt: { type: 'string', format: 'date-time', nullable: true },
      caseworker: nullableStr,
      shared: { type: 'object', additionalProperties: true, description: 'What the practitioner shared (frozen)' },
      desiredOutcomes: { type: 'array', items: obj({ id: { type: 'integer' }, description: str }) },
      actionPlans: {
        type: 'array',
        items: obj({
          version: { type: 'integer' },
          activities: { type: 'array', items: str },
          numberOfSessions: { type: 'integer' },
          approved: { type: 'boolean' },
        }),
      },
      sessions: {
        type: 'array',
        items: obj({
          sessionNumber: { type: 'integer' },
          date,
          startTime: str,
          endTime: str,
          attended: { type: 'string', enum: ['yes', 'late', 'no'] },
          notes: nullableStr,
        }),
      },
      endOfServiceReport: obj(
        {
          outcomes: {
            type: 'array',
            items: obj({ outcomeId: { type: 'integer' }, achievement: str, commentary: str }),
          },
          furtherInformation: nullableStr,
        },
        { nullable: true },
      ),
      incidents: {
        type: 'array',
        items: obj({ occurredAt: { type: 'string', format: 'date-time' }, description: str }),
      },
    },
    { description: 'One referral: what was shared with you and your work on it' },
  ),
)

const Done = Type.Object(
  {
    reference: Type.String(),
    version: Type.Optional(Type.Integer({ description: 'the action plan version submitted' })),
    sessionNumber: Type.Optional(Type.Integer({ description: 'the session recorded' })),
  },
  { description: 'Done: the referral’s reference (and the version or session recorded)' },
)
const text = (maxLength: number) => Type.String({ maxLength })
const Bodies = {
  accept: Type.Object({}),
  decline: Type.Object({ reason: Type.Optional(text(5000)) }),
  actionPlan: Type.Object({
    activities: Type.Optional(Type.Array(text(1000), { maxItems: 20 })),
    numberOfSessions: Type.Optional(Type.Integer()),
    version: Type.Optional(Type.Integer({ minimum: 1, description: 'the version this one follows' })),
    newVersion: Type.Optional(Type.Boolean({ description: 'true to submit a new version of an approved plan' })),
  }),
  session: Type.Object({
    sessionNumber: Type.Optional(Type.Integer({ minimum: 1, description: 'to correct a session already recorded' })),
    date: Type.Optional(text(10)),
    startTime: Type.Optional(text(8)),
    endTime: Type.Optional(text(8)),
    attended: Type.Optional(Type.String({ enum: ['yes', 'late', 'no'] })),
    notes: Type.Optional(text(5000)),
    nonAttendanceReason: Type.Optional(text(5000)),
  }),
  report: Type.Object({
    outcomes: Type.Optional(
      Type.Array(
        Type.Object({
          outcomeId: Type.Integer(),
          achievement: Type.Optional(text(30)),
          commentary: Type.Optional(text(5000)),
        }),
        { maxItems: 50 },
      ),
    ),
    furtherInformation: Type.Optional(text(5000)),
  }),
  incident: Type.Object({
    date: Type.Optional(text(10)),
    time: Type.Optional(text(8)),
    description: Type.Optional(text(5000)),
  }),
}

function reportCommand(body: {
  outcomes?: { outcomeId: number; achievement?: string; commentary?: string }[]
  furtherInformation?: string
}): Parsed<ReportCommand> {
  const outcomes = new Map<number, { achievement: Achievement | null; commentary: string }>()
  for (const o of body.outcomes ?? [])
    outcomes.set(o.outcomeId, {
      achievement: ACHIEVEMENTS.find(a => a === o.achievement) ?? null,
      commentary: (o.commentary ?? '').trim(),
    })
  return { ok: true, value: { outcomes, furtherInformation: body.furtherInformation?.trim() || null } }
}

const posted = <B extends TSchema>(summary: string, operationId: string, body: B, description?: string) => ({
  tags,
  operationId,
  summary,
  ...(description ? { description } : {}),
  params: ReferenceParams,
  body,
  response: {
    200: Done,
    400: errorResponses[400],
    404: errorResponses[404],
    409: errorResponses[409],
    ...commonErrors,
  },
})

export const partnerApiRoutes: FastifyPluginAsyncTypebox<{ partnerServices: PartnerServicesService }> = async (
  app,
  { partnerServices },
) => {
  const portal = partnerServices.portal
  app.get(
    '/partner/referrals',
    {
      schema: {
        tags,
        operationId: 'listPartnerReferrals',
        summary: 'The referrals sent to your organisation',
        response: { 200: ListResponse, ...commonErrors },
      },
      config: { access: 'referral:partner', audit: { writtenBy: 'service', action: PARTNER_REFERRALS_LIST } },
    },
    async request => ({ referrals: (await portal.home(ctxOf(request), 'api')).map(apiListItem) }),
  )
  app.get(
    '/partner/referrals/:reference',
    {
      schema: {
        tags,
        operationId: 'getPartnerReferral',
        summary: 'One referral: what was shared, the action plan, sessions, the report and incidents',
        params: ReferenceParams,
        response: { 200: ReferralResponse, 404: errorResponses[404], ...commonErrors },
      },
      config: viewed,
    },
    async request => apiReferral(await portal.referral(ctxOf(request), request.params.reference, 'api')),
  )
  registerChanges(app, portal)
  registerRecords(app, portal)
}

function registerChanges(app: Parameters<FastifyPluginAsyncTypebox>[0], portal: PartnerServicesService['portal']) {
  app.post(
    '/partner/referrals/:reference/accept',
    { schema: posted('Accept a referral just sent', 'acceptPartnerReferral', Bodies.accept), config },
    async request => portal.accept(ctxOf(request), request.params.reference),
  )
  app.post(
    '/partner/referrals/:reference/decline',
    {
      schema: posted('Decline a referral just sent, with the reason', 'declinePartnerReferral', Bodies.decline),
      config,
    },
    async request => {
      const reason = (request.body.reason ?? '').trim()
      const command = reason
        ? { ok: true as const, value: { reason } }
        : { ok: false as const, errors: [{ field: 'reason', message: 'Enter why you are declining the referral' }] }
      return portal.decline(ctxOf(request), request.params.reference, command)
    },
  )
  app.post(
    '/partner/referrals/:reference/action-plans',
    {
      schema: posted(
        'Submit a new version of the action plan for approval',
        'submitPartnerActionPlan',
        Bodies.actionPlan,
        'An approved version is never changed: naming it as `version` without `newVersion` is refused.',
      ),
      config,
    },
    async request => {
      const b = request.body
      const command = actionPlanCommand({
        version: b.version === undefined ? '' : String(b.version),
        newVersion: b.newVersion === true,
        activities: b.activities ?? [],
        numberOfSessions: b.numberOfSessions === undefined ? '' : String(b.numberOfSessions),
      })
      return portal.submitActionPlan(ctxOf(request), request.params.reference, command)
    },
  )
}

function registerRecords(app: Parameters<FastifyPluginAsyncTypebox>[0], portal: PartnerServicesService['portal']) {
  app.post(
    '/partner/referrals/:reference/sessions',
    {
      schema: posted(
        'Record a session (or correct one with `sessionNumber`)',
        'recordPartnerSession',
        Bodies.session,
        'A non-attendance prompts the probation practitioner the same day.',
      ),
      config,
    },
    async request => {
      const b = request.body
      const p = new FieldProblems()
      const day = apiDate(b.date, 'date', 'Session date', p)
      const command = sessionCommand(
        {
          date: day,
          startTime: b.startTime ?? '',
          endTime: b.endTime ?? '',
          attended: b.attended ?? '',
          notes: b.notes?.trim() ?? '',
          why: b.nonAttendanceReason?.trim() ?? '',
        },
        p,
      )
      return renamed({ 'date-day': 'date' }, () =>
        portal.recordSession(ctxOf(request), request.params.reference, b.sessionNumber ?? null, command),
      )
    },
  )
  app.post(
    '/partner/referrals/:reference/end-of-service-report',
    {
      schema: posted(
        'Submit the end-of-service report: completes the referral',
        'submitPartnerEndOfServiceReport',
        Bodies.report,
      ),
      config,
    },
    async request => portal.endOfServiceReport(ctxOf(request), request.params.reference, reportCommand(request.body)),
  )
  app.post(
    '/partner/referrals/:reference/incidents',
    {
      schema: posted('Report an incident to the probation practitioner', 'reportPartnerIncident', Bodies.incident),
      config,
    },
    async request => {
      const b = request.body
      const p = new FieldProblems()
      const day = apiDate(b.date, 'date', 'Date of the incident', p)
      const command = incidentCommand({ date: day, time: b.time ?? '', description: b.description ?? '' }, p)
      return renamed({ 'date-day': 'date' }, () =>
        portal.reportIncident(ctxOf(request), request.params.reference, command),
      )
    },
  )
}

/** The API names a field as its body does (`date`, not the form's `date-day`). */
async function renamed<T>(names: Record<string, string>, change: () => Promise<T>): Promise<T> {
  try {
    return await change()
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e
    throw new ValidationError(e.errors.map(f => ({ ...f, field: names[f.field] ?? f.field })))
  }
}
