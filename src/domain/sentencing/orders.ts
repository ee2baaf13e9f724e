import { type LocalDate } from '@js-joda/core'
import { termEnd, type Term } from '../release-dates/term.ts'
import { curfewLimits, requirementKind, type RequirementType } from './requirements.ts'

/**
 * Validation of community orders, suspended sentence orders and custodial sentences against the statutory limits, and
 * their computed end dates. Every refusal names the field at fault and says why, so a form or the API can show it.
 *
 * Sources (Sentencing Code = Sentencing Act 2020):
 * - community order end date no more than 3 years after the date of the order; requirement dates no later than it:
 *   s.209 (shared/domain/release-dates.md §9). At least one requirement: s.208.
 * - suspended sentence order: a term of imprisonment of at least 14 days and not more than 2 years (ss.264, 277);
 *   operational period at least 6 months and not more than 2 years; supervision period (only with community
 *   requirements) at least 6 months and no longer than the operational period (s.288; Sentencing Council, Imposition
 *   2025, "Determining operational and supervision periods").
 * - requirements: Schedule 9 (see requirements.ts).
 * End dates are counted like a term of imprisonment (the day before the same date after the length; release-dates
 * spec §1.1), so a 12-month order made on 10 January ends on 9 January.
 */

export type LengthUnit = 'days' | 'weeks' | 'months' | 'years'

export interface Length {
  value: number
  unit: LengthUnit
}

export interface SentencingFieldError {
  field: string
  message: string
}

export interface RequirementInput {
  type: RequirementType | string
  /** In the requirement's measure (hours, days or months). */
  length: number
  /** Defaults to the sentence date. */
  startDate?: LocalDate
  /** Curfew: hours a day, and on how many days a week. */
  hoursPerDay?: number
  daysPerWeek?: number
}

export interface ValidRequirement {
  type: RequirementType
  length: number
  unit: 'hours' | 'days' | 'months'
  startDate: LocalDate
  expectedEndDate: LocalDate
  hoursPerDay?: number
  daysPerWeek?: number
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: SentencingFieldError[] }

export const lengthText = (l: Length) => `${l.value} ${l.value === 1 ? l.unit.replace(/s$/, '') : l.unit}`

/** A length as a release-dates term. */
export function toTerm(l: Length): Term {
  return { years: 0, months: 0, weeks: 0, days: 0, [l.unit]: l.value }
}

/**
 * The last day of something lasting `length` from `start` (the day before the same date after the length).
 *
 * @example
 * endDate(LocalDate.parse('2026-01-10'), { value: 12, unit: 'months' }).toString() // '2027-01-09'
 */
export function endDate(start: LocalDate, length: Length): LocalDate {
  return termEnd(start, toTerm(length))
}

const isWhole = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n)

function checkLength(field: string, what: string, l: Length | undefined, errors: SentencingFieldError[]): l is Length {
  if (!l || !isWhole(l.value) || l.value <= 0) {
    errors.push({ field, message: `Enter the ${what} as a whole number greater than 0` })
    return false
  }
  if (l.value > 10000) {
    errors.push({ field, message: `The ${what} is too long` })
    return false
  }
  return true
}

/** Checks a length against limits expressed as lengths, by comparing end dates from the same start. */
function within(
  start: LocalDate,
  l: Length,
  min: Length | undefined,
  max: Length | undefined,
  field: string,
  what: string,
  rule: string,
  errors: SentencingFieldError[],
): boolean {
  const end = endDate(start, l)
  if (min && end.isBefore(endDate(start, min))) {
    errors.push({
      field,
      message: `The ${what} must be at least ${lengthText(min)} (${rule}); ${lengthText(l)} is too short`,
    })
    return false
  }
  if (max && end.isAfter(endDate(start, max))) {
    errors.push({
      field,
      message: `The ${what} must be no more than ${lengthText(max)} (${rule}); ${lengthText(l)} is too long`,
    })
    return false
  }
  return true
}

/**
 * Validates each requirement of an order and computes its expected end date. `orderEnd` is the last day by which
 * requirements must be complied with (the community order's end date, or the SSO's supervision period end).
 */
