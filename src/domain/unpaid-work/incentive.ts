import { LocalDate } from '@js-joda/core'

/**
 * The Sentencing Act 2026 s37 incentive (shared/domain/rules-and-outcomes.md §2.1 "2026 change"; the published rule:
 * ministryofjustice/hmpps-community-payback-api docs/incentive-scheme/calculations.md). After a qualifying threshold
 * q of the required time is worked, each further hour earns a discount d; the most that can be earned is
 * 1 - (1 + d·q) / (1 + d) of the required time (25% with q = 0.25, d = 0.5). An unacceptable absence disqualifies:
 * the discount already earned is kept, nothing more is earned. Everything is in whole minutes (rounded down).
 */

export interface IncentiveRule {
  /** The proportion of the ordered time to work before any discount is earned. */
  threshold: number
  /** The discount earned per minute worked above the threshold. */
  discount: number
}

export const INCENTIVE_RULE: IncentiveRule = { threshold: 0.25, discount: 0.5 }

/**
 * The day the scheme started: an order made before it is not eligible. This date is configuration (policy), not law
 * read from the Act; pass another to `incentive` when it is set differently.
 */
export const INCENTIVE_COMMENCEMENT = LocalDate.parse('2026-06-01')

const floor = (x: number) => Math.floor(x + 1e-9)

/**
 * The largest discount as a share of the ordered time: 1 - (1 + d·q) / (1 + d).
 *
 * @example
 * maxDiscountRatio(INCENTIVE_RULE) // 0.25
 */
export function maxDiscountRatio(rule: IncentiveRule = INCENTIVE_RULE): number {
  return 1 - (1 + rule.discount * rule.threshold) / (1 + rule.discount)
}

export interface IncentiveInput {
  orderedMinutes: number
  /** Minutes worked that count for the scheme (when disqualified: those worked before the disqualifying absence). */
  qualifyingMinutes: number
  /** Minutes credited to the order in all (for what remains). */
  creditedMinutes: number
  disqualified: boolean
  /** When the order was made (the sentence date). */
  orderMadeOn: LocalDate
  commencement?: LocalDate
  rule?: IncentiveRule
}

export interface Incentive {
  eligible: boolean
  disqualified: boolean
  thresholdMinutes: number
  /** Whether the qualifying threshold has been reached. */
  qualified: boolean
  maxDiscountMinutes: number
  currentDiscountMinutes: number
  projectedDiscountMinutes: number
  /** Ordered less the current discount. */
  requiredMinutes: number
  /** Required less credited, never below 0. */
  remainingMinutes: number
}

/**
 * The current and projected discount on an order.
 *
 * @example
 * incentive({ orderedMinutes: 6000, qualifyingMinutes: 2160, creditedMinutes: 2160, disqualified: false,
 *   orderMadeOn: LocalDate.parse('2026-07-01') })
 * // { currentDiscountMinutes: 330, projectedDiscountMinutes: 1500, requiredMinutes: 5670, remainingMinutes: 3510, … }
 */
export function incentive(input: IncentiveInput): Incentive {
  const rule = input.rule ?? INCENTIVE_RULE
  const commencement = input.commencement ?? INCENTIVE_COMMENCEMENT
  const eligible = !input.orderMadeOn.isBefore(commencement)
  const thresholdMinutes = floor(input.orderedMinutes * rule.threshold)
  const maxDiscountMinutes = floor(input.orderedMinutes * maxDiscountRatio(rule))
  const qualified = input.qualifyingMinutes >= thresholdMinutes
  const current =
    eligible && qualified
      ? Math.min(maxDiscountMinutes, floor(rule.discount * (input.qualifyingMinutes - thresholdMinutes)))
      : 0
  const projected = !eligible ? 0 : input.disqualified ? current : maxDiscountMinutes
  const requiredMinutes = input.orderedMinutes - current
  return {
    eligible,
    disqualified: input.disqualified,
    thresholdMinutes,
    qualified,
    maxDiscountMinutes,
    currentDiscountMinutes: current,
    projectedDiscountMinutes: projected,
    requiredMinutes,
    remainingMinutes: Math.max(0, requiredMinutes - input.creditedMinutes),
  }
}
