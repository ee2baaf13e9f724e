import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import type { RequestContext } from '../../access/audit.ts'
import { NotFoundError, type FieldError } from '../../errors.ts'
import { formBody, submitForm, type FormBody, type Parsed } from '../../web/forms.ts'
import { partnerPortalPaths as paths } from '../../web/paths.ts'
import { ctxOf } from '../../web/request-context.ts'
import { textQuery } from '../../web/schemas.ts'
import { PARTNER_REFERRAL_VIEW, PARTNER_REFERRALS_LIST, type PortalUseCases } from './portal.ts'
import {
  parseActionPlanForm,
  parseCaseworkerForm,
  parseDeclineForm,
  parseIncidentForm,
  parseReportForm,
  parseSessionForm,
} from './portal-forms.ts'
import {
  actionPlanFormView,
  incidentFormView,
  portalHomeView,
  portalReferralView,
  reportFormView,
  sessionFormView,
} from './portal-presenters.ts'
import type { PartnerServicesService } from './service.ts'

/**
 * The partner portal's pages (issue 18 items 3–4), under `/partner`: only `referral:partner` (the partner role), and
 * each use case finds the referral by reference within the user's organisation. Every page is audited by the use
 * case (`writtenBy: 'service'`), with the person's id and the basis "partner referral".
 */

export const Reference = Type.String({ pattern: '^[A-Za-z0-9-]{1,20}$', description: 'A referral’s reference' })
export const ReferenceParams = Type.Object({ reference: Reference })
const SessionParams = Type.Object({ reference: Reference, n: Type.String({ pattern: '^[0-9]{1,4}$' }) })
const VIEW = { access: 'referral:partner', audit: { writtenBy: 'service', action: PARTNER_REFERRAL_VIEW } } as const
const CHANGE = { access: 'referral:partner' } as const
const Form = formBody(5000)

const DONE: Record<string, string> = {
  accepted: 'Referral accepted',
  declined: 'Referral declined: the probation practitioner has been told',
  caseworker: 'Caseworker assigned',
  plan: 'Action plan submitted: the probation practitioner approves it',
  session: 'Session saved',
  report: 'End-of-service report submitted: the referral is complete',
  incident: 'Incident reported to the probation practitioner',
}

type SentBack = { errors: FieldError[]; body: FormBody }
type Portal = PortalUseCases

async function renderReferral(
  reply: FastifyReply,
  portal: Portal,
  ctx: RequestContext,
  reference: string,
  o: { done?: string; sentBack?: SentBack } = {},
) {
  const page = await portal.referral(ctx, reference)
  return reply.render('partner-services/views/portal-referral.njk', {
    ...portalReferralView(page, o.sentBack),
    done: o.done ? DONE[o.done] : undefined,
    errors: o.sentBack?.errors,
  })
}

type FormPage = 'action plan' | 'session' | 'report' | 'incident'
const TEMPLATES: Record<FormPage, string> = {
  'action plan': 'portal-action-plan.njk',
  session: 'portal-session.njk',
  report: 'portal-report.njk',
  incident: 'portal-incident.njk',
}

async function renderForm(
  reply: FastifyReply,
  portal: Portal,
  ctx: RequestContext,
  at: { reference: string; form: FormPage; sessionNumber?: number | null },
  sentBack?: SentBack,
) {
  const page = await portal.referral(ctx, at.reference, `${at.form} form`)
  const body = sentBack?.body
  const view =
    at.form === 'action plan'
      ? actionPlanFormView(page, body)
      : at.form === 'session'
        ? sessionFormView(page, at.sessionNumber ?? null, body)
        : at.form === 'report'
          ? reportFormView(page, body)
          : incidentFormView(page, body)
  if (at.form === 'session' && at.sessionNumber && !page.sessions.some(s => s.number === at.sessionNumber))
    throw new NotFoundError('There is no such session')
  return reply.render(`partner-services/views/${TEMPLATES[at.form]}`, { ...view, errors: sentBack?.errors })
}

type App = Parameters<FastifyPluginAsyncTypebox>[0]

