import type { LocalDate } from '@js-joda/core'
import type { ExplanationLine } from './explanation.ts'
import { reoffendingCell, reoffendingTier } from './reoffending-table.ts'
import { DC_SRP_MEDIUM_MIN } from './tier-v3-input.ts'
import type { DcSrpScore, PredictorScore, RoshLevel, Tier, TierV3Inputs } from './tier-v3-types.ts'

/** A step's tier (null = the step did not apply) and its explanation line. */
export interface StepOutcome {
  tier: Tier | null
  line: ExplanationLine
}

const SPEC = '§9.2'
const words = (s: string) => s.toLowerCase().replace('_', ' ')

/**
 * Step 1, reoffending (ARP × CSRP table).
 *
 * @example
 * reoffendingStep({ score: 62.5, type: 'DYNAMIC' }, { score: 1.4, type: 'DYNAMIC' }).tier // 'D'
 */
export function reoffendingStep(arp: PredictorScore, csrp: PredictorScore): StepOutcome {
  const tier = reoffendingTier(arp.score, csrp.score)
  const cell = reoffendingCell(arp.score, csrp.score)
  return {
    tier,
    line: {
      rule: 'v3.step.reoffending',
      input: { arp, csrp },
      tier,
      text:
        `ARP ${arp.score}% (${words(arp.type)}, column ≥ ${cell.arpColumn}) × CSRP ${csrp.score}% ` +
        `(${words(csrp.type)}, row ≥ ${cell.csrpRow}): tier ${tier}`,
      spec: `${SPEC} step 1`,
    },
  }
}

/**
 * Step 2, sexual reoffending from DC-SRP. Only a usable predictor counts: score above 0 and a band other than
 * NOT_APPLICABLE. VERY_HIGH → A, HIGH → B, LOW → E; MEDIUM by score: ≥ 3.36 C, ≥ 2.11 D, ≥ 1.12 C, ≥ 0.60 D.
 * The MEDIUM thresholds are not monotonic because a MEDIUM band with 2.11 % or more is a HIGH band lowered by
 * risk reduction (§9.2). The spec records that the hmpps-tier code comments label "reduced"/"unreduced" the other
 * way round to the OASys harness; as the spec recommends, the numbers are implemented and the labels ignored.
 *
 * @example
 * sexualReoffendingStep({ score: 1.12, band: 'MEDIUM' }).tier // 'C'
 */
export function sexualReoffendingStep(dcSrp: DcSrpScore | null): StepOutcome {
  const base = { rule: 'v3.step.sexual-reoffending', input: dcSrp, spec: `${SPEC} step 2` }
  if (!dcSrp || dcSrp.score === null || dcSrp.score <= 0 || dcSrp.band === null || dcSrp.band === 'NOT_APPLICABLE') {
    const why = !dcSrp
      ? 'no DC-SRP score'
      : dcSrp.band === 'NOT_APPLICABLE'
        ? 'DC-SRP band not applicable'
        : dcSrp.band === null
          ? 'DC-SRP has no band'
          : 'DC-SRP score is not above 0'
    return { tier: null, line: { ...base, tier: null, text: `${why}: step does not apply` } }
  }
  const { score, band } = dcSrp
  let tier: Tier
  let rule: string
  if (band === 'VERY_HIGH') [tier, rule] = ['A', 'very high band']
  else if (band === 'HIGH') [tier, rule] = ['B', 'high band']
  else if (band === 'LOW') [tier, rule] = ['E', 'low band']
  else if (score >= 3.36) [tier, rule] = ['C', 'medium band, score ≥ 3.36']
  else if (score >= 2.11) [tier, rule] = ['D', 'medium band, score 2.11–3.35']
  else if (score >= 1.12) [tier, rule] = ['C', 'medium band, score 1.12–2.10']
  else if (score >= DC_SRP_MEDIUM_MIN) [tier, rule] = ['D', 'medium band, score 0.60–1.11']
  // Unreachable through the parser, which refuses this combination; kept so a direct call cannot score it.
  else throw new Error(`impossible DC-SRP: MEDIUM band with ${score}%`)
  return { tier, line: { ...base, tier, text: `DC-SRP ${score}% ${rule}: tier ${tier}` } }
}

/**
 * Step 3, MAPPA and RoSH. With MAPPA: very high A, high C, medium D, low or missing E. Without MAPPA: very high C,
 * high D, otherwise the step does not apply. (One intermediate hmpps-tier version returned nothing for MAPPA with
 * missing RoSH; the spec's pinned rules and upstream's current tests give E, which is implemented.)
 *
 * @example
 * mappaRoshStep(true, 'HIGH').tier // 'C'
 */
