import type { LocalDate } from '@js-joda/core'
import { ageOn } from './maths.ts'
import type { Problems } from './validation-error.ts'
import { absent, type Gender, type RiskInputs } from './types.ts'

/**
 * Checks gender is present and one of MALE/FEMALE.
 *
 * @example
 * const gender = checkGender(inputs, problems)
 */
export function checkGender(inputs: RiskInputs, problems: Problems): Gender | undefined {
  const g = inputs.gender
  if (absent(g)) {
    problems.missing('gender')
    return undefined
  }
  if (g !== 'MALE' && g !== 'FEMALE') {
    problems.add('gender', 'must be MALE or FEMALE', 'UNEXPECTED_VALUE')
    return undefined
  }
  return g
}

/**
 * Checks a mandatory whole-number count within [min, max].
 *
 * @example
 * checkCount(inputs, 'totalNumberOfSanctionsForAllOffences', problems, 1)
 */
export function checkCount(
  inputs: RiskInputs,
  field: keyof RiskInputs,
  problems: Problems,
  min = 0,
  max = 999,
  mandatory = true,
): number | undefined {
  const n = inputs[field]
  if (absent(n)) {
    if (mandatory) problems.missing(field)
    return undefined
  }
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
    problems.add(field, `must be a whole number from ${min} to ${max}`, 'UNEXPECTED_VALUE')
    return undefined
  }
  return n
}

/**
 * Checks a mandatory date is given and not before the date of birth; returns the age on it.
 *
 * @example
 * const age = checkDateAge(inputs, 'dateAtStartOfFollowup', dob, problems)
 */
export function checkDateAge(
  inputs: RiskInputs,
  field: 'dateOfCurrentConviction' | 'dateAtStartOfFollowup' | 'assessmentDate' | 'dateOfMostRecentSexualOffence',
  dob: LocalDate | undefined,
  problems: Problems,
  mandatory = true,
): { date: LocalDate; age: number | undefined } | undefined {
  const d = inputs[field]
  if (absent(d)) {
    if (mandatory) problems.missing(field)
    return undefined
  }
  if (dob && d.isBefore(dob)) {
    problems.add(field, 'cannot be before the date of birth', `${toCode(field)}_BEFORE_DATE_OF_BIRTH`)
    return { date: d, age: undefined }
  }
  return { date: d, age: dob ? ageOn(dob, d) : undefined }
}

/**
 * Age at first sanction from `ageAtFirstSanction` or `dateOfFirstSanction` (spec §3.1), checked against the age
 * at the current conviction: a first sanction after the current conviction is impossible (spec §3.6).
 *
 * @example
 * const first = checkAgeAtFirstSanction(inputs, dob, ageAtConviction, problems)
 */
export function checkAgeAtFirstSanction(
  inputs: RiskInputs,
  dob: LocalDate | undefined,
  conviction: { date: LocalDate; age: number | undefined } | undefined,
  problems: Problems,
): number | undefined {
  let age: number | undefined
  if (!absent(inputs.ageAtFirstSanction)) {
    const a = inputs.ageAtFirstSanction
    if (typeof a !== 'number' || !Number.isInteger(a) || a < 0 || a > 109) {
      problems.add('ageAtFirstSanction', 'must be a whole number of years from 0 to 109', 'UNEXPECTED_VALUE')
      return undefined
    }
    age = a
  } else if (!absent(inputs.dateOfFirstSanction)) {
    const d = inputs.dateOfFirstSanction
    if (!dob) return undefined
    if (d.isBefore(dob)) {
      problems.add('dateOfFirstSanction', 'cannot be before the date of birth', 'FIRST_SANCTION_BEFORE_DATE_OF_BIRTH')
      return undefined
    }
    if (conviction && d.isAfter(conviction.date)) {
      problems.add(
        'dateOfFirstSanction',
        'cannot be after the date of the current conviction',
        'AGE_AT_FIRST_SANCTION_AFTER_AGE_AT_CURRENT_CONVICTION',
      )
      return undefined
    }
    age = ageOn(dob, d)
  } else {
    problems.missing('ageAtFirstSanction')
    return undefined
  }
  if (conviction?.age !== undefined && age > conviction.age) {
    problems.add(
      'ageAtFirstSanction',
      `first sanction (age ${age}) cannot be after the current conviction (age ${conviction.age})`,
      'AGE_AT_FIRST_SANCTION_AFTER_AGE_AT_CURRENT_CONVICTION',
    )
    return undefined
  }
  return age
}

/**
 * Refuses a current conviction before the age of criminal responsibility (spec §3.6: age at current conviction ≥ 10).
 *
 * @example
 * checkConvictionAge(conviction, problems)
 */
export function checkConvictionAge(conviction: { age: number | undefined } | undefined, problems: Problems): void {
  if (conviction?.age !== undefined && conviction.age < 10) {
    problems.add(
      'dateOfCurrentConviction',
      `age at current conviction (${conviction.age}) cannot be less than 10`,
      'AGE_AT_CURRENT_CONVICTION_LESS_THAN_TEN',
    )
  }
}

/**
 * Checks violent sanctions are a count no greater than all sanctions (spec §7.1 validation, applied to v1 too).
 *
 * @example
 * checkViolent(inputs, total, problems)
 */
export function checkViolent(inputs: RiskInputs, total: number | undefined, problems: Problems): number | undefined {
  const v = checkCount(inputs, 'totalNumberOfViolentSanctions', problems, 0, 999)
  if (v !== undefined && total !== undefined && v > total) {
    problems.add(
      'totalNumberOfViolentSanctions',
      `violent sanctions (${v}) cannot exceed all sanctions (${total})`,
      'VIOLENT_SANCTIONS_EXCEED_TOTAL',
    )
    return undefined
  }
  return v
}

function toCode(field: string): string {
  return field.replace(/([A-Z])/g, '_$1').toUpperCase()
}

/** ISO text of a date for explanations and input snapshots. */
export function iso(d: LocalDate | null | undefined): string | null {
  return d ? d.toString() : null
}

/**
 * Snapshot of the inputs a predictor used, with dates as ISO text, so a stored score can be replayed.
 *
 * @example
 * snapshot(inputs, ['gender', 'dateOfBirth'])
 */
export function snapshot<T extends RiskInputs>(
  inputs: T,
  fields: readonly (keyof T & string)[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const f of fields) {
    const v: unknown = inputs[f]
    if (v === undefined) continue
    out[f] = v !== null && typeof v === 'object' && 'toEpochDay' in v ? String(v) : v
  }
  return out
}
