import { V1 } from './coefficients.ts'
import type { Explanation, Term } from './explanation.ts'
import {
  checkAgeAtFirstSanction,
  checkConvictionAge,
  checkCount,
  checkDateAge,
  checkGender,
  checkViolent,
  snapshot,
} from './history.ts'
import { logistic, offenceFreeMonths, percent2dp, polynomial } from './maths.ts'
import { VATP_CATEGORIES, isOffenceCodeShape, lookupOffenceCode } from './offence-codes.ts'
import { PREVIOUS_CONVICTIONS, absent, type PreviousConviction, type RiskInputs } from './types.ts'
import { Problems } from './validation-error.ts'

export const SNSV_ALGORITHM = 'SNSV'
export const SNSV_VERSION = '2015.1.0-oasys'

export type ScoreType = 'STATIC' | 'DYNAMIC'

export interface SnsvResult {
  algorithm: typeof SNSV_ALGORITHM
  version: string
  scoreType: ScoreType
  /** 2-year probability of serious non-sexual violence (unrounded). */
  probability: number
  /** 2-year percentage, 2 dp half-up (the RSR component). */
  score: number
  oneYearProbability: number
  oneYearScore: number
  /** SNSV has no bands of its own; RSR bands the sum (spec §6.4). */
  band: null
  /** Non-blocking: dynamic items missing, so the static model was used (ARNS `MISSING_DYNAMIC_INPUT`). */
  warnings: { field: string; message: string; code: string }[]
  explanation: Explanation
}

const STATIC_FIELDS = [
  'gender',
  'dateOfBirth',
  'assessmentDate',
  'dateOfCurrentConviction',
  'dateAtStartOfFollowup',
  'totalNumberOfSanctionsForAllOffences',
  'totalNumberOfViolentSanctions',
  'ageAtFirstSanction',
  'dateOfFirstSanction',
  'currentOffenceCode',
  'snsvOffenceCategory',
  'snsvVatpCategory',
  'supervisionStatus',
] as const satisfies readonly (keyof RiskInputs)[]

/** Items the dynamic model needs (spec §6.1); `domesticAbuseAgainstPartner` only when there is evidence of abuse. */
export const SNSV_DYNAMIC_FIELDS = [
  'didOffenceInvolveCarryingOrUsingWeapon',
  'suitabilityOfAccommodation',
  'isUnemployed',
  'currentRelationshipWithPartner',
  'evidenceOfDomesticAbuse',
  'currentAlcoholUseProblems',
  'excessiveAlcoholUse',
  'impulsivityProblems',
  'temperControl',
  'proCriminalAttitudes',
  'previousConvictions',
] as const satisfies readonly (keyof RiskInputs)[]

type Model = typeof V1.snsv.static & { items?: unknown }

/**
 * Dynamic items not answered (empty when the dynamic model can be used).
 *
 * @example
 * missingSnsvDynamicItems({}) // ['didOffenceInvolveCarryingOrUsingWeapon', …]
 */
export function missingSnsvDynamicItems(inputs: RiskInputs): string[] {
  const missing: string[] = SNSV_DYNAMIC_FIELDS.filter(f => absent(inputs[f]))
  if (inputs.evidenceOfDomesticAbuse === true && absent(inputs.domesticAbuseAgainstPartner)) {
    missing.push('domesticAbuseAgainstPartner')
  }
  return missing
}

/**
 * Resolves the SNSV offence category and VATP category from a Home Office code or from names (spec §6.1).
 *
 * @example
 * resolveSnsvOffence({ currentOffenceCode: '04600' }, new Problems()) // { category: 'Theft (non-motor)', vatp: null }
 */
