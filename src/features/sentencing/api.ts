import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { CUSTODIAL_TYPES, REQUIREMENT_KINDS } from '../../domain/sentencing/index.ts'
import { ctxOf } from '../../web/request-context.ts'
import { CrnParams } from '../../web/schemas.ts'
import { commonErrors, errorResponses } from '../../web/api-schemas.ts'
import type { NewEventInput, NewSentenceInput } from './commands.ts'
import { SENTENCES_VIEW } from './record.ts'
import type { SentencingService } from './service.ts'
import { SENTENCE_TYPES } from './views-model.ts'

/**
 * Events and sentences over the JSON API (`/api/v1`). Thin: every rule, access check, audit, lifecycle change and
 * outbox event is the sentencing service's, the same functions the pages use.
 */

const tags = ['sentences']
const date = (description: string) => ({ type: 'string', maxLength: 10, description: `${description} (YYYY-MM-DD)` })
const nullable = <T extends object>(s: T) => ({ ...s, nullable: true })
const lengthSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['value', 'unit'],
  properties: { value: { type: 'integer' }, unit: { type: 'string', enum: ['days', 'weeks', 'months', 'years'] } },
} as const
const offenceInput = {
  type: 'object',
  additionalProperties: false,
  required: ['code'],
  properties: {
    code: {
      type: 'string',
      maxLength: 10,
      description: 'Home Office offence code (5 digits); group codes such as 08800 are refused',
    },
    date: nullable(date('Offence date')),
    count: { type: 'integer', nullable: true },
    description: { type: 'string', nullable: true, maxLength: 500 },
  },
} as const
const eventInputProperties = {
  courtCode: { type: 'string', maxLength: 20, description: 'The court code, e.g. NTMC' },
  convictionDate: date('Conviction date'),
  mainOffence: offenceInput,
  otherOffences: { type: 'array', maxItems: 50, items: offenceInput },
  notes: { type: 'string', nullable: true, maxLength: 4000 },
} as const

const OffenceSchema = {
  $id: 'Offence',
  type: 'object',
  properties: {
    code: { type: 'string' },
    category: {
      type: 'string',
      nullable: true,
      description: 'The offence category (OGRS3, else SNSV) from the Home Office code',
    },
    description: { type: 'string', nullable: true },
    offenceDate: { type: 'string', format: 'date', nullable: true },
    count: { type: 'integer' },
    isMain: { type: 'boolean' },
  },
} as const
const EventSchema = {
  $id: 'Event',
  type: 'object',
  properties: {
    eventNumber: { type: 'integer' },
    status: { type: 'string', enum: ['pre_sentence', 'sentenced', 'terminated'] },
    court: { type: 'object', nullable: true, properties: { code: { type: 'string' }, name: { type: 'string' } } },
    convictionDate: { type: 'string', format: 'date', nullable: true },
    notes: { type: 'string', nullable: true },
    offences: { type: 'array', items: { $ref: 'Offence#' } },
  },
} as const
const termination = {
  type: 'object',
  nullable: true,
  properties: {
    date: { type: 'string', format: 'date' },
    reason: { type: 'string' },
    reasonText: { type: 'string' },
    by: { type: 'string', nullable: true },
  },
} as const
const RequirementSchema = {
  $id: 'Requirement',
  type: 'object',
  properties: {
    id: { type: 'integer' },
    type: { type: 'string', enum: REQUIREMENT_KINDS.map(k => k.code) },
    label: { type: 'string' },
    length: { type: 'number', nullable: true },
    unit: { type: 'string', nullable: true },
    lengthText: { type: 'string' },
    startDate: { type: 'string', format: 'date', nullable: true },
    expectedEndDate: { type: 'string', format: 'date', nullable: true },
    details: { type: 'object', nullable: true, additionalProperties: true },
    notes: { type: 'string', nullable: true },
    state: {
      type: 'string',
      enum: ['current', 'ended', 'terminated'],
      description: 'Ended once its end date (or its order’s) has passed; terminated when a termination is recorded',
    },
    terminated: termination,
  },
} as const
const SentenceSchema = {
  $id: 'Sentence',
  type: 'object',
  properties: {
    id: { type: 'integer' },
    eventNumber: { type: 'integer' },
    type: { type: 'string', enum: SENTENCE_TYPES.map(t => t.code) },
    typeText: { type: 'string' },
    sentenceDate: { type: 'string', format: 'date' },
    length: { ...lengthSchema, nullable: true },
    lengthText: { type: 'string', nullable: true },
    startDate: { type: 'string', format: 'date', nullable: true },
    expectedEndDate: { type: 'string', format: 'date', nullable: true },
    state: { type: 'string', enum: ['current', 'terminated', 'expired'] },
    version: { type: 'integer' },
    suspended: {
      type: 'object',
      nullable: true,
      properties: {
        operationalPeriod: { type: 'string', nullable: true },
        supervisionPeriod: { type: 'string', nullable: true },
        supervisionEndDate: { type: 'string', format: 'date', nullable: true },
      },
    },
    custodial: {
      type: 'object',
      nullable: true,
      properties: {
        type: { type: 'string', nullable: true },
        typeText: { type: 'string', nullable: true },
        consecutiveToEventNumber: { type: 'integer', nullable: true },
        remandDays: { type: 'integer' },
        taggedBailDays: { type: 'integer' },
        keyDates: {
          type: 'array',
          description: 'Calculated by the release-date engine from every current custodial sentence of the person',
          items: {
            type: 'object',
            properties: {
              key: { type: 'string', examples: ['CRD'] },
              name: { type: 'string' },
              date: { type: 'string', format: 'date' },
              explanation: { type: 'string', nullable: true },
              rule: { type: 'string', nullable: true },
              hint: { type: 'string', nullable: true },
            },
          },
        },
        regime: { type: 'string', nullable: true },
        problem: { type: 'string', nullable: true, description: 'Why the key dates could not be calculated' },
        calculatedAt: { type: 'string', nullable: true },
      },
    },
    requirements: { type: 'array', items: { $ref: 'Requirement#' } },
    termination,
  },
} as const

