import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { UnpaidWorkService } from './service.ts'

/** Placeholder: filled in by the sessions work of issue 17. */
export const sessionsRoutes: FastifyPluginAsyncTypebox<{ unpaidWork: UnpaidWorkService }> = async (
  app,
  { unpaidWork },
) => {
  void app
  void unpaidWork
}