/** A form page (GET) and its post, which runs the change and returns to the referral with a banner. */
function formRoutes<T>(
  app: App,
  portal: Portal,
  url: string,
  form: FormPage,
  change: (ctx: RequestContext, reference: string, command: Parsed<T>) => Promise<unknown>,
  parse: (body: FormBody) => Parsed<T>,
  done: string,
) {
  app.get(url, { config: VIEW, schema: { params: ReferenceParams } }, async (request, reply) =>
    renderForm(reply, portal, ctxOf(request), { reference: request.params.reference, form }),
  )
  app.post(url, { config: CHANGE, schema: { params: ReferenceParams, body: Form } }, async (request, reply) => {
    const ctx = ctxOf(request)
    const { reference } = request.params
    const body = request.body
    return submitForm(reply, () => change(ctx, reference, parse(body)), {
      rerender: errors => renderForm(reply, portal, ctx, { reference, form }, { errors, body }),
      redirect: () => `${paths.referral(reference)}?done=${done}`,
    })
  })
}

/** Accept, decline and the caseworker: posted from the referral page, which shows the errors. */
function decisionRoutes(app: App, portal: Portal) {
  const decisions = [
    ['/partner/referrals/:reference/accept', 'accepted', (ctx, ref) => portal.accept(ctx, ref)],
    [
      '/partner/referrals/:reference/decline',
      'declined',
      (ctx, ref, body) => portal.decline(ctx, ref, parseDeclineForm(body)),
    ],
    [
      '/partner/referrals/:reference/caseworker',
      'caseworker',
      (ctx, ref, body) => portal.assignCaseworker(ctx, ref, parseCaseworkerForm(body)),
    ],
  ] as const satisfies readonly [string, string, (c: RequestContext, r: string, b: FormBody) => Promise<unknown>][]
  for (const [url, done, change] of decisions) {
    app.post(url, { config: CHANGE, schema: { params: ReferenceParams, body: Form } }, async (request, reply) => {
      const ctx = ctxOf(request)
      const { reference } = request.params
      const body = request.body
      return submitForm(reply, () => change(ctx, reference, body), {
        rerender: errors => renderReferral(reply, portal, ctx, reference, { sentBack: { errors, body } }),
        redirect: () => `${paths.referral(reference)}?done=${done}`,
      })
    })
  }
}

function sessionRoutes(app: App, portal: Portal) {
  formRoutes(
    app,
    portal,
    '/partner/referrals/:reference/sessions/new',
    'session',
    (ctx, ref, command) => portal.recordSession(ctx, ref, null, command),
    parseSessionForm,
    'session',
  )
  app.get(
    '/partner/referrals/:reference/sessions/:n',
    { config: VIEW, schema: { params: SessionParams } },
    (r, reply) =>
      renderForm(reply, portal, ctxOf(r), {
        reference: r.params.reference,
        form: 'session',
        sessionNumber: Number(r.params.n),
      }),
  )
  app.post(
    '/partner/referrals/:reference/sessions/:n',
    { config: CHANGE, schema: { params: SessionParams, body: Form } },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const { reference } = request.params
      const sessionNumber = Number(request.params.n)
      const body = request.body
      return submitForm(reply, () => portal.recordSession(ctx, reference, sessionNumber, parseSessionForm(body)), {
        rerender: errors =>
          renderForm(reply, portal, ctx, { reference, form: 'session', sessionNumber }, { errors, body }),
        redirect: () => `${paths.referral(reference)}?done=session`,
      })
    },
  )
}

export const portalRoutes: FastifyPluginAsyncTypebox<{ partnerServices: PartnerServicesService }> = async (
  app,
  { partnerServices },
) => {
  const portal = partnerServices.portal
  app.get(
    '/partner',
    { config: { access: 'referral:partner', audit: { writtenBy: 'service', action: PARTNER_REFERRALS_LIST } } },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const items = await portal.home(ctx)
      return reply.render(
        'partner-services/views/portal-home.njk',
        portalHomeView(items, request.user?.providerName ?? null),
      )
    },
  )
  app.get(
    '/partner/referrals/:reference',
    { config: VIEW, schema: { params: ReferenceParams, querystring: textQuery(['done'], 40) } },
    async (request, reply) =>
      renderReferral(reply, portal, ctxOf(request), request.params.reference, { done: request.query.done }),
  )
  decisionRoutes(app, portal)
  formRoutes(
    app,
    portal,
    '/partner/referrals/:reference/action-plan',
    'action plan',
    portal.submitActionPlan,
    parseActionPlanForm,
    'plan',
  )
  formRoutes(
    app,
    portal,
    '/partner/referrals/:reference/end-of-service-report',
    'report',
    portal.endOfServiceReport,
    parseReportForm,
    'report',
  )
  formRoutes(
    app,
    portal,
    '/partner/referrals/:reference/incidents/new',
    'incident',
    portal.reportIncident,
    parseIncidentForm,
    'incident',
  )
  sessionRoutes(app, portal)
}
