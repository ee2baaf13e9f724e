import { DateTimeException, LocalDate } from '@js-joda/core'
import type { FieldError } from '../errors.ts'

/**
 * Reading GOV.UK form fields, shared by every feature's `forms.ts`: a URL-encoded body, text and checkbox
 * values, and the three boxes of a GOV.UK date input (`<name>-day`, `-month`, `-year`).
 */

export type FormBody = Record<string, string | string[] | undefined>

/** A form read into a typed command, or the fields at fault. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] }

/** One value, trimmed ('' when absent). When a field is sent twice, the last one wins. */
export function text(body: FormBody | undefined, key: string): string {
  const value = body?.[key]
  const one = Array.isArray(value) ? value[value.length - 1] : value
  return (one ?? '').trim()
}

/** Every non-blank value of a repeated field (checkboxes). */
export function list(body: FormBody | undefined, key: string): string[] {
  const value = body?.[key]
  if (value === undefined) return []
  return (Array.isArray(value) ? value : [value]).map(v => v.trim()).filter(Boolean)
}

/** Collects field errors, keeping the first message for each field (the GOV.UK pattern: one error a field). */
export class FieldProblems {
  readonly errors: FieldError[] = []
  add(field: string, message: string) {
    if (!this.errors.some(e => e.field === field)) this.errors.push({ field, message })
  }
}

/** A GOV.UK date input's three parts, as typed. */
export interface DateParts {
  day: string
  month: string
  year: string
}

export function dateParts(body: FormBody | undefined, name: string): DateParts {
  return { day: text(body, `${name}-day`), month: text(body, `${name}-month`), year: text(body, `${name}-year`) }
}

/** The parts to redisplay for a stored ISO date. */
export function partsOf(iso: string | null | undefined): DateParts {
  if (!iso) return { day: '', month: '', year: '' }
  const d = LocalDate.parse(iso)
  return { day: String(d.dayOfMonth()), month: String(d.monthValue()), year: String(d.year()) }
}

/**
 * Reads a date from its three inputs with the GOV.UK error messages. Returns undefined when all are blank,
 * null (after recording an error on `<name>-day`) when it is incomplete or impossible (31 February, month 13)
 * or outside `years`, otherwise the date.
 *
 * @example
 * readDate({ 'd-day': '31', 'd-month': '2', 'd-year': '2026' }, 'd', 'Start date', problems) // null: not a real date
 */
export function readDate(
  body: FormBody,
  name: string,
  label: string,
  problems: FieldProblems,
  years?: { from: number; to: number },
): LocalDate | null | undefined {
  const { day, month, year } = dateParts(body, name)
  if (!day && !month && !year) return undefined
  const field = `${name}-day`
  if (!day || !month || !year) {
    problems.add(field, `${label} must include a day, month and year`)
    return null
  }
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    problems.add(field, `${label} must be a real date, like 27 3 2026`)
    return null
  }
  try {
    const date = LocalDate.of(Number(year), Number(month), Number(day))
    if (years && (date.year() < years.from || date.year() > years.to)) {
      problems.add(field, `${label} must be between ${years.from} and ${years.to}`)
      return null
    }
    return date
  } catch (e) {
    if (!(e instanceof DateTimeException)) throw e
    problems.add(field, `${label} must be a real date`)
    return null
  }
}
