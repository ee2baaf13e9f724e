import type { LocalDate } from '@js-joda/core'
import { audit, type RequestContext } from '../../access/audit.ts'
import { loadPeopleAccess } from '../../access/person-access.ts'
import { canReadPerson } from '../../access/policy.ts'
import { upwProvider, type UpwDeps } from './context.ts'
import { orderFacts, summariseOrder, type OrderSummary } from './orders.ts'
import * as oq from './queries/orders.ts'
import * as q from './queries/team.ts'

/**
 * The unpaid work team's views (issue 17 item 5): the home page (today's sessions with their registers, hours credited
 * this month by project, the supervisor rota for the next 14 days) and the orders at risk of missing the 12 months
 * (from 9 months, or past them) or whose first session was not arranged within 7 working days. Scoped to the user's
 * provider (every provider for national roles); a name is shown only where the user may read the record, and the
 * list's look is audited with the people it named.
 */

/** The rota's length: sessions from today for this many days. */
export const ROTA_DAYS = 14

export interface TeamHome {
  today: LocalDate
  todaysSessions: q.TeamSessionRow[]
  rota: q.TeamSessionRow[]
  monthStart: LocalDate
  minutesByProject: Awaited<ReturnType<typeof q.minutesByProject>>
}

async function home(deps: UpwDeps, ctx: RequestContext): Promise<TeamHome> {
  const today = deps.clock.today()
  const monthStart = today.withDayOfMonth(1)
  const provider = upwProvider(ctx)
  if (provider === 'none') return { today, todaysSessions: [], rota: [], monthStart, minutesByProject: [] }
  const day = today.toString()
  const [todaysSessions, rota, minutes] = await Promise.all([
    q.sessionsBetween(deps.db, provider, day, day),
    q.sessionsBetween(deps.db, provider, day, today.plusDays(ROTA_DAYS - 1).toString()),
    q.minutesByProject(deps.db, provider, monthStart.toString(), monthStart.plusMonths(1).minusDays(1).toString()),
  ])
  return { today, todaysSessions, rota, monthStart, minutesByProject: minutes }
}

export interface OrderAtRisk {
  person: { id: number; crn: string; forename: string; surname: string }
  /** Whether the user may read the record (the name is shown only then). */
  visible: boolean
  order: OrderSummary
}

const atRisk = (o: OrderSummary) =>
  o.completion.state === 'at_risk' || o.completion.state === 'overdue' || o.firstSession?.state === 'missed'

async function ordersAtRisk(deps: UpwDeps, ctx: RequestContext): Promise<OrderAtRisk[]> {
  const provider = upwProvider(ctx)
  if (provider === 'none') return []
  const today = deps.clock.today()
  return deps.db.transaction().execute(async trx => {
    const people = await q.peopleOnUnpaidWork(trx, provider)
    const requirements = await oq.upwRequirementsOf(
      trx,
      people.map(p => p.id),
    )
    const facts = await orderFacts(trx, requirements)
    const orders = requirements.map(r => summariseOrder(r, facts, today)).filter(atRisk)
    const access = await loadPeopleAccess(
      trx,
      orders.map(o => o.requirement.person_id),
      { now: deps.clock.now(), formerManagerMonths: 0 },
    )
    const byId = new Map(people.map(p => [p.id, p]))
    const listed = orders.map(order => {
      const f = access.get(order.requirement.person_id)
      const decision = f ? canReadPerson(ctx.user, f) : undefined
      const person = byId.get(order.requirement.person_id)!
      return { person, visible: decision?.allowed === true && !decision.scope, order }
    })
    const shown = [...new Set(listed.filter(r => r.visible).map(r => r.person.id))]
    await audit(trx, ctx, {
      action: 'UPW_ORDERS_AT_RISK_VIEW',
      detail: { count: listed.length },
      ...(shown.length ? { shownPersonIds: shown } : {}),
    })
    return listed
  })
}

export function createTeamUseCases(deps: UpwDeps) {
  return {
    home: (ctx: RequestContext) => home(deps, ctx),
    ordersAtRisk: (ctx: RequestContext) => ordersAtRisk(deps, ctx),
  }
}
