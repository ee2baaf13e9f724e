import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { commonErrors, errorResponses } from '../../web/api-schemas.ts'
import { ctxOf } from '../../web/request-context.ts'
import { Id } from '../../web/schemas.ts'
import type { ApplicationPage } from './applications.ts'
import type { ApprovedPremisesService } from './service.ts'
import type { ApplicationRow } from './queries/applications.ts'

/**
 * Applications over the JSON API (`/api/v1`, issue 16 items 2 and 6): the approved premises team's list (awaiting
 * assessment, information requested, accepted) and one application with the record's summary as it was submitted
 * and every decision. Read-only and thin: the service keeps the team to its region and audits the person read through
 * the application, as the pages do. The list names each applicant by CRN only.
 */

const tags = ['approved-premises']
const STATUSES = ['awaiting_assessment', 'information_requested', 'accepted', 'rejected', 'placed']
const date = { type: 'string', format: 'date' } as const

const listed = (a: ApplicationRow) => ({
  id: a.id,
  crn: a.crn,
  status: a.status,
  region: a.region_name,
  arrivalDate: a.arrival_date,
  departureDate: a.departure_date,
  essentialCharacteristics: a.essential_characteristics,
  submittedAt: new Date(a.submitted_at).toISOString(),
})

const ListedSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    crn: { type: 'string' },
    status: { type: 'string', enum: STATUSES },
    region: { type: 'string' },
    arrivalDate: date,
    departureDate: date,
    essentialCharacteristics: { type: 'array', items: { type: 'string' } },
    submittedAt: { type: 'string', format: 'date-time' },
  },
} as const

const ApplicationList = Type.Unsafe<{ applications: ReturnType<typeof listed>[] }>({
  description: 'The applications the caller’s approved premises team assesses, oldest first',
  type: 'object',
  properties: { applications: { type: 'array', items: ListedSchema } },
})

function apiApplication(page: ApplicationPage) {
  const a = page.application
  return {
    ...listed(a),
    reasons: a.reasons,
    moveOnPlan: a.move_on_plan,
    roomSharing: a.room_sharing,
    summary: page.summary,
    events: page.events.map(e => ({
      kind: e.kind,
      text: e.text,
      bookingId: e.booking_id,
      recordedAt: new Date(e.recorded_at).toISOString(),
      recordedBy: e.recorded_by_name,
    })),
  }
}

const ApplicationResponse = Type.Unsafe<ReturnType<typeof apiApplication>>({
  description: 'One application: what was asked, the record’s summary as submitted, and every decision in order',
  type: 'object',
  properties: {
    ...ListedSchema.properties,
    reasons: { type: 'string' },
    moveOnPlan: { type: 'string' },
    roomSharing: { type: 'boolean' },
    summary: { type: 'object', additionalProperties: true },
    events: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          kind: { type: 'string' },
          text: { type: 'string', nullable: true },
          bookingId: { type: 'integer', nullable: true },
          recordedAt: { type: 'string', format: 'date-time' },
          recordedBy: { type: 'string', nullable: true },
        },
      },
    },
  },
})

type Options = { approvedPremises: ApprovedPremisesService }

export const applicationApiRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { approvedPremises: ap }) => {
  app.get(
    '/approved-premises/applications',
    {
      schema: {
        tags,
        operationId: 'listApprovedPremisesApplications',
        summary: 'The applications the caller’s approved premises team assesses: awaiting, information asked, accepted',
        response: { 200: ApplicationList, ...commonErrors },
      },
      config: { access: 'premises:manage' },
    },
    async request => ({ applications: (await ap.applicationList(ctxOf(request))).map(listed) }),
  )
  app.get(
    '/approved-premises/applications/:id',
    {
      schema: {
        tags,
        operationId: 'getApprovedPremisesApplication',
        summary: 'One application, for its region’s approved premises team or the person’s case manager',
        params: Type.Object({ id: Id }),
        response: { 200: ApplicationResponse, 404: errorResponses[404], ...commonErrors },
      },
      config: { access: 'signed-in' },
    },
    async request => apiApplication(await ap.application(ctxOf(request), Number(request.params.id))),
  )
}
