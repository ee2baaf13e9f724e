import type { FastifyRequest } from 'fastify'
import type { RequestContext } from '../access/audit.ts'

/** Who is asking, for services and the audit trail. */
export function ctxOf(request: FastifyRequest): RequestContext {
  const checked = request.auditedPerson && request.checkedFacts
  return {
    user: request.user,
    requestId: String(request.id),
    ip: request.ip ?? null,
    ...(checked ? { checkedPerson: { crn: request.auditedPerson!.crn, facts: request.checkedFacts! } } : {}),
  }
}

/**
 * Only same-site paths may be redirected to after sign-in (no open redirects); anything else goes home. The rule is
 * an allow-list of URL path and query characters (RFC 3986), so no control character (browsers drop tabs and new
 * lines, turning `/<TAB>/host` into `//host`), backslash, space or non-ASCII character gets through, and the result
 * must still resolve to this site.
 */
const SAME_SITE_PATH = /^\/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*$/
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length > 1000 || !SAME_SITE_PATH.test(value)) return '/'
  // Control characters spelled as %XX too: nothing after sign-in needs them, and some proxies decode them.
  if (/%(?:[01][0-9a-f]|7f)/i.test(value)) return '/'
  try {
    const base = 'http://probity.invalid'
    return new URL(value, base).origin === base ? value : '/'
  } catch {
    return '/'
  }
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
