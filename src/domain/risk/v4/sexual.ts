import { ChronoUnit, type LocalDate } from '@js-joda/core'
import { explainBand, type Term } from '../explanation.ts'
import { checkCount, checkGender, snapshot } from '../history.ts'
import { ageOn, percent2dp } from '../maths.ts'
import {
  OSP_DC_BANDS,
  ospDcAgePoints,
  ospDcContactAdultPoints,
  ospDcContactChildPoints,
  ospDcLastSexualSanctionAgePoints,
  ospDcNonContactPoints,
  ospDcPreviousSanctionPoints,
  ospDcProbability,
  ospDcStrangerPoints,
} from '../osp-dc.ts'
import { absent } from '../types.ts'
import { Problems } from '../validation-error.ts'
import { V4_VERSION } from './linear.ts'
import { V4 } from './model.ts'
import type { V4Inputs, V4Result } from './types.ts'

export const DC_SRP_ALGORITHM = 'DC-SRP'
export const IIC_SRP_ALGORITHM = 'IIC-SRP'

/** DC-SRP and IIC-SRP results also say whether the female version applied and whether there is a sexual history. */
export interface SexualPredictorResult extends V4Result {
  femaleVersion: boolean
  hasSexualOffenceHistory: boolean | null
  /** DC-SRP: the 64-point score (null when not applicable). */
  pointScore: number | null
  /** DC-SRP: null when not applicable or 0 points. */
  riskBandReductionApplied: boolean | null
}

const DC_FIELDS = [
  'gender',
  'hasEverCommittedSexualOffence',
  'dateOfBirth',
  'assessmentDate',
  'dateAtStartOfFollowup',
  'dateOfCurrentConviction',
  'totalNumberOfSanctionsForAllOffences',
  'totalContactAdultSexualSanctions',
  'totalContactChildSexualSanctions',
  'totalNonContactSexualOffences',
  'totalIndecentImageSanctions',
  'dateOfMostRecentSexualOffence',
  'isCurrentOffenceAgainstVictimStranger',
  'mostRecentOffenceDate',
  'supervisionStatus',
] as const satisfies readonly (keyof V4Inputs)[]

const SEXUAL_COUNTS = [
  'totalContactAdultSexualSanctions',
  'totalContactChildSexualSanctions',
  'totalNonContactSexualOffences',
  'totalIndecentImageSanctions',
] as const

function notApplicable(
  algorithm: string,
  inputs: V4Inputs,
  female: boolean,
  history: boolean | null,
  note: string,
  band = 'NOT_APPLICABLE',
): SexualPredictorResult {
  return {
    algorithm,
    version: V4_VERSION,
    scoreType: 'STATIC',
    probability: 0,
    score: 0,
    band,
    warnings: [],
    featureValues: {},
    femaleVersion: female,
    hasSexualOffenceHistory: history,
    pointScore: null,
    riskBandReductionApplied: null,
    explanation: {
      algorithm,
      version: V4_VERSION,
      inputs: snapshot(inputs, DC_FIELDS),
      derived: {},
      terms: [],
      total: 0,
      outcomes: [],
      band: null,
      notes: [note],
    },
  }
}

/** Refuses sexual-sanction counts given for someone with no sexual-offence history (reference: INCONSISTENT_INPUT). */
function checkSexualSection(inputs: V4Inputs, problems: Problems): void {
  checkGender(inputs, problems)
  if (absent(inputs.hasEverCommittedSexualOffence)) problems.missing('hasEverCommittedSexualOffence')
  if (inputs.hasEverCommittedSexualOffence === false) {
    for (const f of SEXUAL_COUNTS) {
      const v = inputs[f]
      if (typeof v === 'number' && v !== 0)
        problems.add(f, 'must be 0 or not given when there is no sexual-offence history', 'INCONSISTENT_INPUT')
    }
  }
}

/**
 * DC-SRP — direct-contact sexual reoffending (risk-and-tier.md §7.3: the OSP/DC 64-point scale, logistic and bands
 * of §6.2, with the date of the most recent sexual offence now mandatory). Not applicable to women or to people with
 * no sexual-offence history. Risk reduction (one band down) unless in custody, when 5 full years have passed from
 * the start of follow-up, the most recent offence (if given) and the most recent sexual offence to the assessment.
 *
 * @example
 * calculateDcSrp({ gender: 'FEMALE', hasEverCommittedSexualOffence: true }).band // 'NOT_APPLICABLE'
 */
