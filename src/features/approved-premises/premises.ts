import { audit, type RequestContext } from '../../access/audit.ts'
import { loadPeopleAccess, type Executor } from '../../access/person-access.ts'
import { canReadPerson } from '../../access/policy.ts'
import { canManage, openPremises, premisesProvider, type ApDeps } from './context.ts'
import * as q from './queries.ts'

/**
 * The premises the user may see, and one premises' page: its beds and their characteristics, the beds out of service
 * from today, and the bookings from today with the person's name where the user may read the person (CRN only
 * otherwise). Showing names is audited with the people shown.
 */

export async function premisesList(deps: ApDeps, ctx: RequestContext) {
  const provider = premisesProvider(ctx)
  if (provider === 'none') return []
  return q.listPremises(deps.db, provider)
}

/** A booking on the premises page: the person's name only if the user may read their record. */
export type PremisesBooking = q.BookingListRow & { visible: boolean }

export interface PremisesPage {
  premises: q.PremisesRow
  beds: q.BedRow[]
  outOfService: q.OutOfServiceRow[]
  bookings: PremisesBooking[]
  canManage: boolean
}

export function premisesPage(deps: ApDeps, ctx: RequestContext, premisesId: number): Promise<PremisesPage> {
  return deps.db.transaction().execute(async trx => {
    const premises = await openPremises(trx, ctx, premisesId)
    const today = deps.clock.today().toString()
    const [beds, outOfService, rows] = await Promise.all([
      q.bedsOf(trx, premisesId),
      q.outOfServiceOf(trx, premisesId, today),
      q.bookingsOf(trx, premisesId, today),
    ])
    const bookings = await withVisibility(deps, trx, ctx, rows)
    const shown = bookings.filter(b => b.visible).map(b => b.person_id)
    await audit(trx, ctx, {
      action: 'AP_PREMISES_VIEW',
      subject: premises.code,
      detail: { premisesId },
      ...(shown.length ? { shownPersonIds: shown } : {}),
    })
    return { premises, beds, outOfService, bookings, canManage: canManage(ctx) }
  })
}

async function withVisibility(
  deps: ApDeps,
  db: Executor,
  ctx: RequestContext,
  rows: q.BookingListRow[],
): Promise<PremisesBooking[]> {
  const facts = await loadPeopleAccess(
    db,
    rows.map(r => r.person_id),
    { now: deps.clock.now(), formerManagerMonths: 0 },
  )
  return rows.map(r => {
    const f = facts.get(r.person_id)
    const decision = f ? canReadPerson(ctx.user, f) : undefined
    return { ...r, visible: decision?.allowed === true && !decision.scope }
  })
}
