import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../config.ts'
import { ConflictError, ProbityError, ValidationError, type FieldError } from '../errors.ts'
import { resumePath } from './plugins/pending-submissions.ts'

/**
 * The one error path. Typed errors map to their status; pages get a GOV.UK error page, the API gets
 * `{ error: { code, message, fields? } }`. A failure's detail (stack) reaches a browser only when the operator
 * turned on PROBITY_SHOW_ERROR_DETAIL; logs never carry a database error's `detail` (it holds key values: a PNC).
 */

const isApi = (request: FastifyRequest) => request.url.startsWith('/api/')

/** Fastify's schema validation errors, turned into the fields at fault. */
function schemaFieldErrors(error: FastifyError): FieldError[] {
  return withoutUnionNoise(error.validation ?? []).map(v => {
    const path = (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.')
    const missing = (v.params as { missingProperty?: string })?.missingProperty
    const field = [path, missing].filter(Boolean).join('.') || (error.validationContext ?? 'body')
    const allowed = (v.params as { allowedValues?: unknown[] })?.allowedValues
    const format = v.keyword === 'format' ? String((v.params as { format?: unknown }).format) : undefined
    const message = missing
      ? 'is required'
      : v.keyword === 'enum' && allowed
        ? `must be one of: ${allowed.join(', ')}`
        : format === 'date'
          ? 'must be a real date in the form YYYY-MM-DD'
          : v.message
    return { field, message: message ?? 'is not valid' }
  })
}

type SchemaError = NonNullable<FastifyError['validation']>[number]

/**
 * Ajv reports a failed `oneOf`/`anyOf` with the errors of every branch plus a summary ("must match exactly one
 * schema in oneOf"). Keep what helps: the errors inside the branch the data's type matched; or, when no branch's
 * type matched, one line naming the types allowed.
 */
function withoutUnionNoise(errors: readonly SchemaError[]): SchemaError[] {
  let result = [...errors]
  for (const union of errors.filter(e => e.keyword === 'oneOf' || e.keyword === 'anyOf')) {
    const inside = result.filter(e => e !== union && e.schemaPath.startsWith(`${union.schemaPath}/`))
    const typeMismatches = inside.filter(e => e.keyword === 'type' && e.instancePath === union.instancePath)
    const deeper = inside.filter(e => !typeMismatches.includes(e))
    result = result.filter(e => e !== union && !typeMismatches.includes(e))
    if (deeper.length === 0) {
      const types = typeMismatches.map(e => String((e.params as { type?: unknown }).type))
      result.push({ ...union, message: types.length ? `must be ${types.join(' or ')}` : union.message })
    }
  }
  return result
}

/**
 * PostgreSQL's data exceptions that only bad input causes (a value it cannot store), which reached the database past
 * every check: a 400, not a 500. SQLSTATEs: 22021 (NUL in text), 22P05 (NUL in JSON), 22003 (a number out of range),
 * 22007/22008 (a date it cannot hold).
 */
const BAD_INPUT_SQLSTATES = new Set(['22021', '22P05', '22003', '22007', '22008'])

/** A unique violation no service turned into a field error: two people saved the same thing at once. */
const UNIQUE_VIOLATION = '23505'

const sqlState = (error: unknown) =>
  typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : undefined

/**
 * What a log may say about an error: its type, message, code, constraint and stack, never a database error's
 * `detail`, `where` or parameters (PostgreSQL's unique-violation detail is "Key (pnc)=(2001/0012345X) exists").
 */
export function loggableError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error }
  const e = error as Error & { code?: unknown; constraint?: unknown; table?: unknown }
  return {
    type: e.name,
    message: e.message,
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(typeof e.constraint === 'string' ? { constraint: e.constraint } : {}),
    ...(typeof e.table === 'string' ? { table: e.table } : {}),
    stack: e.stack,
  }
}

/** A database error that bad input or a race caused, as the typed error it should have been. */
function fromDatabase(error: unknown): ProbityError | undefined {
  const code = sqlState(error)
  if (code && BAD_INPUT_SQLSTATES.has(code)) {
    return new ProbityError('validation', 400, 'A value sent cannot be stored: check what was entered')
  }
  if (code === UNIQUE_VIOLATION) {
    return new ConflictError('Someone saved the same thing at the same moment. Check the record and try again.')
  }
  return undefined
}

