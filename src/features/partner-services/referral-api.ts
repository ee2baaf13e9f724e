import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { commonErrors, errorResponses } from '../../web/api-schemas.ts'
import { ctxOf } from '../../web/request-context.ts'
import { CrnIdParams, CrnParams } from '../../web/schemas.ts'
import type { ReferralPage, ReferralsPage } from './referrals.ts'
import type { PartnerServicesService } from './service.ts'

/**
 * A case's referrals over the JSON API (`/api/v1`, issue 18 items 2 and 6): the list, one referral with what was
 * shared and what the partner recorded, and sending one (400 with `fields` for each refusal: a limited-access record,
 * a closed or ineligible service, no desired outcomes, a deadline outside the order, the sensitive-information check
 * not confirmed). Thin: reading, access, audit and events are the pages' (REFERRAL_VIEW, REFERRAL_SENT).
 */

const tags = ['partner-services']
const date = { type: 'string', format: 'date' } as const
const dateTime = { type: 'string', format: 'date-time' } as const
const str = { type: 'string' } as const
const nullable = (schema: object) => ({ anyOf: [schema, { type: 'null' }] })
const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : new Date(String(d)).toISOString())

function apiListItem(r: ReferralsPage['referrals'][number]) {
  return {
    id: Number(r.id),
    reference: r.reference,
    service: r.service,
    organisation: r.organisation,
    status: r.status,
    sentAt: iso(r.sent_at),
    completionDeadline: String(r.completion_deadline),
    sessionsAttended: Number(r.attended),
    sessionsPlanned: r.planned === null ? null : Number(r.planned),
  }
}

const ListItem = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    reference: { ...str, description: 'Two letters, four digits, two letters, e.g. AB1234CD' },
    service: str,
    organisation: str,
    status: { type: 'string', enum: ['sent', 'accepted', 'declined', 'in_progress', 'completed', 'withdrawn'] },
    sentAt: dateTime,
    completionDeadline: date,
    sessionsAttended: { type: 'integer' },
    sessionsPlanned: nullable({ type: 'integer' }),
  },
} as const

const ListResponse = Type.Unsafe<{ referrals: ReturnType<typeof apiListItem>[] }>({
  description: 'A person’s referrals to partner services, newest first',
  type: 'object',
  properties: { referrals: { type: 'array', items: ListItem } },
})

function apiReferral(page: ReferralPage) {
  const r = page.referral
  const replaced = new Set(
    page.records.sessions
      .map(s => s.replaces_id)
      .filter(id => id !== null)
      .map(Number),
  )
  return {
    ...apiListItem({ ...r, attended: 0, planned: null }),
    reason: r.reason,
    rarDays: r.rar_days,
    furtherInformation: r.further_information,
    caseworker: r.caseworker,
    desiredOutcomes: page.records.outcomes.map(o => ({ id: Number(o.id), description: o.description })),
    shared: page.shared as unknown as Record<string, unknown>,
    history: page.records.history.map(h => ({ status: h.status, reason: h.reason, at: iso(h.changed_at) })),
    actionPlans: page.records.plans.map(p => ({
      version: p.version_number,
      numberOfSessions: p.number_of_sessions,
      approvedAt: p.approved_at ? iso(p.approved_at) : null,
    })),
    sessions: page.records.sessions
      .filter(s => !replaced.has(Number(s.id)))
      .map(s => ({ number: s.session_number, date: String(s.session_date), attended: s.attended })),
  }
}

const { sessionsAttended: _a, sessionsPlanned: _p, ...itemProperties } = ListItem.properties
const ReferralResponse = Type.Unsafe<ReturnType<typeof apiReferral>>({
  description: 'A referral: what was asked, what was shared with the partner and what the partner recorded',
  type: 'object',
  properties: {
    ...itemProperties,
    reason: str,
    rarDays: nullable({ type: 'integer' }),
    furtherInformation: nullable(str),
    caseworker: nullable({ ...str, description: 'The partner’s caseworker' }),
    desiredOutcomes: {
      type: 'array',
      items: { type: 'object', properties: { id: { type: 'integer' }, description: str } },
    },
    shared: {
      type: 'object',
      additionalProperties: true,
      description: 'Exactly what the partner was told (person, address if chosen, RoSH, flags, practitioner, order)',
    },
    history: {
      type: 'array',
      items: { type: 'object', properties: { status: str, reason: nullable(str), at: dateTime } },
    },
    actionPlans: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          version: { type: 'integer' },
          numberOfSessions: { type: 'integer' },
          approvedAt: nullable(dateTime),
        },
      },
    },
    sessions: {
      type: 'array',
      items: {
        type: 'object',
        properties: { number: { type: 'integer' }, date, attended: { type: 'string', enum: ['yes', 'late', 'no'] } },
      },
    },
  },
})

