import swagger from '@fastify/swagger'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Clock } from '../../clock.ts'
import type { Services } from '../../services.ts'
import { hasPermission } from '../../access/policy.ts'
import { ForbiddenError, ProbityError } from '../../errors.ts'
import { allocationApiRoutes } from '../allocation/index.ts'
import { sentencingApiRoutes, sentencingSchemas } from '../sentencing/index.ts'
import { custodyApiRoutes } from '../custody/index.ts'
import { courtApiRoutes } from '../court/index.ts'
import { supervisionApiRoutes } from '../supervision/index.ts'
import { licenceApiRoutes, licenceSchemas } from '../licences/index.ts'
import { recallApiRoutes, recallSchemas } from '../recall/index.ts'
import { resettlementApiRoutes } from '../resettlement/index.ts'
import { mappaApiRoutes } from '../mappa/index.ts'
import { approvedPremisesApiRoutes } from '../approved-premises/index.ts'
import { unpaidWorkApiRoutes } from '../unpaid-work/index.ts'
import { partnerServicesApiRoutes } from '../partner-services/index.ts'
import { contractsApiRoutes } from '../contracts/index.ts'
import { victimsApiRoutes } from '../victims/index.ts'
import { calculationRoutes } from './calculations.ts'
import { peopleApiRoutes, peopleSchemas } from './people.ts'
import { sharedSchemas } from '../../web/api-schemas.ts'

export interface ApiOptions {
  services: Services
  clock: Clock
}

/** The tags that group the endpoints in the OpenAPI document. Only tagged routes are documented. */
const TAGS = [
  { name: 'people', description: 'Find, read, create and update people on probation' },
  { name: 'calculations', description: 'The pure calculators: tier, risk predictors and release dates' },
  { name: 'court', description: 'Court lists, hearings and pre-sentence reports' },
  { name: 'sentences', description: 'Events (convictions), offences, sentences and their requirements' },
  {
    name: 'custody',
    description:
      'Custody records (prison, moves, offender managers) and releases. Events: `person.custody.received`, ' +
      '`person.custody.moved`, `person.custody.managers_changed`, `person.released`, `person.pss_started`',
  },
  { name: 'allocations', description: 'Unallocated cases, the provider decision, allocation and its history' },
  { name: 'supervision', description: 'Appointments, outcomes and enforcement actions' },
  {
    name: 'resettlement',
    description:
      'Through the Gate: screening, needs by pathway, the resettlement plan, the release-day plan. Events: ' +
      '`resettlement.screening-recorded`, `resettlement.needs-recorded`, `resettlement.action-added`, ' +
      '`resettlement.action-done`, `resettlement.release-day-plan-recorded`',
  },
  {
    name: 'mappa',
    description:
      'MAPPA: the category worked out from the record, the level, MAPP meetings and risk management actions. ' +
      'Events: `mappa.level-set`, `mappa.meeting-recorded`, `mappa.fact-recorded`, `mappa.fact-ended`, ' +
      '`mappa.action-added`, `mappa.action-done`',
  },
  {
    name: 'approved-premises',
    description:
      'Approved premises: premises, beds, the bed plan and bookings. Events: `ap.booking.made`, ' +
      '`ap.booking.changed`, `ap.booking.cancelled`, `ap.bed.out-of-service`; a stay: `ap.arrived`, `ap.not-arrived`, ' +
      '`ap.curfew-breached`, `ap.departed`',
  },
  {
    name: 'unpaid-work',
    description:
      'Unpaid work (Community Payback): a person’s orders with their hours, the incentive and the clocks. Events: ' +
      '`upw.project.created`, `upw.project.completed`, `upw.session.created`, `upw.session.stood-down`, ' +
      '`upw.allocated`, `upw.allocation-removed`, `upw.session.recorded`, `upw.commitment.added`, ' +
      '`upw.commitment.ended`; nominations from the public: `cp.nomination.received`, `cp.nomination.status-changed`',
  },
  {
    name: 'partner-services',
    description:
      'Partner services: the directory of the organisations (prime, tier 2 and tier 3) that deliver rehabilitative ' +
      'services, searchable by need, area and whether a service takes referrals; a case’s referrals (what was ' +
      'shared, the partner’s plans and sessions) and sending one. Events (no personal details): `referral.sent`, ' +
      '`referral.withdrawn`, `referral.action-plan.approved`',
  },
  {
    name: 'licences',
    description:
      'Licences: conditions, approval, variations and the licence period. Events: `licence.approved`, `licence.varied`',
  },
  {
    name: 'victims',
    description:
      'The Victim Contact Scheme (a token with the `victims` scope and a victim liaison role): victims, referrals ' +
      'from the witness care unit. Events (ids only): `victim.referral-recorded`',
  },
  {
    name: 'recalls',
    description:
      'Recall decisions on licence cases: consultation, decision, Part A, PPCS, custody. Events: `recall.considered`, ' +
      '`recall.decided`, `recall.sent-to-ppcs`, `recall.returned-to-custody`',
  },
  {
    name: 'contracts',
    description:
      'Contracts and payment by results (a contract manager’s token): contracts with their terms and supply chain, ' +
      'and a quarter’s statement (proven reoffending against the baseline, payments and each subcontractor’s share)',
  },
  {
    name: 'partner',
    description:
      'The partner API (issue 18; a token with the `partner` scope acting as a partner organisation’s user): only ' +
      'the referrals sent to that organisation and only what was shared; accept or decline, the action plan, ' +
      'sessions, the end-of-service report and incidents. Events (the reference, never the person’s details): ' +
      '`referral.sent`, `referral.accepted`, `referral.declined`, `referral.action-plan.submitted`, ' +
      '`referral.session.recorded`, `referral.completed`, `referral.withdrawn`, `referral.incident-reported`',
  },
]

