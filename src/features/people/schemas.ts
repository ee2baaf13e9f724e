import { Type } from 'typebox'

/**
 * The person pages' `:crn`: any short text, not the shared `Crn` pattern, because these pages have always answered an
 * unknown or malformed CRN with the record's own 404 page ("There is no record with this CRN"), not a 400.
 */
export const PersonCrnParams = Type.Object({ crn: Type.String({ maxLength: 20 }) })

/** The search page's query: the words typed and a date of birth as typed (the service reads both). */
export const SearchQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 500 })),
  dob: Type.Optional(Type.String({ maxLength: 50 })),
})
