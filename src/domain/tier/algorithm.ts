import type { AlgorithmId } from './explanation.ts'

const SOURCE = 'github.com/ministryofjustice/hmpps-tier @ affac98aa31db76f1856de066cb9a65e54c43cee (2026-08-17)'

/**
 * Tier v2 (protect A–D × change 0–3). Bump `version` whenever a points value or threshold changes, so tiers
 * stored under the old rules can still be replayed (risk-and-tier.md §9.1).
 *
 * @example
 * TIER_V2_ALGORITHM.version // '2026-08-17'
 */
export const TIER_V2_ALGORITHM: AlgorithmId = Object.freeze({
  name: 'tier-v2-protect-change',
  version: '2026-08-17',
  source: SOURCE,
  spec: 'shared/domain/risk-and-tier.md §9.1',
})

/**
 * Tier v3 (A–G plus provisional). The v3 rules are still moving upstream (§9.3), so the rule set is pinned to
 * a dated upstream commit; bump `version` when re-pinning.
 *
 * @example
 * TIER_V3_ALGORITHM.name // 'tier-v3-a-to-g'
 */
export const TIER_V3_ALGORITHM: AlgorithmId = Object.freeze({
  name: 'tier-v3-a-to-g',
  version: '2026-08-17',
  source: SOURCE,
  spec: 'shared/domain/risk-and-tier.md §9.2 (variants §9.3)',
})
