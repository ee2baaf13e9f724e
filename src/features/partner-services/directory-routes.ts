import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import type { RequestContext } from '../../access/audit.ts'
import type { FieldError } from '../../errors.ts'
import { formBody, submitForm, type FormBody } from '../../web/forms.ts'
import { partnerServicesPaths as paths } from '../../web/paths.ts'
import { ctxOf } from '../../web/request-context.ts'
import { IdParams, textQuery } from '../../web/schemas.ts'
import { directorySearchFrom, parseAcceptingForm, parseServiceForm, PATHWAYS } from './directory-forms.ts'
import { changeRows, serviceFormView, serviceSummary } from './directory-presenters.ts'
import { DIRECTORY_LIMIT } from './directory.ts'
import type { PartnerServicesService } from './service.ts'

/**
 * The directory's pages (issue 18 item 1; partners:read): the search (`/partner-services`, by need, area, taking
 * referrals and name; a `crn` carried through so each result offers "Refer"), a service's page with its change
 * history and a "Refer someone" CRN form; and (partners:manage) a new or changed service and closing or reopening
 * it to referrals. Organisations' pages are in `directory-organisation-routes.ts`.
 */

type Service = PartnerServicesService
const READ = { access: 'partners:read' } as const
const MANAGE = { access: 'partners:manage' } as const
const Form = formBody(5000)

const DONE: Record<string, string> = {
  created: 'Service added to the directory',
  changed: 'Service changed',
  accepting: 'Referrals setting saved',
}

async function renderService(
  reply: FastifyReply,
  ps: Service,
  ctx: RequestContext,
  id: number,
  extra: { crn?: string; done?: string; errors?: FieldError[]; typedCrn?: string } = {},
) {
  const page = await ps.directory.service(ctx, id)
  const summary = serviceSummary(page.service, extra.crn ?? null)
  return reply.render('partner-services/views/partner-service.njk', {
    pageTitle: summary.name,
    service: summary,
    changes: changeRows(page.changes),
    canManage: page.canManage,
    done: extra.done ? DONE[extra.done] : undefined,
    errors: extra.errors,
    typedCrn: extra.typedCrn ?? extra.crn ?? '',
    links: {
      change: paths.changeService(id),
      accepting: paths.serviceAccepting(id),
      refer: paths.referToService(id),
      directory: paths.directory + (extra.crn ? `?crn=${extra.crn}` : ''),
    },
  })
}

async function renderServiceForm(
  reply: FastifyReply,
  ps: Service,
  ids: { serviceId?: number; organisationId?: number },
  sentBack?: { errors: FieldError[]; body: FormBody },
) {
  const form = await ps.directory.serviceForm(ids)
  const title = form.service ? `Change ${form.service.name}` : `New service of ${form.organisation.name}`
  return reply.render('partner-services/views/partner-service-form.njk', {
    pageTitle: title,
    title,
    action: form.service ? paths.changeService(form.service.id) : paths.newService(Number(form.organisation.id)),
    back: form.service ? paths.service(form.service.id) : paths.organisation(Number(form.organisation.id)),
    errors: sentBack?.errors,
    ...serviceFormView(
      form.service,
      form.regions.map(r => ({ id: Number(r.id), name: r.name })),
      sentBack?.body,
    ),
  })
}

async function renderAccepting(
  reply: FastifyReply,
  ps: Service,
  ctx: RequestContext,
  id: number,
  sentBack?: { errors: FieldError[]; body: FormBody },
) {
  const { service } = await ps.directory.service(ctx, id)
  const body = sentBack?.body
  return reply.render('partner-services/views/partner-service-accepting.njk', {
    pageTitle: `Referrals to ${service.name}`,
    service: serviceSummary(service),
    action: paths.serviceAccepting(id),
    back: paths.service(id),
    errors: sentBack?.errors,
    value: {
      accepting: body ? String(body.accepting ?? '') : service.accepting ? 'yes' : 'no',
      reason: body ? String(body.reason ?? '') : (service.closed_reason ?? ''),
      version: body ? String(body.version ?? '') : String(service.version),
    },
  })
}

