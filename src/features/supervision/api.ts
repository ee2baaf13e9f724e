import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ACCEPTABLE_ABSENCE_REASONS, OUTCOME_CODES } from '../../domain/enforcement/outcomes.ts'
import { ValidationError, type FieldError } from '../../errors.ts'
import type { FormBody } from '../../web/forms.ts'
import { ctxOf } from '../../web/request-context.ts'
import { Crn, CrnParams } from '../../web/schemas.ts'
import { commonErrors } from '../../web/api-schemas.ts'
import { parseAppointmentForm, parseOutcomeForm, parseRescheduleForm } from './forms.ts'
import type { ActionRow, ContactRow } from './queries.ts'
import { APPOINTMENT_TYPES, DURATIONS } from './reference-data.ts'
import type { SupervisionService } from './service.ts'

/**
 * Supervision over the JSON API (registered under /api/v1 by src/features/api/routes.ts): appointments (list, arrange,
 * reschedule), outcomes (record, with the version read) and enforcement actions (list). Each handler calls the same
 * service method as the pages, so the lifecycle rule, order dates, clashes, access, audit, outbox events and version
 * checks are the service's; this file maps JSON to the form fields the pages post, parses them with the pages' form
 * readers (so the messages are the same), and maps rows to JSON.
 */

type Options = { supervision: SupervisionService }
type App = Parameters<FastifyPluginAsyncTypebox<Options>>[0]

const tags = ['supervision']
const IdParams = Type.Object({ crn: Crn, id: Type.Integer({ minimum: 1, description: 'Appointment id' }) })
const date = (description: string) => ({ type: 'string', format: 'date', description: `${description} (YYYY-MM-DD)` })
const time = {
  type: 'string',
  pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$',
  description: 'Local (Europe/London) time, HH:MM',
}

const error = (description: string) => ({ description, $ref: 'Error#' })
const errors = {
  400: error('The request was not valid (including: not sentenced, outside the order, a clash); `fields` says why'),
  ...commonErrors,
  404: error('No such person or appointment'),
}
const conflict = { 409: error('Someone else changed the appointment since `version` was read; nothing was changed') }

/** The views of a person's supervision the API shows, audited by the access guard as the pages' views are. */
const viewOf = (page: string) => ({ access: 'person:read', audit: { action: 'SUPERVISION_VIEW', page } }) as const

const AppointmentSchema = {
  type: 'object',
  required: ['id', 'type', 'startsAt', 'nationalStandard', 'version'],
  properties: {
    id: { type: 'integer' },
    type: { type: 'string', description: 'Contact type code, e.g. IND (induction), OFFICE, HOME_PLANNED, RAR, UPW' },
    startsAt: { type: 'string', format: 'date-time' },
    endsAt: { type: 'string', format: 'date-time', nullable: true },
    location: { type: 'string', nullable: true },
    staffId: { type: 'integer', nullable: true },
    eventId: { type: 'integer', nullable: true },
    requirementId: { type: 'integer', nullable: true },
    seriesId: { type: 'integer', nullable: true },
    nationalStandard: { type: 'boolean' },
    sensitive: { type: 'boolean' },
    outcome: {
      type: 'string',
      nullable: true,
      description: `One of ${OUTCOME_CODES.join(', ')}, or rescheduled_person / rescheduled_service`,
    },
    absenceReason: { type: 'string', nullable: true },
    version: { type: 'integer', description: 'Send back when recording an outcome or rescheduling' },
  },
} as const

const EnforcementActionSchema = {
  type: 'object',
  required: ['id', 'type', 'status'],
  properties: {
    id: { type: 'integer' },
    type: {
      type: 'string',
      description:
        'warning_letter, explanation_window, breach_letter, breach_pack, court_hearing, evidence_window, recall_consultation…',
    },
    description: { type: 'string', nullable: true },
    dueDate: { type: 'string', format: 'date', nullable: true },
    status: { type: 'string', enum: ['open', 'done', 'cancelled'] },
    doneDate: { type: 'string', format: 'date', nullable: true },
    appointmentId: { type: 'integer', nullable: true },
    breachId: { type: 'integer', nullable: true },
    documentId: { type: 'integer', nullable: true },
  },
} as const