export function validateRequirements(
  requirements: readonly RequirementInput[],
  context: { sentenceDate: LocalDate; convictionDate: LocalDate; orderEnd: LocalDate; orderName: string },
  errors: SentencingFieldError[],
): ValidRequirement[] {
  const valid: ValidRequirement[] = []
  const seen = new Set<string>()
  requirements.forEach((r, i) => {
    const field = (name: string) => `requirements.${i}.${name}`
    const kind = requirementKind(r.type)
    if (!kind) {
      errors.push({ field: field('type'), message: `"${r.type}" is not a requirement type` })
      return
    }
    if (seen.has(kind.code)) {
      errors.push({
        field: field('type'),
        message: `${kind.label} is listed twice: record it once with its total length`,
      })
      return
    }
    seen.add(kind.code)
    if (!isWhole(r.length) || r.length <= 0) {
      errors.push({
        field: field('length'),
        message: `Enter the ${kind.label.toLowerCase()} ${kind.measure} as a whole number greater than 0`,
      })
      return
    }
    const start = r.startDate ?? context.sentenceDate
    if (start.isBefore(context.sentenceDate)) {
      errors.push({ field: field('startDate'), message: `${kind.label} cannot start before the sentence date` })
      return
    }
    if (start.isAfter(context.orderEnd)) {
      errors.push({
        field: field('startDate'),
        message: `${kind.label} cannot start after the ${context.orderName} ends`,
      })
      return
    }
    let max = kind.max
    let extra = ''
    if (kind.code === 'curfew') {
      const limits = curfewLimits(context.convictionDate.toString())
      max = limits.maxMonths
      extra = ` for a conviction ${context.convictionDate.toString() < '2022-06-28' ? 'before' : 'on or after'} 28 June 2022`
      const hours = r.hoursPerDay
      const days = r.daysPerWeek ?? 7
      if (typeof hours !== 'number' || !Number.isFinite(hours)) {
        errors.push({ field: field('hoursPerDay'), message: 'Enter the curfew hours a day' })
      } else if (hours < limits.minHoursPerDay || hours > limits.maxHoursPerDay) {
        errors.push({
          field: field('hoursPerDay'),
          message: `Curfew hours must be between ${limits.minHoursPerDay} and ${limits.maxHoursPerDay} a day${extra} (Sentencing Code Sch 9 para 9(4)); ${hours} is outside`,
        })
      } else if (!isWhole(days) || days < 1 || days > 7) {
        errors.push({ field: field('daysPerWeek'), message: 'Enter the curfew days a week, from 1 to 7' })
      } else if (limits.maxHoursPerWeek !== undefined && hours * days > limits.maxHoursPerWeek) {
        errors.push({
          field: field('hoursPerDay'),
          message: `A curfew may be no more than ${limits.maxHoursPerWeek} hours in any 7 days (Sentencing Code Sch 9 para 9(4)(c)); ${hours} hours on ${days} days is ${hours * days}`,
        })
      }
    }
    if (kind.min > r.length || (max !== undefined && r.length > max)) {
      const range = max === undefined ? `at least ${kind.min}` : `between ${kind.min} and ${max}`
      errors.push({
        field: field('length'),
        message: `${kind.label} must be ${range} ${kind.measure}${extra} (${kind.source.split(' (')[0]}); ${r.length} is outside`,
      })
      return
    }
    let expectedEnd: LocalDate
    if (kind.code === 'unpaid_work') {
      // Performed during a period of 12 months (Sch 9 Part 1), within the order.
      const twelveMonths = endDate(start, { value: 12, unit: 'months' })
      expectedEnd = twelveMonths.isAfter(context.orderEnd) ? context.orderEnd : twelveMonths
    } else if (kind.kind === 'amount') {
      expectedEnd = context.orderEnd
    } else {
      expectedEnd = endDate(start, { value: r.length, unit: kind.measure === 'months' ? 'months' : 'days' })
      if (expectedEnd.isAfter(context.orderEnd)) {
        errors.push({
          field: field('length'),
          message: `${kind.label} would end on ${expectedEnd.toString()}, after the ${context.orderName} ends on ${context.orderEnd.toString()} (Sentencing Code s.209: requirements end by the order's end date)`,
        })
        return
      }
    }
    valid.push({
      type: kind.code,
      length: r.length,
      unit: kind.measure,
      startDate: start,
      expectedEndDate: expectedEnd,
      ...(kind.code === 'curfew' ? { hoursPerDay: r.hoursPerDay, daysPerWeek: r.daysPerWeek ?? 7 } : {}),
    })
  })
  return valid
}

