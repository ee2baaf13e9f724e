import type { Dependencies } from '../../dependencies.ts'
import { createServiceLevelUseCases } from './service-levels.ts'
import { createWorkloadUseCases } from './workload.ts'

/**
 * Team performance without league tables (issue 19 item 5): the published service levels per team, delivery unit
 * and provider with the cases behind each miss (`service-levels.ts`), and workload with weights, reductions and
 * capacity (`workload.ts`). No figure is ever worked out per practitioner, and nothing is ranked.
 */
export function createTeamPerformanceService(deps: Dependencies) {
  return {
    /** Today in Europe/London, from the service's clock (the default period is the last full quarter before it). */
    today: () => deps.clock.today(),
    serviceLevels: createServiceLevelUseCases(deps),
    workload: createWorkloadUseCases(deps),
  }
}

export type TeamPerformanceService = ReturnType<typeof createTeamPerformanceService>
