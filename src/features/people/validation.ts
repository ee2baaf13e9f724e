import { LocalDate } from '@js-joda/core'
import type { FieldError } from '../../errors.ts'
import { parseCro, parseNoms, parsePnc } from '../../domain/identifiers/index.ts'
import { isCode, type Code } from './reference-data.ts'

/**
 * Field checks shared by the person service's commands. Each returns the cleaned value and pushes a
 * GOV.UK-style message onto `errors` when the value is wrong, so one call reports every field at fault.
 */

export type Errors = FieldError[]

/** Trims; empty becomes undefined. */
export function clean(value: string | null | undefined): string | undefined {
  const trimmed = (value ?? '').trim()
  return trimmed === '' ? undefined : trimmed
}

export function requiredText(
  errors: Errors,
  field: string,
  value: string | undefined,
  label: string,
  max = 100,
): string {
  const v = clean(value)
  if (!v) errors.push({ field, message: `Enter ${label}` })
  else if (v.length > max) errors.push({ field, message: `${capitalise(label)} must be ${max} characters or fewer` })
  return v ?? ''
}

export function optionalText(
  errors: Errors,
  field: string,
  value: string | null | undefined,
  label: string,
  max = 100,
): string | null {
  const v = clean(value)
  if (v && v.length > max) errors.push({ field, message: `${capitalise(label)} must be ${max} characters or fewer` })
  return v ?? null
}

export function requiredCode(
  errors: Errors,
  field: string,
  value: string | undefined,
  list: readonly Code[],
  label: string,
): string {
  const v = clean(value)
  if (!v) errors.push({ field, message: `Select ${label}` })
  else if (!isCode(list, v)) errors.push({ field, message: `Select ${label} from the list` })
  return v ?? ''
}

export function optionalCode(
  errors: Errors,
  field: string,
  value: string | null | undefined,
  list: readonly Code[],
  label: string,
): string | null {
  const v = clean(value)
  if (v && !isCode(list, v)) errors.push({ field, message: `Select ${label} from the list` })
  return v ?? null
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/

/**
 * A calendar date given as `YYYY-MM-DD` (the API) or built by the form from day, month and year boxes.
 * Returns the ISO date or undefined.
 */
export function parseIsoDate(value: string | undefined): string | undefined {
  const m = ISO.exec((value ?? '').trim())
  if (!m) return undefined
  try {
    return LocalDate.of(Number(m[1]), Number(m[2]), Number(m[3])).toString()
  } catch {
    return undefined
  }
}

/** Reads what people type into a search box: `1990-05-04`, `4/5/1990`, `04-05-1990`, `4 5 1990`. */
export function parseDateText(value: string | undefined): string | undefined {
  const v = (value ?? '').trim()
  const iso = parseIsoDate(v)
  if (iso) return iso
  const m = /^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})$/.exec(v)
  return m ? parseIsoDate(`${m[3]}-${m[2]}-${m[1]}`) : undefined
}

export function requiredDate(
  errors: Errors,
  field: string,
  value: string | undefined,
  label: string,
  options: { notAfter?: string; notAfterMessage?: string } = {},
): string {
  const v = clean(value)
  if (!v) {
    errors.push({ field, message: `Enter ${label}` })
    return ''
  }
  const iso = parseIsoDate(v)
  if (!iso) {
    errors.push({ field, message: `${capitalise(label)} must be a real date` })
    return ''
  }
  if (options.notAfter && iso > options.notAfter) {
    errors.push({ field, message: options.notAfterMessage ?? `${capitalise(label)} must be today or in the past` })
  }
  return iso
}

export function optionalDate(
  errors: Errors,
  field: string,
  value: string | null | undefined,
  label: string,
): string | null {
  const v = clean(value)
  if (!v) return null
  const iso = parseIsoDate(v)
  if (!iso) {
    errors.push({ field, message: `${capitalise(label)} must be a real date` })
    return null
  }
  return iso
}

export function dateOfBirth(errors: Errors, field: string, value: string | undefined, today: string): string {
  const iso = requiredDate(errors, field, value, 'date of birth', {
    notAfterMessage: 'Date of birth must be in the past',
    notAfter: today,
  })
  if (iso && iso <= today) {
    const age = LocalDate.parse(iso).until(LocalDate.parse(today)).years()
    if (age < 10)
      errors.push({
        field,
        message: 'Date of birth must be at least 10 years ago (the age of criminal responsibility)',
      })
    else if (age > 120) errors.push({ field, message: 'Date of birth must be within the last 120 years' })
  }
  return iso
}

export function pnc(
  errors: Errors,
  field: string,
  value: string | null | undefined,
  currentYear: number,
): string | null {
  const v = clean(value)
  if (!v) return null
  const result = parsePnc(v, currentYear)
  if (!result.ok) {
    errors.push({ field, message: result.message })
    return null
  }
  return result.canonical
}

export function cro(errors: Errors, field: string, value: string | null | undefined): string | null {
  const v = clean(value)
  if (!v) return null
  const result = parseCro(v)
  if (!result.ok) {
    errors.push({ field, message: result.message })
    return null
  }
  return result.canonical
}

export function noms(errors: Errors, field: string, value: string | null | undefined): string | null {
  const v = clean(value)
  if (!v) return null
  const result = parseNoms(v)
  if (!result.ok) {
    errors.push({ field, message: result.message })
    return null
  }
  return result.canonical
}

const PHONE = /^\+?[0-9 ()-]{6,24}$/
export function phone(errors: Errors, field: string, value: string | null | undefined, label: string): string | null {
  const v = clean(value)
  if (!v) return null
  if (!PHONE.test(v) || v.replace(/\D/g, '').length < 6) {
    errors.push({ field, message: `Enter ${label} using numbers only, like 01632 960 001 or 07700 900 982` })
    return null
  }
  return v
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/
export function email(errors: Errors, field: string, value: string | null | undefined): string | null {
  const v = clean(value)
  if (!v) return null
  if (v.length > 254 || !EMAIL.test(v)) {
    errors.push({ field, message: 'Enter an email address in the correct format, like name@example.com' })
    return null
  }
  return v
}

const POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/
export function postcode(errors: Errors, field: string, value: string | null | undefined): string | null {
  const v = clean(value)?.toUpperCase().replace(/\s+/g, ' ')
  if (!v) return null
  if (!POSTCODE.test(v)) {
    errors.push({ field, message: 'Enter a real postcode, like NT1 1AB' })
    return null
  }
  return v.includes(' ') ? v : `${v.slice(0, -3)} ${v.slice(-3)}`
}

function capitalise(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1)
}
