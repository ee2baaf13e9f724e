import type { FastifyPluginAsync } from 'fastify'
import type { CommunityPaybackService } from './service.ts'

/** Placeholder: filled in by the public face work of issue 17. */
export const communityPaybackRoutes: FastifyPluginAsync<{ communityPayback: CommunityPaybackService }> = async (
  app,
  { communityPayback },
) => {
  void app
  void communityPayback
}
