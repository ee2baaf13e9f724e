import { Type } from 'typebox'

/**
 * Route schemas shared by every feature. A route declares its params, query and body once with these (TypeBox),
 * and the schema both validates the request and types the handler through the type provider, so a handler reads
 * `request.params.crn` with no cast.
 *
 * @example
 * app.get('/people/:crn/addresses', { config, schema: { params: CrnParams } }, async request => request.params.crn)
 */

/** A case reference number (CRN): a letter and six digits, either case (the guard and services upper-case it). */
export const Crn = Type.String({ pattern: '^[A-Za-z][0-9]{6}$', description: 'Case reference number, e.g. X100001' })

/**
 * A database id in a path: digits only, as a string (routes turn it into a number with `Number`). At most 15 digits,
 * so it is always below 2^53 (exact in JavaScript) and below PostgreSQL's `bigint` limit: a longer one is a 400.
 */
export const Id = Type.String({ pattern: '^[0-9]{1,15}$', description: 'Numeric id' })

/**
 * A calendar date in a query or JSON body: YYYY-MM-DD. The app's `date` format (`isRealIsoDate`) also refuses the
 * year 0000, which PostgreSQL cannot store.
 */
export const IsoDate = Type.String({ format: 'date', description: 'A date (YYYY-MM-DD)' })

/** The largest version: the columns are PostgreSQL `integer`s. */
export const MAX_VERSION = 2_147_483_647

/** The optimistic-lock version a form or API change was read at. */
export const Version = Type.Integer({
  minimum: 0,
  maximum: MAX_VERSION,
  description: 'The version the change was made against',
})

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/**
 * The `date` format every route schema uses (Ajv's, but from the year 0001: PostgreSQL has no year 0000).
 *
 * @example
 * isRealIsoDate('2026-02-29') // false
 * isRealIsoDate('0000-01-01') // false
 */
export function isRealIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!m) return false
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  const last = month === 2 && !leap ? 28 : DAYS_IN_MONTH[month - 1]
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= last
}

export const CrnParams = Type.Object({ crn: Crn })
export const IdParams = Type.Object({ id: Id })
export const CrnIdParams = Type.Object({ crn: Crn, id: Id })

/** A page's query string of short optional text values (filters, `done` banners), all optional. */
export function textQuery<K extends string>(keys: readonly K[], maxLength = 200) {
  const value = Type.Optional(Type.String({ maxLength }))
  return Type.Object(Object.fromEntries(keys.map(k => [k, value])) as { [P in K]: typeof value })
}
