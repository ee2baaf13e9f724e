import { LocalDate } from '@js-joda/core'
import { audit, type RequestContext } from '../../access/audit.ts'
import { loadPeopleAccess } from '../../access/person-access.ts'
import { canReadPerson } from '../../access/policy.ts'
import { mappaEligibility } from '../../domain/public-protection/index.ts'
import { violentOrSexualOffenceCodes } from '../../domain/recall/index.ts'
import { loadProtectionFactsFor } from '../public-protection/index.ts'
import type { MappaDeps } from './context.ts'
import * as q from './queries.ts'

/**
 * The MAPPA nominal list of the user's delivery unit (their team's PDU) or provider: everyone with an active MAPP
 * registration managed there, with category, level, next review and manager, overdue reviews first. Every row is
 * filtered through the access policy (limited-access cases are left out) and the list is audited once, naming
 * everyone it showed.
 */

export interface NominalPerson {
  id: number
  crn: string
  name: string
  category: number | null
  level: number | null
  nextReview: LocalDate | null
  overdue: boolean
  manager: string | null
  team: string | null
}

/** Someone the record makes eligible for MAPPA who has no level (no active MAPP registration) yet. */
export interface EligiblePerson {
  id: number
  crn: string
  name: string
  category: number
  reason: string
  manager: string | null
  team: string | null
}

export interface NominalList {
  scope: 'pdu' | 'provider' | null
  scopeName: string | null
  overdueOnly: boolean
  today: LocalDate
  people: NominalPerson[]
  overdueCount: number
  /** Eligible with no level set (not shown with the overdue filter). */
  eligible: EligiblePerson[]
}

export type NominalScopeRequest = 'pdu' | 'provider'

async function scopeOf(deps: MappaDeps, ctx: RequestContext, asked: NominalScopeRequest) {
  const user = ctx.user
  if (asked === 'pdu' && user?.teamId) {
    const du = await q.deliveryUnitOfTeam(deps.db, user.teamId)
    if (du) return { scope: { kind: 'pdu', deliveryUnitId: du.id } as q.ListScope, name: du.name }
  }
  if (user?.providerId)
    return {
      scope: { kind: 'provider', providerId: user.providerId } as q.ListScope,
      name: await q.providerName(deps.db, user.providerId),
    }
  return null
}

export async function nominalList(
  deps: MappaDeps,
  ctx: RequestContext,
  asked: NominalScopeRequest,
  overdueOnly: boolean,
): Promise<NominalList> {
  const today = deps.clock.today()
  const found = await scopeOf(deps, ctx, asked)
  if (!found) return { scope: null, scopeName: null, overdueOnly, today, people: [], overdueCount: 0, eligible: [] }
  return deps.db.transaction().execute(async trx => {
    const rows = await q.mappaPeopleInScope(trx, found.scope)
    const candidates = overdueOnly
      ? []
      : await q.possiblyEligibleInScope(trx, found.scope, violentOrSexualOffenceCodes())
    // The rule first, then the access policy on only the people the list would show.
    const eligibleAll = await eligibleOf(trx, candidates, today)
    const facts = await loadPeopleAccess(
      trx,
      [...rows, ...eligibleAll].map(r => r.id),
    )
    const readable = (r: { id: number }) => {
      const f = facts.get(r.id)
      return f !== undefined && canReadPerson(ctx.user, f).allowed
    }
    const visible = rows.filter(readable)
    const eligible = eligibleAll.filter(readable)
    const everyone = visible.map((r): NominalPerson => {
      const nextReview = r.next_review_date ? LocalDate.parse(r.next_review_date) : null
      return {
        id: r.id,
        crn: r.crn,
        name: `${r.forename} ${r.surname}`,
        category: r.mappa_category,
        level: r.mappa_level,
        nextReview,
        overdue: nextReview !== null && nextReview.isBefore(today),
        manager: r.manager_name,
        team: r.team_name,
      }
    })
    everyone.sort(
      (a, b) =>
        Number(b.overdue) - Number(a.overdue) ||
        (a.nextReview?.toString() ?? '9999').localeCompare(b.nextReview?.toString() ?? '9999') ||
        a.name.localeCompare(b.name),
    )
    const people = overdueOnly ? everyone.filter(p => p.overdue) : everyone
    await audit(trx, ctx, {
      action: 'MAPPA_LIST_VIEW',
      detail: {
        scope: found.scope.kind,
        id: found.scope.kind === 'pdu' ? found.scope.deliveryUnitId : found.scope.providerId,
        overdueOnly,
      },
      shownPersonIds: [...people, ...eligible].map(p => p.id),
    })
    const overdueCount = everyone.filter(p => p.overdue).length
    return { scope: found.scope.kind, scopeName: found.name, overdueOnly, today, people, overdueCount, eligible }
  })
}

/** The candidates the record makes eligible for a MAPPA category (src/domain/public-protection), by category. */
async function eligibleOf(
  trx: Parameters<typeof loadProtectionFactsFor>[0],
  candidates: Awaited<ReturnType<typeof q.possiblyEligibleInScope>>,
  today: LocalDate,
): Promise<EligiblePerson[]> {
  const protection = await loadProtectionFactsFor(
    trx,
    candidates.map(c => c.id),
    today,
  )
  return candidates
    .flatMap((c): EligiblePerson[] => {
      const found = protection.get(c.id)
      const e = found ? mappaEligibility(found) : null
      if (!e || e.category === null) return []
      const name = `${c.forename} ${c.surname}`
      return [
        {
          id: c.id,
          crn: c.crn,
          name,
          category: e.category,
          reason: e.reasons[0]!,
          manager: c.manager_name,
          team: c.team_name,
        },
      ]
    })
    .sort((a, b) => a.category - b.category || a.name.localeCompare(b.name))
}
