import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import type { RequestContext } from '../../access/audit.ts'
import type { FieldError } from '../../errors.ts'
import { formBody, submitForm, type FormBody } from '../../web/forms.ts'
import { unpaidWorkPaths as paths } from '../../web/paths.ts'
import { ctxOf } from '../../web/request-context.ts'
import { CrnIdParams, CrnParams, textQuery } from '../../web/schemas.ts'
import { parseCommitmentForm } from './orders-forms.ts'
import { commitmentsPageView, unpaidWorkPageView } from './orders-presenters.ts'
import type { UnpaidWorkService } from './service.ts'

/**
 * A person's unpaid work pages (issue 17 item 4): `/people/:crn/unpaid-work` (person:read, audited UPW_VIEW) with
 * each order's hours, incentive, clocks and sessions; `/people/:crn/unpaid-work/commitments` (person:update) listing
 * the commitments with the add form, and the end form of each (`…/commitments/:id/end`). Each form answers through
 * `submitForm`: refused input comes back with the GOV.UK error summary and nothing saved.
 */

type Options = { unpaidWork: UnpaidWorkService }
type App = Parameters<FastifyPluginAsyncTypebox<Options>>[0]

const READ = { access: 'person:read' } as const
const UPDATE = { access: 'person:update' } as const
const Form = formBody(5_000)
const PageQuery = textQuery(['done'], 20)

const DONE: Record<string, string> = { added: 'Commitment added', ended: 'Commitment ended' }

async function renderCommitments(
  reply: FastifyReply,
  upw: UnpaidWorkService,
  ctx: RequestContext,
  crn: string,
  sentBack?: { errors: FieldError[]; body: FormBody },
  done?: string,
) {
  const view = commitmentsPageView(await upw.orders.commitmentsPage(ctx, crn), sentBack?.body)
  return reply.render('unpaid-work/views/commitments.njk', {
    pageTitle: `${sentBack ? 'Error: ' : ''}Unpaid work commitments – ${view.name}`,
    section: 'sentences',
    crn: view.person.crn,
    errors: sentBack?.errors,
    done: done ? DONE[done] : undefined,
    ...view,
  })
}

export const ordersRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { unpaidWork }) => {
  app.get(
    '/people/:crn/unpaid-work',
    { config: { ...READ, audit: { action: 'UPW_VIEW', page: 'unpaid work' } }, schema: { params: CrnParams } },
    async (request, reply) => {
      const view = unpaidWorkPageView(await unpaidWork.orders.personPage(ctxOf(request), request.params.crn))
      return reply.render('unpaid-work/views/person.njk', {
        pageTitle: `Unpaid work – ${view.name}`,
        section: 'sentences',
        crn: view.person.crn,
        commitmentsHref: paths.commitments(view.person.crn),
        ...view,
      })
    },
  )
  app.get(
    '/people/:crn/unpaid-work/commitments',
    {
      config: { ...UPDATE, audit: { action: 'UPW_VIEW', page: 'unpaid work commitments' } },
      schema: { params: CrnParams, querystring: PageQuery },
    },
    async (request, reply) =>
      renderCommitments(reply, unpaidWork, ctxOf(request), request.params.crn, undefined, request.query.done),
  )
  commitmentForms(app, unpaidWork)
}

function commitmentForms(app: App, unpaidWork: UnpaidWorkService) {
  app.post(
    '/people/:crn/unpaid-work/commitments',
    { config: UPDATE, schema: { params: CrnParams, body: Form } },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const { crn } = request.params
      const body = request.body
      return submitForm(reply, () => unpaidWork.orders.addCommitment(ctx, crn, parseCommitmentForm(body)), {
        rerender: errors => renderCommitments(reply, unpaidWork, ctx, crn, { errors, body }),
        redirect: r => `${paths.commitments(r.crn)}?done=added`,
      })
    },
  )
  app.post(
    '/people/:crn/unpaid-work/commitments/:id/end',
    { config: UPDATE, schema: { params: CrnIdParams, body: Form } },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const { crn, id } = request.params
      const r = await unpaidWork.orders.endCommitment(ctx, crn, Number(id))
      return reply.redirect(`${paths.commitments(r.crn)}?done=ended`, 303)
    },
  )
}
