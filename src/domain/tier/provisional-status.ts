import type { ExplanationLine } from './explanation.ts'
import { reoffendingTier } from './reoffending-table.ts'
import { compareTiers, highestTier } from './tier-order.ts'
import type { PredictorScore, RoshLevel, Step, StepResults, Tier } from './tier-v3-types.ts'

/** What the provisional rule reads besides the step results. */
export interface ProvisionalInputs {
  rosh: RoshLevel | null
  mappaPresent: boolean
  arp: PredictorScore
  csrp: PredictorScore
}

const SPEC = '§9.2 provisional'

function highestExcept(steps: StepResults, exclude: (step: Step) => boolean): Tier {
  return highestTier(
    Object.entries(steps)
      .filter(([step]) => !exclude(step as Step))
      .map(([, tier]) => tier),
  )
}

/**
 * Whether a v3 tier is provisional (§9.2), i.e. likely to change once a fuller assessment exists:
 * (A) static predictors — both ARP and CSRP static: provisional unless another step reaches A; only ARP static:
 * unless another step reaches the table's value for the best ARP column with the actual CSRP; only CSRP static:
 * unless another step reaches the best-CSRP-row value with the actual ARP.
 * (B) RoSH missing — with MAPPA: provisional unless a step other than MAPPA/RoSH reaches A; without MAPPA: unless
 * such a step reaches C or higher; the reoffending step only counts here when ARP and CSRP are both dynamic.
 *
 * @example
 * provisionalStatus(
 *   { rosh: null, mappaPresent: false, arp: { score: 75, type: 'DYNAMIC' }, csrp: { score: 0, type: 'DYNAMIC' } },
 *   { REOFFENDING: 'D' },
 * ).provisional // true
 */
export function provisionalStatus(
  inputs: ProvisionalInputs,
  steps: StepResults,
): { provisional: boolean; lines: ExplanationLine[] } {
  const lines: ExplanationLine[] = []
  const arpStatic = inputs.arp.type === 'STATIC'
  const csrpStatic = inputs.csrp.type === 'STATIC'

  // (A) static predictors
  let staticProvisional = false
  if (arpStatic || csrpStatic) {
    const others = highestExcept(steps, s => s === 'REOFFENDING')
    const [target, which] =
      arpStatic && csrpStatic
        ? (['A', 'ARP and CSRP are both static'] as const)
        : arpStatic
          ? ([reoffendingTier(Infinity, inputs.csrp.score), 'ARP is static'] as const)
          : ([reoffendingTier(inputs.arp.score, Infinity), 'CSRP is static'] as const)
    staticProvisional = compareTiers(others, target) < 0
    lines.push({
      rule: 'v3.provisional.static',
      input: { arpType: inputs.arp.type, csrpType: inputs.csrp.type, otherSteps: others },
      text: staticProvisional
        ? `provisional: ${which}, so the reoffending table could reach ${target}, and no other step reaches ${target} (best other step ${others})`
        : `${which}, but another step already reaches ${others}, at least the ${target} the table could reach: not provisional on this ground`,
      spec: SPEC,
    })
  }

  // (B) RoSH missing
  let roshProvisional = false
  if (inputs.rosh === null) {
    const bothDynamic = inputs.arp.type === 'DYNAMIC' && inputs.csrp.type === 'DYNAMIC'
    const others = highestExcept(steps, s => s === 'MAPPA_ROSH' || (s === 'REOFFENDING' && !bothDynamic))
    const target: Tier = inputs.mappaPresent ? 'A' : 'C'
    roshProvisional = compareTiers(others, target) < 0
    lines.push({
      rule: 'v3.provisional.rosh-missing',
      input: { rosh: null, mappaPresent: inputs.mappaPresent, otherSteps: others },
      text: roshProvisional
        ? `provisional: RoSH is missing${inputs.mappaPresent ? ' with MAPPA' : ''} and no step other than MAPPA/RoSH` +
          `${bothDynamic ? '' : ' (the reoffending table not counting, as a predictor is static)'} reaches ${target} ` +
          `(best ${others}); recording a RoSH level would settle the tier`
        : `RoSH is missing, but another step reaches ${others} (${target} or higher needed): not provisional on this ground`,
      spec: SPEC,
    })
  }

  const provisional = staticProvisional || roshProvisional
  if (!provisional && lines.length === 0) {
    lines.push({
      rule: 'v3.provisional',
      input: null,
      text: 'not provisional: ARP and CSRP are dynamic and RoSH is recorded',
      spec: SPEC,
    })
  }
  return { provisional, lines }
}
