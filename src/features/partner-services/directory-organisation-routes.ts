import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import type { FieldError } from '../../errors.ts'
import { formBody, submitForm, type FormBody } from '../../web/forms.ts'
import { partnerServicesPaths as paths } from '../../web/paths.ts'
import { ctxOf } from '../../web/request-context.ts'
import { IdParams, textQuery } from '../../web/schemas.ts'
import { parseOrganisationForm } from './directory-forms.ts'
import {
  legalFormText,
  organisationFormView,
  organisationSummary,
  serviceSummary,
  tierText,
} from './directory-presenters.ts'
import type { PartnerServicesService } from './service.ts'

/**
 * The directory's organisations (issue 18 item 2): the list and an organisation's page with its services and its
 * partner users (partners:read); adding and changing one (partners:manage). A stale change form is refused.
 */

type Service = PartnerServicesService
const READ = { access: 'partners:read' } as const
const MANAGE = { access: 'partners:manage' } as const
const Form = formBody(5000)

const DONE: Record<string, string> = { created: 'Organisation added', changed: 'Organisation changed' }

async function renderForm(
  reply: FastifyReply,
  ps: Service,
  id: number | null,
  sentBack?: { errors: FieldError[]; body: FormBody },
) {
  const form = await ps.directory.organisationForm(id)
  const primes = form.primes.map(p => ({ id: Number(p.id), name: p.name }))
  const title = form.organisation ? `Change ${form.organisation.name}` : 'New partner organisation'
  return reply.render('partner-services/views/organisation-form.njk', {
    pageTitle: title,
    title,
    action: id === null ? paths.newOrganisation : paths.changeOrganisation(id),
    back: id === null ? paths.organisations : paths.organisation(id),
    errors: sentBack?.errors,
    ...organisationFormView(form.organisation, primes, sentBack?.body),
  })
}

export const organisationRoutes: FastifyPluginAsyncTypebox<{ partnerServices: Service }> = async (
  app,
  { partnerServices: ps },
) => {
  app.get(paths.organisations, { config: READ }, async (request, reply) => {
    const { organisations, canManage } = await ps.directory.organisations(ctxOf(request))
    return reply.render('partner-services/views/organisations.njk', {
      pageTitle: 'Partner organisations',
      canManage,
      newHref: paths.newOrganisation,
      rows: organisations.map(o => ({
        href: paths.organisation(Number(o.id)),
        name: o.name,
        code: o.code,
        tier: tierText(o.tier),
        legalForm: legalFormText(o.legal_form),
        prime: o.prime_name ?? '',
        services: Number(o.services ?? 0),
        active: o.active,
      })),
    })
  })

  app.get(paths.newOrganisation, { config: MANAGE }, async (_request, reply) => renderForm(reply, ps, null))
  app.post(paths.newOrganisation, { config: MANAGE, schema: { body: Form } }, async (request, reply) => {
    const body = request.body
    return submitForm(reply, () => ps.directory.createOrganisation(ctxOf(request), parseOrganisationForm(body)), {
      rerender: errors => renderForm(reply, ps, null, { errors, body }),
      redirect: id => `${paths.organisation(id)}?done=created`,
    })
  })

  app.get(
    '/partner-services/organisations/:id',
    { config: READ, schema: { params: IdParams, querystring: textQuery(['done'], 40) } },
    async (request, reply) => {
      const id = Number(request.params.id)
      const page = await ps.directory.organisation(ctxOf(request), id)
      const summary = organisationSummary(page.organisation)
      return reply.render('partner-services/views/organisation.njk', {
        pageTitle: summary.name,
        organisation: summary,
        services: page.services.map(s => serviceSummary(s)),
        users: page.users.map(u => ({ username: u.username, name: u.display_name, active: u.active })),
        canManage: page.canManage,
        done: request.query.done ? DONE[request.query.done] : undefined,
        links: { change: paths.changeOrganisation(id), newService: paths.newService(id) },
      })
    },
  )

  app.get(
    '/partner-services/organisations/:id/change',
    { config: MANAGE, schema: { params: IdParams } },
    async (request, reply) => renderForm(reply, ps, Number(request.params.id)),
  )
  app.post(
    '/partner-services/organisations/:id/change',
    { config: MANAGE, schema: { params: IdParams, body: Form } },
    async (request, reply) => {
      const id = Number(request.params.id)
      const body = request.body
      return submitForm(reply, () => ps.directory.changeOrganisation(ctxOf(request), id, parseOrganisationForm(body)), {
        rerender: errors => renderForm(reply, ps, id, { errors, body }),
        redirect: () => `${paths.organisation(id)}?done=changed`,
      })
    },
  )
}
