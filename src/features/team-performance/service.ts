import type { Dependencies } from '../../dependencies.ts'

/**
 * Team performance without league tables (issue 19 item 5): the published service levels per team, delivery unit
 * and provider with the cases behind each miss, and workload with weights, reductions and capacity.
 */
export function createTeamPerformanceService({ db, clock }: Dependencies) {
  void db
  return {
    today: () => clock.today(),
  }
}

export type TeamPerformanceService = ReturnType<typeof createTeamPerformanceService>
