import { describe, expect, it } from 'vitest'
import type { CurrentUser } from '../access/current-user.ts'
import type { Role } from '../access/roles.ts'
import { navigationFor } from './navigation.ts'

const user = (roles: Role[], staffId: number | null = 1): CurrentUser => ({
  id: 1,
  username: 'u',
  displayName: 'U',
  roles,
  staffId,
  providerId: 1,
  teamId: 1,
  via: 'session',
})
const texts = (u: CurrentUser) => navigationFor(u, '/').map(i => i.text)
const activeOn = (u: CurrentUser, url: string) => navigationFor(u, url).filter(i => i.active)

describe('the header navigation', () => {
  it('shows each role where its work is', () => {
    expect(texts(user(['practitioner']))).toEqual([
      'Home',
      'My day',
      'Caseload',
      'Resettlement',
      'MAPPA',
      'Unpaid work',
      'Partner services',
      'Search',
      'Release dates',
    ])
    expect(texts(user(['senior']))).toEqual([
      'Home',
      'Team',
      'Allocations',
      'Resettlement',
      'MAPPA',
      'Unpaid work',
      'Partner services',
      'Performance',
      'Search',
    ])
    expect(texts(user(['victim_liaison']))).toEqual(['Home', 'Victims', 'Search'])
    expect(texts(user(['victim_liaison_manager'], null))).toEqual(['Home', 'Victims', 'Search'])
    expect(texts(user(['court_officer']))).toEqual(['Home', 'Court lists', 'Reports', 'Search'])
    expect(texts(user(['admin'], null))).toEqual([
      'Home',
      'Team',
      'Allocations',
      'Unpaid work',
      'Partner services',
      'Performance',
      'Contracts',
      'Search',
      'Urgent access',
      'Admin',
    ])
    expect(texts(user(['auditor'], null))).toEqual([
      'Home',
      'Unpaid work',
      'Partner services',
      'Performance',
      'Contracts',
      'Search',
      'Urgent access',
    ])
    expect(texts(user(['contract_manager'], null))).toEqual([
      'Home',
      'Partner services',
      'Performance',
      'Contracts',
      'Release dates',
    ])
    expect(texts(user(['ap_staff']))).toEqual(['Home', 'Applications', 'Approved premises', 'Release dates'])
    // A practitioner's sign-in with no member of staff behind it has no day or caseload to show.
    expect(texts(user(['practitioner'], null))).toEqual([
      'Home',
      'Resettlement',
      'MAPPA',
      'Unpaid work',
      'Partner services',
      'Search',
      'Release dates',
    ])
  })

  it('holds the sections of every role a user has, once each', () => {
    expect(texts(user(['senior', 'court_officer']))).toEqual([
      'Home',
      'Team',
      'Allocations',
      'Resettlement',
      'MAPPA',
      'Unpaid work',
      'Partner services',
      'Performance',
      'Court lists',
      'Reports',
      'Search',
    ])
  })

  it('marks exactly one section current, the right one, whatever the query string', () => {
    const cases: [Role[], string, string][] = [
      [['practitioner'], '/', 'Home'],
      [['practitioner'], '/?done=1', 'Home'],
      [['practitioner'], '/my-day', 'My day'],
      [['practitioner'], '/caseload?sort=tier&order=asc', 'Caseload'],
      [['practitioner'], '/people?q=hughes', 'Search'],
      [['practitioner'], '/people/X100003', 'Search'],
      [['practitioner'], '/people/X100003/appointments/12/outcome', 'Search'],
      [['court_officer'], '/people/X100003/court/reports/4', 'Search'],
      [['court_officer'], '/court-lists?court=NTMC&date=2026-12-11', 'Court lists'],
      [['court_officer'], '/court-lists/hearings/3/match', 'Court lists'],
      [['court_officer'], '/court/reports?team=PS-NW-N-C', 'Reports'],
      [['senior'], '/allocations/X100001', 'Allocations'],
      [['senior'], '/team?team=PS-NW-N-A', 'Team'],
      [['admin'], '/admin/users/3', 'Admin'],
      [['auditor'], '/sharing/urgent', 'Urgent access'],
      [['victim_liaison'], '/victims/12/details', 'Victims'],
      [['ap_staff'], '/approved-premises/3/bed-plan?from=2026-12-07', 'Approved premises'],
      [['ap_staff'], '/approved-premises/applications/4/match', 'Applications'],
      [['senior'], '/mappa?overdue=yes', 'MAPPA'],
      [['practitioner'], '/calculators/release-dates', 'Release dates'],
      [['practitioner'], '/resettlement?scope=provider', 'Resettlement'],
      [['upw_supervisor'], '/unpaid-work/orders-at-risk', 'Unpaid work'],
      [['practitioner'], '/people/X100003/unpaid-work', 'Search'],
      [['practitioner'], '/partner-services?pathway=accommodation', 'Partner services'],
      [['contract_manager'], '/partner-services/monitoring', 'Partner services'],
      [['senior'], '/performance/workload?team=3', 'Performance'],
      [['contract_manager'], '/performance/service-levels/allocation?level=unit', 'Performance'],
      [['contract_manager'], '/contracts/1/statements/2025-Q1', 'Contracts'],
      [['auditor'], '/contracts/convictions', 'Contracts'],
      [['practitioner'], '/people/X100003/referrals', 'Search'],
    ]
    for (const [roles, url, section] of cases) {
      expect(
        activeOn(user(roles), url).map(i => i.text),
        url,
      ).toEqual([section])
    }
  })

  it('marks no section on a page outside every section (the account page is the header’s own link)', () => {
    expect(activeOn(user(['practitioner']), '/account')).toEqual([])
    expect(activeOn(user(['practitioner']), '/sharing/mine')).toEqual([])
    // /court-lists is not the court reports' section, and /people-like paths are not Search.
    expect(activeOn(user(['court_officer']), '/court-listsx')).toEqual([])
  })

  it('says "page" on the section’s own page and "true" below it', () => {
    const onList = navigationFor(user(['court_officer']), '/court-lists?court=NTMC')
    expect(onList.find(i => i.active)).toMatchObject({ text: 'Court lists', current: true })
    const below = navigationFor(user(['court_officer']), '/court-lists/hearings/new')
    expect(below.find(i => i.active)).toMatchObject({ text: 'Court lists', current: false })
  })

  it('gives a partner organisation’s user only their referrals: no home, no search (issue 18)', () => {
    expect(texts(user(['partner'], null))).toEqual(['Referrals'])
    expect(activeOn(user(['partner'], null), '/partner/referrals/AB1234CD?done=accepted')).toMatchObject([
      { text: 'Referrals', current: false },
    ])
    expect(navigationFor(user(['partner'], null), '/partner').find(i => i.active)).toMatchObject({ current: true })
    expect(texts(user(['partner'], null))).not.toContain('Search')
  })

  it('is empty for nobody signed in', () => {
    expect(navigationFor(undefined, '/')).toEqual([])
  })
})
