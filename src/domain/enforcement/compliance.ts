import type { LocalDate } from '@js-joda/core'
import { complianceEffect } from './outcomes.ts'
import type { OutcomeCode } from './outcomes.ts'
import { ENFORCEMENT_RULES, isWithinWarningWindow, warningWindow } from './rules.ts'

/** One contact on the order, as the summary needs it. */
export interface SummaryContact {
  date: LocalDate
  /** The current outcome (after any change), or null when none is recorded yet. */
  outcome: OutcomeCode | null
  nationalStandard: boolean
  /** The contact was a rehabilitation activity requirement (RAR) activity. */
  rarActivity?: boolean
}

export interface ComplianceInput {
  /** "Today": the 12 months counted are the 12 months ending with this date. */
  asOf: LocalDate
  /** Contacts on this order (the caller filters by order). */
  contacts: readonly SummaryContact[]
  /** Dates warnings were given on this order. */
  warnings: readonly LocalDate[]
  /** Breaches on this order: the date each was initiated and, once closed, the date it closed. */
  breaches?: readonly { initiatedOn: LocalDate; closedOn?: LocalDate | null }[]
  /** RAR days the court ordered, when the order has a RAR. */
  rarDaysOrdered?: number | null
  /** Unpaid work hours ordered and minutes worked (credited), when the order has unpaid work. */
  unpaidWork?: { hoursOrdered: number; minutesWorked: number } | null
}

export interface ComplianceSummary {
  asOf: LocalDate
  /** Enforceable failures (national standard, failed to comply or unacceptable absence) in the last 12 months. */
  failuresLast12Months: number
  /** Enforceable failures after the last breach closed (all of them when there was none). */
  failuresSinceLastBreach: number
  /** Warnings given on this order, and those in the last 12 months. */
  warnings: number
  warningsLast12Months: number
  /** The latest warning whose 12-month window includes `asOf`: a further failure before `windowEnds` is a breach. */
  activeWarning: { givenOn: LocalDate; windowEnds: LocalDate } | null
  /** National-standard acceptable absences on this order (they never count as failures). */
  acceptableAbsences: number
  /** National-standard appointments still waiting for evidence ("failed to attend"). */
  awaitingEvidence: number
  /** National-standard appointments in the past with no outcome yet. */
  needingOutcome: number
  breaches: number
  breachInProgress: boolean
  /** RAR days delivered (distinct days with an attended-and-complied RAR activity) against ordered. */
  rar: { ordered: number | null; delivered: number; scheduled: number; remaining: number | null } | null
  unpaidWork: { hoursOrdered: number; hoursWorked: number; hoursRemaining: number } | null
}

/**
 * The compliance summary of one order.
 *
 * - Only national-standard contacts count (rules-and-outcomes.md §3.1 "What counts").
 * - "Last 12 months" is the 12 months ending with `asOf`: from the day after `asOf` minus 12 months, to `asOf`.
 * - RAR days (reference-systems.md §3.4): distinct dates up to `asOf` with a RAR-activity contact recorded as
 *   attended and complied are delivered; distinct later dates, or dates with no outcome yet, are scheduled. A day with
 *   both counts once, as delivered. National-standard status does not matter for RAR.
 * - Unpaid work hours are minutes credited / 60, to two decimal places.
 *
 * @example
 * summariseCompliance({
 *   asOf: LocalDate.of(2025, 6, 30),
 *   contacts: [{ date: LocalDate.of(2025, 6, 2), outcome: 'unacceptable_absence', nationalStandard: true }],
 *   warnings: [LocalDate.of(2025, 6, 5)],
 * }).failuresLast12Months // 1
 */
export function summariseCompliance(input: ComplianceInput): ComplianceSummary {
  const { asOf } = input
  const yearStart = asOf.minusMonths(ENFORCEMENT_RULES.warningWindowMonths).plusDays(1)
  const inLastYear = (d: LocalDate) => !d.isBefore(yearStart) && !d.isAfter(asOf)
  const breaches = input.breaches ?? []
  const lastClosed = breaches
    .map(b => b.closedOn ?? null)
    .filter((d): d is LocalDate => d !== null && !d.isAfter(asOf))
    .reduce<LocalDate | null>((a, d) => (a === null || d.isAfter(a) ? d : a), null)

  let failuresLast12Months = 0
  let failuresSinceLastBreach = 0
  let acceptableAbsences = 0
  let awaitingEvidence = 0
  let needingOutcome = 0
  const rarDelivered = new Set<string>()
  const rarScheduled = new Set<string>()

  for (const c of input.contacts) {
    const past = !c.date.isAfter(asOf)
    if (c.rarActivity) {
      if (past && c.outcome === 'attended_complied') rarDelivered.add(c.date.toString())
      else if (!past || c.outcome === null) rarScheduled.add(c.date.toString())
    }
    if (!past) continue
    if (c.nationalStandard && c.outcome === null) needingOutcome++
    const effect = complianceEffect(c)
    if (effect === 'failure') {
      if (inLastYear(c.date)) failuresLast12Months++
      if (lastClosed === null || c.date.isAfter(lastClosed)) failuresSinceLastBreach++
    } else if (effect === 'acceptable_absence') acceptableAbsences++
    else if (effect === 'awaiting_evidence') awaitingEvidence++
  }
  for (const d of rarDelivered) rarScheduled.delete(d)

  const givenWarnings = input.warnings.filter(w => !w.isAfter(asOf))
  const active = givenWarnings
    .filter(w => isWithinWarningWindow(w, asOf) && (lastClosed === null || w.isAfter(lastClosed)))
    .reduce<LocalDate | null>((a, w) => (a === null || w.isAfter(a) ? w : a), null)

  const rarOrdered = input.rarDaysOrdered ?? null
  const hasRar = rarOrdered !== null || rarDelivered.size > 0 || rarScheduled.size > 0
  const upw = input.unpaidWork ?? null
  const hoursWorked = upw === null ? 0 : Math.round((upw.minutesWorked / 60) * 100) / 100

  return {
    asOf,
    failuresLast12Months,
    failuresSinceLastBreach,
    warnings: givenWarnings.length,
    warningsLast12Months: givenWarnings.filter(inLastYear).length,
    activeWarning: active === null ? null : { givenOn: active, windowEnds: warningWindow(active).to },
    acceptableAbsences,
    awaitingEvidence,
    needingOutcome,
    breaches: breaches.filter(b => !b.initiatedOn.isAfter(asOf)).length,
    breachInProgress: breaches.some(
      b => !b.initiatedOn.isAfter(asOf) && (b.closedOn == null || b.closedOn.isAfter(asOf)),
    ),
    rar: hasRar
      ? {
          ordered: rarOrdered,
          delivered: rarDelivered.size,
          scheduled: rarScheduled.size,
          remaining: rarOrdered === null ? null : Math.max(0, rarOrdered - rarDelivered.size),
        }
      : null,
    unpaidWork:
      upw === null
        ? null
        : {
            hoursOrdered: upw.hoursOrdered,
            hoursWorked,
            hoursRemaining: Math.max(0, Math.round((upw.hoursOrdered - hoursWorked) * 100) / 100),
          },
  }
}
