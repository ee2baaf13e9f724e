import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { DateTimeException, LocalDate } from '@js-joda/core'
import { Type } from 'typebox'
import { ValidationError, type FieldError } from '../../errors.ts'
import { commonErrors, errorResponses } from '../../web/api-schemas.ts'
import type { Parsed } from '../../web/forms.ts'
import { ctxOf } from '../../web/request-context.ts'
import { CrnParams } from '../../web/schemas.ts'
import { AGENCIES, isAgency, type ActionInput, type AgencyCode, type MeetingCommand } from './forms.ts'
import type { MappaPage } from './page.ts'
import type { MappaService } from './service.ts'

/**
 * MAPPA over the JSON API (`/api/v1`): the person's MAPPA category worked out with its reasons, the level, its
 * reviews, MAPP meetings (never the minutes: they are a restricted contact) and risk management actions; and
 * recording a MAPP meeting with its actions. Thin: rules, access, audit and the `mappa.meeting-recorded` event are
 * the service's, the same as the page's.
 */

const tags = ['mappa']
const date = { type: 'string', format: 'date' } as const
const nullableDate = { type: 'string', format: 'date', nullable: true } as const
const level = { type: 'integer', nullable: true, enum: [1, 2, 3, null] } as const

const RESPONSE = {
  description: 'The person’s MAPPA management (the minutes of meetings are not included)',
  type: 'object',
  properties: {
    crn: { type: 'string' },
    category: { ...level, description: 'The category worked out from the record; null when not eligible' },
    reasons: { type: 'array', items: { type: 'string' }, description: 'Why, in words, each naming its category' },
    source: { type: 'string' },
    current: {
      type: 'object',
      nullable: true,
      description: 'The active MAPP registration: the category and level being managed, and the next review',
      properties: {
        category: level,
        level,
        registeredDate: date,
        nextReviewDate: nullableDate,
        reviewOverdue: { type: 'boolean' },
      },
    },
    reviews: {
      type: 'array',
      description: 'Every level decision by a senior, the latest first',
      items: {
        type: 'object',
        properties: {
          category: { type: 'integer' },
          level: { type: 'integer' },
          reason: { type: 'string' },
          reviewedOn: date,
          nextReviewDate: date,
        },
      },
    },
    meetings: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          date,
          level,
          agencies: { type: 'array', items: { type: 'string' } },
          otherAgency: { type: 'string', nullable: true },
          minutesRecorded: { type: 'boolean', description: 'Minutes are a restricted contact, not shown here' },
        },
      },
    },
    actions: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          meetingId: { type: 'integer', nullable: true },
          description: { type: 'string' },
          ownerAgency: { type: 'string', nullable: true },
          ownerStaffId: { type: 'integer', nullable: true },
          due: date,
          doneOn: nullableDate,
        },
      },
    },
  },
} as const

const MappaResponse = Type.Unsafe<ReturnType<typeof apiMappa>>(RESPONSE)

function apiMappa(page: MappaPage) {
  const r = page.registration
  return {
    crn: page.person.crn,
    category: page.eligibility.category,
    reasons: page.eligibility.reasons,
    source: page.eligibility.source,
    current: r
      ? {
          category: r.mappa_category,
          level: r.mappa_level,
          registeredDate: r.registered_date,
          nextReviewDate: r.next_review_date,
          reviewOverdue: r.next_review_date !== null && r.next_review_date < page.today.toString(),
        }
      : null,
    reviews: page.reviews.map(v => ({
      category: v.category,
      level: v.level,
      reason: v.reason,
      reviewedOn: v.reviewed_on,
      nextReviewDate: v.next_review_date,
    })),
    meetings: page.meetings.map(m => ({
      id: Number(m.id),
      date: m.meeting_date,
      level: m.level,
      agencies: m.agencies,
      otherAgency: m.other_agency,
      minutesRecorded: m.minutes_contact_id !== null,
    })),
    actions: page.actions.map(a => ({
      id: Number(a.id),
      meetingId: a.meeting_id === null ? null : Number(a.meeting_id),
      description: a.description,
      ownerAgency: a.owner_agency,
      ownerStaffId: a.owner_staff_id === null ? null : Number(a.owner_staff_id),
      due: a.due_date,
      doneOn: a.done_on,
    })),
  }
}

interface ActionBody {
  description: string
  ownerAgency?: string
  ownerStaffId?: number
  due: string
}

interface MeetingBody {
  date?: string
  level?: 1 | 2 | 3
  agencies: string[]
  otherAgency?: string
  minutes?: string
  actions?: ActionBody[]
}

const agencyCodes = AGENCIES.map(a => a.code)

