import type { Kysely } from 'kysely'
import type { Config } from './config.ts'
import type { Database } from './db/schema.ts'
import { createAdminService } from './features/admin/service.ts'
import { createCourtService } from './features/court/service.ts'
import { createAllocationService } from './features/allocation/service.ts'
import { createCaseloadService } from './features/caseload/service.ts'
import { createPeopleService } from './features/people/service.ts'
import { createRiskService } from './features/risk/service.ts'
import { createSentencingService } from './features/sentencing/service.ts'
import { createSignInService } from './features/sign-in/service.ts'
import { createSupervisionService } from './features/supervision/service.ts'

export interface Dependencies {
  readonly config: Config
  readonly db: Kysely<Database>
  /** Today's date and the current instant come from here, so tests can fix them. */
  readonly clock: Clock
}

export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** The composition root for services: each is a plain object built from its collaborators. */
export function createServices(deps: Dependencies) {
  return {
    signIn: createSignInService(deps),
    people: createPeopleService(deps),
    admin: createAdminService(deps),
    risk: createRiskService(deps),
    sentencing: createSentencingService(deps),
    allocation: createAllocationService(deps),
    supervision: createSupervisionService(deps),
    // The caseload, my day and team view read supervision's team enforcement (stateless, so its own instance is fine).
    caseload: createCaseloadService({ ...deps, supervision: createSupervisionService(deps) }),
    // Court work searches and creates people through the people service (stateless, so its own instance is fine).
    court: createCourtService({ ...deps, people: createPeopleService(deps) }),
  }
}

export type Services = ReturnType<typeof createServices>
