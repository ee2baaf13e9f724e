import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ContractsService } from './service.ts'

/** Contracts' pages (issue 19): contracts, their terms and subcontractors, statements. */
export const contractsRoutes: FastifyPluginAsyncTypebox<{ contracts: ContractsService }> = async (app, options) => {
  void app
  void options
}
