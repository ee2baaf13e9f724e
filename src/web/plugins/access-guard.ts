import fp from 'fastify-plugin'
import { hasPermission } from '../../access/policy.ts'
import type { Permission } from '../../access/roles.ts'
import { ForbiddenError, UnauthenticatedError } from '../../errors.ts'

/**
 * Every route declares what it requires (`config: { access: 'person:read' }`). A route registered without
 * one stops the app at start-up, so no route can forget its access check. Person-level checks (provider,
 * team, managers, limited access) happen in the services through `access/policy.ts`.
 */

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Permission
  }
}

export default fp(
  async app => {
    app.addHook('onRoute', route => {
      const config = (route.config ?? {}) as { access?: Permission }
      if (config.access) return
      // Static files (GOV.UK Frontend assets and our CSS/JS) are public.
      if (route.url.startsWith('/assets')) {
        route.config = { ...config, access: 'public' } as typeof route.config
        return
      }
      throw new Error(`Route ${route.method} ${route.url} has no access rule (config.access)`)
    })

    app.addHook('preHandler', async request => {
      const access = (request.routeOptions.config as { access?: Permission }).access
      if (!access || access === 'public') return
      if (!request.user) throw new UnauthenticatedError()
      if (!hasPermission(request.user, access)) throw new ForbiddenError('Your role does not allow this')
    })
  },
  { name: 'access-guard' },
)
