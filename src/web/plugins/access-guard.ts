import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'
import type { FastifyRequest } from 'fastify'
import { audit } from '../../access/audit.ts'
import { loadPersonAccessByCrn, loadPersonAccessByCrnWith } from '../../access/person-access.ts'
import {
  canReadPerson,
  canUpdatePerson,
  DEFAULT_FORMER_MANAGER_MONTHS,
  hasPermission,
  SHARING_BASES,
  TIME_LIMITED_PAGES,
  type AccessDecision,
  type PersonAccessFacts,
} from '../../access/policy.ts'
import type { Permission } from '../../access/roles.ts'
import { auditRefusal, wholeRecord } from '../../access/with-person.ts'
import { systemClock, type Clock } from '../../clock.ts'
import type { Database } from '../../db/schema.ts'
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../../errors.ts'
import { caseGlanceAlongside } from '../../features/case-summary/index.ts'
import { crnParamOf, ctxOf } from '../request-context.ts'
import { glanceWanted } from './case-glance.ts'

/**
 * Every route declares what it requires (`config: { access: 'person:read' }`). A route registered without
 * one stops the app at start-up, so no route can forget its access check. Person-level checks (provider,
 * team, managers, limited access) happen here for every `:crn` route and again in the services through
 * `access/with-person.ts`.
 *
 * A route that shows a person's record declares what is being viewed (`config: { audit: { action: 'PERSON_VIEW',
 * page: 'addresses' } }`): the guard writes that view to the audit trail once the page has been produced (a 2xx or
 * 3xx answer), before it is sent, so no successful look at a record goes unaudited. A refusal is audited here too.
 */

/**
 * What a route's successful answer shows, for the audit trail: written by the guard, or — where the row depends on
 * what the service found (a court list names each person on it) — declared here and written by the service.
 */
export type RouteAudit = GuardAudit | ServiceAudit

/** Written by the guard after a successful answer. */
export interface GuardAudit {
  /** The audit action, e.g. PERSON_VIEW. */
  readonly action: string
  /** Which page of the record (kept in the row's detail as `page`). */
  readonly page?: string
  /** Anything else the row should say, read from the request (an id from the path, say). */
  readonly detail?: (request: FastifyRequest) => Record<string, unknown>
}

/** Written by the service, in its read transaction, because the row depends on what it found. */
export interface ServiceAudit {
  readonly writtenBy: 'service'
  /** The audit action the service writes, e.g. DOCUMENT_VIEW. */
  readonly action: string
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Permission
    audit?: RouteAudit
  }
  interface FastifyRequest {
    /**
     * The person a `:crn` route is about, once the guard has let the request through; with the basis when the user
     * reads it through sharing (a former manager, a grant, urgent access), which the view's audit row records.
     */
    auditedPerson?: { personId: number; crn: string; basis?: string; grantId?: number }
    /** The access facts the guard read for `auditedPerson`, handed to services through `ctxOf` (one read a page). */
    checkedFacts?: PersonAccessFacts
  }
  interface FastifyInstance {
    /** Every route and what it requires: for the access-matrix test and for reviewers. */
    routeTable: { method: string; url: string; access: Permission }[]
  }
}

const PERSON_PERMISSIONS = new Set<Permission>(['person:read', 'person:update'])

