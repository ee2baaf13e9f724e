import { personAccess } from '../../access/with-person.ts'
import type { Dependencies } from '../../dependencies.ts'
import type { UpwDeps } from './context.ts'
import { createNominationsUseCases } from './nominations.ts'
import { createOrdersUseCases } from './orders.ts'
import { createProjectsUseCases } from './projects.ts'
import { createSessionsUseCases } from './sessions.ts'
import { createTeamUseCases } from './team.ts'

/**
 * Unpaid work (issue 17): projects and their sessions, allocating people and recording what they did, each order's
 * hours and clocks, the team's views, and the Community Payback nominations the public sends in. Each part opens its
 * own transactions; a person's record is opened with `withPerson`, audited and published in the same transaction.
 */
export function createUnpaidWorkService({ db, clock, config }: Dependencies) {
  const deps: UpwDeps = {
    db,
    clock,
    withPerson: personAccess(db, { clock, formerManagerMonths: config.sharing.formerManagerMonths }),
  }
  return {
    projects: createProjectsUseCases(deps),
    sessions: createSessionsUseCases(deps),
    orders: createOrdersUseCases(deps),
    team: createTeamUseCases(deps),
    nominations: createNominationsUseCases(deps),
  }
}

export type UnpaidWorkService = ReturnType<typeof createUnpaidWorkService>
