import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { outcomesPaths as paths } from '../../web/paths.ts'
import { answersByVersion, publicAnswer, sendPublicAnswer } from '../../web/public-answers.ts'
import type { Dashboard } from './dashboard.ts'
import { dashboardCsv, dashboardView } from './dashboard-presenters.ts'
import type { OutcomesService } from './service.ts'

/**
 * The open outcomes dashboard on the public face (issue 19 item 4): /outcomes and its CSV, for anyone, with no
 * sign-in and no staff navigation. The figures change at most daily and are kept in memory by the service; the page
 * and the CSV are made once per day's figures and kept as bytes with their gzip and brotli copies (issue 21 item 4:
 * a request then does no SQL, rendering or compressing). Answers are cacheable for five minutes by anyone
 * (overriding the app's `no-store`), with an ETag so a browser or proxy that has them gets a 304.
 */

const MAX_AGE = 300
const CACHEABLE = new Set<string>([paths.dashboard, paths.csv])

export const dashboardRoutes: FastifyPluginAsyncTypebox<{ outcomes: OutcomesService }> = async (app, { outcomes }) => {
  // The dashboard's layout uses nothing of the request (no session, CSRF token or nonce), so one rendering serves all.
  const pages = answersByVersion((figures: Dashboard) =>
    publicAnswer(
      app.renderPublicPage('outcomes/views/dashboard/page.njk', dashboardView(figures)),
      'text/html; charset=utf-8',
      figures.etag,
    ),
  )
  const csvs = answersByVersion((figures: Dashboard) =>
    publicAnswer(dashboardCsv(figures), 'text/csv; charset=utf-8', figures.etag.replace(/"$/, '-csv"')),
  )

  app.addHook('onSend', async (request, reply, payload) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !CACHEABLE.has(request.routeOptions.url ?? ''))
      return payload
    if (reply.statusCode === 200 || reply.statusCode === 304) {
      reply.header('cache-control', `public, max-age=${MAX_AGE}`)
      // A shared cache must not hand one visitor's cookie to the next; these pages have no form.
      reply.removeHeader('set-cookie')
    }
    return payload
  })

  app.get(paths.dashboard, { config: { access: 'public' } }, async (request, reply) =>
    sendPublicAnswer(request, reply, await pages(await outcomes.dashboard.figures())),
  )

  app.get(paths.csv, { config: { access: 'public' } }, async (request, reply) =>
    sendPublicAnswer(
      request,
      reply.header('content-disposition', 'attachment; filename="probation-outcomes.csv"'),
      await csvs(await outcomes.dashboard.figures()),
    ),
  )
}
