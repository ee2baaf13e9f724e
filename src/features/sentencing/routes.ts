import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { hasPermission } from '../../access/policy.ts'
import { CUSTODIAL_TYPES, REQUIREMENT_KINDS } from '../../domain/sentencing/index.ts'
import { ValidationError, type FieldError } from '../../errors.ts'
import { ctxOf } from '../../web/request-context.ts'
import {
  dateFrom,
  dateParts,
  eventFromForm,
  formErrors,
  sentenceFromForm,
  terminationFromForm,
  text,
  type FormBody,
} from './forms.ts'
import type { SentencingService } from './service.ts'
import { REQUIREMENT_TERMINATION_REASONS, SENTENCE_TYPES, TERMINATION_REASONS } from './views-model.ts'
import { sentencingPaths } from '../../web/paths.ts'

/**
 * Events and sentences on the person record, under `/people/:crn/sentences` and `/people/:crn/events`. Reading needs
 * `person:read`, changing `person:update`; the service applies the person-level policy.
 */

const crn = { type: 'string', pattern: '^[A-Za-z][0-9]{6}$' } as const
const crnParams = { type: 'object', required: ['crn'], properties: { crn } } as const
const crnIdParams = {
  type: 'object',
  required: ['crn', 'id'],
  properties: { crn, id: { type: 'string', pattern: '^[0-9]{1,15}$' } },
} as const
const formBody = {
  type: 'object',
  additionalProperties: {
    anyOf: [
      { type: 'string', maxLength: 4000 },
      { type: 'array', maxItems: 50, items: { type: 'string', maxLength: 4000 } },
    ],
  },
} as const
const doneQuery = { type: 'object', properties: { done: { type: 'string', maxLength: 40 } } } as const

const READ = { access: 'person:read' } as const
const UPDATE = { access: 'person:update' } as const

const DONE: Record<string, string> = {
  event: 'Event added',
  sentence: 'Sentence recorded',
  terminated: 'Sentence terminated',
  'requirement-terminated': 'Requirement terminated',
  amended: 'Sentence amended and key dates recalculated',
  released: 'Release on licence recorded',
}

const UNITS = ['days', 'weeks', 'months', 'years'].map(u => ({ value: u, text: u[0].toUpperCase() + u.slice(1) }))

const crnOf = (request: FastifyRequest) => (request.params as { crn: string }).crn.toUpperCase()
const idOf = (request: FastifyRequest) => Number((request.params as { id: string }).id)

/** Runs a change; on bad input re-renders the form (400) with every error, having changed nothing. */
async function attempt(
  reply: FastifyReply,
  change: () => Promise<unknown>,
  rerender: (errors: FieldError[]) => Promise<unknown>,
  redirectTo: string,
) {
  try {
    await change()
  } catch (error) {
    if (error instanceof ValidationError) {
      reply.status(400)
      return rerender(error.errors)
    }
    throw error
  }
  return reply.redirect(redirectTo, 303)
}

