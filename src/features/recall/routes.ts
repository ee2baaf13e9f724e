import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { RECALL_DECISIONS, RECALL_GROUNDS, STAGE_TEXT } from '../../domain/recall/index.ts'
import type { FieldError } from '../../errors.ts'
import { formBody, parseForm, submitForm, type FormBody } from '../../web/forms.ts'
import { ctxOf } from '../../web/request-context.ts'
import { CrnIdParams, CrnParams } from '../../web/schemas.ts'
import { parseRecallForm } from './forms.ts'
import { RECALL_VIEW, type RecallService } from './service.ts'

/**
 * The recall decision page `/people/:crn/recall`: the current recall with its steps, the form for the next step, and
 * earlier recalls; its Part A (or decision-not-to-recall letter) as a PDF. Reading needs `person:read`, recording a
 * step `person:update`; who may countersign is the service's rule.
 */

type Options = { recall: RecallService }
const Query = Type.Record(Type.String(), Type.String({ maxLength: 200 }), { maxProperties: 10 })

async function render(
  recall: RecallService,
  request: FastifyRequest,
  reply: FastifyReply,
  crn: string,
  errors: FieldError[] = [],
  values: FormBody = {},
  done = false,
) {
  const page = await recall.page(ctxOf(request), crn)
  return reply.render('recall/views/recall.njk', {
    pageTitle: `Recall – ${page.person.forename} ${page.person.surname}`,
    section: 'enforcement',
    person: { crn: page.person.crn, forename: page.person.forename, surname: page.person.surname },
    page,
    nextText: page.next ? STAGE_TEXT[page.next] : null,
    grounds: RECALL_GROUNDS,
    decisions: RECALL_DECISIONS,
    stageText: STAGE_TEXT,
    groundText: Object.fromEntries(RECALL_GROUNDS.map(g => [g.code, g.text])),
    decisionText: Object.fromEntries(RECALL_DECISIONS.map(d => [d.code, d.text])),
    done: done ? 'Recall step recorded' : undefined,
    errors,
    values,
  })
}

export const recallRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { recall }) => {
  app.get(
    '/people/:crn/recall',
    {
      config: { access: 'person:read', audit: { action: RECALL_VIEW, page: 'recall' } },
      schema: { params: CrnParams, querystring: Query },
    },
    async (request, reply) =>
      render(recall, request, reply, request.params.crn.toUpperCase(), [], {}, request.query.done === 'step'),
  )

  app.post(
    '/people/:crn/recall',
    { config: { access: 'person:update' }, schema: { params: CrnParams, body: formBody(20_000) } },
    async (request, reply) => {
      const crn = request.params.crn.toUpperCase()
      const parsed = parseForm(() => parseRecallForm(request.body))
      if (!parsed.ok) {
        reply.status(400)
        return render(recall, request, reply, crn, parsed.errors, request.body)
      }
      return submitForm(reply, () => recall.recordStep(ctxOf(request), crn, parsed.value), {
        rerender: errors => render(recall, request, reply, crn, errors, request.body),
        redirect: r => `/people/${r.crn}/recall?done=step`,
      })
    },
  )

  app.get(
    '/people/:crn/recall/:id/pdf',
    {
      config: { access: 'person:read', audit: { writtenBy: 'service', action: 'RECALL_DOCUMENT_VIEW' } },
      schema: { params: CrnIdParams },
    },
    async (request, reply) => {
      const d = await recall.pdf(ctxOf(request), request.params.crn.toUpperCase(), Number(request.params.id))
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${d.filename}"`)
        .send(Buffer.from(d.bytes))
    },
  )
}
