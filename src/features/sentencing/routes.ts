import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { hasPermission } from '../../access/policy.ts'
import { CUSTODIAL_TYPES, REQUIREMENT_KINDS } from '../../domain/sentencing/index.ts'
import type { FieldError } from '../../errors.ts'
import { datePartsFor, formBody, submitForm, type FormBody } from '../../web/forms.ts'
import { sentencingPaths } from '../../web/paths.ts'
import { ctxOf } from '../../web/request-context.ts'
import { CrnIdParams, CrnParams, textQuery } from '../../web/schemas.ts'
import { amendmentFromForm, eventFromForm, formErrors, sentenceFromForm, terminationFromForm } from './forms.ts'
import type { SentencingService } from './service.ts'
import { REQUIREMENT_TERMINATION_REASONS, SENTENCE_TYPES, TERMINATION_REASONS } from './views-model.ts'
import { SENTENCES_VIEW } from './record.ts'

/**
 * Events and sentences on the person record, under `/people/:crn/sentences` and `/people/:crn/events`. Reading needs
 * `person:read`, changing `person:update`; the service applies the person-level policy.
 */

type Options = { sentencing: SentencingService }
type App = Parameters<FastifyPluginAsyncTypebox<Options>>[0]

const FORM = formBody(4000)
const DoneQuery = textQuery(['done'], 40)

const READ = { access: 'person:read' } as const
const UPDATE = { access: 'person:update' } as const

const DONE: Record<string, string> = {
  event: 'Event added',
  sentence: 'Sentence recorded',
  terminated: 'Sentence terminated',
  'requirement-terminated': 'Requirement terminated',
  amended: 'Sentence amended and key dates recalculated',
}

const UNITS = ['days', 'weeks', 'months', 'years'].map(u => ({ value: u, text: u[0].toUpperCase() + u.slice(1) }))

const layout = (request: FastifyRequest) => ({
  section: 'sentences',
  canAudit: hasPermission(request.user, 'person:audit'),
  paths: sentencingPaths,
})

const notFound = (request: FastifyRequest, reply: FastifyReply, person: { crn: string }) =>
  reply.status(404).render('sentencing/views/not-found.njk', { pageTitle: 'Not found', person, ...layout(request) })

/** The Sentences page (a release is recorded on the custody page, src/features/custody). */
function recordPages(app: App, sentencing: SentencingService) {
  const page = async (request: FastifyRequest, reply: FastifyReply, crn: string, extra: Record<string, unknown>) => {
    const record = await sentencing.recordPage(ctxOf(request), crn)
    return reply.render('sentencing/views/sentences.njk', {
      pageTitle: `Sentences – ${record.person.name}`,
      ...record,
      // Named apart from the person layout's own `current` (the section it highlights), which would hide it.
      currentOrders: record.current,
      ...layout(request),
      ...extra,
    })
  }
  app.get(
    '/people/:crn/sentences',
    {
      config: { ...READ, audit: { writtenBy: 'service', action: SENTENCES_VIEW } },
      schema: { params: CrnParams, querystring: DoneQuery },
    },
    async (request, reply) =>
      page(request, reply, request.params.crn.toUpperCase(), { done: DONE[request.query.done ?? ''] }),
  )
}

