import type { FastifyPluginAsync } from 'fastify'
import type { Kysely } from 'kysely'
import type { Config } from '../../config.ts'
import type { Database } from '../../db/schema.ts'
import { ValidationError } from '../../errors.ts'
import { endSession, SESSION_COOKIE, startSession } from '../../web/plugins/authentication.ts'
import { ctxOf, safeReturnTo } from '../../web/request-context.ts'
import type { SignInService } from './service.ts'

const str = { type: 'string', maxLength: 1000 } as const

export const signInRoutes: FastifyPluginAsync<{ signIn: SignInService; db: Kysely<Database>; config: Config }> = async (
  app,
  { signIn, db, config },
) => {
  app.get(
    '/sign-in',
    { config: { access: 'public' }, schema: { querystring: { type: 'object', properties: { returnTo: str } } } },
    async (request, reply) => {
      if (request.user) return reply.redirect('/')
      const { returnTo } = request.query as { returnTo?: string }
      return reply.render('sign-in/views/sign-in.njk', { pageTitle: 'Sign in', returnTo: safeReturnTo(returnTo) })
    },
  )

  app.post(
    '/sign-in',
    {
      // Throttle by address on top of the per-account lockout in the service.
      config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: { body: { type: 'object', properties: { username: str, password: str, returnTo: str, _csrf: str } } },
    },
    async (request, reply) => {
      const { username = '', password = '', returnTo } = request.body as Record<string, string | undefined>
      const errors = []
      if (!username.trim()) errors.push({ field: 'username', message: 'Enter your username' })
      if (!password) errors.push({ field: 'password', message: 'Enter your password' })
      if (errors.length === 0) {
        const result = await signIn.signIn(username.trim(), password, ctxOf(request))
        if (result.ok) {
          await startSession(db, config, request, reply, result.userId)
          return reply.redirect(safeReturnTo(returnTo))
        }
        errors.push({ field: 'username', message: result.message })
      }
      return reply.status(400).render('sign-in/views/sign-in.njk', {
        pageTitle: 'Sign in',
        errors,
        username,
        returnTo: safeReturnTo(returnTo),
      })
    },
  )

  app.post('/sign-out', { config: { access: 'public' } }, async (request, reply) => {
    if (request.session) await endSession(db, request.session.idHash)
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return reply.redirect('/sign-in?signedOut=1')
  })

  app.get('/account', { config: { access: 'signed-in' } }, async (request, reply) => {
    return reply.render('sign-in/views/account.njk', { pageTitle: 'Your account' })
  })

  app.post('/account/sign-out-everywhere', { config: { access: 'signed-in' } }, async (request, reply) => {
    await signIn.signOutEverywhere(request.user!.id, ctxOf(request))
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return reply.redirect('/sign-in')
  })

  app.post(
    '/account/password',
    {
      config: { access: 'signed-in' },
      schema: {
        body: {
          type: 'object',
          properties: { currentPassword: str, newPassword: str, confirmPassword: str, _csrf: str },
        },
      },
    },
    async (request, reply) => {
      const body = request.body as Record<string, string | undefined>
      try {
        await signIn.changePassword(
          request.user!.id,
          body.currentPassword ?? '',
          body.newPassword ?? '',
          body.confirmPassword ?? '',
          ctxOf(request),
        )
      } catch (error) {
        if (error instanceof ValidationError) {
          return reply
            .status(400)
            .render('sign-in/views/account.njk', { pageTitle: 'Your account', errors: error.errors })
        }
        throw error
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' })
      return reply.redirect('/sign-in?passwordChanged=1')
    },
  )
}
