import v1 from './data/coefficients-v1.json' with { type: 'json' }

/**
 * Which OGRS3 coefficient table to use (spec §3.2, §3.9.3):
 * - `oasys`: the OASys 4–5 dp table, integer percentages — what OASys and the ARNS API report;
 * - `full`: the MoJ spreadsheet's full-precision values, 2 dp percentages and raw probabilities.
 */
export type CoefficientSet = 'oasys' | 'full'

/** Coefficients of the OASys "v1" predictors, loaded once from `data/coefficients-v1.json`. */
export const V1 = v1

/**
 * OGRS3 age/gender parameter for an age at start of follow-up (spec §3.3), or undefined under 10.
 *
 * Discrepancy (spec §3.3, §10.2): ARNS codes the female 10–15 values as positive; the MoJ spreadsheet and NOMS
 * tables are negative. We follow the spec's recommendation and use the negative values for both coefficient
 * sets (`arnsCodedValue` in the data file is kept for reference only). Adults (18+) are unaffected.
 *
 * @example
 * ogrs3AgeGenderParameter(60, 'MALE', 'oasys') // -2.0253
 */
export function ogrs3AgeGenderParameter(
  age: number,
  gender: 'MALE' | 'FEMALE',
  set: CoefficientSet,
): { value: number; minAge: number; maxAge: number | null } | undefined {
  for (const g of v1.ogrs3.ageGenderGroups) {
    if (age >= g.minAge && (g.maxAge === null || age <= g.maxAge)) {
      const cell = gender === 'MALE' ? g.male : g.female
      return { value: cell[set], minAge: g.minAge, maxAge: g.maxAge }
    }
  }
  return undefined
}

/**
 * OGRS3 offence-category parameter by category name (spec §3.4), or undefined for an unknown name.
 *
 * Discrepancy (spec §3.9.1): "Sexual (not against child)" is 0.0328 in the OASys table and 0.003276327 in the MoJ
 * spreadsheet. Each set keeps its own source's value: `oasys` for OASys parity, `full` to reproduce the
 * spreadsheet. Discrepancy (spec §3.9.2): the NOMS labels for drink driving / other motoring are swapped; we use
 * the OASys code mapping's labels (drink driving −0.1214), which the data file already follows.
 *
 * @example
 * ogrs3OffenceParameter('Soliciting or prostitution', 'oasys') // 0.7606
 */
export function ogrs3OffenceParameter(category: string, set: CoefficientSet): number | undefined {
  const hit = v1.ogrs3.offenceCategories.find(c => c.name === category)
  return hit ? hit[set] : undefined
}
