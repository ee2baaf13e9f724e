import type { Executor } from '../../access/person-access.ts'
import type { ContractTermsKind, SubcontractorBasis } from '../../db/schema.ts'

/** All the SQL of contracts (issue 19 items 1 and 3): contracts, their appended terms and their supply chain. */

export interface ContractRow {
  id: number
  reference: string
  provider_id: number
  provider_name: string
  region_id: number
  region_name: string
  starts_on: string
  ends_on: string
  value_pence: number
}

function contracts(db: Executor) {
  return db
    .selectFrom('contracts as c')
    .innerJoin('providers as p', 'p.id', 'c.provider_id')
    .innerJoin('regions as r', 'r.id', 'c.region_id')
    .select([
      'c.id',
      'c.reference',
      'c.provider_id',
      'p.name as provider_name',
      'c.region_id',
      'r.name as region_name',
      'c.starts_on',
      'c.ends_on',
      'c.value_pence',
    ])
}

export async function listContracts(db: Executor): Promise<ContractRow[]> {
  return contracts(db).orderBy('c.starts_on', 'desc').orderBy('c.reference').execute()
}

export async function findContract(db: Executor, id: number): Promise<ContractRow | undefined> {
  return contracts(db).where('c.id', '=', id).executeTakeFirst()
}

export async function referenceTaken(db: Executor, reference: string): Promise<boolean> {
  const row = await db
    .selectFrom('contracts')
    .select('id')
    .where(eb => eb(eb.fn('lower', ['reference']), '=', reference.toLowerCase()))
    .executeTakeFirst()
  return row !== undefined
}

/** Regions with their provider, for the contract package area choice. */
export async function regionsWithProviders(db: Executor) {
  return db
    .selectFrom('regions as r')
    .innerJoin('providers as p', 'p.id', 'r.provider_id')
    .select(['r.id', 'r.code', 'r.name', 'r.provider_id', 'p.name as provider_name'])
    .orderBy('p.name')
    .orderBy('r.name')
    .execute()
}

export async function insertContract(
  db: Executor,
  row: {
    reference: string
    provider_id: number
    region_id: number
    starts_on: string
    ends_on: string
    value_pence: number
    created_by: number | null
  },
): Promise<number> {
  return (await db.insertInto('contracts').values(row).returning('id').executeTakeFirstOrThrow()).id
}

export interface TermsRow {
  id: number
  contract_id: number
  kind: ContractTermsKind
  effective_from: string
  terms: unknown
  reason: string
  recorded_at: Date
  recorded_by_name: string | null
}

/** Every version of the contracts' terms, oldest first. */
export async function termsOf(db: Executor, contractIds: readonly number[]): Promise<TermsRow[]> {
  if (!contractIds.length) return []
  return db
    .selectFrom('contract_terms as t')
    .leftJoin('users as u', 'u.id', 't.recorded_by')
    .select([
      't.id',
      't.contract_id',
      't.kind',
      't.effective_from',
      't.terms',
      't.reason',
      't.recorded_at',
      'u.display_name as recorded_by_name',
    ])
    .where('t.contract_id', 'in', contractIds)
    .orderBy('t.effective_from')
    .orderBy('t.id')
    .execute()
}

export async function insertTerms(
  db: Executor,
  row: {
    contract_id: number
    kind: ContractTermsKind
    effective_from: string
    terms: string
    reason: string
    recorded_by: number | null
  },
): Promise<number> {
  return (await db.insertInto('contract_terms').values(row).returning('id').executeTakeFirstOrThrow()).id
}

export interface SubcontractorRow {
  id: number
  contract_id: number
  organisation_id: number
  organisation_name: string
  tier: 'tier_2' | 'tier_3'
}

export async function subcontractorsOf(db: Executor, contractId: number): Promise<SubcontractorRow[]> {
  return db
    .selectFrom('contract_subcontractors as s')
    .innerJoin('partner_organisations as o', 'o.id', 's.organisation_id')
    .select(['s.id', 's.contract_id', 's.organisation_id', 'o.name as organisation_name', 's.tier'])
    .where('s.contract_id', '=', contractId)
    .orderBy('o.name')
    .execute()
}

export interface SubcontractorTermsRow {
  id: number
  subcontractor_id: number
  effective_from: string
  basis: SubcontractorBasis
  annual_fee_pence: number | null
  share_basis_points: number | null
  reason: string
  recorded_at: Date
  recorded_by_name: string | null
}

export async function subcontractorTermsOf(
  db: Executor,
  subcontractorIds: readonly number[],
): Promise<SubcontractorTermsRow[]> {
  if (!subcontractorIds.length) return []
  return db
    .selectFrom('subcontractor_terms as t')
    .leftJoin('users as u', 'u.id', 't.recorded_by')
    .select([
      't.id',
      't.subcontractor_id',
      't.effective_from',
      't.basis',
      't.annual_fee_pence',
      't.share_basis_points',
      't.reason',
      't.recorded_at',
      'u.display_name as recorded_by_name',
    ])
    .where('t.subcontractor_id', 'in', subcontractorIds)
    .orderBy('t.effective_from')
    .orderBy('t.id')
    .execute()
}

/** Tier 2 and tier 3 organisations of the partner directory, still active. */
export async function supplyChainOrganisations(db: Executor) {
  return db
    .selectFrom('partner_organisations')
    .select(['id', 'code', 'name', 'tier'])
    .where('tier', 'in', ['tier_2', 'tier_3'])
    .where('active', '=', true)
    .orderBy('name')
    .execute()
}

export async function insertSubcontractor(
  db: Executor,
  row: { contract_id: number; organisation_id: number; tier: 'tier_2' | 'tier_3'; added_by: number | null },
): Promise<number> {
  return (await db.insertInto('contract_subcontractors').values(row).returning('id').executeTakeFirstOrThrow()).id
}

export async function insertSubcontractorTerms(
  db: Executor,
  row: {
    subcontractor_id: number
    effective_from: string
    basis: SubcontractorBasis
    annual_fee_pence: number | null
    share_basis_points: number | null
    reason: string
    recorded_by: number | null
  },
): Promise<number> {
  return (await db.insertInto('subcontractor_terms').values(row).returning('id').executeTakeFirstOrThrow()).id
}
