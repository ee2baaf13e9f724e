import type { LocalDate } from '@js-joda/core'
import { CalendarRangeError, previousWorkingDay } from '../calendar/index.ts'
import type { Adjustment, Booking, Unit } from './booking.ts'
import {
  type Basis,
  calculateUnit,
  NO_TOTALS,
  type Totals,
  type UnitContext,
  type UnitResult,
} from './unit-calculation.ts'

function addTo(t: Totals, a: Adjustment): Totals {
  const n = { ...t }
  n[a.kind] += a.days
  return n
}

function totalsOf(adjustments: readonly Adjustment[]): Totals {
  return adjustments.reduce(addTo, NO_TOTALS)
}

/** Spec §1.11: the previous working day of the latest release; outside the calendar's years, the date itself. */
function releaseCutOff(date: LocalDate): LocalDate {
  try {
    return previousWorkingDay(date)
  } catch (e) {
    if (e instanceof CalendarRangeError) return date
    throw e
  }
}

/**
 * Calculates every unit with the adjustments of its custodial period (spec §3.2). Units are taken in
 * sentence-date order; a unit imposed after the period's latest release (compared with the previous working
 * day of that release, spec §1.11) starts a new period. An adjustment belongs to the period current on its
 * `appliesFrom` date and reaches every unit in that period.
 *
 * @example
 * const results = calculateUnitsByPeriod(booking, standardBasis, ctx)
 */
export function calculateUnitsByPeriod(booking: Booking, basis: Basis, ctx: UnitContext): UnitResult[] {
  const units = [...booking.units].sort((a, b) => a.start.compareTo(b.start))
  const adjustments = booking.adjustments
  if (units.length === 1) return [calculateUnit(units[0], basis, totalsOf(adjustments), ctx)]

  const periods: { start: LocalDate; units: Unit[] }[] = []
  for (const u of units) {
    const cur = periods[periods.length - 1]
    if (cur) {
      const first = periods.length === 1
      const known = adjustments.filter(
        a => a.appliesFrom.isBefore(u.start) && (first || !a.appliesFrom.isBefore(cur.start)),
      )
      const totals = totalsOf(known)
      let latest = cur.units
        .map(x => calculateUnit(x, basis, totals, ctx).release)
        .reduce((m, d) => (d.isAfter(m) ? d : m))
      latest = releaseCutOff(latest)
      if (latest.isBefore(u.start)) periods.push({ start: u.start, units: [u] })
      else cur.units.push(u)
    } else {
      periods.push({ start: u.start, units: [u] })
    }
  }
  const periodTotals = periods.map(() => NO_TOTALS)
  for (const a of adjustments) {
    let index = 0
    for (let i = periods.length - 1; i >= 0; i--) {
      if (!periods[i].start.isAfter(a.appliesFrom)) {
        index = i
        break
      }
    }
    periodTotals[index] = addTo(periodTotals[index], a)
  }
  return periods.flatMap((p, i) => p.units.map(u => calculateUnit(u, basis, periodTotals[i], ctx)))
}