/**
 * Signed out (or never signed in): to the sign-in page, and back afterwards. A page read comes back to itself; a
 * form posted after its session ended is kept (`plugins/pending-submissions.ts`) and, once signed in again, its
 * user is asked to submit it: work is never lost at a time-out.
 */
async function toSignIn(request: FastifyRequest, reply: FastifyReply) {
  if (request.method === 'GET') return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(request.url)}`)
  const kept = request.method === 'POST' ? await keepStaleForm(request, reply) : undefined
  if (!kept) return reply.redirect('/sign-in')
  return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(resumePath(kept))}`, 303)
}

/**
 * Keeps a form its session no longer accepts: posted after the session ended, or (refused by the CSRF check) from
 * an earlier session of the user now signed in again. Undefined when it is not such a form; never fails the answer.
 */
async function keepStaleForm(request: FastifyRequest, reply: FastifyReply): Promise<string | undefined> {
  try {
    return await request.server.keepSubmission(request, reply)
  } catch (error) {
    request.log.error({ err: loggableError(error) }, 'could not keep a form posted after sign-out')
    return undefined
  }
}

export function setUpErrorHandling(app: FastifyInstance, config: Config) {
  app.setErrorHandler(async (raw: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) => {
    let error = raw as FastifyError
    if (error.validation) error = new ValidationError(schemaFieldErrors(error)) as unknown as FastifyError
    const typed = fromDatabase(error)
    if (typed) {
      request.log.warn({ err: loggableError(error) }, 'database refused the request')
      error = typed as unknown as FastifyError
    }
    if (error instanceof ProbityError) {
      request.log.info({ code: error.code, status: error.status }, error.message)
      if (isApi(request)) {
        return reply.status(error.status).send({
          error: {
            code: error.code,
            message: error.message,
            ...(error instanceof ValidationError ? { fields: error.errors } : {}),
          },
        })
      }
      if (error.code === 'unauthenticated') return toSignIn(request, reply)
      if (error.code === 'forbidden' && request.method === 'POST' && request.session) {
        const kept = await keepStaleForm(request, reply)
        if (kept) return reply.redirect(resumePath(kept), 303)
      }
      const heading =
        {
          forbidden: 'You cannot see or do this',
          not_found: 'Page not found',
          conflict: 'Someone else changed this record',
          rate_limited: 'Too many requests',
        }[error.code as string] ?? 'There is a problem'
      // Input refused before any page could show it again (a control character, an impossible id): the error
      // summary names each field.
      const errors = error instanceof ValidationError ? error.errors : undefined
      return reply.status(error.status).render('pages/error.njk', {
        pageTitle: heading,
        heading,
        message: errors ? 'Check what was entered and try again.' : error.message,
        errors,
      })
    }
    const status =
      (error as FastifyError).statusCode && (error as FastifyError).statusCode! < 500
        ? (error as FastifyError).statusCode!
        : 500
    if (status >= 500) request.log.error({ err: loggableError(error) }, 'request failed')
    const message = status >= 500 ? 'Sorry, there is a problem with the service. Try again later.' : error.message
    if (isApi(request))
      return reply.status(status).send({ error: { code: status >= 500 ? 'internal' : 'bad_request', message } })
    return reply.status(status).render('pages/error.njk', {
      pageTitle: 'Sorry, there is a problem',
      heading: status >= 500 ? 'Sorry, there is a problem with the service' : 'There is a problem',
      message,
      stack: config.showErrorDetail && status >= 500 ? error.stack : undefined,
    })
  })

  // Unknown URLs are rate-limited too, so probing for pages is slow.
  app.setNotFoundHandler({ preHandler: app.rateLimit({ max: 60, timeWindow: '1 minute' }) }, async (request, reply) => {
    if (isApi(request)) return reply.status(404).send({ error: { code: 'not_found', message: 'No such endpoint' } })
    return reply.status(404).render('pages/error.njk', {
      pageTitle: 'Page not found',
      heading: 'Page not found',
      message: 'If you typed the web address, check it is correct.',
    })
  })
}
