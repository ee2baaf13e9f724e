import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { DateTimeException, LocalDate } from '@js-joda/core'
import { Type } from 'typebox'
import type { FieldError } from '../../errors.ts'
import { commonErrors, errorResponses } from '../../web/api-schemas.ts'
import type { Parsed } from '../../web/forms.ts'
import { ctxOf } from '../../web/request-context.ts'
import { CrnParams } from '../../web/schemas.ts'
import type { ScreeningCommand } from './forms.ts'
import type { ResettlementPage } from './page.ts'
import type { ResettlementService } from './service.ts'

/**
 * Through the Gate over the JSON API (`/api/v1`): the person's resettlement work (screening clocks, needs by pathway,
 * the plan's actions, the pre-release window, release-day plans) and recording a screening, the way a prison's system
 * tells Probity that part 1 is done. Thin: the rules, access, audit and outbox events (`resettlement.screening-
 * recorded`) are the service's, the same as the pages'. A POST honours `Idempotency-Key`.
 */

const tags = ['resettlement']
const date = { type: 'string', format: 'date' } as const
const nullableDate = { type: 'string', format: 'date', nullable: true } as const
const clock = {
  type: 'object',
  properties: {
    due: nullableDate,
    status: { type: 'string', nullable: true, enum: ['done', 'done_late', 'due', 'late', null] },
    completedOn: nullableDate,
    completedBy: { type: 'string', nullable: true },
  },
} as const

const RESPONSE = {
  description: 'Where the person’s Through the Gate work stands, on the current custodial sentence',
  type: 'object',
  properties: {
    crn: { type: 'string' },
    sentenceId: { type: 'integer', nullable: true, description: 'Null when there is no current custodial sentence' },
    released: { type: 'boolean' },
    screeningPartOne: { ...clock, description: 'Basic custody screening part 1: within 72 hours of reception' },
    screeningPartTwo: {
      ...clock,
      properties: { ...clock.properties, required: { type: 'boolean' } },
      description: 'Part 2: for sentences of 4 years or less',
    },
    preRelease: {
      type: 'object',
      nullable: true,
      description: 'The 12 weeks before the earliest release date',
      properties: { opens: date, earliestRelease: date, earliestKey: { type: 'string' }, open: { type: 'boolean' } },
    },
    needs: {
      type: 'array',
      description: 'The current answer for each resettlement pathway (earlier answers are kept, not shown here)',
      items: {
        type: 'object',
        properties: {
          pathway: { type: 'string' },
          need: { type: 'boolean' },
          notes: { type: 'string', nullable: true },
        },
      },
    },
    actions: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          pathway: { type: 'string' },
          description: { type: 'string' },
          owner: { type: 'string' },
          due: date,
          doneOn: nullableDate,
        },
      },
    },
    releaseDayPlan: {
      type: 'object',
      nullable: true,
      description: 'The latest version (earlier versions are kept)',
      properties: {
        firstNightAddress: { type: 'string' },
        metBy: { type: 'string' },
        travel: { type: 'string' },
        firstAppointmentDate: date,
        firstAppointmentPlace: { type: 'string' },
        medication: { type: 'string', nullable: true },
        idDocuments: { type: 'string', nullable: true },
      },
    },
  },
} as const

// Typed as what `apiResettlement` returns: the JSON schema's `nullable` is beyond the type provider's inference.
const ResettlementResponse = Type.Unsafe<ReturnType<typeof apiResettlement>>(RESPONSE)

const iso = (d: LocalDate | string | null | undefined) => (d ? String(d).slice(0, 10) : null)

