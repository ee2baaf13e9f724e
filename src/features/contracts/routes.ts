import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import type { RequestContext } from '../../access/audit.ts'
import { termsInForce } from '../../domain/outcomes/contract-terms.ts'
import type { FeeForServiceTerms, PbrTerms } from '../../domain/outcomes/payments.ts'
import type { FieldError } from '../../errors.ts'
import { formBody, submitForm, type FormBody } from '../../web/forms.ts'
import { contractsPaths as paths } from '../../web/paths.ts'
import { ctxOf } from '../../web/request-context.ts'
import { Id, IdParams, textQuery } from '../../web/schemas.ts'
import { dateOf } from './contracts.ts'
import {
  parseContractForm,
  parseFeeForServiceForm,
  parsePbrForm,
  parseSubcontractorForm,
  parseSubcontractorTermsForm,
} from './forms.ts'
import { statementPdf } from './pdf.ts'
import {
  cohortRows,
  contractFormView,
  contractRows,
  contractView,
  feeForServiceFormView,
  pbrFormView,
  subcontractorTermsFormView,
} from './presenters.ts'
import type { ContractsService } from './service.ts'
import { statementCsv, statementLines } from './statement-lines.ts'

/**
 * Contracts' pages (issue 19 items 1 and 3; contracts:read, changes contracts:manage): the contracts, a new contract,
 * a contract with its terms and supply chain and their history, changing terms (appended), subcontractors, and the
 * statement per quarter as a page, CSV and PDF, with the cohort behind it (CRNs only, audited).
 */

type Service = ContractsService
const READ = { access: 'contracts:read' } as const
const MANAGE = { access: 'contracts:manage' } as const
const Form = formBody(5000)
const Kind = Type.Union([Type.Literal('fee-for-service'), Type.Literal('payment-by-results')])
const TermsParams = Type.Object({ id: Id, kind: Kind })
const SubParams = Type.Object({ id: Id, subcontractorId: Id })
const StatementParams = Type.Object({ id: Id, quarter: Type.String({ maxLength: 20 }) })
type SentBack = { errors: FieldError[]; body: FormBody }

const DONE: Record<string, string> = {
  created: 'Contract added',
  terms: 'Terms changed: the new version is added to the history',
  subcontractor: 'Subcontractor added',
  'subcontractor-terms': 'Subcontractor’s terms changed',
}

async function renderContractForm(reply: FastifyReply, c: Service, sentBack?: SentBack) {
  const { regions } = await c.contractForm()
  return reply.render('contracts/views/contract-form.njk', {
    pageTitle: 'New contract',
    action: paths.newContract,
    back: paths.contracts,
    errors: sentBack?.errors,
    ...contractFormView(regions, sentBack?.body),
  })
}

async function renderTermsForm(
  reply: FastifyReply,
  c: Service,
  ctx: RequestContext,
  id: number,
  kind: 'fee-for-service' | 'payment-by-results',
  sentBack?: SentBack,
) {
  const page = await c.contract(ctx, id)
  const stored = kind === 'fee-for-service' ? 'fee_for_service' : 'payment_by_results'
  const versions = page.terms
    .filter(t => t.kind === stored)
    .map(t => ({ ...t, effectiveFrom: dateOf(t.effective_from) }))
  const current = termsInForce(versions, page.today)?.terms ?? null
  const title = `${kind === 'fee-for-service' ? 'Fee-for-service' : 'Payment-by-results'} terms of ${page.contract.reference}`
  return reply.render(`contracts/views/${kind === 'fee-for-service' ? 'fee-for-service' : 'pbr'}-form.njk`, {
    pageTitle: `Change ${title.toLowerCase()}`,
    title: `Change the ${title.charAt(0).toLowerCase()}${title.slice(1)}`,
    action: paths.changeTerms(id, kind),
    back: paths.contract(id),
    errors: sentBack?.errors,
    value:
      kind === 'fee-for-service'
        ? feeForServiceFormView(current as FeeForServiceTerms | null, sentBack?.body)
        : pbrFormView(current as PbrTerms | null, sentBack?.body),
  })
}

