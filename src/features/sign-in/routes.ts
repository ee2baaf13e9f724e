import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import type { CurrentUser } from '../../access/current-user.ts'
import type { Config } from '../../config.ts'
import { UnauthenticatedError, ValidationError, type FieldError } from '../../errors.ts'
import { SESSION_COOKIE, sessionBrowser, setSessionCookie } from '../../web/plugins/authentication.ts'
import { ctxOf, safeReturnTo } from '../../web/request-context.ts'
import type { SignInService } from './service.ts'

const str = Type.Optional(Type.String({ maxLength: 1000 }))
const SignInQuery = Type.Object({ returnTo: str })
const SignInBody = Type.Object({ username: str, password: str, returnTo: str, _csrf: str })
const PasswordBody = Type.Object({ currentPassword: str, newPassword: str, confirmPassword: str, _csrf: str })

type Options = { signIn: SignInService; config: Config }

/** The signed-in user of an `access: 'signed-in'` route (the access guard has already turned anyone else away). */
function signedIn(request: FastifyRequest): CurrentUser {
  if (!request.user) throw new UnauthenticatedError()
  return request.user
}

/** Signing in and out. */
const signInPages: FastifyPluginAsyncTypebox<Options> = async (app, { signIn, config }) => {
  app.get(
    '/sign-in',
    { config: { access: 'public' }, schema: { querystring: SignInQuery } },
    async (request, reply) => {
      if (request.user) return reply.redirect('/')
      const { returnTo } = request.query
      return reply.render('sign-in/views/sign-in.njk', { pageTitle: 'Sign in', returnTo: safeReturnTo(returnTo) })
    },
  )

  app.post(
    '/sign-in',
    {
      // Throttle by address on top of the service's per-account-and-address waits and per-account lock.
      config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: { body: SignInBody },
    },
    async (request, reply) => {
      const { username = '', password = '', returnTo } = request.body
      const errors: FieldError[] = []
      let status = 400
      if (!username.trim()) errors.push({ field: 'username', message: 'Enter your username' })
      if (!password) errors.push({ field: 'password', message: 'Enter your password' })
      if (errors.length === 0) {
        const result = await signIn.signIn(username.trim(), password, ctxOf(request))
        if (result.ok) {
          setSessionCookie(config, request, reply, await signIn.startSession(result.userId, sessionBrowser(request)))
          return reply.redirect(safeReturnTo(returnTo))
        }
        errors.push({ field: 'username', message: result.message })
        if (result.retryAfter) {
          status = 429
          reply.header('retry-after', String(result.retryAfter))
        }
      }
      return reply.status(status).render('sign-in/views/sign-in.njk', {
        pageTitle: 'Sign in',
        errors,
        username,
        returnTo: safeReturnTo(returnTo),
      })
    },
  )

  app.post('/sign-out', { config: { access: 'public' } }, async (request, reply) => {
    if (request.session) await signIn.endSession(request.session.idHash)
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return reply.redirect('/sign-in?signedOut=1')
  })
}

/** The signed-in user's own account: their password and their sessions. */
const accountPages: FastifyPluginAsyncTypebox<Options> = async (app, { signIn }) => {
  app.get('/account', { config: { access: 'signed-in' } }, async (_request, reply) => {
    return reply.render('sign-in/views/account.njk', { pageTitle: 'Your account' })
  })

  app.post('/account/sign-out-everywhere', { config: { access: 'signed-in' } }, async (request, reply) => {
    await signIn.signOutEverywhere(signedIn(request).id, ctxOf(request))
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return reply.redirect('/sign-in')
  })

  app.post(
    '/account/password',
    { config: { access: 'signed-in' }, schema: { body: PasswordBody } },
    async (request, reply) => {
      const { currentPassword = '', newPassword = '', confirmPassword = '' } = request.body
      // Not submitForm: a changed password signs this browser out too, and the answer is a plain redirect (302).
      try {
        await signIn.changePassword(signedIn(request).id, currentPassword, newPassword, confirmPassword, ctxOf(request))
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error
        return reply
          .status(400)
          .render('sign-in/views/account.njk', { pageTitle: 'Your account', errors: error.errors })
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' })
      return reply.redirect('/sign-in?passwordChanged=1')
    },
  )
}

export const signInRoutes: FastifyPluginAsyncTypebox<Options> = async (app, options) => {
  await signInPages(app, options)
  await accountPages(app, options)
}
