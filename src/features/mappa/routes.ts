import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import type { RequestContext } from '../../access/audit.ts'
import type { FieldError } from '../../errors.ts'
import { formBody, submitForm, type FormBody } from '../../web/forms.ts'
import { ctxOf } from '../../web/request-context.ts'
import { CrnIdParams, CrnParams, textQuery } from '../../web/schemas.ts'
import {
  parseActionForm,
  parseDoneForm,
  parseEndFactForm,
  parseFactForm,
  parseLevelForm,
  parseMeetingForm,
} from './forms.ts'
import { mappaView, nominalListView } from './presenters.ts'
import type { MappaService } from './service.ts'

/**
 * MAPPA pages: the person's MAPPA page (`/people/:crn/mappa`) with its forms (public protection facts and their end,
 * the level a senior sets, MAPP meetings, risk management actions and marking them done), and the nominal list
 * (`/mappa`). Reading needs `person:read`, changing `person:update`; the service applies the person-level policy and
 * refuses a level (or a category 3 decision) from anyone but a senior. Each form answers through `submitForm`.
 */

type Options = { mappa: MappaService }
type App = Parameters<FastifyPluginAsyncTypebox<Options>>[0]

const READ = { access: 'person:read' } as const
const UPDATE = { access: 'person:update' } as const
const Form = formBody(40_000)
const PageQuery = textQuery(['done'])
const ListQuery = textQuery(['scope', 'overdue'], 20)

const DONE: Record<string, { text: string; anchor: string }> = {
  fact: { text: 'Public protection fact recorded', anchor: 'facts' },
  'fact-ended': { text: 'Public protection fact ended', anchor: 'facts' },
  level: { text: 'MAPPA level saved', anchor: 'mappa-level' },
  meeting: { text: 'MAPP meeting recorded', anchor: 'meetings' },
  action: { text: 'Risk management action added', anchor: 'actions' },
  'action-done': { text: 'Action marked as done', anchor: 'actions' },
}

export const mappaPath = (crn: string) => `/people/${crn}/mappa`
const doneAt = (crn: string, done: string) => `${mappaPath(crn)}?done=${done}#${DONE[done]!.anchor}`

async function renderPage(
  reply: FastifyReply,
  mappa: MappaService,
  ctx: RequestContext,
  crn: string,
  sentBack?: { errors: FieldError[]; body: FormBody },
  done?: string,
) {
  const page = await mappa.page(ctx, crn)
  return reply.render('mappa/views/mappa.njk', {
    pageTitle: `${sentBack ? 'Error: ' : ''}MAPPA – ${page.person.forename} ${page.person.surname}`,
    section: 'mappa',
    crn: page.person.crn,
    errors: sentBack?.errors,
    done: done ? DONE[done]?.text : undefined,
    ...mappaView(page, sentBack?.body),
  })
}

export const mappaRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { mappa }) => {
  app.get(
    '/people/:crn/mappa',
    {
      config: { ...READ, audit: { action: 'MAPPA_VIEW', page: 'mappa' } },
      schema: { params: CrnParams, querystring: PageQuery },
    },
    async (request, reply) =>
      renderPage(reply, mappa, ctxOf(request), request.params.crn.toUpperCase(), undefined, request.query.done),
  )
  formRoutes(app, mappa)
  idRoutes(app, mappa)
  app.get('/mappa', { config: READ, schema: { querystring: ListQuery } }, async (request, reply) => {
    const list = await mappa.nominalList(
      ctxOf(request),
      request.query.scope === 'provider' ? 'provider' : 'pdu',
      request.query.overdue === 'yes',
    )
    return reply.render('mappa/views/nominal-list.njk', { pageTitle: 'MAPPA nominal list', ...nominalListView(list) })
  })
}

const PAGE_FORMS: readonly {
  path: string
  done: keyof typeof DONE
  submit: (m: MappaService, ctx: RequestContext, crn: string, body: FormBody) => Promise<{ crn: string }>
}[] = [
  { path: '/people/:crn/mappa/facts', done: 'fact', submit: (m, c, crn, b) => m.recordFact(c, crn, parseFactForm(b)) },
  { path: '/people/:crn/mappa/level', done: 'level', submit: (m, c, crn, b) => m.setLevel(c, crn, parseLevelForm(b)) },
  {
    path: '/people/:crn/mappa/meetings',
    done: 'meeting',
    submit: (m, c, crn, b) => m.recordMeeting(c, crn, parseMeetingForm(b)),
  },
  {
    path: '/people/:crn/mappa/actions',
    done: 'action',
    submit: (m, c, crn, b) => m.addAction(c, crn, parseActionForm(b)),
  },
]

function formRoutes(app: App, mappa: MappaService) {
  for (const f of PAGE_FORMS) {
    app.post(f.path, { config: UPDATE, schema: { params: CrnParams, body: Form } }, async (request, reply) => {
      const ctx = ctxOf(request)
      const crn = request.params.crn.toUpperCase()
      const body = request.body
      return submitForm(reply, () => f.submit(mappa, ctx, crn, body), {
        rerender: errors => renderPage(reply, mappa, ctx, crn, { errors, body }),
        redirect: r => doneAt(r.crn, f.done),
      })
    })
  }
}

const ID_FORMS: readonly {
  path: string
  done: keyof typeof DONE
  submit: (m: MappaService, ctx: RequestContext, crn: string, id: number, body: FormBody) => Promise<{ crn: string }>
}[] = [
  {
    path: '/people/:crn/mappa/facts/:id/end',
    done: 'fact-ended',
    submit: (m, c, crn, id, b) => m.endFact(c, crn, id, parseEndFactForm(b, id)),
  },
  {
    path: '/people/:crn/mappa/actions/:id/done',
    done: 'action-done',
    submit: (m, c, crn, id, b) => m.completeAction(c, crn, id, parseDoneForm(b, id)),
  },
]

function idRoutes(app: App, mappa: MappaService) {
  for (const f of ID_FORMS) {
    app.post(f.path, { config: UPDATE, schema: { params: CrnIdParams, body: Form } }, async (request, reply) => {
      const ctx = ctxOf(request)
      const crn = request.params.crn.toUpperCase()
      const id = Number(request.params.id)
      const body = request.body
      return submitForm(reply, () => f.submit(mappa, ctx, crn, id, body), {
        rerender: errors => renderPage(reply, mappa, ctx, crn, { errors, body }),
        redirect: r => doneAt(r.crn, f.done),
      })
    })
  }
}
