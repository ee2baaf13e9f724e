import type { LocalDate } from '@js-joda/core'
import type { Kysely } from 'kysely'
import type { RequestContext } from '../../access/audit.ts'
import type { Clock } from '../../clock.ts'
import type { Database } from '../../db/schema.ts'
import { createContractsService } from '../../features/contracts/index.ts'
import { loadConfig } from '../../config.ts'
import { loadCurrentUser } from '../../web/plugins/authentication.ts'
import * as q from './queries.ts'

/**
 * The demo contract (issue 19), through the feature's service as morgan.contracts: the contracted provider's
 * Northshire area (NWCRC, CRC-NW) from the start of the year three years ago, with fee-for-service and
 * payment-by-results terms (a baseline like 2011's: 45 % reoffended, 44 % predicted, 3.2 reoffences per reoffender),
 * and two subcontractors from the partner directory: Northtown Housing Trust on a share of results (raised from 20 %
 * to 25 % at the start of last year) and Westbury Women's Centre paid only when the prime is paid. People and their
 * convictions come from the other seeds.
 */

export const DEMO_CONTRACT = 'NWCRC-CPA-NW'

/**
 * Seeds the contract once (skipped when it exists or the directory is missing).
 *
 * @example
 * await seedContracts(db, clock)
 */
export async function seedContracts(db: Kysely<Database>, clock: Clock): Promise<void> {
  const id = (await q.userIdsByName(db, ['morgan.contracts'])).get('morgan.contracts')
  const user = id === undefined ? undefined : await loadCurrentUser(db, id, 'session')
  if (!user) return
  const ctx: RequestContext = { user, requestId: 'demo-seed', ip: null }
  const contracts = createContractsService({ db, clock, config: loadConfig({}) })
  if ((await contracts.list(ctx)).contracts.some(c => c.reference === DEMO_CONTRACT)) return
  const region = (await contracts.contractForm()).regions.find(r => r.code === 'CRC-NW')
  const orgs = await contracts.supplyChainChoices()
  const nht = orgs.find(o => o.code === 'NHT')
  const wwc = orgs.find(o => o.code === 'WWC')
  if (!region || !nht || !wwc) return
  const today = clock.today()
  const start = today.minusYears(3).withDayOfYear(1)
  const lastYear = today.minusYears(1).withDayOfYear(1)
  const ok = <T>(value: T) => ({ ok: true as const, value })
  const contractId = await contracts.create(
    ctx,
    ok({
      reference: DEMO_CONTRACT,
      providerId: region.provider_id,
      regionId: region.id,
      startsOn: start,
      endsOn: start.plusYears(7).minusDays(1),
      valuePence: 4_200_000_000,
    }),
  )
  await seedTerms(contracts, ctx, contractId, start)
  const share = (basis: 'share_of_results' | 'pass_through_if_prime_paid', points: number, from = start) => ({
    effectiveFrom: from,
    reason: from === start ? 'Supply chain agreed at the contract’s start' : 'Renegotiated at the annual review',
    basis,
    annualFeePence: null,
    shareBasisPoints: points,
  })
  const housing = await contracts.addSubcontractor(
    ctx,
    contractId,
    ok({ organisationId: nht.id, terms: share('share_of_results', 2000) }),
  )
  await contracts.changeSubcontractorTerms(
    ctx,
    { contractId, subcontractorId: housing },
    ok(share('share_of_results', 2500, lastYear)),
  )
  await contracts.addSubcontractor(
    ctx,
    contractId,
    ok({ organisationId: wwc.id, terms: share('pass_through_if_prime_paid', 1000) }),
  )
}

async function seedTerms(
  contracts: ReturnType<typeof createContractsService>,
  ctx: RequestContext,
  contractId: number,
  start: LocalDate,
) {
  const ok = <T>(value: T) => ({ ok: true as const, value })
  await contracts.changeTerms(
    ctx,
    contractId,
    'fee_for_service',
    ok({
      effectiveFrom: start,
      reason: 'Contract signed',
      terms: {
        annualPrice: 480_000_000,
        baselineVolume: 1200,
        band: 0.1,
        aboveShare: 0.5,
        belowShare: 0.3,
        serviceLevelDeductions: { SL001: 500_000, SL002: 250_000 },
      },
    }),
  )
  await contracts.changeTerms(
    ctx,
    contractId,
    'payment_by_results',
    ok({
      effectiveFrom: start,
      reason: 'Contract signed: baseline from the 2011 cohort',
      terms: {
        baseline: { binaryRate: 0.45, meanPredicted: 0.44, frequency: 3.2 },
        binary: { pricePerUnit: 150_000, deductionPerUnit: 150_000 },
        frequency: { pricePerUnit: 40_000, deductionPerUnit: 40_000 },
        binaryHurdle: true,
        alpha: 0.05,
      },
    }),
  )
}
