import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import type { RequestContext } from '../../access/audit.ts'
import type { FieldError } from '../../errors.ts'
import { formBody, submitForm, text, type FormBody } from '../../web/forms.ts'
import { victimsPaths } from '../../web/paths.ts'
import { ctxOf } from '../../web/request-context.ts'
import { Id, textQuery } from '../../web/schemas.ts'
import {
  onPage,
  parseContactForm,
  parseDecisionForm,
  parseDetailsForm,
  parseOfficerForm,
  parseReferralForm,
} from './forms.ts'
import { detailsFormView, referralView, victimView, workListView } from './presenters.ts'
import type { VictimsService } from './service.ts'
import { taskView, victimExtrasView } from './tasks-presenters.ts'
import { victimEventRoutes } from './tasks-routes.ts'

/**
 * Victim Contact Scheme pages, all under `/victims` (never `/people/:crn`, whose looks the offender's "who has looked"
 * page lists): the work list, the referral form, the victim's page with its forms (opt in or out, officer, contact)
 * and the change details page. `victim:read` to read, `victim:write` to change; the service refuses another
 * provider's victims and a conflict of interest, and writes each audit row (no person id, no victim's name).
 */

type Options = { victims: VictimsService }
type App = Parameters<FastifyPluginAsyncTypebox<Options>>[0]

/** A victim's id in the path, for this feature's routes (`/victims/:victimId…`). */
export const VictimParams = Type.Object({ victimId: Id })
const READ = { access: 'victim:read' } as const
const WRITE = { access: 'victim:write' } as const
const VIEWED = { writtenBy: 'service', action: 'VICTIM_VIEW' } as const
const Form = formBody(10_000)
const PageQuery = textQuery(['done'], 40)

const DONE: Record<string, string> = {
  referral: 'Referral recorded',
  details: 'Contact details and wishes saved',
  decision: 'Decision recorded',
  officer: 'Victim liaison officer assigned',
  contact: 'Contact recorded',
}

async function renderVictim(
  reply: FastifyReply,
  victims: VictimsService,
  ctx: RequestContext,
  victimId: number,
  sentBack?: { form: string; errors: FieldError[]; body: FormBody },
  done?: string,
) {
  await victims.tasks.make()
  const view = victimView(await victims.record(ctx, victimId), sentBack)
  const extras = victimExtrasView(victimId, await victims.tasks.victimExtras(ctx, victimId))
  return reply.render('victims/views/victim.njk', {
    pageTitle: `Victim – ${view.name}`,
    errors: sentBack ? onPage(sentBack.errors) : undefined,
    done: done ? DONE[done] : undefined,
    ...view,
    extras,
  })
}

async function renderReferral(
  reply: FastifyReply,
  victims: VictimsService,
  ctx: RequestContext,
  crn: string,
  sentBack?: { errors: FieldError[]; body: FormBody },
) {
  const offender = crn ? await victims.offenderForReferral(ctx, crn) : null
  return reply.render('victims/views/referral.njk', {
    pageTitle: 'Record a victim referral',
    errors: sentBack ? onPage(sentBack.errors) : undefined,
    ...referralView(offender, crn.trim().toUpperCase(), sentBack?.body),
  })
}

export const victimsRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { victims }) => {
  app.get('/victims', { config: READ }, async (request, reply) => {
    const ctx = ctxOf(request)
    await victims.tasks.make()
    const list = await victims.workList(ctx)
    const tasks = (await victims.tasks.workList(ctx)).map(t => taskView(t, victims.tasks.today()))
    return reply.render('victims/views/work-list.njk', {
      pageTitle: 'Victim liaison work list',
      ...workListView(list, tasks),
    })
  })
  referralRoutes(app, victims)
  app.get(
    '/victims/:victimId',
    { config: { ...READ, audit: VIEWED }, schema: { params: VictimParams, querystring: PageQuery } },
    async (request, reply) =>
      renderVictim(reply, victims, ctxOf(request), Number(request.params.victimId), undefined, request.query.done),
  )
  detailsRoutes(app, victims)
  victimFormRoutes(app, victims)
  victimEventRoutes(app, victims)
}

function referralRoutes(app: App, victims: VictimsService) {
  app.get(
    '/victims/referrals/new',
    { config: WRITE, schema: { querystring: textQuery(['crn'], 20) } },
    async (request, reply) => renderReferral(reply, victims, ctxOf(request), request.query.crn ?? ''),
  )
  app.post('/victims/referrals', { config: WRITE, schema: { body: Form } }, async (request, reply) => {
    const ctx = ctxOf(request)
    const body = request.body
    return submitForm(reply, () => victims.recordReferral(ctx, parseReferralForm(body), 'form'), {
      rerender: errors => renderReferral(reply, victims, ctx, text(body, 'crn'), { errors, body }),
      redirect: r => `${victimsPaths.victim(r.victimId)}?done=referral`,
    })
  })
}

function detailsRoutes(app: App, victims: VictimsService) {
  const page = async (
    reply: FastifyReply,
    ctx: RequestContext,
    id: number,
    sentBack?: { errors: FieldError[]; body: FormBody },
  ) =>
    reply.render('victims/views/details-form.njk', {
      pageTitle: 'Change contact details and wishes',
      errors: sentBack?.errors,
      ...detailsFormView(await victims.record(ctx, id), sentBack?.body),
    })
  app.get(
    '/victims/:victimId/details',
    { config: { ...WRITE, audit: VIEWED }, schema: { params: VictimParams } },
    async (request, reply) => page(reply, ctxOf(request), Number(request.params.victimId)),
  )
  app.post(
    '/victims/:victimId/details',
    { config: WRITE, schema: { params: VictimParams, body: Form } },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const id = Number(request.params.victimId)
      const body = request.body
      return submitForm(reply, () => victims.changeDetails(ctx, id, parseDetailsForm(body)), {
        rerender: errors => page(reply, ctx, id, { errors, body }),
        redirect: r => `${victimsPaths.victim(r.victimId)}?done=details#details`,
      })
    },
  )
}

/** The victim page's forms: each posts to its own path and answers with the page (errors) or a redirect to it. */
const VICTIM_FORMS: readonly {
  path: string
  form: string
  anchor: string
  submit: (v: VictimsService, ctx: RequestContext, id: number, body: FormBody) => Promise<{ victimId: number }>
}[] = [
  {
    path: '/victims/:victimId/decisions',
    form: 'decision',
    anchor: 'decisions',
    submit: (v, ctx, id, body) => v.recordDecision(ctx, id, parseDecisionForm(body)),
  },
  {
    path: '/victims/:victimId/officer',
    form: 'officer',
    anchor: 'officer',
    submit: (v, ctx, id, body) => v.assignOfficer(ctx, id, parseOfficerForm(body)),
  },
  {
    path: '/victims/:victimId/contacts',
    form: 'contact',
    anchor: 'contacts',
    submit: (v, ctx, id, body) => v.recordContact(ctx, id, parseContactForm(body)),
  },
]

function victimFormRoutes(app: App, victims: VictimsService) {
  for (const f of VICTIM_FORMS) {
    app.post(f.path, { config: WRITE, schema: { params: VictimParams, body: Form } }, async (request, reply) => {
      const ctx = ctxOf(request)
      const id = Number(request.params.victimId)
      const body = request.body
      return submitForm(reply, () => f.submit(victims, ctx, id, body), {
        rerender: errors => renderVictim(reply, victims, ctx, id, { form: f.form, errors, body }),
        redirect: r => `${victimsPaths.victim(r.victimId)}?done=${f.form}#${f.anchor}`,
      })
    })
  }
}
