import type { CurrentUser } from './current-user.ts'
import { NATIONAL_READ_ROLES, PROVIDER_WRITE_ROLES, ROLE_PERMISSIONS, type Permission, type Role } from './roles.ts'

/**
 * The one access policy. Every page, API route and service asks it whether this user may see or change
 * this person. It is a pure function of the user and the person's access facts, so it is tested as a table.
 *
 * Sources: the nDelius limited-access (LAO) model of exclusions and restrictions
 * (shared/domain/reference-systems.md, LAO), and the rule that a case's history moves with the person
 * between providers while former managers keep read access to what they managed.
 */

/** One period of management: who managed the person, from when, and until when (null: still managing). */
export interface ManagementPeriod {
  readonly providerId: number
  readonly teamId: number | null
  readonly staffId: number | null
  readonly from: Date
  readonly to: Date | null
}

/** A grant of time-limited read access that was given and not withdrawn (it may have expired: see `asOf`). */
export interface AccessGrantFact {
  readonly grantId: number
  readonly userId: number
  /** `request`: asked for and granted by the manager or senior; `urgent`: "break glass", granted at once. */
  readonly kind: 'request' | 'urgent'
  readonly expiresAt: Date
}

/** What a reader may see when their access covers only part of the record: what was recorded before an instant. */
export interface ReadScope {
  readonly recordedBefore: Date
}

/** What the policy needs to know about a person. Loaded by `loadPersonAccess`. */
export interface PersonAccessFacts {
  readonly personId: number
  readonly managingProviderId: number | null
  readonly managingTeamId: number | null
  readonly managingStaffId: number | null
  /** Every provider, team and member of staff that has managed the person, current included, with their dates. */
  readonly managers: readonly ManagementPeriod[]
  /** Grants given and not withdrawn (expired ones included: the policy compares them with `asOf`). */
  readonly grants: readonly AccessGrantFact[]
  readonly excludedUserIds: readonly number[]
  readonly restrictedToUserIds: readonly number[]
  readonly exclusionMessage: string | null
  readonly restrictionMessage: string | null
  /** The instant the decision is made for ("now", from the caller's clock), so the policy itself reads no clock. */
  readonly asOf: Date
  /** How long former managers keep read access after the case left them (PROBITY_FORMER_MANAGER_MONTHS). */
  readonly formerManagerMonths: number
  /**
   * The person's approved premises bookings and open applications, by the provider whose premises hold or assess
   * them: what approved premises staff may read the record by (issue 16). Absent means none.
   */
  readonly placements?: readonly PlacementFact[]
}

/** A booking (until its departure date) or an open application (no end) with a provider's approved premises. */
export interface PlacementFact {
  readonly providerId: number
  /** The booking's departure date (midnight UTC), or null for an application still open. */
  readonly until: Date | null
}

export type AccessDecision =
  | { allowed: true; basis: string; scope?: ReadScope; grantId?: number }
  | { allowed: false; reason: string; limitedAccess: boolean; canAsk?: boolean }

/** The read bases that come from sharing rather than from managing the case: audited with every read (the basis kept). */
export const SHARING_BASES = [
  'former manager',
  'access granted',
  'urgent access',
  'approved premises resident',
] as const

/** The default period former managers keep read access for, in months. */
export const DEFAULT_FORMER_MANAGER_MONTHS = 6

/**
 * The pages a reader with a scope (a former manager) may open: each filters what it shows to what was recorded
 * before the scope's instant. Every other page of the record (current address, documents, changes) refuses them.
 */
export const TIME_LIMITED_PAGES: ReadonlySet<string> = new Set([
  '/people/:crn',
  '/people/:crn/risk',
  '/people/:crn/activity',
])

/** The refusal that offers "Ask for access" (the error page shows the button when the message says so). */
export const ASK_FOR_ACCESS =
  'This record is managed by another provider. You can ask for access: its case manager or their senior decides.'

export function hasPermission(user: CurrentUser | undefined, permission: Permission): boolean {
  if (permission === 'public') return true
  if (!user) return false
  if (permission === 'signed-in') return true
  if (user.scopes && !user.scopes.includes(scopeOf(permission))) return false
  return user.roles.some(role => ROLE_PERMISSIONS[role]?.includes(permission))
}

/** The API token scope a permission belongs to: victim data (issue 15) and a partner's referrals (issue 18) have their own. */
export function scopeOf(permission: Permission): 'case' | 'victims' | 'partner' {
  if (permission.startsWith('victim:')) return 'victims'
  return permission === 'referral:partner' ? 'partner' : 'case'
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
  if (readsResidentsOnly(user)) return residentAccess(user, person)
  return caseReadAccess(user, person)
}

/**
 * May approved premises staff place this person (book a bed by CRN, as CAS1's managers may)? Who may read the
 * record as a case reader may: their provider's people, not only those already referred or booked.
 */
export function canPlacePerson(user: CurrentUser | undefined, person: PersonAccessFacts): AccessDecision {
  if (!user) return { allowed: false, limitedAccess: false, reason: 'Sign in to continue' }
  if (!hasPermission(user, 'person:read')) {
    return { allowed: false, limitedAccess: false, reason: 'Your role does not include viewing case records' }
  }
  return limitedAccess(user, person) ?? caseReadAccess(user, person)
}

/**
 * Roles that read case records only for the people booked into or referred to their provider's approved premises
 * (issue 16: "approved premises staff see residents, not the whole national record"); a user who also holds a case
 * role reads as that role does.
 */
