/**
 * Roles a user can hold, in practitioners' words. A user may hold several.
 * `auditor` is read-only everywhere; `admin` manages organisations, users and access.
 */
export const ROLES = {
  practitioner: 'Practitioner (probation officer or PSO)',
  senior: 'Senior (team manager)',
  court_officer: 'Court officer',
  case_admin: 'Case administrator',
  victim_liaison: 'Victim liaison officer',
  victim_liaison_manager: 'Victim liaison manager',
  ap_staff: 'Approved premises staff',
  upw_supervisor: 'Unpaid work supervisor',
  contract_manager: 'Contract manager',
  partner: 'Partner organisation caseworker',
  admin: 'Administrator',
  auditor: 'Auditor (read-only)',
} as const

export type Role = keyof typeof ROLES

export function isRole(value: string): value is Role {
  return Object.hasOwn(ROLES, value)
}

/**
 * What a route may require. Person-level permissions are checked twice: the role here, then the person's
 * own access facts in `policy.ts`.
 */
export type Permission =
  | 'public'
  | 'signed-in'
  | 'person:search'
  | 'person:read'
  | 'person:create'
  | 'person:update'
  | 'person:audit'
  | 'admin'
  | 'calculate'
  | 'victim:read'
  | 'victim:write'
  | 'victim:manage'
  | 'premises:read'
  | 'premises:manage'
  | 'upw:read'
  | 'upw:record'
  | 'upw:manage'
  | 'partners:read'
  | 'partners:manage'
  | 'partners:monitor'
  | 'referral:partner'
  | 'contracts:read'
  | 'contracts:manage'
  | 'performance:read'
  | 'performance:manage'

const CASE_WORK: Permission[] = ['person:search', 'person:read', 'person:create', 'person:update', 'calculate']
// Unpaid work (issue 17): practitioners see projects, sessions and hours; supervisors also record sessions; seniors,
// case administrators and administrators run projects, sessions, placements and Community Payback nominations.
const UPW_RUN: Permission[] = ['upw:read', 'upw:record', 'upw:manage']

// Partner services (issue 18): case workers find services in the directory and refer (the referral itself is a
// change to the person's record, `person:update`); contract managers and administrators keep the directory; team
// managers and contract managers monitor referrals at team and provider level.
const DIRECTORY: Permission[] = ['partners:read']
// Contracts and outcomes (issue 19): contract managers keep contracts, import convictions and read statements;
// performance (service levels and workload) is read at team, delivery unit and provider level, never per person
// ranked; seniors read their team's, contract managers and national roles every provider's.
const CONTRACTS: Permission[] = ['contracts:read', 'contracts:manage']

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  practitioner: [...CASE_WORK, 'upw:read', ...DIRECTORY],
  senior: [...CASE_WORK, 'premises:read', ...UPW_RUN, ...DIRECTORY, 'partners:monitor', 'performance:read'],
  case_admin: [...CASE_WORK, ...UPW_RUN, ...DIRECTORY],
  court_officer: CASE_WORK,
  // Victim work is its own domain (issue 15): only these two roles hold a victim permission, and no other role's
  // list may gain one (src/access/policy.test.ts checks it). They read offender records like any reader (audited).
  victim_liaison: ['person:search', 'person:read', 'calculate', 'victim:read', 'victim:write'],
  victim_liaison_manager: ['person:search', 'person:read', 'calculate', 'victim:read', 'victim:write', 'victim:manage'],
  // Approved premises (issue 16): their staff see and manage their provider's premises, beds and bookings; seniors
  // see them; the national roles see every provider's. They read only the records of people booked into or referred
  // to their provider's premises (policy.ts `RESIDENT_READ_ROLES`), and do not search the national record.
  ap_staff: ['person:read', 'calculate', 'premises:read', 'premises:manage'],
  upw_supervisor: ['person:search', 'person:read', 'upw:read', 'upw:record'],
  contract_manager: [
    'calculate',
    ...DIRECTORY,
    'partners:manage',
    'partners:monitor',
    ...CONTRACTS,
    'performance:read',
    'performance:manage',
  ],
  // A partner organisation's staff (issue 18) see only the referrals sent to their organisation and what was shared
  // with them: no person permission, no search, no other provider's work. `referral:partner` is their only one.
  partner: ['referral:partner'],
  admin: [
    ...CASE_WORK,
    'person:audit',
    'admin',
    'premises:read',
    'premises:manage',
    ...UPW_RUN,
    ...DIRECTORY,
    'partners:manage',
    'partners:monitor',
    ...CONTRACTS,
    'performance:read',
    'performance:manage',
  ],
  auditor: [
    'person:search',
    'person:read',
    'person:audit',
    'calculate',
    'premises:read',
    'upw:read',
    ...DIRECTORY,
    'partners:monitor',
    'contracts:read',
    'performance:read',
  ],
}

/** Roles that see every provider's records (still subject to limited-access exclusions and restrictions). */
export const NATIONAL_READ_ROLES: readonly Role[] = ['admin', 'auditor', 'court_officer']

/** Roles that may change any record within their own provider, not only their team's. */
export const PROVIDER_WRITE_ROLES: readonly Role[] = ['senior', 'case_admin', 'admin']
