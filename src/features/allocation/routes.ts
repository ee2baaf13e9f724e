import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { hasPermission } from '../../access/policy.ts'
import { ValidationError, type FieldError } from '../../errors.ts'
import { ctxOf } from '../../web/request-context.ts'
import type { AllocationService, FormBody } from './service.ts'
import { allocationPaths } from '../../web/paths.ts'

/**
 * Allocation pages: the unallocated-cases queue (`/allocations`), one case's decision and choice of practitioner
 * (`/allocations/:crn`) and the allocation history on the person record (`/people/:crn/allocations`). Reading needs
 * `person:read`, changing `person:update`; the service then applies the person-level policy and allows only seniors to
 * allocate. The caseload page (`/caseload`) is served by src/features/caseload, which shows the induction due dates.
 */

const crnParams = {
  type: 'object',
  required: ['crn'],
  properties: { crn: { type: 'string', pattern: '^[A-Za-z][0-9]{6}$' } },
} as const
const code = { type: 'string', pattern: '^[A-Za-z0-9-]{0,40}$' } as const
const queueQuery = { type: 'object', properties: { pdu: code, team: code } } as const
const caseQuery = { type: 'object', properties: { team: code, done: { type: 'string', maxLength: 20 } } } as const
const formSchema = {
  type: 'object',
  additionalProperties: {
    anyOf: [
      { type: 'string', maxLength: 5000 },
      { type: 'array', maxItems: 5, items: { type: 'string', maxLength: 5000 } },
    ],
  },
} as const

const READ = { access: 'person:read' } as const
const UPDATE = { access: 'person:update' } as const

const DONE: Record<string, string> = {
  allocated: 'Case allocated',
  reallocated: 'Case reallocated',
  transferred: 'Case transferred to another provider',
  resolved: 'RoSH information resolved',
}

const crnOf = (request: FastifyRequest) => (request.params as { crn: string }).crn.toUpperCase()

export const allocationRoutes: FastifyPluginAsync<{ allocation: AllocationService }> = async (app, { allocation }) => {
  app.get('/allocations', { config: READ, schema: { querystring: queueQuery } }, async (request, reply) => {
    const q = request.query as { pdu?: string; team?: string }
    const view = await allocation.queue(ctxOf(request), { pdu: q.pdu, team: q.team || undefined })
    return reply.render('allocation/views/queue.njk', {
      pageTitle: 'Unallocated cases',
      ...view,
      paths: allocationPaths,
    })
  })

  const casePage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form?: { values: FormBody; errors: FieldError[]; which: string },
  ) => {
    const q = request.query as { team?: string; done?: string }
    const team = form ? (form.values.team as string | undefined) : q.team
    const view = await allocation.casePage(ctxOf(request), crnOf(request), { team: team || undefined })
    return reply.render('allocation/views/case.njk', {
      pageTitle: `Allocate ${view.person.forename} ${view.person.surname}`,
      ...view,
      values: form?.values ?? {},
      errors: form?.errors,
      which: form?.which,
      done: DONE[q.done ?? ''],
      paths: allocationPaths,
    })
  }

  app.get(
    '/allocations/:crn',
    { config: READ, schema: { params: crnParams, querystring: caseQuery } },
    (request, reply) => casePage(request, reply),
  )

  /** Runs a command; bad input re-renders the case page with status 400 and changes nothing. */
  const command =
    (which: string, run: (request: FastifyRequest) => Promise<unknown>, done: (result: unknown) => string) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      let result: unknown
      try {
        result = await run(request)
      } catch (error) {
        if (error instanceof ValidationError) {
          reply.status(400)
          return casePage(request, reply, { values: request.body as FormBody, errors: error.errors, which })
        }
        throw error
      }
      return reply.redirect(`${allocationPaths.case(crnOf(request))}?done=${done(result)}`, 303)
    }

  app.post(
    '/allocations/:crn',
    { config: UPDATE, schema: { params: crnParams, body: formSchema } },
    command(
      'allocate',
      request => allocation.allocate(ctxOf(request), crnOf(request), request.body as FormBody),
      r => ((r as { kind: string }).kind === 'initial' ? 'allocated' : 'reallocated'),
    ),
  )
  app.post(
    '/allocations/:crn/resolve-risk',
    { config: UPDATE, schema: { params: crnParams, body: formSchema } },
    command(
      'resolve',
      request => allocation.resolveConflict(ctxOf(request), crnOf(request), request.body as FormBody),
      () => 'resolved',
    ),
  )
  app.post(
    '/allocations/:crn/transfer',
    { config: UPDATE, schema: { params: crnParams, body: formSchema } },
    command(
      'transfer',
      request => allocation.transfer(ctxOf(request), crnOf(request), request.body as FormBody),
      () => 'transferred',
    ),
  )

  app.get('/people/:crn/allocations', { config: READ, schema: { params: crnParams } }, async (request, reply) => {
    const view = await allocation.history(ctxOf(request), crnOf(request))
    return reply.render('allocation/views/history.njk', {
      pageTitle: `Allocation history – ${view.person.forename} ${view.person.surname}`,
      ...view,
      section: 'allocations',
      canAudit: hasPermission(request.user, 'person:audit'),
      paths: allocationPaths,
    })
  })
  // `/caseload` (the practitioner's caseload, with the induction due dates above) moved to src/features/caseload.
}
