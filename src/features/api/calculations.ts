import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ProbityError, ValidationError } from '../../errors.ts'
import { runReleaseDateRequests } from '../../domain/release-dates/index.ts'
import { scoreRequests, PREDICTORS } from '../../domain/risk/index.ts'
import { runTierRequests, CALCULATIONS } from '../../domain/tier/index.ts'
import type { Clock } from '../../clock.ts'
import { commonErrors } from '../../web/api-schemas.ts'

/**
 * The pure calculators over HTTP, with the same request and result formats as `probity tier`, `probity risk` and
 * `probity calc release-dates` (test/vectors/*.json `_meta.contract`): the CLI and the API call the same batch
 * functions in `src/domain`.
 *
 * The body is one request object or an array of them. One request answers with its result, or 400 with the
 * reason it was refused. An array answers 200 with one result per request, in order; a refused request is
 * answered `{ id, error }` in its place and does not stop the others (as in the CLI).
 */

const MAX_BATCH = 1000

const id = { description: 'Any value; echoed back in the result so a batch can be matched up.' }
const batchItem = (name: string) => ({
  type: 'object',
  description: `A ${name} request, as for a single request. Each is checked on its own: a refused one is answered { id, error } in its place.`,
})

/**
 * One request or a batch of them. Only a single request is checked field by field here; batch items by the calculator
 * (so the handler reads the body as `unknown` and the calculator's batch function judges it).
 */
const oneOrMany = (single: object, name: string) =>
  Type.Unsafe<unknown>({
    oneOf: [single, { type: 'array', maxItems: MAX_BATCH, items: batchItem(name) }],
  })

const ExplainQuery = Type.Object(
  { explain: Type.Optional(Type.Boolean({ default: false, description: "Add each score's explanation" })) },
  { additionalProperties: false },
)

const TierRequest = {
  type: 'object',
  required: ['calculation', 'calculationDate', 'inputs'],
  properties: {
    id,
    calculation: { type: 'string', enum: [...CALCULATIONS], description: 'Tier v2 (A–D × 0–3) or tier v3 (A–G)' },
    calculationDate: { type: 'string', format: 'date' },
    inputs: {
      type: 'object',
      additionalProperties: true,
      description: 'The calculation inputs (test/vectors/tier.json `_meta`)',
    },
  },
}
const TierResult = {
  type: 'object',
  properties: {
    id,
    output: {
      type: 'object',
      additionalProperties: true,
      description:
        'v2: protectPoints, protectLevel, changePoints, changeLevel, mandateForChange, tierScore; v3: tier, provisional',
    },
    error: { type: 'string' },
    fields: { type: 'array', items: { $ref: 'FieldError#' } },
  },
}

const RiskRequest = {
  type: 'object',
  required: ['predictor', 'inputs'],
  properties: {
    id,
    predictor: { type: 'string', enum: [...PREDICTORS] },
    coefficients: { type: 'string', enum: ['oasys', 'full'], description: 'Default: oasys' },
    inputs: {
      type: 'object',
      additionalProperties: true,
      description: 'Named as in the MoJ risk actuarial API (test/vectors/risk-predictors.json)',
    },
  },
}
const RiskResult = {
  type: 'object',
  properties: {
    id,
    output: {
      type: 'object',
      additionalProperties: true,
      description: 'Scores, band, algorithm and version (and explanation when asked)',
    },
    error: { type: 'string' },
    errors: { type: 'array', items: { $ref: 'FieldError#' } },
  },
}

