import type { FastifyInstance } from 'fastify'
import { ValidationError } from '../../errors.ts'
import { ctxOf } from '../../web/request-context.ts'
import { commonErrors, errorResponses } from '../api/schemas.ts'
import type { AllocationService } from './service.ts'

/**
 * Allocation over the JSON API (mounted under `/api/v1` by `features/api/routes.ts`): a team's queue of
 * unallocated cases with the provider decision and reasons, allocating a case, and a person's allocation history.
 * Each handler calls the allocation service the pages use, so access, audit and outbox events are the same.
 */

const tags = ['allocations']
const crnParams = {
  type: 'object',
  required: ['crn'],
  properties: {
    crn: { type: 'string', pattern: '^[A-Za-z][0-9]{6}$', description: 'Case reference number, e.g. X100001' },
  },
} as const

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

export async function allocationApiRoutes(app: FastifyInstance, { allocation }: { allocation: AllocationService }) {
  app.get<{ Querystring: { team: string } }>(
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
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['team'],
          properties: {
            team: { type: 'string', pattern: '^[A-Za-z0-9-]{1,40}$', description: 'Team code, e.g. PS-NW-N-A' },
          },
        },
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
        team: view.team!.code,
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

  app.post<{
    Params: { crn: string }
    Body: { staffCode: string; notes?: string; notesSensitive?: boolean; version: number; transfer?: boolean }
  }>(
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
        params: crnParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['staffCode', 'version'],
          properties: {
            staffCode: { type: 'string', maxLength: 40, description: 'The practitioner’s staff code' },
            notes: { type: 'string', maxLength: 4000, description: 'Allocation notes (required for a transfer)' },
            notesSensitive: { type: 'boolean', default: false },
            version: { type: 'integer', minimum: 1, description: 'The `version` of the person record you read' },
            transfer: { type: 'boolean', default: false },
          },
        },
        response: {
          201: {
            description: 'Allocated',
            type: 'object',
            required: ['allocationId', 'kind'],
            properties: {
              allocationId: { type: 'integer' },
              kind: { type: 'string', enum: ['initial', 'reallocation', 'transfer'] },
              inductionDueDate: { type: 'string', format: 'date', nullable: true },
              inductionProposedDate: { type: 'string', format: 'date', nullable: true },
            },
          },
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
      const form = {
        staffId: String(staffId),
        notes: b.notes ?? '',
        notesSensitive: b.notesSensitive ? 'yes' : '',
        version: String(b.version),
      }
      const crn = request.params.crn.toUpperCase()
      const result = b.transfer
        ? await allocation.transfer(ctxOf(request), crn, form)
        : await allocation.allocate(ctxOf(request), crn, form)
      return reply.status(201).send({
        allocationId: result.allocationId,
        kind: result.kind,
        inductionDueDate: result.induction?.dueBy.toString() ?? null,
        inductionProposedDate: result.induction?.proposed.toString() ?? null,
      })
    },
  )

  app.get<{ Params: { crn: string } }>(
    '/people/:crn/allocations',
    {
      schema: {
        tags,
        operationId: 'getAllocationHistory',
        summary: "A person's allocation history",
        description:
          'Every manager the person has had, newest first, with each allocation’s kind, provider decision, notes (unless sensitive) and induction due date.',
        params: crnParams,
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
      config: { access: 'person:read' },
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