const appointmentJson = (r: Omit<ContactRow, 'staff_forename' | 'staff_surname'>) => ({
  id: r.id,
  type: r.contact_type,
  startsAt: r.starts_at.toISOString(),
  endsAt: r.ends_at?.toISOString() ?? null,
  location: r.location,
  staffId: r.staff_id,
  eventId: r.event_id,
  requirementId: r.requirement_id,
  seriesId: r.series_id,
  nationalStandard: r.national_standard,
  sensitive: r.sensitive,
  outcome: r.outcome,
  absenceReason: r.absence_reason,
  version: r.version,
})

const actionJson = (a: ActionRow) => ({
  id: a.id,
  type: a.action_type,
  description: a.description,
  dueDate: a.due_date,
  status: a.status,
  doneDate: a.done_date,
  appointmentId: a.contact_id,
  breachId: a.breach_id,
  documentId: a.document_id,
})

/** JSON field names for the form fields the service reports errors on. */
const FIELD_NAMES: Record<string, string> = {
  'date-day': 'date',
  link: 'eventId',
  'until-day': 'until',
  duration: 'durationMinutes',
}

async function mapErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (e) {
    if (e instanceof ValidationError)
      throw new ValidationError(
        e.errors.map((f: FieldError) => ({ field: FIELD_NAMES[f.field] ?? f.field, message: f.message })),
      )
    throw e
  }
}

const parts = (prefix: string, iso: string | undefined): FormBody => {
  if (!iso) return {}
  const [y, m, d] = iso.split('-')
  return { [`${prefix}-day`]: String(Number(d)), [`${prefix}-month`]: String(Number(m)), [`${prefix}-year`]: y }
}

interface ArrangeBody {
  type: string
  staffId: number
  location: string
  date: string
  time: string
  durationMinutes: number
  eventId?: number
  requirementId?: number
  sensitive?: boolean
  notes?: string
  repeat?: 'none' | 'weekly' | 'fortnightly'
  occurrences?: number
  until?: string
}

const ArrangeBodySchema = Type.Unsafe<ArrangeBody>({
  type: 'object',
  additionalProperties: false,
  required: ['type', 'staffId', 'location', 'date', 'time', 'durationMinutes'],
  properties: {
    type: { type: 'string', enum: APPOINTMENT_TYPES.map(t => t.code) },
    staffId: { type: 'integer', description: 'Who the appointment is with (staff id)' },
    location: { type: 'string', minLength: 1, maxLength: 200 },
    date: date('The (first) appointment’s date'),
    time,
    durationMinutes: { type: 'integer', enum: DURATIONS.map(d => d.minutes) },
    eventId: {
      type: 'integer',
      description: 'The order (event) it is for; defaults to the latest current order',
    },
    requirementId: { type: 'integer', description: 'Or the requirement it is for' },
    sensitive: { type: 'boolean' },
    notes: { type: 'string', maxLength: 100000 },
    repeat: { type: 'string', enum: ['none', 'weekly', 'fortnightly'] },
    occurrences: { type: 'integer', minimum: 2, maximum: 52 },
    until: date('Repeat until'),
  },
})

/** The arrange form's fields for an arrange request. */
function arrangeForm(b: ArrangeBody): FormBody {
  return {
    type: b.type,
    staffId: String(b.staffId),
    location: b.location,
    ...parts('date', b.date),
    time: b.time,
    duration: String(b.durationMinutes),
    link: b.requirementId ? `requirement:${b.requirementId}` : b.eventId ? `event:${b.eventId}` : '',
    sensitive: b.sensitive ? 'yes' : '',
    notes: b.notes ?? '',
    repeat: b.repeat ?? 'none',
    occurrences: b.occurrences ? String(b.occurrences) : '',
    ...parts('until', b.until),
  }
}