const term = {
  type: 'object',
  properties: {
    years: { type: 'integer' },
    months: { type: 'integer' },
    weeks: { type: 'integer' },
    days: { type: 'integer' },
  },
}
const adjustmentList = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      days: { type: 'integer' },
      appliesFrom: { type: 'string', format: 'date' },
      recordedFrom: { type: 'string', format: 'date' },
      recordedTo: { type: 'string', format: 'date' },
    },
  },
}
const ReleaseDatesRequest = {
  type: 'object',
  required: ['offender', 'sentences'],
  properties: {
    id,
    offender: {
      type: 'object',
      required: ['dateOfBirth'],
      properties: { dateOfBirth: { type: 'string', format: 'date' }, activeSexOffender: { type: 'boolean' } },
    },
    sentences: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['ref', 'sentenceType', 'sentenceDate', 'offenceDate', 'length'],
        properties: {
          ref: { type: 'string' },
          sentenceType: { type: 'string', enum: ['SDS', 'SDS_PLUS'] },
          sentenceDate: { type: 'string', format: 'date' },
          offenceDate: { type: 'string', format: 'date' },
          length: term,
          consecutiveTo: { type: 'string', nullable: true },
          sdsPlusQualifying: { type: 'boolean' },
          section250: { type: 'boolean' },
          earlyReleaseExclusions: { type: 'array', items: { type: 'string' } },
          offenceCode: { type: 'string' },
        },
      },
    },
    adjustments: {
      type: 'object',
      properties: {
        remand: adjustmentList,
        taggedBail: adjustmentList,
        unlawfullyAtLarge: adjustmentList,
        additionalDaysAwarded: adjustmentList,
        restorationOfAdditionalDaysAwarded: adjustmentList,
      },
    },
    rules: {
      type: 'object',
      properties: {
        regime: {
          type: 'string',
          enum: ['standard_50', 'sds40_2024', 'progression_model_2026'],
          description: "Default: the law in force on today's date",
        },
        pssRepealed: { type: 'boolean' },
      },
    },
  },
}
const ReleaseDatesResult = {
  type: 'object',
  properties: {
    id,
    dates: {
      type: 'object',
      description: 'Each key date the booking has (CRD, ARD, SED, LED, SLED, TUSED, HDCED, ESED), as YYYY-MM-DD',
      additionalProperties: { type: 'string', format: 'date' },
    },
    error: { type: 'string' },
  },
}

const refused = {
  description: 'A single request was refused: the reason, and the fields at fault where known',
  $ref: 'Error#',
}

const schemaFor = (operationId: string, summary: string, single: object, result: object, name: string) => ({
  tags: ['calculations'],
  operationId,
  summary,
  body: oneOrMany(single, name),
  response: {
    200: {
      description: 'The result for one request, or an array of results (one per request, in order) for an array',
      oneOf: [result, { type: 'array', items: result }],
    },
    400: refused,
    ...commonErrors,
  },
})

/**
 * Runs a batch and shapes the reply: an array of results for an array; for one request its result, or the error
 * `refusal` makes of it when the calculator refused it.
 */
function answer<R extends object>(
  body: unknown,
  run: (requests: unknown[]) => R[],
  refusal: (result: R) => ProbityError | undefined,
): R | R[] {
  if (Array.isArray(body)) return run(body)
  const [result] = run([body])
  const error = refusal(result)
  if (error) throw error
  return result
}

/** The calculator's reason, with the fields at fault when it named them. */
function refusedWith(message: string, fields: readonly { field: string; message: string }[] | undefined): ProbityError {
  return fields?.length
    ? new ValidationError(fields.map(f => ({ field: f.field, message: f.message })))
    : new ProbityError('validation', 400, message)
}

/** The calculators; release dates are calculated as of today in Europe/London when a request names no regime. */
export const calculationRoutes: FastifyPluginAsyncTypebox<{ clock: Clock }> = async (app, { clock }) => {
  app.post(
    '/calculations/tier',
    {
      schema: schemaFor('calculateTier', 'Calculate a tier (v2 or v3)', TierRequest, TierResult, 'tier'),
      config: { access: 'calculate' },
    },
    async request =>
      answer(request.body, runTierRequests, r => ('error' in r ? refusedWith(r.error, r.fields) : undefined)),
  )

  app.post(
    '/calculations/risk',
    {
      schema: {
        ...schemaFor(
          'calculateRisk',
          'Score an actuarial risk predictor (OGRS3, OGP, OVP, SNSV, OSP/DC, OSP/IIC, RSR)',
          RiskRequest,
          RiskResult,
          'risk',
        ),
        querystring: ExplainQuery,
      },
      config: { access: 'calculate' },
    },
    async request =>
      answer(
        request.body,
        requests => scoreRequests(requests, { explain: request.query.explain ?? false }),
        r => ('error' in r ? refusedWith(r.error, r.errors) : undefined),
      ),
  )

  app.post(
    '/calculations/release-dates',
    {
      schema: schemaFor(
        'calculateReleaseDates',
        'Calculate release dates for a custodial booking',
        ReleaseDatesRequest,
        ReleaseDatesResult,
        'release-dates',
      ),
      config: { access: 'calculate' },
    },
    async request =>
      answer(
        request.body,
        requests => runReleaseDateRequests(requests, { calculationDate: clock.today() }),
        r => ('error' in r ? refusedWith(r.error, undefined) : undefined),
      ),
  )
}
