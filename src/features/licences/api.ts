import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ADDITIONAL_CONDITION_CODES } from '../../domain/licences/index.ts'
import { commonErrors, errorResponses } from '../../web/api-schemas.ts'
import { ctxOf } from '../../web/request-context.ts'
import { CrnParams } from '../../web/schemas.ts'
import type { LicencesService } from './service.ts'

/**
 * Licences over the JSON API (`/api/v1`). Thin: the access check, the reading and the audit are the licences
 * service's and the access guard's, as for the pages.
 */

const tags = ['licences']
const date = { type: 'string', format: 'date' } as const
const nullableDate = { ...date, nullable: true } as const

const LicenceVersionSchema = {
  $id: 'LicenceVersion',
  type: 'object',
  properties: {
    id: { type: 'integer' },
    licenceId: { type: 'integer' },
    sentenceId: { type: 'integer', description: 'The custodial sentence the licence is for' },
    versionNumber: { type: 'integer' },
    kind: { type: 'string', enum: ['initial', 'variation'] },
    status: {
      type: 'string',
      enum: ['draft', 'submitted', 'approved', 'returned', 'replaced'],
      description: 'Replaced: a later draft took its place. Versions are never overwritten.',
    },
    statusText: { type: 'string' },
    variationReason: { type: 'string', nullable: true },
    returnReason: { type: 'string', nullable: true },
    createdAt: { type: 'string', format: 'date-time' },
    createdBy: { type: 'string', nullable: true },
    submittedAt: { type: 'string', format: 'date-time', nullable: true },
    submittedBy: { type: 'string', nullable: true },
    decidedAt: { type: 'string', format: 'date-time', nullable: true },
    decidedBy: { type: 'string', nullable: true },
    period: {
      type: 'object',
      nullable: true,
      description: 'The licence period fixed when the version was approved',
      properties: { start: date, end: date, basis: { type: 'string', nullable: true } },
    },
    standard: { type: 'array', items: { type: 'string' }, description: 'The standard conditions, in their wording' },
    additional: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          type: { type: 'string', enum: [...ADDITIONAL_CONDITION_CODES] },
          category: { type: 'string' },
          wording: { type: 'string' },
          justification: { type: 'string' },
        },
      },
    },
  },
} as const

/** Added to the API's scope by `api/routes.ts`. */
export const licenceSchemas = [LicenceVersionSchema]

const LicencesResponse = {
  description: 'The licence in force and every version, newest first',
  type: 'object',
  properties: {
    crn: { type: 'string' },
    period: {
      type: 'object',
      nullable: true,
      description: 'The licence period from the key dates: release (recorded, else CRD, else ARD) to SLED, else LED',
      properties: { start: date, end: nullableDate, basis: { type: 'string' } },
    },
    periodProblem: { type: 'string', nullable: true, description: 'Why there is no licence period' },
    current: { allOf: [{ $ref: 'LicenceVersion#' }], nullable: true },
    versions: { type: 'array', items: { $ref: 'LicenceVersion#' } },
  },
} as const

type Options = { licences: LicencesService }

/** Licences under `/api/v1` (registered by the api feature). */
export const licenceApiRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { licences }) => {
  app.get(
    '/people/:crn/licences',
    {
      schema: {
        tags,
        operationId: 'listLicences',
        summary: 'A person’s licence: the version in force, its period and every version with its conditions',
        description:
          'Events published when a licence changes: `licence.approved` (the first licence approved by a senior) and ' +
          '`licence.varied` (a variation approved, with its reason and what it changed).',
        params: CrnParams,
        response: { 200: LicencesResponse, 404: errorResponses[404], ...commonErrors },
      },
      config: { access: 'person:read', audit: { action: 'LICENCE_VIEW', page: 'api-licences' } },
    },
    async request => licences.forApi(ctxOf(request), request.params.crn.toUpperCase()),
  )
}
