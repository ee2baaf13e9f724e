import { DateTimeParseException, LocalDate } from '@js-joda/core'
import type { PreviousConviction, RiskInputs, Score012 } from './types.ts'
import { Problems } from './validation-error.ts'

/** Which follow-up date a predictor prefers when a request carries both (spec §2 "Start of follow-up date"). */
export type FollowupPreference = 'calculated' | 'userInput'

const SCORE_WORDS: Record<string, Score012> = {
  NO_PROBLEMS: 0,
  SOME_PROBLEMS: 1,
  SIGNIFICANT_PROBLEMS: 2,
  FULL_MOTIVATION: 0,
  PARTIAL_MOTIVATION: 1,
  NO_MOTIVATION: 2,
  YES: 0,
  SOMETIMES: 1,
  NO: 2,
}

const SCORE_FIELDS = [
  'regularOffendingActivities',
  'currentDrugMisuse',
  'motivationToTackleDrugMisuse',
  'problemSolvingSkills',
  'awarenessOfConsequences',
  'understandsOtherPeoplesViews',
  'proCriminalAttitudes',
  'currentAlcoholUseProblems',
  'excessiveAlcoholUse',
  'temperControl',
  'impulsivityProblems',
  'suitabilityOfAccommodation',
  'currentRelationshipWithPartner',
] as const

const BOOLEAN_FIELDS = [
  'isCurrentlyOfNoFixedAbodeOrTransientAccommodation',
  'isUnemployed',
  'doesRecogniseImpactOfOffendingOnOthers',
  'hasCurrentPsychiatricTreatment',
  'didOffenceInvolveCarryingOrUsingWeapon',
  'evidenceOfDomesticAbuse',
  'domesticAbuseAgainstPartner',
  'hasEverCommittedSexualOffence',
  'isCurrentOffenceSexuallyMotivated',
  'isCurrentOffenceAgainstVictimStranger',
] as const

const COUNT_FIELDS = [
  'totalNumberOfViolentSanctions',
  'ageAtFirstSanction',
  'totalContactAdultSexualSanctions',
  'totalContactChildSexualSanctions',
  'totalNonContactSexualOffences',
  'totalIndecentImageSanctions',
] as const

const DATE_FIELDS = [
  'dateOfBirth',
  'assessmentDate',
  'dateOfCurrentConviction',
  'dateOfFirstSanction',
  'dateOfMostRecentSexualOffence',
  'mostRecentOffenceDate',
] as const

/**
 * Turns a JSON request's `inputs` (MoJ risk actuarial API field names, spec §1; see risk-predictors.json `_meta`)
 * into typed {@link RiskInputs}: ISO dates become `LocalDate`, OASys answer words (`SOME_PROBLEMS`, `PARTIAL_MOTIVATION`,
 * `SOMETIMES`…) become 0–2 scores, and accepted aliases are merged. Throws a ValidationError for values of the
 * wrong type or unparseable dates; missing fields are left for the predictor to name.
 *
 * @example
 * riskInputsFromJson({ gender: 'MALE', dateOfBirth: '1965-12-07', totalSanctionsIncludingCurrent: 2 }, 'calculated')
 */
