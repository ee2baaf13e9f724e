import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { hasPermission } from '../../access/policy.ts'
import type { FieldError } from '../../errors.ts'
import { formBody, submitForm, text, type FormBody } from '../../web/forms.ts'
import { allocationPaths } from '../../web/paths.ts'
import { ctxOf } from '../../web/request-context.ts'
import { CrnParams, Id } from '../../web/schemas.ts'
import { readAllocateForm, readResolveRiskForm } from './forms.ts'
import type { AllocationService } from './service.ts'

/**
 * Allocation pages: the unallocated-cases queue (`/allocations`), one case's decision and choice of practitioner
 * (`/allocations/:crn`) and the allocation history on the person record (`/people/:crn/allocations`). Reading needs
 * `person:read`, changing `person:update`; the service then applies the person-level policy and allows only seniors to
 * allocate. The caseload page (`/caseload`) is served by src/features/caseload, which shows the induction due dates.
 */

type Options = { allocation: AllocationService }

const code = Type.Optional(Type.String({ pattern: '^[A-Za-z0-9-]{0,40}$' }))
const QueueQuery = Type.Object({ pdu: code, team: code, allocated: Type.Optional(Id) })
const CaseQuery = Type.Object({ team: code, done: Type.Optional(Type.String({ maxLength: 20 })) })
/** A posted form's page keeps whatever query it had (unchecked, as before): only `done` is read, for its banner. */
const PostQuery = Type.Object({ done: Type.Optional(Type.String()) })

const READ = { access: 'person:read' } as const
const UPDATE = { access: 'person:update' } as const

const DONE: Record<string, string> = {
  reallocated: 'Case reallocated',
  resolved: 'RoSH information resolved',
}

/** The queue of unallocated cases of a PDU or team. */
const queuePage: FastifyPluginAsyncTypebox<Options> = async (app, { allocation }) => {
  app.get('/allocations', { config: READ, schema: { querystring: QueueQuery } }, async (request, reply) => {
    const q = request.query
    const view = await allocation.queue(ctxOf(request), {
      pdu: q.pdu,
      team: q.team || undefined,
      allocated: q.allocated === undefined ? undefined : Number(q.allocated),
    })
    return reply.render('allocation/views/queue.njk', {
      pageTitle: 'Unallocated cases',
      ...view,
      paths: allocationPaths,
    })
  })
}

/** A form's re-render: what was posted, the fields at fault and which form they belong to. */
interface Rerender {
  values: FormBody
  errors: FieldError[]
  which: 'allocate' | 'resolve' | 'transfer'
}

/**
 * Where an allocation lands: a first allocation or a transfer goes back to the queue, with the confirmation and the
 * next case (the case may now be another provider's, which the senior cannot open: issue 13); a reallocation within
 * the provider stays on the case.
 */
function afterAllocating(crn: string, r: { allocationId: number; kind: 'initial' | 'reallocation' | 'transfer' }) {
  if (r.kind === 'reallocation') return `${allocationPaths.case(crn)}?done=reallocated`
  return `${allocationPaths.queue}?allocated=${r.allocationId}`
}

/** One case's page, and its three forms (allocate, resolve the RoSH conflict, transfer). */
const casePages: FastifyPluginAsyncTypebox<Options> = async (app, { allocation }) => {
  const render = async (reply: FastifyReply, crn: string, page: { team?: string; done?: string }, form?: Rerender) => {
    // A re-render answers 400, which the guard does not audit: the service writes ALLOCATION_VIEW then.
    const team = form ? text(form.values, 'team') : page.team
    const view = await allocation.casePage(ctxOf(reply.request), crn, { team: team || undefined, audit: !!form })
    return reply.render('allocation/views/case.njk', {
      pageTitle: `Allocate ${view.person.forename} ${view.person.surname}`,
      ...view,
      values: form?.values ?? {},
      errors: form?.errors,
      which: form?.which,
      done: DONE[page.done ?? ''],
      paths: allocationPaths,
    })
  }

  app.get(
    '/allocations/:crn',
    {
      config: { ...READ, audit: { action: 'ALLOCATION_VIEW' } },
      schema: { params: CrnParams, querystring: CaseQuery },
    },
    (request, reply) => render(reply, request.params.crn.toUpperCase(), request.query),
  )

  const post = { config: UPDATE, schema: { params: CrnParams, querystring: PostQuery, body: formBody() } }
  app.post('/allocations/:crn', post, (request, reply) => {
    const crn = request.params.crn.toUpperCase()
    return submitForm(reply, () => allocation.allocate(ctxOf(request), crn, readAllocateForm(request.body)), {
      rerender: errors => render(reply, crn, request.query, { values: request.body, errors, which: 'allocate' }),
      redirect: r => afterAllocating(crn, r),
    })
  })
  app.post('/allocations/:crn/resolve-risk', post, (request, reply) => {
    const crn = request.params.crn.toUpperCase()
    return submitForm(reply, () => allocation.resolveConflict(ctxOf(request), crn, readResolveRiskForm(request.body)), {
      rerender: errors => render(reply, crn, request.query, { values: request.body, errors, which: 'resolve' }),
      redirect: () => `${allocationPaths.case(crn)}?done=resolved`,
    })
  })
  app.post('/allocations/:crn/transfer', post, (request, reply) => {
    const crn = request.params.crn.toUpperCase()
    return submitForm(reply, () => allocation.transfer(ctxOf(request), crn, readAllocateForm(request.body)), {
      rerender: errors => render(reply, crn, request.query, { values: request.body, errors, which: 'transfer' }),
      redirect: r => afterAllocating(crn, r),
    })
  })
}

/** The allocation history on the person record. */
const historyPage: FastifyPluginAsyncTypebox<Options> = async (app, { allocation }) => {
  app.get(
    '/people/:crn/allocations',
    { config: { ...READ, audit: { action: 'ALLOCATION_HISTORY_VIEW' } }, schema: { params: CrnParams } },
    async (request, reply) => {
      const view = await allocation.history(ctxOf(request), request.params.crn.toUpperCase())
      return reply.render('allocation/views/history.njk', {
        pageTitle: `Allocation history – ${view.person.forename} ${view.person.surname}`,
        ...view,
        section: 'allocations',
        canAudit: hasPermission(request.user, 'person:audit'),
        paths: allocationPaths,
      })
    },
  )
}

export const allocationRoutes: FastifyPluginAsyncTypebox<Options> = async (app, options) => {
  await app.register(queuePage, options)
  await app.register(casePages, options)
  await app.register(historyPage, options)
  // `/caseload` (the practitioner's caseload, with the induction due dates above) moved to src/features/caseload.
}