const MeetingBodySchema = Type.Unsafe<MeetingBody>({
  type: 'object',
  additionalProperties: false,
  required: ['agencies'],
  properties: {
    date: { type: 'string', maxLength: 10, description: 'The day of the meeting (YYYY-MM-DD); required' },
    level: { type: 'integer', enum: [1, 2, 3] },
    agencies: { type: 'array', minItems: 1, maxItems: 20, items: { type: 'string', enum: agencyCodes } },
    otherAgency: { type: 'string', maxLength: 200, description: 'Required when `agencies` includes `other`' },
    minutes: { type: 'string', maxLength: 20000, description: 'Recorded as a restricted (sensitive) MAPPA contact' },
    actions: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['description', 'due'],
        properties: {
          description: { type: 'string', minLength: 1, maxLength: 2000 },
          ownerAgency: { type: 'string', enum: agencyCodes },
          ownerStaffId: { type: 'integer', minimum: 1 },
          due: { type: 'string', maxLength: 10, description: 'YYYY-MM-DD' },
        },
      },
    },
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

function actionInput(a: ActionBody, i: number, errors: FieldError[]): ActionInput {
  const due = isoDate(a.due)
  if (!due) errors.push({ field: `actions.${i}.due`, message: 'The due date must be a real date' })
  if (!a.ownerAgency && !a.ownerStaffId)
    errors.push({ field: `actions.${i}.ownerAgency`, message: 'Give the agency or the member of staff (or both)' })
  if (!a.description.trim()) errors.push({ field: `actions.${i}.description`, message: 'Enter what is to be done' })
  return {
    description: a.description.trim(),
    ownerAgency: (a.ownerAgency ?? null) as AgencyCode | null,
    ownerStaffId: a.ownerStaffId ?? null,
    due: due ?? LocalDate.MIN,
  }
}

/** The body as the command the page's form gives, with the body's own field names in its errors. */
function meetingCommand(body: MeetingBody): Parsed<MeetingCommand> {
  const errors: FieldError[] = []
  const meetingDate = isoDate(body.date)
  if (!body.date) errors.push({ field: 'date', message: 'Enter the date of the meeting' })
  else if (!meetingDate) errors.push({ field: 'date', message: 'The date of the meeting must be a real date' })
  const otherAgency = body.otherAgency?.trim() || null
  if (body.agencies.includes('other') && !otherAgency)
    errors.push({ field: 'otherAgency', message: 'Enter the other agency that attended' })
  const actions = (body.actions ?? []).map((a, i) => actionInput(a, i, errors))
  if (errors.length) return { ok: false, errors }
  return {
    ok: true,
    value: {
      date: meetingDate!,
      level: body.level ?? null,
      agencies: [...new Set(body.agencies.filter(isAgency))],
      otherAgency: body.agencies.includes('other') ? otherAgency : null,
      minutes: body.minutes?.trim() || null,
      actions,
    },
  }
}

/** The page's field names in the service's refusals, as the API body names them. */
const API_FIELD: Record<string, string> = {
  'meetingDate-day': 'date',
  'actionDue-day': 'actions.due',
  actionOwnerStaff: 'actions.ownerStaffId',
}

type Options = { mappa: MappaService }

export const mappaApiRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { mappa }) => {
  app.get(
    '/people/:crn/mappa',
    {
      schema: {
        tags,
        operationId: 'getMappa',
        summary: 'A person’s MAPPA category (with reasons), level, reviews, MAPP meetings and risk management actions',
        params: CrnParams,
        response: { 200: MappaResponse, 404: errorResponses[404], ...commonErrors },
      },
      config: { access: 'person:read', audit: { action: 'MAPPA_VIEW', page: 'api-mappa' } },
    },
    async request => apiMappa(await mappa.page(ctxOf(request), request.params.crn.toUpperCase())),
  )

  app.post(
    '/people/:crn/mappa/meetings',
    {
      schema: {
        tags,
        operationId: 'recordMappMeeting',
        summary: 'Record a MAPP meeting, its attending agencies, minutes (restricted) and risk management actions',
        description:
          'Refused (400, the field named) without a date, with a date in the future, or with an action due in the ' +
          'past. Answers with the person’s MAPPA management as GET does.',
        params: CrnParams,
        body: MeetingBodySchema,
        response: { 201: MappaResponse, ...commonErrors },
      },
      config: { access: 'person:update' },
    },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const crn = request.params.crn.toUpperCase()
      try {
        await mappa.recordMeeting(ctx, crn, meetingCommand(request.body))
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e
        throw new ValidationError(e.errors.map(f => ({ ...f, field: API_FIELD[f.field] ?? f.field })))
      }
      return reply.code(201).send(apiMappa(await mappa.page(ctx, crn)))
    },
  )
}