export function resolveSnsvOffence(
  inputs: RiskInputs,
  problems: Problems,
): { category: string; vatp: string | null } | undefined {
  if (!absent(inputs.currentOffenceCode)) {
    const code = inputs.currentOffenceCode
    if (!isOffenceCodeShape(code)) {
      problems.add('currentOffenceCode', `"${code}" is not a 5-digit Home Office offence code`, 'INVALID_OFFENCE_CODE')
      return undefined
    }
    const hit = lookupOffenceCode(code)
    if (!hit || !hit.snsvCategory) {
      problems.add('currentOffenceCode', `offence code ${code} is not in the offence mapping`, 'UNKNOWN_OFFENCE_CODE')
      return undefined
    }
    return { category: hit.snsvCategory, vatp: hit.vatpCategory }
  }
  if (!absent(inputs.snsvOffenceCategory)) {
    const name = inputs.snsvOffenceCategory
    if (!Object.hasOwn(V1.snsv.offenceCategories_OASys, name)) {
      problems.add('snsvOffenceCategory', `"${name}" is not an SNSV offence category`, 'UNKNOWN_OFFENCE_CATEGORY')
      return undefined
    }
    const vatp = absent(inputs.snsvVatpCategory) ? null : inputs.snsvVatpCategory
    if (vatp !== null && !VATP_CATEGORIES.includes(vatp)) {
      problems.add('snsvVatpCategory', `"${vatp}" is not a VATP category`, 'UNKNOWN_OFFENCE_CATEGORY')
      return undefined
    }
    return { category: name, vatp }
  }
  problems.missing('currentOffenceCode')
  return undefined
}

/**
 * SNSV — serious non-sexual violence within 2 years, the main RSR component (spec §6.1). Uses the dynamic model
 * when every dynamic item is answered (or `snsvStaticOrDynamic: 'DYNAMIC'` forces it, in which case missing items
 * are refused), otherwise the static model with a warning.
 *
 * Discrepancy (spec §6.7): the NOMS/MoJ calculator assigns 13 of the 20 dynamic offence weights to different
 * categories; we follow the spec's recommendation and use the OASys/ARNS per-category weights.
 *
 * @example
 * calculateSnsv(inputs).score // e.g. 2.04 (percent, 2 dp)
 */
