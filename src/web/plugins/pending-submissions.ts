import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { audit } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import type { Clock } from '../../clock.ts'
import type { Config } from '../../config.ts'
import type { Database } from '../../db/schema.ts'
import { ctxOf, safeReturnTo } from '../request-context.ts'
import { cookieOptions, randomToken, sha256 } from './authentication.ts'
import * as q from './queries/pending-submissions.ts'

/**
 * Work is never lost at a time-out (issue 13, item 7). A page's form posted after its session ended (timed out,
 * signed out, cookies cleared) is kept for `KEEP_MINUTES`, and the browser is sent to sign in with a way back to it
 * (`resumePath`); once its user has signed in again they are asked to submit it (with a fresh CSRF token).
 *
 * - Only a browser's URL-encoded form post to a page (not the API, not a script's `fetch` asking for JSON) is kept,
 *   never one with a password field, and only when its CSRF token names the user whose session rendered it: the
 *   form is bound to that user and is never shown or replayed to anyone else.
 * - The fields are encrypted (AES-256-GCM) with a key made from the kept form's random id and a random key held
 *   only in the posting browser's HttpOnly cookie; the table holds the id's SHA-256. A copy of the table, or of the
 *   logs (which hold the id), cannot read a form. The fields are never logged.
 * - A form from an earlier session of the user now signed in (they signed in again in another tab) would be refused
 *   by the CSRF check: it is kept too, and they are asked to submit it at once.
 * - Keeping, submitting, discarding and refusing a kept form are audited.
 */

export const PENDING_COOKIE = 'probity_pending'
export const KEEP_MINUTES = 30
const RESUME_PREFIX = '/sign-in/resume/'

/** The fields of a form as posted (URL-encoded: strings, or lists of strings for repeated names). */
export type SubmittedFields = Record<string, string | string[]>

/** Where a browser is sent, once signed in again, to submit the form kept under `id`. */
export const resumePath = (id: string) => `${RESUME_PREFIX}${id}`

/** The kept form's id in a path made by `resumePath`, if that is what it is. */
export function resumeIdOf(path: string): string | undefined {
  return path.startsWith(RESUME_PREFIX) ? path.slice(RESUME_PREFIX.length).split(/[/?#]/)[0] : undefined
}

const isFieldValue = (value: unknown) =>
  typeof value === 'string' || (Array.isArray(value) && value.every(v => typeof v === 'string'))

/** A browser's form post to a page, worth keeping: its fields without the CSRF token; undefined otherwise. */
export function keepableFields(request: FastifyRequest): { fields: SubmittedFields; csrf: string } | undefined {
  if (request.method !== 'POST' || request.url.startsWith('/api/')) return undefined
  if (!String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return undefined
  const accept = String(request.headers.accept ?? '')
  if (accept.includes('application/json') && !accept.includes('text/html')) return undefined
  const body: unknown = request.body
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined
  const fields: SubmittedFields = {}
  let csrf = ''
  for (const [name, value] of Object.entries(body)) {
    if (/password/i.test(name) || !isFieldValue(value)) return undefined
    if (name === '_csrf') csrf = typeof value === 'string' ? value : ''
    else fields[name] = value as string | string[]
  }
  return csrf ? { fields, csrf } : undefined
}

const keyFor = (browserKey: string, id: string) => createHmac('sha256', browserKey).update(id).digest()

function encrypt(fields: SubmittedFields, key: Buffer): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const data = Buffer.concat([cipher.update(JSON.stringify(fields), 'utf8'), cipher.final()])
  return Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64')
}

function decrypt(body: string, key: Buffer): SubmittedFields | undefined {
  try {
    const raw = Buffer.from(body, 'base64')
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12))
    decipher.setAuthTag(raw.subarray(12, 28))
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
    return JSON.parse(text) as SubmittedFields
  } catch {
    return undefined
  }
}

/**
 * Keeps a form posted without a session, if it is a page's form rendered for a signed-in user (see above), and
 * returns the kept form's id; gives the browser its key cookie. Undefined when there is nothing to keep. A form
 * posted with a session is kept only when it was rendered in an earlier session of the same user (its CSRF token
 * is that session's): the user signed in again in another tab, and the form would otherwise be refused.
 */
export async function keepSubmission(
  deps: { db: Kysely<Database>; clock: Clock; config: Config },
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<string | undefined> {
  const posted = keepableFields(request)
  if (!posted) return undefined
  const { fields, csrf } = posted
  const path = safeReturnTo(request.url)
  if (path === '/' || path.startsWith('/sign-in')) return undefined
  const { db, clock, config } = deps
  const owner = await q.findUserOfCsrfToken(db, csrf)
  if (!owner) return undefined
  // Signed in again (in another tab) since the form was rendered: only that user's form from an earlier session.
  if (request.user && (owner.id !== request.user.id || csrf === request.session?.csrfToken)) return undefined
  const browserKey = request.cookies[PENDING_COOKIE] || randomToken()
  const id = randomToken(24)
  const now = clock.now()
  await db.transaction().execute(async trx => {
    await q.purgeExpiredSubmissions(trx, now)
    await q.insertPendingSubmission(trx, {
      idHash: sha256(id),
      userId: owner.id,
      path,
      body: encrypt(fields, keyFor(browserKey, id)),
      now,
      expiresAt: new Date(now.getTime() + KEEP_MINUTES * 60_000),
    })
    await audit(trx, ctxOf(request), {
      action: 'SUBMISSION_KEPT',
      subject: owner.username,
      detail: { userId: owner.id, path },
    })
  })
  reply.setCookie(PENDING_COOKIE, browserKey, { ...cookieOptions(config, request), maxAge: KEEP_MINUTES * 60 })
  return id
}

/** A kept form, as its user may see it again. */
export interface KeptSubmission {
  readonly path: string
  readonly fields: SubmittedFields
  readonly keptAt: Date
  readonly expiresAt: Date
}

/** Why a kept form cannot be shown: gone (submitted, discarded, expired, never kept) or kept by someone else. */
export type KeptSubmissionProblem = 'gone' | 'another-user'

/**
 * The form kept under `id` for `userId`, read with the browser's key; a problem when it has expired, is gone, was
 * kept in another browser (the key cannot read it) or belongs to another user.
 */
export async function openSubmission(
  db: Executor,
  now: Date,
  key: { id: string; browserKey: string | undefined; userId: number },
): Promise<KeptSubmission | KeptSubmissionProblem> {
  const row = await q.findPendingSubmission(db, sha256(key.id), now)
  if (!row) return 'gone'
  if (row.userId !== key.userId) return 'another-user'
  const fields = key.browserKey ? decrypt(row.body, keyFor(key.browserKey, key.id)) : undefined
  if (!fields) return 'gone'
  return { path: row.path, fields, keptAt: row.createdAt, expiresAt: row.expiresAt }
}

/** Removes the form kept under `id` (submitted or discarded); true when this call removed it. */
export async function removeSubmission(db: Executor, id: string): Promise<boolean> {
  return q.deletePendingSubmission(db, sha256(id))
}
