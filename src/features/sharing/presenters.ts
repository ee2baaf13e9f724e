import { formatDateTime } from '../../web/filters.ts'
import type { accessPage } from './access-page.ts'
import type { GrantRow } from './queries.ts'

/** View models for the sharing pages. Pure. */

const STATUS: Record<GrantRow['status'], string> = {
  pending: 'Waiting for a decision',
  granted: 'Granted',
  refused: 'Refused',
  withdrawn: 'Withdrawn',
}

/** One request or grant as the pages show it: who, why, and where it stands (expired when past its expiry). */
export function grantView(g: GrantRow & { crn?: string; acknowledged_by_name?: string | null }, now?: Date) {
  const expired = g.status === 'granted' && g.expires_at !== null && now !== undefined && g.expires_at <= now
  const status = expired ? 'Expired' : STATUS[g.status]
  return {
    id: g.id,
    crn: g.crn ?? null,
    kind: g.kind,
    kindText: g.kind === 'urgent' ? 'Urgent access' : 'Request',
    who: g.user_name,
    where: [g.team_name, g.provider_name].filter(Boolean).join(', ') || 'No team',
    reason: g.reason,
    status,
    statusClass:
      status === 'Granted'
        ? 'govuk-tag--green'
        : status === 'Waiting for a decision'
          ? 'govuk-tag--yellow'
          : 'govuk-tag--grey',
    requestedAt: formatDateTime(g.requested_at),
    expiresAt: g.expires_at ? formatDateTime(g.expires_at) : null,
    decisionReason: g.decision_reason,
    acknowledged: g.acknowledged_at !== null,
    acknowledgedBy: g.acknowledged_by_name ?? null,
  }
}

type AccessPage = Awaited<ReturnType<typeof accessPage>>

const managerName = (m: AccessPage['former'][number] | NonNullable<AccessPage['current']>) =>
  m.staff_forename ? `${m.staff_forename} ${m.staff_surname}` : 'No case manager named'

/** The person's access page: who may see the record and why. */
export function accessPageView(page: AccessPage) {
  return {
    crn: page.crn,
    basis: page.basis,
    mayDecide: page.mayDecide,
    maySeeLimits: page.maySeeLimits,
    current: page.current
      ? { provider: page.current.provider_name, team: page.current.team_name, staff: managerName(page.current) }
      : null,
    former: page.former.map(m => ({
      provider: m.provider_name,
      team: m.team_name,
      staff: managerName(m),
      endedAt: formatDateTime(m.ended_at),
      until: formatDateTime(m.until),
    })),
    formerManagerMonths: page.formerManagerMonths,
    granted: page.granted.map(g => grantView(g, page.now)),
    pending: page.pending.map(g => grantView(g, page.now)),
    urgent: page.urgent.map(g => grantView(g, page.now)),
    exclusions: page.exclusions.map(l => l.display_name),
    restrictions: page.restrictions.map(l => l.display_name),
  }
}