export const RESIDENT_READ_ROLES: readonly Role[] = ['ap_staff']

/** How long after a booking's departure date its premises' staff may still read the record (to record the stay). */
export const RESIDENT_READ_DAYS_AFTER = 28

function readsResidentsOnly(user: CurrentUser): boolean {
  const readers = user.roles.filter(r => ROLE_PERMISSIONS[r]?.includes('person:read'))
  return readers.length > 0 && readers.every(r => RESIDENT_READ_ROLES.includes(r))
}

function residentAccess(user: CurrentUser, person: PersonAccessFacts): AccessDecision {
  // Readable through the whole of the 28th day after the departure date.
  const readableUntil = (until: Date) => until.getTime() + (RESIDENT_READ_DAYS_AFTER + 1) * 86_400_000
  const placed = (person.placements ?? []).some(
    p => p.providerId === user.providerId && (p.until === null || readableUntil(p.until) > person.asOf.getTime()),
  )
  if (placed) return { allowed: true, basis: 'approved premises resident' }
  return {
    allowed: false,
    limitedAccess: false,
    reason: 'Approved premises staff see the records of people booked into or referred to their premises only',
  }
}

/** The case readers' bases: a national role, an unallocated record, the managing provider, a grant, a former manager. */
function caseReadAccess(user: CurrentUser, person: PersonAccessFacts): AccessDecision {
  if (user.roles.some(r => NATIONAL_READ_ROLES.includes(r))) return { allowed: true, basis: 'national role' }
  // A record not yet managed by anyone (before sentence) is open to every provider's case workers.
  if (person.managingProviderId === null) return { allowed: true, basis: 'not yet allocated' }
  if (user.providerId !== null && user.providerId === person.managingProviderId) {
    return { allowed: true, basis: 'same provider' }
  }
  const grant = activeGrant(user, person)
  if (grant)
    return {
      allowed: true,
      basis: grant.kind === 'urgent' ? 'urgent access' : 'access granted',
      grantId: grant.grantId,
    }
  return formerManager(user, person) ?? { allowed: false, limitedAccess: false, canAsk: true, reason: ASK_FOR_ACCESS }
}

/** The user's grant that is still running, if any (the latest to expire). */
function activeGrant(user: CurrentUser, person: PersonAccessFacts): AccessGrantFact | undefined {
  return person.grants
    .filter(g => g.userId === user.id && g.expiresAt.getTime() > person.asOf.getTime())
    .sort((a, b) => b.expiresAt.getTime() - a.expiresAt.getTime())[0]
}

/**
 * The end of a former manager's read access: `months` calendar months after `ended` (the day clamped to the month's
 * end, as a calendar would: 31 August + 6 months is 28 February).
 *
 * @example
 * formerManagerUntil(new Date('2026-01-15T10:00:00Z'), 6) // 2026-07-15T10:00:00Z
 */
export function formerManagerUntil(ended: Date, months: number): Date {
  const until = new Date(ended.getTime())
  const day = until.getUTCDate()
  until.setUTCDate(1)
  until.setUTCMonth(until.getUTCMonth() + months)
  const lastDay = new Date(Date.UTC(until.getUTCFullYear(), until.getUTCMonth() + 1, 0)).getUTCDate()
  until.setUTCDate(Math.min(day, lastDay))
  return until
}

/**
 * Whether the user managed the case before (as its case manager, or as a senior of the team that managed it) and
 * the period since it left them has not run out. They read only what was recorded before it left them.
 */
function formerManager(user: CurrentUser, person: PersonAccessFacts): AccessDecision | undefined {
  const mine = person.managers.filter(
    m =>
      m.to !== null &&
      ((user.staffId !== null && m.staffId === user.staffId) ||
        (user.roles.includes('senior') && user.teamId !== null && m.teamId === user.teamId)),
  )
  const latestEnd = mine.reduce<Date | null>((end, m) => (end && end >= m.to! ? end : m.to), null)
  if (!latestEnd) return undefined
  const until = formerManagerUntil(latestEnd, person.formerManagerMonths)
  if (person.asOf.getTime() >= until.getTime()) {
    return {
      allowed: false,
      limitedAccess: false,
      canAsk: true,
      reason: `Your access as a former case manager ended on ${until.toISOString().slice(0, 10)}. ${ASK_FOR_ACCESS}`,
    }
  }
  return { allowed: true, basis: 'former manager', scope: { recordedBefore: latestEnd } }
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

/**
 * May this user decide who else reads the record (grant, refuse or withdraw access, acknowledge urgent access)?
 * The case manager, or a senior of the managing team; never someone the record's limited access keeps out.
 *
 * @example
 * canDecideAccess(sam, facts) // { allowed: true, basis: 'managing senior' }
 */
export function canDecideAccess(user: CurrentUser | undefined, person: PersonAccessFacts): AccessDecision {
  if (!user) return { allowed: false, limitedAccess: false, reason: 'Sign in to continue' }
  const limited = limitedAccess(user, person)
  if (limited) return limited
  if (user.staffId !== null && user.staffId === person.managingStaffId) return { allowed: true, basis: 'case manager' }
  if (user.roles.includes('senior') && user.teamId !== null && user.teamId === person.managingTeamId) {
    return { allowed: true, basis: 'managing senior' }
  }
  return {
    allowed: false,
    limitedAccess: false,
    reason: 'Only the case manager or a senior of the managing team can decide who else may see this record',
  }
}
