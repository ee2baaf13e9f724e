import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { RECALL_DECISIONS, RECALL_GROUNDS, RECALL_STAGES } from '../../domain/recall/index.ts'
import { commonErrors, errorResponses } from '../../web/api-schemas.ts'
import { ctxOf } from '../../web/request-context.ts'
import { CrnParams } from '../../web/schemas.ts'
import { RECALL_VIEW, type RecallService } from './service.ts'

/** Recalls over the JSON API (`/api/v1`). Thin: the service reads and checks access; the route audits the read. */

const date = (description: string) => ({ type: 'string', format: 'date', nullable: true, description })

const RecallSchema = {
  $id: 'Recall',
  type: 'object',
  properties: {
    id: { type: 'integer' },
    raisedOn: { type: 'string', format: 'date', description: 'The day the practitioner’s concern was recorded' },
    grounds: { type: 'array', items: { type: 'string', enum: RECALL_GROUNDS.map(g => g.code) } },
    concern: { type: 'string' },
    consultedSenior: { type: 'string', nullable: true },
    consultedOn: date('Consultation with a senior'),
    rationale: { type: 'string', nullable: true },
    alternatives: { type: 'string', nullable: true, description: 'Alternatives to recall tried' },
    decision: { type: 'string', nullable: true, enum: [...RECALL_DECISIONS.map(d => d.code), null] },
    decidedOn: date('The decision'),
    fixedTermDays: {
      type: 'integer',
      nullable: true,
      enum: [14, 28, null],
      description: '14 when the original sentence was under 12 months, else 28 (fixed-term recall only)',
    },
    partAOn: date('Part A produced from the record'),
    seniorSignedOn: date('First countersignature, by a senior'),
    acoSignedOn: date('Second countersignature, by a senior or administrator standing for the assistant chief officer'),
    sentToPpcsOn: date('Sent to the Public Protection Casework Section'),
    returnedOn: date('Returned to custody (the case becomes recalled)'),
    reReleaseDate: date('Automatic re-release of a fixed-term recall'),
    closedOn: date('Closed: returned to custody, or a decision not to recall'),
    nextStep: { type: 'string', enum: [...RECALL_STAGES] },
  },
} as const

/** Added to the API's scope by `api/routes.ts`. */
export const recallSchemas = [RecallSchema]

export const recallApiRoutes: FastifyPluginAsyncTypebox<{ recall: RecallService }> = async (app, { recall }) => {
  app.get(
    '/people/:crn/recalls',
    {
      schema: {
        tags: ['recalls'],
        operationId: 'listRecalls',
        summary: 'A person’s recall decisions, latest first',
        description:
          'Each recall from licence with its steps in order: concern, consultation with a senior, rationale and ' +
          'alternatives, decision (standard, fixed-term, emergency or no recall), Part A, countersignatures, sent to ' +
          'PPCS, return to custody. Recording a decision publishes the outbox event `recall.decided`.',
        params: CrnParams,
        response: {
          200: { description: 'The recalls, latest first', type: 'array', items: { $ref: 'Recall#' } },
          404: errorResponses[404],
          ...commonErrors,
        },
      },
      config: { access: 'person:read', audit: { action: RECALL_VIEW, page: 'api-recalls' } },
    },
    async request => recall.list(ctxOf(request), request.params.crn),
  )
}