/** Adding an event (a conviction awaiting sentence). */
function eventPages(app: App, sentencing: SentencingService) {
  const form = async (
    request: FastifyRequest,
    reply: FastifyReply,
    crn: string,
    body?: FormBody,
    errors?: FieldError[],
  ) => {
    const page = await sentencing.formPage(ctxOf(request), crn, 'event')
    return reply.render('sentencing/views/event-form.njk', {
      pageTitle: 'Add an event',
      person: page.person,
      courts: page.courts,
      values: body ?? {},
      dates: {
        convictionDate: datePartsFor(body, 'convictionDate'),
        mainOffenceDate: datePartsFor(body, 'mainOffenceDate'),
      },
      errors: errors ? formErrors(errors) : undefined,
      ...layout(request),
    })
  }
  app.get(
    '/people/:crn/events/new',
    { config: { ...UPDATE, audit: { writtenBy: 'service', action: SENTENCES_VIEW } }, schema: { params: CrnParams } },
    (request, reply) => form(request, reply, request.params.crn.toUpperCase()),
  )
  app.post('/people/:crn/events', { config: UPDATE, schema: { params: CrnParams, body: FORM } }, (request, reply) => {
    const crn = request.params.crn.toUpperCase()
    return submitForm(reply, () => sentencing.addEvent(ctxOf(request), crn, eventFromForm(request.body)), {
      rerender: errors => form(request, reply, crn, request.body, errors),
      redirect: () => `${sentencingPaths.record(crn)}?done=event`,
    })
  })
}

/** Recording a sentence. */
function sentencePages(app: App, sentencing: SentencingService) {
  const form = async (
    request: FastifyRequest,
    reply: FastifyReply,
    crn: string,
    body?: FormBody,
    errors?: FieldError[],
  ) => {
    const page = await sentencing.formPage(ctxOf(request), crn, 'sentence')
    const values = body ?? {
      eventNumber: page.openEvents.length ? String(page.openEvents[0].eventNumber) : 'new',
      lengthUnit: 'months',
    }
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
        convictionDate: datePartsFor(body, 'convictionDate'),
        mainOffenceDate: datePartsFor(body, 'mainOffenceDate'),
        sentenceDate: datePartsFor(body, 'sentenceDate', page.today),
      },
      errors: errors ? formErrors(errors, body ? sentenceFromForm(body) : undefined) : undefined,
      ...layout(request),
    })
  }
  app.get(
    '/people/:crn/sentences/new',
    { config: { ...UPDATE, audit: { writtenBy: 'service', action: SENTENCES_VIEW } }, schema: { params: CrnParams } },
    (request, reply) => form(request, reply, request.params.crn.toUpperCase()),
  )
  app.post(
    '/people/:crn/sentences',
    { config: UPDATE, schema: { params: CrnParams, body: FORM } },
    (request, reply) => {
      const crn = request.params.crn.toUpperCase()
      return submitForm(reply, () => sentencing.recordSentence(ctxOf(request), crn, sentenceFromForm(request.body)), {
        rerender: errors => form(request, reply, crn, request.body, errors),
        redirect: () => `${sentencingPaths.record(crn)}?done=sentence`,
      })
    },
  )
}

/** Terminating a sentence. */
function terminationPages(app: App, sentencing: SentencingService) {
  const form = async (
    request: FastifyRequest,
    reply: FastifyReply,
    where: { crn: string; id: number },
    body?: FormBody,
    errors?: FieldError[],
  ) => {
    const page = await sentencing.formPage(ctxOf(request), where.crn, 'terminate', where.id)
    if (!page.sentence) return notFound(request, reply, page.person)
    return reply.render('sentencing/views/terminate-form.njk', {
      pageTitle: 'Terminate a sentence',
      person: page.person,
      sentence: page.sentence,
      reasons: TERMINATION_REASONS,
      values: body ?? { version: String(page.sentence.version) },
      dates: { date: datePartsFor(body, 'date', page.today) },
      action: sentencingPaths.terminate(page.person.crn, where.id),
      errors,
      ...layout(request),
    })
  }
  const url = '/people/:crn/sentences/:id/terminate'
  app.get(
    url,
    { config: { ...UPDATE, audit: { writtenBy: 'service', action: SENTENCES_VIEW } }, schema: { params: CrnIdParams } },
    (request, reply) => form(request, reply, whereOf(request.params)),
  )
  app.post(url, { config: UPDATE, schema: { params: CrnIdParams, body: FORM } }, (request, reply) => {
    const where = whereOf(request.params)
    const command = () => terminationFromForm(request.body)
    return submitForm(reply, () => sentencing.terminateSentence(ctxOf(request), where.crn, where.id, command()), {
      rerender: errors => form(request, reply, where, request.body, errors),
      redirect: () => `${sentencingPaths.record(where.crn)}?done=terminated`,
    })
  })
}