export const sentencingRoutes: FastifyPluginAsync<{ sentencing: SentencingService }> = async (app, { sentencing }) => {
  const layout = (request: FastifyRequest) => ({
    section: 'sentences',
    canAudit: hasPermission(request.user, 'person:audit'),
    paths: sentencingPaths,
  })

  app.get(
    '/people/:crn/sentences',
    { config: READ, schema: { params: crnParams, querystring: doneQuery } },
    async (request, reply) => {
      const page = await sentencing.recordPage(ctxOf(request), crnOf(request))
      const done = DONE[(request.query as { done?: string }).done ?? '']
      return reply.render('sentencing/views/sentences.njk', {
        pageTitle: `Sentences – ${page.person.name}`,
        ...page,
        ...layout(request),
        done,
      })
    },
  )

  // ── Events ──────────────────────────────────────────────────────────────────────────────────────────────────────
  const eventForm = async (request: FastifyRequest, reply: FastifyReply, body?: FormBody, errors?: FieldError[]) => {
    const page = await sentencing.formPage(ctxOf(request), crnOf(request), 'event')
    return reply.render('sentencing/views/event-form.njk', {
      pageTitle: 'Add an event',
      person: page.person,
      courts: page.courts,
      values: body ?? {},
      dates: { convictionDate: dateParts(body, 'convictionDate'), mainOffenceDate: dateParts(body, 'mainOffenceDate') },
      errors: errors ? formErrors(errors) : undefined,
      ...layout(request),
    })
  }
  app.get('/people/:crn/events/new', { config: UPDATE, schema: { params: crnParams } }, (request, reply) =>
    eventForm(request, reply),
  )
  app.post(
    '/people/:crn/events',
    { config: UPDATE, schema: { params: crnParams, body: formBody } },
    async (request, reply) => {
      const body = request.body as FormBody
      const c = crnOf(request)
      return attempt(
        reply,
        () => sentencing.addEvent(ctxOf(request), c, eventFromForm(body)),
        errors => eventForm(request, reply, body, errors),
        `${sentencingPaths.record(c)}?done=event`,
      )
    },
  )

  // ── Sentences ───────────────────────────────────────────────────────────────────────────────────────────────────
  const sentenceForm = async (request: FastifyRequest, reply: FastifyReply, body?: FormBody, errors?: FieldError[]) => {
    const page = await sentencing.formPage(ctxOf(request), crnOf(request), 'sentence')
    const values = body ?? {
      eventNumber: page.openEvents.length ? String(page.openEvents[0].eventNumber) : 'new',
      lengthUnit: 'months',
    }
    const input = body ? sentenceFromForm(body) : undefined
    return reply.render('sentencing/views/sentence-form.njk', {
      pageTitle: 'Record a sentence',
      person: page.person,
      courts: page.courts,
      openEvents: page.openEvents,
      custodial: page.custodial,
      sentenceTypes: SENTENCE_TYPES,
      custodialTypes: CUSTODIAL_TYPES,
      requirementKinds: REQUIREMENT_KINDS,
      units: UNITS,
      values,
      dates: {
        convictionDate: dateParts(body, 'convictionDate'),
        mainOffenceDate: dateParts(body, 'mainOffenceDate'),
        sentenceDate: dateParts(body, 'sentenceDate', body ? undefined : page.today),
      },
      errors: errors ? formErrors(errors, input) : undefined,
      ...layout(request),
    })
  }
  app.get('/people/:crn/sentences/new', { config: UPDATE, schema: { params: crnParams } }, (request, reply) =>
    sentenceForm(request, reply),
  )
  app.post(
    '/people/:crn/sentences',
    { config: UPDATE, schema: { params: crnParams, body: formBody } },
    async (request, reply) => {
      const body = request.body as FormBody
      const c = crnOf(request)
      return attempt(
        reply,
        () => sentencing.recordSentence(ctxOf(request), c, sentenceFromForm(body)),
        errors => sentenceForm(request, reply, body, errors),
        `${sentencingPaths.record(c)}?done=sentence`,
      )
    },
  )

  // ── Termination ─────────────────────────────────────────────────────────────────────────────────────────────────
  const terminateForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    body?: FormBody,
    errors?: FieldError[],
  ) => {
    const page = await sentencing.formPage(ctxOf(request), crnOf(request), 'terminate', idOf(request))
    return reply.render('sentencing/views/terminate-form.njk', {
      pageTitle: 'Terminate a sentence',
      person: page.person,
      sentence: page.sentence,
      reasons: TERMINATION_REASONS,
      values: body ?? { version: String(page.sentence!.version) },
      dates: { date: dateParts(body, 'date', body ? undefined : page.today) },
      action: sentencingPaths.terminate(page.person.crn, idOf(request)),
      errors,
      ...layout(request),
    })
  }
  app.get(
    '/people/:crn/sentences/:id/terminate',
    { config: UPDATE, schema: { params: crnIdParams } },
    (request, reply) => terminateForm(request, reply),
  )
  app.post(
    '/people/:crn/sentences/:id/terminate',
    { config: UPDATE, schema: { params: crnIdParams, body: formBody } },
    async (request, reply) => {
      const body = request.body as FormBody
      const c = crnOf(request)
      return attempt(
        reply,
        () => sentencing.terminateSentence(ctxOf(request), c, idOf(request), terminationFromForm(body)),
        errors => terminateForm(request, reply, body, errors),
        `${sentencingPaths.record(c)}?done=terminated`,
      )
    },
  )

  const terminateRequirementForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    body?: FormBody,
    errors?: FieldError[],
  ) => {
    const page = await sentencing.formPage(ctxOf(request), crnOf(request), 'terminate-requirement')
    const id = idOf(request)
    const sentence = page.record.current.find(s => s.requirements.some(r => r.id === id))
    const requirement = sentence?.requirements.find(r => r.id === id)
    if (!sentence || !requirement || requirement.terminated)
      return reply
        .status(404)
        .render('sentencing/views/not-found.njk', { pageTitle: 'Not found', person: page.person, ...layout(request) })
    return reply.render('sentencing/views/terminate-form.njk', {
      pageTitle: 'Terminate a requirement',
      person: page.person,
      sentence,
      requirement,
      reasons: REQUIREMENT_TERMINATION_REASONS,
      values: body ?? {},
      dates: { date: dateParts(body, 'date', body ? undefined : page.today) },
      action: sentencingPaths.terminateRequirement(page.person.crn, id),
      errors,
      ...layout(request),
    })
  }
  app.get(
    '/people/:crn/requirements/:id/terminate',
    { config: UPDATE, schema: { params: crnIdParams } },
    (request, reply) => terminateRequirementForm(request, reply),
  )
  app.post(
    '/people/:crn/requirements/:id/terminate',
    { config: UPDATE, schema: { params: crnIdParams, body: formBody } },
    async (request, reply) => {
      const body = request.body as FormBody
      const c = crnOf(request)
      return attempt(
        reply,
        () => sentencing.terminateRequirement(ctxOf(request), c, idOf(request), terminationFromForm(body)),
        errors => terminateRequirementForm(request, reply, body, errors),
        `${sentencingPaths.record(c)}?done=requirement-terminated`,
      )
    },
  )

  // ── Amending a custodial sentence ───────────────────────────────────────────────────────────────────────────────
  const amendForm = async (request: FastifyRequest, reply: FastifyReply, body?: FormBody, errors?: FieldError[]) => {
    const page = await sentencing.formPage(ctxOf(request), crnOf(request), 'amend', idOf(request))
    const s = page.sentence!
    if (s.type !== 'custodial' || s.state !== 'current')
      return reply
        .status(404)
        .render('sentencing/views/not-found.njk', { pageTitle: 'Not found', person: page.person, ...layout(request) })
    return reply.render('sentencing/views/amend-form.njk', {
      pageTitle: 'Amend a custodial sentence',
      person: page.person,
      sentence: s,
      custodialTypes: CUSTODIAL_TYPES,
      units: UNITS,
      values: body ?? {
        version: String(s.version),
        custodialType: s.custodial?.type ?? 'SDS',
        lengthValue: String(s.length?.value ?? ''),
        lengthUnit: s.length?.unit ?? 'months',
        remandDays: String(s.custodial?.remandDays ?? 0),
        taggedBailDays: String(s.custodial?.taggedBailDays ?? 0),
      },
      errors: errors ? formErrors(errors) : undefined,
      ...layout(request),
    })
  }
  app.get('/people/:crn/sentences/:id/amend', { config: UPDATE, schema: { params: crnIdParams } }, (request, reply) =>
    amendForm(request, reply),
  )
  app.post(
    '/people/:crn/sentences/:id/amend',
    { config: UPDATE, schema: { params: crnIdParams, body: formBody } },
    async (request, reply) => {
      const body = request.body as FormBody
      const c = crnOf(request)
      const n = (name: string) =>
        text(body, name) === '' ? 0 : /^\d+$/.test(text(body, name)) ? Number(text(body, name)) : NaN
      return attempt(
        reply,
        () =>
          sentencing.amendCustodial(ctxOf(request), c, idOf(request), {
            version: Number(text(body, 'version')) || 0,
            custodialType: text(body, 'custodialType') || null,
            length: {
              value: text(body, 'lengthValue') === '' ? NaN : n('lengthValue'),
              unit: text(body, 'lengthUnit'),
            },
            remandDays: n('remandDays'),
            taggedBailDays: n('taggedBailDays'),
          }),
        errors => amendForm(request, reply, body, errors),
        `${sentencingPaths.record(c)}?done=amended`,
      )
    },
  )

  // ── Release on licence ──────────────────────────────────────────────────────────────────────────────────────────
  app.post(
    '/people/:crn/release',
    { config: UPDATE, schema: { params: crnParams, body: formBody } },
    async (request, reply) => {
      const body = request.body as FormBody
      const c = crnOf(request)
      try {
        await sentencing.recordRelease(ctxOf(request), c, { date: dateFrom(body, 'releaseDate') || null })
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error
        const page = await sentencing.recordPage(ctxOf(request), c)
        reply.status(400)
        return reply.render('sentencing/views/sentences.njk', {
          pageTitle: `Sentences – ${page.person.name}`,
          ...page,
          ...layout(request),
          releaseDate: dateParts(body, 'releaseDate'),
          errors: error.errors.map(e => ({ ...e, field: e.field === 'date' ? 'releaseDate' : e.field })),
        })
      }
      return reply.redirect(`${sentencingPaths.record(c)}?done=released`, 303)
    },
  )
}