export function calculateDcSrp(inputs: V4Inputs): SexualPredictorResult {
  const problems = new Problems()
  checkSexualSection(inputs, problems)
  problems.throwIfAny()
  const female = inputs.gender === 'FEMALE'
  const history = inputs.hasEverCommittedSexualOffence!
  if (female || !history) {
    const note = female ? 'DC-SRP is not scored for women (spec §6.2, §7.3).' : 'No sexual-offence history.'
    return notApplicable(DC_SRP_ALGORITHM, inputs, female, history, note)
  }
  const dob = absent(inputs.dateOfBirth) ? (problems.missing('dateOfBirth'), undefined) : inputs.dateOfBirth
  if (absent(inputs.assessmentDate)) problems.missing('assessmentDate')
  if (absent(inputs.supervisionStatus)) problems.missing('supervisionStatus')
  const followup = inputs.dateAtStartOfFollowup ?? inputs.dateOfCurrentConviction
  if (absent(followup)) problems.missing('dateAtStartOfFollowup')
  const total = checkCount(inputs, 'totalNumberOfSanctionsForAllOffences', problems, 1, 999)
  const [adult, child, nonContact] = SEXUAL_COUNTS.map(f => checkCount(inputs, f, problems))
  const lastSexual = inputs.dateOfMostRecentSexualOffence
  if (absent(lastSexual)) problems.missing('dateOfMostRecentSexualOffence')
  checkAfterBirth(dob, followup, 'dateAtStartOfFollowup', 'DATE_OF_START_OF_FOLLOWUP', problems)
  checkAfterBirth(dob, lastSexual, 'dateOfMostRecentSexualOffence', 'DATE_OF_MOST_RECENT_SEXUAL_OFFENCE', problems)
  problems.throwIfAny()
  const ageFollowup = ageOn(dob!, followup!)
  const ageLastSexual = ageOn(dob!, lastSexual!)
  const terms: Term[] = [
    dcTerm(
      'totalContactAdultSexualSanctionsWeight',
      'Contact sexual sanctions against adults',
      adult!,
      ospDcContactAdultPoints(adult!),
    ),
    dcTerm(
      'totalContactChildSexualSanctionsWeight',
      'Contact sexual sanctions against children',
      child!,
      ospDcContactChildPoints(child!),
    ),
    dcTerm(
      'totalNonContactSexualOffencesWeight',
      'Non-contact sexual sanctions (excluding images)',
      nonContact!,
      ospDcNonContactPoints(nonContact!),
    ),
    dcTerm('ageAtStartOfFollowupWeight', 'Age at start of follow-up', ageFollowup, ospDcAgePoints(ageFollowup)),
    dcTerm(
      'ageAtLastSanctionForSexualOffenceWeight',
      'Age at most recent sexual sanction',
      ageLastSexual,
      ospDcLastSexualSanctionAgePoints(ageLastSexual),
    ),
    dcTerm(
      'totalNumberOfSanctionsForAllOffencesWeight',
      'Any previous sanction',
      total!,
      ospDcPreviousSanctionPoints(total!),
    ),
    dcTerm(
      'currentOffenceAgainstVictimStrangerWeight',
      'Current offence against a stranger',
      inputs.isCurrentOffenceAgainstVictimStranger ?? null,
      ospDcStrangerPoints(inputs.isCurrentOffenceAgainstVictimStranger),
    ),
  ]
  const points = terms.reduce((s, t) => s + t.contribution, 0)
  const probability = ospDcProbability(points)
  const bandExpl = explainBand(points, 'points', OSP_DC_BANDS)
  const reduction = points === 0 ? null : reductionApplies(inputs, followup!, lastSexual!, bandExpl.band)
  const band = points === 0 ? 'LOW' : reduction ? lowerBand(bandExpl.band) : bandExpl.band
  const featureValues = Object.fromEntries(terms.map(t => [t.id, t.contribution]))
  featureValues.totalWeight = points
  return {
    algorithm: DC_SRP_ALGORITHM,
    version: V4_VERSION,
    scoreType: 'STATIC',
    probability,
    score: percent2dp(probability),
    band,
    warnings: [],
    featureValues,
    femaleVersion: false,
    hasSexualOffenceHistory: true,
    pointScore: points,
    riskBandReductionApplied: reduction,
    explanation: {
      algorithm: DC_SRP_ALGORITHM,
      version: V4_VERSION,
      inputs: snapshot(inputs, DC_FIELDS),
      derived: { ageAtStartOfFollowup: ageFollowup, ageAtMostRecentSexualOffence: ageLastSexual },
      terms,
      total: points,
      outcomes: [
        { horizon: '2-year', linearScore: -8.633 + 0.1598 * points, probability, percent: percent2dp(probability) },
      ],
      band: { ...bandExpl, band },
      notes: reduction
        ? [`Risk reduction: band lowered from ${bandExpl.band} to ${band} (5+ offence-free years, spec §6.2).`]
        : [],
    },
  }
}

function dcTerm(id: string, label: string, value: number | boolean | null, contribution: number): Term {
  return { id, label, value, contribution }
}