interface RescheduleBody {
  date: string
  time: string
  durationMinutes: number
  staffId: number
  location: string
  requestedBy: 'person' | 'service'
  reason: string
  version: number
}

const RescheduleBodySchema = Type.Unsafe<RescheduleBody>({
  type: 'object',
  additionalProperties: false,
  required: ['date', 'time', 'durationMinutes', 'staffId', 'location', 'requestedBy', 'reason', 'version'],
  properties: {
    date: date('New date'),
    time,
    durationMinutes: { type: 'integer', enum: DURATIONS.map(d => d.minutes) },
    staffId: { type: 'integer' },
    location: { type: 'string', minLength: 1, maxLength: 200 },
    requestedBy: { type: 'string', enum: ['person', 'service'] },
    reason: { type: 'string', minLength: 1, maxLength: 2000 },
    version: { type: 'integer', minimum: 1 },
  },
})

/** The reschedule form's fields for a reschedule request. */
function rescheduleForm(b: RescheduleBody): FormBody {
  return {
    ...parts('date', b.date),
    time: b.time,
    duration: String(b.durationMinutes),
    staffId: String(b.staffId),
    location: b.location,
    requestedBy: b.requestedBy,
    reason: b.reason,
    version: String(b.version),
  }
}

interface OutcomeBody {
  outcome: string
  reason?: string
  notes?: string
  version: number
}

const OutcomeBodySchema = Type.Unsafe<OutcomeBody>({
  type: 'object',
  additionalProperties: false,
  required: ['outcome', 'version'],
  properties: {
    outcome: { type: 'string', enum: [...OUTCOME_CODES] },
    reason: { type: 'string', enum: [...ACCEPTABLE_ABSENCE_REASONS], description: 'For an acceptable absence' },
    notes: { type: 'string', maxLength: 100000 },
    version: { type: 'integer', minimum: 1 },
  },
})

export const supervisionApiRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { supervision }) => {
  listAppointmentsRoute(app, supervision)
  arrangeRoute(app, supervision)
  rescheduleRoute(app, supervision)
  outcomeRoute(app, supervision)
  listActionsRoute(app, supervision)
}

function listAppointmentsRoute(app: App, supervision: SupervisionService) {
  app.get(
    '/people/:crn/appointments',
    {
      schema: {
        tags,
        operationId: 'listAppointments',
        summary: 'A person’s appointments, newest first',
        description: 'Audited as a view.',
        params: CrnParams,
        response: { 200: { description: 'The appointments', type: 'array', items: AppointmentSchema }, ...errors },
      },
      config: viewOf('api:appointments'),
    },
    async request => (await supervision.listAppointments(ctxOf(request), request.params.crn)).map(appointmentJson),
  )
}

function arrangeRoute(app: App, supervision: SupervisionService) {
  app.post(
    '/people/:crn/appointments',
    {
      schema: {
        tags,
        operationId: 'arrangeAppointments',
        summary: 'Arrange an appointment, or a weekly or fortnightly series',
        description:
          'Refused (400, with the reason) for a person who may not be supervised yet (not sentenced, in custody, ended), a date ' +
          'outside the order’s (or requirement’s) dates, or a clash with another of the person’s appointments. A series is ' +
          '`occurrences` appointments or every week/fortnight `until` a date (at most 52), sharing one series id. ' +
          'An appointment letter is produced and stored. Publishes `appointment.arranged` for each appointment.',
        params: CrnParams,
        body: ArrangeBodySchema,
        response: {
          201: Type.Unsafe<{ appointmentIds: number[]; seriesId: number | null; letterDocumentId: number }>({
            description: 'Arranged',
            type: 'object',
            required: ['appointmentIds'],
            properties: {
              appointmentIds: { type: 'array', items: { type: 'integer' } },
              seriesId: { type: 'integer', nullable: true },
              letterDocumentId: { type: 'integer' },
            },
          }),
          ...errors,
        },
      },
      config: { access: 'person:update' },
    },
    async (request, reply) => {
      const command = parseAppointmentForm(arrangeForm(request.body))
      const r = await mapErrors(() => supervision.arrangeAppointments(ctxOf(request), request.params.crn, command))
      return reply.status(201).send({ appointmentIds: r.ids, seriesId: r.seriesId, letterDocumentId: r.documentId })
    },
  )
}

