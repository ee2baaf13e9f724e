import { explainBand, type Term } from '../explanation.ts'
import { snapshot } from '../history.ts'
import { clamp, logistic, offenceFreeMonths, percent2dp, polynomial } from '../maths.ts'
import { Problems } from '../validation-error.ts'
import { v4Thresholds } from './bands.ts'
import { readV4History, type V4History } from './history.ts'
import { V4_ITEMS, missingDynamicFields } from './items.ts'
import { linearModel, type LinearModel, type LinearModelName, type V4ScoreType } from './model.ts'
import { DRUG_FIELDS, type V4Inputs, type V4Result, type V4Warning } from './types.ts'

/** Version of the v4 rule set: OASys 4.1.2 coefficients, reference-service model and thresholds version 1.0. */
export const V4_VERSION = '4.1.2-model-1.0'

export const ARP_ALGORITHM = 'ARP'
export const VRP_ALGORITHM = 'VRP'
export const SVRP_ALGORITHM = 'SVRP'

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
  'v4OffenceCategory',
] as const satisfies readonly (keyof V4Inputs)[]

const DYNAMIC_FIELDS = [
  'didOffenceInvolveCarryingOrUsingWeapon',
  'suitabilityOfAccommodation',
  'isUnemployed',
  'currentRelationshipStatus',
  'currentRelationshipWithPartner',
  'evidenceOfDomesticAbuse',
  'regularOffendingActivities',
  'motivationToTackleDrugMisuse',
  'currentAlcoholUseProblems',
  'excessiveAlcoholUse',
  'impulsivityProblems',
  'temperControl',
  'proCriminalAttitudes',
  'previousConvictions',
  ...DRUG_FIELDS,
] as const satisfies readonly (keyof V4Inputs)[]

/** Options: force the static or dynamic model (a forced dynamic model refuses missing items). */
export interface V4Options {
  scoreType?: V4ScoreType
}

/**
 * ARP — All Reoffending Predictor, 2-year (risk-and-tier.md §7.1, bands §7.2). Dynamic when every dynamic item
 * is answered (drug questions are optional), otherwise static with a `MISSING_DYNAMIC_INPUT` warning.
 *
 * @example
 * calculateArp(inputs).score // e.g. 8.81 (percent, 2 dp)
 */
export function calculateArp(inputs: V4Inputs, options: V4Options = {}): V4Result {
  return calculateLinear('ARP', inputs, options)
}

/**
 * VRP — Violent Reoffending Predictor, 2-year (§7.1, bands §7.2).
 *
 * @example
 * calculateVrp(inputs).band // 'LOW'
 */
export function calculateVrp(inputs: V4Inputs, options: V4Options = {}): V4Result {
  return calculateLinear('VRP', inputs, options)
}

/**
 * SVRP — Serious Violent Reoffending Predictor, 2-year (§7.1, bands §7.2); replaces SNSV in CSRP.
 *
 * @example
 * calculateSvrp(inputs).score // e.g. 0.18
 */
export function calculateSvrp(inputs: V4Inputs, options: V4Options = {}): V4Result {
  return calculateLinear('SVRP', inputs, options)
}

/**
 * One of the three linear v4 models (§7.1): checks the inputs (throws a ValidationError naming each field), picks
 * static or dynamic, sums the terms (intercept included, so the terms add up to the logit) and bands the percent.
 *
 * @example
 * calculateLinear('VRP', inputs, { scoreType: 'STATIC' }).scoreType // 'STATIC'
 */
