import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { DateTimeException, LocalDate } from '@js-joda/core'
import { Type } from 'typebox'
import { bedCharacteristics } from '../../domain/approved-premises/index.ts'
import { ValidationError, type FieldError } from '../../errors.ts'
import { commonErrors, errorResponses } from '../../web/api-schemas.ts'
import type { Parsed } from '../../web/forms.ts'
import { ctxOf } from '../../web/request-context.ts'
import { Id, textQuery } from '../../web/schemas.ts'
import type { BedPlan } from './bed-plan.ts'
import type { BookingCommand } from './forms.ts'
import type { PremisesListRow } from './queries.ts'
import type { ApprovedPremisesService } from './service.ts'
import { applicationApiRoutes } from './application-api.ts'
import { stayApiRoutes } from './stay-api.ts'

/**
 * Approved premises over the JSON API (`/api/v1`): the premises the caller may see, a premises' bed plan night by
 * night for 12 weeks, and booking a bed for a person. Thin: rules, access, audit and the `ap.booking.made` event are
 * the service's, the same as the pages'. A clash (an overlapping booking or an out-of-service night) is a 400 naming
 * `bedId`, like any refused input.
 */

const tags = ['approved-premises']
const date = { type: 'string', format: 'date' } as const
const characteristics = {
  type: 'array',
  items: { type: 'string', enum: ['single_room', 'wheelchair_accessible', 'en_suite', 'ground_floor'] },
} as const

const PREMISES = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    code: { type: 'string' },
    name: { type: 'string' },
    region: { type: 'string' },
    gender: { type: 'string', enum: ['male', 'female'] },
    beds: { type: 'integer', description: 'Capacity: the number of beds' },
    stepFreeAccess: { type: 'boolean' },
    pipe: { type: 'boolean', description: 'A psychologically informed planned environment' },
    enhancedSecurity: { type: 'boolean' },
  },
} as const

const PremisesList = Type.Unsafe<{ premises: ReturnType<typeof apiPremises>[] }>({
  description: 'The approved premises of the caller’s provider (every provider’s for a national role)',
  type: 'object',
  properties: { premises: { type: 'array', items: PREMISES } },
})

const BedPlanResponse = Type.Unsafe<ReturnType<typeof apiBedPlan>>({
  description: 'Each bed’s nights: occupied, booked, out-of-service or free (a night is named by the date it starts)',
  type: 'object',
  properties: {
    premisesId: { type: 'integer' },
    from: date,
    to: date,
    beds: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          code: { type: 'string' },
          room: { type: 'string' },
          characteristics,
          nights: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                date,
                status: { type: 'string', enum: ['occupied', 'booked', 'out-of-service', 'free'] },
                bookingId: { type: 'integer', nullable: true },
              },
            },
          },
        },
      },
    },
  },
})

const BookingResponse = Type.Unsafe<{ bookingId: number; premisesId: number }>({
  description: 'The booking made',
  type: 'object',
  properties: { bookingId: { type: 'integer' }, premisesId: { type: 'integer' } },
})

interface BookingBody {
  crn: string
  bedId: number
  arrivalDate: string
  departureDate: string
}

const BookingBodySchema = Type.Unsafe<BookingBody>({
  type: 'object',
  additionalProperties: false,
  required: ['crn', 'bedId', 'arrivalDate', 'departureDate'],
  properties: {
    crn: { type: 'string', maxLength: 7, description: 'The person’s CRN, e.g. X100001' },
    bedId: { type: 'integer', minimum: 1 },
    arrivalDate: { type: 'string', maxLength: 10, description: 'YYYY-MM-DD: the first night' },
    departureDate: { type: 'string', maxLength: 10, description: 'YYYY-MM-DD: the morning of leaving (not a night)' },
  },
})

function apiPremises(p: PremisesListRow) {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    region: p.region_name,
    gender: p.gender,
    beds: Number(p.beds),
    stepFreeAccess: p.step_free_access,
    pipe: p.pipe,
    enhancedSecurity: p.enhanced_security,
  }
}