export function riskInputsFromJson(raw: unknown, followup: FollowupPreference = 'calculated'): RiskInputs {
  const problems = new Problems()
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.add('inputs', 'must be a JSON object', 'UNEXPECTED_VALUE')
    problems.throwIfAny()
  }
  const r = raw as Record<string, unknown>
  const out: RiskInputs = {}
  const has = (k: string) => r[k] !== undefined && r[k] !== null

  const gender = r.gender
  if (gender === 'M' || gender === 'MALE' || gender === 'male') out.gender = 'MALE'
  else if (gender === 'F' || gender === 'FEMALE' || gender === 'female') out.gender = 'FEMALE'
  else if (gender !== undefined && gender !== null) problems.add('gender', 'must be MALE or FEMALE', 'UNEXPECTED_VALUE')

  for (const f of DATE_FIELDS) {
    const d = parseDate(r[f], f, problems)
    if (d !== undefined) out[f] = d
  }
  const calculated = parseDate(r.dateAtStartOfFollowupCalculated, 'dateAtStartOfFollowupCalculated', problems)
  const userInput = parseDate(r.dateAtStartOfFollowupUserInput, 'dateAtStartOfFollowupUserInput', problems)
  const plain = parseDate(r.dateAtStartOfFollowup, 'dateAtStartOfFollowup', problems)
  out.dateAtStartOfFollowup =
    followup === 'calculated' ? (calculated ?? plain ?? userInput) : (userInput ?? plain ?? calculated)

  // Sanctions: total including the current one, or previous + 1 (spec §2 "Sanction counts").
  const totals = ['totalNumberOfSanctionsForAllOffences', 'totalSanctionsIncludingCurrent', 'totalNumberOfSanctions']
    .filter(has)
    .map(k => count(r[k], k, problems))
  const previous = has('previousSanctions') ? count(r.previousSanctions, 'previousSanctions', problems) : undefined
  let total = totals.find(t => t !== undefined)
  if (total === undefined && previous !== undefined) total = previous + 1
  if (total !== undefined && previous !== undefined && total !== previous + 1) {
    problems.add(
      'previousSanctions',
      `previous sanctions (${previous}) must be total sanctions (${total}) − 1`,
      'INCONSISTENT_SANCTIONS',
    )
  }
  if (total !== undefined) out.totalNumberOfSanctionsForAllOffences = total

  for (const f of COUNT_FIELDS) if (has(f)) out[f] = count(r[f], f, problems)
  if (!has('totalNumberOfViolentSanctions') && has('violentSanctions')) {
    out.totalNumberOfViolentSanctions = count(r.violentSanctions, 'violentSanctions', problems)
  }
  for (const f of BOOLEAN_FIELDS) if (has(f)) out[f] = bool(r[f], f, problems)
  for (const f of SCORE_FIELDS) if (has(f)) out[f] = score(r[f], f, problems)

  const code = r.currentOffenceCode ?? r.offenceCode ?? r.currentOffence
  if (code !== undefined && code !== null) {
    if (typeof code === 'string' || typeof code === 'number') out.currentOffenceCode = String(code)
    else problems.add('currentOffenceCode', 'must be a 5-digit Home Office offence code', 'UNEXPECTED_VALUE')
  }
  const category = r.offenceCategory
  if (typeof category === 'string') {
    if (followup === 'calculated') out.ogrs3OffenceCategory = category
    else out.snsvOffenceCategory = category
  }
  if (typeof r.ogrs3OffenceCategory === 'string') out.ogrs3OffenceCategory = r.ogrs3OffenceCategory
  if (typeof r.snsvOffenceCategory === 'string') out.snsvOffenceCategory = r.snsvOffenceCategory
  const vatp = r.snsvVatpCategory ?? r.vatpCategory
  if (typeof vatp === 'string') out.snsvVatpCategory = vatp

  const givenOgrs3 = r.ogrs3TwoYear ?? r.ogrs3TwoYearPercent
  if (typeof givenOgrs3 === 'number' && Number.isFinite(givenOgrs3)) out.ogrs3TwoYear = givenOgrs3
  else if (givenOgrs3 !== undefined && givenOgrs3 !== null)
    problems.add('ogrs3TwoYear', 'must be a percentage from 0 to 100', 'UNEXPECTED_VALUE')

  const status = r.supervisionStatus ?? r.inCustodyOrCommunity
  if (status === 'COMMUNITY' || status === 'CUSTODY' || status === 'REMAND') out.supervisionStatus = status
  else if (status !== undefined && status !== null)
    problems.add('supervisionStatus', 'must be COMMUNITY, CUSTODY or REMAND', 'UNEXPECTED_VALUE')

  const sod = r.snsvStaticOrDynamic
  if (sod === 'STATIC' || sod === 'DYNAMIC') out.snsvStaticOrDynamic = sod
  else if (sod !== undefined && sod !== null)
    problems.add('snsvStaticOrDynamic', 'must be STATIC or DYNAMIC', 'UNEXPECTED_VALUE')

  if (Array.isArray(r.previousConvictions)) {
    out.previousConvictions = r.previousConvictions.map(String) as PreviousConviction[]
  } else if (r.previousConvictions !== undefined && r.previousConvictions !== null) {
    problems.add('previousConvictions', 'must be a list such as ["WOUNDING_GBH"]', 'UNEXPECTED_VALUE')
  }
  problems.throwIfAny()
  return out
}

function parseDate(v: unknown, field: string, problems: Problems): LocalDate | undefined {
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'string') {
    problems.add(field, 'must be a date written YYYY-MM-DD', 'UNEXPECTED_VALUE')
    return undefined
  }
  try {
    return LocalDate.parse(v.length > 10 ? v.slice(0, 10) : v)
  } catch (e) {
    if (!(e instanceof DateTimeParseException)) throw e
    problems.add(field, `"${v}" is not a date written YYYY-MM-DD`, 'UNEXPECTED_VALUE')
    return undefined
  }
}

function count(v: unknown, field: string, problems: Problems): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v
  problems.add(field, 'must be a whole number', 'UNEXPECTED_VALUE')
  return undefined
}

function bool(v: unknown, field: string, problems: Problems): boolean | undefined {
  if (typeof v === 'boolean') return v
  if (v === 'YES' || v === 'Y') return true
  if (v === 'NO' || v === 'N') return false
  problems.add(field, 'must be true or false', 'UNEXPECTED_VALUE')
  return undefined
}

function score(v: unknown, field: string, problems: Problems): Score012 | undefined {
  if (v === 0 || v === 1 || v === 2) return v
  if (typeof v === 'string' && Object.hasOwn(SCORE_WORDS, v)) return SCORE_WORDS[v]
  problems.add(field, 'must be 0, 1 or 2 or an OASys answer such as SOME_PROBLEMS', 'UNEXPECTED_VALUE')
  return undefined
}