/** Terminating one requirement of an order. */
function requirementTerminationPages(app: App, sentencing: SentencingService) {
  const form = async (
    request: FastifyRequest,
    reply: FastifyReply,
    where: { crn: string; id: number },
    body?: FormBody,
    errors?: FieldError[],
  ) => {
    const page = await sentencing.formPage(ctxOf(request), where.crn, 'terminate-requirement')
    const sentence = page.record.current.find(s => s.requirements.some(r => r.id === where.id))
    const requirement = sentence?.requirements.find(r => r.id === where.id)
    if (!sentence || !requirement || requirement.terminated) return notFound(request, reply, page.person)
    return reply.render('sentencing/views/terminate-form.njk', {
      pageTitle: 'Terminate a requirement',
      person: page.person,
      sentence,
      requirement,
      reasons: REQUIREMENT_TERMINATION_REASONS,
      values: body ?? {},
      dates: { date: datePartsFor(body, 'date', page.today) },
      action: sentencingPaths.terminateRequirement(page.person.crn, where.id),
      errors,
      ...layout(request),
    })
  }
  const url = '/people/:crn/requirements/:id/terminate'
  app.get(
    url,
    { config: { ...UPDATE, audit: { writtenBy: 'service', action: SENTENCES_VIEW } }, schema: { params: CrnIdParams } },
    (request, reply) => form(request, reply, whereOf(request.params)),
  )
  app.post(url, { config: UPDATE, schema: { params: CrnIdParams, body: FORM } }, (request, reply) => {
    const where = whereOf(request.params)
    const command = () => terminationFromForm(request.body)
    return submitForm(reply, () => sentencing.terminateRequirement(ctxOf(request), where.crn, where.id, command()), {
      rerender: errors => form(request, reply, where, request.body, errors),
      redirect: () => `${sentencingPaths.record(where.crn)}?done=requirement-terminated`,
    })
  })
}

/** Amending a current custodial sentence. */
function amendmentPages(app: App, sentencing: SentencingService) {
  const form = async (
    request: FastifyRequest,
    reply: FastifyReply,
    where: { crn: string; id: number },
    body?: FormBody,
    errors?: FieldError[],
  ) => {
    const page = await sentencing.formPage(ctxOf(request), where.crn, 'amend', where.id)
    const s = page.sentence
    if (!s || s.type !== 'custodial' || s.state !== 'current') return notFound(request, reply, page.person)
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
  const url = '/people/:crn/sentences/:id/amend'
  app.get(
    url,
    { config: { ...UPDATE, audit: { writtenBy: 'service', action: SENTENCES_VIEW } }, schema: { params: CrnIdParams } },
    (request, reply) => form(request, reply, whereOf(request.params)),
  )
  app.post(url, { config: UPDATE, schema: { params: CrnIdParams, body: FORM } }, (request, reply) => {
    const where = whereOf(request.params)
    const command = () => amendmentFromForm(request.body)
    return submitForm(reply, () => sentencing.amendCustodial(ctxOf(request), where.crn, where.id, command()), {
      rerender: errors => form(request, reply, where, request.body, errors),
      redirect: () => `${sentencingPaths.record(where.crn)}?done=amended`,
    })
  })
}

const whereOf = (params: { crn: string; id: string }) => ({ crn: params.crn.toUpperCase(), id: Number(params.id) })

export const sentencingRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { sentencing }) => {
  recordPages(app, sentencing)
  eventPages(app, sentencing)
  sentencePages(app, sentencing)
  terminationPages(app, sentencing)
  requirementTerminationPages(app, sentencing)
  amendmentPages(app, sentencing)
}
