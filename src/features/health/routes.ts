import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { pingDatabase } from './queries.ts'

/** `/health`: is the database reachable? 200 when it is, 503 when not, for load balancers and monitoring. */
export const healthRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<Database>; databaseKind: string }> = async (
  app,
  { db, databaseKind },
) => {
  app.get('/health', { config: { access: 'public', rateLimit: false } }, async (_request, reply) => {
    const started = Date.now()
    try {
      await pingDatabase(db)
      return reply.send({
        status: 'UP',
        database: { status: 'UP', kind: databaseKind, responseMs: Date.now() - started },
      })
    } catch (error) {
      return reply
        .status(503)
        .send({ status: 'DOWN', database: { status: 'DOWN', kind: databaseKind, error: (error as Error).message } })
    }
  })
}
