import { describe, expect, it } from 'vitest'
import type { CurrentUser } from './current-user.ts'
import { canReadPerson, canUpdatePerson, type PersonAccessFacts } from './policy.ts'
import type { Role } from './roles.ts'

const PUBLIC = 1
const CONTRACTED = 2
const TEAM_A = 10
const TEAM_B = 11

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
    managers: [{ providerId: PUBLIC, teamId: TEAM_A, staffId: 100 }],
    excludedUserIds: [],
    restrictedToUserIds: [],
    exclusionMessage: null,
    restrictionMessage: null,
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

  it('lets a former provider keep read access after a transfer', () => {
    const transferred = person({
      managingProviderId: PUBLIC,
      managers: [
        { providerId: CONTRACTED, teamId: 20, staffId: 200 },
        { providerId: PUBLIC, teamId: TEAM_A, staffId: 100 },
      ],
    })
    expect(canReadPerson(otherProvider, transferred)).toMatchObject({ allowed: true, basis: 'former manager' })
    expect(canUpdatePerson(otherProvider, transferred).allowed).toBe(false)
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