/** The page's state as the API shows it: the current answers, not their history. */
function apiResettlement(page: ResettlementPage) {
  const s = page.state
  const clockOf = (c: NonNullable<typeof s>['partOne']) => ({
    due: iso(c.due),
    status: c.status,
    completedOn: iso(c.done?.completed_on),
    completedBy: c.done?.completed_by ?? null,
  })
  const latestNeeds = new Map(page.needs.map(n => [n.pathway, n]))
  const plan = page.plans[0]
  return {
    crn: page.person.crn,
    sentenceId: s?.sentence.id ?? null,
    released: s?.released ?? false,
    screeningPartOne: s ? clockOf(s.partOne) : null,
    screeningPartTwo: s ? { ...clockOf(s.partTwo), required: s.partTwo.required } : null,
    preRelease: s?.window
      ? {
          opens: s.window.opens.toString(),
          earliestRelease: s.window.earliestRelease.toString(),
          earliestKey: s.window.earliestKey,
          open: s.inWindow,
        }
      : null,
    needs: [...latestNeeds.values()].map(n => ({ pathway: n.pathway, need: n.need, notes: n.notes })),
    actions: page.actions.map(a => ({
      id: a.id,
      pathway: a.pathway,
      description: a.description,
      owner: a.owner_organisation ?? `${a.owner_forename ?? ''} ${a.owner_surname ?? ''}`.trim(),
      due: iso(a.due_date),
      doneOn: iso(a.done_on),
    })),
    releaseDayPlan: plan
      ? {
          firstNightAddress: plan.first_night_address,
          metBy: plan.met_by,
          travel: plan.travel,
          firstAppointmentDate: iso(plan.first_appointment_date),
          firstAppointmentPlace: plan.first_appointment_place,
          medication: plan.medication,
          idDocuments: plan.id_documents,
        }
      : null,
  }
}

interface ScreeningBody {
  part: 1 | 2
  completedOn: string
  completedBy: string
  notes?: string
}

const ScreeningBodySchema = Type.Unsafe<ScreeningBody>({
  type: 'object',
  additionalProperties: false,
  required: ['part', 'completedOn', 'completedBy'],
  properties: {
    part: { type: 'integer', enum: [1, 2], description: '1: the prison’s; 2: the provider’s' },
    completedOn: { type: 'string', maxLength: 10, description: 'The day it was done (YYYY-MM-DD)' },
    completedBy: { type: 'string', minLength: 1, maxLength: 200 },
    notes: { type: 'string', maxLength: 4000 },
  },
})

/** The body as the command the page's form gives: a date that is not a real date is refused on `completedOn`. */
function screeningCommand(body: ScreeningBody): Parsed<ScreeningCommand> {
  const errors: FieldError[] = []
  let completedOn: LocalDate | null = null
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(body.completedOn)
  try {
    if (parts) completedOn = LocalDate.of(Number(parts[1]), Number(parts[2]), Number(parts[3]))
  } catch (e) {
    if (!(e instanceof DateTimeException)) throw e
  }
  if (!completedOn) errors.push({ field: 'completedOn', message: 'The date it was done must be a real date' })
  const completedBy = body.completedBy.trim()
  if (!completedBy) errors.push({ field: 'completedBy', message: 'Enter who did the screening' })
  return errors.length
    ? { ok: false, errors }
    : {
        ok: true,
        value: { part: body.part, completedOn: completedOn!, completedBy, notes: body.notes?.trim() || null },
      }
}

type Options = { resettlement: ResettlementService }

export const resettlementApiRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { resettlement }) => {
  app.get(
    '/people/:crn/resettlement',
    {
      schema: {
        tags,
        operationId: 'getResettlement',
        summary: 'A person’s Through the Gate work: screening clocks, needs, plan actions, release-day plan',
        params: CrnParams,
        response: { 200: ResettlementResponse, 404: errorResponses[404], ...commonErrors },
      },
      config: { access: 'person:read', audit: { action: 'RESETTLEMENT_VIEW', page: 'api-resettlement' } },
    },
    async request => apiResettlement(await resettlement.page(ctxOf(request), request.params.crn.toUpperCase())),
  )

  app.post(
    '/people/:crn/resettlement/screenings',
    {
      schema: {
        tags,
        operationId: 'recordScreening',
        summary: 'Record basic custody screening part 1 or 2 (a correction is appended beside the first)',
        description:
          'Refused (400, the field named) in the future, before reception, or part 2 where the sentence is over 4 ' +
          'years. Answers with the person’s resettlement work as GET does.',
        params: CrnParams,
        body: ScreeningBodySchema,
        response: { 201: ResettlementResponse, ...commonErrors },
      },
      config: { access: 'person:update' },
    },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const crn = request.params.crn.toUpperCase()
      await resettlement.recordScreening(ctx, crn, request.body.part, screeningCommand(request.body))
      return reply.code(201).send(apiResettlement(await resettlement.page(ctx, crn)))
    },
  )
}