export interface CommunityOrderInput {
  sentenceDate: LocalDate
  convictionDate: LocalDate
  length: Length | undefined
  requirements: readonly RequirementInput[]
}

export interface ValidCommunityOrder {
  endDate: LocalDate
  requirements: ValidRequirement[]
}

const THREE_YEARS: Length = { value: 3, unit: 'years' }

/**
 * A community order: an end date no more than 3 years after the order (s.209), at least one requirement (s.208), each
 * requirement within its Schedule 9 limits and ending by the order's end date.
 *
 * @example
 * validateCommunityOrder({ sentenceDate: LocalDate.parse('2026-03-02'), convictionDate: LocalDate.parse('2026-02-01'),
 *   length: { value: 12, unit: 'months' }, requirements: [{ type: 'unpaid_work', length: 100 }] })
 * // { ok: true, value: { endDate: 2027-03-01, requirements: [{ type: 'unpaid_work', …, expectedEndDate: 2027-03-01 }] } }
 */
export function validateCommunityOrder(input: CommunityOrderInput): Validated<ValidCommunityOrder> {
  const errors: SentencingFieldError[] = []
  checkDates(input.sentenceDate, input.convictionDate, errors)
  if (!checkLength('length', 'length of the order', input.length, errors)) {
    return { ok: false, errors }
  }
  if (
    !within(
      input.sentenceDate,
      input.length,
      undefined,
      THREE_YEARS,
      'length',
      'community order',
      'Sentencing Code s.209',
      errors,
    )
  ) {
    return { ok: false, errors }
  }
  const end = endDate(input.sentenceDate, input.length)
  if (input.requirements.length === 0) {
    errors.push({
      field: 'requirements',
      message: 'A community order must have at least one requirement (Sentencing Code s.208)',
    })
  }
  const requirements = validateRequirements(
    input.requirements,
    { sentenceDate: input.sentenceDate, convictionDate: input.convictionDate, orderEnd: end, orderName: 'order' },
    errors,
  )
  return errors.length ? { ok: false, errors } : { ok: true, value: { endDate: end, requirements } }
}

export interface SuspendedSentenceInput {
  sentenceDate: LocalDate
  convictionDate: LocalDate
  /** The term of imprisonment that is suspended. */
  custodialTerm: Length | undefined
  operationalPeriod: Length | undefined
  /** Only with requirements. */
  supervisionPeriod: Length | undefined
  requirements: readonly RequirementInput[]
}

export interface ValidSuspendedSentence {
  /** The end of the operational period: the order's end. */
  endDate: LocalDate
  supervisionEndDate: LocalDate | null
  requirements: ValidRequirement[]
}

/**
 * A suspended sentence order (ss.264/277, 286–288): the suspended term 14 days–2 years; the operational period
 * 6 months–2 years; with requirements, a supervision period of at least 6 months ending no later than the operational
 * period, and every requirement ending by the end of the supervision period.
 *
 * @example
 * validateSuspendedSentence({ sentenceDate: d('2026-03-02'), convictionDate: d('2026-03-02'), custodialTerm: { value: 3, unit: 'years' }, … })
 * // { ok: false, errors: [{ field: 'custodialTerm', message: 'The suspended term must be no more than 2 years (…); 3 years is too long' }] }
 */