export function calculateSnsv(inputs: RiskInputs): SnsvResult {
  const problems = new Problems()
  const gender = checkGender(inputs, problems)
  const dob = absent(inputs.dateOfBirth) ? (problems.missing('dateOfBirth'), undefined) : inputs.dateOfBirth
  const assessment = checkDateAge(inputs, 'assessmentDate', dob, problems)
  const conviction = checkDateAge(inputs, 'dateOfCurrentConviction', dob, problems)
  const followup = checkDateAge(inputs, 'dateAtStartOfFollowup', dob, problems)
  const total = checkCount(inputs, 'totalNumberOfSanctionsForAllOffences', problems, 1, 999)
  const violent = checkViolent(inputs, total, problems)
  checkConvictionAge(conviction, problems)
  const ageAtFirst = checkAgeAtFirstSanction(inputs, dob, conviction, problems)
  const offence = resolveSnsvOffence(inputs, problems)

  const missingDynamic = missingSnsvDynamicItems(inputs)
  const forced = inputs.snsvStaticOrDynamic
  const scoreType: ScoreType =
    forced === 'STATIC' ? 'STATIC' : forced === 'DYNAMIC' || missingDynamic.length === 0 ? 'DYNAMIC' : 'STATIC'
  if (scoreType === 'DYNAMIC') for (const f of missingDynamic) problems.missing(f)
  if (scoreType === 'DYNAMIC' && Array.isArray(inputs.previousConvictions)) {
    for (const p of inputs.previousConvictions) {
      if (!PREVIOUS_CONVICTIONS.includes(p))
        problems.add('previousConvictions', `"${p}" is not a known past offence`, 'UNEXPECTED_VALUE')
    }
  }
  problems.throwIfAny()

  const dynamic = scoreType === 'DYNAMIC'
  const m: Model = dynamic ? V1.snsv.dynamic : V1.snsv.static
  const female = gender === 'FEMALE'
  const a = followup!.age!
  const n = total!
  const v = violent!
  const g = conviction!.age! - ageAtFirst!
  const ofm = offenceFreeMonths(followup!.date, assessment!.date)
  const sex = female ? 'female' : 'male'
  const category = offence!.category
  const offenceWeight = V1.snsv.offenceCategories_OASys[category as keyof typeof V1.snsv.offenceCategories_OASys]
  const vatpWeights = offence!.vatp
    ? V1.snsv.vatpAdditionalWeight_OASys[offence!.vatp as keyof typeof V1.snsv.vatpAdditionalWeight_OASys]
    : undefined
  const kind = dynamic ? 'dynamic' : 'static'

  const terms: Term[] = [
    { id: 'female', label: 'Female', value: gender!, contribution: female ? m.female : 0 },
    {
      id: 'ageGender',
      label: 'Age at start of follow-up (gender polynomial)',
      value: a,
      contribution: polynomial(female ? m.ageTimesPoly_female : m.ageTimesPoly_male, a),
    },
    { id: 'offence', label: 'Current offence category', value: category, contribution: offenceWeight[kind] },
    {
      id: 'vatp',
      label: 'Violence/weapons/firearms (VATP) category',
      value: offence!.vatp,
      contribution: vatpWeights ? vatpWeights[kind] : 0,
    },
    {
      id: 'sanctionCount',
      label: n === 1 ? 'First sanction' : n === 2 ? 'Second sanction' : 'Three or more sanctions',
      value: n,
      contribution: n === 1 ? m.firstSanction : n === 2 ? m.secondSanction : 0,
    },
    {
      id: 'secondSanctionGap',
      label: 'Years between first and current sanction (second sanction only)',
      value: g,
      coefficient: m.secondSanctionYearsGap[sex],
      contribution: n === 2 ? g * m.secondSanctionYearsGap[sex] : 0,
    },
    {
      id: 'perSanction',
      label: 'Number of sanctions',
      value: n,
      coefficient: m.perSanction,
      contribution: n * m.perSanction,
    },
    {
      id: 'copas',
      label: 'Sanction rate ln(n ÷ (years + 12)), 3+ sanctions',
      value: n >= 3 ? Math.log(n / (g + 12)) : null,
      coefficient: m.threePlusCopas_boost12[sex],
      contribution: n >= 3 ? Math.log(n / (g + 12)) * m.threePlusCopas_boost12[sex] : 0,
    },
    {
      id: 'violentHistory',
      label: v === 0 ? 'Never violent' : v === 1 ? 'One violent sanction' : 'Two or more violent sanctions',
      value: v,
      contribution: v === 0 ? m.neverViolent[sex] : v === 1 ? m.onceViolent : 0,
    },
    {
      id: 'perViolentSanction',
      label: 'Number of violent sanctions',
      value: v,
      coefficient: m.perViolentSanction,
      contribution: v * m.perViolentSanction,
    },
    {
      id: 'violentRate',
      label: 'Violent rate ln(v ÷ (years + 30))',
      value: v > 0 ? Math.log(v / (g + 30)) : null,
      coefficient: m.violentRate_boost30,
      contribution: v > 0 ? Math.log(v / (g + 30)) * m.violentRate_boost30 : 0,
    },
    {
      id: 'offenceFreeMonths',
      label: 'Offence-free months since start of follow-up (max 36)',
      value: ofm,
      contribution: polynomial(m.ofmTimesPoly, ofm),
    },
  ]
  if (dynamic) terms.push(...dynamicTerms(inputs))
  const x = terms.reduce((s, t) => s + t.contribution, 0)
  const x2 = x + m.intercept2yr
  const x1 = x + m.intercept1yr
  const p2 = logistic(x2)
  const p1 = logistic(x1)
  const warnings =
    scoreType === 'STATIC' && forced !== 'STATIC'
      ? missingDynamic.map(f => ({
          field: f,
          message: 'not answered, so the static SNSV model was used',
          code: 'MISSING_DYNAMIC_INPUT',
        }))
      : []
  const notes = dynamic
    ? ['Dynamic offence weights follow OASys/ARNS, not the NOMS calculator (known discrepancy, spec §6.7).']
    : []
  return {
    algorithm: SNSV_ALGORITHM,
    version: SNSV_VERSION,
    scoreType,
    probability: p2,
    score: percent2dp(p2),
    oneYearProbability: p1,
    oneYearScore: percent2dp(p1),
    band: null,
    warnings,
    explanation: {
      algorithm: SNSV_ALGORITHM,
      version: SNSV_VERSION,
      inputs: snapshot(
        inputs,
        dynamic ? [...STATIC_FIELDS, ...SNSV_DYNAMIC_FIELDS, 'domesticAbuseAgainstPartner'] : STATIC_FIELDS,
      ),
      derived: {
        scoreType,
        ageAtStartOfFollowup: a,
        ageAtCurrentConviction: conviction!.age!,
        ageAtFirstSanction: ageAtFirst!,
        yearsInCriminalCareer: g,
        offenceFreeMonths: ofm,
        snsvOffenceCategory: category,
        vatpCategory: offence!.vatp,
      },
      terms,
      total: x,
      outcomes: [
        { horizon: '1-year', linearScore: x1, probability: p1, percent: percent2dp(p1) },
        { horizon: '2-year', linearScore: x2, probability: p2, percent: percent2dp(p2) },
      ],
      band: null,
      notes,
    },
  }
}

