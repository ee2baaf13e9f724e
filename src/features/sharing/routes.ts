import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import type { FieldError } from '../../errors.ts'
import { formBody, submitForm, text, type FormBody } from '../../web/forms.ts'
import { sharingPaths } from '../../web/paths.ts'
import { ctxOf } from '../../web/request-context.ts'
import { Crn, CrnIdParams, CrnParams } from '../../web/schemas.ts'
import { MAX_REASON, readAskForm, readDecisionForm, readUrgentForm, readWithdrawForm } from './forms.ts'
import { accessPageView, grantView } from './presenters.ts'
import type { SharingService } from './service.ts'

/**
 * Need-to-know sharing's pages. Asking (and urgent access) is about a record the asker cannot read, so those pages
 * are not `:crn` routes (the guard would refuse them) and show nothing of the person but the CRN. Deciding,
 * withdrawing and the record's access page are `:crn` routes; the service applies `canDecideAccess`.
 */

type SharingRoutes = FastifyPluginAsyncTypebox<{ sharing: SharingService }>

const CrnQuery = Type.Object({ crn: Crn })
const DoneQuery = Type.Object({ done: Type.Optional(Type.String({ maxLength: 40 })) })
const idOf = (request: { params: { id: string } }) => Number(request.params.id)

/** Confirmations after a change (post/redirect/get), keyed so nothing typed is echoed from the URL. */
const DONE: Record<string, string> = {
  asked: 'Your request has been sent to the case manager and their senior',
  granted: 'Access granted',
  refused: 'Request refused',
  withdrawn: 'Access withdrawn',
  acknowledged: 'Urgent access acknowledged',
}

const askingRoutes: SharingRoutes = async (app, { sharing }) => {
  const askForm = async (reply: FastifyReply, crn: string, values: FormBody = {}, errors?: FieldError[]) => {
    // A malformed CRN sent back is the form's own error (shown by the summary): nothing to look up.
    if (crn && (await sharing.askPage(ctxOf(reply.request), crn)).mayRead) return reply.redirect(`/people/${crn}`)
    return reply.render('sharing/views/ask.njk', { pageTitle: 'Ask for access', crn, values, errors, MAX_REASON })
  }
  app.get(
    '/sharing/requests/new',
    { config: { access: 'person:read' }, schema: { querystring: CrnQuery } },
    (r, reply) => askForm(reply, r.query.crn.toUpperCase()),
  )
  app.post('/sharing/requests', { config: { access: 'person:read' }, schema: { body: formBody() } }, (r, reply) =>
    submitForm(reply, () => sharing.askForAccess(ctxOf(r), readAskForm(r.body)), {
      rerender: errors => askForm(reply, validCrn(r.body), r.body, errors),
      redirect: result => (result.grantId === null ? `/people/${result.crn}` : `${sharingPaths.mine}?done=asked`),
    }),
  )

  const urgentForm = async (reply: FastifyReply, crn: string, values: FormBody = {}, errors?: FieldError[]) => {
    if (crn && (await sharing.askPage(ctxOf(reply.request), crn)).mayRead) return reply.redirect(`/people/${crn}`)
    return reply.render('sharing/views/urgent.njk', { pageTitle: 'Urgent access', crn, values, errors, MAX_REASON })
  }
  app.get('/sharing/urgent/new', { config: { access: 'person:read' }, schema: { querystring: CrnQuery } }, (r, reply) =>
    urgentForm(reply, r.query.crn.toUpperCase()),
  )
  app.post('/sharing/urgent', { config: { access: 'person:read' }, schema: { body: formBody() } }, (r, reply) =>
    submitForm(reply, () => sharing.urgentAccess(ctxOf(r), readUrgentForm(r.body)), {
      rerender: errors => urgentForm(reply, validCrn(r.body), r.body, errors),
      redirect: result => `/people/${result.crn}`,
    }),
  )

  app.get(
    '/sharing/mine',
    { config: { access: 'person:read' }, schema: { querystring: DoneQuery } },
    async (r, reply) => {
      const page = await sharing.ownRequests(ctxOf(r))
      return reply.render('sharing/views/mine.njk', {
        pageTitle: 'Your requests for access',
        rows: page.rows.map(g => grantView(g, page.now)),
        done: DONE[r.query.done ?? ''],
      })
    },
  )
}