export function calculateLinear(name: LinearModelName, inputs: V4Inputs, options: V4Options = {}): V4Result {
  const problems = new Problems()
  const history = readV4History(inputs, name !== 'ARP', problems)
  const dynamicItems = linearModel(name, 'DYNAMIC').model.items!
  const missing = missingDynamicFields(dynamicItems, inputs)
  const scoreType: V4ScoreType = options.scoreType ?? (missing.length === 0 ? 'DYNAMIC' : 'STATIC')
  if (scoreType === 'DYNAMIC')
    for (const f of missing) problems.add(f, 'is required for the dynamic model', 'MISSING_DYNAMIC_INPUT')
  checkAnswers(inputs, problems)
  problems.throwIfAny()
  const { model, offence } = linearModel(name, scoreType)
  const terms = linearTerms(name, model, offence, history!)
  if (scoreType === 'DYNAMIC') terms.push(...itemTerms(model.items!, inputs))
  const z = terms.reduce((s, t) => s + t.contribution, 0)
  const probability = logistic(z)
  const score = clamp(percent2dp(probability), 0, 99.99)
  const band = explainBand(score, '2-year %', v4Thresholds(name)!)
  const warnings: V4Warning[] =
    scoreType === 'STATIC' && !options.scoreType && missing.length > 0
      ? [{ type: 'MISSING_DYNAMIC_INPUT', fields: missing }]
      : []
  const featureValues: Record<string, number> = {}
  for (const t of terms) featureValues[t.id] = t.contribution
  featureValues.totalWeight = z
  return {
    algorithm: name,
    version: V4_VERSION,
    scoreType,
    probability,
    score,
    band: band.band,
    warnings,
    featureValues,
    explanation: {
      algorithm: name,
      version: V4_VERSION,
      inputs: snapshot(inputs, scoreType === 'DYNAMIC' ? [...STATIC_FIELDS, ...DYNAMIC_FIELDS] : STATIC_FIELDS),
      derived: derivedOf(history!, scoreType),
      terms,
      total: z,
      outcomes: [{ horizon: '2-year', linearScore: z, probability, percent: score }],
      band,
      notes: notesOf(history!, warnings),
    },
  }
}

function derivedOf(h: V4History, scoreType: V4ScoreType): Record<string, number | string | boolean | null> {
  return {
    scoreType,
    ageAtStartOfFollowup: h.ageAtStartOfFollowup,
    ageAtCurrentConviction: h.ageAtCurrentConviction,
    ageAtFirstSanction: h.ageAtFirstSanction,
    yearsBetweenFirstAndCurrentSanction: h.ageAtCurrentConviction - h.ageAtFirstSanction,
    offenceFreeMonths: offenceFreeMonths(h.dateAtStartOfFollowup, h.assessmentDate),
    offenceCategory: h.offenceCategory,
    dateAtStartOfFollowup: h.dateAtStartOfFollowup.toString(),
  }
}

function notesOf(h: V4History, warnings: V4Warning[]): string[] {
  const notes: string[] = []
  if (h.followupFromConviction)
    notes.push('No start of follow-up date: the date of the current conviction was used (spec §2).')
  if (warnings.length > 0)
    notes.push(`Static model used: not answered for the dynamic model: ${warnings[0].fields.join(', ')}.`)
  return notes
}

const SCORED = [
  'suitabilityOfAccommodation',
  'currentRelationshipWithPartner',
  'regularOffendingActivities',
  'motivationToTackleDrugMisuse',
  'currentAlcoholUseProblems',
  'excessiveAlcoholUse',
  'impulsivityProblems',
  'temperControl',
  'proCriminalAttitudes',
] as const

function checkAnswers(inputs: V4Inputs, problems: Problems): void {
  for (const f of SCORED) {
    const v = inputs[f]
    if (v !== null && v !== undefined && v !== 0 && v !== 1 && v !== 2)
      problems.add(f, 'must be 0, 1 or 2', 'UNEXPECTED_VALUE')
  }
}

