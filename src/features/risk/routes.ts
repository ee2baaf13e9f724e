import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { NotFoundError, type FieldError } from '../../errors.ts'
import { dateParts, formBody, partsOf, submitForm, text, type FormBody } from '../../web/forms.ts'
import { riskPaths } from '../../web/paths.ts'
import { ctxOf } from '../../web/request-context.ts'
import { CrnIdParams, CrnParams } from '../../web/schemas.ts'
import {
  itemsFormValues,
  itemsFormValuesFromBody,
  readDeregistrationForm,
  readRegistrationForm,
  readRoshForm,
  ROSH_GROUPS,
  ROSH_LEVELS,
} from './forms.ts'
import { ITEM_SECTIONS, type AssessmentItems } from './items.ts'
import { recordedItemsView, riskPageView } from './presenters.ts'
import { REGISTER_TYPES } from './registration-types.ts'
import { RISK_VIEW, type RiskService } from './service.ts'

/**
 * The Risk part of the person record, under `/people/:crn/risk`. Reading needs `person:read`, changing
 * `person:update`; the service then applies the person-level policy (provider, team, limited access).
 */

type RiskRoutes = FastifyPluginAsyncTypebox<{ risk: RiskService }>

const READ = { access: 'person:read' } as const
const UPDATE = { access: 'person:update' } as const
const DoneQuery = Type.Object({ done: Type.Optional(Type.String({ maxLength: 40 })) })
const formSchema = { params: CrnParams, body: formBody() }
const formWithIdSchema = { params: CrnIdParams, body: formBody() }

/** Confirmations after a change (post/redirect/get), keyed so nothing typed is echoed from the URL. */
const DONE: Record<string, string> = {
  rosh: 'RoSH assessment recorded',
  registration: 'Registration added',
  deregistered: 'Registration deregistered',
  items: 'Assessment items recorded',
}

export const riskRoutes: RiskRoutes = async (app, options) => {
  app.get(
    '/people/:crn/risk',
    {
      config: { ...READ, audit: { action: RISK_VIEW, page: 'risk' } },
      schema: { params: CrnParams, querystring: DoneQuery },
    },
    async (request, reply) => {
      const view = riskPageView(await options.risk.riskPage(ctxOf(request), request.params.crn.toUpperCase()))
      return reply.render('risk/views/risk.njk', {
        pageTitle: `Risk – ${view.person.name}`,
        ...view,
        done: DONE[request.query.done ?? ''],
        paths: riskPaths,
      })
    },
  )
  await app.register(roshRoutes, options)
  await app.register(registrationRoutes, options)
  await app.register(deregistrationRoutes, options)
  await app.register(itemsRoutes, options)
}

/** A form page shown afresh (no body) or again with what was posted and its errors. */
type FormPage = (
  request: FastifyRequest,
  reply: FastifyReply,
  crn: string,
  body?: FormBody,
  errors?: FieldError[],
) => Promise<unknown>

