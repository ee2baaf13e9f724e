import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { commonErrors, errorResponses } from '../../web/api-schemas.ts'
import { ctxOf } from '../../web/request-context.ts'
import { Id } from '../../web/schemas.ts'
import type { ContractRow } from './queries.ts'
import type { ContractsService } from './service.ts'
import { statementLines } from './statement-lines.ts'
import type { Statement } from './statements.ts'

/**
 * Contracts' JSON API (issue 19; contracts:read): the contracts, and a contract's statement for a quarter with
 * every figure and its explanation (the same lines as the page, CSV and PDF). Money in whole pence. No person's data.
 */

const tags = ['contracts']
const int = { type: 'integer' } as const
const num = { type: 'number' } as const
const str = { type: 'string' } as const

function apiContract(c: ContractRow) {
  return {
    id: c.id,
    reference: c.reference,
    provider: { id: c.provider_id, name: c.provider_name },
    area: { id: c.region_id, name: c.region_name },
    startsOn: String(c.starts_on),
    endsOn: String(c.ends_on),
    valuePence: c.value_pence,
  }
}

const contractSchema = {
  type: 'object',
  properties: {
    id: int,
    reference: str,
    provider: { type: 'object', properties: { id: int, name: str } },
    area: {
      type: 'object',
      description: 'the contract package area (a region of the provider)',
      properties: { id: int, name: str },
    },
    startsOn: { type: 'string', format: 'date' },
    endsOn: { type: 'string', format: 'date' },
    valuePence: int,
  },
} as const

function apiStatement(s: Statement) {
  const f = s.cohort.figures
  return {
    contract: apiContract(s.contract),
    quarter: s.quarter,
    from: s.period.from.toString(),
    to: s.period.to.toString(),
    provisional: f.provisional,
    cohort: {
      size: f.cohortSize,
      reoffenders: f.reoffenders,
      reoffences: f.reoffences,
      binaryRate: f.binaryRate,
      frequency: f.frequencyPerReoffender,
      withoutPredicted: s.withoutPredicted,
    },
    paymentByResultsPence: s.pbrResult?.total ?? null,
    feeForServicePence: s.fssResult?.total ?? null,
    subcontractors: s.subcontractors.map(x => ({ name: x.name, tier: x.tier, amountPence: x.amount })),
    lines: statementLines(s),
  }
}

const StatementResponse = Type.Unsafe<ReturnType<typeof apiStatement>>({
  description: 'A contract’s statement for a quarter: every figure with its explanation',
  type: 'object',
  properties: {
    contract: contractSchema,
    quarter: { type: 'string', description: 'e.g. 2026-Q1' },
    from: { type: 'string', format: 'date' },
    to: { type: 'string', format: 'date' },
    provisional: {
      type: 'boolean',
      description: 'the cohort’s waiting period has not ended: figures may still change',
    },
    cohort: {
      type: 'object',
      properties: {
        size: int,
        reoffenders: int,
        reoffences: int,
        binaryRate: num,
        frequency: num,
        withoutPredicted: { type: 'integer', description: 'members with no predicted probability (baseline used)' },
      },
    },
    paymentByResultsPence: { type: 'integer', nullable: true, description: 'null: no terms in force' },
    feeForServicePence: { type: 'integer', nullable: true, description: 'null: no terms in force' },
    subcontractors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { name: str, tier: { type: 'string', enum: ['tier_2', 'tier_3'] }, amountPence: int },
      },
    },
    lines: {
      type: 'array',
      items: { type: 'object', properties: { section: str, name: str, value: str, explanation: str } },
    },
  },
})

const ListResponse = Type.Unsafe<{ contracts: ReturnType<typeof apiContract>[] }>({
  description: 'Every contract',
  type: 'object',
  properties: { contracts: { type: 'array', items: contractSchema } },
})

export const contractsApiRoutes: FastifyPluginAsyncTypebox<{ contracts: ContractsService }> = async (
  app,
  { contracts: c },
) => {
  app.get(
    '/contracts',
    {
      schema: {
        tags,
        operationId: 'listContracts',
        summary: 'The contracts, with their provider, contract package area, dates and value',
        response: { 200: ListResponse, ...commonErrors },
      },
      config: { access: 'contracts:read' },
    },
    async request => ({ contracts: (await c.list(ctxOf(request))).contracts.map(apiContract) }),
  )

  app.get(
    '/contracts/:id/statements/:quarter',
    {
      schema: {
        tags,
        operationId: 'getContractStatement',
        summary: 'A contract’s statement for a quarter (payment by results, subcontractors, fee for service)',
        params: Type.Object({
          id: Id,
          quarter: Type.String({ pattern: '^[0-9]{4}-Q[1-4]$', description: 'The quarter, like 2026-Q1' }),
        }),
        response: { 200: StatementResponse, 400: errorResponses[400], 404: errorResponses[404], ...commonErrors },
      },
      config: { access: 'contracts:read' },
    },
    async request => apiStatement(await c.statement(ctxOf(request), Number(request.params.id), request.params.quarter)),
  )
}
