import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { NotFoundError, type FieldError } from '../../errors.ts'
import { formBody, submitForm, type FormBody } from '../../web/forms.ts'
import { adminPaths } from '../../web/paths.ts'
import { ctxOf } from '../../web/request-context.ts'
import { CrnIdParams, CrnParams, textQuery } from '../../web/schemas.ts'
import { accessMessagesForm, managerChangeForm, newLimitationForm } from './forms.ts'
import { ADMIN, done } from './pages.ts'
import type { AdminService } from './service.ts'

type Options = { admin: AdminService }
type View = { crn: string; done?: string; values?: FormBody; errors?: FieldError[]; failed?: string }

async function managerPage(admin: AdminService, request: FastifyRequest, reply: FastifyReply, view: View) {
  const page = await admin.managerPage(ctxOf(request), view.crn)
  const values = view.values ?? {
    providerId: page.person.providerId ? String(page.person.providerId) : '',
    teamId: page.person.teamId ? String(page.person.teamId) : '',
    staffId: page.person.staffId ? String(page.person.staffId) : '',
  }
  return reply.render('admin/views/person-manager.njk', {
    pageTitle: `Case manager for ${page.person.crn}`,
    ...page,
    values,
    errors: view.errors,
    done: done(view.done),
  })
}

async function accessPage(admin: AdminService, request: FastifyRequest, reply: FastifyReply, view: View) {
  const page = await admin.accessPage(ctxOf(request), view.crn)
  const messages =
    view.failed === 'messages'
      ? view.values
      : {
          exclusionMessage: page.person.exclusionMessage ?? '',
          restrictionMessage: page.person.restrictionMessage ?? '',
        }
  const limit = view.failed === 'limit' ? view.values : {}
  return reply.render('admin/views/person-access.njk', {
    pageTitle: `Limited access for ${page.person.crn}`,
    ...page,
    messages,
    limit,
    errors: view.errors,
    done: done(view.done),
  })
}

/** Finding a person, and who manages them. */
const managerRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { admin }) => {
  app.get('/people', { config: ADMIN, schema: { querystring: textQuery(['crn'], 100) } }, async (request, reply) => {
    const crn = (request.query.crn ?? '').trim().toUpperCase()
    if (!crn) return reply.render('admin/views/people.njk', { pageTitle: 'Find a person' })
    const errors = /^[A-Z][0-9]{6}$/.test(crn)
      ? []
      : [{ field: 'crn', message: 'Enter a CRN in the correct format, like X100001' }]
    if (errors.length === 0) {
      try {
        const person = await admin.personSummary(ctxOf(request), crn)
        return reply.render('admin/views/people.njk', { pageTitle: 'Find a person', crn, person })
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error
        errors.push({ field: 'crn', message: `No person has the CRN ${crn}` })
      }
    }
    return reply.status(400).render('admin/views/people.njk', { pageTitle: 'Find a person', crn, errors })
  })

  app.get(
    '/people/:crn/manager',
    { config: ADMIN, schema: { params: CrnParams, querystring: textQuery(['done'], 100) } },
    async (request, reply) => managerPage(admin, request, reply, { crn: request.params.crn, done: request.query.done }),
  )

  app.post(
    '/people/:crn/manager',
    { config: ADMIN, schema: { params: CrnParams, body: formBody() } },
    async (request, reply) => {
      const { crn } = request.params
      return submitForm(reply, () => admin.changeManager(ctxOf(request), crn, managerChangeForm(request.body)), {
        rerender: errors => managerPage(admin, request, reply, { crn, values: request.body, errors }),
        redirect: () => `${adminPaths.manager(crn.toUpperCase())}?done=manager-changed`,
      })
    },
  )
}

/** Limited access: exclusions, restrictions and the messages shown to those kept out. */
const accessRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { admin }) => {
  const change = { config: ADMIN, schema: { params: CrnParams, body: formBody() } }

  app.get(
    '/people/:crn/access',
    { config: ADMIN, schema: { params: CrnParams, querystring: textQuery(['done'], 100) } },
    async (request, reply) => accessPage(admin, request, reply, { crn: request.params.crn, done: request.query.done }),
  )

  app.post('/people/:crn/access/limitations', change, async (request, reply) => {
    const { crn } = request.params
    return submitForm(reply, () => admin.addLimitation(ctxOf(request), crn, newLimitationForm(request.body)), {
      rerender: errors => accessPage(admin, request, reply, { crn, values: request.body, errors, failed: 'limit' }),
      redirect: () => `${adminPaths.access(crn.toUpperCase())}?done=limit-added`,
    })
  })

  app.post(
    '/people/:crn/access/limitations/:id/remove',
    { config: ADMIN, schema: { params: CrnIdParams, body: formBody() } },
    async (request, reply) => {
      const { crn, id } = request.params
      await admin.removeLimitation(ctxOf(request), crn, Number(id))
      return reply.redirect(`${adminPaths.access(crn.toUpperCase())}?done=limit-removed`, 303)
    },
  )

  app.post('/people/:crn/access/messages', change, async (request, reply) => {
    const { crn } = request.params
    return submitForm(reply, () => admin.setAccessMessages(ctxOf(request), crn, accessMessagesForm(request.body)), {
      rerender: errors => accessPage(admin, request, reply, { crn, values: request.body, errors, failed: 'messages' }),
      redirect: () => `${adminPaths.access(crn.toUpperCase())}?done=messages-saved`,
    })
  })
}

export const peopleRoutes: FastifyPluginAsyncTypebox<Options> = async (app, options) => {
  await managerRoutes(app, options)
  await accessRoutes(app, options)
}