const PAST_LABELS = Object.fromEntries(
  PREVIOUS_CONVICTIONS.map(p => [p, `Previous conviction: ${p.toLowerCase().replaceAll('_', ' ')} (R1.2)`]),
) as Record<PreviousConviction, string>

function dynamicTerms(inputs: RiskInputs): Term[] {
  const it = V1.snsv.dynamic.items
  const pc = V1.snsv.dynamic.previousConvictions
  const i = inputs as Required<{ [K in (typeof SNSV_DYNAMIC_FIELDS)[number]]: NonNullable<RiskInputs[K]> }>
  // "Domestic abuse perpetrator" = evidence of domestic abuse AND abuse against a partner (spec §6.1).
  const perpetrator = i.evidenceOfDomesticAbuse && inputs.domesticAbuseAgainstPartner === true
  const scaled = (id: string, label: string, value: number, coefficient: number): Term => ({
    id,
    label,
    value,
    coefficient,
    contribution: value * coefficient,
  })
  const past = new Set(i.previousConvictions)
  return [
    {
      id: 'S2Q2',
      label: 'Weapon carried or used in current offence (2.2)',
      value: i.didOffenceInvolveCarryingOrUsingWeapon,
      coefficient: it.S2Q2A_weaponCarriedOrUsed,
      contribution: i.didOffenceInvolveCarryingOrUsingWeapon ? it.S2Q2A_weaponCarriedOrUsed : 0,
    },
    scaled(
      'S3Q4',
      'Suitability of accommodation (3.4)',
      i.suitabilityOfAccommodation,
      it.S3Q4_accommodationSuitability_x_0to2,
    ),
    {
      id: 'S4Q2',
      label: 'Unemployed (4.2, counts 2)',
      value: i.isUnemployed,
      coefficient: it.S4Q2_unemployed_x_2,
      contribution: i.isUnemployed ? 2 * it.S4Q2_unemployed_x_2 : 0,
    },
    scaled(
      'S6Q4',
      'Current relationship with partner (6.4)',
      i.currentRelationshipWithPartner,
      it.S6Q4_partnerRelationship_x_0to2,
    ),
    {
      id: 'S6Q7',
      label: 'Domestic abuse perpetrator against partner (6.7)',
      value: perpetrator,
      coefficient: it.S6Q7_domesticAbusePerpetratorPartner,
      contribution: perpetrator ? it.S6Q7_domesticAbusePerpetratorPartner : 0,
    },
    scaled('S9Q1', 'Current alcohol use (9.1)', i.currentAlcoholUseProblems, it.S9Q1_currentAlcohol_x_0to2),
    scaled('S9Q2', 'Binge drinking (9.2)', i.excessiveAlcoholUse, it.S9Q2_bingeDrinking_x_0to2),
    scaled('S11Q2', 'Impulsivity (11.2)', i.impulsivityProblems, it.S11Q2_impulsivity_x_0to2),
    scaled('S11Q4', 'Temper control (11.4)', i.temperControl, it.S11Q4_temperControl_x_0to2),
    scaled('S12Q1', 'Pro-criminal attitudes (12.1)', i.proCriminalAttitudes, it.S12Q1_proCriminalAttitudes_x_0to2),
    ...PREVIOUS_CONVICTIONS.map(p => ({
      id: `past_${p}`,
      label: PAST_LABELS[p],
      value: past.has(p),
      coefficient: pc[p],
      contribution: past.has(p) ? pc[p] : 0,
    })),
  ]
}
