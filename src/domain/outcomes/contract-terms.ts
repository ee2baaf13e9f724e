import type { LocalDate } from '@js-joda/core'
import type { FeeForServiceTerms, PbrTerms, SubcontractorTerms } from './payments.ts'

/**
 * Contract terms as data with history (issue 19 item 1): each change is a version effective from a date, never an
 * overwrite. The terms that apply to a period are the latest version effective on or before its first day (a change
 * part-way through a quarter applies from the next quarter's statement), the latest recorded winning a tie.
 * Stored terms are the shapes `payments.ts` computes with: money in whole pence, rates and shares as fractions.
 */
export interface TermsVersion {
  readonly id: number
  readonly effectiveFrom: LocalDate
}

/**
 * The version in force on a date, or null when none is yet effective.
 *
 * @example
 * termsInForce([{ id: 1, effectiveFrom: d('2026-01-01') }, { id: 2, effectiveFrom: d('2026-07-01') }], d('2026-04-01')) // id 1
 */
export function termsInForce<T extends TermsVersion>(versions: readonly T[], on: LocalDate): T | null {
  let found: T | null = null
  for (const v of versions) {
    if (v.effectiveFrom.isAfter(on)) continue
    if (
      !found ||
      v.effectiveFrom.isAfter(found.effectiveFrom) ||
      (v.effectiveFrom.isEqual(found.effectiveFrom) && v.id > found.id)
    )
      found = v
  }
  return found
}

/** Payment-by-results terms as stored (`contract_terms.terms` where kind = 'payment_by_results'). */
export type StoredPbrTerms = PbrTerms
/** Fee-for-service terms as stored (`contract_terms.terms` where kind = 'fee_for_service'). */
export type StoredFeeForServiceTerms = FeeForServiceTerms

/**
 * A subcontractor's terms from their stored columns (`subcontractor_terms`): the annual fee in pence, or the share
 * in basis points (2500 = 25 %).
 *
 * @example
 * subcontractorTermsOf({ basis: 'share_of_results', annualFeePence: null, shareBasisPoints: 2500 }) // { kind: 'share_of_results', share: 0.25 }
 */
export function subcontractorTermsOf(row: {
  basis: SubcontractorTerms['kind']
  annualFeePence: number | null
  shareBasisPoints: number | null
}): SubcontractorTerms {
  if (row.basis === 'fixed_fee') return { kind: 'fixed_fee', annualFee: row.annualFeePence ?? 0 }
  return { kind: row.basis, share: (row.shareBasisPoints ?? 0) / 10_000 }
}
