import type { LocalDate } from '@js-joda/core'
import { checkCount, checkGender } from '../history.ts'
import { ageOn } from '../maths.ts'
import { isOffenceCodeShape, lookupOffenceCode } from '../offence-codes.ts'
import { absent, type Gender } from '../types.ts'
import type { Problems } from '../validation-error.ts'
import { V4_OFFENCE_CATEGORIES } from './model.ts'
import type { V4Inputs } from './types.ts'

/** The criminal history every v4 linear model reads, checked (risk-and-tier.md §7.1 "Validation"). */
export interface V4History {
  gender: Gender
  dateOfBirth: LocalDate
  assessmentDate: LocalDate
  dateAtStartOfFollowup: LocalDate
  /** True when the follow-up date was not given and the conviction date stood in for it (§2). */
  followupFromConviction: boolean
  ageAtStartOfFollowup: number
  ageAtCurrentConviction: number
  ageAtFirstSanction: number
  total: number
  violent: number | null
  offenceCategory: string
}

/**
 * Checks and derives the static inputs of ARP, VRP and SVRP (§7.1 "Validation", reference-service names and codes):
 * total sanctions 1–999; violent 0–total (when `needsViolent`); a mapped 5-digit offence code (or a v4 category);
 * age at first sanction 0–109 and not after the current conviction; conviction after the date of birth and at most
 * 3 months after the assessment; follow-up (the conviction date when absent) after the date of birth, age < 110.
 *
 * @example
 * const h = readV4History(inputs, true, problems) // undefined when problems were recorded
 */
export function readV4History(inputs: V4Inputs, needsViolent: boolean, problems: Problems): V4History | undefined {
  const gender = checkGender(inputs, problems)
  const dob = inputs.dateOfBirth
  if (absent(dob)) problems.missing('dateOfBirth')
  const assessment = inputs.assessmentDate
  if (absent(assessment)) problems.missing('assessmentDate')
  const conviction = inputs.dateOfCurrentConviction
  if (absent(conviction)) problems.missing('dateOfCurrentConviction')
  const total = checkTotal(inputs, problems)
  const violent = needsViolent ? checkViolentV4(inputs, total, problems) : null
  const offenceCategory = resolveV4Offence(inputs, problems)
  if (absent(dob) || absent(conviction)) {
    if (absent(inputs.ageAtFirstSanction) && absent(inputs.dateOfFirstSanction)) problems.missing('ageAtFirstSanction')
    return undefined
  }
  let ageAtConviction: number | undefined = undefined
  if (!conviction.isAfter(dob)) {
    problems.add(
      'dateOfCurrentConviction',
      'must be after the date of birth',
      'DATE_OF_CURRENT_CONVICTION_BEFORE_DATE_OF_BIRTH',
    )
  } else ageAtConviction = ageOn(dob, conviction)
  if (!absent(assessment) && conviction.isAfter(assessment.plusMonths(3))) {
    problems.add(
      'dateOfCurrentConviction',
      'cannot be more than 3 months after the assessment date',
      'DATE_OF_CURRENT_CONVICTION_WITHIN_THREE_MONTHS_OF_ASSESSMENT_DATE',
    )
  }
  const ageAtFirst = readAgeAtFirstSanction(inputs, dob, ageAtConviction, problems)
  const followupFromConviction = absent(inputs.dateAtStartOfFollowup)
  const followup = followupFromConviction ? conviction : inputs.dateAtStartOfFollowup!
  let ageAtFollowup: number | undefined = undefined
  const followupField = followupFromConviction ? 'dateOfCurrentConviction' : 'dateAtStartOfFollowup'
  if (!followup.isAfter(dob)) {
    if (!followupFromConviction)
      problems.add(followupField, 'must be after the date of birth', 'DATE_OF_START_OF_FOLLOWUP_BEFORE_DATE_OF_BIRTH')
  } else {
    ageAtFollowup = ageOn(dob, followup)
    if (ageAtFollowup >= 110)
      problems.add(followupField, 'gives an age of 110 or more', 'DATE_OF_START_OF_FOLLOWUP_OUT_OF_RANGE')
  }
  if (problems.any) return undefined
  return {
    gender: gender!,
    dateOfBirth: dob,
    assessmentDate: assessment!,
    dateAtStartOfFollowup: followup,
    followupFromConviction,
    ageAtStartOfFollowup: ageAtFollowup!,
    ageAtCurrentConviction: ageAtConviction!,
    ageAtFirstSanction: ageAtFirst!,
    total: total!,
    violent: violent ?? null,
    offenceCategory: offenceCategory!,
  }
}

