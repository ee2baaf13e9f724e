import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { TeamPerformanceService } from './service.ts'

/** Team performance's pages (issue 19 item 5): service levels and workload. */
export const teamPerformanceRoutes: FastifyPluginAsyncTypebox<{ teamPerformance: TeamPerformanceService }> = async (
  app,
  options,
) => {
  void app
  void options
}
