import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import type { RequestContext } from '../../access/audit.ts'
import type { FieldError } from '../../errors.ts'
import { datePartsFor, formBody, isoDateFrom, submitForm, text, type FormBody } from '../../web/forms.ts'
import { formatDateTime } from '../../web/filters.ts'
import { victimsPaths } from '../../web/paths.ts'
import { ctxOf } from '../../web/request-context.ts'
import { Id, textQuery } from '../../web/schemas.ts'
import { VICTIM_CONDITIONS } from './conditions-rules.ts'
import { letterKindText } from './letters-pdf.ts'
import type { VictimsService } from './service.ts'
import { NOTE_MAX } from './shared-notes.ts'
import { conditionRequestView, taskView } from './tasks-presenters.ts'

/**
 * The victims pages for tasks, letters, condition requests and shared notes, all under `/victims/:victimId/…`:
 * `victim:read` to read, `victim:write` to change. The service checks the victim (another provider's, a conflict of
 * interest) and writes each audit row (no person id, no victim's name).
 */

type Victims = VictimsService
type App = Parameters<FastifyPluginAsyncTypebox<{ victims: Victims }>>[0]

const Victim = Type.Object({ victimId: Id })
const VictimTask = Type.Object({ victimId: Id, taskId: Id })
const VictimLetter = Type.Object({ victimId: Id, letterId: Id })
const VictimRequest = Type.Object({ victimId: Id, requestId: Id })
const READ = { access: 'victim:read' } as const
const WRITE = { access: 'victim:write' } as const
const seen = (action: string) => ({ writtenBy: 'service', action }) as const
const Form = formBody(5_000)
const Done = textQuery(['done'], 40)

type SentBack = { errors: FieldError[]; body: FormBody }

function taskRoutes(app: App, victims: Victims) {
  const page = async (
    reply: FastifyReply,
    ctx: RequestContext,
    id: number,
    taskId: number,
    back?: SentBack,
    done?: boolean,
  ) => {
    const { victim, task } = await victims.tasks.page(ctx, id, taskId)
    const view = taskView(task, victims.tasks.today())
    return reply.render('victims/views/tasks-task.njk', {
      pageTitle: `Task – ${view.heading}`,
      errors: back?.errors,
      done: done ? 'Task done' : undefined,
      victimHref: victimsPaths.victim(id),
      victimName: `${victim.forename} ${victim.surname}`,
      task: view,
      action: victimsPaths.task(id, taskId),
      values: {
        completedOn: datePartsFor(back?.body, 'completedOn', victims.tasks.today()),
        notes: text(back?.body, 'notes'),
      },
    })
  }
  app.get(
    '/victims/:victimId/tasks/:taskId',
    { config: { ...READ, audit: seen('VICTIM_TASK_VIEW') }, schema: { params: VictimTask, querystring: Done } },
    (request, reply) =>
      page(
        reply,
        ctxOf(request),
        Number(request.params.victimId),
        Number(request.params.taskId),
        undefined,
        !!request.query.done,
      ),
  )
  app.post(
    '/victims/:victimId/tasks/:taskId',
    { config: WRITE, schema: { params: VictimTask, body: Form } },
    (request, reply) => {
      const ctx = ctxOf(request)
      const [id, taskId] = [Number(request.params.victimId), Number(request.params.taskId)]
      const body = request.body
      const input = { completedOn: isoDateFrom(body, 'completedOn'), notes: text(body, 'notes') }
      return submitForm(reply, () => victims.tasks.complete(ctx, id, taskId, input), {
        rerender: errors => page(reply, ctx, id, taskId, { errors, body }),
        redirect: () => `${victimsPaths.task(id, taskId)}?done=1`,
      })
    },
  )
}

function letterRoutes(app: App, victims: Victims) {
  const page = async (reply: FastifyReply, ctx: RequestContext, id: number, back?: SentBack, done?: boolean) => {
    const m = await victims.letters.page(ctx, id)
    return reply.render('victims/views/letters.njk', {
      pageTitle: 'Letters to the victim',
      errors: back?.errors,
      done: done ? 'Letter created and recorded as a contact' : undefined,
      victimHref: victimsPaths.victim(id),
      victimName: `${m.victim.forename} ${m.victim.surname}`,
      refusal: m.refusal,
      kinds: m.kinds.map(k => ({ value: k.value, text: k.text, checked: text(back?.body, 'kind') === k.value })),
      letters: m.letters.map(l => ({
        kind: letterKindText(l.kind),
        created: formatDateTime(l.created_at),
        by: l.created_by_name ?? '',
        href: victimsPaths.letter(id, l.id),
      })),
      action: victimsPaths.letters(id),
    })
  }
  app.get(
    '/victims/:victimId/letters',
    { config: { ...READ, audit: seen('VICTIM_LETTERS_VIEW') }, schema: { params: Victim, querystring: Done } },
    (request, reply) => page(reply, ctxOf(request), Number(request.params.victimId), undefined, !!request.query.done),
  )
  app.post(
    '/victims/:victimId/letters',
    { config: WRITE, schema: { params: Victim, body: Form } },
    (request, reply) => {
      const ctx = ctxOf(request)
      const id = Number(request.params.victimId)
      const body = request.body
      return submitForm(reply, () => victims.letters.send(ctx, id, text(body, 'kind')), {
        rerender: errors => page(reply, ctx, id, { errors, body }),
        redirect: () => `${victimsPaths.letters(id)}?done=sent`,
      })
    },
  )
  app.get(
    '/victims/:victimId/letters/:letterId',
    { config: { ...READ, audit: seen('VICTIM_LETTER_DOWNLOAD') }, schema: { params: VictimLetter } },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const { filename, bytes } = await victims.letters.pdf(
        ctx,
        Number(request.params.victimId),
        Number(request.params.letterId),
      )
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(bytes)
    },
  )
}

