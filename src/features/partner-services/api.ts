import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { partnerApiRoutes } from './partner-api.ts'
import { directoryApiRoutes } from './directory-api.ts'
import { referralApiRoutes } from './referral-api.ts'
import type { PartnerServicesService } from './service.ts'

/**
 * Partner services' JSON API (issue 18 item 6): the directory and a case's referrals for probation systems, and the
 * partner API (`/api/v1/partner/...`, token scope 'partner') so partners with their own systems can integrate.
 */
export const partnerServicesApiRoutes: FastifyPluginAsyncTypebox<{ partnerServices: PartnerServicesService }> = async (
  app,
  options,
) => {
  await app.register(partnerApiRoutes, options)
  await app.register(directoryApiRoutes, options)
  await app.register(referralApiRoutes, options)
  void app
  void options
}
