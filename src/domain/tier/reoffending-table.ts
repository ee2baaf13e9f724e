import type { Tier } from './tier-v3-types.ts'

/** CSRP row thresholds (%), first met wins (§9.2). */
export const CSRP_ROWS: readonly number[] = [6.9, 3.0, 1.0, 0.5, 0]
/** ARP column thresholds (%), first met wins (§9.2). */
export const ARP_COLUMNS: readonly number[] = [90, 75, 50, 25, 15, 0]

const TABLE: readonly (readonly Tier[])[] = [
  /* CSRP ≥ 6.9 */ ['A', 'A', 'B', 'B', 'B', 'B'],
  /* CSRP ≥ 3.0 */ ['A', 'B', 'C', 'C', 'C', 'C'],
  /* CSRP ≥ 1.0 */ ['B', 'C', 'D', 'E', 'E', 'E'],
  /* CSRP ≥ 0.5 */ ['C', 'D', 'E', 'E', 'F', 'F'],
  /* CSRP ≥ 0   */ ['D', 'D', 'E', 'F', 'F', 'G'],
]

/**
 * Step 1 of tier v3, the reoffending table: row = first CSRP threshold met, column = first ARP threshold met
 * (§9.2, table 1). `Infinity` for either score gives the best row/column, which the provisional rule uses to ask
 * "what is the most a static score could reach".
 *
 * @example
 * reoffendingTier(62.5, 1.4) // 'D'
 */
export function reoffendingTier(arp: number, csrp: number): Tier {
  const row = CSRP_ROWS.findIndex(t => csrp >= t)
  const col = ARP_COLUMNS.findIndex(t => arp >= t)
  return TABLE[row][col]
}

/**
 * Threshold labels for the explanation, e.g. `CSRP ≥ 1` / `ARP ≥ 50`.
 *
 * @example
 * reoffendingCell(62.5, 1.4) // { csrpRow: 1, arpColumn: 50 }
 */
export function reoffendingCell(arp: number, csrp: number): { csrpRow: number; arpColumn: number } {
  return {
    csrpRow: CSRP_ROWS.find(t => csrp >= t) as number,
    arpColumn: ARP_COLUMNS.find(t => arp >= t) as number,
  }
}
