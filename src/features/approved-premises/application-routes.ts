import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import type { RequestContext } from '../../access/audit.ts'
import type { FieldError } from '../../errors.ts'
import { formBody, submitForm, type FormBody } from '../../web/forms.ts'
import { approvedPremisesPaths as paths } from '../../web/paths.ts'
import { ctxOf } from '../../web/request-context.ts'
import { CrnParams, Id, textQuery } from '../../web/schemas.ts'
import {
  parseAnswerForm,
  parseWithdrawForm,
  parseApplicationForm,
  parseDecisionForm,
  parseMatchBookingForm,
} from './application-forms.ts'
import { applicationListView, applicationView, matchView, newApplicationView } from './application-presenters.ts'
import type { ApprovedPremisesService } from './service.ts'

/**
 * Approved premises application pages (issue 16 item 2): the case manager applies from the person's record
 * (`person:update`; the record's facts pre-filled) and answers the team's questions; the approved premises team
 * (`premises:manage`) lists their region's applications, decides and matches an accepted one to a bed. The
 * application page is open to both: the service decides who may see it (the team of its region, or the case manager).
 */

type App = Parameters<FastifyPluginAsyncTypebox<{ approvedPremises: ApprovedPremisesService }>>[0]
type Service = ApprovedPremisesService
type SentBack = { errors: FieldError[]; body: FormBody }

const UPDATE = { access: 'person:update' } as const
const MANAGE = { access: 'premises:manage' } as const
const SIGNED_IN = { access: 'signed-in' } as const
const Form = formBody(30_000)
const ApplicationParams = Type.Object({ id: Id })
const DONE: Record<string, string> = {
  submitted: 'Application submitted',
  decided: 'Decision recorded',
  answered: 'Information sent: the application is back with the approved premises team',
  withdrawn: 'Application withdrawn',
  placed: 'Bed booked: the application is placed',
}
const doneText = (done: string | undefined) => (done ? DONE[done] : undefined)

async function renderNew(reply: FastifyReply, ap: Service, ctx: RequestContext, crn: string, sentBack?: SentBack) {
  const view = newApplicationView(await ap.newApplication(ctx, crn), sentBack?.body)
  return reply.render('approved-premises/views/application-new.njk', {
    pageTitle: `Apply for an approved premises placement – ${view.name}`,
    section: 'resettlement',
    errors: sentBack?.errors,
    ...view,
  })
}

async function renderApplication(
  reply: FastifyReply,
  ap: Service,
  ctx: RequestContext,
  id: number,
  done?: string,
  sentBack?: SentBack,
) {
  const view = applicationView(await ap.application(ctx, id), sentBack?.body)
  return reply.render('approved-premises/views/application.njk', {
    pageTitle: `Approved premises application – ${view.name}`,
    errors: sentBack?.errors,
    done: doneText(done),
    ...view,
  })
}

async function renderMatch(reply: FastifyReply, ap: Service, ctx: RequestContext, id: number, sentBack?: SentBack) {
  const view = matchView(await ap.match(ctx, id))
  return reply.render('approved-premises/views/application-match.njk', {
    pageTitle: `Match a bed – ${view.name}`,
    errors: sentBack?.errors,
    ...view,
  })
}

export function applicationRoutes(app: App, ap: Service) {
  app.get(
    '/people/:crn/approved-premises/applications',
    {
      config: { ...UPDATE, audit: { action: 'AP_APPLICATION_FORM_VIEW', page: 'approved premises application' } },
      schema: { params: CrnParams },
    },
    async (request, reply) => renderNew(reply, ap, ctxOf(request), request.params.crn),
  )
  app.post(
    '/people/:crn/approved-premises/applications',
    { config: UPDATE, schema: { params: CrnParams, body: Form } },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const { crn } = request.params
      const body = request.body
      return submitForm(reply, () => ap.submitApplication(ctx, crn, parseApplicationForm(body)), {
        rerender: errors => renderNew(reply, ap, ctx, crn, { errors, body }),
        redirect: r => `${paths.application(r.applicationId)}?done=submitted`,
      })
    },
  )
  app.get('/approved-premises/applications', { config: MANAGE }, async (request, reply) =>
    reply.render('approved-premises/views/applications.njk', {
      pageTitle: 'Approved premises applications',
      ...applicationListView(await ap.applicationList(ctxOf(request))),
    }),
  )
  app.get(
    '/approved-premises/applications/:id',
    { config: SIGNED_IN, schema: { params: ApplicationParams, querystring: textQuery(['done'], 40) } },
    async (request, reply) =>
      renderApplication(reply, ap, ctxOf(request), Number(request.params.id), request.query.done),
  )
  app.post(
    '/approved-premises/applications/:id/decision',
    { config: MANAGE, schema: { params: ApplicationParams, body: Form } },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const id = Number(request.params.id)
      const body = request.body
      return submitForm(reply, () => ap.decideApplication(ctx, id, parseDecisionForm(body)), {
        rerender: errors => renderApplication(reply, ap, ctx, id, undefined, { errors, body }),
        redirect: () => `${paths.application(id)}?done=decided`,
      })
    },
  )
  managerRoutes(app, ap)
  app.get(
    '/approved-premises/applications/:id/match',
    { config: MANAGE, schema: { params: ApplicationParams } },
    async (request, reply) => renderMatch(reply, ap, ctxOf(request), Number(request.params.id)),
  )
  app.post(
    '/approved-premises/applications/:id/match',
    { config: MANAGE, schema: { params: ApplicationParams, body: Form } },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const id = Number(request.params.id)
      const body = request.body
      return submitForm(reply, () => ap.bookFromMatch(ctx, id, parseMatchBookingForm(body)), {
        rerender: errors => renderMatch(reply, ap, ctx, id, { errors, body }),
        redirect: () => `${paths.application(id)}?done=placed`,
      })
    },
  )
}

/** The case manager's side of an application: answering the team's question, withdrawing it. */
function managerRoutes(app: App, ap: Service) {
  app.post(
    '/approved-premises/applications/:id/answer',
    { config: SIGNED_IN, schema: { params: ApplicationParams, body: Form } },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const id = Number(request.params.id)
      const body = request.body
      return submitForm(reply, () => ap.answerApplication(ctx, id, parseAnswerForm(body)), {
        rerender: errors => renderApplication(reply, ap, ctx, id, undefined, { errors, body }),
        redirect: () => `${paths.application(id)}?done=answered`,
      })
    },
  )
  app.post(
    '/approved-premises/applications/:id/withdraw',
    { config: SIGNED_IN, schema: { params: ApplicationParams, body: Form } },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const id = Number(request.params.id)
      const body = request.body
      return submitForm(reply, () => ap.withdrawApplication(ctx, id, parseWithdrawForm(body)), {
        rerender: errors => renderApplication(reply, ap, ctx, id, undefined, { errors, body }),
        redirect: () => `${paths.application(id)}?done=withdrawn`,
      })
    },
  )
}