const searchRoutes: FastifyPluginAsyncTypebox<{ partnerServices: Service }> = async (app, { partnerServices: ps }) => {
  app.get(
    paths.directory,
    { config: READ, schema: { querystring: textQuery(['pathway', 'region', 'accepting', 'q', 'crn'], 100) } },
    async (request, reply) => {
      const filter = directorySearchFrom(request.query)
      const found = await ps.directory.search(ctxOf(request), filter)
      const region = String(found.region)
      return reply.render('partner-services/views/directory.njk', {
        pageTitle: 'Partner services',
        results: found.services.map(s => serviceSummary(s, filter.crn)),
        capped: found.capped,
        limit: DIRECTORY_LIMIT,
        filter,
        pathways: [
          { value: '', text: 'Any need', selected: !filter.pathway },
          ...PATHWAYS.map(p => ({ ...p, selected: p.value === filter.pathway })),
        ],
        regions: [
          ...(region === 'own' ? [{ value: '', text: 'My provider’s areas', selected: true }] : []),
          { value: 'all', text: 'Anywhere', selected: region === 'all' },
          ...found.regions.map(r => ({ value: String(r.id), text: r.name, selected: String(r.id) === region })),
        ],
        organisationsHref: paths.organisations,
      })
    },
  )

  app.get(
    '/partner-services/services/:id',
    { config: READ, schema: { params: IdParams, querystring: textQuery(['done', 'crn'], 40) } },
    async (request, reply) => {
      const crn = directorySearchFrom({ crn: request.query.crn }).crn ?? undefined
      return renderService(reply, ps, ctxOf(request), Number(request.params.id), { crn, done: request.query.done })
    },
  )

  app.get(
    '/partner-services/services/:id/refer',
    { config: READ, schema: { params: IdParams, querystring: textQuery(['crn'], 40) } },
    async (request, reply) => {
      const id = Number(request.params.id)
      const typed = (request.query.crn ?? '').trim()
      const crn = directorySearchFrom({ crn: typed }).crn
      if (crn) return reply.redirect(paths.newReferral(crn, id), 303)
      const message = typed ? 'Enter a CRN in the correct format, like X100001' : 'Enter the CRN of the person to refer'
      reply.status(400)
      return renderService(reply, ps, ctxOf(request), id, { errors: [{ field: 'crn', message }], typedCrn: typed })
    },
  )
}

const serviceChangeRoutes: FastifyPluginAsyncTypebox<{ partnerServices: Service }> = async (
  app,
  { partnerServices: ps },
) => {
  app.get(
    '/partner-services/organisations/:id/services/new',
    { config: MANAGE, schema: { params: IdParams } },
    async (request, reply) => renderServiceForm(reply, ps, { organisationId: Number(request.params.id) }),
  )
  app.post(
    '/partner-services/organisations/:id/services/new',
    { config: MANAGE, schema: { params: IdParams, body: Form } },
    async (request, reply) => {
      const organisationId = Number(request.params.id)
      const body = request.body
      return submitForm(
        reply,
        () => ps.directory.createService(ctxOf(request), organisationId, parseServiceForm(body)),
        {
          rerender: errors => renderServiceForm(reply, ps, { organisationId }, { errors, body }),
          redirect: id => `${paths.service(id)}?done=created`,
        },
      )
    },
  )
  app.get(
    '/partner-services/services/:id/change',
    { config: MANAGE, schema: { params: IdParams } },
    async (request, reply) => renderServiceForm(reply, ps, { serviceId: Number(request.params.id) }),
  )
  app.post(
    '/partner-services/services/:id/change',
    { config: MANAGE, schema: { params: IdParams, body: Form } },
    async (request, reply) => {
      const id = Number(request.params.id)
      const body = request.body
      return submitForm(reply, () => ps.directory.changeService(ctxOf(request), id, parseServiceForm(body)), {
        rerender: errors => renderServiceForm(reply, ps, { serviceId: id }, { errors, body }),
        redirect: () => `${paths.service(id)}?done=changed`,
      })
    },
  )
  app.get(
    '/partner-services/services/:id/accepting',
    { config: MANAGE, schema: { params: IdParams } },
    async (request, reply) => renderAccepting(reply, ps, ctxOf(request), Number(request.params.id)),
  )
  app.post(
    '/partner-services/services/:id/accepting',
    { config: MANAGE, schema: { params: IdParams, body: Form } },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const id = Number(request.params.id)
      const body = request.body
      return submitForm(reply, () => ps.directory.setAccepting(ctx, id, parseAcceptingForm(body)), {
        rerender: errors => renderAccepting(reply, ps, ctx, id, { errors, body }),
        redirect: () => `${paths.service(id)}?done=accepting`,
      })
    },
  )
}

export const directoryRoutes: FastifyPluginAsyncTypebox<{ partnerServices: Service }> = async (app, options) => {
  await app.register(searchRoutes, options)
  await app.register(serviceChangeRoutes, options)
}
