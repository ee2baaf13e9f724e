import type { Conviction } from './tier-v2-types.ts'

/** Sentence types that are custodial (§9.1). */
export const CUSTODIAL_SENTENCE_CODES: readonly string[] = ['NC', 'SC']
/** Requirement categories that never give a mandate for change: unpaid work and order extended (§9.1). */
export const NO_MANDATE_REQUIREMENT_CODES: readonly string[] = ['W', 'W1']

/** Whether there is a mandate for change, and the reason in words. */
export interface MandateForChange {
  mandate: boolean
  reason: string
}

/**
 * Mandate for change (§9.1): some CURRENT (not terminated) conviction is custodial (NC/SC) or has a
 * non-restrictive requirement other than unpaid work (W) / order extended (W1). Without one, the change level is 0:
 * there is nothing in the sentence through which to work on change.
 *
 * @example
 * mandateForChange([{ sentenceCode: 'SP', terminated: false, requirements: [{ mainCategoryTypeCode: 'W', restrictive: false }] }])
 *   .mandate // false
 */
export function mandateForChange(convictions: readonly Conviction[]): MandateForChange {
  const current = convictions.map((c, i) => ({ c, n: i + 1 })).filter(({ c }) => !c.terminated)
  if (current.length === 0) {
    return {
      mandate: false,
      reason:
        convictions.length === 0
          ? 'there are no convictions'
          : 'every conviction is terminated, so there is no current sentence',
    }
  }
  for (const { c, n } of current) {
    if (CUSTODIAL_SENTENCE_CODES.includes(c.sentenceCode)) {
      return { mandate: true, reason: `current conviction ${n} has a custodial sentence (${c.sentenceCode})` }
    }
    const req = c.requirements.find(
      r => !r.restrictive && !NO_MANDATE_REQUIREMENT_CODES.includes(r.mainCategoryTypeCode),
    )
    if (req) {
      return {
        mandate: true,
        reason: `current conviction ${n} (${c.sentenceCode}) has a non-restrictive requirement (${req.mainCategoryTypeCode})`,
      }
    }
  }
  return {
    mandate: false,
    reason:
      'no current conviction is custodial (NC/SC) or has a non-restrictive requirement other than unpaid work (W) ' +
      'or order extended (W1)',
  }
}
