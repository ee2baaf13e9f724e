import { describe, expect, it } from 'vitest'
import type { CurrentUser } from './current-user.ts'
import {
  canDecideAccess,
  canPlacePerson,
  canReadPerson,
  canUpdatePerson,
  formerManagerUntil,
  hasPermission,
  type ManagementPeriod,
  type PersonAccessFacts,
} from './policy.ts'
import { ROLE_PERMISSIONS, ROLES, type Role } from './roles.ts'

const PUBLIC = 1
const CONTRACTED = 2
const TEAM_A = 10
const TEAM_B = 11
const NOW = new Date('2026-12-05T12:00:00Z')
const TRANSFERRED = new Date('2026-09-01T09:00:00Z')
const since = new Date('2025-01-01T00:00:00Z')
const period = (
  providerId: number,
  teamId: number,
  staffId: number,
  from: Date,
  to: Date | null,
): ManagementPeriod => ({
  providerId,
  teamId,
  staffId,
  from,
  to,
})

function user(
  id: number,
  roles: Role[],
  providerId: number | null,
  teamId: number | null,
  staffId: number | null = null,
): CurrentUser {
  return { id, username: `u${id}`, displayName: `User ${id}`, roles, providerId, teamId, staffId, via: 'session' }
}

function person(overrides: Partial<PersonAccessFacts> = {}): PersonAccessFacts {
  return {
    personId: 99,
    managingProviderId: PUBLIC,
    managingTeamId: TEAM_A,
    managingStaffId: 100,
    managers: [period(PUBLIC, TEAM_A, 100, since, null)],
    grants: [],
    excludedUserIds: [],
    restrictedToUserIds: [],
    exclusionMessage: null,
    restrictionMessage: null,
    asOf: NOW,
    formerManagerMonths: 6,
    ...overrides,
  }
}

const manager = user(1, ['practitioner'], PUBLIC, TEAM_A, 100)
const teamMate = user(2, ['practitioner'], PUBLIC, TEAM_A, 101)
const otherTeam = user(3, ['practitioner'], PUBLIC, TEAM_B, 102)
const otherProvider = user(4, ['practitioner'], CONTRACTED, 20, 200)
const auditor = user(5, ['auditor'], null, null)
const admin = user(6, ['admin'], null, null)
const contractManager = user(7, ['contract_manager'], CONTRACTED, null)
const senior = user(8, ['senior'], PUBLIC, TEAM_B, 103)

