import fp from 'fastify-plugin'
import type { FastifyRequest } from 'fastify'
import { ValidationError, type FieldError } from '../../errors.ts'
import { CONTROL_CHARACTER_MESSAGE, hasControlCharacter, isFormBodySchema } from '../forms.ts'
import { MAX_VERSION } from '../schemas.ts'

/**
 * Input no route can store, refused for every route before its schema and handler run, with the field named
 * (security review finding 7). PostgreSQL cannot hold a NUL byte in text, a version beyond its `integer`, or the year
 * 0000; JavaScript cannot hold an id beyond 2^53 exactly. A route's own schema and the forms module say more about
 * its fields; this guard is the floor under all of them, so no route answers such input with a 500.
 *
 * - query, path and body strings (and body field names) with a control character (NUL and the other C0 controls
 *   but tab, line feed and carriage return);
 * - a `version` (the optimistic-lock field every form and API change sends) that is not a whole number PostgreSQL's
 *   `integer` holds;
 * - a value written as a date (YYYY-MM-DD) in the year 0000;
 * - every `integer` in a route's schema is bounded to a safe integer (2^53 − 1), so Ajv names the field.
 *
 * A page's form body values are left to the forms module's readers, which flag the same characters on the field so
 * the form is shown again with the GOV.UK error summary (a value no reader reads is never used).
 */
export default fp(
  async app => {
    app.addHook('onRoute', route => {
      for (const part of [route.schema?.params, route.schema?.querystring, route.schema?.body]) boundIntegers(part)
    })
    app.addHook('preValidation', async request => {
      const errors: FieldError[] = []
      check(request.params, '', errors, true)
      check(request.query, '', errors, true)
      const formBody = isFormBodySchema(request.routeOptions.schema?.body)
      check(request.body, '', errors, !formBody)
      checkVersion(request, errors)
      if (errors.length) throw new ValidationError(errors)
    })
  },
  { name: 'input-guard' },
)

const ISO_DATE_YEAR_ZERO = /^0000-\d{2}-\d{2}/

function check(value: unknown, path: string, errors: FieldError[], values: boolean, depth = 0): void {
  if (depth > 20 || errors.length > 20) return
  if (typeof value === 'string') {
    if (!values || !path) return
    if (hasControlCharacter(value)) add(errors, path, CONTROL_CHARACTER_MESSAGE)
    else if (ISO_DATE_YEAR_ZERO.test(value)) add(errors, path, 'must be a real date (there was no year 0000)')
    return
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => check(item, path ? `${path}.${i}` : String(i), errors, values, depth + 1))
    return
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key
      if (hasControlCharacter(key)) add(errors, field, 'is not a field this service knows')
      else check(item, field, errors, values, depth + 1)
    }
  }
}

/** A posted `version` must be one PostgreSQL's `integer` holds (a larger one would fail in the database). */
function checkVersion(request: FastifyRequest, errors: FieldError[]) {
  const body: unknown = request.body
  if (!body || typeof body !== 'object' || !('version' in body)) return
  const posted: unknown = body.version
  const raw: unknown = Array.isArray(posted) ? posted[posted.length - 1] : posted
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : ''
  // Blank is the form's own business (a missing version is a stale one); anything else must be a whole number.
  if (text === '' && typeof raw === 'string') return
  if (!/^\d{1,10}$/.test(text) || Number(text) > MAX_VERSION) {
    add(errors, 'version', `must be a whole number from 0 to ${MAX_VERSION}`)
  }
}

function add(errors: FieldError[], field: string, message: string) {
  if (!errors.some(e => e.field === field)) errors.push({ field, message })
}

/** Gives every `integer` in a schema without a bound the safe-integer bound, so Ajv refuses 1e20 naming the field. */
function boundIntegers(schema: unknown, depth = 0): void {
  if (!schema || typeof schema !== 'object' || depth > 30) return
  const s = schema as Record<string, unknown>
  const types = Array.isArray(s.type) ? s.type : [s.type]
  if (types.includes('integer')) {
    if (s.maximum === undefined && s.exclusiveMaximum === undefined) s.maximum = Number.MAX_SAFE_INTEGER
    if (s.minimum === undefined && s.exclusiveMinimum === undefined) s.minimum = -Number.MAX_SAFE_INTEGER
  }
  for (const key of ['properties', 'patternProperties', 'definitions', '$defs']) {
    const children = s[key]
    if (children && typeof children === 'object') {
      for (const child of Object.values(children)) boundIntegers(child, depth + 1)
    }
  }
  for (const key of ['items', 'additionalProperties', 'not', 'if', 'then', 'else']) boundIntegers(s[key], depth + 1)
  for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems']) {
    const list = s[key]
    if (Array.isArray(list)) for (const child of list) boundIntegers(child, depth + 1)
  }
}