async function renderSubcontractorForm(
  reply: FastifyReply,
  c: Service,
  ids: { id: number; subcontractorId?: number },
  sentBack?: SentBack,
) {
  const contract = await c.open(ids.id)
  const sub = ids.subcontractorId ? (await c.subcontractor(ids.id, ids.subcontractorId)).subcontractor : null
  const organisations = sub ? [] : await c.supplyChainChoices()
  const chosen = String(sentBack?.body.organisationId ?? '')
  const title = sub ? `Change the terms of ${sub.organisation_name}` : `Add a subcontractor to ${contract.reference}`
  return reply.render('contracts/views/subcontractor-form.njk', {
    pageTitle: title,
    title,
    action: sub ? paths.subcontractorTerms(ids.id, sub.id) : paths.newSubcontractor(ids.id),
    back: paths.contract(ids.id),
    errors: sentBack?.errors,
    organisations: sub
      ? null
      : [
          { value: '', text: 'Choose the organisation' },
          ...organisations.map(o => ({
            value: String(o.id),
            text: `${o.name} (${o.tier === 'tier_2' ? 'tier 2' : 'tier 3'})`,
            selected: chosen === String(o.id),
          })),
        ],
    value: subcontractorTermsFormView(sub?.terms.at(-1) ?? null, sentBack?.body),
  })
}

const contractRoutes: FastifyPluginAsyncTypebox<{ contracts: Service }> = async (app, { contracts: c }) => {
  app.get(paths.contracts, { config: READ }, async (request, reply) => {
    const { contracts, canManage } = await c.list(ctxOf(request))
    return reply.render('contracts/views/contracts.njk', {
      pageTitle: 'Contracts',
      rows: contractRows(contracts),
      canManage,
      newHref: paths.newContract,
    })
  })
  app.get(paths.newContract, { config: MANAGE }, async (_request, reply) => renderContractForm(reply, c))
  app.post(paths.newContract, { config: MANAGE, schema: { body: Form } }, async (request, reply) => {
    const body = request.body
    return submitForm(reply, () => c.create(ctxOf(request), parseContractForm(body)), {
      rerender: errors => renderContractForm(reply, c, { errors, body }),
      redirect: id => `${paths.contract(id)}?done=created`,
    })
  })
  app.get(
    '/contracts/:id',
    { config: READ, schema: { params: IdParams, querystring: textQuery(['done'], 40) } },
    async (request, reply) => {
      const page = await c.contract(ctxOf(request), Number(request.params.id))
      return reply.render('contracts/views/contract.njk', {
        ...contractView(page, c.recentQuarters()),
        done: request.query.done ? DONE[request.query.done] : undefined,
      })
    },
  )
  app.get('/contracts/:id/terms/:kind', { config: MANAGE, schema: { params: TermsParams } }, async (request, reply) =>
    renderTermsForm(reply, c, ctxOf(request), Number(request.params.id), request.params.kind),
  )
  app.post(
    '/contracts/:id/terms/:kind',
    { config: MANAGE, schema: { params: TermsParams, body: Form } },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const id = Number(request.params.id)
      const kind = request.params.kind
      const body = request.body
      const change = () =>
        kind === 'fee-for-service'
          ? c.changeTerms(ctx, id, 'fee_for_service', parseFeeForServiceForm(body))
          : c.changeTerms(ctx, id, 'payment_by_results', parsePbrForm(body))
      return submitForm(reply, change, {
        rerender: errors => renderTermsForm(reply, c, ctx, id, kind, { errors, body }),
        redirect: () => `${paths.contract(id)}?done=terms`,
      })
    },
  )
}