function conditionRoutes(app: App, victims: Victims) {
  const page = async (reply: FastifyReply, ctx: RequestContext, id: number, back?: SentBack, done?: string) => {
    const m = await victims.conditions.page(ctx, id)
    return reply.render('victims/views/conditions.njk', {
      pageTitle: 'Victim-related licence conditions',
      errors: back?.errors,
      done: done === 'withdrawn' ? 'Request withdrawn' : done ? 'Condition requested' : undefined,
      victimHref: victimsPaths.victim(id),
      victimName: `${m.victim.forename} ${m.victim.surname}`,
      requests: m.requests.map(r => ({
        ...conditionRequestView(r),
        withdraw: victimsPaths.withdrawCondition(id, r.id),
      })),
      kinds: VICTIM_CONDITIONS.map(k => ({
        value: k.code,
        text: k.title,
        checked: text(back?.body, 'code') === k.code,
      })),
      wording: text(back?.body, 'wording'),
      action: victimsPaths.conditions(id),
    })
  }
  app.get(
    '/victims/:victimId/conditions',
    { config: { ...READ, audit: seen('VICTIM_CONDITIONS_VIEW') }, schema: { params: Victim, querystring: Done } },
    (request, reply) => page(reply, ctxOf(request), Number(request.params.victimId), undefined, request.query.done),
  )
  app.post(
    '/victims/:victimId/conditions',
    { config: WRITE, schema: { params: Victim, body: Form } },
    (request, reply) => {
      const ctx = ctxOf(request)
      const id = Number(request.params.victimId)
      const body = request.body
      const input = { code: text(body, 'code'), wording: text(body, 'wording') }
      return submitForm(reply, () => victims.conditions.request(ctx, id, input), {
        rerender: errors => page(reply, ctx, id, { errors, body }),
        redirect: () => `${victimsPaths.conditions(id)}?done=requested`,
      })
    },
  )
  app.post(
    '/victims/:victimId/conditions/:requestId/withdraw',
    { config: WRITE, schema: { params: VictimRequest, body: Form } },
    (request, reply) => {
      const ctx = ctxOf(request)
      const id = Number(request.params.victimId)
      return submitForm(reply, () => victims.conditions.withdraw(ctx, id, Number(request.params.requestId)), {
        rerender: errors => page(reply, ctx, id, { errors, body: {} }),
        redirect: () => `${victimsPaths.conditions(id)}?done=withdrawn`,
      })
    },
  )
}

function shareRoutes(app: App, victims: Victims) {
  const page = async (reply: FastifyReply, ctx: RequestContext, id: number, back?: SentBack, done?: boolean) => {
    const m = await victims.sharedNotes.page(ctx, id)
    const choice = text(back?.body, 'choice')
    return reply.render('victims/views/shared-notes.njk', {
      pageTitle: 'Share a note with the offender’s manager',
      errors: back?.errors,
      done: done ? 'Note shared with the offender’s manager' : undefined,
      victimHref: victimsPaths.victim(id),
      victimName: `${m.victim.forename} ${m.victim.surname}`,
      offender: `${m.victim.offender_forename} ${m.victim.offender_surname} (${m.victim.crn})`,
      notes: m.notes.map(n => ({ note: n.note, sharedAt: formatDateTime(n.shared_at) })),
      choices: m.standardNotes.map(n => ({ value: n.value, text: n.text, checked: choice === n.value })),
      otherChecked: choice === 'other',
      noteText: text(back?.body, 'text'),
      noteMax: NOTE_MAX,
      action: victimsPaths.share(id),
    })
  }
  app.get(
    '/victims/:victimId/share',
    { config: { ...READ, audit: seen('VICTIM_SHARED_NOTES_VIEW') }, schema: { params: Victim, querystring: Done } },
    (request, reply) => page(reply, ctxOf(request), Number(request.params.victimId), undefined, !!request.query.done),
  )
  app.post('/victims/:victimId/share', { config: WRITE, schema: { params: Victim, body: Form } }, (request, reply) => {
    const ctx = ctxOf(request)
    const id = Number(request.params.victimId)
    const body = request.body
    const input = { choice: text(body, 'choice'), text: text(body, 'text') }
    return submitForm(reply, () => victims.sharedNotes.share(ctx, id, input), {
      rerender: errors => page(reply, ctx, id, { errors, body }),
      redirect: () => `${victimsPaths.share(id)}?done=shared`,
    })
  })
}

/** Registers the tasks, letters, condition requests and shared notes pages (called from `victimsRoutes`). */
export function victimEventRoutes(app: App, victims: Victims) {
  taskRoutes(app, victims)
  letterRoutes(app, victims)
  conditionRoutes(app, victims)
  shareRoutes(app, victims)
}