function linearTerms(name: LinearModelName, m: LinearModel, offence: Record<string, number>, h: V4History): Term[] {
  const female = h.gender === 'FEMALE'
  const sex = female ? 'female' : 'male'
  const n = h.total
  const gap = h.ageAtCurrentConviction - h.ageAtFirstSanction
  const ofm = offenceFreeMonths(h.dateAtStartOfFollowup, h.assessmentDate)
  const gapCoefficient = female ? m.secondSanctionYearsGap_female : m.secondSanctionYearsGap_male
  const terms: Term[] = [
    { id: 'twoYearInterceptWeight', label: 'Intercept (2-year)', value: null, contribution: m.intercept },
    {
      id: 'ageGenderPolynomialWeight',
      label: 'Age at start of follow-up (gender polynomial)',
      value: h.ageAtStartOfFollowup,
      contribution: polynomial(
        female ? m.ageAtStartOfFollowupPolynomial_female : m.ageAtStartOfFollowupPolynomial_male,
        h.ageAtStartOfFollowup,
      ),
    },
    { id: 'genderWeight', label: 'Female', value: h.gender, contribution: female ? m.female : 0 },
    {
      id: 'offenceGroupWeight',
      label: 'Current offence category',
      value: h.offenceCategory,
      contribution: offence[h.offenceCategory],
    },
    { id: 'firstSanctionWeight', label: 'First sanction', value: n, contribution: n === 1 ? m.first_sanction : 0 },
    { id: 'secondSanctionWeight', label: 'Second sanction', value: n, contribution: n === 2 ? m.second_sanction : 0 },
    {
      id: 'totalNumberOfSanctionsForAllOffencesWeight',
      label: 'Number of sanctions',
      value: n,
      coefficient: m.sanction_occasions,
      contribution: n * m.sanction_occasions,
    },
    {
      id: 'secondSanctionGapWeight',
      label: 'Years between first and current sanction (second sanction only)',
      value: gap,
      coefficient: gapCoefficient,
      contribution: n === 2 ? gap * gapCoefficient : 0,
    },
    {
      id: 'offenceFreeMonthsWeight',
      label: 'Offence-free months since start of follow-up (max 36)',
      value: ofm,
      contribution: polynomial(m.offenceFreeMonthsPolynomial, ofm),
    },
  ]
  if (name === 'ARP') terms.push(...arpCopas(m, sex, n, gap))
  else terms.push(...violentTerms(m, sex, n, gap, h.violent!))
  return terms
}

function arpCopas(m: LinearModel, sex: 'male' | 'female', n: number, gap: number): Term[] {
  const l = n >= 3 ? Math.log(n / (gap + 26)) : null
  const g = (sex === 'male' ? m.copas_g_male : m.copas_g_female)!
  const sq = (sex === 'male' ? m.copas_sq_male : m.copas_sq_female)!
  return [
    {
      id: 'copasScore',
      label: 'Sanction rate ln(n ÷ (years + 26)), 3+ sanctions',
      value: l,
      coefficient: g,
      contribution: l === null ? 0 : g * l,
    },
    {
      id: 'copasScoreSquared',
      label: 'Sanction rate squared, 3+ sanctions',
      value: l === null ? null : l * l,
      coefficient: sq,
      contribution: l === null ? 0 : sq * l * l,
    },
  ]
}

function violentTerms(m: LinearModel, sex: 'male' | 'female', n: number, gap: number, v: number): Term[] {
  const copas = n >= 3 ? Math.log(n / (gap + 12)) : null
  const rate = v > 0 ? Math.log(v / (gap + 30)) : null
  const cv = (sex === 'male' ? m.copas_v_male : m.copas_v_female)!
  const never = (sex === 'male' ? m.never_violent_male : m.never_violent_female)!
  return [
    {
      id: 'copasScore',
      label: 'Sanction rate ln(n ÷ (years + 12)), 3+ sanctions',
      value: copas,
      coefficient: cv,
      contribution: copas === null ? 0 : cv * copas,
    },
    { id: 'neverViolentWeight', label: 'Never violent', value: v, contribution: v === 0 ? never : 0 },
    { id: 'onceViolentWeight', label: 'One violent sanction', value: v, contribution: v === 1 ? m.once_violent! : 0 },
    {
      id: 'violentSanctionsWeight',
      label: 'Number of violent sanctions',
      value: v,
      coefficient: m.violent_sanctions,
      contribution: v * m.violent_sanctions!,
    },
    {
      id: 'violenceRateWeight',
      label: 'Violent rate ln(v ÷ (years + 30))',
      value: rate,
      coefficient: m.violent_rate,
      contribution: rate === null ? 0 : m.violent_rate! * rate,
    },
  ]
}

function itemTerms(items: Record<string, number>, inputs: V4Inputs): Term[] {
  const terms: Term[] = []
  for (const [key, coefficient] of Object.entries(items)) {
    const item = V4_ITEMS.get(key)!
    const value = item.value(inputs)
    terms.push({
      id: item.id,
      label: item.label,
      value,
      coefficient,
      contribution: value === 0 ? 0 : value * coefficient,
    })
  }
  return terms
}
