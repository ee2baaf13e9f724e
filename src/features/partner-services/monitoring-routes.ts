import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ValidationError } from '../../errors.ts'
import { dateParts, type FormBody } from '../../web/forms.ts'
import { partnerServicesPaths as paths } from '../../web/paths.ts'
import { ctxOf } from '../../web/request-context.ts'
import { textQuery } from '../../web/schemas.ts'
import { parseMonitoringQuery } from './monitoring-forms.ts'
import { monitoringCsv, monitoringView } from './monitoring-presenters.ts'
import type { PartnerServicesService } from './service.ts'

/**
 * Monitoring for contract managers (issue 18 item 5; partners:monitor): the figures for a period by service and by
 * partner organisation, services closed to referrals and funding ending, and the same as CSV. A bad period comes
 * back with the GOV.UK error summary (400); the CSV of a bad period is a 400.
 */

const MONITOR = { access: 'partners:monitor' } as const
const QUERY_KEYS = [
  'from-day',
  'from-month',
  'from-year',
  'to-day',
  'to-month',
  'to-year',
  'provider',
  'team',
  'organisation',
] as const

const choice = (items: readonly { id: number; name: string }[], chosen: string, blank: string) => [
  { value: '', text: blank, selected: chosen === '' },
  ...items.map(i => ({ value: String(i.id), text: i.name, selected: String(i.id) === chosen })),
]

export const monitoringRoutes: FastifyPluginAsyncTypebox<{ partnerServices: PartnerServicesService }> = async (
  app,
  { partnerServices: ps },
) => {
  app.get(
    paths.monitoring,
    { config: MONITOR, schema: { querystring: textQuery(QUERY_KEYS, 20) } },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const body: FormBody = request.query
      const query = parseMonitoringQuery(body, ps.today())
      const [choices, report] = await Promise.all([
        ps.monitoring.choices(ctx),
        query.ok ? ps.monitoring.report(ctx, query) : Promise.resolve(null),
      ])
      const q = request.query
      const form = {
        from: dateParts(body, 'from'),
        to: dateParts(body, 'to'),
        providers: choice(
          choices.providers.map(p => ({ id: Number(p.id), name: p.name })),
          q.provider ?? '',
          'Every provider',
        ),
        teams: choice(
          choices.teams.map(t => ({ id: Number(t.id), name: t.name })),
          q.team ?? '',
          'Every team',
        ),
        organisations: choice(
          choices.organisations.map(o => ({ id: Number(o.id), name: o.name })),
          q.organisation ?? '',
          'Every partner organisation',
        ),
        fixedProvider: choices.fixedProvider !== null,
      }
      if (!query.ok || !report) {
        reply.status(400)
        return reply.render('partner-services/views/monitoring.njk', {
          pageTitle: 'Partner services monitoring',
          form,
          errors: query.ok ? [] : query.errors,
        })
      }
      const search = new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => !!e[1])).toString()
      return reply.render('partner-services/views/monitoring.njk', {
        pageTitle: 'Partner services monitoring',
        form,
        ...monitoringView(report),
        csvHref: `${paths.monitoringCsv}${search ? `?${search}` : ''}`,
      })
    },
  )

  app.get(
    paths.monitoringCsv,
    { config: MONITOR, schema: { querystring: textQuery(QUERY_KEYS, 20) } },
    async (request, reply) => {
      const query = parseMonitoringQuery(request.query, ps.today())
      if (!query.ok) throw new ValidationError(query.errors)
      const report = await ps.monitoring.report(ctxOf(request), query)
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="partner-services-${report.query.from.toString()}-to-${report.query.to.toString()}.csv"`,
        )
        .send(monitoringCsv(report))
    },
  )
}