function rescheduleRoute(app: App, supervision: SupervisionService) {
  app.post(
    '/people/:crn/appointments/:id/reschedule',
    {
      schema: {
        tags,
        operationId: 'rescheduleAppointment',
        summary: 'Move an appointment',
        description:
          'The original keeps its date with the outcome `rescheduled_person` or `rescheduled_service` and the reason; a new ' +
          'appointment takes its place (same checks as arranging). 409 when `version` is stale. Publishes `appointment.rescheduled`.',
        params: IdParams,
        body: RescheduleBodySchema,
        response: {
          201: {
            description: 'Moved: the new appointment',
            type: 'object',
            required: ['appointmentId'],
            properties: { appointmentId: { type: 'integer' }, letterDocumentId: { type: 'integer' } },
          },
          ...errors,
          ...conflict,
        },
      },
      config: { access: 'person:update' },
    },
    async (request, reply) => {
      const { crn, id } = request.params
      const command = parseRescheduleForm(rescheduleForm(request.body))
      const r = await mapErrors(() => supervision.reschedule(ctxOf(request), crn, id, command))
      return reply.status(201).send({ appointmentId: r.newId, letterDocumentId: r.documentId })
    },
  )
}

function outcomeRoute(app: App, supervision: SupervisionService) {
  app.post(
    '/people/:crn/appointments/:id/outcome',
    {
      schema: {
        tags,
        operationId: 'recordOutcome',
        summary: 'Record or change an appointment’s outcome',
        description:
          'Send the `version` you read. 409 when someone else recorded an outcome since (never merged); 400 for an appointment ' +
          'that has not happened yet. A changed outcome keeps the previous one in the history. An enforceable failure runs the ' +
          'enforcement rules and creates enforcement actions (and letters). Publishes `appointment.outcome-recorded`, ' +
          '`enforcement.action-created` and `breach.initiated` as they happen.',
        params: IdParams,
        body: OutcomeBodySchema,
        response: {
          200: {
            description: 'Recorded',
            type: 'object',
            required: ['appointmentId', 'outcome', 'version'],
            properties: {
              appointmentId: { type: 'integer' },
              outcome: { type: 'string' },
              previousOutcome: { type: 'string', nullable: true },
              version: { type: 'integer' },
              enforcement: {
                type: 'string',
                nullable: true,
                description: 'The enforcement path taken (warning, breach, not_counted…)',
              },
              enforcementActionIds: { type: 'array', items: { type: 'integer' } },
            },
          },
          ...errors,
          ...conflict,
        },
      },
      config: { access: 'person:update' },
    },
    async request => {
      const b = request.body
      const { crn, id } = request.params
      const form = { outcome: b.outcome, reason: b.reason ?? '', notes: b.notes ?? '', version: String(b.version) }
      const r = await mapErrors(() => supervision.recordOutcome(ctxOf(request), crn, id, parseOutcomeForm(form)))
      return {
        appointmentId: r.contactId,
        outcome: r.outcome,
        previousOutcome: r.previous,
        version: r.version,
        enforcement: r.decision?.path ?? null,
        enforcementActionIds: r.enforcement?.actionIds ?? [],
      }
    },
  )
}

function listActionsRoute(app: App, supervision: SupervisionService) {
  app.get(
    '/people/:crn/enforcement-actions',
    {
      schema: {
        tags,
        operationId: 'listEnforcementActions',
        summary: 'A person’s enforcement actions, open first, soonest due first',
        description: 'Audited as a view.',
        params: CrnParams,
        response: {
          200: { description: 'The enforcement actions', type: 'array', items: EnforcementActionSchema },
          ...errors,
        },
      },
      config: viewOf('api:enforcement-actions'),
    },
    async request => (await supervision.listActions(ctxOf(request), request.params.crn)).map(actionJson),
  )
}