const roshRoutes: RiskRoutes = async (app, { risk }) => {
  const roshForm: FormPage = async (request, reply, crn, values, errors) => {
    const page = await risk.formPage(ctxOf(request), crn, 'rosh')
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
  app.get(
    '/people/:crn/risk/rosh',
    { config: { ...UPDATE, audit: { writtenBy: 'service', action: RISK_VIEW } }, schema: { params: CrnParams } },
    (request, reply) => roshForm(request, reply, request.params.crn.toUpperCase()),
  )
  app.post('/people/:crn/risk/rosh', { config: UPDATE, schema: formSchema }, async (request, reply) => {
    const crn = request.params.crn.toUpperCase()
    return submitForm(reply, () => risk.recordRosh(ctxOf(request), crn, readRoshForm(request.body)), {
      rerender: errors => roshForm(request, reply, crn, request.body, errors),
      redirect: () => `${riskPaths.page(crn)}?done=rosh`,
    })
  })
}

/** The register types in their groups, for the registration form's radios. */
const REGISTER_GROUPS = [...new Set(REGISTER_TYPES.map(t => t.group))].map(group => ({
  group,
  types: REGISTER_TYPES.filter(t => t.group === group),
}))

const registrationRoutes: RiskRoutes = async (app, { risk }) => {
  const registrationForm: FormPage = async (request, reply, crn, values, errors) => {
    const page = await risk.formPage(ctxOf(request), crn, 'registration')
    return reply.render('risk/views/registration-form.njk', {
      pageTitle: 'Add a registration',
      person: page.person,
      groups: REGISTER_GROUPS,
      values: values ?? {},
      typeCode: values ? text(values, 'typeCode') : '',
      registeredDate: values ? dateParts(values, 'registeredDate') : partsOf(page.today.toString()),
      nextReviewDate: values ? dateParts(values, 'nextReviewDate') : partsOf(null),
      errors,
      paths: riskPaths,
    })
  }
  app.get(
    '/people/:crn/risk/registrations/new',
    { config: { ...UPDATE, audit: { writtenBy: 'service', action: RISK_VIEW } }, schema: { params: CrnParams } },
    (request, reply) => registrationForm(request, reply, request.params.crn.toUpperCase()),
  )
  app.post('/people/:crn/risk/registrations', { config: UPDATE, schema: formSchema }, async (request, reply) => {
    const crn = request.params.crn.toUpperCase()
    return submitForm(reply, () => risk.addRegistration(ctxOf(request), crn, readRegistrationForm(request.body)), {
      rerender: errors => registrationForm(request, reply, crn, request.body, errors),
      redirect: () => `${riskPaths.page(crn)}?done=registration`,
    })
  })
}

const deregistrationRoutes: RiskRoutes = async (app, { risk }) => {
  const deregisterForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    crn: string,
    id: number,
    values?: FormBody,
    errors?: FieldError[],
  ) => {
    const page = await risk.formPage(ctxOf(request), crn, 'deregister', id)
    const r = page.registration
    if (!r) throw new NotFoundError('No such registration')
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
  const url = '/people/:crn/risk/registrations/:id/deregister'
  app.get(
    url,
    { config: { ...UPDATE, audit: { writtenBy: 'service', action: RISK_VIEW } }, schema: { params: CrnIdParams } },
    (request, reply) => deregisterForm(request, reply, request.params.crn.toUpperCase(), Number(request.params.id)),
  )
  app.post(url, { config: UPDATE, schema: formWithIdSchema }, async (request, reply) => {
    const crn = request.params.crn.toUpperCase()
    const id = Number(request.params.id)
    return submitForm(reply, () => risk.deregister(ctxOf(request), crn, id, readDeregistrationForm(request.body)), {
      rerender: errors => deregisterForm(request, reply, crn, id, request.body, errors),
      redirect: () => `${riskPaths.page(crn)}?done=deregistered`,
    })
  })
}

const itemsRoutes: RiskRoutes = async (app, { risk }) => {
  const itemsForm: FormPage = async (request, reply, crn, body, errors) => {
    const page = await risk.formPage(ctxOf(request), crn, 'items')
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
      recorded: recordedItemsView(page.recorded),
      lastRecorded: page.items ? { version: page.items.version, date: page.items.assessment_date } : null,
      errors,
      paths: riskPaths,
    })
  }
  app.get(
    '/people/:crn/risk/assessment-items',
    { config: { ...UPDATE, audit: { writtenBy: 'service', action: RISK_VIEW } }, schema: { params: CrnParams } },
    (request, reply) => itemsForm(request, reply, request.params.crn.toUpperCase()),
  )
  app.post('/people/:crn/risk/assessment-items', { config: UPDATE, schema: formSchema }, async (request, reply) => {
    const crn = request.params.crn.toUpperCase()
    return submitForm(reply, () => risk.recordItems(ctxOf(request), crn, itemsFormValuesFromBody(request.body)), {
      rerender: errors => itemsForm(request, reply, crn, request.body, errors),
      redirect: () => `${riskPaths.page(crn)}?done=items`,
    })
  })
}
