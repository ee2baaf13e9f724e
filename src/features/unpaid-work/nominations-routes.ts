import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { UnpaidWorkService } from './service.ts'

/** Placeholder: filled in by the nominations work of issue 17. */
export const nominationsRoutes: FastifyPluginAsyncTypebox<{ unpaidWork: UnpaidWorkService }> = async (
  app,
  { unpaidWork },
) => {
  void app
  void unpaidWork
}
