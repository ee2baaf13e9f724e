import type { CurrentUser } from '../../access/current-user.ts'
import { hasPermission } from '../../access/policy.ts'
import { ForbiddenError } from '../../errors.ts'

/**
 * Whose performance a user reads (issue 19 item 5): contract managers, administrators and auditors every team,
 * delivery unit and provider; a senior their own team only (and only at team level, so a delivery unit's or a
 * provider's figure is never shown from one team's cases). Nobody reads a practitioner's own figures.
 */
export interface PerformanceScope {
  /** null: every team. */
  teamId: number | null
  /** The levels the user may choose. */
  levels: readonly Level[]
}

export type Level = 'team' | 'unit' | 'provider'
export const LEVELS: readonly Level[] = ['team', 'unit', 'provider']

const WIDE_ROLES = ['contract_manager', 'admin', 'auditor'] as const

export function performanceScope(user: CurrentUser | undefined): PerformanceScope {
  if (!user || !hasPermission(user, 'performance:read')) throw new ForbiddenError('You cannot see team performance')
  if (user.roles.some(r => (WIDE_ROLES as readonly string[]).includes(r))) return { teamId: null, levels: LEVELS }
  if (user.teamId === null) throw new ForbiddenError('You are not in a team, so there is no team performance to show')
  return { teamId: user.teamId, levels: ['team'] }
}

/**
 * Who may record a practitioner's reductions: `performance:manage` (contract managers, administrators) for anyone;
 * a senior for the staff of their own team, as the line manager who agrees part-time hours, training and duties.
 */
export function mayRecordReductions(user: CurrentUser | undefined, staffTeamId: number | null): boolean {
  if (!user) return false
  if (hasPermission(user, 'performance:manage')) return true
  return user.roles.includes('senior') && user.teamId !== null && user.teamId === staffTeamId
}