const SendBody = Type.Object(
  {
    serviceId: Type.Integer({ minimum: 1 }),
    reason: Type.String({ maxLength: 5000 }),
    desiredOutcomes: Type.Array(Type.String({ maxLength: 1000 }), { maxItems: 20 }),
    completionDeadline: Type.String({ format: 'date' }),
    rarDays: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 100_000 }), Type.Null()])),
    furtherInformation: Type.Optional(Type.Union([Type.String({ maxLength: 5000 }), Type.Null()])),
    shareAddress: Type.Optional(Type.Boolean()),
    sensitiveInformationChecked: Type.Boolean({
      description: 'The practitioner checked that nothing identifies a victim or anyone who has not agreed to share',
    }),
  },
  { additionalProperties: false },
)

const Created = Type.Object(
  { id: Type.Integer(), reference: Type.String({ description: 'The referral’s reference, e.g. AB1234CD' }) },
  { description: 'The referral was sent: its id and reference (and `Location`)' },
)

export const referralApiRoutes: FastifyPluginAsyncTypebox<{ partnerServices: PartnerServicesService }> = async (
  app,
  { partnerServices },
) => {
  app.get(
    '/people/:crn/referrals',
    {
      schema: {
        tags,
        operationId: 'listPersonReferrals',
        summary: 'A person’s referrals to partner services, with status and sessions attended',
        params: CrnParams,
        response: { 200: ListResponse, 404: errorResponses[404], ...commonErrors },
      },
      config: { access: 'person:read', audit: { action: 'REFERRAL_VIEW', page: 'api-referrals' } },
    },
    async request => {
      const page = await partnerServices.referrals.list(ctxOf(request), request.params.crn.toUpperCase())
      return { referrals: page.referrals.map(apiListItem) }
    },
  )
  app.get(
    '/people/:crn/referrals/:id',
    {
      schema: {
        tags,
        operationId: 'getPersonReferral',
        summary: 'One referral: what was shared, the desired outcomes, plans and sessions',
        params: CrnIdParams,
        response: { 200: ReferralResponse, 404: errorResponses[404], ...commonErrors },
      },
      config: { access: 'person:read', audit: { action: 'REFERRAL_VIEW', page: 'api-referral' } },
    },
    async request =>
      apiReferral(
        await partnerServices.referrals.referral(
          ctxOf(request),
          request.params.crn.toUpperCase(),
          Number(request.params.id),
        ),
      ),
  )
  app.post(
    '/people/:crn/referrals',
    {
      schema: {
        tags,
        operationId: 'sendPersonReferral',
        summary: 'Refer the person to a partner service',
        description:
          'Refused (400, each field named, nothing saved) for a limited-access record or a service that is closed or ' +
          'does not take the person (`serviceId`), no reason (`reason`), no desired outcomes (`outcome-1`), a ' +
          'deadline not after today or after the order ends (`completionDeadline-day`), RAR days over the ' +
          'requirement’s (`rarDays`) or the sensitive-information check not confirmed (`sensitiveCheck`). ' +
          'Event: `referral.sent` (reference, organisation and service ids only).',
        params: CrnParams,
        body: SendBody,
        response: { 201: Created, 400: errorResponses[400], 404: errorResponses[404], ...commonErrors },
      },
      config: { access: 'person:update' },
    },
    async (request, reply) => {
      const b = request.body
      const sent = await partnerServices.referrals.send(ctxOf(request), request.params.crn.toUpperCase(), b.serviceId, {
        reference: null,
        reason: b.reason.trim(),
        desiredOutcomes: b.desiredOutcomes.map(o => o.trim()).filter(Boolean),
        completionDeadline: b.completionDeadline,
        rarDays: b.rarDays ?? null,
        furtherInformation: b.furtherInformation?.trim() || null,
        shareAddress: b.shareAddress ?? false,
        sensitiveInformationChecked: b.sensitiveInformationChecked,
      })
      return reply
        .code(201)
        .header('location', `/api/v1/people/${sent.crn}/referrals/${sent.id}`)
        .send({ id: sent.id, reference: sent.reference })
    },
  )
}
