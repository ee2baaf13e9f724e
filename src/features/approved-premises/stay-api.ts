import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { DateTimeException, LocalDate } from '@js-joda/core'
import { Type } from 'typebox'
import type { ApDepartureReason } from '../../db/schema.ts'
import { ValidationError, type FieldError } from '../../errors.ts'
import { commonErrors, errorResponses } from '../../web/api-schemas.ts'
import type { Parsed } from '../../web/forms.ts'
import { ctxOf } from '../../web/request-context.ts'
import { Id } from '../../web/schemas.ts'
import type { ApprovedPremisesService } from './service.ts'
import { DEPARTURE_REASONS, type ArrivalCommand, type DepartureCommand, type Destination } from './stay-forms.ts'
import { stayStatus } from './stay-presenters.ts'
import type { StayPage } from './stays.ts'

/**
 * A stay over the JSON API (`/api/v1`, issue 16 items 4 and 6): the stay of a booking (status, arrival, departure,
 * keyworker, curfew, checks), and recording an arrival or a departure. Thin: rules, access, audit and the `ap.arrived`
 * / `ap.departed` events are the service's, the same as the pages'. Refused input is a 400 naming the body's fields,
 * nothing saved.
 */

const tags = ['approved-premises']
const date = { type: 'string', format: 'date' } as const
const nullableDate = { type: 'string', format: 'date', nullable: true } as const

const StayResponse = Type.Unsafe<ReturnType<typeof apiStay>>({
  description: 'A booking’s stay: expected, not-arrived, resident or departed',
  type: 'object',
  properties: {
    bookingId: { type: 'integer' },
    premisesId: { type: 'integer' },
    crn: { type: 'string' },
    status: { type: 'string', enum: ['expected', 'not-arrived', 'resident', 'departed'] },
    bookedArrivalDate: date,
    bookedDepartureDate: date,
    arrivalDate: nullableDate,
    nonArrivalReason: { type: 'string', nullable: true },
    departure: {
      type: 'object',
      nullable: true,
      properties: {
        date,
        reason: { type: 'string', enum: DEPARTURE_REASONS.map(r => r.value) },
        destination: { type: 'string', enum: ['address', 'custody', 'unknown'] },
        address: { type: 'string', nullable: true },
        postcode: { type: 'string', nullable: true },
      },
    },
    keyworker: { type: 'string', nullable: true },
    curfew: {
      type: 'object',
      properties: {
        start: { type: 'string' },
        end: { type: 'string' },
        source: { type: 'string', enum: ['licence', 'premises'] },
      },
    },
    checks: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          kind: { type: 'string', enum: ['sign_in', 'curfew_check'] },
          date,
          time: { type: 'string' },
          present: { type: 'boolean' },
          breach: { type: 'boolean' },
        },
      },
    },
  },
})

function apiStay(page: StayPage) {
  const d = page.departure
  return {
    bookingId: page.booking.id,
    premisesId: page.premises.id,
    crn: page.person.crn,
    status: stayStatus(page),
    bookedArrivalDate: page.booking.arrival_date,
    bookedDepartureDate: page.booking.departure_date,
    arrivalDate: page.arrival?.arrival_date ?? null,
    nonArrivalReason: page.nonArrival?.reason ?? null,
    departure: d
      ? {
          date: d.departure_date,
          reason: d.reason,
          destination: d.destination,
          address: d.address,
          postcode: d.postcode,
        }
      : null,
    keyworker: page.keyworkers[page.keyworkers.length - 1]?.keyworker_name ?? null,
    curfew: page.curfew,
    checks: page.checks.map(c => ({
      kind: c.kind,
      date: c.check_date,
      time: c.check_time,
      present: c.present,
      breach: c.breach,
    })),
  }
}

const Done = Type.Unsafe<{ bookingId: number; premisesId: number }>({
  description: 'The booking whose stay was recorded',
  type: 'object',
  properties: { bookingId: { type: 'integer' }, premisesId: { type: 'integer' } },
})

interface ArrivalBody {
  arrivalDate: string
  notes?: string
}
const ArrivalBodySchema = Type.Unsafe<ArrivalBody>({
  type: 'object',
  additionalProperties: false,
  required: ['arrivalDate'],
  properties: {
    arrivalDate: { type: 'string', maxLength: 10, description: 'YYYY-MM-DD: not before the booking starts' },
    notes: { type: 'string', maxLength: 2000 },
  },
})

interface DepartureBody {
  departureDate: string
  reason: string
  destination: string
  address?: string
  postcode?: string
  notes?: string
}
const DepartureBodySchema = Type.Unsafe<DepartureBody>({
  type: 'object',
  additionalProperties: false,
  required: ['departureDate', 'reason', 'destination'],
  properties: {
    departureDate: { type: 'string', maxLength: 10, description: 'YYYY-MM-DD: not before the arrival' },
    reason: { type: 'string', maxLength: 30, description: DEPARTURE_REASONS.map(r => r.value).join(', ') },
    destination: {
      type: 'string',
      maxLength: 10,
      description: 'address (give address and postcode), custody or unknown',
    },
    address: { type: 'string', maxLength: 1000 },
    postcode: { type: 'string', maxLength: 10 },
    notes: { type: 'string', maxLength: 2000 },
  },
})

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

