import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { commonErrors, errorResponses } from '../../web/api-schemas.ts'
import { ctxOf } from '../../web/request-context.ts'
import { CrnParams } from '../../web/schemas.ts'
import type { OrderSummary, UnpaidWorkPage } from './orders.ts'
import type { UnpaidWorkService } from './service.ts'

/**
 * A person's unpaid work over the JSON API (`/api/v1`, issue 17 item 4): each order's hours ordered, credited and
 * remaining (in minutes), the ETE share, the Sentencing Act 2026 incentive (current and projected), the two clocks
 * (first session within 7 working days of allocation; completion within 12 months) and the sessions done. Thin: the
 * reading, access and audit are the person page's (`UPW_VIEW`).
 */

const tags = ['unpaid-work']
const date = { type: 'string', format: 'date' } as const
const minutes = { type: 'integer', description: 'minutes' } as const

function apiOrder(o: OrderSummary) {
  return {
    requirementId: o.requirement.id,
    sentenceDate: String(o.requirement.sentence_date),
    orderedHours: o.orderedHours,
    creditedMinutes: o.hours.creditedMinutes,
    remainingMinutes: o.incentive.remainingMinutes,
    eteCreditedMinutes: o.hours.eteCreditedMinutes,
    eteAllowanceMinutes: o.hours.eteAllowanceMinutes,
    incentive: {
      eligible: o.incentive.eligible,
      disqualified: o.incentive.disqualified,
      currentDiscountMinutes: o.incentive.currentDiscountMinutes,
      projectedDiscountMinutes: o.incentive.projectedDiscountMinutes,
    },
    firstSession: o.firstSession
      ? {
          state: o.firstSession.state,
          dueBy: o.firstSession.dueBy.toString(),
          arrangedOn: o.firstSession.arrangedOn?.toString() ?? null,
        }
      : null,
    completion: {
      state: o.completion.state,
      startedOn: o.completion.startedOn.toString(),
      warnFrom: o.completion.warnFrom.toString(),
      dueBy: o.completion.dueBy.toString(),
    },
    sessions: o.past.map(s => ({
      date: s.date,
      project: s.project,
      outcome: s.outcome,
      minutesCredited: s.minutesCredited,
      ete: s.ete,
    })),
  }
}

function apiUnpaidWork(page: UnpaidWorkPage) {
  return {
    crn: page.person.crn,
    aggregateOrderedHours: page.aggregate.totalHours,
    overAggregateLimit: page.aggregate.overLimit,
    orders: page.orders.map(apiOrder),
  }
}

const UnpaidWorkResponse = Type.Unsafe<ReturnType<typeof apiUnpaidWork>>({
  description: 'A person’s unpaid work orders with their hours, incentive and clocks',
  type: 'object',
  properties: {
    crn: { type: 'string' },
    aggregateOrderedHours: { type: 'integer', description: 'ordered hours of the orders running together (≤ 300)' },
    overAggregateLimit: { type: 'boolean' },
    orders: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          requirementId: { type: 'integer' },
          sentenceDate: date,
          orderedHours: { type: 'integer' },
          creditedMinutes: minutes,
          remainingMinutes: { ...minutes, description: 'minutes still to work, after the incentive taken off so far' },
          eteCreditedMinutes: minutes,
          eteAllowanceMinutes: minutes,
          incentive: {
            type: 'object',
            properties: {
              eligible: { type: 'boolean' },
              disqualified: { type: 'boolean' },
              currentDiscountMinutes: minutes,
              projectedDiscountMinutes: minutes,
            },
          },
          firstSession: {
            type: 'object',
            nullable: true,
            properties: {
              state: { type: 'string', enum: ['met', 'missed', 'due'] },
              dueBy: date,
              arrangedOn: { ...date, nullable: true },
            },
          },
          completion: {
            type: 'object',
            properties: {
              state: { type: 'string', enum: ['on_track', 'at_risk', 'overdue', 'complete'] },
              startedOn: date,
              warnFrom: date,
              dueBy: date,
            },
          },
          sessions: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                date,
                project: { type: 'string' },
                outcome: {
                  type: 'string',
                  enum: ['worked', 'sent_home', 'stood_down', 'absent_acceptable', 'absent_unacceptable'],
                },
                minutesCredited: minutes,
                ete: { type: 'boolean' },
              },
            },
          },
        },
      },
    },
  },
})

export const unpaidWorkApiRoutes: FastifyPluginAsyncTypebox<{ unpaidWork: UnpaidWorkService }> = async (
  app,
  { unpaidWork },
) => {
  app.get(
    '/people/:crn/unpaid-work',
    {
      schema: {
        tags,
        operationId: 'getUnpaidWork',
        summary: 'A person’s unpaid work: hours ordered, credited and remaining, the incentive and the clocks',
        params: CrnParams,
        response: { 200: UnpaidWorkResponse, 404: errorResponses[404], ...commonErrors },
      },
      config: { access: 'person:read', audit: { action: 'UPW_VIEW', page: 'api-unpaid-work' } },
    },
    async request =>
      apiUnpaidWork(await unpaidWork.orders.personPage(ctxOf(request), request.params.crn.toUpperCase())),
  )
}
