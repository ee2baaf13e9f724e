import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FieldError } from '../../errors.ts'
import { formBody, submitForm, type FormBody } from '../../web/forms.ts'
import { adminPaths } from '../../web/paths.ts'
import { ctxOf } from '../../web/request-context.ts'
import { IdParams, textQuery } from '../../web/schemas.ts'
import { newPasswordForm, newUserForm, userChangeForm } from './forms.ts'
import { ADMIN, done } from './pages.ts'
import type { AdminService } from './service.ts'

type Options = { admin: AdminService }

/** The user page, with the details form as posted (when it failed) or as stored, and any errors. */
async function userPage(
  admin: AdminService,
  request: FastifyRequest,
  reply: FastifyReply,
  view: { id: number; done?: string; values?: FormBody; errors?: FieldError[]; failed?: string },
) {
  const { user: account, ...rest } = await admin.user(view.id)
  const values =
    view.failed === 'details'
      ? view.values
      : {
          displayName: account.displayName,
          staffId: account.staffId ? String(account.staffId) : '',
          roles: account.roles,
          partnerOrganisationId: account.partnerOrganisationId ? String(account.partnerOrganisationId) : '',
        }
  // `user` in a page is always the signed-in user (the layout's), so the account shown is `account`.
  return reply.render('admin/views/user.njk', {
    pageTitle: `User ${account.username}`,
    account,
    ...rest,
    values,
    errors: view.errors,
    failed: view.failed,
    isSelf: request.user?.id === account.id,
    done: done(view.done),
  })
}

/** The list of users and adding one. */
const userListRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { admin }) => {
  app.get('/users', { config: ADMIN, schema: { querystring: textQuery(['done'], 100) } }, async (request, reply) => {
    return reply.render('admin/views/users.njk', {
      pageTitle: 'Users',
      users: await admin.users(),
      done: done(request.query.done),
    })
  })

  const newUserPage = async (reply: FastifyReply, values: FormBody, errors?: FieldError[]) => {
    const { password: _p, confirmPassword: _c, ...kept } = values
    return reply.render('admin/views/user-new.njk', {
      pageTitle: 'Add a user',
      ...(await admin.userFormOptions()),
      values: kept,
      errors,
    })
  }

  app.get('/users/new', { config: ADMIN }, async (_request, reply) => newUserPage(reply, {}))

  app.post('/users', { config: ADMIN, schema: { body: formBody() } }, async (request, reply) => {
    return submitForm(reply, () => admin.createUser(ctxOf(request), newUserForm(request.body)), {
      rerender: errors => newUserPage(reply, request.body, errors),
      redirect: () => `${adminPaths.users}?done=user-created`,
    })
  })
}

/** One user: their details and roles, access to the service, and their password. */
const userAccountRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { admin }) => {
  const change = { config: ADMIN, schema: { params: IdParams, body: formBody() } }

  app.get(
    '/users/:id',
    { config: ADMIN, schema: { params: IdParams, querystring: textQuery(['done'], 100) } },
    async (request, reply) =>
      userPage(admin, request, reply, { id: Number(request.params.id), done: request.query.done }),
  )

  app.post('/users/:id', change, async (request, reply) => {
    const id = Number(request.params.id)
    return submitForm(reply, () => admin.updateUser(ctxOf(request), id, userChangeForm(request.body)), {
      rerender: errors => userPage(admin, request, reply, { id, values: request.body, errors, failed: 'details' }),
      redirect: () => `${adminPaths.user(id)}?done=user-updated`,
    })
  })

  app.post('/users/:id/disable', change, async (request, reply) => {
    const id = Number(request.params.id)
    await admin.setUserActive(ctxOf(request), id, false)
    return reply.redirect(`${adminPaths.user(id)}?done=user-disabled`, 303)
  })

  app.post('/users/:id/enable', change, async (request, reply) => {
    const id = Number(request.params.id)
    await admin.setUserActive(ctxOf(request), id, true)
    return reply.redirect(`${adminPaths.user(id)}?done=user-enabled`, 303)
  })

  app.post('/users/:id/unlock', change, async (request, reply) => {
    const id = Number(request.params.id)
    await admin.unlockUser(ctxOf(request), id)
    return reply.redirect(`${adminPaths.user(id)}?done=user-unlocked`, 303)
  })

  app.post('/users/:id/password', change, async (request, reply) => {
    const id = Number(request.params.id)
    return submitForm(reply, () => admin.resetPassword(ctxOf(request), id, newPasswordForm(request.body)), {
      rerender: errors => userPage(admin, request, reply, { id, errors, failed: 'password' }),
      redirect: () => `${adminPaths.user(id)}?done=password-reset`,
    })
  })
}

export const userRoutes: FastifyPluginAsyncTypebox<Options> = async (app, options) => {
  await userListRoutes(app, options)
  await userAccountRoutes(app, options)
}
