import type { CurrentUser } from '../../access/current-user.ts'
import { hasPermission } from '../../access/policy.ts'
import { adminPaths, allocationPaths, caseloadPaths, courtPaths, sharingPaths } from '../../web/paths.ts'
import type { HomeWork } from './service.ts'

/** The home page's view model: a section per kind of work the user does, each with live counts and links. */

export interface Card {
  readonly key: string
  readonly count: number
  /** Follows the count: `appointments today`. */
  readonly label: string
  readonly href: string
  readonly hint?: string
  /** Something is waiting that should not be (outcomes to record, reports due): marked out. */
  readonly attention?: boolean
}

export interface Link {
  readonly href: string
  readonly text: string
}

export interface Section {
  readonly key: string
  readonly heading: string
  readonly cards: readonly Card[]
  readonly links: readonly Link[]
  /** Said when there is nothing to count. */
  readonly empty?: string
}

/** `1 appointment`, `3 appointments`: the label of a count. */
const plural = (n: number, one: string, many: string) => (n === 1 ? one : many)

function daySection(work: NonNullable<HomeWork['practitioner']>): Section {
  return {
    key: 'day',
    heading: 'Your day',
    cards: [
      {
        key: 'today',
        count: work.today,
        label: `${plural(work.today, 'appointment', 'appointments')} today`,
        href: caseloadPaths.myDay,
      },
      {
        key: 'outcomes',
        count: work.needingOutcome,
        label: plural(work.needingOutcome, 'outcome to record', 'outcomes to record'),
        href: caseloadPaths.myDay,
        attention: work.needingOutcome > 0,
      },
      {
        key: 'actions',
        count: work.actions,
        label: plural(work.actions, 'enforcement action open', 'enforcement actions open'),
        href: caseloadPaths.myDay,
      },
      {
        key: 'caseload',
        count: work.cases,
        label: plural(work.cases, 'case on your caseload', 'cases on your caseload'),
        href: caseloadPaths.caseload,
      },
    ],
    links: [],
  }
}

function queueSection(queue: NonNullable<HomeWork['queue']>, user: CurrentUser): Section {
  return {
    key: 'team',
    heading: user.teamId === null ? 'Allocations' : 'Your team',
    cards: [
      {
        key: 'queue',
        count: queue.waiting,
        label: plural(queue.waiting, 'case waiting for allocation', 'cases waiting for allocation'),
        href: allocationPaths.queue,
        hint: queue.unit ? `In ${queue.unit}` : 'In every delivery unit',
      },
    ],
    links: [{ href: caseloadPaths.team, text: 'Team view: workload, breaches and the team caseload' }],
  }
}

function courtSection(court: NonNullable<HomeWork['court']>, today: string): Section {
  const lists: Card[] = court.lists.map(l => ({
    key: `court-${l.code}`,
    count: l.hearings,
    label: `${plural(l.hearings, 'hearing', 'hearings')} at ${l.name}`,
    href: courtPaths.list(l.code, today),
    hint: `${l.matched} matched to a record`,
    attention: l.matched < l.hearings,
  }))
  const reports: Card[] = court.reports
    ? [
        {
          key: 'reports',
          count: court.reports.open,
          label: plural(court.reports.open, 'pre-sentence report open', 'pre-sentence reports open'),
          href: courtPaths.team(),
          hint: `${court.reports.due} due by today`,
          attention: court.reports.due > 0,
        },
      ]
    : []
  return {
    key: 'court',
    heading: 'Court today',
    cards: [...lists, ...reports],
    links: [{ href: courtPaths.list(), text: 'Court lists for another court or day' }],
    empty: lists.length ? undefined : 'No court lists today.',
  }
}

const ADMIN_LINKS: Link[] = [
  { href: adminPaths.users, text: 'Users and their roles' },
  { href: adminPaths.staff, text: 'Staff' },
  { href: adminPaths.organisations, text: 'Providers, delivery units and teams' },
  { href: adminPaths.apiTokens, text: 'API tokens' },
  { href: '/admin', text: 'All administration' },
]

/** What anyone may do from home, by permission. */
function otherLinks(user: CurrentUser): Link[] {
  const links: (Link | false)[] = [
    hasPermission(user, 'person:create') && { href: '/people/new', text: 'Add a person' },
    hasPermission(user, 'person:update') && { href: sharingPaths.decisions, text: 'Access needing your decision' },
    hasPermission(user, 'person:read') && { href: sharingPaths.mine, text: 'Your requests for access' },
    hasPermission(user, 'calculate') && { href: '/calculators/release-dates', text: 'Calculate release dates' },
  ]
  return links.filter(l => l !== false)
}

/** The home page for this user and what is waiting for them. */
export function homeView(user: CurrentUser, work: HomeWork) {
  const practitioner = work.practitioner
  const showDay =
    practitioner !== null &&
    (user.roles.includes('practitioner') || practitioner.cases + practitioner.today + practitioner.needingOutcome > 0)
  const sections: Section[] = [
    ...(practitioner && showDay ? [daySection(practitioner)] : []),
    ...(work.queue ? [queueSection(work.queue, user)] : []),
    ...(work.court ? [courtSection(work.court, work.today)] : []),
    ...(user.roles.includes('admin')
      ? [{ key: 'admin', heading: 'Administration', cards: [], links: ADMIN_LINKS }]
      : []),
    ...(hasPermission(user, 'person:audit')
      ? [
          {
            key: 'audit',
            heading: 'Audit',
            cards: [],
            links: [{ href: sharingPaths.urgent, text: 'Urgent accesses to records, with their reasons' }],
          },
        ]
      : []),
  ]
  return {
    pageTitle: 'Home',
    today: work.today,
    sections,
    canSearch: hasPermission(user, 'person:search'),
    auditHint: hasPermission(user, 'person:audit'),
    links: otherLinks(user),
  }
}
