import { LocalDate } from '@js-joda/core'
import type { Length, LengthUnit, SentencingFieldError } from '../../domain/sentencing/index.ts'
import type { FieldError } from '../../errors.ts'
import type { LengthInput } from './commands.ts'

/** Reading a command's dates and lengths, collecting every field at fault (pure). */

const UNITS: readonly LengthUnit[] = ['days', 'weeks', 'months', 'years']

const isUnit = (unit: string): unit is LengthUnit => (UNITS as readonly string[]).includes(unit)

/** A required YYYY-MM-DD date: null (with an error on `field`) when it is missing or not a real date. */
export function parseIso(
  value: string | null | undefined,
  field: string,
  label: string,
  errors: FieldError[],
): LocalDate | null {
  if (value === null || value === undefined || value === '') {
    errors.push({ field, message: `Enter the ${label}` })
    return null
  }
  try {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error()
    return LocalDate.parse(value)
  } catch {
    errors.push({ field, message: `The ${label} must be a real date` })
    return null
  }
}

/** A length in days, weeks, months or years; undefined when absent or (with an error) in another unit. */
export function parseLength(
  l: LengthInput | null | undefined,
  field: string,
  errors: FieldError[],
): Length | undefined {
  if (!l) return undefined
  if (!isUnit(l.unit)) {
    errors.push({ field, message: 'Choose days, weeks, months or years' })
    return undefined
  }
  return { value: l.value, unit: l.unit }
}

/** A date that must not be after `today`: `message` on `field` when it is. */
export function notAfter(
  date: LocalDate | null,
  today: LocalDate,
  error: { field: string; message: string },
  errors: FieldError[],
) {
  if (date && date.isAfter(today)) errors.push(error)
}

export const prefixed = (prefix: string, errors: SentencingFieldError[]): FieldError[] =>
  errors.map(e => ({ field: prefix + e.field, message: e.message }))