function apiBedPlan(bp: BedPlan) {
  return {
    premisesId: bp.premises.id,
    from: bp.from.toString(),
    to: bp.from.plusDays(bp.nights - 1).toString(),
    beds: bp.beds.map(b => ({
      id: b.id,
      code: b.code,
      room: b.room,
      characteristics: bedCharacteristics(b),
      nights: (bp.plan.get(b.id) ?? []).map(n => ({
        date: n.night.toString(),
        status: n.status,
        bookingId: n.bookingId ?? null,
      })),
    })),
  }
}

/** A YYYY-MM-DD that is a real date, else null. */
function isoDate(value: string | undefined): LocalDate | null {
  const parts = value ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null
  try {
    return parts ? LocalDate.of(Number(parts[1]), Number(parts[2]), Number(parts[3])) : null
  } catch (e) {
    if (!(e instanceof DateTimeException)) throw e
    return null
  }
}

function bookingCommand(body: BookingBody): Parsed<BookingCommand> {
  const errors: FieldError[] = []
  const crn = body.crn.trim().toUpperCase()
  if (!/^[A-Z][0-9]{6}$/.test(crn)) errors.push({ field: 'crn', message: 'A CRN is a letter and six digits' })
  const arrival = isoDate(body.arrivalDate)
  if (!arrival) errors.push({ field: 'arrivalDate', message: 'The arrival date must be a real date (YYYY-MM-DD)' })
  const departure = isoDate(body.departureDate)
  if (!departure)
    errors.push({ field: 'departureDate', message: 'The departure date must be a real date (YYYY-MM-DD)' })
  if (errors.length) return { ok: false, errors }
  return { ok: true, value: { crn, bedId: body.bedId, arrival: arrival!, departure: departure! } }
}

/** The page's field names in the service's refusals, as the API body names them. */
const API_FIELD: Record<string, string> = {
  'arrival-day': 'arrivalDate',
  'departure-day': 'departureDate',
  bed: 'bedId',
}

type Options = { approvedPremises: ApprovedPremisesService }

export const approvedPremisesApiRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { approvedPremises: ap }) => {
  // A booking's stay: GET it, POST an arrival or a departure (issue 16 item 4; stay-api.ts).
  await stayApiRoutes(app, { approvedPremises: ap })
  // Applications: the team's list and one application (issue 16 items 2 and 6; application-api.ts).
  await applicationApiRoutes(app, { approvedPremises: ap })
  app.get(
    '/approved-premises',
    {
      schema: {
        tags,
        operationId: 'listApprovedPremises',
        summary: 'The approved premises the caller may see, with their capacity and what they offer',
        response: { 200: PremisesList, ...commonErrors },
      },
      config: { access: 'premises:read' },
    },
    async request => ({ premises: (await ap.list(ctxOf(request))).map(apiPremises) }),
  )

  app.get(
    '/approved-premises/:id/bed-plan',
    {
      schema: {
        tags,
        operationId: 'getBedPlan',
        summary: 'A premises’ occupancy night by night for 12 weeks from today (or from `from`)',
        params: Type.Object({ id: Id }),
        querystring: textQuery(['from'], 10),
        response: { 200: BedPlanResponse, 404: errorResponses[404], ...commonErrors },
      },
      config: { access: 'premises:read' },
    },
    async request =>
      apiBedPlan(await ap.bedPlan(ctxOf(request), Number(request.params.id), isoDate(request.query.from) ?? undefined)),
  )

  app.post(
    '/approved-premises/:id/bookings',
    {
      schema: {
        tags,
        operationId: 'makeApprovedPremisesBooking',
        summary: 'Book a bed for a person',
        description:
          'Refused (400, the field named, nothing saved) when the departure is not after the arrival, a night is ' +
          'out of service or the bed is already booked for a night (`bedId`), or there is no person with the CRN.',
        params: Type.Object({ id: Id }),
        body: BookingBodySchema,
        response: { 201: BookingResponse, 400: errorResponses[400], 404: errorResponses[404], ...commonErrors },
      },
      config: { access: 'premises:manage' },
    },
    async (request, reply) => {
      try {
        const made = await ap.makeBooking(ctxOf(request), Number(request.params.id), bookingCommand(request.body))
        return reply.code(201).send(made)
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e
        throw new ValidationError(e.errors.map(f => ({ ...f, field: API_FIELD[f.field] ?? f.field })))
      }
    },
  )
}
