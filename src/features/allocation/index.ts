/** The allocation feature's public surface: what the composition roots and other features may use. */
export { allocationApiRoutes } from './api.ts'
export { allocationRoutes } from './routes.ts'
export { createAllocationService, NEW_CASE_DAYS, type AllocationService } from './service.ts'
// The home page counts the queue a senior would open: the unallocated cases of their team's delivery unit.
export { listTeams, unallocatedPeople } from './queries.ts'
