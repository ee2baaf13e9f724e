import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { hasPermission } from '../../access/policy.ts'
import {
  ADDITIONAL_CONDITIONS,
  LICENCE_CURFEW_MAX_HOURS_PER_DAY,
  STANDARD_CONDITIONS,
} from '../../domain/licences/index.ts'
import type { FieldError } from '../../errors.ts'
import type { RequestContext } from '../../access/audit.ts'
import { formBody, list, submitForm, text, type FormBody } from '../../web/forms.ts'
import { ctxOf } from '../../web/request-context.ts'
import { CrnIdParams, CrnParams, textQuery } from '../../web/schemas.ts'
import { draftFromForm, formErrors, formValuesOf, inputName, returnFromForm, withPlacement } from './forms.ts'
import { licencePaths } from './paths.ts'
import type { LicencesService } from './service.ts'

/**
 * The Licence part of the person record, under `/people/:crn/licence`. Reading needs `person:read`, changing
 * `person:update`; approving or returning is a senior's (the service checks the role); the service applies the
 * person-level policy.
 */

type Options = { licences: LicencesService }
type App = Parameters<FastifyPluginAsyncTypebox<Options>>[0]

const FORM = formBody(40_000)
const DoneQuery = textQuery(['done'], 40)
const READ = { access: 'person:read' } as const
const UPDATE = { access: 'person:update' } as const

const DONE: Record<string, string> = {
  draft: 'Draft saved. Submit it for approval when it is ready.',
  submitted: 'Submitted for approval by a senior',
  approved: 'Approved: the licence is in force',
  returned: 'Returned to its author with the reason',
}

const layout = (request: FastifyRequest) => ({
  section: 'licence',
  canAudit: hasPermission(request.user, 'person:audit'),
  paths: licencePaths,
})

const whereOf = (params: { crn: string; id: string }) => ({ crn: params.crn.toUpperCase(), id: Number(params.id) })

/** The Licence page (re-rendered with the errors of a decision posted from it). */
function licencePage(app: App, licences: LicencesService) {
  const page = async (request: FastifyRequest, reply: FastifyReply, crn: string, extra: Record<string, unknown>) => {
    const model = await licences.page(ctxOf(request), crn)
    return reply.render('licences/views/licence.njk', {
      pageTitle: `Licence – ${model.person.name}`,
      ...model,
      ...layout(request),
      ...extra,
    })
  }
  app.get(
    '/people/:crn/licence',
    {
      config: { ...READ, audit: { action: 'LICENCE_VIEW', page: 'licence' } },
      schema: { params: CrnParams, querystring: DoneQuery },
    },
    (request, reply) =>
      page(request, reply, request.params.crn.toUpperCase(), { done: DONE[request.query.done ?? ''] }),
  )
  type Where = { crn: string; id: number }
  const decision = (
    url: string,
    run: (ctx: RequestContext, where: Where, body: FormBody) => Promise<unknown>,
    done: string,
  ) =>
    app.post(url, { config: UPDATE, schema: { params: CrnIdParams, body: FORM } }, (request, reply) => {
      const where = whereOf(request.params)
      return submitForm(reply, () => run(ctxOf(request), where, request.body), {
        rerender: errors =>
          page(request, reply, where.crn, { errors, returnReason: text(request.body, 'returnReason') }),
        redirect: () => `${licencePaths.page(where.crn)}?done=${done}`,
      })
    })
  decision('/people/:crn/licence/versions/:id/submit', (ctx, w) => licences.submit(ctx, w.crn, w.id), 'submitted')
  decision('/people/:crn/licence/versions/:id/approve', (ctx, w) => licences.approve(ctx, w.crn, w.id), 'approved')
  decision(
    '/people/:crn/licence/versions/:id/return',
    (ctx, w, body) => licences.returnToAuthor(ctx, w.crn, w.id, returnFromForm(body)),
    'returned',
  )
}

/** The conditions form: a draft licence before approval, a draft variation after it. */
function conditionsPages(app: App, licences: LicencesService) {
  const form = async (
    request: FastifyRequest,
    reply: FastifyReply,
    crn: string,
    body?: FormBody,
    errors?: FieldError[],
  ) => {
    const page = await licences.formPage(ctxOf(request), crn)
    const values = body
      ? { ...body, standard: list(body, 'standard'), additional: list(body, 'additional') }
      : formValuesOf(
          page.startFrom
            ? { ...page.startFrom, variationReason: page.variationReason }
            : withPlacement(
                page.placement,
                STANDARD_CONDITIONS.map(c => c.code),
              ),
          STANDARD_CONDITIONS.map(c => c.code),
        )
    return reply.render('licences/views/conditions-form.njk', {
      pageTitle: page.isVariation ? 'Vary the licence' : 'Write the licence',
      ...page,
      standardConditions: STANDARD_CONDITIONS,
      additionalConditions: ADDITIONAL_CONDITIONS.map(c => ({
        ...c,
        inputs: c.fields.map(f => ({ ...f, id: inputName(c.code, f.name) })),
        justificationId: inputName(c.code, 'justification'),
      })),
      curfewLimit: LICENCE_CURFEW_MAX_HOURS_PER_DAY,
      values,
      errors: errors ? formErrors(errors) : undefined,
      ...layout(request),
    })
  }
  app.get(
    '/people/:crn/licence/conditions',
    {
      config: { ...UPDATE, audit: { action: 'LICENCE_VIEW', page: 'licence-conditions' } },
      schema: { params: CrnParams },
    },
    (request, reply) => form(request, reply, request.params.crn.toUpperCase()),
  )
  app.post(
    '/people/:crn/licence/conditions',
    { config: UPDATE, schema: { params: CrnParams, body: FORM } },
    (request, reply) => {
      const crn = request.params.crn.toUpperCase()
      return submitForm(reply, () => licences.saveDraft(ctxOf(request), crn, draftFromForm(request.body)), {
        rerender: errors => form(request, reply, crn, request.body, errors),
        redirect: () => `${licencePaths.page(crn)}?done=draft`,
      })
    },
  )
}

/** A version of the licence as a PDF. */
function pdfRoute(app: App, licences: LicencesService) {
  app.get(
    '/people/:crn/licence/versions/:id/pdf',
    {
      config: { ...READ, audit: { action: 'LICENCE_DOWNLOAD', page: 'licence-pdf' } },
      schema: { params: CrnIdParams },
    },
    async (request, reply) => {
      const { crn, id } = whereOf(request.params)
      const { filename, bytes } = await licences.pdf(ctxOf(request), crn, id)
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(Buffer.from(bytes))
    },
  )
}

export const licenceRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { licences }) => {
  licencePage(app, licences)
  conditionsPages(app, licences)
  pdfRoute(app, licences)
}
