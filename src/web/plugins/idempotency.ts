import { createHash } from 'node:crypto'
import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { Clock } from '../../clock.ts'
import type { Database } from '../../db/schema.ts'
import * as q from './queries/idempotency.ts'

/**
 * `Idempotency-Key` on the API's POSTs (security review finding 16): a client that retries after losing the answer
 * (a timeout, a crash) sends the same key, and gets the first answer again instead of a second write.
 *
 * - The same key, user, method, path and body: the stored status and body, with `Idempotent-Replayed: true`.
 * - The same key with a different request: 422, nothing done.
 * - The same key while the first request is still being answered: 409, nothing done (retry shortly).
 * - A 5xx answer is not kept (nothing was written), so a retry runs again. Keys last `KEY_LIFETIME_HOURS`.
 *
 * The key is claimed by an insert that commits before the route runs, so of two requests with one key only one runs.
 * The answer is stored after the route's own transaction commits: a crash between the two leaves the key unanswered,
 * and after `ABANDONED_AFTER_SECONDS` a retry runs again. No library does this for Fastify with a database store,
 * which is what makes it hold across worker processes.
 */

export const IDEMPOTENCY_HEADER = 'idempotency-key'
export const KEY_LIFETIME_HOURS = 24
const ABANDONED_AFTER_SECONDS = 120
const API_PREFIX = '/api/v1/'

declare module 'fastify' {
  interface FastifyRequest {
    /** The idempotency key this request claimed, whose answer is stored when it is sent. */
    idempotencyKey?: { userId: number; key: string }
  }
}

/** The header as documented in the OpenAPI document and validated on every API POST. */
const KEY_SCHEMA = {
  type: 'string',
  minLength: 1,
  maxLength: 255,
  pattern: '^[\\x21-\\x7E]+$',
  description:
    'Optional. A unique value per intended change (a UUID). A retry with the same key and the same request gets the ' +
    `first answer again, with the header Idempotent-Replayed: true, and writes nothing. The same key with a different ` +
    `request is refused (422); while the first is still being answered, 409. Keys expire after ${KEY_LIFETIME_HOURS} hours.`,
}

export default fp<{ db: Kysely<Database>; clock: Clock }>(
  async (app, { db, clock }) => {
    app.addHook('onRoute', route => {
      const methods = Array.isArray(route.method) ? route.method : [route.method]
      if (!methods.includes('POST') || !route.url.startsWith(API_PREFIX)) return
      const schema = (route.schema ??= {}) as { headers?: { type?: string; properties?: Record<string, unknown> } }
      schema.headers ??= { type: 'object', properties: {} }
      schema.headers.properties = { ...schema.headers.properties, [IDEMPOTENCY_HEADER]: KEY_SCHEMA }
    })

    app.addHook('preHandler', async (request, reply) => {
      const key = request.headers[IDEMPOTENCY_HEADER]
      if (request.method !== 'POST' || !request.url.startsWith(API_PREFIX) || typeof key !== 'string' || !request.user)
        return
      const claim: q.KeyClaim = {
        userId: request.user.id,
        key,
        method: request.method,
        path: request.url,
        requestHash: createHash('sha256')
          .update(JSON.stringify(request.body ?? null))
          .digest('hex'),
        now: clock.now(),
      }
      const expiredBefore = new Date(claim.now.getTime() - KEY_LIFETIME_HOURS * 3_600_000)
      await q.purgeExpiredKeys(db, expiredBefore)
      if (await q.claimKey(db, claim)) {
        request.idempotencyKey = { userId: claim.userId, key }
        return
      }
      return answerRepeat(db, request, reply, claim, expiredBefore)
    })

    app.addHook('onSend', async (request, reply, payload) => {
      const claimed = request.idempotencyKey
      if (!claimed) return payload
      request.idempotencyKey = undefined
      if (reply.statusCode >= 500 || typeof payload !== 'string') {
        await q.releaseKey(db, claimed.userId, claimed.key)
        return payload
      }
      const type = reply.getHeader('content-type')
      await q.completeKey(db, claimed.userId, claimed.key, {
        status: reply.statusCode,
        body: payload,
        type: typeof type === 'string' ? type : null,
        at: clock.now(),
      })
      return payload
    })
  },
  { name: 'idempotency' },
)

/** A key this user has used: the first answer again, or why not. */
async function answerRepeat(
  db: Kysely<Database>,
  request: FastifyRequest,
  reply: FastifyReply,
  claim: q.KeyClaim,
  expiredBefore: Date,
) {
  const stored = await q.findKey(db, claim.userId, claim.key)
  const abandonedBefore = new Date(claim.now.getTime() - ABANDONED_AFTER_SECONDS * 1000)
  if (!stored || (await q.takeOverKey(db, claim, { expiredBefore, abandonedBefore }))) {
    // Gone since the claim (released after a failure), or expired or abandoned and now this request's.
    if (stored || (await q.claimKey(db, claim))) {
      request.idempotencyKey = { userId: claim.userId, key: claim.key }
      return
    }
  }
  const fresh = stored ?? (await q.findKey(db, claim.userId, claim.key))
  if (
    !fresh ||
    fresh.method !== claim.method ||
    fresh.path !== claim.path ||
    fresh.request_hash !== claim.requestHash
  ) {
    return refuse(
      reply,
      422,
      'This Idempotency-Key was already used for a different request. Use a new key for a new change.',
    )
  }
  if (fresh.status === null || fresh.response_body === null) {
    return refuse(
      reply,
      409,
      'A request with this Idempotency-Key is still being answered. Try again in a few seconds.',
    )
  }
  reply.status(fresh.status).header('idempotent-replayed', 'true')
  if (fresh.response_type) reply.header('content-type', fresh.response_type)
  return reply.send(fresh.response_body)
}

/**
 * The API's error body, sent as text: a route's own schema for 409 (a possible duplicate's candidates) does not
 * describe this answer, and must not be asked to serialise it.
 */
function refuse(reply: FastifyReply, status: 409 | 422, message: string) {
  return reply
    .status(status)
    .header('content-type', 'application/json; charset=utf-8')
    .send(JSON.stringify({ error: { code: 'conflict', message } }))
}
