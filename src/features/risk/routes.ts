import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { ValidationError, type FieldError } from '../../errors.ts'
import { ctxOf } from '../../web/request-context.ts'
import {
  dateParts,
  itemsFormValues,
  itemsFormValuesFromBody,
  partsOf,
  riskFormSchema,
  ROSH_GROUPS,
  ROSH_LEVELS,
  text,
  type FormBody,
} from './forms.ts'
import { ITEM_SECTIONS } from './items.ts'
import { riskPageView } from './presenters.ts'
import { REGISTER_TYPES } from './registration-types.ts'
import type { AssessmentItems } from './items.ts'
import type { RiskService } from './service.ts'
import { riskPaths } from '../../web/paths.ts'

/**
 * The Risk part of the person record, under `/people/:crn/risk`. Reading needs `person:read`, changing
 * `person:update`; the service then applies the person-level policy (provider, team, limited access).
 */

const crnParams = {
  type: 'object',
  required: ['crn'],
  properties: { crn: { type: 'string', pattern: '^[A-Za-z][0-9]{6}$' } },
} as const
const crnIdParams = {
  type: 'object',
  required: ['crn', 'id'],
  properties: {
    crn: { type: 'string', pattern: '^[A-Za-z][0-9]{6}$' },
    id: { type: 'string', pattern: '^[0-9]{1,15}$' },
  },
} as const
const doneQuery = { type: 'object', properties: { done: { type: 'string', maxLength: 40 } } } as const

const READ = { access: 'person:read' } as const
const UPDATE = { access: 'person:update' } as const

/** Confirmations after a change (post/redirect/get), keyed so nothing typed is echoed from the URL. */
const DONE: Record<string, string> = {
  rosh: 'RoSH assessment recorded',
  registration: 'Registration added',
  deregistered: 'Registration deregistered',
  items: 'Assessment items recorded',
}

