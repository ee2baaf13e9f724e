import { randomUUID } from 'node:crypto'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import cookie from '@fastify/cookie'
import formbody from '@fastify/formbody'
import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import fastifyStatic from '@fastify/static'
import Fastify, { type FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { Config } from '../config.ts'
import type { Database } from '../db/schema.ts'
import { adminRoutes } from '../features/admin/index.ts'
import { allocationRoutes } from '../features/allocation/index.ts'
import { apiRoutes } from '../features/api/index.ts'
import { calculatorRoutes } from '../features/calculators/index.ts'
import { caseloadRoutes } from '../features/caseload/index.ts'
import { courtRoutes } from '../features/court/index.ts'
import { healthRoutes } from '../features/health/index.ts'
import { homeRoutes } from '../features/home/index.ts'
import { peopleRoutes } from '../features/people/index.ts'
import { riskRoutes } from '../features/risk/index.ts'
import { sentencingRoutes } from '../features/sentencing/index.ts'
import { recallRoutes } from '../features/recall/index.ts'
import { custodyRoutes } from '../features/custody/index.ts'
import { sharingRoutes } from '../features/sharing/index.ts'
import { signInRoutes } from '../features/sign-in/index.ts'
import { supervisionRoutes } from '../features/supervision/index.ts'
import { licenceRoutes } from '../features/licences/index.ts'
import { resettlementRoutes } from '../features/resettlement/index.ts'
import { mappaRoutes } from '../features/mappa/index.ts'
import { approvedPremisesRoutes } from '../features/approved-premises/index.ts'
import { victimsRoutes } from '../features/victims/index.ts'
import { unpaidWorkRoutes } from '../features/unpaid-work/index.ts'
import { partnerServicesRoutes } from '../features/partner-services/index.ts'
import { contractsRoutes } from '../features/contracts/index.ts'
import { outcomesRoutes } from '../features/outcomes/index.ts'
import { teamPerformanceRoutes } from '../features/team-performance/index.ts'
import { communityPaybackRoutes } from '../features/community-payback/index.ts'
import { systemClock, type Clock } from '../clock.ts'
import { createServices } from '../services.ts'
import { setUpErrorHandling } from './error-handler.ts'
import { isRealIsoDate } from './schemas.ts'
import accessGuard from './plugins/access-guard.ts'
import authentication from './plugins/authentication.ts'
import caseGlance from './plugins/case-glance.ts'
import csrf from './plugins/csrf.ts'
import idempotency from './plugins/idempotency.ts'
import inputGuard from './plugins/input-guard.ts'
import uploads from './plugins/uploads.ts'
import views, { packageDir } from './plugins/views.ts'

const here = dirname(fileURLToPath(import.meta.url))
const REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/

export interface AppOptions {
  config: Config
  db: Kysely<Database>
  databaseKind: string
  clock?: Clock
  /** Pino logger options, or false for none (tests). */
  logger?: boolean | object
}

/** TRUST_PROXY as Fastify takes it: the proxies' addresses, or a hop count as the function Fastify makes of one. */
function trustedProxies(trust: Config['trustProxy']): false | string[] | ((address: string, hop: number) => boolean) {
  if (trust === false) return false
  if (typeof trust === 'number') return (_address, hop) => hop < trust
  return [...trust]
}

/** Helmet's headers (a strict CSP with nonces), and HSTS on every request that came over TLS. */
async function securityHeaders(app: FastifyInstance, config: Config) {
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    // Strict-Transport-Security is sent below, on every request that came over TLS.
    hsts: false,
  })
  // Whenever the request came over TLS (directly, or through a trusted proxy's X-Forwarded-Proto), tell the browser
  // to use only TLS from now on; over plain HTTP the header means nothing (RFC 6797 §7.2), so it is not sent.
  app.addHook('onSend', async (request, reply) => {
    if (request.protocol === 'https' || config.session.secureCookies === 'always') {
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains')
    }
  })
}

