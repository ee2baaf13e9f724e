import type { MappaLevel, Rosh } from './registrations.ts'
import type { ProtectLevel } from './tier-v2-types.ts'

/** Protect points at or above which the protect level is A; also the RoSH very high and MAPPA M2/M3 points (§9.1). */
export const LEVEL_A_POINTS = 150

/**
 * RSR protect points (§9.1): 7.00–99.99 → 20, 3.00–6.99 → 10, otherwise 0 (including above 99.99, which upstream
 * treats as out of range rather than as very high). Note the tier's 7.00 is not the 6.9 % RSR "high" band
 * used elsewhere (§8): 6.90–6.99 scores 10 here. The ranges are closed on 2-dp values as Delius stores RSR;
 * a value between 6.99 and 7.00 (only possible with more decimals) meets neither range, as upstream.
 *
 * @example
 * rsrPoints(7.2) // 20
 * rsrPoints(6.9) // 10
 */
export function rsrPoints(rsr: number): 0 | 10 | 20 {
  if (rsr >= 7 && rsr <= 99.99) return 20
  if (rsr >= 3 && rsr <= 6.99) return 10
  return 0
}

/**
 * RoSH protect points (§9.1): very high 150, high 20, medium 10, low or none 0.
 *
 * @example
 * roshPoints('HIGH') // 20
 */
export function roshPoints(rosh: Rosh | null): number {
  switch (rosh) {
    case 'VERY_HIGH':
      return LEVEL_A_POINTS
    case 'HIGH':
      return 20
    case 'MEDIUM':
      return 10
    default:
      return 0
  }
}

/**
 * MAPPA protect points (§9.1): level M2 or M3 150, M1 5, none 0.
 *
 * @example
 * mappaPoints('M1') // 5
 */
export function mappaPoints(level: MappaLevel | null): number {
  if (level === 'M2' || level === 'M3') return LEVEL_A_POINTS
  return level === 'M1' ? 5 : 0
}

/**
 * Protect level from total protect points (§9.1): ≥ 150 A, 20–149 B, 10–19 C, below 10 D.
 *
 * @example
 * protectLevelFor(21) // 'B'
 */
export function protectLevelFor(points: number): ProtectLevel {
  if (points >= LEVEL_A_POINTS) return 'A'
  if (points >= 20) return 'B'
  if (points >= 10) return 'C'
  return 'D'
}

/**
 * Points needed for the next protect level up, or null at A (used to say what would change the tier).
 *
 * @example
 * nextProtectThreshold('C') // { level: 'B', points: 20 }
 */
export function nextProtectThreshold(level: ProtectLevel): { level: ProtectLevel; points: number } | null {
  if (level === 'D') return { level: 'C', points: 10 }
  if (level === 'C') return { level: 'B', points: 20 }
  if (level === 'B') return { level: 'A', points: LEVEL_A_POINTS }
  return null
}
