import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ValidationError } from '../../errors.ts'
import { ctxOf } from '../../web/request-context.ts'
import { CrnParams } from '../../web/schemas.ts'
import { commonErrors, errorResponses } from '../../web/api-schemas.ts'
import type { AllocationService } from './service.ts'

/**
 * Allocation over the JSON API (mounted under `/api/v1` by `features/api/routes.ts`): a team's queue of
 * unallocated cases with the provider decision and reasons, allocating a case, and a person's allocation history.
 * Each handler calls the allocation service the pages use, so access, audit and outbox events are the same.
 */

type Options = { allocation: AllocationService }

const tags = ['allocations']

const QueueQuery = Type.Object(
  { team: Type.String({ pattern: '^[A-Za-z0-9-]{1,40}$', description: 'Team code, e.g. PS-NW-N-A' }) },
  { additionalProperties: false },
)

const AllocateBody = Type.Object(
  {
    staffCode: Type.String({ maxLength: 40, description: 'The practitioner’s staff code' }),
    notes: Type.Optional(Type.String({ maxLength: 4000, description: 'Allocation notes (required for a transfer)' })),
    notesSensitive: Type.Optional(Type.Boolean({ default: false })),
    version: Type.Integer({ minimum: 1, description: 'The `version` of the person record you read' }),
    transfer: Type.Optional(Type.Boolean({ default: false })),
  },
  { additionalProperties: false },
)

const ReasonSchema = {
  type: 'object',
  required: ['code', 'public', 'text'],
  properties: {
    code: {
      type: 'string',
      description: 'e.g. rosh_high, mappa, rsr_high, rsr_below, rosh_conflict, no_other_criterion',
    },
    public: { type: 'boolean', description: 'Whether this reason points at the public probation service' },
    text: { type: 'string' },
  },
} as const

const DecisionSchema = {
  type: 'object',
  required: ['outcome', 'reasons'],
  properties: {
    outcome: {
      type: 'string',
      enum: ['public', 'contracted', 'blocked'],
      description: '`blocked`: conflicting RoSH information a senior must resolve',
    },
    conflict: { type: 'string', nullable: true, description: 'The conflict, when blocked' },
    reasons: { type: 'array', items: ReasonSchema },
  },
} as const

/** `GET /allocations?team=`: a team's queue with the provider decision and its reasons. */
const queueApi: FastifyPluginAsyncTypebox<Options> = async (app, { allocation }) => {
  app.get(
    '/allocations',
    {
      schema: {
        tags,
        operationId: 'listUnallocatedCases',
        summary: "A team's unallocated cases",
        description:
          'Sentenced cases waiting for a practitioner in the team (or its delivery unit, when no team is set yet), oldest ' +
          'sentence first, with tier, RoSH, the allocation due date (2 working days after sentence) and the provider decision ' +
          'with its reasons. Cases the user may not read are left out and counted in `hidden`.',
        querystring: QueueQuery,
        response: {
          200: {
            description: 'The queue',
            type: 'object',
            required: ['team', 'cases', 'hidden'],
            properties: {
              team: { type: 'string' },
              hidden: { type: 'integer' },
              cases: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    crn: { type: 'string' },
                    name: { type: 'string' },
                    tier: { type: 'string', nullable: true },
                    rosh: { type: 'string', nullable: true, enum: ['low', 'medium', 'high', 'very_high', null] },
                    sentenceDate: { type: 'string', format: 'date', nullable: true },
                    allocationDueDate: { type: 'string', format: 'date', nullable: true },
                    workingDaysLeft: { type: 'integer', nullable: true, description: 'Negative when overdue' },
                    decision: DecisionSchema,
                  },
                },
              },
            },
          },
          404: errorResponses[404],
          ...commonErrors,
        },
      },
      config: { access: 'person:read' },
    },
    async request => {
      const view = await allocation.queue(ctxOf(request), { team: request.query.team })
      return {
        team: view.team?.code ?? request.query.team,
        hidden: view.hidden,
        cases: view.rows.map(r => ({
          crn: r.crn,
          name: r.name,
          tier: r.tier,
          rosh: r.rosh,
          sentenceDate: r.sentenceDate,
          allocationDueDate: r.clock?.dueBy ?? null,
          workingDaysLeft: r.clock?.workingDaysLeft ?? null,
          decision: {
            outcome: r.decision.outcome,
            conflict: r.decision.conflict?.text ?? null,
            reasons: r.decision.reasons,
          },
        })),
      }
    },
  )
}

