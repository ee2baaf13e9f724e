import { audit, type RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import {
  feeForService,
  latestFinalQuarter,
  paymentByResults,
  quarterOf,
  quarterPeriod,
  subcontractorQuarter,
  subcontractorTermsOf,
  termsInForce,
  type FeeForServiceResult,
  type FeeForServiceTerms,
  type PbrResult,
  type PbrTerms,
  type Period,
  type SubcontractorTerms,
} from '../../domain/outcomes/index.ts'
import { NotFoundError } from '../../errors.ts'
import { buildCohort, type Cohort } from '../outcomes/index.ts'
import { dateOf, openContract, type ContractsDeps } from './contracts.ts'
import * as q from './queries.ts'

/**
 * The statement per contract and quarter (issue 19 item 3): the quarter's proven reoffending cohort of the
 * contract's provider and contract package area as known today, the terms in force on the quarter's first day, the
 * payment by results (binary and frequency measures), each subcontractor's share, and the fee for service for the
 * quarter's three months. `statement-lines.ts` explains every figure in words.
 */

export interface SubcontractorShare {
  readonly name: string
  readonly tier: 'tier_2' | 'tier_3'
  readonly terms: SubcontractorTerms | null
  readonly effectiveFrom: string | null
  readonly amount: number
}

export interface Statement {
  readonly contract: q.ContractRow
  readonly quarter: string
  readonly period: Period
  readonly cohort: Cohort
  /** Members with no predicted probability (no ARP or OGRS3 score): the baseline mean predicted is used for them. */
  readonly withoutPredicted: number
  readonly pbr: { readonly termsId: number; readonly effectiveFrom: string; readonly terms: PbrTerms } | null
  readonly pbrResult: PbrResult | null
  readonly fss: { readonly termsId: number; readonly effectiveFrom: string; readonly terms: FeeForServiceTerms } | null
  readonly fssResult: FeeForServiceResult | null
  /** Cases for fee for service: the cohort's members whose index event is a court disposal or a release. */
  readonly volume: number
  readonly subcontractors: readonly SubcontractorShare[]
}

/** The quarter a label names, or a 404 (a bad label in the address is not a page). */
export function periodOf(quarter: string): Period {
  const period = quarterPeriod(quarter)
  // Statements exist for the years contracts run in: a year like 0000 or 9999 is not a page (nor a database error).
  if (!period || period.from.year() < 2000 || period.from.year() > 2100)
    throw new NotFoundError(`There is no quarter ${quarter}: a quarter is written like 2026-Q1`)
  return period
}

function inForce<T>(rows: q.TermsRow[], kind: q.TermsRow['kind'], on: Period['from']) {
  const versions = rows.filter(r => r.kind === kind).map(r => ({ ...r, effectiveFrom: dateOf(r.effective_from) }))
  const found = termsInForce(versions, on)
  return found ? { termsId: found.id, effectiveFrom: found.effective_from, terms: found.terms as T } : null
}

async function shares(db: Executor, contractId: number, on: Period['from'], prime: number | null) {
  const subs = await q.subcontractorsOf(db, contractId)
  const terms = await q.subcontractorTermsOf(
    db,
    subs.map(s => s.id),
  )
  return subs.map(s => {
    const versions = terms
      .filter(t => t.subcontractor_id === s.id)
      .map(t => ({ ...t, effectiveFrom: dateOf(t.effective_from) }))
    const found = termsInForce(versions, on)
    const applied = found
      ? subcontractorTermsOf({
          basis: found.basis,
          annualFeePence: found.annual_fee_pence,
          shareBasisPoints: found.share_basis_points,
        })
      : null
    return {
      name: s.organisation_name,
      tier: s.tier,
      terms: applied,
      effectiveFrom: found?.effective_from ?? null,
      amount: applied ? subcontractorQuarter(applied, prime ?? 0) : 0,
    }
  })
}

/** The contract, the quarter's period and its cohort: the people of the contract's area, as known today. */
async function contractCohort(deps: ContractsDeps, contractId: number, quarter: string) {
  const contract = await openContract(deps.db, contractId)
  const period = periodOf(quarter)
  const cohort = await buildCohort(deps.db, {
    from: period.from,
    to: period.to,
    asOf: deps.clock.today(),
    providerId: contract.provider_id,
    regionId: contract.region_id,
  })
  return { contract, period, cohort }
}

export async function buildStatement(deps: ContractsDeps, contractId: number, quarter: string): Promise<Statement> {
  const { db } = deps
  const { contract, period, cohort } = await contractCohort(deps, contractId, quarter)
  const terms = await q.termsOf(db, [contractId])
  const pbr = inForce<PbrTerms>(terms, 'payment_by_results', period.from)
  const fss = inForce<FeeForServiceTerms>(terms, 'fee_for_service', period.from)
  const withoutPredicted = cohort.members.filter(m => m.record.predicted === null).length
  const pbrResult = pbr
    ? paymentByResults(
        cohort.members.map(m => ({
          predicted: m.record.predicted ?? pbr.terms.baseline.meanPredicted,
          reoffences: m.reoffences.length,
        })),
        pbr.terms,
      )
    : null
  const volume = cohort.members.filter(m => m.indexEvent.type !== 'caution').length
  const fssResult = fss ? feeForService(fss.terms, 3, volume, []) : null
  const subcontractors = await shares(db, contractId, period.from, pbrResult?.total ?? null)
  return { contract, quarter, period, cohort, withoutPredicted, pbr, pbrResult, fss, fssResult, volume, subcontractors }
}

/** The quarters a contract page links to: the latest final quarter and every quarter since, up to today's. */
export function recentQuarters(today: Period['from']): string[] {
  const labels = [latestFinalQuarter(today)]
  const current = quarterOf(today)
  while (labels[labels.length - 1] !== current) {
    const next = quarterPeriod(labels[labels.length - 1]!)!.to.plusDays(1)
    labels.push(quarterOf(next))
  }
  return labels
}

/** The cohort behind a statement, person by person (CRNs only), audited as a list of people shown. */
export async function statementCohort(deps: ContractsDeps, ctx: RequestContext, contractId: number, quarter: string) {
  const { db } = deps
  const { contract, period, cohort } = await contractCohort(deps, contractId, quarter)
  await audit(db, ctx, {
    action: 'CONTRACT_COHORT_VIEW',
    subject: contract.reference,
    detail: { contractId, quarter, people: cohort.members.length },
    shownPersonIds: cohort.members.map(m => m.record.personId),
  })
  return { contract, quarter, period, cohort }
}