const supplyChainRoutes: FastifyPluginAsyncTypebox<{ contracts: Service }> = async (app, { contracts: c }) => {
  app.get(
    '/contracts/:id/subcontractors/new',
    { config: MANAGE, schema: { params: IdParams } },
    async (request, reply) => renderSubcontractorForm(reply, c, { id: Number(request.params.id) }),
  )
  app.post(
    '/contracts/:id/subcontractors/new',
    { config: MANAGE, schema: { params: IdParams, body: Form } },
    async (request, reply) => {
      const id = Number(request.params.id)
      const body = request.body
      return submitForm(reply, () => c.addSubcontractor(ctxOf(request), id, parseSubcontractorForm(body)), {
        rerender: errors => renderSubcontractorForm(reply, c, { id }, { errors, body }),
        redirect: () => `${paths.contract(id)}?done=subcontractor`,
      })
    },
  )
  app.get(
    '/contracts/:id/subcontractors/:subcontractorId/terms',
    { config: MANAGE, schema: { params: SubParams } },
    async (request, reply) =>
      renderSubcontractorForm(reply, c, {
        id: Number(request.params.id),
        subcontractorId: Number(request.params.subcontractorId),
      }),
  )
  app.post(
    '/contracts/:id/subcontractors/:subcontractorId/terms',
    { config: MANAGE, schema: { params: SubParams, body: Form } },
    async (request, reply) => {
      const ids = { contractId: Number(request.params.id), subcontractorId: Number(request.params.subcontractorId) }
      const body = request.body
      return submitForm(
        reply,
        () => c.changeSubcontractorTerms(ctxOf(request), ids, parseSubcontractorTermsForm(body)),
        {
          rerender: errors =>
            renderSubcontractorForm(
              reply,
              c,
              { id: ids.contractId, subcontractorId: ids.subcontractorId },
              { errors, body },
            ),
          redirect: () => `${paths.contract(ids.contractId)}?done=subcontractor-terms`,
        },
      )
    },
  )
}

/** `2026-Q1`, `2026-Q1.csv` or `2026-Q1.pdf`: the quarter and the format asked for. */
function statementFormat(param: string): { quarter: string; format: 'page' | 'csv' | 'pdf' } {
  const match = /^(.*)\.(csv|pdf)$/.exec(param)
  return match ? { quarter: match[1]!, format: match[2] as 'csv' | 'pdf' } : { quarter: param, format: 'page' }
}

const statementRoutes: FastifyPluginAsyncTypebox<{ contracts: Service }> = async (app, { contracts: c }) => {
  app.get(
    '/contracts/:id/statements/:quarter',
    { config: READ, schema: { params: StatementParams } },
    async (request, reply) => {
      const id = Number(request.params.id)
      const { quarter, format } = statementFormat(request.params.quarter)
      const statement = await c.statement(ctxOf(request), id, quarter)
      const name = `statement-${statement.contract.reference}-${quarter}`
      if (format === 'csv')
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .send(statementCsv(statement))
      if (format === 'pdf')
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="${name}.pdf"`)
          .send(await statementPdf(statement))
      const lines = statementLines(statement)
      return reply.render('contracts/views/statement.njk', {
        pageTitle: `Statement ${statement.contract.reference} ${quarter}`,
        contract: { reference: statement.contract.reference, href: paths.contract(id) },
        quarter,
        period: { from: statement.period.from.toString(), to: statement.period.to.toString() },
        scope: `${statement.contract.provider_name}, ${statement.contract.region_name}`,
        provisional: statement.cohort.figures.provisional,
        sections: [...new Set(lines.map(l => l.section))].map(s => ({
          name: s,
          lines: lines.filter(l => l.section === s),
        })),
        links: {
          csv: paths.statementCsv(id, quarter),
          pdf: paths.statementPdf(id, quarter),
          cohort: paths.cohort(id, quarter),
        },
      })
    },
  )
  app.get(
    '/contracts/:id/statements/:quarter/cohort',
    {
      config: { ...READ, audit: { writtenBy: 'service', action: 'CONTRACT_COHORT_VIEW' } },
      schema: { params: StatementParams },
    },
    async (request, reply) => {
      const id = Number(request.params.id)
      const found = await c.cohort(ctxOf(request), id, request.params.quarter)
      return reply.render('contracts/views/cohort.njk', {
        pageTitle: `Cohort of ${found.contract.reference} ${found.quarter}`,
        contract: found.contract.reference,
        quarter: found.quarter,
        back: paths.statement(id, found.quarter),
        provisional: found.cohort.figures.provisional,
        rows: cohortRows(found.cohort.members),
      })
    },
  )
}

export const contractsRoutes: FastifyPluginAsyncTypebox<{ contracts: Service }> = async (app, options) => {
  await app.register(contractRoutes, options)
  await app.register(supplyChainRoutes, options)
  await app.register(statementRoutes, options)
}
