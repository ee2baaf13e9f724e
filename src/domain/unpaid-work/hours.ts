import { requirementKind } from '../sentencing/index.ts'

/**
 * Hours on an unpaid work order (shared/domain/rules-and-outcomes.md §2.1 "Hours", "ETE"): what was ordered, what
 * the current attendance records credit, what remains, the education, training and employment (ETE) share, and the
 * 300-hour aggregate across orders that run together. Everything is in whole minutes.
 */

/** One attendance record as far as the hours go: a later record that `replacesId` an earlier one supersedes it. */
export interface CreditRecord {
  id: number
  replacesId: number | null
  minutesCredited: number
  ete: boolean
}

/** The default share of the ordered hours that may be ETE activity (rules-and-outcomes.md §2.1 "ETE": up to 20%). */
export const ETE_PROPORTION = 0.2

/** The aggregate limit of hours across orders that run together (Sentencing Code Sch 9 Part 1; §2.1 "Hours"). */
export const AGGREGATE_HOURS_LIMIT = requirementKind('unpaid_work')?.max ?? 300

/**
 * The records that count: every record not replaced by a later one (a correction keeps the original, which no longer
 * counts).
 *
 * @example
 * currentRecords([{ id: 1, replacesId: null, minutesCredited: 60, ete: false },
 *   { id: 2, replacesId: 1, minutesCredited: 90, ete: false }]).map(r => r.id) // [2]
 */
export function currentRecords<T extends { id: number; replacesId: number | null }>(records: readonly T[]): T[] {
  const replaced = new Set(records.map(r => r.replacesId).filter((id): id is number => id !== null))
  return records.filter(r => !replaced.has(r.id))
}

export interface OrderHours {
  orderedMinutes: number
  creditedMinutes: number
  /** Ordered less credited, never below 0. */
  remainingMinutes: number
  eteCreditedMinutes: number
  /** The most that may be ETE: the proportion of the ordered hours, in whole minutes. */
  eteAllowanceMinutes: number
}

/**
 * An order's hours from its attendance records (only the current ones count).
 *
 * @example
 * orderHours(100, [{ id: 1, replacesId: null, minutesCredited: 420, ete: true }])
 * // { orderedMinutes: 6000, creditedMinutes: 420, remainingMinutes: 5580, eteCreditedMinutes: 420,
 * //   eteAllowanceMinutes: 1200 }
 */
export function orderHours(
  orderedHours: number,
  records: readonly CreditRecord[],
  eteProportion: number = ETE_PROPORTION,
): OrderHours {
  const orderedMinutes = Math.round(orderedHours * 60)
  const current = currentRecords(records)
  const creditedMinutes = current.reduce((sum, r) => sum + r.minutesCredited, 0)
  const eteCreditedMinutes = current.filter(r => r.ete).reduce((sum, r) => sum + r.minutesCredited, 0)
  return {
    orderedMinutes,
    creditedMinutes,
    remainingMinutes: Math.max(0, orderedMinutes - creditedMinutes),
    eteCreditedMinutes,
    eteAllowanceMinutes: Math.floor(orderedMinutes * eteProportion + 1e-9),
  }
}

export interface AggregateHours {
  totalHours: number
  limitHours: number
  overLimit: boolean
}

/**
 * The aggregate ordered hours of the orders that run together, and whether it is over the 300-hour limit.
 *
 * @example
 * aggregateHours([200, 120]) // { totalHours: 320, limitHours: 300, overLimit: true }
 */
export function aggregateHours(orderedHours: readonly number[]): AggregateHours {
  const totalHours = orderedHours.reduce((sum, h) => sum + h, 0)
  return { totalHours, limitHours: AGGREGATE_HOURS_LIMIT, overLimit: totalHours > AGGREGATE_HOURS_LIMIT }
}

/**
 * Minutes as words, e.g. for an order's remaining time.
 *
 * @example
 * hoursText(750) // '12 hours 30 minutes'
 * hoursText(60) // '1 hour'
 * hoursText(0) // '0 hours'
 */
export function hoursText(minutes: number): string {
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  const hours = `${h} hour${h === 1 ? '' : 's'}`
  if (m === 0) return hours
  const mins = `${m} minute${m === 1 ? '' : 's'}`
  return h === 0 ? mins : `${hours} ${mins}`
}
