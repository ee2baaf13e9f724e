import { bandFor, type BandThreshold } from '../explanation.ts'

/** ARP bands on the 2-year % (risk-and-tier.md §7.2): LOW < 50, MEDIUM 50–< 75, HIGH 75–< 90, VERY HIGH ≥ 90. */
export const ARP_BANDS: readonly BandThreshold[] = [
  { band: 'LOW', from: 0, below: 50 },
  { band: 'MEDIUM', from: 50, below: 75 },
  { band: 'HIGH', from: 75, below: 90 },
  { band: 'VERY_HIGH', from: 90, below: null },
]

/** VRP bands (§7.2): LOW < 30, MEDIUM 30–< 60, HIGH 60–< 80, VERY HIGH ≥ 80. */
export const VRP_BANDS: readonly BandThreshold[] = [
  { band: 'LOW', from: 0, below: 30 },
  { band: 'MEDIUM', from: 30, below: 60 },
  { band: 'HIGH', from: 60, below: 80 },
  { band: 'VERY_HIGH', from: 80, below: null },
]

/** SVRP and CSRP bands (§7.2): LOW < 1, MEDIUM 1–< 3, HIGH 3–< 6.9, VERY HIGH ≥ 6.9. */
export const SERIOUS_BANDS: readonly BandThreshold[] = [
  { band: 'LOW', from: 0, below: 1 },
  { band: 'MEDIUM', from: 1, below: 3 },
  { band: 'HIGH', from: 3, below: 6.9 },
  { band: 'VERY_HIGH', from: 6.9, below: null },
]

const BY_NAME: Record<string, readonly BandThreshold[]> = {
  ARP: ARP_BANDS,
  VRP: VRP_BANDS,
  SVRP: SERIOUS_BANDS,
  CSRP: SERIOUS_BANDS,
  'SVRP/CSRP': SERIOUS_BANDS,
}

/**
 * The thresholds of a v4 predictor by name (`ARP`, `VRP`, `SVRP`, `CSRP` or `SVRP/CSRP`), or undefined.
 *
 * @example
 * v4Thresholds('VRP')?.[1].from // 30
 */
export function v4Thresholds(name: string): readonly BandThreshold[] | undefined {
  return Object.hasOwn(BY_NAME, name) ? BY_NAME[name] : undefined
}

/**
 * The band of a v4 percentage (§7.2).
 *
 * @example
 * v4Band('ARP', 74.99) // 'MEDIUM'
 * v4Band('CSRP', 6.9) // 'VERY_HIGH'
 */
export function v4Band(name: 'ARP' | 'VRP' | 'SVRP' | 'CSRP', percent: number): string {
  return bandFor(percent, BY_NAME[name])
}
