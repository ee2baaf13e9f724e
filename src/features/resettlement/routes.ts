import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import type { RequestContext } from '../../access/audit.ts'
import type { FieldError } from '../../errors.ts'
import { formBody, submitForm, type FormBody } from '../../web/forms.ts'
import { ctxOf } from '../../web/request-context.ts'
import { CrnIdParams, CrnParams, textQuery } from '../../web/schemas.ts'
import {
  parseActionForm,
  parseCloseActionForm,
  parseNeedsForm,
  parseReleaseDayPlanForm,
  parseScreeningForm,
  screeningPartOf,
} from './forms.ts'
import { resettlementView, workListView } from './presenters.ts'
import type { ResettlementService } from './service.ts'

/**
 * Through the Gate pages: the person's resettlement page (`/people/:crn/resettlement`) with its forms (screening
 * parts 1 and 2, needs by pathway, plan actions and marking them done, the release-day plan), and the work list
 * (`/resettlement`). Reading needs `person:read`, changing `person:update`; the service applies the person-level
 * policy. Each form answers through `submitForm`: a redirect to the page on success, the page with its errors.
 */

type Options = { resettlement: ResettlementService }
type App = Parameters<FastifyPluginAsyncTypebox<Options>>[0]

const READ = { access: 'person:read' } as const
const UPDATE = { access: 'person:update' } as const
const Form = formBody(20_000)
const PageQuery = textQuery(['done'])
const ListQuery = textQuery(['scope', 'prison'], 20)

/** Where each form's fields are on the page, so the browser lands on the section just changed. */
const DONE: Record<string, { text: string; anchor: string }> = {
  screening: { text: 'Screening recorded', anchor: 'screening' },
  needs: { text: 'Needs saved', anchor: 'needs' },
  action: { text: 'Action added to the resettlement plan', anchor: 'plan' },
  'action-done': { text: 'Action marked as done', anchor: 'plan' },
  'release-day': { text: 'Release-day plan saved', anchor: 'release-day' },
}

export const resettlementPath = (crn: string) => `/people/${crn}/resettlement`
const doneAt = (crn: string, done: string) => `${resettlementPath(crn)}?done=${done}#${DONE[done]!.anchor}`

async function renderPage(
  reply: FastifyReply,
  resettlement: ResettlementService,
  ctx: RequestContext,
  crn: string,
  sentBack?: { errors: FieldError[]; body: FormBody },
  done?: string,
) {
  const page = await resettlement.page(ctx, crn)
  return reply.render('resettlement/views/resettlement.njk', {
    pageTitle: `${sentBack ? 'Error: ' : ''}Resettlement – ${page.person.forename} ${page.person.surname}`,
    section: 'resettlement',
    crn: page.person.crn,
    errors: sentBack?.errors,
    done: done ? DONE[done]?.text : undefined,
    ...resettlementView(page, sentBack?.body),
  })
}

export const resettlementRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { resettlement }) => {
  app.get(
    '/people/:crn/resettlement',
    {
      config: { ...READ, audit: { action: 'RESETTLEMENT_VIEW', page: 'resettlement' } },
      schema: { params: CrnParams, querystring: PageQuery },
    },
    async (request, reply) =>
      renderPage(reply, resettlement, ctxOf(request), request.params.crn.toUpperCase(), undefined, request.query.done),
  )
  formRoutes(app, resettlement)
  actionRoutes(app, resettlement)
  app.get('/resettlement', { config: READ, schema: { querystring: ListQuery } }, async (request, reply) => {
    const list = await resettlement.workList(
      ctxOf(request),
      request.query.scope === 'provider' ? 'provider' : 'team',
      request.query.prison?.trim().toUpperCase() || null,
    )
    return reply.render('resettlement/views/work-list.njk', {
      pageTitle: 'Resettlement work list',
      ...workListView(list),
    })
  })
}

/**
 * The page's forms: each is posted to its own path, parsed into its command and given to the service; on success the
 * browser goes back to the section just changed (`DONE`), on refusal the page is shown again with the errors.
 */
const PAGE_FORMS: readonly {
  path: string
  done: keyof typeof DONE
  submit: (r: ResettlementService, ctx: RequestContext, crn: string, body: FormBody) => Promise<{ crn: string }>
}[] = [
  {
    path: '/people/:crn/resettlement/screenings',
    done: 'screening',
    submit: (r, ctx, crn, body) => r.recordScreening(ctx, crn, screeningPartOf(body), parseScreeningForm(body)),
  },
  {
    path: '/people/:crn/resettlement/needs',
    done: 'needs',
    submit: (r, ctx, crn, body) => r.recordNeeds(ctx, crn, parseNeedsForm(body)),
  },
  {
    path: '/people/:crn/resettlement/release-day-plan',
    done: 'release-day',
    submit: (r, ctx, crn, body) => r.recordReleaseDayPlan(ctx, crn, parseReleaseDayPlanForm(body)),
  },
  {
    path: '/people/:crn/resettlement/actions',
    done: 'action',
    submit: (r, ctx, crn, body) => r.addAction(ctx, crn, parseActionForm(body)),
  },
]

function formRoutes(app: App, resettlement: ResettlementService) {
  for (const f of PAGE_FORMS) {
    app.post(f.path, { config: UPDATE, schema: { params: CrnParams, body: Form } }, async (request, reply) => {
      const ctx = ctxOf(request)
      const crn = request.params.crn.toUpperCase()
      const body = request.body
      return submitForm(reply, () => f.submit(resettlement, ctx, crn, body), {
        rerender: errors => renderPage(reply, resettlement, ctx, crn, { errors, body }),
        redirect: r => doneAt(r.crn, f.done),
      })
    })
  }
}

function actionRoutes(app: App, resettlement: ResettlementService) {
  app.post(
    '/people/:crn/resettlement/actions/:id/done',
    { config: UPDATE, schema: { params: CrnIdParams, body: Form } },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const crn = request.params.crn.toUpperCase()
      const id = Number(request.params.id)
      const body = request.body
      return submitForm(reply, () => resettlement.closeAction(ctx, crn, id, parseCloseActionForm(body, id)), {
        rerender: errors => renderPage(reply, resettlement, ctx, crn, { errors, body }),
        redirect: r => doneAt(r.crn, 'action-done'),
      })
    },
  )
}