function checkTotal(inputs: V4Inputs, problems: Problems): number | undefined {
  const n = inputs.totalNumberOfSanctionsForAllOffences
  if (absent(n)) return (problems.missing('totalNumberOfSanctionsForAllOffences'), undefined)
  if (!Number.isInteger(n) || n < 1 || n > 999) {
    problems.add(
      'totalNumberOfSanctionsForAllOffences',
      'must be a whole number from 1 to 999',
      'TOTAL_NUMBER_OF_SANCTIONS_OUT_OF_RANGE',
    )
    return undefined
  }
  return n
}

function checkViolentV4(inputs: V4Inputs, total: number | undefined, problems: Problems): number | undefined {
  const before = problems.errors.length
  const v = checkCount(inputs, 'totalNumberOfViolentSanctions', problems, 0, 999)
  if (problems.errors.length > before) {
    const last = problems.errors[problems.errors.length - 1]
    if (last.code !== 'MISSING_MANDATORY_INPUT') last.code = 'VIOLENT_SANCTION_OUT_OF_RANGE'
  }
  if (v !== undefined && total !== undefined && v > total) {
    problems.add(
      'totalNumberOfViolentSanctions',
      `violent sanctions (${v}) cannot exceed all sanctions (${total})`,
      'VIOLENT_SANCTION_OUT_OF_RANGE',
    )
    return undefined
  }
  return v
}

function readAgeAtFirstSanction(
  inputs: V4Inputs,
  dob: LocalDate,
  ageAtConviction: number | undefined,
  problems: Problems,
): number | undefined {
  let age: number
  if (!absent(inputs.ageAtFirstSanction)) {
    age = inputs.ageAtFirstSanction
  } else if (!absent(inputs.dateOfFirstSanction)) {
    if (inputs.dateOfFirstSanction.isBefore(dob)) {
      problems.add('dateOfFirstSanction', 'cannot be before the date of birth', 'FIRST_SANCTION_BEFORE_DATE_OF_BIRTH')
      return undefined
    }
    age = ageOn(dob, inputs.dateOfFirstSanction)
  } else {
    problems.missing('ageAtFirstSanction')
    return undefined
  }
  if (!Number.isInteger(age) || age < 0 || age > 109) {
    problems.add(
      'ageAtFirstSanction',
      'must be a whole number of years from 0 to 109',
      'AGE_AT_FIRST_SANCTION_OUT_OF_RANGE',
    )
    return undefined
  }
  if (ageAtConviction !== undefined && age > ageAtConviction) {
    problems.add(
      'ageAtFirstSanction',
      `first sanction (age ${age}) cannot be after the current conviction (age ${ageAtConviction})`,
      'AGE_AT_FIRST_SANCTION_AFTER_AGE_AT_CURRENT_CONVICTION',
    )
    return undefined
  }
  return age
}

/**
 * The v4 offence category of the current offence: from the Home Office code through the Manage Offences mapping
 * (§7.1: 5 digits and mapped; `UNKNOWN` is refused), or a category name given instead.
 *
 * @example
 * resolveV4Offence({ currentOffenceCode: '04600' }, problems) // 'THEFT_NON_MOTOR'
 */
export function resolveV4Offence(inputs: V4Inputs, problems: Problems): string | undefined {
  if (!absent(inputs.currentOffenceCode)) {
    const code = inputs.currentOffenceCode
    if (!isOffenceCodeShape(code)) {
      problems.add(
        'currentOffenceCode',
        `"${code}" is not a 5-digit Home Office offence code`,
        'OFFENCE_CODE_INCORRECT_FORMAT',
      )
      return undefined
    }
    const category = lookupOffenceCode(code)?.v4Category
    if (!category || !V4_OFFENCE_CATEGORIES.includes(category)) {
      problems.add(
        'currentOffenceCode',
        `offence code ${code} has no v4 actuarial category`,
        'OFFENCE_CODE_MAPPING_NOT_FOUND',
      )
      return undefined
    }
    return category
  }
  if (!absent(inputs.v4OffenceCategory)) {
    const name = inputs.v4OffenceCategory
    if (!V4_OFFENCE_CATEGORIES.includes(name)) {
      problems.add('offenceCategory', `"${name}" is not a v4 offence category`, 'UNKNOWN_OFFENCE_CATEGORY')
      return undefined
    }
    return name
  }
  problems.missing('currentOffenceCode')
  return undefined
}
