import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { directoryRoutes } from './directory-routes.ts'
import { organisationRoutes } from './directory-organisation-routes.ts'
import { monitoringRoutes } from './monitoring-routes.ts'
import { portalRoutes } from './portal-routes.ts'
import { referralRoutes } from './referral-routes.ts'
import type { PartnerServicesService } from './service.ts'

/**
 * Partner services' pages (issue 18): the directory and its organisations and services (`directory-routes.ts`), a
 * case's referrals (`referral-routes.ts`), monitoring (`monitoring-routes.ts`) and the partner portal under
 * `/partner` (`portal-routes.ts`).
 */
export const partnerServicesRoutes: FastifyPluginAsyncTypebox<{ partnerServices: PartnerServicesService }> = async (
  app,
  options,
) => {
  await app.register(directoryRoutes, options)
  await app.register(organisationRoutes, options)
  await app.register(monitoringRoutes, options)
  await app.register(portalRoutes, options)
  await app.register(referralRoutes, options)
  void app
  void options
}