describe('canReadPerson', () => {
  it.each([
    ['the case manager', manager, true],
    ['a practitioner in the same provider', otherTeam, true],
    ['a practitioner at another provider', otherProvider, false],
    ['an auditor (national, read-only)', auditor, true],
    ['an administrator', admin, true],
    ['a contract manager (no case access)', contractManager, false],
  ])('%s: %s', (_label, who, allowed) => {
    expect(canReadPerson(who, person()).allowed).toBe(allowed)
  })

  it('refuses anonymous users', () => {
    expect(canReadPerson(undefined, person()).allowed).toBe(false)
  })

  it('lets the former case manager read what was recorded before the transfer, and only that, for six months', () => {
    const transferred = person({
      managers: [period(CONTRACTED, 20, 200, since, TRANSFERRED), period(PUBLIC, TEAM_A, 100, TRANSFERRED, null)],
    })
    expect(canReadPerson(otherProvider, transferred)).toEqual({
      allowed: true,
      basis: 'former manager',
      scope: { recordedBefore: TRANSFERRED },
    })
    expect(canUpdatePerson(otherProvider, transferred).allowed).toBe(false)
  })

  const formerCases: [string, CurrentUser, Date, boolean][] = [
    ['the former case manager, within the period', otherProvider, NOW, true],
    ['the former case manager, the day before it ends', otherProvider, new Date('2027-02-28T12:00:00Z'), true],
    ['the former case manager, once it has ended', otherProvider, new Date('2027-03-01T09:00:00Z'), false],
    ["a senior of the former manager's team", user(9, ['senior'], CONTRACTED, 20, 201), NOW, true],
    [
      'a practitioner in the former team (not the manager)',
      user(10, ['practitioner'], CONTRACTED, 20, 202),
      NOW,
      false,
    ],
    ['someone else at the former provider', user(11, ['senior'], CONTRACTED, 21, 203), NOW, false],
  ]
  it.each(formerCases)('former managers: %s', (_label, who, asOf, allowed) => {
    const transferred = person({
      asOf,
      managers: [period(CONTRACTED, 20, 200, since, TRANSFERRED), period(PUBLIC, TEAM_A, 100, TRANSFERRED, null)],
    })
    const decision = canReadPerson(who, transferred)
    expect(decision.allowed).toBe(allowed)
    if (!decision.allowed) expect(decision).toMatchObject({ limitedAccess: false, canAsk: true })
  })

  it('keeps the period configurable', () => {
    const transferred = person({
      formerManagerMonths: 1,
      managers: [period(CONTRACTED, 20, 200, since, TRANSFERRED), period(PUBLIC, TEAM_A, 100, TRANSFERRED, null)],
    })
    expect(canReadPerson(otherProvider, transferred)).toMatchObject({ allowed: false })
    expect(formerManagerUntil(new Date('2026-08-31T10:00:00Z'), 6)).toEqual(new Date('2027-02-28T10:00:00Z'))
  })

  const grantCases: [string, Partial<PersonAccessFacts>, boolean, string | undefined][] = [
    [
      'a running grant',
      { grants: [{ grantId: 1, userId: otherProvider.id, kind: 'request', expiresAt: new Date('2026-12-20') }] },
      true,
      'access granted',
    ],
    [
      'urgent access',
      { grants: [{ grantId: 2, userId: otherProvider.id, kind: 'urgent', expiresAt: new Date('2026-12-06') }] },
      true,
      'urgent access',
    ],
    [
      'an expired grant',
      { grants: [{ grantId: 3, userId: otherProvider.id, kind: 'request', expiresAt: NOW }] },
      false,
      undefined,
    ],
    [
      "someone else's grant",
      { grants: [{ grantId: 4, userId: teamMate.id, kind: 'request', expiresAt: new Date('2026-12-20') }] },
      false,
      undefined,
    ],
    [
      'a grant to an excluded user (exclusions win)',
      {
        excludedUserIds: [otherProvider.id],
        grants: [{ grantId: 5, userId: otherProvider.id, kind: 'urgent', expiresAt: new Date('2026-12-20') }],
      },
      false,
      undefined,
    ],
    [
      'a grant outside a restricted record (restrictions win)',
      {
        restrictedToUserIds: [teamMate.id],
        grants: [{ grantId: 6, userId: otherProvider.id, kind: 'request', expiresAt: new Date('2026-12-20') }],
      },
      false,
      undefined,
    ],
  ]
  it.each(grantCases)('another provider with %s', (_label, facts, allowed, basis) => {
    const decision = canReadPerson(otherProvider, person(facts))
    expect(decision.allowed).toBe(allowed)
    if (decision.allowed) expect(decision).toMatchObject({ basis })
    expect(canUpdatePerson(otherProvider, person(facts)).allowed).toBe(false)
  })

  it('shows the exclusion message to an excluded user, whatever their role', () => {
    const excluded = person({ excludedUserIds: [admin.id, manager.id], exclusionMessage: 'Conflict of interest' })
    expect(canReadPerson(manager, excluded)).toEqual({
      allowed: false,
      limitedAccess: true,
      reason: 'Conflict of interest',
    })
    expect(canReadPerson(admin, excluded).allowed).toBe(false)
    expect(canReadPerson(teamMate, excluded).allowed).toBe(true)
  })

  it('lets only named users see a restricted record', () => {
    const restricted = person({ restrictedToUserIds: [teamMate.id] })
    expect(canReadPerson(teamMate, restricted).allowed).toBe(true)
    const refused = canReadPerson(manager, restricted)
    expect(refused).toMatchObject({ allowed: false, limitedAccess: true })
    expect(canReadPerson(auditor, restricted).allowed).toBe(false)
  })

  it('opens an unallocated record to every provider before sentence', () => {
    expect(
      canReadPerson(
        otherProvider,
        person({ managingProviderId: null, managingTeamId: null, managingStaffId: null, managers: [] }),
      ).allowed,
    ).toBe(true)
  })
})

describe('canUpdatePerson', () => {
  it.each([
    ['the case manager', manager, true],
    ['a practitioner in the managing team', teamMate, true],
    ['a practitioner in another team of the provider', otherTeam, false],
    ['a senior of the provider', senior, true],
    ['an auditor', auditor, false],
    ['an administrator', admin, true],
    ['a practitioner at another provider', otherProvider, false],
  ])('%s: %s', (_label, who, allowed) => {
    expect(canUpdatePerson(who, person()).allowed).toBe(allowed)
  })
})

