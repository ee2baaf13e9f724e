import type { FastifyRequest } from 'fastify'
import type { RequestContext } from '../access/audit.ts'

/** Who is asking, for services and the audit trail. */
export function ctxOf(request: FastifyRequest): RequestContext {
  return { user: request.user, requestId: String(request.id), ip: request.ip ?? null }
}

/** Only same-site paths may be redirected to after sign-in (no open redirects). */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?!\/)[^\\]*$/.test(value) ? value : '/'
}

/**
 * The `:crn` of a route, for hooks that run on every route (the access guard) and so cannot rely on one route's
 * schema to type `request.params`. Undefined when the route has none or it is not shaped like a CRN.
 */
export function crnParamOf(request: FastifyRequest): string | undefined {
  const params: unknown = request.params
  if (typeof params !== 'object' || params === null || !('crn' in params)) return undefined
  const crn = params.crn
  return typeof crn === 'string' && /^[A-Za-z][0-9]{6}$/.test(crn) ? crn.toUpperCase() : undefined
}
