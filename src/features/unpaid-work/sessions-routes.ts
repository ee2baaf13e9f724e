import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import type { RequestContext } from '../../access/audit.ts'
import type { FieldError } from '../../errors.ts'
import { formBody, submitForm, type FormBody } from '../../web/forms.ts'
import { unpaidWorkPaths as paths } from '../../web/paths.ts'
import { ctxOf } from '../../web/request-context.ts'
import { Id, IdParams, textQuery } from '../../web/schemas.ts'
import type { UnpaidWorkService } from './service.ts'
import { parseAllocateForm, parseReasonForm, parseRecordForm, parseSessionForm } from './sessions-forms.ts'
import {
  allocateFormView,
  recordFormView,
  registerView,
  sessionFormView,
  sessionSummary,
} from './sessions-presenters.ts'

/**
 * Sessions' pages (issue 17 items 2–4): a new session of a project and allocating people (upw:manage), the register
 * `/unpaid-work/sessions/:id` (upw:read) with removing an allocation and standing the session down (upw:manage), and
 * the supervisor's one-column recording page `/unpaid-work/sessions/:sessionId/register/:allocationId` (upw:record).
 */

type Service = UnpaidWorkService
type Ids = { sessionId: number; allocationId: number }
const READ = { access: 'upw:read' } as const
const MANAGE = { access: 'upw:manage' } as const
const RECORD = { access: 'upw:record' } as const
const Form = formBody(5000)
const AllocationParams = Type.Object({ sessionId: Id, allocationId: Id })
const RemoveParams = Type.Object({ id: Id, allocationId: Id })

const DONE: Record<string, string> = {
  created: 'Session created',
  allocated: 'Allocated: the session is an appointment on their record',
  removed: 'Removed from the session',
  'stood-down': 'Session stood down: no one loses hours',
  recorded: 'Attendance recorded',
}

type SentBack = { errors: FieldError[]; body: FormBody }

async function renderSession(
  reply: FastifyReply,
  upw: Service,
  ctx: RequestContext,
  id: number,
  done?: string,
  sentBack?: SentBack,
) {
  const view = registerView(await upw.sessions.page(ctx, id))
  return reply.render('unpaid-work/views/session.njk', {
    pageTitle: `${view.session.title} – session`,
    done: done ? DONE[done] : undefined,
    errors: sentBack?.errors,
    standDownReason: sentBack?.body.standDownReason ?? '',
    ...view,
  })
}

async function renderNewSession(
  reply: FastifyReply,
  upw: Service,
  ctx: RequestContext,
  projectId: number,
  sentBack?: SentBack,
) {
  const form = await upw.sessions.newForm(ctx, projectId)
  return reply.render('unpaid-work/views/session-form.njk', {
    pageTitle: `New session – ${form.project.name}`,
    project: { name: form.project.name, href: paths.project(projectId) },
    action: paths.newSession(projectId),
    errors: sentBack?.errors,
    ...sessionFormView(form, sentBack?.body),
  })
}

async function renderAllocate(
  reply: FastifyReply,
  upw: Service,
  ctx: RequestContext,
  id: number,
  crn?: string,
  sentBack?: SentBack,
) {
  const form = await upw.sessions.allocateForm(ctx, id, crn)
  return reply.render('unpaid-work/views/allocate.njk', {
    pageTitle: `Allocate a person – ${form.session.project_name}`,
    session: sessionSummary(form.session),
    action: paths.allocate(id),
    errors: sentBack?.errors,
    ...allocateFormView(form, sentBack?.body),
  })
}

async function renderRecord(reply: FastifyReply, upw: Service, ctx: RequestContext, ids: Ids, sentBack?: SentBack) {
  const form = await upw.sessions.recording.form(ctx, ids)
  return reply.render('unpaid-work/views/record.njk', {
    pageTitle: `Record attendance – ${form.person.forename} ${form.person.surname}`,
    session: sessionSummary(form.session),
    person: { name: `${form.person.forename} ${form.person.surname}`, crn: form.person.crn },
    action: paths.record(ids.sessionId, ids.allocationId),
    errors: sentBack?.errors,
    ...recordFormView(form, sentBack?.body),
  })
}