/** Runs a change; on bad input re-renders the form with status 400 and every error, having changed nothing. */
async function attempt(
  reply: FastifyReply,
  change: () => Promise<{ tierChanges: { previous: string | null; current: string }[] }>,
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

const crnOf = (request: FastifyRequest) => (request.params as { crn: string }).crn.toUpperCase()

export const riskRoutes: FastifyPluginAsync<{ risk: RiskService }> = async (app, { risk }) => {
  app.get(
    '/people/:crn/risk',
    { config: READ, schema: { params: crnParams, querystring: doneQuery } },
    async (request, reply) => {
      const view = riskPageView(await risk.riskPage(ctxOf(request), crnOf(request)))
      const done = DONE[(request.query as { done?: string }).done ?? '']
      return reply.render('risk/views/risk.njk', {
        pageTitle: `Risk – ${view.person.name}`,
        ...view,
        done,
        paths: riskPaths,
      })
    },
  )

  // ── RoSH ──────────────────────────────────────────────────────────────────────────────────────────────────
  const roshForm = async (request: FastifyRequest, reply: FastifyReply, values?: FormBody, errors?: FieldError[]) => {
    const page = await risk.formPage(ctxOf(request), crnOf(request), 'rosh')
    return reply.render('risk/views/rosh-form.njk', {
      pageTitle: 'Record a RoSH assessment',
      person: page.person,
      groups: ROSH_GROUPS,
      levels: ROSH_LEVELS,
      values: values ?? {},
      assessmentDate: values ? dateParts(values, 'assessmentDate') : partsOf(page.today.toString()),
      errors,
      paths: riskPaths,
    })
  }
  app.get('/people/:crn/risk/rosh', { config: UPDATE, schema: { params: crnParams } }, (request, reply) =>
    roshForm(request, reply),
  )
  app.post(
    '/people/:crn/risk/rosh',
    { config: UPDATE, schema: { params: crnParams, body: riskFormSchema } },
    async (request, reply) => {
      const body = request.body as FormBody
      const crn = crnOf(request)
      return attempt(
        reply,
        () => risk.recordRosh(ctxOf(request), crn, body),
        errors => roshForm(request, reply, body, errors),
        `${riskPaths.page(crn)}?done=rosh`,
      )
    },
  )

  // ── Registrations ─────────────────────────────────────────────────────────────────────────────────────────
  const registrationForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values?: FormBody,
    errors?: FieldError[],
  ) => {
    const page = await risk.formPage(ctxOf(request), crnOf(request), 'registration')
    const groups = [...new Set(REGISTER_TYPES.map(t => t.group))].map(group => ({
      group,
      types: REGISTER_TYPES.filter(t => t.group === group),
    }))
    return reply.render('risk/views/registration-form.njk', {
      pageTitle: 'Add a registration',
      person: page.person,
      groups,
      values: values ?? {},
      typeCode: values ? text(values, 'typeCode') : '',
      registeredDate: values ? dateParts(values, 'registeredDate') : partsOf(page.today.toString()),
      nextReviewDate: values ? dateParts(values, 'nextReviewDate') : partsOf(null),
      errors,
      paths: riskPaths,
    })
  }
  app.get('/people/:crn/risk/registrations/new', { config: UPDATE, schema: { params: crnParams } }, (request, reply) =>
    registrationForm(request, reply),
  )
  app.post(
    '/people/:crn/risk/registrations',
    { config: UPDATE, schema: { params: crnParams, body: riskFormSchema } },
    async (request, reply) => {
      const body = request.body as FormBody
      const crn = crnOf(request)
      return attempt(
        reply,
        () => risk.addRegistration(ctxOf(request), crn, body),
        errors => registrationForm(request, reply, body, errors),
        `${riskPaths.page(crn)}?done=registration`,
      )
    },
  )

  const deregisterForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values?: FormBody,
    errors?: FieldError[],
  ) => {
    const id = Number((request.params as { id: string }).id)
    const page = await risk.formPage(ctxOf(request), crnOf(request), 'deregister', id)
    const r = page.registration!
    return reply.render('risk/views/deregister-form.njk', {
      pageTitle: 'Deregister',
      person: page.person,
      registration: {
        ...r,
        description: REGISTER_TYPES.find(t => t.code === r.type_code)?.description ?? r.type_code,
      },
      values: values ?? {},
      deregisteredDate: values ? dateParts(values, 'deregisteredDate') : partsOf(page.today.toString()),
      errors,
      paths: riskPaths,
    })
  }
  app.get(
    '/people/:crn/risk/registrations/:id/deregister',
    { config: UPDATE, schema: { params: crnIdParams } },
    (request, reply) => deregisterForm(request, reply),
  )
  app.post(
    '/people/:crn/risk/registrations/:id/deregister',
    { config: UPDATE, schema: { params: crnIdParams, body: riskFormSchema } },
    async (request, reply) => {
      const body = request.body as FormBody
      const crn = crnOf(request)
      const id = Number((request.params as { id: string }).id)
      return attempt(
        reply,
        () => risk.deregister(ctxOf(request), crn, id, body),
        errors => deregisterForm(request, reply, body, errors),
        `${riskPaths.page(crn)}?done=deregistered`,
      )
    },
  )

  // ── Assessment items ──────────────────────────────────────────────────────────────────────────────────────
  const itemsForm = async (request: FastifyRequest, reply: FastifyReply, body?: FormBody, errors?: FieldError[]) => {
    const page = await risk.formPage(ctxOf(request), crnOf(request), 'items')
    const values = body
      ? itemsFormValuesFromBody(body)
      : itemsFormValues(
          page.today.toString(),
          (page.items?.items as AssessmentItems | undefined) ?? {},
          page.items?.version ?? 0,
        )
    return reply.render('risk/views/items-form.njk', {
      pageTitle: 'Record assessment items',
      person: page.person,
      sections: ITEM_SECTIONS,
      values,
      lastRecorded: page.items ? { version: page.items.version, date: page.items.assessment_date } : null,
      errors,
      paths: riskPaths,
    })
  }
  app.get('/people/:crn/risk/assessment-items', { config: UPDATE, schema: { params: crnParams } }, (request, reply) =>
    itemsForm(request, reply),
  )
  app.post(
    '/people/:crn/risk/assessment-items',
    { config: UPDATE, schema: { params: crnParams, body: riskFormSchema } },
    async (request, reply) => {
      const body = request.body as FormBody
      const crn = crnOf(request)
      return attempt(
        reply,
        () => risk.recordItems(ctxOf(request), crn, body),
        errors => itemsForm(request, reply, body, errors),
        `${riskPaths.page(crn)}?done=items`,
      )
    },
  )
}
