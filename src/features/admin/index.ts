/** The admin feature's public surface: what the composition roots and other features may use. */
export { adminRoutes } from './routes.ts'
export { createAdminService } from './service.ts'
// The staff directory: allocation lists a team's practitioners with the same query.
export { listStaff, type StaffRow } from './queries.ts'
// Team letterheads: the seed and test factories set a team's letter contact details with the same checks and audit.
export { setTeamContact, setTeamContactByCode } from './team-contacts.ts'
export type { TeamContactDetails } from './forms.ts'
