import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { TeamPerformanceService } from './service.ts'
import { serviceLevelRoutes } from './service-level-routes.ts'
import { workloadRoutes, workloadSettingsRoutes } from './workload-routes.ts'

/**
 * Team performance's pages (issue 19 item 5): the service levels per team, delivery unit or provider and the cases
 * behind a group's misses (audited: it names people), and workload with reductions and settings. No page ranks a
 * practitioner: workload is listed by name, and service levels are never worked out per practitioner.
 */
export const teamPerformanceRoutes: FastifyPluginAsyncTypebox<{ teamPerformance: TeamPerformanceService }> = async (
  app,
  options,
) => {
  await app.register(serviceLevelRoutes, options)
  await app.register(workloadRoutes, options)
  await app.register(workloadSettingsRoutes, options)
}