export default fp<{ db: Kysely<Database>; clock?: Clock; formerManagerMonths?: number }>(
  async (app, { db, clock = systemClock, formerManagerMonths = DEFAULT_FORMER_MANAGER_MONTHS }) => {
    const routeTable: { method: string; url: string; access: Permission }[] = []
    app.decorate('routeTable', routeTable)
    app.addHook('onRoute', route => {
      const config: { access?: Permission; audit?: RouteAudit } = route.config ?? {}
      const methods = [route.method].flat()
      for (const method of methods) {
        if (config.access && method !== 'HEAD') routeTable.push({ method, url: route.url, access: config.access })
      }
      if (config.access) {
        // A page or API read of one person's record must say what the trail records of it.
        if (
          methods.includes('GET') &&
          route.url.includes(':crn') &&
          PERSON_PERMISSIONS.has(config.access) &&
          !config.audit
        )
          throw new Error(`Route GET ${route.url} reads a person's record but declares no audit (config.audit)`)
        return
      }
      // Static files (GOV.UK Frontend assets and our CSS/JS) are public.
      if (route.url.startsWith('/assets')) {
        route.config = { ...config, access: 'public' } as typeof route.config
        return
      }
      throw new Error(`Route ${route.method} ${route.url} has no access rule (config.access)`)
    })

    // preValidation: after sign-in is known, before the input is validated, so a refused user learns nothing
    // from validation messages either.
    app.addHook('preValidation', async request => {
      const access = request.routeOptions.config.access
      if (!access || access === 'public') return
      if (!request.user) throw new UnauthenticatedError()
      if (!hasPermission(request.user, access)) throw new ForbiddenError('Your role does not allow this')
      // A route about one person (`:crn`) is checked against that person here too; services check again.
      const crn = crnParamOf(request)
      // (A malformed CRN is left to the route's schema; `person:audit` roles may see who looked at any record.)
      if (crn && PERSON_PERMISSIONS.has(access)) {
        const at = { now: clock.now(), formerManagerMonths }
        // A page that shows the case at a glance reads it in this statement too (one round trip fewer); the row is
        // handed on below only if the policy lets the request through.
        const glance = glanceWanted(request)
        const withGlance = glance
          ? await loadPersonAccessByCrnWith(db, crn, at, caseGlanceAlongside(crn, clock.today()))
          : undefined
        const facts = glance ? withGlance?.facts : await loadPersonAccessByCrn(db, crn, at)
        if (!facts) throw new NotFoundError('There is no person with that CRN')
        const person = { personId: facts.personId, crn }
        const decision = personDecision(request, access, facts)
        if (!decision.allowed) {
          await auditRefusal(db, ctxOf(request), person, access, decision, { route: request.routeOptions.url })
          throw new ForbiddenError(decision.reason)
        }
        request.auditedPerson = { ...person, ...sharingBasis(decision) }
        request.checkedFacts = facts
        if (withGlance) request.caseGlanceRow = withGlance.alongside
      }
    })

    // The declared view is audited once the answer is ready and before it is sent: a failed write fails the request.
    app.addHook('onSend', async (request, reply, payload) => {
      const declared = request.routeOptions.config?.audit
      if (!declared || 'writtenBy' in declared || reply.statusCode >= 400 || !request.user) return payload
      const person = request.auditedPerson ?? (await personOfRoute(db, request))
      const basis = request.auditedPerson?.basis
      const detail = {
        ...(declared.page ? { page: declared.page } : {}),
        ...(basis ? { basis, grantId: request.auditedPerson?.grantId } : {}),
        ...declared.detail?.(request),
      }
      await audit(db, ctxOf(request), {
        action: declared.action,
        personId: person?.personId ?? null,
        subject: person?.crn ?? null,
        ...(Object.keys(detail).length > 0 ? { detail } : {}),
      })
      return payload
    })
  },
  { name: 'access-guard' },
)

/**
 * The policy's answer for this route. A reader whose access covers only what was recorded before a date (a former
 * manager) may open only the pages that filter by it (`TIME_LIMITED_PAGES`).
 */
function personDecision(
  request: FastifyRequest,
  access: Permission,
  facts: Parameters<typeof canReadPerson>[1],
): AccessDecision {
  if (access === 'person:update') return canUpdatePerson(request.user, facts)
  const read = canReadPerson(request.user, facts)
  return TIME_LIMITED_PAGES.has(request.routeOptions.url ?? '') ? read : wholeRecord(read)
}

/** The basis of a read through sharing, for the audit row of the view (nothing for the managing provider's own). */
function sharingBasis(decision: AccessDecision): { basis?: string; grantId?: number } {
  if (!decision.allowed || !(SHARING_BASES as readonly string[]).includes(decision.basis)) return {}
  return { basis: decision.basis, ...(decision.grantId ? { grantId: decision.grantId } : {}) }
}

/** The person named by a route's `:crn`, when the guard did not already load them (`person:audit` routes). */
async function personOfRoute(db: Kysely<Database>, request: FastifyRequest) {
  const crn = crnParamOf(request)
  if (!crn) return undefined
  const facts = await loadPersonAccessByCrn(db, crn)
  return facts ? { personId: facts.personId, crn } : undefined
}
