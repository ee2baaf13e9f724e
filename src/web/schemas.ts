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

/** A database id in a path: digits only, as a string (routes turn it into a number with `Number`). */
export const Id = Type.String({ pattern: '^[0-9]{1,15}$', description: 'Numeric id' })

/** A calendar date in a query or JSON body: YYYY-MM-DD. */
export const IsoDate = Type.String({ format: 'date', description: 'A date (YYYY-MM-DD)' })

/** The optimistic-lock version a form or API change was read at. */
export const Version = Type.Integer({ minimum: 0, description: 'The version the change was made against' })

export const CrnParams = Type.Object({ crn: Crn })
export const IdParams = Type.Object({ id: Id })
export const CrnIdParams = Type.Object({ crn: Crn, id: Id })

/** A page's query string of short optional text values (filters, `done` banners), all optional. */
export function textQuery<K extends string>(keys: readonly K[], maxLength = 200) {
  const value = Type.Optional(Type.String({ maxLength }))
  return Type.Object(Object.fromEntries(keys.map(k => [k, value])) as { [P in K]: typeof value })
}
