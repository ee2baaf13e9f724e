import type { RequestContext } from '../../access/audit.ts'
import type { CurrentUser } from '../../access/current-user.ts'
import type { Role } from '../../access/roles.ts'
import type { Dependencies } from '../../dependencies.ts'
import { listTeams, unallocatedPeople } from '../allocation/index.ts'
import { practitionerWorkCounts, type PractitionerWorkCounts } from '../caseload/index.ts'
import { hearingCountsOn, openReportCounts } from '../court/index.ts'
import { londonInstant } from '../supervision/index.ts'

/**
 * The home page's live counts: where each role's work is waiting, as numbers only (nobody is named, so nothing is
 * audited). A practitioner's day and caseload, a senior's allocation queue, a court officer's court lists for today
 * and their team's open reports. A few count statements, run side by side, so the page stays fast.
 */

export interface HomeWork {
  /** Today in London, `2026-12-11`. */
  readonly today: string
  readonly practitioner: PractitionerWorkCounts | null
  /** The unallocated cases of the queue the user would open (their team's delivery unit; every one if no team). */
  readonly queue: { readonly waiting: number; readonly unit: string | null } | null
  readonly court: {
    readonly lists: readonly { code: string; name: string; hearings: number; matched: number }[]
    readonly reports: { open: number; due: number } | null
  } | null
}

const holds = (user: CurrentUser, ...roles: Role[]) => roles.some(r => user.roles.includes(r))

async function allocationQueue({ db }: Dependencies, user: CurrentUser) {
  const teams = await listTeams(db)
  const own = teams.find(t => t.id === user.teamId)
  const waiting = await unallocatedPeople(db, own ? { pduId: own.pduId } : {})
  return { waiting: waiting.length, unit: own?.pduName ?? null }
}

async function courtWork({ db }: Dependencies, user: CurrentUser, today: string) {
  const [lists, reports] = await Promise.all([
    hearingCountsOn(db, today),
    user.teamId === null ? null : openReportCounts(db, user.teamId, today),
  ])
  return { lists, reports }
}

/** What is waiting for the signed-in user, by role. */
export async function homeWork(deps: Dependencies, ctx: RequestContext): Promise<HomeWork> {
  const user = ctx.user
  const today = deps.clock.today()
  if (!user) return { today: today.toString(), practitioner: null, queue: null, court: null }
  const day = {
    now: deps.clock.now(),
    dayStart: londonInstant(today, 0, 0),
    dayEnd: londonInstant(today.plusDays(1), 0, 0),
  }
  const [practitioner, queue, court] = await Promise.all([
    user.staffId === null ? null : practitionerWorkCounts(deps.db, user.staffId, day),
    holds(user, 'senior', 'admin') ? allocationQueue(deps, user) : null,
    holds(user, 'court_officer') ? courtWork(deps, user, today.toString()) : null,
  ])
  return { today: today.toString(), practitioner, queue, court }
}

export function createHomeService(deps: Dependencies) {
  return {
    /** What is waiting for the signed-in user, by role: counts only. */
    work: (ctx: RequestContext) => homeWork(deps, ctx),
  }
}

export type HomeService = ReturnType<typeof createHomeService>