/** The answer to an allocation (OpenAPI's `nullable`, which TypeBox does not model: hence `Unsafe` with its type). */
const Allocated = Type.Unsafe<{
  allocationId: number
  kind: 'initial' | 'reallocation' | 'transfer'
  inductionDueDate?: string | null
  inductionProposedDate?: string | null
}>({
  description: 'Allocated',
  type: 'object',
  required: ['allocationId', 'kind'],
  properties: {
    allocationId: { type: 'integer' },
    kind: { type: 'string', enum: ['initial', 'reallocation', 'transfer'] },
    inductionDueDate: { type: 'string', format: 'date', nullable: true },
    inductionProposedDate: { type: 'string', format: 'date', nullable: true },
  },
})

/** `POST /allocations/:crn`: allocate, reallocate or transfer. */
const allocateApi: FastifyPluginAsyncTypebox<Options> = async (app, { allocation }) => {
  app.post(
    '/allocations/:crn',
    {
      schema: {
        tags,
        operationId: 'allocateCase',
        summary: 'Allocate, reallocate or transfer a case',
        description:
          'Allocates the case to a practitioner (seniors only). The first allocation must go to the kind of provider the ' +
          'provider decision names; later allocations stay within the managing provider unless `transfer` is true, which ' +
          'moves the case to another provider (notes required). Refused with the reason (400, field `staffId`) when the ' +
          'practitioner is outside the case’s provider or conflicting RoSH information has not been resolved. Publishes ' +
          '`person.allocated` or `person.transferred`.',
        params: CrnParams,
        body: AllocateBody,
        response: {
          201: Allocated,
          ...errorResponses,
          ...commonErrors,
        },
      },
      config: { access: 'person:update' },
    },
    async (request, reply) => {
      const b = request.body
      const staffId = await allocation.staffIdByCode(b.staffCode)
      if (staffId === null)
        throw new ValidationError([
          { field: 'staffCode', message: `There is no member of staff with the code ${b.staffCode}` },
        ])
      // The same command the page's form gives (notes trimmed as a form's are).
      const command = { staffId, notes: (b.notes ?? '').trim(), notesSensitive: !!b.notesSensitive, version: b.version }
      const crn = request.params.crn.toUpperCase()
      const result = b.transfer
        ? await allocation.transfer(ctxOf(request), crn, command)
        : await allocation.allocate(ctxOf(request), crn, command)
      return reply.status(201).send({
        allocationId: result.allocationId,
        kind: result.kind,
        inductionDueDate: result.induction?.dueBy.toString() ?? null,
        inductionProposedDate: result.induction?.proposed.toString() ?? null,
      })
    },
  )
}

/** `GET /people/:crn/allocations`: the person's allocation history. */
const historyApi: FastifyPluginAsyncTypebox<Options> = async (app, { allocation }) => {
  app.get(
    '/people/:crn/allocations',
    {
      schema: {
        tags,
        operationId: 'getAllocationHistory',
        summary: "A person's allocation history",
        description:
          'Every manager the person has had, newest first, with each allocation’s kind, provider decision, notes (unless sensitive) and induction due date.',
        params: CrnParams,
        response: {
          200: {
            description: 'The history',
            type: 'object',
            properties: {
              crn: { type: 'string' },
              history: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    provider: { type: 'string' },
                    team: { type: 'string', nullable: true },
                    staffCode: { type: 'string', nullable: true },
                    staffName: { type: 'string', nullable: true },
                    startedAt: { type: 'string', format: 'date-time' },
                    endedAt: { type: 'string', format: 'date-time', nullable: true },
                    kind: { type: 'string', nullable: true, enum: ['initial', 'reallocation', 'transfer', null] },
                    reason: { type: 'string', nullable: true },
                    decision: { ...DecisionSchema, nullable: true },
                    notes: { type: 'string', nullable: true },
                    inductionDueDate: { type: 'string', format: 'date', nullable: true },
                  },
                },
              },
            },
          },
          404: errorResponses[404],
          ...commonErrors,
        },
      },
      config: { access: 'person:read', audit: { action: 'ALLOCATION_HISTORY_VIEW' } },
    },
    async request => {
      const view = await allocation.history(ctxOf(request), request.params.crn.toUpperCase())
      return {
        crn: view.person.crn,
        history: view.rows.map(r => ({
          provider: r.providerCode,
          team: r.teamCode,
          staffCode: r.staffCode,
          staffName: r.staffName,
          startedAt: r.startedAt.toISOString(),
          endedAt: r.endedAt?.toISOString() ?? null,
          kind: r.kind,
          reason: r.reason,
          decision: r.decision,
          notes: r.notes,
          inductionDueDate: r.inductionDueDate,
        })),
      }
    },
  )
}

export const allocationApiRoutes: FastifyPluginAsyncTypebox<Options> = async (app, options) => {
  await app.register(queueApi, options)
  await app.register(allocateApi, options)
  await app.register(historyApi, options)
}
