import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { dateParts, type FormBody } from '../../web/forms.ts'
import { performancePaths as paths } from '../../web/paths.ts'
import { ctxOf } from '../../web/request-context.ts'
import { textQuery } from '../../web/schemas.ts'
import { parsePeriodQuery } from './forms.ts'
import { LEVEL_TEXT, missesView, serviceLevelsView } from './presenters.ts'
import { performanceScope } from './scope.ts'
import type { TeamPerformanceService } from './service.ts'

/** The service levels page and the cases behind a group's misses (issue 19 item 5). */

const READ = { access: 'performance:read' } as const
const PERIOD_KEYS = ['from-day', 'from-month', 'from-year', 'to-day', 'to-month', 'to-year', 'level', 'group'] as const
const CodeParams = Type.Object({ code: Type.String({ pattern: '^[a-z-]{1,40}$' }) })

export const serviceLevelRoutes: FastifyPluginAsyncTypebox<{ teamPerformance: TeamPerformanceService }> = async (
  app,
  { teamPerformance: tp },
) => {
  app.get(paths.home, { config: READ, schema: { querystring: textQuery(PERIOD_KEYS, 20) } }, async (request, reply) => {
    const ctx = ctxOf(request)
    const scope = performanceScope(ctx.user)
    const body: FormBody = request.query
    const query = parsePeriodQuery(body, tp.today())
    const form = { from: dateParts(body, 'from'), to: dateParts(body, 'to') }
    if (!query.ok) {
      reply.status(400)
      return reply.render('team-performance/views/home.njk', {
        pageTitle: 'Performance',
        form,
        errors: query.errors,
        levelItems: scope.levels.map(l => ({ value: l, text: LEVEL_TEXT[l] })),
      })
    }
    const report = await tp.serviceLevels.report(ctx, query.value)
    return reply.render('team-performance/views/home.njk', {
      pageTitle: 'Performance',
      form,
      workloadHref: paths.workload,
      ...serviceLevelsView(report, query.value, scope.levels),
    })
  })

  app.get(
    paths.serviceLevel(':code'),
    {
      config: { ...READ, audit: { action: 'SERVICE_LEVEL_MISSES_VIEW', detail: r => ({ url: r.url }) } },
      schema: { params: CodeParams, querystring: textQuery(PERIOD_KEYS, 20) },
    },
    async (request, reply) => {
      const query = parsePeriodQuery(request.query, tp.today())
      if (!query.ok || !query.value.group) {
        reply.status(400)
        return reply.render('team-performance/views/misses.njk', {
          pageTitle: 'Service level misses',
          errors: query.ok ? [{ field: 'group', message: 'Choose a team, delivery unit or provider' }] : query.errors,
          back: paths.home,
        })
      }
      const found = await tp.serviceLevels.misses(ctxOf(request), request.params.code, query.value)
      const view = missesView(found, query.value)
      return reply.render('team-performance/views/misses.njk', { pageTitle: `${view.title}: misses`, ...view })
    },
  )
}