/** Added to the API's scope by `api/routes.ts`. */
export const sentencingSchemas = [OffenceSchema, EventSchema, RequirementSchema, SentenceSchema]

type Options = { sentencing: SentencingService }
type App = Parameters<FastifyPluginAsyncTypebox<Options>>[0]

const NewEventBody = Type.Unsafe<NewEventInput>({
  type: 'object',
  additionalProperties: false,
  required: ['courtCode', 'convictionDate', 'mainOffence'],
  properties: eventInputProperties,
})

const requirementInput = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'length'],
  properties: {
    type: { type: 'string', enum: REQUIREMENT_KINDS.map(k => k.code) },
    length: {
      type: 'integer',
      description:
        'In the requirement’s unit: hours (unpaid work), days (RAR, programme, alcohol abstinence) or months',
    },
    startDate: nullable(date('Start date (defaults to the sentence date)')),
    hoursPerDay: { type: 'number', nullable: true, description: 'Curfew only' },
    daysPerWeek: { type: 'integer', nullable: true, description: 'Curfew only (default 7)' },
    notes: { type: 'string', nullable: true, maxLength: 1000 },
  },
} as const

const NewSentenceBody = Type.Unsafe<NewSentenceInput>({
  type: 'object',
  additionalProperties: false,
  required: ['type', 'sentenceDate'],
  properties: {
    eventNumber: { type: 'integer', nullable: true },
    event: { type: 'object', nullable: true, additionalProperties: false, properties: eventInputProperties },
    type: { type: 'string', enum: SENTENCE_TYPES.map(t => t.code) },
    sentenceDate: date('Sentence date'),
    length: nullable(lengthSchema),
    operationalPeriod: nullable(lengthSchema),
    supervisionPeriod: nullable(lengthSchema),
    requirements: { type: 'array', maxItems: 20, items: requirementInput },
    custodialType: { type: 'string', nullable: true, enum: [...CUSTODIAL_TYPES.map(t => t.code), null] },
    consecutiveToEventNumber: { type: 'integer', nullable: true },
    remandDays: { type: 'integer', nullable: true },
    taggedBailDays: { type: 'integer', nullable: true },
  },
})

const RECORD_SENTENCE_DESCRIPTION =
  'On an event awaiting sentence (`eventNumber`) or a new one (`event`). Community order: `length` (up to 3 years) and ' +
  '`requirements`. Suspended sentence order: `length` is the suspended term (14 days–2 years), `operationalPeriod`, ' +
  '`supervisionPeriod` (with requirements). Custodial: `custodialType` (SDS, SDS_PLUS), `length`, ' +
  '`consecutiveToEventNumber`, `remandDays`, `taggedBailDays`; key dates are calculated from every current custodial ' +
  'sentence. Everything commits in one transaction with the case-status change and the outbox event `person.sentenced`; ' +
  'limits are refused field by field (400) and nothing is saved.'

