import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { ValidationError, type FieldError } from '../../errors.ts'
import { formBody, type FormBody } from '../../web/forms.ts'
import { adminPaths } from '../../web/paths.ts'
import { ctxOf } from '../../web/request-context.ts'
import { IdParams, textQuery } from '../../web/schemas.ts'
import { newApiTokenForm } from './forms.ts'
import { ADMIN, done } from './pages.ts'
import type { AdminService } from './service.ts'

/** API tokens for other systems: the list, issuing one (shown once), rotating its secret and revoking one. */
export const apiTokenRoutes: FastifyPluginAsyncTypebox<{ admin: AdminService }> = async (app, { admin }) => {
  app.get(
    '/api-tokens',
    { config: ADMIN, schema: { querystring: textQuery(['done'], 100) } },
    async (request, reply) => {
      return reply.render('admin/views/api-tokens.njk', {
        pageTitle: 'API tokens',
        tokens: await admin.apiTokens(),
        done: done(request.query.done),
      })
    },
  )

  const tokenForm = async (reply: FastifyReply, values: FormBody, errors?: FieldError[]) =>
    reply.render('admin/views/api-token-new.njk', {
      pageTitle: 'Issue an API token',
      ...(await admin.apiTokenFormOptions()),
      values,
      errors,
    })

  app.get('/api-tokens/new', { config: ADMIN }, async (_request, reply) => tokenForm(reply, {}))

  // Not submitForm: a new token is shown once on the answer itself (201), never behind a redirect.
  app.post('/api-tokens', { config: ADMIN, schema: { body: formBody() } }, async (request, reply) => {
    try {
      const issued = await admin.issueApiToken(ctxOf(request), newApiTokenForm(request.body))
      // Shown once, never stored: the response is not cached (cache-control: no-store on every page).
      return reply.status(201).render('admin/views/api-token-created.njk', { pageTitle: 'API token issued', issued })
    } catch (error) {
      if (error instanceof ValidationError) return tokenForm(reply.status(400), request.body, error.errors)
      throw error
    }
  })

  // A new secret for the token, shown once like a new token; the old secret stops at once.
  app.post(
    '/api-tokens/:id/rotate',
    { config: ADMIN, schema: { params: IdParams, body: formBody() } },
    async (request, reply) => {
      const issued = await admin.rotateApiToken(ctxOf(request), Number(request.params.id))
      return reply
        .status(201)
        .render('admin/views/api-token-created.njk', { pageTitle: 'API token rotated', issued, rotated: true })
    },
  )

  app.post(
    '/api-tokens/:id/revoke',
    { config: ADMIN, schema: { params: IdParams, body: formBody() } },
    async (request, reply) => {
      await admin.revokeApiToken(ctxOf(request), Number(request.params.id))
      return reply.redirect(`${adminPaths.apiTokens}?done=token-revoked`, 303)
    },
  )
}