export function validateSuspendedSentence(input: SuspendedSentenceInput): Validated<ValidSuspendedSentence> {
  const errors: SentencingFieldError[] = []
  const start = input.sentenceDate
  checkDates(start, input.convictionDate, errors)
  const SSO = 'Sentencing Code ss.264, 277'
  const PERIODS = 'Sentencing Code s.288'
  if (checkLength('custodialTerm', 'suspended term of imprisonment', input.custodialTerm, errors)) {
    within(
      start,
      input.custodialTerm,
      { value: 14, unit: 'days' },
      { value: 2, unit: 'years' },
      'custodialTerm',
      'suspended term',
      SSO,
      errors,
    )
  }
  let operationalEnd: LocalDate | undefined
  if (checkLength('operationalPeriod', 'operational period', input.operationalPeriod, errors)) {
    if (
      within(
        start,
        input.operationalPeriod,
        { value: 6, unit: 'months' },
        { value: 2, unit: 'years' },
        'operationalPeriod',
        'operational period',
        PERIODS,
        errors,
      )
    ) {
      operationalEnd = endDate(start, input.operationalPeriod)
    }
  }
  let supervisionEnd: LocalDate | null = null
  if (input.requirements.length === 0) {
    if (input.supervisionPeriod) {
      errors.push({
        field: 'supervisionPeriod',
        message:
          'A suspended sentence order without requirements has no supervision period (Sentencing Code s.288): leave it empty or add the requirements',
      })
    }
  } else if (
    checkLength('supervisionPeriod', 'supervision period', input.supervisionPeriod, errors) &&
    operationalEnd
  ) {
    if (
      within(
        start,
        input.supervisionPeriod,
        { value: 6, unit: 'months' },
        { value: 2, unit: 'years' },
        'supervisionPeriod',
        'supervision period',
        PERIODS,
        errors,
      )
    ) {
      supervisionEnd = endDate(start, input.supervisionPeriod)
      if (supervisionEnd.isAfter(operationalEnd)) {
        errors.push({
          field: 'supervisionPeriod',
          message: `The supervision period must not be longer than the operational period (${PERIODS})`,
        })
        supervisionEnd = null
      }
    }
  }
  const requirements = supervisionEnd
    ? validateRequirements(
        input.requirements,
        {
          sentenceDate: start,
          convictionDate: input.convictionDate,
          orderEnd: supervisionEnd,
          orderName: 'supervision period',
        },
        errors,
      )
    : []
  if (errors.length || !operationalEnd) return { ok: false, errors }
  return { ok: true, value: { endDate: operationalEnd, supervisionEndDate: supervisionEnd, requirements } }
}

export type CustodialType = 'SDS' | 'SDS_PLUS'

export const CUSTODIAL_TYPES: readonly { code: CustodialType; label: string }[] = [
  { code: 'SDS', label: 'Standard determinate sentence (SDS)' },
  { code: 'SDS_PLUS', label: 'Standard determinate sentence plus (SDS+)' },
]

export interface CustodialInput {
  sentenceDate: LocalDate
  convictionDate: LocalDate
  custodialType: string
  length: Length | undefined
  /** The main offence's date: the release-date calculator needs it (ORA, legacy rules). */
  offenceDate: LocalDate | null
  remandDays: number
  taggedBailDays: number
}

/**
 * A custodial sentence of a type the release-date calculator supports (src/domain/release-dates: SDS and SDS+), with
 * its remand and tagged-bail days.
 *
 * @example
 * validateCustodial({ custodialType: 'EDS', … }) // { ok: false, errors: [{ field: 'custodialType', … }] }
 */
export function validateCustodial(input: CustodialInput): Validated<{ endDate: LocalDate }> {
  const errors: SentencingFieldError[] = []
  checkDates(input.sentenceDate, input.convictionDate, errors)
  if (!CUSTODIAL_TYPES.some(t => t.code === input.custodialType)) {
    errors.push({
      field: 'custodialType',
      message: 'Choose the type of custodial sentence: the release-date calculator supports SDS and SDS+ only',
    })
  }
  const lengthOk = checkLength('length', 'length of the sentence', input.length, errors)
  if (!input.offenceDate) {
    errors.push({ field: 'offenceDate', message: 'Enter the date of the main offence: the release dates depend on it' })
  } else if (input.offenceDate.isAfter(input.sentenceDate)) {
    errors.push({ field: 'offenceDate', message: 'The offence date must be on or before the sentence date' })
  }
  for (const [field, label] of [
    ['remandDays', 'remand days'],
    ['taggedBailDays', 'tagged bail days'],
  ] as const) {
    const n = input[field]
    if (!isWhole(n) || n < 0 || n > 10000)
      errors.push({ field, message: `Enter the ${label} as a whole number, 0 or more` })
  }
  if (errors.length || !lengthOk) return { ok: false, errors }
  return { ok: true, value: { endDate: endDate(input.sentenceDate, input.length!) } }
}

function checkDates(sentenceDate: LocalDate, convictionDate: LocalDate, errors: SentencingFieldError[]) {
  if (sentenceDate.isBefore(convictionDate)) {
    errors.push({ field: 'sentenceDate', message: 'The sentence date must be on or after the conviction date' })
  }
}
