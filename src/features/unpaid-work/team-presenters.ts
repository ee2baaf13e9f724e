import { hoursText } from '../../domain/unpaid-work/index.ts'
import { formatDate } from '../../web/filters.ts'
import { unpaidWorkPaths as paths } from '../../web/paths.ts'
import { COMPLETION_TAG, FIRST_SESSION_TAG } from './orders-presenters.ts'
import type { TeamSessionRow } from './queries/team.ts'
import type { OrderAtRisk, TeamHome } from './team.ts'

/** View models for the unpaid work team's home page and the orders at risk: display values only, pure. */

function sessionRow(s: TeamSessionRow) {
  return {
    id: s.id,
    href: paths.session(s.id),
    date: formatDate(s.session_date),
    times: `${s.start_time} to ${s.end_time}`,
    project: s.project_name,
    supervisor: s.supervisor_name ?? 'No supervisor yet',
    allocated: Number(s.allocated ?? 0),
    recorded: Number(s.recorded ?? 0),
    stoodDown: s.stood_down_at !== null,
  }
}

/** The rota: the sessions grouped by supervisor (those with none last). */
function rotaGroups(rows: readonly TeamSessionRow[]) {
  const groups = new Map<string, ReturnType<typeof sessionRow>[]>()
  const sorted = [...rows].sort(
    (a, b) =>
      Number(a.supervisor_name === null) - Number(b.supervisor_name === null) ||
      (a.supervisor_name ?? '').localeCompare(b.supervisor_name ?? ''),
  )
  for (const s of sorted) {
    const key = s.supervisor_name ?? 'No supervisor yet'
    groups.set(key, [...(groups.get(key) ?? []), sessionRow(s)])
  }
  return [...groups.entries()].map(([supervisor, sessions]) => ({ supervisor, sessions }))
}

export function teamHomeView(home: TeamHome) {
  const minutes = home.minutesByProject.map(p => ({ project: p.name, minutes: Number(p.minutes ?? 0) }))
  const total = minutes.reduce((sum, p) => sum + p.minutes, 0)
  return {
    today: formatDate(home.today.toString()),
    month: `${formatDate(home.monthStart.toString()).replace(/^1 /, '')}`,
    todaysSessions: home.todaysSessions.map(sessionRow),
    hoursByProject: minutes.map(p => ({ project: p.project, hours: hoursText(p.minutes) })),
    hoursTotal: hoursText(total),
    rota: rotaGroups(home.rota),
    links: {
      projects: paths.projects,
      nominations: paths.nominations,
      photos: paths.photos,
      ordersAtRisk: paths.ordersAtRisk,
    },
  }
}

export function ordersAtRiskView(list: readonly OrderAtRisk[]) {
  return {
    orders: list.map(({ person, visible, order }) => ({
      name: visible ? `${person.forename} ${person.surname}` : 'Restricted record',
      crn: person.crn,
      href: visible ? paths.person(person.crn) : null,
      ordered: hoursText(order.hours.orderedMinutes),
      remaining: hoursText(order.incentive.remainingMinutes),
      completion: COMPLETION_TAG[order.completion.state],
      dueBy: formatDate(order.completion.dueBy.toString()),
      firstSession: order.firstSession ? FIRST_SESSION_TAG[order.firstSession.state] : null,
      firstSessionDue: order.firstSession ? formatDate(order.firstSession.dueBy.toString()) : null,
    })),
  }
}
