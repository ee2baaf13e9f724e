import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { DateTimeException, LocalDate } from '@js-joda/core'
import { Type } from 'typebox'
import { isReleaseType, RELEASE_TYPES, type ReleaseType } from '../../domain/custody/index.ts'
import type { FieldError } from '../../errors.ts'
import type { Parsed } from '../../web/forms.ts'
import { commonErrors, errorResponses } from '../../web/api-schemas.ts'
import { ctxOf } from '../../web/request-context.ts'
import { CrnParams } from '../../web/schemas.ts'
import { CUSTODY_VIEW } from './context.ts'
import type { ReleaseCommand } from './forms.ts'
import type { CustodyService } from './service.ts'

/**
 * Custody and release over the JSON API (`/api/v1`). Thin: every rule, access check, audit, lifecycle change and
 * outbox event (`person.released`) is the custody service's, the same functions the pages use. A POST honours
 * `Idempotency-Key` (src/web/plugins/idempotency.ts, for every API POST).
 */

const tags = ['custody']
const date = { type: 'string', format: 'date' } as const
const nullableDate = { type: 'string', format: 'date', nullable: true } as const
const period = {
  type: 'object',
  nullable: true,
  properties: { fromKey: { type: 'string' }, from: date, toKey: { type: 'string' }, to: date },
} as const

const CustodyResponse = {
  description: 'Each custodial sentence with its custody record, key dates, licence and PSS periods',
  type: 'object',
  properties: {
    crn: { type: 'string' },
    caseStatus: { type: 'string' },
    firstAppointment: {
      type: 'object',
      nullable: true,
      description: 'After the latest release: the first appointment, due within 1 working day of release',
      properties: {
        releasedOn: date,
        dueBy: date,
        arranged: { type: 'boolean', description: 'An appointment has been arranged on or after the release date' },
      },
    },
    sentences: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          eventNumber: { type: 'integer' },
          sentenceDate: date,
          terminated: { type: 'boolean' },
          keyDates: {
            type: 'array',
            description: 'As calculated by the release-date engine and stored by the sentencing feature',
            items: {
              type: 'object',
              properties: { key: { type: 'string', examples: ['CRD'] }, name: { type: 'string' }, date },
            },
          },
          licence: { ...period, description: 'CRD (else ARD) to SLED (else LED)' },
          pss: { ...period, description: 'Post-sentence supervision: the day after the licence ends to the TUSED' },
          noPss: {
            type: 'string',
            nullable: true,
            description: 'Why a term under 2 years has no post-sentence supervision (the repeal), when that is so',
          },
          record: {
            type: 'object',
            nullable: true,
            properties: {
              id: { type: 'integer' },
              prisonNumber: { type: 'string', examples: ['A1234BC'] },
              receptionDate: date,
              prison: {
                type: 'object',
                nullable: true,
                properties: { code: { type: 'string' }, name: { type: 'string' } },
              },
              moves: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { prisonCode: { type: 'string' }, prisonName: { type: 'string' }, movedOn: date },
                },
              },
              prisonOffenderManager: { type: 'string', nullable: true },
              communityManager: {
                type: 'object',
                nullable: true,
                properties: { staffId: { type: 'integer' }, name: { type: 'string', nullable: true } },
              },
              handoverDate: nullableDate,
              releases: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    releasedOn: date,
                    type: { type: 'string', enum: RELEASE_TYPES.map(t => t.code) },
                    firstAppointmentDue: date,
                  },
                },
              },
            },
          },
        },
      },
    },
  },
} as const

interface ReleaseBody {
  releaseDate: string
  releaseType: string
}

const ReleaseBodySchema = Type.Unsafe<ReleaseBody>({
  type: 'object',
  additionalProperties: false,
  required: ['releaseDate', 'releaseType'],
  properties: {
    releaseDate: { type: 'string', maxLength: 10, description: 'The day of the release (YYYY-MM-DD)' },
    releaseType: { type: 'string', maxLength: 20, enum: RELEASE_TYPES.map(t => t.code) },
  },
})

/** The body as a command: a date that is not a real date is refused on `releaseDate`. */
function releaseCommand(body: ReleaseBody): Parsed<ReleaseCommand> {
  const errors: FieldError[] = []
  let releasedOn: LocalDate | null = null
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(body.releaseDate)
  try {
    if (parts) releasedOn = LocalDate.of(Number(parts[1]), Number(parts[2]), Number(parts[3]))
  } catch (e) {
    if (!(e instanceof DateTimeException)) throw e
  }
  if (!releasedOn) errors.push({ field: 'releaseDate', message: 'The release date must be a real date (YYYY-MM-DD)' })
  if (!isReleaseType(body.releaseType)) errors.push({ field: 'releaseType', message: 'Select the type of release' })
  return errors.length
    ? { ok: false, errors }
    : { ok: true, value: { releasedOn: releasedOn!, type: body.releaseType as ReleaseType } }
}

type Options = { custody: CustodyService }

export const custodyApiRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { custody }) => {
  app.get(
    '/people/:crn/custody',
    {
      schema: {
        tags,
        operationId: 'getCustody',
        summary: 'A person’s custody: prison, prison number, moves, managers, key dates, licence and PSS periods',
        params: CrnParams,
        response: { 200: CustodyResponse, 404: errorResponses[404], ...commonErrors },
      },
      config: { access: 'person:read', audit: { action: CUSTODY_VIEW, page: 'api-custody' } },
    },
    async request => {
      const page = await custody.page(ctxOf(request), request.params.crn.toUpperCase())
      return {
        crn: page.person.crn,
        caseStatus: page.caseStatus,
        firstAppointment: page.firstAppointment,
        sentences: page.sentences,
      }
    },
  )

  app.post(
    '/people/:crn/releases',
    {
      schema: {
        tags,
        operationId: 'recordRelease',
        summary: 'Record the actual release from custody',
        description:
          'Refused (400, the field named) before the sentence or reception date, after the licence expiry (SLED/LED), ' +
          'after today, or when the case is not in custody (not recalled, for `re_release`). Moves the case on licence ' +
          'in the same transaction, stamps the custody record, starts the first appointment clock (1 working day) and ' +
          'records the outbox event `person.released`. Send `Idempotency-Key` to retry safely.',
        params: CrnParams,
        body: ReleaseBodySchema,
        response: {
          201: {
            description: 'Recorded, with the case status that follows and the first appointment’s due date',
            type: 'object',
            properties: {
              custodyRecordId: { type: 'integer' },
              releasedOn: date,
              releaseType: { type: 'string' },
              firstAppointmentDue: date,
              caseStatus: { type: 'string' },
            },
          },
          400: errorResponses[400],
          404: errorResponses[404],
          409: errorResponses[409],
          ...commonErrors,
        },
      },
      config: { access: 'person:update' },
    },
    async (request, reply) => {
      const result = await custody.recordRelease(
        ctxOf(request),
        request.params.crn.toUpperCase(),
        releaseCommand(request.body),
      )
      return reply.status(201).send(result)
    },
  )
}