const SentencesResponse = {
  description: 'The orders and the case status',
  type: 'object',
  properties: {
    caseStatus: {
      type: 'string',
      enum: [
        'pre_sentence',
        'awaiting_allocation',
        'allocated',
        'in_custody',
        'on_licence',
        'recalled',
        'on_pss',
        'ended',
      ],
    },
    caseStatusText: { type: 'string' },
    supervision: {
      type: 'object',
      description: 'Whether supervision appointments may be booked, and why not',
      properties: { allowed: { type: 'boolean' }, reason: { type: 'string' } },
    },
    current: { type: 'array', items: { $ref: 'Sentence#' } },
    previous: { type: 'array', items: { $ref: 'Sentence#' } },
  },
} as const

function eventRoutes(app: App, sentencing: SentencingService) {
  app.get(
    '/people/:crn/events',
    {
      schema: {
        tags,
        operationId: 'listEvents',
        summary: 'A person’s events (convictions) with their offences',
        params: CrnParams,
        response: {
          200: { description: 'The events, latest first', type: 'array', items: { $ref: 'Event#' } },
          404: errorResponses[404],
          ...commonErrors,
        },
      },
      config: { access: 'person:read', audit: { action: SENTENCES_VIEW, page: 'api-events' } },
    },
    async request => sentencing.events(ctxOf(request), request.params.crn),
  )

  app.post(
    '/people/:crn/events',
    {
      schema: {
        tags,
        operationId: 'addEvent',
        summary: 'Add an event (a conviction awaiting sentence)',
        description:
          'Offence codes are checked against the Home Office offence list; a group code that needs the exact offence is refused.',
        params: CrnParams,
        body: NewEventBody,
        response: {
          201: { description: 'Added', type: 'object', properties: { eventNumber: { type: 'integer' } } },
          400: errorResponses[400],
          404: errorResponses[404],
          ...commonErrors,
        },
      },
      config: { access: 'person:update' },
    },
    async (request, reply) => {
      const { eventNumber } = await sentencing.addEvent(ctxOf(request), request.params.crn, request.body)
      return reply.status(201).send({ eventNumber })
    },
  )
}

function sentenceRoutes(app: App, sentencing: SentencingService) {
  app.post(
    '/people/:crn/sentences',
    {
      schema: {
        tags,
        operationId: 'recordSentence',
        summary: 'Record a sentence with its requirements',
        description: RECORD_SENTENCE_DESCRIPTION,
        params: CrnParams,
        body: NewSentenceBody,
        response: {
          201: {
            description: 'Recorded, with the case status that follows',
            type: 'object',
            properties: {
              sentenceId: { type: 'integer' },
              eventNumber: { type: 'integer' },
              caseStatus: { type: 'string' },
            },
          },
          400: errorResponses[400],
          404: errorResponses[404],
          409: errorResponses[409],
          ...commonErrors,
        },
      },
      config: { access: 'person:update' },
    },
    async (request, reply) => {
      const result = await sentencing.recordSentence(ctxOf(request), request.params.crn, request.body)
      return reply.status(201).send(result)
    },
  )

  app.get(
    '/people/:crn/sentences',
    {
      schema: {
        tags,
        operationId: 'listSentences',
        summary: 'A person’s current and previous orders, with requirements, key dates and terminations',
        params: CrnParams,
        response: { 200: SentencesResponse, 404: errorResponses[404], ...commonErrors },
      },
      config: { access: 'person:read', audit: { writtenBy: 'service', action: SENTENCES_VIEW } },
    },
    async request => {
      const page = await sentencing.recordPage(ctxOf(request), request.params.crn)
      return {
        caseStatus: page.caseStatus,
        caseStatusText: page.caseStatusText,
        supervision: page.supervision,
        current: page.current,
        previous: page.previous,
      }
    },
  )
}

/** Events and sentences under `/api/v1` (registered by the api feature). */
export const sentencingApiRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { sentencing }) => {
  eventRoutes(app, sentencing)
  sentenceRoutes(app, sentencing)
}
