import { LocalDate } from '@js-joda/core'
import { audit, type RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import { hasPermission } from '../../access/policy.ts'
import type { Clock } from '../../clock.ts'
import type { Kysely } from 'kysely'
import type { ContractTermsKind, Database } from '../../db/schema.ts'
import { ValidationError, NotFoundError } from '../../errors.ts'
import type { Parsed } from '../../web/forms.ts'
import type { ContractCommand, SubcontractorTermsCommand, TermsCommand } from './forms.ts'
import * as q from './queries.ts'

/**
 * Contracts with their terms and supply chain as data with history (issue 19 item 1): a contract per provider and
 * contract package area; each change of terms appends a version effective from a date (never an update), with who
 * recorded it, when and why; subcontractors from the partner directory with their own appended terms. Each change
 * writes an audit row in its transaction.
 */

export interface ContractsDeps {
  readonly db: Kysely<Database>
  readonly clock: Clock
}

const by = (ctx: RequestContext) => ctx.user?.id ?? null
export const canManageContracts = (ctx: RequestContext) => hasPermission(ctx.user, 'contracts:manage')

export async function openContract(db: Executor, id: number): Promise<q.ContractRow> {
  const row = await q.findContract(db, id)
  if (!row) throw new NotFoundError('There is no such contract')
  return row
}

async function contractPage(db: Executor, id: number) {
  const contract = await openContract(db, id)
  const [terms, subcontractors] = await Promise.all([q.termsOf(db, [id]), q.subcontractorsOf(db, id)])
  const subTerms = await q.subcontractorTermsOf(
    db,
    subcontractors.map(s => s.id),
  )
  return {
    contract,
    terms,
    subcontractors: subcontractors.map(s => ({ ...s, terms: subTerms.filter(t => t.subcontractor_id === s.id) })),
  }
}

async function createContract(deps: ContractsDeps, ctx: RequestContext, command: Parsed<ContractCommand>) {
  if (!command.ok) throw new ValidationError(command.errors)
  const c = command.value
  return deps.db.transaction().execute(async trx => {
    const regions = await q.regionsWithProviders(trx)
    const region = regions.find(r => r.id === c.regionId)
    if (!regions.some(r => r.provider_id === c.providerId))
      throw new ValidationError([{ field: 'providerId', message: 'Choose the provider from the list' }])
    if (!region || region.provider_id !== c.providerId)
      throw new ValidationError([{ field: 'regionId', message: 'Choose a contract package area of the provider' }])
    if (await q.referenceTaken(trx, c.reference))
      throw new ValidationError([{ field: 'reference', message: `The reference ${c.reference} is already used` }])
    const row = {
      reference: c.reference,
      provider_id: c.providerId,
      region_id: c.regionId,
      starts_on: c.startsOn.toString(),
      ends_on: c.endsOn.toString(),
      value_pence: c.valuePence,
    }
    const id = await q.insertContract(trx, { ...row, created_by: by(ctx) })
    await audit(trx, ctx, { action: 'CONTRACT_CREATE', subject: c.reference, detail: { id, ...row } })
    return id
  })
}

async function appendTerms<T>(
  deps: ContractsDeps,
  ctx: RequestContext,
  id: number,
  kind: ContractTermsKind,
  command: Parsed<TermsCommand<T>>,
) {
  if (!command.ok) throw new ValidationError(command.errors)
  const c = command.value
  return deps.db.transaction().execute(async trx => {
    const contract = await openContract(trx, id)
    const termsId = await q.insertTerms(trx, {
      contract_id: id,
      kind,
      effective_from: c.effectiveFrom.toString(),
      terms: JSON.stringify(c.terms),
      reason: c.reason,
      recorded_by: by(ctx),
    })
    await audit(trx, ctx, {
      action: 'CONTRACT_TERMS_CHANGE',
      subject: contract.reference,
      detail: { contractId: id, termsId, kind, effectiveFrom: c.effectiveFrom.toString(), reason: c.reason },
    })
    return termsId
  })
}

function subTermsRow(subcontractorId: number, c: SubcontractorTermsCommand, ctx: RequestContext) {
  return {
    subcontractor_id: subcontractorId,
    effective_from: c.effectiveFrom.toString(),
    basis: c.basis,
    annual_fee_pence: c.annualFeePence,
    share_basis_points: c.shareBasisPoints,
    reason: c.reason,
    recorded_by: by(ctx),
  }
}

async function addSubcontractor(
  deps: ContractsDeps,
  ctx: RequestContext,
  id: number,
  command: Parsed<{ organisationId: number; terms: SubcontractorTermsCommand }>,
) {
  if (!command.ok) throw new ValidationError(command.errors)
  const c = command.value
  return deps.db.transaction().execute(async trx => {
    const contract = await openContract(trx, id)
    const organisation = (await q.supplyChainOrganisations(trx)).find(o => o.id === c.organisationId)
    if (!organisation || organisation.tier === 'prime')
      throw new ValidationError([{ field: 'organisationId', message: 'Choose a tier 2 or tier 3 organisation' }])
    if ((await q.subcontractorsOf(trx, id)).some(s => s.organisation_id === c.organisationId))
      throw new ValidationError([
        { field: 'organisationId', message: `${organisation.name} is already a subcontractor on this contract` },
      ])
    const tier = organisation.tier
    const subcontractorId = await q.insertSubcontractor(trx, {
      contract_id: id,
      organisation_id: c.organisationId,
      tier,
      added_by: by(ctx),
    })
    const row = subTermsRow(subcontractorId, c.terms, ctx)
    await q.insertSubcontractorTerms(trx, row)
    await audit(trx, ctx, {
      action: 'CONTRACT_SUBCONTRACTOR_ADD',
      subject: contract.reference,
      detail: { contractId: id, subcontractorId, organisation: organisation.name, tier, terms: row },
    })
    return subcontractorId
  })
}

async function changeSubcontractorTerms(
  deps: ContractsDeps,
  ctx: RequestContext,
  ids: { contractId: number; subcontractorId: number },
  command: Parsed<SubcontractorTermsCommand>,
) {
  if (!command.ok) throw new ValidationError(command.errors)
  return deps.db.transaction().execute(async trx => {
    const contract = await openContract(trx, ids.contractId)
    const sub = (await q.subcontractorsOf(trx, ids.contractId)).find(s => s.id === ids.subcontractorId)
    if (!sub) throw new NotFoundError('There is no such subcontractor on this contract')
    const row = subTermsRow(sub.id, command.value, ctx)
    const termsId = await q.insertSubcontractorTerms(trx, row)
    await audit(trx, ctx, {
      action: 'CONTRACT_SUBCONTRACTOR_TERMS_CHANGE',
      subject: contract.reference,
      detail: { contractId: contract.id, subcontractorId: sub.id, termsId, terms: row },
    })
    return termsId
  })
}

async function subcontractorOf(db: Executor, contractId: number, subcontractorId: number) {
  const page = await contractPage(db, contractId)
  const sub = page.subcontractors.find(s => s.id === subcontractorId)
  if (!sub) throw new NotFoundError('There is no such subcontractor on this contract')
  return { contract: page.contract, subcontractor: sub }
}

export function createContractUseCases(deps: ContractsDeps) {
  const { db } = deps
  return {
    list: async (ctx: RequestContext) => ({ contracts: await q.listContracts(db), canManage: canManageContracts(ctx) }),
    contract: async (ctx: RequestContext, id: number) => ({
      ...(await contractPage(db, id)),
      canManage: canManageContracts(ctx),
      today: deps.clock.today(),
    }),
    contractForm: async () => ({ regions: await q.regionsWithProviders(db) }),
    open: (id: number) => openContract(db, id),
    supplyChainChoices: () => q.supplyChainOrganisations(db),
    subcontractor: (contractId: number, subcontractorId: number) => subcontractorOf(db, contractId, subcontractorId),
    create: (ctx: RequestContext, c: Parsed<ContractCommand>) => createContract(deps, ctx, c),
    changeTerms: <T>(ctx: RequestContext, id: number, kind: ContractTermsKind, c: Parsed<TermsCommand<T>>) =>
      appendTerms(deps, ctx, id, kind, c),
    addSubcontractor: (
      ctx: RequestContext,
      id: number,
      c: Parsed<{ organisationId: number; terms: SubcontractorTermsCommand }>,
    ) => addSubcontractor(deps, ctx, id, c),
    changeSubcontractorTerms: (
      ctx: RequestContext,
      ids: { contractId: number; subcontractorId: number },
      c: Parsed<SubcontractorTermsCommand>,
    ) => changeSubcontractorTerms(deps, ctx, ids, c),
  }
}

/** The date a stored ISO date names. */
export const dateOf = (iso: string) => LocalDate.parse(String(iso).slice(0, 10))
