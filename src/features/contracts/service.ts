import type { RequestContext } from '../../access/audit.ts'
import type { Dependencies } from '../../dependencies.ts'
import { createContractUseCases } from './contracts.ts'
import { buildStatement, recentQuarters, statementCohort } from './statements.ts'

/**
 * Contracts and payment by results (issue 19 items 1 and 3): contracts per provider and contract package area with
 * their terms and supply chain as data with history (`contracts.ts`), and a statement per contract and quarter
 * (`statements.ts`, explained line by line in `statement-lines.ts`).
 */
export function createContractsService({ db, clock }: Dependencies) {
  const deps = { db, clock }
  return {
    /** Today in Europe/London, from the service's clock. */
    today: () => clock.today(),
    /** The quarters a contract page links to: the latest final one and each since. */
    recentQuarters: () => recentQuarters(clock.today()),
    ...createContractUseCases(deps),
    statement: (_ctx: RequestContext, id: number, quarter: string) => buildStatement(deps, id, quarter),
    cohort: (ctx: RequestContext, id: number, quarter: string) => statementCohort(deps, ctx, id, quarter),
  }
}

export type ContractsService = ReturnType<typeof createContractsService>