describe('canDecideAccess', () => {
  it.each([
    ['the case manager', manager, true],
    ['a senior of the managing team', user(12, ['senior'], PUBLIC, TEAM_A, 104), true],
    ['a senior of another team', senior, false],
    ['a practitioner in the managing team', teamMate, false],
    ['an administrator', admin, false],
    ['a practitioner at another provider', otherProvider, false],
  ])('%s: %s', (_label, who, allowed) => {
    expect(canDecideAccess(who, person()).allowed).toBe(allowed)
  })

  it('refuses a case manager the record excludes', () => {
    expect(canDecideAccess(manager, person({ excludedUserIds: [manager.id] })).allowed).toBe(false)
  })
})

describe('victim data is its own domain (issue 15)', () => {
  it('no role but the victim liaison roles holds a victim permission', () => {
    const holders = (Object.keys(ROLES) as Role[]).filter(r => ROLE_PERMISSIONS[r].some(p => p.startsWith('victim:')))
    expect(holders.sort()).toEqual(['victim_liaison', 'victim_liaison_manager'])
    expect(ROLE_PERMISSIONS.victim_liaison).not.toContain('victim:manage')
  })

  it('an API token reaches victim data only with the victims scope, and case records only with the case scope', () => {
    const vlo = user(1, ['victim_liaison'], PUBLIC, TEAM_A)
    const token = (scopes: ('case' | 'victims')[]): CurrentUser => ({ ...vlo, via: 'api-token', scopes })
    expect(hasPermission(vlo, 'victim:read')).toBe(true)
    expect(hasPermission(token(['case']), 'victim:read')).toBe(false)
    expect(hasPermission(token(['case']), 'person:read')).toBe(true)
    expect(hasPermission(token(['victims']), 'victim:write')).toBe(true)
    expect(hasPermission(token(['victims']), 'person:read')).toBe(false)
    expect(hasPermission(user(2, ['admin'], PUBLIC, TEAM_A), 'victim:read')).toBe(false)
  })
})

describe('approved premises staff read residents, not the whole record (issue 16)', () => {
  const amy = user(7, ['ap_staff'], PUBLIC, null)
  const booked = (providerId: number, until: string | null) => ({
    providerId,
    until: until === null ? null : new Date(`${until}T00:00:00Z`),
  })

  it('refuses a record of their own provider with no booking or application', () => {
    const decision = canReadPerson(amy, person())
    expect(decision).toMatchObject({ allowed: false })
    expect(decision.allowed ? '' : decision.reason).toContain('booked into or referred to their premises')
  })

  it('reads a person booked into or referred to their provider’s premises, until 28 days after departure', () => {
    expect(canReadPerson(amy, person({ placements: [booked(PUBLIC, '2027-01-20')] }))).toMatchObject({
      allowed: true,
      basis: 'approved premises resident',
    })
    expect(canReadPerson(amy, person({ placements: [booked(PUBLIC, null)] }))).toMatchObject({ allowed: true })
    // Departed on 7 November 2026: 28 days later is 5 December, the day of NOW.
    expect(canReadPerson(amy, person({ placements: [booked(PUBLIC, '2026-11-07')] }))).toMatchObject({ allowed: true })
    expect(canReadPerson(amy, person({ placements: [booked(PUBLIC, '2026-11-06')] }))).toMatchObject({
      allowed: false,
    })
  })

  it('does not read a person placed with another provider’s premises, nor one the record keeps them out of', () => {
    expect(canReadPerson(amy, person({ placements: [booked(CONTRACTED, null)] }))).toMatchObject({ allowed: false })
    expect(canReadPerson(amy, person({ placements: [booked(PUBLIC, null)], excludedUserIds: [amy.id] }))).toMatchObject(
      { allowed: false, limitedAccess: true },
    )
  })

  it('may still place their provider’s people by CRN, and a case role reads as before', () => {
    expect(canPlacePerson(amy, person())).toMatchObject({ allowed: true, basis: 'same provider' })
    expect(canPlacePerson(amy, person({ managingProviderId: CONTRACTED }))).toMatchObject({ allowed: false })
    const both = user(8, ['ap_staff', 'practitioner'], PUBLIC, TEAM_B)
    expect(canReadPerson(both, person())).toMatchObject({ allowed: true, basis: 'same provider' })
    expect(hasPermission(amy, 'person:search')).toBe(false)
  })
})
