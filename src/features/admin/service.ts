import type { RequestContext } from '../../access/audit.ts'
import type { Dependencies } from '../../dependencies.ts'
import * as tokens from './api-tokens.ts'
import type {
  AccessMessages,
  ManagerChange,
  NewApiToken,
  NewLimitation,
  NewOrgUnit,
  NewPassword,
  NewStaff,
  NewUser,
  OrgUnitChange,
  StaffChange,
  TeamContactDetails,
  UserChange,
} from './forms.ts'
import * as organisations from './organisations.ts'
import * as people from './people.ts'
import * as teamContacts from './team-contacts.ts'
import type { OrgLevel } from './queries.ts'
import * as users from './users.ts'

export { userStatus } from './users.ts'

/**
 * Administration: organisations, staff, user accounts, who manages a person, limited access and API tokens, each
 * in its own file (organisations.ts, users.ts, people.ts, api-tokens.ts); this wires them into one service.
 *
 * Nothing here is deleted. Organisations, staff and users are deactivated; a change of case manager ends the
 * current `case_managers` row and starts a new one; a limited-access entry is removed by stamping
 * `removed_at`; an API token is revoked. Every change is audited in the transaction that makes it.
 */
export function createAdminService(deps: Pick<Dependencies, 'db' | 'clock' | 'config'>) {
  return {
    organisationTree: () => organisations.organisationTree(deps),
    orgUnit: (level: OrgLevel, id: number) => organisations.orgUnit(deps, level, id),
    parentOptions: (level: OrgLevel) => organisations.parentOptions(deps, level),
    createOrgUnit: (ctx: RequestContext, level: OrgLevel, unit: NewOrgUnit) =>
      organisations.createOrgUnit(deps, ctx, level, unit),
    updateOrgUnit: (ctx: RequestContext, level: OrgLevel, id: number, change: OrgUnitChange) =>
      organisations.changeOrgUnit(deps, ctx, level, id, change),

    teamContact: (teamId: number) => teamContacts.teamContact(deps, teamId),
    teamsMissingContact: () => teamContacts.teamsMissingContact(deps),
    setTeamContact: (ctx: RequestContext, teamId: number, details: TeamContactDetails) =>
      teamContacts.setTeamContact(deps, ctx, teamId, details),
    setTeamContactByCode: (ctx: RequestContext, teamCode: string, details: TeamContactDetails) =>
      teamContacts.setTeamContactByCode(deps, ctx, teamCode, details),

    staffList: (filter: { providerId: number | null; teamId: number | null }) => organisations.staffList(deps, filter),
    staffFormOptions: () => organisations.staffFormOptions(deps),
    staffMember: (id: number) => organisations.staffMember(deps, id),
    createStaff: (ctx: RequestContext, staff: NewStaff) => organisations.createStaff(deps, ctx, staff),
    updateStaff: (ctx: RequestContext, id: number, change: StaffChange) =>
      organisations.changeStaff(deps, ctx, id, change),

    users: () => users.users(deps),
    userFormOptions: () => users.userFormOptions(deps),
    user: (id: number) => users.user(deps, id),
    createUser: (ctx: RequestContext, user: NewUser) => users.createUser(deps, ctx, user),
    updateUser: (ctx: RequestContext, id: number, change: UserChange) => users.changeUser(deps, ctx, id, change),
    setUserActive: (ctx: RequestContext, id: number, active: boolean) => users.setUserActive(deps, ctx, id, active),
    unlockUser: (ctx: RequestContext, id: number) => users.unlockUser(deps, ctx, id),
    resetPassword: (ctx: RequestContext, id: number, password: NewPassword) =>
      users.resetPassword(deps, ctx, id, password),

    personSummary: (ctx: RequestContext, crn: string) => people.personSummary(deps, ctx, crn),
    managerPage: (ctx: RequestContext, crn: string) => people.managerPage(deps, ctx, crn),
    changeManager: (ctx: RequestContext, crn: string, change: ManagerChange) =>
      people.changeManager(deps, ctx, crn, change),
    accessPage: (ctx: RequestContext, crn: string) => people.accessPage(deps, ctx, crn),
    addLimitation: (ctx: RequestContext, crn: string, limitation: NewLimitation) =>
      people.addLimitation(deps, ctx, crn, limitation),
    removeLimitation: (ctx: RequestContext, crn: string, limitationId: number) =>
      people.removeLimitation(deps, ctx, crn, limitationId),
    setAccessMessages: (ctx: RequestContext, crn: string, messages: AccessMessages) =>
      people.setAccessMessages(deps, ctx, crn, messages),

    apiTokens: () => tokens.apiTokens(deps),
    apiTokenFormOptions: () => tokens.apiTokenFormOptions(deps),
    issueApiToken: (ctx: RequestContext, token: NewApiToken) => tokens.issueApiToken(deps, ctx, token),
    revokeApiToken: (ctx: RequestContext, id: number) => tokens.revokeApiToken(deps, ctx, id),
    rotateApiToken: (ctx: RequestContext, id: number) => tokens.rotateApiToken(deps, ctx, id),
  }
}

export type AdminService = ReturnType<typeof createAdminService>
