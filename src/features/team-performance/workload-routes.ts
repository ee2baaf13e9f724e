import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { FastifyReply } from 'fastify'
import type { RequestContext } from '../../access/audit.ts'
import { ValidationError, type FieldError } from '../../errors.ts'
import { dateParts, formBody, submitForm, text, type FormBody } from '../../web/forms.ts'
import { performancePaths as paths } from '../../web/paths.ts'
import { ctxOf } from '../../web/request-context.ts'
import { textQuery } from '../../web/schemas.ts'
import { reductionFromForm, settingsFromForm } from './forms.ts'
import { reductionsView, settingsHistoryView, settingsValues, workloadView } from './presenters.ts'
import type { TeamPerformanceService } from './service.ts'

/**
 * Workload, a practitioner's reductions and the workload settings (issue 19 item 5). Reductions: contract managers
 * and administrators for anyone, seniors for their own team's staff. Settings: `performance:manage` changes them;
 * every reader sees them and their history.
 */

const READ = { access: 'performance:read' } as const
const StaffParams = Type.Object({ staffCode: Type.String({ pattern: '^[A-Za-z0-9]{1,20}$' }) })

export const workloadRoutes: FastifyPluginAsyncTypebox<{ teamPerformance: TeamPerformanceService }> = async (
  app,
  { teamPerformance: tp },
) => {
  app.get(
    paths.workload,
    { config: READ, schema: { querystring: textQuery(['team'], 20) } },
    async (request, reply) => {
      const team = request.query.team ?? ''
      const teamId = /^\d{1,15}$/.test(team) ? Number(team) : null
      const w = await tp.workload.workload(ctxOf(request), teamId)
      return reply.render('team-performance/views/workload.njk', {
        pageTitle: 'Workload',
        settingsHref: paths.workloadSettings,
        ...workloadView(w),
      })
    },
  )

  async function renderReductions(
    reply: FastifyReply,
    ctx: RequestContext,
    staffCode: string,
    body: FormBody | null,
    errors: FieldError[] = [],
  ) {
    const view = reductionsView(await tp.workload.reductions(ctx, staffCode))
    return reply.render('team-performance/views/reductions.njk', {
      pageTitle: `Reductions: ${view.name}`,
      ...view,
      errors,
      reasons: view.reasonItems(body ? text(body, 'reason') : ''),
      values: {
        from: dateParts(body ?? {}, 'from'),
        to: dateParts(body ?? {}, 'to'),
        hours: body ? text(body, 'hours') : '',
        notes: body ? text(body, 'notes') : '',
      },
    })
  }

  app.get(
    paths.reductions(':staffCode'),
    { config: READ, schema: { params: StaffParams, querystring: textQuery(['saved'], 5) } },
    async (request, reply) => renderReductions(reply, ctxOf(request), request.params.staffCode, null),
  )

  app.post(
    paths.reductions(':staffCode'),
    { config: READ, schema: { params: StaffParams, body: formBody() } },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const { staffCode } = request.params
      return submitForm(
        reply,
        async () => {
          const parsed = reductionFromForm(request.body)
          if (!parsed.ok) throw new ValidationError(parsed.errors)
          return tp.workload.recordReduction(ctx, staffCode, parsed.value)
        },
        {
          rerender: errors => renderReductions(reply, ctx, staffCode, request.body, errors),
          redirect: () => `${paths.reductions(staffCode)}?saved=yes`,
        },
      )
    },
  )
}

/** The workload settings and their history; `performance:manage` changes them (appended). */
export const workloadSettingsRoutes: FastifyPluginAsyncTypebox<{ teamPerformance: TeamPerformanceService }> = async (
  app,
  { teamPerformance: tp },
) => {
  async function renderSettings(
    reply: FastifyReply,
    ctx: RequestContext,
    body: FormBody | null,
    errors: FieldError[] = [],
  ) {
    const s = await tp.workload.settings(ctx)
    const inForce = settingsValues(s.inForce)
    return reply.render('team-performance/views/settings.njk', {
      pageTitle: 'Workload settings',
      errors,
      values: body ? Object.fromEntries(Object.keys(inForce).map(k => [k, text(body, k)])) : inForce,
      reason: body ? text(body, 'reason') : '',
      effective: dateParts(body ?? {}, 'effective'),
      mayChange: s.mayChange,
      history: settingsHistoryView(s.history),
      action: paths.workloadSettings,
      back: paths.workload,
    })
  }

  app.get(
    paths.workloadSettings,
    { config: READ, schema: { querystring: textQuery(['saved'], 5) } },
    async (request, reply) => renderSettings(reply, ctxOf(request), null),
  )

  app.post(
    paths.workloadSettings,
    { config: { access: 'performance:manage' }, schema: { body: formBody() } },
    async (request, reply) => {
      const ctx = ctxOf(request)
      return submitForm(
        reply,
        async () => {
          const parsed = settingsFromForm(request.body)
          if (!parsed.ok) throw new ValidationError(parsed.errors)
          return tp.workload.changeSettings(ctx, parsed.value)
        },
        {
          rerender: errors => renderSettings(reply, ctx, request.body, errors),
          redirect: () => `${paths.workloadSettings}?saved=yes`,
        },
      )
    },
  )
}
