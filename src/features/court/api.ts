import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { NotFoundError, ValidationError } from '../../errors.ts'
import { REPORT_TYPES } from '../../domain/court-reports/index.ts'
import { ctxOf } from '../../web/request-context.ts'
import { CrnParams } from '../../web/schemas.ts'
import { commonErrors, errorResponses } from '../../web/api-schemas.ts'
import { HEARING_OUTCOMES, HEARING_TYPES, REPORT_STATUS_TEXT } from './reference-data.ts'
import type { CourtService } from './service.ts'
import type { HearingView, NewHearingInput, NewReportInput, ReportSummary } from './types.ts'

/**
 * Court work over the JSON API (mounted under /api/v1 by `features/api/routes.ts`): court lists, adding a hearing,
 * requesting a pre-sentence report and reading a person's reports. Each handler calls the court service, the same
 * functions the pages use, so access, audit, validation, due dates and outbox events are the service's.
 */

const tags = ['court']
const text = (description: string, maxLength = 100) => ({ type: 'string', maxLength, description })
const optional = (description: string, maxLength = 100) => ({ type: 'string', nullable: true, maxLength, description })
const date = (description: string) => ({ type: 'string', format: 'date', description: `${description} (YYYY-MM-DD)` })
const optionalDate = (description: string) => ({ ...date(description), nullable: true })

const HearingJson = {
  type: 'object',
  required: ['id', 'court', 'hearingDate', 'session', 'hearingType', 'listed'],
  properties: {
    id: { type: 'integer' },
    court: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' } } },
    hearingDate: { type: 'string', format: 'date' },
    session: { type: 'string', enum: ['morning', 'afternoon'] },
    hearingTime: { type: 'string', nullable: true },
    courtRoom: { type: 'string', nullable: true },
    hearingType: { type: 'string', enum: HEARING_TYPES.map(t => t.code) },
    listed: {
      type: 'object',
      description: 'The defendant as the court listed them',
      properties: {
        forename: { type: 'string', nullable: true, description: 'Null when the matched record is limited to others' },
        surname: { type: 'string', nullable: true, description: 'Null when the matched record is limited to others' },
        dateOfBirth: { type: 'string', format: 'date', nullable: true },
        pnc: { type: 'string', nullable: true },
        address: { type: 'string', nullable: true },
      },
    },
    charge: { type: 'string', nullable: true },
    offenceCode: { type: 'string', nullable: true },
    person: {
      type: 'object',
      nullable: true,
      description:
        'The record the defendant was matched to (null until matched), shown as people search shows it: the name ' +
        'only when the user may read it; for another provider’s record the listed name and date of birth, nothing ' +
        'else; for a limited-access record only the CRN and the reason',
      properties: {
        crn: { type: 'string' },
        name: { type: 'string', nullable: true },
        access: { type: 'string', enum: ['allowed', 'refused', 'limited'] },
        reason: { type: 'string', nullable: true, description: 'Why the record cannot be opened, if it cannot' },
      },
    },
    eventId: { type: 'integer', nullable: true },
    outcome: { type: 'string', nullable: true, enum: [...HEARING_OUTCOMES.map(o => o.code), null] },
    outcomeDate: { type: 'string', format: 'date', nullable: true },
  },
} as const

const ReportJson = {
  type: 'object',
  required: ['id', 'crn', 'reportType', 'requestedDate', 'dueDate', 'status', 'timeliness'],
  properties: {
    id: { type: 'integer' },
    crn: { type: 'string' },
    reportType: { type: 'string', enum: [...REPORT_TYPES] },
    requestedDate: { type: 'string', format: 'date' },
    adjournedTo: { type: 'string', format: 'date', nullable: true },
    dueDate: {
      type: 'string',
      format: 'date',
      description: 'On the working-day calendar (oral same day, short format 5 working days, standard 15)',
    },
    dueDateBasis: { type: 'string', description: 'The rule the due date follows' },
    status: { type: 'string', enum: Object.keys(REPORT_STATUS_TEXT) },
    timeliness: {
      type: 'string',
      enum: ['due', 'at_risk', 'late', 'completed', 'cancelled'],
      description: 'At risk: due within 1 working day',
    },
    author: { type: 'string', nullable: true },
    team: { type: 'string', nullable: true },
    hearingId: { type: 'integer', nullable: true },
    eventId: { type: 'integer', nullable: true },
    completedAt: { type: 'string', format: 'date-time', nullable: true },
    roshLevel: {
      type: 'string',
      enum: ['low', 'medium', 'high', 'very_high'],
      nullable: true,
      description: 'The RoSH level the completed report assesses',
    },
    proposedSentence: {
      type: 'string',
      enum: ['community_order', 'suspended_sentence_order', 'custody', 'fine', 'discharge', 'other'],
      nullable: true,
    },
    proposedProvider: {
      type: 'string',
      enum: ['public', 'contracted'],
      nullable: true,
      description: 'For a community or suspended sentence order: who the report proposes should manage it',
    },
  },
} as const

