/**
 * JSON schemas shared by every feature's API routes (kept here, outside the api feature, so a feature's `api.ts` need
 * not import the API's routes, which import every feature). JSON schemas shared by the API routes. Each is added to the API's scope with `app.addSchema`, so routes refer
 * to it as `{ $ref: 'Name#' }` and the OpenAPI document lists it once under `components.schemas`.
 */

export const FieldErrorSchema = {
  $id: 'FieldError',
  type: 'object',
  description: 'One field at fault and what is wrong with it.',
  required: ['field', 'message'],
  properties: {
    field: {
      type: 'string',
      description: 'The field, as named in the request (nested fields joined by dots).',
      examples: ['dateOfBirth'],
    },
    message: { type: 'string', examples: ['Enter date of birth'] },
  },
} as const

export const ErrorSchema = {
  $id: 'Error',
  type: 'object',
  description: 'Every error the API returns has this shape.',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: {
          type: 'string',
          enum: [
            'validation',
            'not_found',
            'forbidden',
            'unauthenticated',
            'conflict',
            'rate_limited',
            'bad_request',
            'internal',
          ],
        },
        message: {
          type: 'string',
          description: 'Safe to show to a user: for `forbidden`, the reason access was refused.',
        },
        fields: { type: 'array', items: { $ref: 'FieldError#' } },
      },
    },
  },
} as const

/** The response for an error status, described for the OpenAPI document. */
const error = (description: string) => ({ description, $ref: 'Error#' })

/** The error responses every authenticated endpoint can give. */
export const commonErrors = {
  401: error('No API token, or the token is unknown or revoked'),
  403: error("The token's user may not do this (their role, or the person's access rules)"),
} as const

export const errorResponses = {
  400: error('The request was not valid; `fields` lists each field at fault and nothing was changed'),
  404: error('No such record'),
  409: error('A conflict: the record changed since it was read, or a possible duplicate'),
} as const

export const sharedSchemas = [FieldErrorSchema, ErrorSchema] as const
