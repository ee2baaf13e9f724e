import { timingSafeEqual } from 'node:crypto'
import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../../config.ts'
import { ForbiddenError } from '../../errors.ts'
import { ANON_CSRF_COOKIE, cookieOptions, randomToken } from './authentication.ts'

/**
 * CSRF protection on every state-changing request made with a browser session: a synchronizer token kept
 * with the session, sent back in the form field `_csrf` (or the `x-csrf-token` header). Before sign-in the
 * token lives in its own HttpOnly cookie, so the sign-in form is protected too (login CSRF).
 * Requests authenticated with a Bearer API token carry no cookies, so they cannot be forged this way.
 */

declare module 'fastify' {
  interface FastifyRequest {
    csrfToken(reply: FastifyReply): string
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

function same(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

/** The `_csrf` field of a posted form (any route's body, so read without its schema). */
function csrfField(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('_csrf' in body)) return undefined
  return typeof body._csrf === 'string' ? body._csrf : undefined
}

function csrfHeader(header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' ? header : undefined
}

export default fp<{ config: Config }>(
  async (app, { config }) => {
    app.decorateRequest('csrfToken', function (this: FastifyRequest, reply: FastifyReply) {
      if (this.session) return this.session.csrfToken
      let token = this.cookies[ANON_CSRF_COOKIE]
      if (!token) {
        token = randomToken()
        this.cookies[ANON_CSRF_COOKIE] = token
        reply.setCookie(ANON_CSRF_COOKIE, token, { ...cookieOptions(config, this), sameSite: 'strict' })
      }
      return token
    })

    app.addHook('preValidation', async request => {
      if (SAFE_METHODS.has(request.method)) return
      if (request.user?.via === 'api-token') return
      const expected = request.session?.csrfToken ?? request.cookies[ANON_CSRF_COOKIE]
      const sent = csrfField(request.body) ?? csrfHeader(request.headers['x-csrf-token'])
      if (!same(expected, sent)) {
        throw new ForbiddenError(
          'Your form had expired or did not come from this service. Go back, refresh the page and try again.',
        )
      }
    })
  },
  { name: 'csrf' },
)