const hearingJson = (h: HearingView) => ({
  id: h.id,
  court: h.court,
  hearingDate: h.hearingDate,
  session: h.session,
  hearingTime: h.hearingTime,
  courtRoom: h.courtRoom,
  hearingType: h.hearingType,
  listed: {
    forename: h.listed.forename,
    surname: h.listed.surname,
    dateOfBirth: h.listed.dateOfBirth,
    pnc: h.listed.pnc,
    address: h.listed.address,
  },
  charge: h.charge,
  offenceCode: h.offenceCode,
  person: h.person
    ? { crn: h.person.crn, name: h.person.name, access: h.person.access, reason: h.person.reason }
    : null,
  eventId: h.eventId,
  outcome: h.outcome,
  outcomeDate: h.outcomeDate,
})

const reportJson = (r: ReportSummary) => ({
  id: r.id,
  crn: r.crn,
  reportType: r.reportType,
  requestedDate: r.requestedDate,
  adjournedTo: r.adjournedTo,
  dueDate: r.dueDate,
  dueDateBasis: r.dueDateBasis,
  status: r.status,
  timeliness: r.timeliness,
  author: r.author,
  team: r.team,
  hearingId: r.hearingId,
  eventId: r.eventId,
  completedAt: r.completedAt ? r.completedAt.toISOString() : null,
  roshLevel: r.roshLevel,
  proposedSentence: r.proposedSentence,
  proposedProvider: r.proposedProvider,
})

type Options = { court: CourtService }
type App = Parameters<FastifyPluginAsyncTypebox<Options>>[0]

export const courtApiRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { court }) => {
  courtListRoute(app, court)
  addHearingRoute(app, court)
  requestReportRoute(app, court)
  personReportsRoute(app, court)
}

const CourtCodeParams = Type.Object({
  code: Type.String({ maxLength: 20, description: 'Court code, e.g. NTMC' }),
})
const CourtListQuery = Type.Unsafe<{ date?: string }>({
  type: 'object',
  additionalProperties: false,
  properties: { date: date('The sitting date') },
})

function courtListRoute(app: App, court: CourtService) {
  app.get(
    '/courts/:code/hearings',
    {
      schema: {
        tags,
        operationId: 'getCourtList',
        summary: 'The court list for a court and date',
        description: 'Hearings at the court on the date (today when absent), morning first. Audited.',
        params: CourtCodeParams,
        querystring: CourtListQuery,
        response: {
          200: {
            description: 'The court list',
            type: 'object',
            properties: {
              court: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' } } },
              date: { type: 'string', format: 'date' },
              hearings: { type: 'array', items: HearingJson },
            },
          },
          400: errorResponses[400],
          404: errorResponses[404],
          ...commonErrors,
        },
      },
      config: { access: 'person:read' },
    },
    async request => {
      const list = await court.courtList(ctxOf(request), { court: request.params.code, date: request.query.date })
      if (!list.court) throw new NotFoundError('There is no court with this code')
      if (list.errors.length) throw new ValidationError(list.errors)
      return {
        court: { code: list.court.code, name: list.court.name },
        date: list.date,
        hearings: list.hearings.map(hearingJson),
      }
    },
  )
}

