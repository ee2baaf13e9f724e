/** The Victim Contact Scheme's public surface: what the composition roots and other features may use. */
export { victimsRoutes } from './routes.ts'
export { victimsApiRoutes } from './api.ts'
export { createVictimsService, type VictimsService } from './service.ts'
// What the offender's side may know (no victim's identity): the licence page's requested conditions, and the
// overview's "Victim contact" panel. The task maker, for the server to run every minute (and tests).
export { victimConditionRequests, type VictimConditionRequest } from './conditions.ts'
export { victimSchemeSummary, type VictimSchemeSummary } from './offender-side.ts'
export { makeVictimTasks, startVictimTaskMaker, type VictimTaskMaker } from './tasks.ts'
