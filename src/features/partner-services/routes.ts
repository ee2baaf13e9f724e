import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
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
  void app
  void options
}
