import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { PartnerServicesService } from './service.ts'

/**
 * Partner services' JSON API (issue 18 item 6): the directory and a case's referrals for probation systems, and the
 * partner API (`/api/v1/partner/...`, token scope 'partner') so partners with their own systems can integrate.
 */
export const partnerServicesApiRoutes: FastifyPluginAsyncTypebox<{ partnerServices: PartnerServicesService }> = async (
  app,
  options,
) => {
  void app
  void options
}
