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