function registerRoutes(app: Parameters<FastifyPluginAsyncTypebox<{ unpaidWork: Service }>>[0], upw: Service) {
  app.get(
    '/unpaid-work/sessions/:id',
    { config: READ, schema: { params: IdParams, querystring: textQuery(['done'], 40) } },
    async (request, reply) => renderSession(reply, upw, ctxOf(request), Number(request.params.id), request.query.done),
  )
  app.post(
    '/unpaid-work/sessions/:id/stand-down',
    { config: MANAGE, schema: { params: IdParams, body: Form } },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const id = Number(request.params.id)
      const body = request.body
      const command = parseReasonForm(body, 'standDownReason', 'Enter why the session is stood down')
      return submitForm(reply, () => upw.sessions.standDown(ctx, id, command), {
        rerender: errors => renderSession(reply, upw, ctx, id, undefined, { errors, body }),
        redirect: () => `${paths.session(id)}?done=stood-down`,
      })
    },
  )
  app.post(
    '/unpaid-work/sessions/:id/allocations/:allocationId/remove',
    { config: MANAGE, schema: { params: RemoveParams, body: Form } },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const ids = { sessionId: Number(request.params.id), allocationId: Number(request.params.allocationId) }
      const body = request.body
      const command = parseReasonForm(body, 'removeReason', 'Enter why they are removed from the session')
      return submitForm(reply, () => upw.sessions.removeAllocation(ctx, ids, command), {
        rerender: errors => renderSession(reply, upw, ctx, ids.sessionId, undefined, { errors, body }),
        redirect: () => `${paths.session(ids.sessionId)}?done=removed`,
      })
    },
  )
}

export const sessionsRoutes: FastifyPluginAsyncTypebox<{ unpaidWork: Service }> = async (app, { unpaidWork: upw }) => {
  app.get(
    '/unpaid-work/projects/:id/sessions/new',
    { config: MANAGE, schema: { params: IdParams } },
    async (request, reply) => renderNewSession(reply, upw, ctxOf(request), Number(request.params.id)),
  )
  app.post(
    '/unpaid-work/projects/:id/sessions/new',
    { config: MANAGE, schema: { params: IdParams, body: Form } },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const projectId = Number(request.params.id)
      const body = request.body
      return submitForm(reply, () => upw.sessions.create(ctx, projectId, parseSessionForm(body)), {
        rerender: errors => renderNewSession(reply, upw, ctx, projectId, { errors, body }),
        redirect: r => `${paths.session(r.sessionId)}?done=created`,
      })
    },
  )
  registerRoutes(app, upw)
  app.get(
    '/unpaid-work/sessions/:id/allocate',
    { config: MANAGE, schema: { params: IdParams, querystring: textQuery(['crn'], 10) } },
    async (request, reply) => renderAllocate(reply, upw, ctxOf(request), Number(request.params.id), request.query.crn),
  )
  app.post(
    '/unpaid-work/sessions/:id/allocate',
    { config: MANAGE, schema: { params: IdParams, body: Form } },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const id = Number(request.params.id)
      const body = request.body
      const command = parseAllocateForm(body)
      const crn = command.ok ? command.value.crn : undefined
      return submitForm(reply, () => upw.sessions.allocate(ctx, id, command), {
        rerender: errors => renderAllocate(reply, upw, ctx, id, crn, { errors, body }),
        redirect: () => `${paths.session(id)}?done=allocated`,
      })
    },
  )
  app.get(
    '/unpaid-work/sessions/:sessionId/register/:allocationId',
    { config: RECORD, schema: { params: AllocationParams } },
    async (request, reply) => {
      const ids = { sessionId: Number(request.params.sessionId), allocationId: Number(request.params.allocationId) }
      return renderRecord(reply, upw, ctxOf(request), ids)
    },
  )
  app.post(
    '/unpaid-work/sessions/:sessionId/register/:allocationId',
    { config: RECORD, schema: { params: AllocationParams, body: Form } },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const ids = { sessionId: Number(request.params.sessionId), allocationId: Number(request.params.allocationId) }
      const body = request.body
      return submitForm(reply, () => upw.sessions.recording.record(ctx, ids, parseRecordForm(body)), {
        rerender: errors => renderRecord(reply, upw, ctx, ids, { errors, body }),
        redirect: () => `${paths.session(ids.sessionId)}?done=recorded`,
      })
    },
  )
}
