import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'
import { audit } from '../../access/audit.ts'
import { loadPersonAccessByCrn } from '../../access/person-access.ts'
import { canReadPerson, canUpdatePerson, hasPermission } from '../../access/policy.ts'
import type { Permission } from '../../access/roles.ts'
import type { Database } from '../../db/schema.ts'
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../../errors.ts'
import { ctxOf } from '../request-context.ts'

/**
 * Every route declares what it requires (`config: { access: 'person:read' }`). A route registered without
 * one stops the app at start-up, so no route can forget its access check. Person-level checks (provider,
 * team, managers, limited access) happen in the services through `access/policy.ts`.
 */

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Permission
  }
  interface FastifyInstance {
    /** Every route and what it requires: for the access-matrix test and for reviewers. */
    routeTable: { method: string; url: string; access: Permission }[]
  }
}

const PERSON_PERMISSIONS = new Set<Permission>(['person:read', 'person:update'])

export default fp<{ db: Kysely<Database> }>(
  async (app, { db }) => {
    const routeTable: { method: string; url: string; access: Permission }[] = []
    app.decorate('routeTable', routeTable)
    app.addHook('onRoute', route => {
      const config = (route.config ?? {}) as { access?: Permission }
      for (const method of [route.method].flat()) {
        if (config.access && method !== 'HEAD') routeTable.push({ method, url: route.url, access: config.access })
      }
      if (config.access) return
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
      const access = (request.routeOptions.config as { access?: Permission }).access
      if (!access || access === 'public') return
      if (!request.user) throw new UnauthenticatedError()
      if (!hasPermission(request.user, access)) throw new ForbiddenError('Your role does not allow this')
      // A route about one person (`:crn`) is checked against that person here too; services check again.
      const crn = (request.params as { crn?: unknown } | undefined)?.crn
      // (A malformed CRN is left to the route's schema; `person:audit` roles may see who looked at any record.)
      if (typeof crn === 'string' && /^[A-Za-z][0-9]{6}$/.test(crn) && PERSON_PERMISSIONS.has(access)) {
        const facts = await loadPersonAccessByCrn(db, crn.toUpperCase())
        if (!facts) throw new NotFoundError('There is no person with that CRN')
        const person = { id: facts.personId }
        const decision = access === 'person:update' ? canUpdatePerson(request.user, facts) : canReadPerson(request.user, facts)
        if (!decision.allowed) {
          await audit(db, ctxOf(request), { action: 'ACCESS_DENIED', personId: person.id, subject: crn, detail: { route: request.routeOptions.url, reason: decision.reason } })
          throw new ForbiddenError(decision.reason)
        }
      }
    })
  },
  { name: 'access-guard' },
)
