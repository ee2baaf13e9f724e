/**
 * Deterministic randomness for the national seed. Every person gets their own stream, keyed by (seed, index), so the
 * data do not depend on chunk sizes or the order anything is loaded in: the same seed always gives the same people.
 */

/** A 32-bit integer hash (a murmur3 finaliser) of a few integers. */
export function hash32(...parts: number[]): number {
  let h = 0x9e3779b9
  for (const p of parts) {
    h ^= Math.imul((p | 0) ^ ((p / 2 ** 32) | 0), 0x85ebca6b)
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
    h ^= h >>> 16
  }
  return h >>> 0
}

export interface Rng {
  /** [0, 1) */
  next(): number
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number
  pick<T>(xs: readonly T[]): T
  /** Picks by weight (weights need not sum to 1). */
  weighted<T>(xs: readonly (readonly [T, number])[]): T
  chance(p: number): boolean
}

/**
 * mulberry32: small, fast and good enough for synthetic data.
 *
 * @example
 * const r = rng(hash32(1, 42)); r.int(1, 6) // the same number every run
 */
export function rng(seed: number): Rng {
  let s = seed >>> 0
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: xs => xs[Math.floor(next() * xs.length)],
    weighted: xs => {
      let total = 0
      for (const [, w] of xs) total += w
      let r = next() * total
      for (const [x, w] of xs) {
        r -= w
        if (r < 0) return x
      }
      return xs[xs.length - 1][0]
    },
    chance: p => next() < p,
  }
}
