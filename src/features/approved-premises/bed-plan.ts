import { LocalDate } from '@js-joda/core'
import type { RequestContext } from '../../access/audit.ts'
import { occupancy, type BedNight } from '../../domain/approved-premises/index.ts'
import { canManage, openPremises, type ApDeps } from './context.ts'
import * as q from './queries.ts'

/**
 * The bed plan (issue 16 item 3; reference-systems.md §2.5 occupancy view): each bed's nights for the next 12 weeks
 * from today (or from a chosen day), occupied, booked, out of service or free. It names nobody: a booked night links
 * to the booking, whose page opens the person's record.
 */

export const PLAN_WEEKS = 12

export interface BedPlan {
  premises: q.PremisesRow
  beds: q.BedRow[]
  from: LocalDate
  nights: number
  plan: Map<number, BedNight[]>
  canManage: boolean
}

export function bedPlan(deps: ApDeps, ctx: RequestContext, premisesId: number, from?: LocalDate): Promise<BedPlan> {
  return deps.db.transaction().execute(async trx => {
    const premises = await openPremises(trx, ctx, premisesId)
    const start = from ?? deps.clock.today()
    const nights = PLAN_WEEKS * 7
    const iso = start.toString()
    const [beds, bookings, outOfService] = await Promise.all([
      q.bedsOf(trx, premisesId),
      q.bookingsOf(trx, premisesId, iso),
      q.outOfServiceOf(trx, premisesId, iso),
    ])
    const plan = occupancy(
      beds.map(b => b.id),
      bookings.map(b => ({
        id: b.id,
        bedId: b.bed_id,
        arrival: LocalDate.parse(b.arrival_date),
        departure: LocalDate.parse(b.departure_date),
      })),
      outOfService.map(o => ({
        bedId: o.bed_id,
        from: LocalDate.parse(o.from_date),
        to: LocalDate.parse(o.to_date),
        reason: o.reason,
      })),
      start,
      nights,
    )
    return { premises, beds, from: start, nights, plan, canManage: canManage(ctx) }
  })
}
