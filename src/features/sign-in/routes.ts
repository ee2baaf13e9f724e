import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import type { CurrentUser } from '../../access/current-user.ts'
import type { Config } from '../../config.ts'
import { UnauthenticatedError, ValidationError, type FieldError } from '../../errors.ts'
import { SESSION_COOKIE, sessionBrowser, setSessionCookie } from '../../web/plugins/authentication.ts'
import { PENDING_COOKIE, resumeIdOf } from '../../web/plugins/pending-submissions.ts'
import { ctxOf, safeReturnTo } from '../../web/request-context.ts'
import { keptSubmissionGone, keptSubmissionView } from './presenters.ts'
import type { SignInService } from './service.ts'

const str = Type.Optional(Type.String({ maxLength: 1000 }))
const SignInQuery = Type.Object({ returnTo: str })
/** A kept form's id: anything short is looked up (an unknown one is "cannot be submitted", never a 400 or a 500). */
const ResumeParams = Type.Object({ id: Type.String({ maxLength: 200 }) })
const SignInBody = Type.Object({ username: str, password: str, returnTo: str, _csrf: str })
const PasswordBody = Type.Object({ currentPassword: str, newPassword: str, confirmPassword: str, _csrf: str })

type Options = { signIn: SignInService; config: Config }

/** The signed-in user of an `access: 'signed-in'` route (the access guard has already turned anyone else away). */
function signedIn(request: FastifyRequest): CurrentUser {
  if (!request.user) throw new UnauthenticatedError()
  return request.user
}

/** Whether the sign-in page leads back to changes kept when the session ended (it says so). */
const keptChanges = (returnTo: string) => ({ keptChanges: resumeIdOf(returnTo) !== undefined })

/** Signing in and out. */
const signInPages: FastifyPluginAsyncTypebox<Options> = async (app, { signIn, config }) => {
  app.get(
    '/sign-in',
    { config: { access: 'public' }, schema: { querystring: SignInQuery } },
    async (request, reply) => {
      const back = safeReturnTo(request.query.returnTo)
      // Signed in already (in another tab): straight on to where the page leads (kept changes, say).
      if (request.user) return reply.redirect(back)
      return reply.render('sign-in/views/sign-in.njk', { pageTitle: 'Sign in', returnTo: back, ...keptChanges(back) })
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
        ...keptChanges(safeReturnTo(returnTo)),
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

/**
 * A form kept when its session ended (`src/web/plugins/pending-submissions.ts`): once its user has signed in again
 * they are asked to submit it. The page's form posts here with the fields and a fresh CSRF token; the kept form is
 * removed (so it is sent once) and the browser is sent on with a 307, which makes it post the same fields to the
 * page they were first posted to, where they are saved (or shown again with what is wrong) as any other time.
 */
const resumePages: FastifyPluginAsyncTypebox<Options> = async (app, { signIn }) => {
  const kept = signIn.keptSubmissions
  const gone = (reply: FastifyReply) => reply.status(404).render('pages/error.njk', keptSubmissionGone)

  app.get(
    '/sign-in/resume/:id',
    { config: { access: 'signed-in' }, schema: { params: ResumeParams } },
    async (request, reply) => {
      const found = await kept.show(request.params.id, request.cookies[PENDING_COOKIE], ctxOf(request))
      if (typeof found === 'string') return gone(reply)
      return reply.render('sign-in/views/resume.njk', keptSubmissionView(request.params.id, found))
    },
  )

  app.post(
    '/sign-in/resume/:id',
    { config: { access: 'signed-in' }, schema: { params: ResumeParams } },
    async (request, reply) => {
      const claimed = await kept.submit(request.params.id, request.cookies[PENDING_COOKIE], ctxOf(request))
      if (typeof claimed === 'string') return gone(reply)
      return reply.redirect(claimed.path, 307)
    },
  )

  app.post(
    '/sign-in/resume/:id/discard',
    { config: { access: 'signed-in' }, schema: { params: ResumeParams } },
    async (request, reply) => {
      await kept.discard(request.params.id, request.cookies[PENDING_COOKIE], ctxOf(request))
      return reply.redirect('/', 303)
    },
  )
}

export const signInRoutes: FastifyPluginAsyncTypebox<Options> = async (app, options) => {
  await signInPages(app, options)
  await accountPages(app, options)
  await resumePages(app, options)
}
