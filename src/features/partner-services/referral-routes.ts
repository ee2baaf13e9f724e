import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import type { RequestContext } from '../../access/audit.ts'
import type { FieldError } from '../../errors.ts'
import { checked, formBody, submitForm, text, type FormBody } from '../../web/forms.ts'
import { partnerServicesPaths as paths } from '../../web/paths.ts'
import { ctxOf } from '../../web/request-context.ts'
import { Crn, CrnIdParams, CrnParams, Id, textQuery } from '../../web/schemas.ts'
import { parseReferralForm, withdrawReasonOf } from './referral-forms.ts'
import { newReferralView, referralsPageView, referralView } from './referral-presenters.ts'
import type { PartnerServicesService } from './service.ts'

/**
 * A case's referrals (issue 18 item 2): `/people/:crn/referrals` (person:read, audited REFERRAL_VIEW), the make a
 * referral form `/people/:crn/referrals/new?service=` (person:update; "Update the preview" posts the form back to
 * show exactly what would be shared, nothing saved), one referral `/people/:crn/referrals/:id` and its forms:
 * approve the latest action plan, acknowledge an incident, withdraw. Refused input comes back with the GOV.UK error
 * summary and nothing saved.
 */

type Options = { partnerServices: PartnerServicesService }
type App = Parameters<FastifyPluginAsyncTypebox<Options>>[0]

const READ = { access: 'person:read' } as const
const UPDATE = { access: 'person:update' } as const
const Form = formBody(5_000)
const NewQuery = Type.Object({ service: Type.Optional(Id) })
const PageQuery = textQuery(['done'], 20)
const PlanParams = Type.Object({ crn: Crn, id: Id, planId: Id })
const IncidentParams = Type.Object({ crn: Crn, id: Id, incidentId: Id })
const DONE: Record<string, string> = {
  sent: 'Referral sent',
  approved: 'Action plan approved',
  acknowledged: 'Incident acknowledged',
  withdrawn: 'Referral withdrawn',
}

async function renderNew(
  reply: FastifyReply,
  ps: PartnerServicesService,
  ctx: RequestContext,
  crn: string,
  serviceId: number,
  sentBack?: { errors: FieldError[]; body: FormBody },
) {
  const shareAddress = sentBack ? checked(sentBack.body, 'shareAddress') : false
  const view = newReferralView(await ps.referrals.newReferralPage(ctx, crn, serviceId, shareAddress), sentBack?.body)
  return reply.render('partner-services/views/referral-new.njk', {
    pageTitle: `Make a referral to ${view.service.name} – ${view.name}`,
    section: 'referrals',
    crn: view.person.crn,
    errors: sentBack?.errors.length ? sentBack.errors : undefined,
    ...view,
  })
}

async function renderReferral(
  reply: FastifyReply,
  ps: PartnerServicesService,
  ctx: RequestContext,
  crn: string,
  id: number,
  sentBack?: { errors: FieldError[]; body: FormBody },
  done?: string,
) {
  const view = referralView(await ps.referrals.referral(ctx, crn, id))
  return reply.render('partner-services/views/referral.njk', {
    pageTitle: `Referral ${view.referral.reference} – ${view.name}`,
    section: 'referrals',
    crn: view.person.crn,
    errors: sentBack?.errors,
    values: { withdrawReason: sentBack ? text(sentBack.body, 'withdrawReason') : '' },
    done: done ? DONE[done] : undefined,
    ...view,
  })
}

export const referralRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { partnerServices }) => {
  app.get(
    '/people/:crn/referrals',
    {
      config: { ...READ, audit: { action: 'REFERRAL_VIEW', page: 'referrals' } },
      schema: { params: CrnParams, querystring: PageQuery },
    },
    async (request, reply) => {
      const view = referralsPageView(await partnerServices.referrals.list(ctxOf(request), request.params.crn))
      return reply.render('partner-services/views/referrals.njk', {
        pageTitle: `Referrals – ${view.name}`,
        section: 'referrals',
        crn: view.person.crn,
        ...view,
      })
    },
  )
  app.get(
    '/people/:crn/referrals/:id',
    {
      config: { ...READ, audit: { action: 'REFERRAL_VIEW', page: 'referral', detail: r => idDetail(r.params) } },
      schema: { params: CrnIdParams, querystring: PageQuery },
    },
    async (request, reply) =>
      renderReferral(
        reply,
        partnerServices,
        ctxOf(request),
        request.params.crn,
        Number(request.params.id),
        undefined,
        request.query.done,
      ),
  )
  newReferralRoutes(app, partnerServices)
  referralForms(app, partnerServices)
}

