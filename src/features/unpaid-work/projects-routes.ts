import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import type { RequestContext } from '../../access/audit.ts'
import type { FieldError } from '../../errors.ts'
import { formBody, submitForm, type FormBody } from '../../web/forms.ts'
import { unpaidWorkPaths as paths } from '../../web/paths.ts'
import { ctxOf } from '../../web/request-context.ts'
import { IdParams, textQuery } from '../../web/schemas.ts'
import { parseProjectForm } from './projects-forms.ts'
import { projectFormView, projectListView, projectView } from './projects-presenters.ts'
import type { UnpaidWorkService } from './service.ts'

/**
 * Unpaid work projects' pages (issue 17 item 1): the list `/unpaid-work/projects` and a project's page (upw:read);
 * the new project form (`?nomination=ID` prefills it from a Community Payback nomination), the change form and
 * marking it complete (upw:manage). Refused input comes back with the GOV.UK error summary and nothing saved.
 */

type Service = UnpaidWorkService
const READ = { access: 'upw:read' } as const
const MANAGE = { access: 'upw:manage' } as const
const Form = formBody(5000)

const DONE: Record<string, string> = {
  created: 'Project created',
  changed: 'Project changed',
  completed: 'Project marked complete',
  session: 'Session created',
}

async function renderForm(
  reply: FastifyReply,
  upw: Service,
  ctx: RequestContext,
  ids: { projectId?: number; nominationId?: number },
  sentBack?: { errors: FieldError[]; body: FormBody },
) {
  const form = await upw.projects.form(ctx, ids)
  const view = projectFormView(form, sentBack?.body)
  const title = form.project ? `Change ${form.project.name}` : 'New project'
  return reply.render('unpaid-work/views/project-form.njk', {
    pageTitle: title,
    title,
    action: form.project ? paths.changeProject(form.project.id) : paths.newProject(),
    back: form.project ? paths.project(form.project.id) : paths.projects,
    errors: sentBack?.errors,
    ...view,
  })
}

async function renderProject(
  reply: FastifyReply,
  upw: Service,
  ctx: RequestContext,
  id: number,
  done?: string,
  errors?: FieldError[],
) {
  const page = await upw.projects.page(ctx, id)
  return reply.render('unpaid-work/views/project.njk', {
    pageTitle: page.project.name,
    done: done ? DONE[done] : undefined,
    errors,
    project: projectView(page.project),
    supervisors: page.supervisors.map(s => s.display_name),
    sessions: page.sessions.map(s => ({
      href: paths.session(s.id),
      date: s.session_date,
      times: `${s.start_time} to ${s.end_time}`,
      supervisor: s.supervisor ?? 'Not chosen',
      places: `${Number(s.allocated ?? 0)} of ${s.capacity}`,
      stoodDown: s.stood_down_at !== null,
    })),
    photos: { count: page.photos, href: paths.projectPhotos(id) },
    canManage: page.canManage,
    links: {
      change: paths.changeProject(id),
      complete: paths.completeProject(id),
      newSession: paths.newSession(id),
    },
  })
}

export const projectsRoutes: FastifyPluginAsyncTypebox<{ unpaidWork: Service }> = async (app, { unpaidWork: upw }) => {
  app.get(
    paths.projects,
    { config: READ, schema: { querystring: textQuery(['done'], 40) } },
    async (request, reply) => {
      const { projects, canManage } = await upw.projects.list(ctxOf(request))
      return reply.render('unpaid-work/views/projects.njk', {
        pageTitle: 'Unpaid work projects',
        rows: projectListView(projects),
        canManage,
        newHref: paths.newProject(),
      })
    },
  )

  app.get(
    '/unpaid-work/projects/new',
    { config: MANAGE, schema: { querystring: textQuery(['nomination'], 15) } },
    async (request, reply) => {
      const nomination = request.query.nomination
      const nominationId = nomination && /^\d{1,15}$/.test(nomination) ? Number(nomination) : undefined
      return renderForm(reply, upw, ctxOf(request), { nominationId })
    },
  )

  app.post('/unpaid-work/projects/new', { config: MANAGE, schema: { body: Form } }, async (request, reply) => {
    const ctx = ctxOf(request)
    const body = request.body
    const nomination =
      typeof body.nomination === 'string' && /^\d{1,15}$/.test(body.nomination) ? Number(body.nomination) : undefined
    return submitForm(reply, () => upw.projects.create(ctx, parseProjectForm(body)), {
      rerender: errors => renderForm(reply, upw, ctx, { nominationId: nomination }, { errors, body }),
      redirect: r => `${paths.project(r.projectId)}?done=created`,
    })
  })

  app.get(
    '/unpaid-work/projects/:id',
    { config: READ, schema: { params: IdParams, querystring: textQuery(['done'], 40) } },
    async (request, reply) => renderProject(reply, upw, ctxOf(request), Number(request.params.id), request.query.done),
  )

  app.get(
    '/unpaid-work/projects/:id/change',
    { config: MANAGE, schema: { params: IdParams } },
    async (request, reply) => renderForm(reply, upw, ctxOf(request), { projectId: Number(request.params.id) }),
  )

  app.post(
    '/unpaid-work/projects/:id/change',
    { config: MANAGE, schema: { params: IdParams, body: Form } },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const id = Number(request.params.id)
      const body = request.body
      return submitForm(reply, () => upw.projects.change(ctx, id, parseProjectForm(body)), {
        rerender: errors => renderForm(reply, upw, ctx, { projectId: id }, { errors, body }),
        redirect: () => `${paths.project(id)}?done=changed`,
      })
    },
  )

  app.post(
    '/unpaid-work/projects/:id/complete',
    { config: MANAGE, schema: { params: IdParams, body: Form } },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const id = Number(request.params.id)
      return submitForm(reply, () => upw.projects.complete(ctx, id), {
        rerender: errors => renderProject(reply, upw, ctx, id, undefined, errors),
        redirect: () => `${paths.project(id)}?done=completed`,
      })
    },
  )
}