const NewHearingBody = Type.Unsafe<NewHearingInput>({
  type: 'object',
  additionalProperties: false,
  required: ['court', 'hearingDate', 'session', 'hearingType', 'forename', 'surname'],
  properties: {
    court: text('Court code, e.g. NTMC', 20),
    hearingDate: date('Hearing date'),
    session: { type: 'string', enum: ['morning', 'afternoon'] },
    hearingTime: optional('Time, HH:MM (24-hour)', 5),
    courtRoom: optional('Court room', 20),
    hearingType: { type: 'string', enum: HEARING_TYPES.map(t => t.code) },
    forename: text('First name as listed'),
    surname: text('Last name as listed'),
    dateOfBirth: optionalDate('Date of birth as listed'),
    pnc: optional('PNC id as listed, either form', 20),
    address: optional('Address as listed', 500),
    charge: optional('Charge as listed', 2000),
    offenceCode: optional('Home Office offence code, five digits', 5),
  },
})

function addHearingRoute(app: App, court: CourtService) {
  app.post(
    '/hearings',
    {
      schema: {
        tags,
        operationId: 'addHearing',
        summary: 'Add a defendant to a court list',
        description:
          'The defendant as listed; matching to a record is done on the court list. Outbox: `court.hearing.listed`.',
        body: NewHearingBody,
        response: {
          201: {
            description: 'Added',
            type: 'object',
            properties: {
              hearingId: { type: 'integer' },
              court: { type: 'string' },
              date: { type: 'string', format: 'date' },
            },
          },
          400: errorResponses[400],
          ...commonErrors,
        },
      },
      config: { access: 'person:update' },
    },
    async (request, reply) => reply.status(201).send(await court.addHearing(ctxOf(request), request.body)),
  )
}

const NewReportBody = Type.Unsafe<NewReportInput>({
  type: 'object',
  additionalProperties: false,
  required: ['reportType'],
  properties: {
    reportType: { type: 'string', enum: [...REPORT_TYPES] },
    hearingId: { type: 'integer', nullable: true, description: 'One of the person’s hearings' },
    eventId: { type: 'integer', nullable: true, description: 'One of the person’s events' },
    requestedDate: optionalDate('When the court asked (today when absent)'),
    adjournedTo: optionalDate('The date the court adjourned to'),
    authorStaffId: { type: 'integer', nullable: true },
    teamId: { type: 'integer', nullable: true, description: 'The court team; the author’s when absent' },
  },
})

function requestReportRoute(app: App, court: CourtService) {
  app.post(
    '/people/:crn/court/reports',
    {
      schema: {
        tags,
        operationId: 'requestPreSentenceReport',
        summary: 'Request a pre-sentence report',
        description:
          'The due date is worked out on the England & Wales working-day calendar: oral the same day, short format within 5 working ' +
          'days, standard within 15; a sooner `adjournedTo` wins. Outbox: `court.report.requested`.',
        params: CrnParams,
        body: NewReportBody,
        response: {
          201: Type.Unsafe<ReturnType<typeof reportJson>>({ description: 'Requested', ...ReportJson }),
          400: errorResponses[400],
          404: errorResponses[404],
          ...commonErrors,
        },
      },
      // Court officers request reports for any defendant: the service applies the court-work rule (see context.ts).
      config: { access: 'person:read' },
    },
    async (request, reply) =>
      reply.status(201).send(reportJson(await court.requestReport(ctxOf(request), request.params.crn, request.body))),
  )
}

function personReportsRoute(app: App, court: CourtService) {
  app.get(
    '/people/:crn/court/reports',
    {
      schema: {
        tags,
        operationId: 'getPersonReports',
        summary: 'A person’s pre-sentence reports',
        description: 'Newest first, with where each stands against its due date. Audited as a view.',
        params: CrnParams,
        response: {
          200: {
            description: 'The reports',
            type: 'object',
            properties: { reports: { type: 'array', items: ReportJson } },
          },
          404: errorResponses[404],
          ...commonErrors,
        },
      },
      config: { access: 'person:read', audit: { action: 'PERSON_VIEW', page: 'court-reports' } },
    },
    async request => ({ reports: (await court.personReports(ctxOf(request), request.params.crn)).map(reportJson) }),
  )
}