/**
 * The versioned JSON API for other systems, mounted at `/api/v1`.
 *
 * Other systems authenticate with `Authorization: Bearer <token>` (tokens are issued by an administrator and
 * act as the user they were issued to, so the same access policy and audit apply). Every route declares
 * params, query, body and response schemas: they validate requests, shape responses and generate the OpenAPI
 * document served at `/api/v1/openapi.json`. `@fastify/swagger` is registered inside this plugin's scope, so
 * only these routes appear in it, never the pages.
 */
export async function apiRoutes(app: FastifyInstance, { services, clock }: ApiOptions) {
  for (const schema of [...sharedSchemas, ...peopleSchemas, ...sentencingSchemas, ...licenceSchemas, ...recallSchemas])
    app.addSchema(schema)
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Probity API',
        version: '1.0.0',
        description:
          'The JSON API of Probity, for other systems. Send `Authorization: Bearer <token>` with every request. ' +
          'Every error has the body `{ "error": { "code", "message", "fields"? } }`.',
      },
      tags: TAGS,
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API token issued by an administrator' },
        },
      },
      security: [{ bearerAuth: [] }],
    },
    hideUntagged: true,
    // Name shared schemas after their $id in `components.schemas` (the default is def-0, def-1…).
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
    },
  })

  // Refuse a request without a usable token, or whose role lacks the route's permission, before the body is even
  // validated, with the API's error body (and the challenge header other systems expect). The access guard checks
  // the role again later (preHandler), as for every route.
  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config.access
    if (access === 'public') return
    if (!request.user) {
      reply.header('www-authenticate', 'Bearer')
      throw unauthenticated(request)
    }
    if (access && !hasPermission(request.user, access)) throw new ForbiddenError('Your role does not allow this')
  })

  app.get('/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger())

  await app.register(peopleApiRoutes, { people: services.people })
  await app.register(calculationRoutes, { clock })
  await app.register(courtApiRoutes, { court: services.court })
  await app.register(sentencingApiRoutes, { sentencing: services.sentencing })
  await app.register(custodyApiRoutes, { custody: services.custody })
  await app.register(allocationApiRoutes, { allocation: services.allocation })
  await app.register(supervisionApiRoutes, { supervision: services.supervision })
  await app.register(licenceApiRoutes, { licences: services.licences })
  await app.register(recallApiRoutes, { recall: services.recall })
  await app.register(resettlementApiRoutes, { resettlement: services.resettlement })
  await app.register(mappaApiRoutes, { mappa: services.mappa })
  await app.register(victimsApiRoutes, { victims: services.victims })
  await app.register(approvedPremisesApiRoutes, { approvedPremises: services.approvedPremises })
  await app.register(unpaidWorkApiRoutes, { unpaidWork: services.unpaidWork })
  await app.register(partnerServicesApiRoutes, { partnerServices: services.partnerServices })
  await app.register(contractsApiRoutes, { contracts: services.contracts })
}

/** The 401 for a request without a usable token: none sent, or one that is unknown or revoked. */
function unauthenticated(request: FastifyRequest): ProbityError {
  const sent = request.headers.authorization?.startsWith('Bearer ')
  return new ProbityError(
    'unauthenticated',
    401,
    sent
      ? 'The API token is not valid: it is unknown or has been revoked.'
      : 'Send an API token: Authorization: Bearer <token>.',
  )
}