function arrivalCommand(body: ArrivalBody): Parsed<ArrivalCommand> {
  const arrival = isoDate(body.arrivalDate)
  if (!arrival)
    return {
      ok: false,
      errors: [{ field: 'arrivalDate', message: 'The arrival date must be a real date (YYYY-MM-DD)' }],
    }
  return { ok: true, value: { arrival, notes: body.notes?.trim() || null } }
}

function departureCommand(body: DepartureBody): Parsed<DepartureCommand> {
  const errors: FieldError[] = []
  const departure = isoDate(body.departureDate)
  if (!departure)
    errors.push({ field: 'departureDate', message: 'The departure date must be a real date (YYYY-MM-DD)' })
  const reason = DEPARTURE_REASONS.find(r => r.value === body.reason)?.value
  if (!reason)
    errors.push({ field: 'reason', message: `The reason is one of ${DEPARTURE_REASONS.map(r => r.value).join(', ')}` })
  const destination = (['address', 'custody', 'unknown'] as const).find(d => d === body.destination)
  if (!destination) errors.push({ field: 'destination', message: 'The destination is address, custody or unknown' })
  const address = body.address?.trim() || null
  const postcode = body.postcode?.trim().toUpperCase() || null
  if (destination === 'address' && !address)
    errors.push({ field: 'address', message: 'Give the address they moved to' })
  if (destination === 'address' && !postcode) errors.push({ field: 'postcode', message: 'Give the address’s postcode' })
  if (errors.length) return { ok: false, errors }
  return {
    ok: true,
    value: {
      departure: departure!,
      reason: reason as ApDepartureReason,
      destination: destination as Destination,
      address: destination === 'address' ? address : null,
      postcode: destination === 'address' ? postcode : null,
      notes: body.notes?.trim() || null,
    },
  }
}

/** The page's field names in the service's refusals, as the API body names them. */
const API_FIELD: Record<string, string> = {
  'arrival-day': 'arrivalDate',
  'departure-day': 'departureDate',
  arrivalNotes: 'notes',
  departureNotes: 'notes',
  booking: 'bookingId',
}

async function asApi<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e
    throw new ValidationError(e.errors.map(f => ({ ...f, field: API_FIELD[f.field] ?? f.field })))
  }
}

type Options = { approvedPremises: ApprovedPremisesService }
const Params = Type.Object({ id: Id, bookingId: Id })

export const stayApiRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { approvedPremises: ap }) => {
  app.get(
    '/approved-premises/:id/bookings/:bookingId/stay',
    {
      schema: {
        tags,
        operationId: 'getApprovedPremisesStay',
        summary: 'A booking’s stay: arrival or non-arrival, departure, keyworker, curfew and checks',
        params: Params,
        response: { 200: StayResponse, 404: errorResponses[404], ...commonErrors },
      },
      config: { access: 'premises:read' },
    },
    async request =>
      apiStay(await ap.stay(ctxOf(request), Number(request.params.id), Number(request.params.bookingId))),
  )

  app.post(
    '/approved-premises/:id/bookings/:bookingId/arrival',
    {
      schema: {
        tags,
        operationId: 'recordApprovedPremisesArrival',
        summary: 'Record that the person arrived',
        description:
          'Refused (400, `arrivalDate`, nothing saved) before the booking starts, on or after its departure, in the ' +
          'future, or when an arrival or non-arrival is already recorded. The hostel becomes their address.',
        params: Params,
        body: ArrivalBodySchema,
        response: { 201: Done, 400: errorResponses[400], 404: errorResponses[404], ...commonErrors },
      },
      config: { access: 'premises:manage' },
    },
    async (request, reply) => {
      const ids = { premisesId: Number(request.params.id), bookingId: Number(request.params.bookingId) }
      const done = await asApi(() => ap.recordArrival(ctxOf(request), ids, arrivalCommand(request.body)))
      return reply.code(201).send(done)
    },
  )

  app.post(
    '/approved-premises/:id/bookings/:bookingId/departure',
    {
      schema: {
        tags,
        operationId: 'recordApprovedPremisesDeparture',
        summary: 'Record that the person left, why and where to',
        description:
          'Refused (400, the field named, nothing saved) before the arrival, in the future, or when they have not ' +
          'arrived or have already left. The hostel’s address ends that day; an address destination becomes current.',
        params: Params,
        body: DepartureBodySchema,
        response: { 201: Done, 400: errorResponses[400], 404: errorResponses[404], ...commonErrors },
      },
      config: { access: 'premises:manage' },
    },
    async (request, reply) => {
      const ids = { premisesId: Number(request.params.id), bookingId: Number(request.params.bookingId) }
      const done = await asApi(() => ap.recordDeparture(ctxOf(request), ids, departureCommand(request.body)))
      return reply.code(201).send(done)
    },
  )
}
