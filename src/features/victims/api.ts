import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { commonErrors, errorResponses } from '../../web/api-schemas.ts'
import { ctxOf } from '../../web/request-context.ts'
import { checkReferral, type ReferralInput } from './forms.ts'
import type { VictimRecord } from './record.ts'
import { VictimParams } from './routes.ts'
import type { VictimsService } from './service.ts'
import { victimTaskApiRoutes } from './tasks-api.ts'

/**
 * The Victim Contact Scheme over the JSON API, all under `/api/v1/victims`: a token reaches these only with the
 * 'victims' scope (and a victim liaison role); victim data is on no other API. Reading a victim (their details,
 * decisions, contacts) and recording a referral from the witness care unit's system, refused (400, the fields named)
 * for the same reasons as the page's form. Thin: access, audit and outbox events are the service's.
 */

const tags = ['victims']
const nullableString = { type: 'string', nullable: true } as const
const nullableDate = { type: 'string', format: 'date', nullable: true } as const

const RESPONSE = {
  description: 'A victim: who, the current contact details and wishes, referrals, decisions and contacts',
  type: 'object',
  properties: {
    id: { type: 'integer' },
    offenderCrn: { type: 'string', description: 'The CRN of the offender the victim is a victim of' },
    forename: { type: 'string' },
    surname: { type: 'string' },
    dateOfBirth: nullableDate,
    details: {
      type: 'object',
      nullable: true,
      description: 'The current version (earlier versions are kept)',
      properties: {
        addressLine1: nullableString,
        addressLine2: nullableString,
        town: nullableString,
        postcode: nullableString,
        phone: nullableString,
        email: nullableString,
        preferredMethod: nullableString,
        noContactWish: { type: 'boolean' },
        wishes: nullableString,
      },
    },
    referrals: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          referredOn: { type: 'string', format: 'date' },
          referredBy: { type: 'string' },
          source: { type: 'string' },
        },
      },
    },
    officer: nullableString,
    decisions: {
      type: 'array',
      description: 'Opting in or out, the latest (current) first',
      items: {
        type: 'object',
        properties: {
          decision: { type: 'string', enum: ['opt_in', 'opt_out'] },
          decidedOn: { type: 'string', format: 'date' },
          notes: nullableString,
        },
      },
    },
    contacts: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          contactOn: { type: 'string', format: 'date' },
          method: { type: 'string' },
          summary: { type: 'string' },
        },
      },
    },
  },
} as const

const iso = (d: string | null) => (d ? String(d).slice(0, 10) : null)

/** The victim's record as the API shows it: the current details, not their history. */
function apiVictim(r: VictimRecord) {
  const d = r.details[0]
  return {
    id: r.victim.id,
    offenderCrn: r.victim.crn,
    forename: r.victim.forename,
    surname: r.victim.surname,
    dateOfBirth: iso(r.victim.date_of_birth),
    details: d
      ? {
          addressLine1: d.address_line1,
          addressLine2: d.address_line2,
          town: d.town,
          postcode: d.postcode,
          phone: d.phone,
          email: d.email,
          preferredMethod: d.preferred_method,
          noContactWish: d.no_contact_wish,
          wishes: d.wishes,
        }
      : null,
    referrals: r.referrals.map(x => ({ referredOn: iso(x.referred_on), referredBy: x.referred_by, source: x.source })),
    officer: r.assignments[0]?.officer_name ?? null,
    decisions: r.decisions.map(x => ({ decision: x.decision, decidedOn: iso(x.decided_on), notes: x.notes })),
    contacts: r.contacts.map(x => ({ contactOn: iso(x.contact_on), method: x.method, summary: x.summary })),
  }
}

// Typed as what `apiVictim` returns: the JSON schema's `nullable` is beyond the type provider's inference.
const VictimResponse = Type.Unsafe<ReturnType<typeof apiVictim>>(RESPONSE)

const text = (maxLength: number, description?: string) => ({
  type: 'string',
  maxLength,
  ...(description ? { description } : {}),
})
const ReferralBody = Type.Unsafe<ReferralInput>({
  type: 'object',
  additionalProperties: false,
  required: ['crn', 'forename', 'surname', 'referredOn', 'referredBy'],
  properties: {
    crn: text(20, 'The offender’s CRN'),
    forename: text(200),
    surname: text(200),
    dateOfBirth: text(10, 'YYYY-MM-DD, optional'),
    addressLine1: text(300),
    addressLine2: text(300),
    town: text(200),
    postcode: text(20),
    phone: text(60),
    email: text(300),
    preferredMethod: { type: 'string', enum: ['letter', 'phone', 'email', 'visit', ''] },
    noContactWish: { type: 'boolean', description: 'The victim does not want to be contacted' },
    wishes: text(5000),
    referredOn: text(10, 'The day of the referral (YYYY-MM-DD)'),
    referredBy: text(300, 'The referring witness care unit'),
  },
})

/**
 * The answer to a referral: the new victim's id only. The API keeps answers to POSTs with an `Idempotency-Key` (to
 * replay them), so an answer holding the victim's name or address would put them outside the victims tables.
 */
const CreatedResponse = Type.Object(
  { id: Type.Integer({ description: 'The victim’s id: GET /api/v1/victims/{victimId} reads the record' }) },
  { description: 'The referral was recorded' },
)

type Options = { victims: VictimsService }

export const victimsApiRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { victims }) => {
  // A victim's tasks (the victims tasks feature's own file).
  await app.register(victimTaskApiRoutes, { victims })
  app.get(
    '/victims/:victimId',
    {
      schema: {
        tags,
        operationId: 'getVictim',
        summary: 'A victim: current contact details and wishes, referrals, decisions, contacts (victims scope)',
        params: VictimParams,
        response: { 200: VictimResponse, 404: errorResponses[404], ...commonErrors },
      },
      config: { access: 'victim:read', audit: { writtenBy: 'service', action: 'VICTIM_VIEW' } },
    },
    async request => apiVictim(await victims.record(ctxOf(request), Number(request.params.victimId), 'api')),
  )

  app.post(
    '/victims/referrals',
    {
      schema: {
        tags,
        operationId: 'recordVictimReferral',
        summary: 'Record a referral from the witness care unit: the victim, how to contact them, their wishes',
        description:
          'Refused (400, the field named) without a way of contacting the victim (address, phone or email) or their ' +
          'recorded wish not to be contacted (`contact`), for an unknown CRN (`crn`), or for a case the caller ' +
          'manages (conflict of interest). Answers with the new victim’s id only (and `Location`). Event: ' +
          '`victim.referral-recorded` (ids only).',
        body: ReferralBody,
        response: { 201: CreatedResponse, 400: errorResponses[400], ...commonErrors },
      },
      config: { access: 'victim:write' },
    },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const { victimId } = await victims.recordReferral(ctx, checkReferral(request.body), 'api')
      return reply.code(201).header('location', `/api/v1/victims/${victimId}`).send({ id: victimId })
    },
  )
}
