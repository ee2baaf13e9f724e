/**
 * Release fractions, held as thirtieths so every fraction the law uses (1/2, 2/3, 2/5, 1/3) is an exact
 * integer. The peer stores 2/3 and 1/3 as 20-place truncated decimals; for any realistic term that gives the
 * same ceiling as the exact fraction (spec §1.5).
 */
export interface Fraction {
  /** Numerator over 30. */
  readonly thirtieths: number
  readonly name: string
  readonly label: string
}

export const HALF: Fraction = { thirtieths: 15, name: 'half', label: 'halfway point' }
export const TWO_THIRDS: Fraction = { thirtieths: 20, name: 'two thirds', label: 'two-thirds point' }
export const FORTY_PERCENT: Fraction = { thirtieths: 12, name: '40%', label: '40% point' }
export const ONE_THIRD: Fraction = { thirtieths: 10, name: 'one third', label: 'one-third point' }

/**
 * Days to release: ceil(days × fraction), rounded up to a whole day (spec §1.5).
 *
 * @example
 * releaseDays(731, FORTY_PERCENT) // 293 (292.4 rounded up)
 */
export function releaseDays(days: number, f: Fraction): number {
  return Math.floor((days * f.thirtieths + 29) / 30)
}
