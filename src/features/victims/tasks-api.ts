import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { londonDate } from '../../clock.ts'
import { commonErrors, errorResponses } from '../../web/api-schemas.ts'
import { ctxOf } from '../../web/request-context.ts'
import { Id } from '../../web/schemas.ts'
import type { VictimTaskRow } from './queries/tasks.ts'
import type { VictimsService } from './service.ts'
import type { VictimTaskFacts } from './tasks-rules.ts'

/**
 * A victim's tasks over the JSON API (victims scope): what happened in the offender's record that the victim is
 * entitled to hear of, its dates, the victim-related conditions in force, and whether the officer has done it.
 */

const TaskParams = Type.Object({ victimId: Id })

const TASKS_RESPONSE = {
  description: 'The victim’s tasks, the soonest due first (never the offender’s address or prison)',
  type: 'array',
  items: {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      kind: {
        type: 'string',
        enum: ['sentence', 'custody_move', 'parole', 'release', 'licence_conditions', 'recall', 'licence_end'],
      },
      heading: { type: 'string' },
      event: { type: 'string', description: 'The outbox event that made it, or `licence.end`' },
      dates: {
        type: 'array',
        items: { type: 'object', properties: { label: { type: 'string' }, date: { type: 'string', format: 'date' } } },
      },
      notes: { type: 'array', items: { type: 'string' } },
      conditions: {
        type: 'array',
        items: {
          type: 'object',
          properties: { code: { type: 'string' }, title: { type: 'string' }, wording: { type: 'string' } },
        },
      },
      dueOn: { type: 'string', format: 'date' },
      createdOn: { type: 'string', format: 'date' },
      completedOn: { type: 'string', format: 'date', nullable: true },
      completionNotes: { type: 'string', nullable: true },
    },
  },
} as const

function apiTask(t: VictimTaskRow) {
  const facts = (typeof t.facts === 'string' ? JSON.parse(t.facts) : t.facts) as VictimTaskFacts
  return {
    id: t.id,
    kind: t.kind,
    heading: facts.heading,
    event: facts.event,
    dates: facts.dates,
    notes: facts.notes,
    conditions: facts.conditions,
    dueOn: t.due_on,
    createdOn: londonDate(new Date(t.created_at)).toString(),
    completedOn: t.completed_on,
    completionNotes: t.completion_notes,
  }
}

const TasksResponse = Type.Unsafe<ReturnType<typeof apiTask>[]>(TASKS_RESPONSE)

/** Registers `GET /api/v1/victims/:victimId/tasks` (called from `victimsApiRoutes`). */
export const victimTaskApiRoutes: FastifyPluginAsyncTypebox<{ victims: VictimsService }> = async (app, { victims }) => {
  app.get(
    '/victims/:victimId/tasks',
    {
      schema: {
        tags: ['victims'],
        operationId: 'getVictimTasks',
        summary: 'A victim’s tasks from key events in the offender’s record (victims scope)',
        params: TaskParams,
        response: { 200: TasksResponse, 404: errorResponses[404], ...commonErrors },
      },
      config: { access: 'victim:read', audit: { writtenBy: 'service', action: 'VICTIM_TASK_VIEW' } },
    },
    async request => (await victims.tasks.forApi(ctxOf(request), Number(request.params.victimId))).map(apiTask),
  )
}
