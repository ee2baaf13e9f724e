import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../config.ts'
import { ProbityError, ValidationError, type FieldError } from '../errors.ts'

/**
 * The one error path. Typed errors map to their status; pages get a GOV.UK error page, the API gets
 * `{ error: { code, message, fields? } }`. Detail (stack) only outside production.
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

export function setUpErrorHandling(app: FastifyInstance, config: Config) {
  app.setErrorHandler(async (raw: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) => {
    let error = raw as FastifyError
    if (error.validation) error = new ValidationError(schemaFieldErrors(error)) as unknown as FastifyError
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
      if (error.code === 'unauthenticated') {
        const returnTo = request.method === 'GET' ? `?returnTo=${encodeURIComponent(request.url)}` : ''
        return reply.redirect(`/sign-in${returnTo}`)
      }
      const heading =
        {
          forbidden: 'You cannot see or do this',
          not_found: 'Page not found',
          conflict: 'Someone else changed this record',
          rate_limited: 'Too many requests',
        }[error.code as string] ?? 'There is a problem'
      return reply
        .status(error.status)
        .render('pages/error.njk', { pageTitle: heading, heading, message: error.message })
    }
    const status =
      (error as FastifyError).statusCode && (error as FastifyError).statusCode! < 500
        ? (error as FastifyError).statusCode!
        : 500
    if (status >= 500) request.log.error({ err: error }, 'request failed')
    const message = status >= 500 ? 'Sorry, there is a problem with the service. Try again later.' : error.message
    if (isApi(request))
      return reply.status(status).send({ error: { code: status >= 500 ? 'internal' : 'bad_request', message } })
    return reply.status(status).render('pages/error.njk', {
      pageTitle: 'Sorry, there is a problem',
      heading: status >= 500 ? 'Sorry, there is a problem with the service' : 'There is a problem',
      message,
      stack: config.env !== 'production' && status >= 500 ? error.stack : undefined,
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
