import type { CurrentUser } from '../access/current-user.ts'
import { hasPermission } from '../access/policy.ts'
import type { Role } from '../access/roles.ts'

/**
 * The header's navigation: each role sees where its work is, and exactly one item (the section of the page shown)
 * is marked current. Practitioners see their day and caseload, seniors their team and the allocation queue, court
 * officers court lists and reports, victim liaison officers their victims, approved premises staff their premises, unpaid work
 * staff (and everyone who may read unpaid work) the unpaid work home, everyone who may read the partner services directory
 * that directory, administrators administration, auditors urgent access. A person's pages
 * (`/people/…`) belong to "Search", whatever part of the record is open. A partner organisation's staff see only
 * "Referrals" (the partner portal).
 */

export interface NavigationItem {
  readonly href: string
  readonly text: string
  /** The page shown is in this section (`aria-current="true"`)… */
  readonly active: boolean
  /** …and is the section's own page (`aria-current="page"`). */
  readonly current: boolean
  readonly attributes: { readonly 'data-qa': string }
}

interface Section {
  readonly key: string
  readonly href: string
  readonly text: string
  /** Which signed-in users see it. */
  readonly shown: (user: CurrentUser) => boolean
  /** The paths (without the query) that belong to this section. */
  readonly owns: (path: string) => boolean
}

const holds =
  (...roles: Role[]) =>
  (user: CurrentUser) =>
    roles.some(r => user.roles.includes(r))
/** A partner organisation's user with no other role (issue 18): the portal is all they have. */
export const partnerOnly = (user: CurrentUser) => user.roles.length > 0 && user.roles.every(r => r === 'partner')
const under =
  (...prefixes: string[]) =>
  (path: string) =>
    prefixes.some(p => path === p || path.startsWith(`${p}/`))

const SECTIONS: readonly Section[] = [
  { key: 'home', href: '/', text: 'Home', shown: u => !partnerOnly(u), owns: path => path === '/' },
  // A partner organisation's staff (issue 18) have only their organisation's referrals: no home, no search.
  { key: 'partner', href: '/partner', text: 'Referrals', shown: holds('partner'), owns: under('/partner') },
  {
    key: 'my-day',
    href: '/my-day',
    text: 'My day',
    shown: u => u.staffId !== null && holds('practitioner', 'case_admin')(u),
    owns: under('/my-day'),
  },
  {
    key: 'caseload',
    href: '/caseload',
    text: 'Caseload',
    shown: u => u.staffId !== null && holds('practitioner')(u),
    owns: under('/caseload'),
  },
  { key: 'team', href: '/team', text: 'Team', shown: holds('senior', 'admin'), owns: under('/team') },
  {
    key: 'allocations',
    href: '/allocations',
    text: 'Allocations',
    shown: holds('senior', 'admin'),
    owns: under('/allocations'),
  },
  {
    key: 'resettlement',
    href: '/resettlement',
    text: 'Resettlement',
    shown: holds('practitioner', 'senior'),
    owns: under('/resettlement'),
  },
  {
    key: 'mappa',
    href: '/mappa',
    text: 'MAPPA',
    shown: holds('practitioner', 'senior'),
    owns: under('/mappa'),
  },
  {
    key: 'unpaid-work',
    href: '/unpaid-work',
    text: 'Unpaid work',
    shown: u => hasPermission(u, 'upw:read'),
    owns: under('/unpaid-work'),
  },
  {
    key: 'partner-services',
    href: '/partner-services',
    text: 'Partner services',
    shown: u => hasPermission(u, 'partners:read'),
    owns: under('/partner-services'),
  },
  {
    key: 'performance',
    href: '/performance',
    text: 'Performance',
    shown: u => hasPermission(u, 'performance:read'),
    owns: under('/performance'),
  },
  {
    key: 'contracts',
    href: '/contracts',
    text: 'Contracts',
    shown: u => hasPermission(u, 'contracts:read'),
    owns: under('/contracts'),
  },
  {
    key: 'victims',
    href: '/victims',
    text: 'Victims',
    shown: u => hasPermission(u, 'victim:read'),
    owns: under('/victims'),
  },
  {
    key: 'ap-applications',
    href: '/approved-premises/applications',
    text: 'Applications',
    shown: holds('ap_staff'),
    owns: under('/approved-premises/applications'),
  },
  {
    key: 'approved-premises',
    href: '/approved-premises',
    text: 'Approved premises',
    shown: holds('ap_staff'),
    owns: under('/approved-premises'),
  },
  {
    key: 'court-lists',
    href: '/court-lists',
    text: 'Court lists',
    shown: holds('court_officer'),
    owns: under('/court-lists'),
  },
  { key: 'reports', href: '/court/reports', text: 'Reports', shown: holds('court_officer'), owns: under('/court') },
  {
    key: 'search',
    href: '/people',
    text: 'Search',
    shown: u => hasPermission(u, 'person:search'),
    owns: under('/people'),
  },
  {
    key: 'urgent-access',
    href: '/sharing/urgent',
    text: 'Urgent access',
    shown: holds('auditor', 'admin'),
    owns: under('/sharing/urgent'),
  },
  {
    key: 'release-dates',
    href: '/calculators/release-dates',
    text: 'Release dates',
    shown: holds('practitioner', 'case_admin', 'ap_staff', 'contract_manager'),
    owns: under('/calculators'),
  },
  { key: 'admin', href: '/admin', text: 'Admin', shown: holds('admin'), owns: under('/admin') },
]

/** The navigation of a signed-in user on the page at `url` (its query is ignored). None for nobody signed in. */
export function navigationFor(user: CurrentUser | undefined, url: string | undefined): NavigationItem[] {
  if (!user) return []
  const path = (url ?? '/').split(/[?#]/)[0] || '/'
  const shown = SECTIONS.filter(s => s.shown(user))
  const current = shown.find(s => s.owns(path))?.key
  return shown.map(s => ({
    href: s.href,
    text: s.text,
    active: s.key === current,
    current: s.key === current && path === s.href,
    attributes: { 'data-qa': `nav-${s.key}` },
  }))
}