function checkAfterBirth(
  dob: LocalDate | undefined,
  d: LocalDate | null | undefined,
  field: string,
  code: string,
  problems: Problems,
): void {
  if (!dob || absent(d)) return
  if (!d.isAfter(dob)) problems.add(field, 'must be after the date of birth', `${code}_BEFORE_DATE_OF_BIRTH`)
  else if (ageOn(dob, d) >= 110) problems.add(field, 'gives an age of 110 or more', `${code}_OUT_OF_RANGE`)
}

const ORDER = ['LOW', 'MEDIUM', 'HIGH', 'VERY_HIGH']

function lowerBand(band: string): string {
  return band === 'LOW' ? band : ORDER[ORDER.indexOf(band) - 1]
}

function reductionApplies(inputs: V4Inputs, followup: LocalDate, lastSexual: LocalDate, band: string): boolean {
  if (inputs.supervisionStatus === 'CUSTODY' || band === 'LOW') return false
  const a = inputs.assessmentDate!
  const years = (from: LocalDate) => from.until(a, ChronoUnit.YEARS)
  if (!absent(inputs.mostRecentOffenceDate) && years(inputs.mostRecentOffenceDate) < 5) return false
  return years(lastSexual) >= 5 && years(followup) >= 5
}

const IIC = V4.other['IIC-SRP']

/**
 * IIC-SRP — images and indirect-contact sexual reoffending (§7.3): the OSP/IIC hierarchy, except that the
 * fall-through 0.00281 applies only when non-contact ≠ 0 and contact-adult ≠ 0 (else 0). Women with a sexual history
 * score 0 (LOW); no sexual history: not applicable.
 *
 * @example
 * calculateIicSrp({ gender: 'MALE', hasEverCommittedSexualOffence: true, totalIndecentImageSanctions: 2,
 *   totalContactAdultSexualSanctions: 0, totalContactChildSexualSanctions: 0, totalNonContactSexualOffences: 0 })
 * // → { score: 10.31, band: 'HIGH', … }
 */
export function calculateIicSrp(inputs: V4Inputs): SexualPredictorResult {
  const problems = new Problems()
  checkSexualSection(inputs, problems)
  problems.throwIfAny()
  const female = inputs.gender === 'FEMALE'
  if (!inputs.hasEverCommittedSexualOffence)
    return notApplicable(IIC_SRP_ALGORITHM, inputs, female, false, 'No sexual-offence history.')
  const [adult, child, nonContact, images] = SEXUAL_COUNTS.map(f => checkCount(inputs, f, problems))
  if (images === 0 && adult === 0 && child === 0 && nonContact === 0)
    problems.add(
      'totalIndecentImageSanctions',
      'a sexual-offence history needs at least one sexual sanction',
      'NO_SANCTIONS',
    )
  problems.throwIfAny()
  const [rule, probability, label] = female
    ? (['female', IIC.female, 'Women score 0 on IIC-SRP (spec §7.3)'] as const)
    : iicRule(images!, child!, adult!, nonContact!)
  const band = probability === IIC['IIOC>=2'] ? 'HIGH' : probability === IIC['IIOC==1'] ? 'MEDIUM' : 'LOW'
  const score = percent2dp(probability)
  return {
    ...notApplicable(IIC_SRP_ALGORITHM, inputs, female, true, ''),
    probability,
    score,
    band,
    featureValues: { imagesAndIndirectContactWeight: probability },
    explanation: {
      algorithm: IIC_SRP_ALGORITHM,
      version: V4_VERSION,
      inputs: snapshot(inputs, DC_FIELDS),
      derived: { rule },
      terms: [{ id: 'imagesAndIndirectContactWeight', label, value: rule, contribution: probability }],
      total: probability,
      outcomes: [{ horizon: '2-year', linearScore: probability, probability, percent: score }],
      band: null,
      notes:
        rule === 'others'
          ? ['Fall-through 0.00281 only when non-contact and contact-adult are both non-zero (upstream quirk, §7.3).']
          : [],
    },
  }
}

function iicRule(images: number, child: number, adult: number, nonContact: number): [string, number, string] {
  if (images >= 2) return ['IIOC>=2', IIC['IIOC>=2'], 'Two or more indecent-image sanctions']
  if (images === 1) return ['IIOC==1', IIC['IIOC==1'], 'One indecent-image sanction']
  if (child >= 2) return ['contactChild>=2', IIC['contactChild>=2'], 'Two or more contact sanctions against children']
  if (child === 1) return ['contactChild==1', IIC['contactChild==1'], 'One contact sanction against a child']
  if (nonContact !== 0 && adult !== 0)
    return ['others', IIC['others (ARNS: nonContact!=0 && contactAdult!=0)'], 'Non-contact and contact-adult sanctions']
  return ['else', IIC.else, 'No images, child-contact, or non-contact with adult-contact sanctions']
}
