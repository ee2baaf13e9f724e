import type { CurrentUser } from './current-user.ts'
import { NATIONAL_READ_ROLES, PROVIDER_WRITE_ROLES, ROLE_PERMISSIONS, type Permission } from './roles.ts'

/**
 * The one access policy. Every page, API route and service asks it whether this user may see or change
 * this person. It is a pure function of the user and the person's access facts, so it is tested as a table.
 *
 * Sources: the nDelius limited-access (LAO) model of exclusions and restrictions
 * (shared/domain/reference-systems.md, LAO), and the rule that a case's history moves with the person
 * between providers while former managers keep read access to what they managed.
 */

/** What the policy needs to know about a person. Loaded by `loadPersonAccess`. */
export interface PersonAccessFacts {
  readonly personId: number
  readonly managingProviderId: number | null
  readonly managingTeamId: number | null
  readonly managingStaffId: number | null
  /** Every provider, team and member of staff that has managed the person, current included. */
  readonly managers: readonly { providerId: number; teamId: number | null; staffId: number | null }[]
  readonly excludedUserIds: readonly number[]
  readonly restrictedToUserIds: readonly number[]
  readonly exclusionMessage: string | null
  readonly restrictionMessage: string | null
}

export type AccessDecision =
  { allowed: true; basis: string } | { allowed: false; reason: string; limitedAccess: boolean }

export function hasPermission(user: CurrentUser | undefined, permission: Permission): boolean {
  if (permission === 'public') return true
  if (!user) return false
  if (permission === 'signed-in') return true
  return user.roles.some(role => ROLE_PERMISSIONS[role]?.includes(permission))
}

const DEFAULT_EXCLUSION = 'You are excluded from viewing this record. Contact the case manager if you need access.'
const DEFAULT_RESTRICTION = 'This record is restricted to named staff. Contact the case manager if you need access.'

/** Limited access first: an exclusion or restriction applies whatever the user's role. */
function limitedAccess(user: CurrentUser, person: PersonAccessFacts): AccessDecision | undefined {
  if (person.excludedUserIds.includes(user.id)) {
    return { allowed: false, limitedAccess: true, reason: person.exclusionMessage || DEFAULT_EXCLUSION }
  }
  if (person.restrictedToUserIds.length > 0 && !person.restrictedToUserIds.includes(user.id)) {
    return { allowed: false, limitedAccess: true, reason: person.restrictionMessage || DEFAULT_RESTRICTION }
  }
  return undefined
}

/**
 * May this user read this person's record?
 *
 * @example
 * canReadPerson(user, facts) // { allowed: false, reason: 'This record is managed by another provider…' }
 */
export function canReadPerson(user: CurrentUser | undefined, person: PersonAccessFacts): AccessDecision {
  if (!user) return { allowed: false, limitedAccess: false, reason: 'Sign in to continue' }
  if (!hasPermission(user, 'person:read')) {
    return { allowed: false, limitedAccess: false, reason: 'Your role does not include viewing case records' }
  }
  const limited = limitedAccess(user, person)
  if (limited) return limited
  if (user.roles.some(r => NATIONAL_READ_ROLES.includes(r))) return { allowed: true, basis: 'national role' }
  // A record not yet managed by anyone (before sentence) is open to every provider's case workers.
  if (person.managingProviderId === null) return { allowed: true, basis: 'not yet allocated' }
  if (user.providerId !== null && user.providerId === person.managingProviderId) {
    return { allowed: true, basis: 'same provider' }
  }
  const managedBefore = person.managers.some(
    m =>
      (user.staffId !== null && m.staffId === user.staffId) ||
      (user.providerId !== null && m.providerId === user.providerId),
  )
  if (managedBefore) return { allowed: true, basis: 'former manager' }
  return {
    allowed: false,
    limitedAccess: false,
    reason: 'This record is managed by another provider. Ask its case manager to share or transfer the case.',
  }
}

/** May this user change this person's record? Readers are not always writers: auditors and former managers read only. */
export function canUpdatePerson(user: CurrentUser | undefined, person: PersonAccessFacts): AccessDecision {
  const read = canReadPerson(user, person)
  if (!read.allowed || !user) return read
  if (!hasPermission(user, 'person:update')) {
    return { allowed: false, limitedAccess: false, reason: 'Your role can view this record but not change it' }
  }
  if (user.roles.includes('admin')) return { allowed: true, basis: 'administrator' }
  if (person.managingProviderId === null) return { allowed: true, basis: 'not yet allocated' }
  if (user.providerId !== person.managingProviderId) {
    return { allowed: false, limitedAccess: false, reason: 'Only the managing provider can change this record' }
  }
  if (user.roles.some(r => PROVIDER_WRITE_ROLES.includes(r))) return { allowed: true, basis: 'provider role' }
  if (user.staffId !== null && user.staffId === person.managingStaffId) return { allowed: true, basis: 'case manager' }
  if (user.teamId !== null && user.teamId === person.managingTeamId) return { allowed: true, basis: 'managing team' }
  if (person.managingTeamId === null) return { allowed: true, basis: 'same provider, no team yet' }
  return { allowed: false, limitedAccess: false, reason: "Only the case manager's team can change this record" }
}
