import type { LocalDate } from '@js-joda/core'
import { riskInputsFromJson } from '../json-inputs.ts'
import { Problems, ValidationError } from '../validation-error.ts'
import type { PreviousConviction } from '../types.ts'
import { DRUG_FIELDS, RELATIONSHIP_STATUSES, type CurrentRelationshipStatus, type V4Inputs } from './types.ts'

const V4_ONLY = new Set<string>([...DRUG_FIELDS, 'currentRelationshipStatus', 'offenceCategory', 'dynamic', 'version'])

/** Regression-file drug keys → reference-service flags. */
const DRUGS: Record<string, (typeof DRUG_FIELDS)[number]> = {
  heroin: 'hasHeroinUsage',
  methadone: 'hasMethadoneUsage',
  other_opiate: 'hasOtherOpiateUsage',
  crack_cocaine: 'hasCrackCocaineUsage',
  powder_cocaine: 'hasPowderCocaineUsage',
  misused_prescribed: 'hasMisusedPrescriptionDrugUsage',
  benzodiazipines: 'hasBenzodiazepinesUsage',
  cannabis: 'hasCannabisUsage',
  steroids: 'hasSteroidsUsage',
  other_drugs: 'hasOtherDrugsUsage',
  ketamine: 'hasKetamineUsage',
  spice: 'hasSpiceUsage',
  hallucinogens: 'hasHallucinogensUsage',
  solvents: 'hasSolventsUsage',
  amphetamines: 'hasAmphetaminesUsage',
  ecstasy: 'hasEcstasyUsage',
}

const PAST: Record<string, PreviousConviction> = {
  homicide: 'HOMICIDE',
  gbh: 'WOUNDING_GBH',
  kidnap: 'KIDNAPPING',
  firearms: 'FIREARMS',
  robbery: 'ROBBERY',
  aggravated_burglary: 'AGGRAVATED_BURGLARY',
  weapons_not_firearms: 'WEAPON',
  criminal_damage: 'CRIMINAL_DAMAGE_ENDANGERING_LIFE',
  arson: 'ARSON',
}

const STATUS_BY_CODE: Record<number, CurrentRelationshipStatus> = {
  1: 'IN_RELATIONSHIP_LIVING_TOGETHER',
  2: 'IN_RELATIONSHIP_NOT_LIVING_TOGETHER',
  3: 'NOT_IN_RELATIONSHIP',
}

/**
 * Turns a v4 request's `inputs` into {@link V4Inputs}. Accepts the reference service's field names (as in the
 * `fixture` cases of predictors-v4-cases.json) and the OASys regression layout (a `dynamic` object of S-question
 * answers, `drugs` and `previousConvictions` maps). When `assessmentDate` is absent, `today` is used, as the
 * reference service uses the run date. Throws a ValidationError naming wrongly typed fields.
 *
 * @example
 * v4InputsFromJson({ gender: 'MALE', dateOfBirth: '1980-01-01', currentRelationshipStatus: 'NOT_IN_RELATIONSHIP' }, today)
 */
export function v4InputsFromJson(raw: unknown, today: LocalDate): V4Inputs {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new ValidationError([{ field: 'inputs', message: 'must be a JSON object', code: 'UNEXPECTED_VALUE' }])
  const r = raw as Record<string, unknown>
  const problems = new Problems()
  const flat: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(r)) if (!V4_ONLY.has(k)) flat[k] = v
  const extra: Record<string, unknown> = {}
  for (const k of V4_ONLY) if (r[k] !== undefined) extra[k] = r[k]
  if (r.dynamic !== undefined) fromRegression(r.dynamic, flat, extra, problems)
  let base: V4Inputs = {}
  try {
    base = riskInputsFromJson(flat, 'userInput')
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e
    problems.errors.push(...e.errors)
  }
  const out: V4Inputs = { ...base, assessmentDate: base.assessmentDate ?? today }
  for (const f of DRUG_FIELDS) {
    const v = extra[f]
    if (v === undefined || v === null) continue
    if (typeof v === 'boolean') out[f] = v
    else problems.add(f, 'must be true or false', 'UNEXPECTED_VALUE')
  }
  const status = extra.currentRelationshipStatus
  if (typeof status === 'string' && (RELATIONSHIP_STATUSES as readonly string[]).includes(status))
    out.currentRelationshipStatus = status as CurrentRelationshipStatus
  else if (status !== undefined && status !== null)
    problems.add('currentRelationshipStatus', `must be one of ${RELATIONSHIP_STATUSES.join(', ')}`, 'UNEXPECTED_VALUE')
  if (typeof extra.offenceCategory === 'string') out.v4OffenceCategory = extra.offenceCategory
  problems.throwIfAny()
  return out
}

function fromRegression(
  dynamic: unknown,
  flat: Record<string, unknown>,
  extra: Record<string, unknown>,
  problems: Problems,
): void {
  if (dynamic === null || typeof dynamic !== 'object' || Array.isArray(dynamic)) {
    problems.add('dynamic', 'must be an object of OASys answers', 'UNEXPECTED_VALUE')
    return
  }
  const d = dynamic as Record<string, unknown>
  const num = (k: string) => (typeof d[k] === 'number' ? (d[k] as number) : undefined)
  const set = (field: string, v: unknown) => {
    if (v !== undefined && flat[field] === undefined) flat[field] = v
  }
  set(
    'didOffenceInvolveCarryingOrUsingWeapon',
    num('S2Q2A_weapon') === undefined ? undefined : num('S2Q2A_weapon') === 1,
  )
  set('suitabilityOfAccommodation', num('S3Q4_accommodationSuitability'))
  set('isUnemployed', num('S4Q2_unemployed_0or2') === undefined ? undefined : num('S4Q2_unemployed_0or2') === 2)
  set('currentRelationshipWithPartner', num('S6Q4_partnerRelationship'))
  set(
    'evidenceOfDomesticAbuse',
    num('S6Q7_domesticAbusePerpetrator') === undefined ? undefined : num('S6Q7_domesticAbusePerpetrator') === 1,
  )
  set('regularOffendingActivities', num('S7Q2_activitiesEncourageOffending'))
  set('motivationToTackleDrugMisuse', num('S8Q8_drugMotivation'))
  set('currentAlcoholUseProblems', num('S9Q1_currentAlcohol'))
  set('excessiveAlcoholUse', num('S9Q2_bingeDrinking'))
  set('impulsivityProblems', num('S11Q2_impulsivity'))
  set('temperControl', num('S11Q4_temperControl'))
  set('proCriminalAttitudes', num('S12Q1_proCriminalAttitudes'))
  const status = num('S6Q8_relationshipStatus_1live_2notlive_3none')
  if (status !== undefined && extra.currentRelationshipStatus === undefined)
    extra.currentRelationshipStatus = STATUS_BY_CODE[status] ?? String(status)
  const drugs = d.drugs
  if (drugs && typeof drugs === 'object') {
    for (const [k, v] of Object.entries(drugs)) if (DRUGS[k] && extra[DRUGS[k]] === undefined) extra[DRUGS[k]] = v
  }
  const past = d.previousConvictions
  if (past && typeof past === 'object' && flat.previousConvictions === undefined) {
    flat.previousConvictions = Object.entries(past)
      .filter(([k, v]) => PAST[k] && typeof v === 'number' && v > 0)
      .map(([k]) => PAST[k])
  }
}