const idDetail = (params: unknown) =>
  typeof params === 'object' && params !== null && 'id' in params ? { referralId: Number(params.id) } : {}

function newReferralRoutes(app: App, ps: PartnerServicesService) {
  app.get(
    '/people/:crn/referrals/new',
    {
      config: { ...UPDATE, audit: { action: 'REFERRAL_VIEW', page: 'new referral' } },
      schema: { params: CrnParams, querystring: NewQuery },
    },
    async (request, reply) => {
      const { crn } = request.params
      if (!request.query.service) {
        // No service chosen yet: the way to the directory, which sends the practitioner back with one.
        const view = referralsPageView(await ps.referrals.list(ctxOf(request), crn))
        return reply.render('partner-services/views/referral-choose.njk', {
          pageTitle: `Make a referral – ${view.name}`,
          section: 'referrals',
          crn: view.person.crn,
          ...view,
        })
      }
      return renderNew(reply, ps, ctxOf(request), crn, Number(request.query.service))
    },
  )
  app.post(
    '/people/:crn/referrals/new',
    { config: UPDATE, schema: { params: CrnParams, querystring: NewQuery, body: Form } },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const { crn } = request.params
      const body = request.body
      const serviceId = Number(request.query.service ?? text(body, 'serviceId'))
      if (text(body, 'action') === 'preview') return renderNew(reply, ps, ctx, crn, serviceId, { errors: [], body })
      return submitForm(reply, () => ps.referrals.send(ctx, crn, serviceId, parseReferralForm(body)), {
        rerender: errors => renderNew(reply, ps, ctx, crn, serviceId, { errors, body }),
        redirect: r => `${paths.referral(r.crn, r.id)}?done=sent`,
      })
    },
  )
}

function referralForms(app: App, ps: PartnerServicesService) {
  const back = (reply: FastifyReply, ctx: RequestContext, crn: string, id: number, body: FormBody) => ({
    rerender: (errors: FieldError[]) => renderReferral(reply, ps, ctx, crn, id, { errors, body }),
  })
  app.post(
    '/people/:crn/referrals/:id/action-plans/:planId/approve',
    { config: UPDATE, schema: { params: PlanParams, body: Form } },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const { crn, id, planId } = request.params
      return submitForm(reply, () => ps.referrals.approvePlan(ctx, crn, Number(id), Number(planId)), {
        ...back(reply, ctx, crn, Number(id), request.body),
        redirect: r => `${paths.referral(r.crn, r.id)}?done=approved`,
      })
    },
  )
  app.post(
    '/people/:crn/referrals/:id/incidents/:incidentId/acknowledge',
    { config: UPDATE, schema: { params: IncidentParams, body: Form } },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const { crn, id, incidentId } = request.params
      return submitForm(reply, () => ps.referrals.acknowledgeIncident(ctx, crn, Number(id), Number(incidentId)), {
        ...back(reply, ctx, crn, Number(id), request.body),
        redirect: r => `${paths.referral(r.crn, r.id)}?done=acknowledged`,
      })
    },
  )
  app.post(
    '/people/:crn/referrals/:id/withdraw',
    { config: UPDATE, schema: { params: CrnIdParams, body: Form } },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const { crn, id } = request.params
      const reason = withdrawReasonOf(request.body)
      return submitForm(reply, () => ps.referrals.withdraw(ctx, crn, Number(id), reason), {
        ...back(reply, ctx, crn, Number(id), request.body),
        redirect: r => `${paths.referral(r.crn, r.id)}?done=withdrawn`,
      })
    },
  )
}