/** The CRN of a form sent back with errors: re-rendering needs one, and a malformed one is the CRN field's error. */
function validCrn(body: FormBody): string {
  const crn = text(body, 'crn').toUpperCase()
  return /^[A-Z][0-9]{6}$/.test(crn) ? crn : ''
}

const listRoutes: SharingRoutes = async (app, { sharing }) => {
  app.get('/sharing/decisions', { config: { access: 'person:update' } }, async (request, reply) => {
    const page = await sharing.awaitingDecision(ctxOf(request))
    return reply.render('sharing/views/decisions.njk', {
      pageTitle: 'Access needing your decision',
      pending: page.pending.map(g => grantView(g)),
      urgent: page.urgent.map(g => grantView(g)),
      paths: sharingPaths,
    })
  })
  app.get('/sharing/urgent', { config: { access: 'person:audit' } }, async (request, reply) => {
    const page = await sharing.urgentAccesses(ctxOf(request))
    return reply.render('sharing/views/urgent-list.njk', {
      pageTitle: 'Urgent accesses',
      rows: page.rows.map(g => grantView(g, page.now)),
    })
  })
}

const recordRoutes: SharingRoutes = async (app, { sharing }) => {
  app.get(
    '/people/:crn/access',
    {
      config: { access: 'person:read', audit: { action: 'PERSON_VIEW', page: 'access' } },
      schema: { params: CrnParams, querystring: DoneQuery },
    },
    async (request, reply) => {
      const page = await sharing.accessPage(ctxOf(request), request.params.crn.toUpperCase())
      return reply.render('sharing/views/access.njk', {
        pageTitle: 'Who can see this record',
        ...accessPageView(page),
        done: DONE[request.query.done ?? ''],
        paths: sharingPaths,
      })
    },
  )

  const decisionForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    crn: string,
    id: number,
    values: FormBody = {},
    errors?: FieldError[],
  ) => {
    const page = await sharing.decisionPage(ctxOf(request), crn, id)
    return reply.render('sharing/views/decision.njk', {
      pageTitle: 'Decide on a request for access',
      crn,
      grant: grantView(page.grant),
      grantDays: page.grantDays,
      values,
      errors,
      MAX_REASON,
      paths: sharingPaths,
    })
  }
  const requestUrl = '/people/:crn/access/requests/:id'
  app.get(
    requestUrl,
    {
      config: { access: 'person:update', audit: { action: 'PERSON_VIEW', page: 'access-request' } },
      schema: { params: CrnIdParams },
    },
    (request, reply) => decisionForm(request, reply, request.params.crn.toUpperCase(), idOf(request)),
  )
  app.post(
    requestUrl,
    { config: { access: 'person:update' }, schema: { params: CrnIdParams, body: formBody() } },
    (request, reply) => {
      const crn = request.params.crn.toUpperCase()
      const id = idOf(request)
      return submitForm(reply, () => sharing.decide(ctxOf(request), crn, id, readDecisionForm(request.body)), {
        rerender: errors => decisionForm(request, reply, crn, id, request.body, errors),
        redirect: result => `${sharingPaths.access(crn)}?done=${result.decision === 'grant' ? 'granted' : 'refused'}`,
      })
    },
  )
  app.post(
    '/people/:crn/access/grants/:id/withdraw',
    { config: { access: 'person:update' }, schema: { params: CrnIdParams, body: formBody() } },
    async (request, reply) => {
      const crn = request.params.crn.toUpperCase()
      await sharing.withdraw(ctxOf(request), crn, idOf(request), readWithdrawForm(request.body))
      return reply.redirect(`${sharingPaths.access(crn)}?done=withdrawn`, 303)
    },
  )
  app.post(
    '/people/:crn/access/grants/:id/acknowledge',
    { config: { access: 'person:update' }, schema: { params: CrnIdParams, body: formBody() } },
    async (request, reply) => {
      const crn = request.params.crn.toUpperCase()
      await sharing.acknowledge(ctxOf(request), crn, idOf(request))
      return reply.redirect(`${sharingPaths.access(crn)}?done=acknowledged`, 303)
    },
  )
}

export const sharingRoutes: SharingRoutes = async (app, options) => {
  await app.register(askingRoutes, options)
  await app.register(listRoutes, options)
  await app.register(recordRoutes, options)
}
