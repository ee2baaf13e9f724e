import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { UnpaidWorkService } from './service.ts'

/** Placeholder: filled in by the orders work of issue 17. */
export const ordersRoutes: FastifyPluginAsyncTypebox<{ unpaidWork: UnpaidWorkService }> = async (
  app,
  { unpaidWork },
) => {
  void app
  void unpaidWork
}
