import { LocalDate } from '@js-joda/core'
import { audit, publish, type RequestContext } from '../../access/audit.ts'
import { outOfServiceProblem } from '../../domain/approved-premises/index.ts'
import { NotFoundError, ValidationError } from '../../errors.ts'
import { humaniseDates } from '../../web/filters.ts'
import type { Parsed } from '../../web/forms.ts'
import { openPremises, requireManage, type ApDeps } from './context.ts'
import type { EndOutOfServiceCommand, OutOfServiceCommand } from './forms.ts'
import * as q from './queries.ts'

/**
 * Taking a bed out of service for some days with a reason (reference-systems.md §2.5, out-of-service beds). The bed
 * is locked while its bookings are checked, so a booking made at the same moment cannot slip into the period; a
 * booked night must be moved first. Appended; audited; `ap.bed.out-of-service` published.
 */
export function addOutOfService(
  deps: ApDeps,
  ctx: RequestContext,
  premisesId: number,
  bedId: number,
  command: Parsed<OutOfServiceCommand>,
) {
  return deps.db.transaction().execute(async trx => {
    const premises = await openPremises(trx, ctx, premisesId)
    requireManage(ctx)
    const bed = await q.lockBed(trx, premisesId, bedId)
    if (!bed) throw new ValidationError([{ field: 'bed', message: 'There is no such bed in these premises' }])
    if (!command.ok) throw new ValidationError(command.errors)
    const { from, to, reason } = command.value
    const bookings = await q.bookingsOf(trx, premisesId, from.toString(), bedId)
    const problem = outOfServiceProblem(
      { from, to },
      bookings.map(b => ({
        id: b.id,
        arrival: LocalDate.parse(b.arrival_date),
        departure: LocalDate.parse(b.departure_date),
      })),
    )
    if (problem)
      throw new ValidationError([{ field: to.isBefore(from) ? 'to-day' : 'from-day', message: humaniseDates(problem) }])
    const id = await q.insertOutOfService(trx, {
      bed_id: bedId,
      from_date: from.toString(),
      to_date: to.toString(),
      reason,
      recorded_by: ctx.user?.id ?? null,
    })
    const detail = {
      premisesId,
      premises: premises.code,
      bedId,
      bed: bed.code,
      from: from.toString(),
      to: to.toString(),
    }
    await audit(trx, ctx, { action: 'AP_BED_OUT_OF_SERVICE', subject: premises.code, detail: { id, ...detail } })
    await publish(trx, 'ap.bed.out-of-service', null, { id, ...detail, reason })
    return { premisesId, id }
  })
}

/** One out-of-service period, for the page that brings its bed back into service. */
export async function outOfServicePage(deps: ApDeps, ctx: RequestContext, premisesId: number, id: number) {
  const premises = await openPremises(deps.db, ctx, premisesId)
  requireManage(ctx)
  const period = await q.findOutOfService(deps.db, premisesId, id)
  if (!period || period.cancellation_id !== null) throw new NotFoundError('There is no such out-of-service period')
  return { premises, period }
}

export type OutOfServicePage = Awaited<ReturnType<typeof outOfServicePage>>

/**
 * Bringing a bed back into service before its out-of-service period ends (repaired, the work finished early): the
 * period is kept and a cancellation with its reason appended, so the nights are free again on the bed plan. Audited;
 * `ap.bed.back-in-service` published.
 */
export function endOutOfService(
  deps: ApDeps,
  ctx: RequestContext,
  premisesId: number,
  id: number,
  command: Parsed<EndOutOfServiceCommand>,
) {
  return deps.db.transaction().execute(async trx => {
    const premises = await openPremises(trx, ctx, premisesId)
    requireManage(ctx)
    const found = await q.findOutOfService(trx, premisesId, id)
    if (!found) throw new NotFoundError('There is no such out-of-service period')
    // Read again under the bed's lock: of two requests ending the same period (two tabs, a double submit) the second
    // finds it ended and is told so, instead of meeting the unique key.
    await q.lockBed(trx, premisesId, found.bed_id)
    const period = (await q.findOutOfService(trx, premisesId, id))!
    if (period.cancellation_id !== null)
      throw new ValidationError([{ field: 'endReason', message: 'This bed is already back in service' }])
    if (!command.ok) throw new ValidationError(command.errors)
    const detail = { id, premisesId, premises: premises.code, bedId: period.bed_id, bed: period.bed_code }
    await q.insertOutOfServiceCancellation(trx, {
      out_of_service_id: id,
      reason: command.value.reason,
      cancelled_by: ctx.user?.id ?? null,
    })
    await audit(trx, ctx, { action: 'AP_BED_BACK_IN_SERVICE', subject: premises.code, detail })
    await publish(trx, 'ap.bed.back-in-service', null, { ...detail, reason: command.value.reason })
    return { premisesId }
  })
}