/**
 * Builds the web application: security plugins first, then one encapsulated plugin per feature.
 * `probity serve` only listens; tests call `buildApp` and `app.inject()`.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, db } = options
  const app = Fastify({
    logger: options.logger ?? {
      level: config.logLevel,
      // Query strings carry names and dates of birth (search); logs keep the path only.
      serializers: {
        req: request => ({ method: request.method, url: request.url.split('?')[0], remoteAddress: request.ip }),
      },
    },
    // Only the configured proxies' X-Forwarded-* are believed (TRUST_PROXY), so `request.ip` and `request.protocol`
    // are the client's and the TLS hop's, not whatever a client claims.
    trustProxy: trustedProxies(config.trustProxy),
    // Keep the caller's request id when it looks like one, so a request can be traced across systems.
    genReqId: request => {
      const incoming = request.headers['x-request-id']
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID()
    },
    bodyLimit: 1_048_576,
    // Report every field at fault in one answer, not just the first (GOV.UK error summaries, API `fields`).
    // The `date` format refuses the year 0000 too (PostgreSQL cannot store it: a 500 otherwise).
    ajv: {
      customOptions: { allErrors: true },
      onCreate: ajv => ajv.addFormat('date', { type: 'string', validate: isRealIsoDate }),
    },
  })
  const services = createServices({ config, db, clock: options.clock ?? systemClock })

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })
  // Multipart forms are read before the input guard and the CSRF check (root preValidation hooks), see uploads.ts.
  await app.register(uploads)
  await app.register(inputGuard)
  await app.register(accessGuard, { db, clock: options.clock, formerManagerMonths: config.sharing.formerManagerMonths })
  await app.register(cookie)
  await app.register(formbody)
  await securityHeaders(app, config)
  // Static assets are cheap and a page pulls several: counting them would let one busy office
  // behind a shared address exhaust its page allowance on stylesheets and fonts.
  await app.register(rateLimit, {
    max: 600,
    timeWindow: '1 minute',
    allowList: request => request.url.startsWith('/assets/'),
  })
  await app.register(authentication, { db, config, clock: options.clock ?? systemClock })
  await app.register(csrf, { config })
  await app.register(idempotency, { db, clock: options.clock ?? systemClock })
  await app.register(views, { config })
  await app.register(caseGlance, {
    db,
    clock: options.clock ?? systemClock,
    formerManagerMonths: config.sharing.formerManagerMonths,
  })
  app.addHook('onSend', async (request, reply) => {
    if (!request.url.startsWith('/assets')) reply.header('cache-control', 'no-store')
  })
  app.addHook('preHandler', async request => {
    if (request.user) request.log = request.log.child({ userId: request.user.id })
  })

  // GOV.UK Frontend's CSS refers to its fonts and images as /assets/..., so its assets folder, its compiled
  // CSS and JS, and our own small additions are all served from /assets/ (first match wins).
  const govuk = join(packageDir('govuk-frontend'), 'dist', 'govuk')
  await app.register(fastifyStatic, { root: [join(govuk, 'assets'), govuk, join(here, 'public')], prefix: '/assets/' })
  await app.register(fastifyStatic, {
    root: join(packageDir('@ministryofjustice/frontend'), 'moj'),
    prefix: '/assets/moj/',
    decorateReply: false,
  })

  setUpErrorHandling(app, config)

  await registerFeatures(app, services, db, options)

  return app
}

/** Every feature's routes, each given only its own service. */
async function registerFeatures(
  app: FastifyInstance,
  services: ReturnType<typeof createServices>,
  db: Kysely<Database>,
  options: AppOptions,
): Promise<void> {
  await app.register(healthRoutes, { db, databaseKind: options.databaseKind })
  await app.register(signInRoutes, { signIn: services.signIn, config: options.config })
  await app.register(homeRoutes, { home: services.home })
  await app.register(peopleRoutes, { people: services.people })
  await app.register(riskRoutes, { risk: services.risk })
  await app.register(courtRoutes, { court: services.court })
  await app.register(sentencingRoutes, { sentencing: services.sentencing })
  await app.register(custodyRoutes, { custody: services.custody })
  await app.register(allocationRoutes, { allocation: services.allocation })
  await app.register(supervisionRoutes, { supervision: services.supervision })
  await app.register(recallRoutes, { recall: services.recall })
  await app.register(licenceRoutes, { licences: services.licences })
  await app.register(resettlementRoutes, { resettlement: services.resettlement })
  await app.register(mappaRoutes, { mappa: services.mappa })
  await app.register(victimsRoutes, { victims: services.victims })
  await app.register(approvedPremisesRoutes, { approvedPremises: services.approvedPremises })
  await app.register(unpaidWorkRoutes, { unpaidWork: services.unpaidWork })
  await app.register(partnerServicesRoutes, { partnerServices: services.partnerServices })
  // The public face (no sign-in): its own encapsulated plugin under /community-payback.
  await app.register(communityPaybackRoutes, { communityPayback: services.communityPayback })
  // Convictions imports for contract managers, and the public outcomes dashboard at /outcomes (no sign-in).
  await app.register(outcomesRoutes, { outcomes: services.outcomes })
  await app.register(contractsRoutes, { contracts: services.contracts })
  await app.register(teamPerformanceRoutes, { teamPerformance: services.teamPerformance })
  await app.register(sharingRoutes, { sharing: services.sharing })
  await app.register(caseloadRoutes, { caseload: services.caseload })
  await app.register(adminRoutes, { prefix: '/admin', admin: services.admin })
  await app.register(calculatorRoutes, { clock: options.clock ?? systemClock })
  await app.register(apiRoutes, { prefix: '/api/v1', services, clock: options.clock ?? systemClock })
}
