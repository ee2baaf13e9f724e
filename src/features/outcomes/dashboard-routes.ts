import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { outcomesPaths as paths } from '../../web/paths.ts'
import type { Dashboard } from './dashboard.ts'
import { dashboardCsv, dashboardView, type DashboardView } from './dashboard-presenters.ts'
import type { OutcomesService } from './service.ts'

/**
 * The open outcomes dashboard on the public face (issue 19 item 4): /outcomes and its CSV, for anyone, with no
 * sign-in and no staff navigation. The figures change at most daily and are kept in memory by the service; the view
 * model and the CSV are made once per day's figures too. Answers are cacheable for five minutes by anyone
 * (overriding the app's `no-store`), with an ETag so a browser or proxy that has them gets a 304.
 */

const MAX_AGE = 300
const CACHEABLE = new Set<string>([paths.dashboard, paths.csv])

/**
 * The page as rendered for a day's figures: the dashboard's layout uses nothing of the request (no session, CSRF
 * token or nonce), so the first rendering is kept and sent as it is until the figures change.
 */
const pages = new WeakMap<Dashboard, string>()
/** The figures a request is rendering, for the onSend hook that keeps the page. */
const rendering = new WeakMap<FastifyRequest, Dashboard>()

/** The page's view model and the CSV, made once per day's figures. */
const rendered = new WeakMap<Dashboard, { view: DashboardView; csv: string }>()
function renderedOf(d: Dashboard) {
  let r = rendered.get(d)
  if (!r) {
    r = { view: dashboardView(d), csv: dashboardCsv(d) }
    rendered.set(d, r)
  }
  return r
}

/** True when the client already has these figures (If-None-Match names the current ETag, or `*`). */
function fresh(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match']
  if (!header) return false
  return header
    .split(',')
    .map(t => t.trim().replace(/^W\//, ''))
    .some(t => t === etag || t === '*')
}

function notModified(reply: FastifyReply, etag: string) {
  return reply.header('etag', etag).status(304).send()
}

export const dashboardRoutes: FastifyPluginAsyncTypebox<{ outcomes: OutcomesService }> = async (app, { outcomes }) => {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' || !CACHEABLE.has(request.routeOptions.url ?? '')) return payload
    if (reply.statusCode === 200 || reply.statusCode === 304) {
      reply.header('cache-control', `public, max-age=${MAX_AGE}`)
      // A shared cache must not hand one visitor's cookie (the app's CSRF cookie) to the next; these pages have no form.
      reply.removeHeader('set-cookie')
    }
    const figures = rendering.get(request)
    if (figures && reply.statusCode === 200 && typeof payload === 'string') pages.set(figures, payload)
    return payload
  })

  app.get(paths.dashboard, { config: { access: 'public' } }, async (request, reply) => {
    const figures = await outcomes.dashboard.figures()
    if (fresh(request, figures.etag)) return notModified(reply, figures.etag)
    reply.header('etag', figures.etag)
    const page = pages.get(figures)
    if (page !== undefined) return reply.type('text/html; charset=utf-8').send(page)
    rendering.set(request, figures)
    return reply.render('outcomes/views/dashboard/page.njk', renderedOf(figures).view)
  })

  app.get(paths.csv, { config: { access: 'public' } }, async (request, reply) => {
    const figures = await outcomes.dashboard.figures()
    const etag = figures.etag.replace(/"$/, '-csv"')
    if (fresh(request, etag)) return notModified(reply, etag)
    return reply
      .header('etag', etag)
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="probation-outcomes.csv"')
      .send(renderedOf(figures).csv)
  })
}
