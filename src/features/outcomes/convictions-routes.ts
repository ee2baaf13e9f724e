import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyError, FastifyReply } from 'fastify'
import { ValidationError, type FieldError } from '../../errors.ts'
import { formBody, submitForm } from '../../web/forms.ts'
import { contractsPaths as paths } from '../../web/paths.ts'
import { isUploadLimitError, uploadedFiles } from '../../web/plugins/uploads.ts'
import { ctxOf } from '../../web/request-context.ts'
import { IdParams, textQuery } from '../../web/schemas.ts'
import { parseImportForm } from './convictions-forms.ts'
import { importReportView, importsView } from './convictions-presenters.ts'
import type { OutcomesService } from './service.ts'

/**
 * PNC extract imports for contract managers (issue 19 item 2, `contracts:manage`): the upload form with the past
 * imports, and an import's reconciliation report (CRNs only; reading it is audited by the use case). The upload is a
 * multipart form (src/web/plugins/uploads.ts: files of at most 5 MB).
 */

type Service = OutcomesService['convictions']

const Form = formBody(200)

async function renderImports(reply: FastifyReply, service: Service, errors?: FieldError[]) {
  return reply.render('outcomes/views/convictions/imports.njk', {
    pageTitle: 'Convictions from PNC extracts',
    errors,
    action: paths.convictions,
    ...importsView(await service.pastImports()),
  })
}

export const convictionsRoutes: FastifyPluginAsyncTypebox<{ outcomes: OutcomesService }> = async (
  app,
  { outcomes },
) => {
  const service = outcomes.convictions
  app.setErrorHandler(async (error: FastifyError) => {
    if (!isUploadLimitError(error)) throw error
    throw new ValidationError([{ field: 'file', message: 'The extract must be 5 MB or smaller' }])
  })
  app.get(paths.convictions, { config: { access: 'contracts:manage' } }, async (_request, reply) =>
    renderImports(reply, service),
  )
  app.post(
    paths.convictions,
    { config: { access: 'contracts:manage', uploads: true }, schema: { body: Form } },
    async (request, reply) => {
      const command = parseImportForm({ fields: request.body, files: uploadedFiles(request) })
      return submitForm(reply, () => service.importExtract(ctxOf(request), command), {
        rerender: errors => renderImports(reply, service, errors),
        redirect: result => `${paths.convictionsImport(result.id)}?done=imported`,
      })
    },
  )
  app.get(
    '/contracts/convictions/imports/:id',
    { config: { access: 'contracts:manage' }, schema: { params: IdParams, querystring: textQuery(['done'], 20) } },
    async (request, reply) => {
      const view = importReportView(await service.importReport(ctxOf(request), Number(request.params.id)))
      return reply.render('outcomes/views/convictions/report.njk', {
        pageTitle: `PNC import ${view.id}`,
        done: request.query.done === 'imported' ? 'Extract imported: its reconciliation is below' : undefined,
        backLink: paths.convictions,
        ...view,
      })
    },
  )
}