export function mappaRoshStep(mappaPresent: boolean, rosh: RoshLevel | null): StepOutcome {
  let tier: Tier | null
  if (mappaPresent) tier = rosh === 'VERY_HIGH' ? 'A' : rosh === 'HIGH' ? 'C' : rosh === 'MEDIUM' ? 'D' : 'E'
  else tier = rosh === 'VERY_HIGH' ? 'C' : rosh === 'HIGH' ? 'D' : null
  const roshText = rosh ? `RoSH ${words(rosh)}` : 'RoSH missing'
  return {
    tier,
    line: {
      rule: 'v3.step.mappa-rosh',
      input: { mappaPresent, rosh },
      tier,
      text: `${mappaPresent ? 'MAPPA' : 'no MAPPA'}, ${roshText}: ${tier ? `tier ${tier}` : 'step does not apply'}`,
      spec: `${SPEC} step 3`,
    },
  }
}

/**
 * Step 4, lifer/IPP: with a lifer/IPP registration AND a release date, released on or after (today − 1 year) → B,
 * on or after (today − 5 years) → D, earlier → E. No release date → the step does not apply. This is the
 * hmpps-tier rule pinned by the spec; the OASys harness variant (< 1 year B, otherwise F) is not used (§9.3).
 *
 * @example
 * liferIppStep(true, LocalDate.parse('2024-01-01'), LocalDate.parse('2026-11-22')).tier // 'D'
 */
export function liferIppStep(hasLiferIpp: boolean, latestReleaseDate: LocalDate | null, today: LocalDate): StepOutcome {
  const base = {
    rule: 'v3.step.lifer-ipp',
    input: { hasLiferIpp, latestReleaseDate: latestReleaseDate?.toString() ?? null },
  }
  const spec = `${SPEC} step 4`
  if (!hasLiferIpp)
    return { tier: null, line: { ...base, tier: null, text: 'not a lifer/IPP: step does not apply', spec } }
  if (!latestReleaseDate) {
    return {
      tier: null,
      line: { ...base, tier: null, text: 'lifer/IPP with no release date: step does not apply', spec },
    }
  }
  const oneYear = today.minusYears(1)
  const fiveYears = today.minusYears(5)
  const [tier, when]: [Tier, string] = !latestReleaseDate.isBefore(oneYear)
    ? ['B', `on or after ${oneYear} (within a year)`]
    : !latestReleaseDate.isBefore(fiveYears)
      ? ['D', `on or after ${fiveYears} (within five years)`]
      : ['E', `before ${fiveYears} (more than five years ago)`]
  return { tier, line: { ...base, tier, text: `lifer/IPP released ${latestReleaseDate}, ${when}: tier ${tier}`, spec } }
}

/**
 * Steps 5–8, single-flag rules: domestic abuse E, stalking F, child protection F, ever committed a sexual offence E.
 *
 * @example
 * flagSteps(inputs).DOMESTIC_ABUSE.tier // 'E' when inputs.hasDomesticAbuse
 */
export function flagSteps(
  inputs: TierV3Inputs,
): Record<'DOMESTIC_ABUSE' | 'STALKING' | 'CHILD_PROTECTION' | 'SEXUAL_OFFENCES', StepOutcome> {
  const flag = (present: boolean, tier: Tier, rule: string, what: string, step: number): StepOutcome => ({
    tier: present ? tier : null,
    line: {
      rule,
      input: present,
      tier: present ? tier : null,
      text: present ? `${what}: tier ${tier}` : `no ${what}: step does not apply`,
      spec: `${SPEC} step ${step}`,
    },
  })
  return {
    DOMESTIC_ABUSE: flag(inputs.hasDomesticAbuse, 'E', 'v3.step.domestic-abuse', 'domestic abuse registration', 5),
    STALKING: flag(inputs.hasStalking, 'F', 'v3.step.stalking', 'stalking registration', 6),
    CHILD_PROTECTION: flag(
      inputs.hasChildProtection,
      'F',
      'v3.step.child-protection',
      'child protection registration',
      7,
    ),
    SEXUAL_OFFENCES: flag(
      inputs.everCommittedSexualOffence,
      'E',
      'v3.step.sexual-offences',
      'sexual offence ever committed (OASys)',
      8,
    ),
  }
}
