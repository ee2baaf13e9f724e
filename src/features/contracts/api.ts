import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ContractsService } from './service.ts'

/** Contracts' JSON API (issue 19): contracts and statements for contract managers' systems. */
export const contractsApiRoutes: FastifyPluginAsyncTypebox<{ contracts: ContractsService }> = async (app, options) => {
  void app
  void options
}
