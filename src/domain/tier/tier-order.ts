import { TIERS, type Tier } from './tier-v3-types.ts'

/**
 * Compares v3 tiers by seriousness: positive when `a` is higher (closer to A) than `b`.
 *
 * @example
 * compareTiers('A', 'C') > 0 // true
 */
export function compareTiers(a: Tier, b: Tier): number {
  return TIERS.indexOf(b) - TIERS.indexOf(a)
}

/**
 * The highest of the given tiers, ignoring nulls; G when none (the v3 default, §9.2).
 *
 * @example
 * highestTier(['E', null, 'C']) // 'C'
 */
export function highestTier(tiers: Iterable<Tier | null | undefined>): Tier {
  let best: Tier = 'G'
  for (const t of tiers) if (t && compareTiers(t, best) > 0) best = t
  return best
}
