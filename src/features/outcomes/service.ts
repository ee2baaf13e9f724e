import type { Dependencies } from '../../dependencies.ts'
import { createConvictionsUseCases } from './convictions.ts'
import { createDashboard } from './dashboard.ts'

/**
 * Outcomes (issue 19 items 2 and 4): convictions and cautions imported from police national computer extracts with a
 * reconciliation report (`convictions.ts`), and the open outcomes dashboard on the public face (`dashboard.ts`).
 * Cohorts are built from the record by `cohorts.ts`.
 */
export function createOutcomesService({ db, clock }: Dependencies) {
  return {
    today: () => clock.today(),
    convictions: createConvictionsUseCases({ db, clock }),
    dashboard: createDashboard({ db, clock }),
  }
}

export type OutcomesService = ReturnType<typeof createOutcomesService>
