import type { LocalDate } from '@js-joda/core'
import { TIER_V3_ALGORITHM } from './algorithm.ts'
import type { ExplanationLine } from './explanation.ts'
import { provisionalStatus } from './provisional-status.ts'
import { highestTier } from './tier-order.ts'
import { parseTierV3Inputs } from './tier-v3-input.ts'
import {
  flagSteps,
  liferIppStep,
  mappaRoshStep,
  reoffendingStep,
  sexualReoffendingStep,
  type StepOutcome,
} from './tier-v3-steps.ts'
import type { Step, StepResults, TierV3Inputs, TierV3Result } from './tier-v3-types.ts'

/**
 * Tier v3 (risk-and-tier.md §9.2): the highest tier any step produces (A highest … G), NOT_SUPERVISED without an
 * active event, MISSING without both an ARP and a CSRP score, plus the provisional flag. Validates first (throws
 * ValidationError, never scores bad input). Lifer/IPP release windows are measured back from `calculationDate`.
 *
 * @example
 * const result = calculateTierV3(
 *   { hasActiveEvent: true, mappaPresent: true, rosh: 'HIGH', hasLiferIpp: false, latestReleaseDate: null,
 *     hasDomesticAbuse: false, hasStalking: false, hasChildProtection: false,
 *     arp: { score: 40, type: 'DYNAMIC' }, csrp: { score: 0.2, type: 'DYNAMIC' }, dcSrp: null,
 *     everCommittedSexualOffence: false },
 *   LocalDate.parse('2026-11-22'),
 * )
 * result.tier // 'C' (MAPPA with RoSH high)
 */
export function calculateTierV3(inputs: TierV3Inputs, calculationDate: LocalDate): TierV3Result {
  const v = parseTierV3Inputs(inputs, calculationDate)
  const result = (tier: TierV3Result['tier'], explanation: ExplanationLine[]): TierV3Result => ({
    algorithm: TIER_V3_ALGORITHM,
    calculationDate: calculationDate.toString(),
    tier,
    provisional: false,
    steps: {},
    explanation,
  })
  if (!v.hasActiveEvent) {
    return result('NOT_SUPERVISED', [
      {
        rule: 'v3.not-supervised',
        input: false,
        text: 'no active event: NOT_SUPERVISED, no tier is calculated',
        spec: '§9.2',
      },
    ])
  }
  if (!v.arp || !v.csrp) {
    const missing = [!v.arp && 'ARP', !v.csrp && 'CSRP'].filter(Boolean).join(' and ')
    return result('MISSING', [
      {
        rule: 'v3.missing-predictors',
        input: { arp: v.arp, csrp: v.csrp },
        text: `no ${missing} score: tier MISSING until an OASys assessment provides it`,
        spec: '§9.2',
      },
    ])
  }

  const outcomes: Record<Step, StepOutcome> = {
    REOFFENDING: reoffendingStep(v.arp, v.csrp),
    SEXUAL_REOFFENDING: sexualReoffendingStep(v.dcSrp),
    MAPPA_ROSH: mappaRoshStep(v.mappaPresent, v.rosh),
    LIFER_IPP: liferIppStep(v.hasLiferIpp, v.latestReleaseDate, calculationDate),
    ...flagSteps(v),
  }
  const steps: StepResults = {}
  const explanation: ExplanationLine[] = []
  for (const [step, outcome] of Object.entries(outcomes) as [Step, StepOutcome][]) {
    steps[step] = outcome.tier
    explanation.push(outcome.line)
  }
  const tier = highestTier(Object.values(steps))
  const decisive = (Object.keys(steps) as Step[]).filter(s => steps[s] === tier)
  explanation.push({
    rule: 'v3.tier',
    input: steps,
    tier,
    text:
      decisive.length > 0
        ? `tier ${tier}: the highest step result, from ${decisive.join(', ')}`
        : 'tier G: no step produced a tier',
    spec: '§9.2',
  })
  const status = provisionalStatus({ rosh: v.rosh, mappaPresent: v.mappaPresent, arp: v.arp, csrp: v.csrp }, steps)
  explanation.push(...status.lines)
  return { ...result(tier, explanation), provisional: status.provisional, steps }
}
