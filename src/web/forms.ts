import { DateTimeException, LocalDate } from '@js-joda/core'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { ValidationError, type FieldError } from '../errors.ts'

/**
 * The one forms module. Every feature's `forms.ts` reads its GOV.UK forms with these readers into a typed
 * command, and every page that posts a form answers through `submitForm`: one rule for repeated fields (the last
 * value wins), dates from the three boxes of a GOV.UK date input (`<name>-day`, `-month`, `-year`), checkboxes
 * as lists, and bad input re-rendered with status 400 and the GOV.UK error summary. Services never see a raw
 * form body: they take typed commands and throw `ValidationError` with the fields at fault, which the API turns
 * into a 400 with `fields` and the pages into the error summary (ADR 0005).
 */

/** A URL-encoded form as @fastify/formbody parses it: a repeated field arrives as an array. */
export type FormBody = Record<string, string | string[] | undefined>

/**
 * The route schema for a posted form: any fields, each a string (or a repeated field's strings), bounded so a
 * hostile body cannot exhaust memory. The handler's `request.body` is typed as a `FormBody`.
 *
 * @example
 * app.post('/people/:crn/aliases/new', { config, schema: { params: CrnParams, body: formBody() } }, handler)
 */
export function formBody(maxLength = 5000) {
  const value = Type.String({ maxLength })
  const schema = Type.Record(Type.String(), Type.Union([value, Type.Array(value, { maxItems: 500 })]))
  formBodySchemas.add(schema)
  return schema
}

/** The schemas `formBody` made: the input guard leaves their values to this module's readers. */
const formBodySchemas = new WeakSet<object>()

/** Whether a route's body schema is a posted form's (`formBody`). */
export function isFormBodySchema(schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && formBodySchemas.has(schema)
}

/**
 * A control character no one types: NUL (which PostgreSQL cannot store in text) and the other C0 controls but tab,
 * line feed and carriage return, and DEL. Pasted from elsewhere, or sent by an attacker.
 */
export function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i)
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return true
  }
  return false
}

export const CONTROL_CHARACTER_MESSAGE =
  'This answer has a hidden control character in it (copied text can bring one): type it again'

/** Refuses a value with a control character, naming its field (the form is shown again with the error). */
function clean(key: string, value: string): string {
  if (hasControlCharacter(value)) throw new ValidationError([{ field: key, message: CONTROL_CHARACTER_MESSAGE }])
  return value
}

/**
 * Runs a form's change: on success redirects (303, so a refresh does not post again); on a `ValidationError`
 * re-renders the form with status 400 and every field at fault, having changed nothing. Any other error goes to
 * the one error handler.
 *
 * @example
 * return submitForm(reply, () => people.addAlias(ctxOf(request), crn, command), {
 *   rerender: errors => reply.render('people/views/alias-form.njk', { errors, values: request.body }),
 *   redirect: () => `/people/${crn}`,
 * })
 */
export async function submitForm<T>(
  reply: FastifyReply,
  change: () => Promise<T>,
  page: {
    rerender: (errors: FieldError[]) => Promise<unknown>
    redirect: (result: T) => string
    /** 303 unless a page has always answered 302 Found (its clients and tests rely on it). */
    redirectStatus?: 302 | 303
  },
): Promise<unknown> {
  let result: T
  try {
    result = await change()
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error
    reply.status(400)
    return page.rerender(error.errors)
  }
  return reply.redirect(page.redirect(result), page.redirectStatus ?? 303)
}

/**
 * Parses a form into a typed command with a parser that may throw `ValidationError`, or returns the errors.
 */
export function parseForm<T>(parse: () => T): Parsed<T> {
  try {
    return { ok: true, value: parse() }
  } catch (error) {
    if (error instanceof ValidationError) return { ok: false, errors: error.errors }
    throw error
  }
}

/** A form read into a typed command, or the fields at fault. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] }

/**
 * One value, trimmed ('' when absent). When a field is sent twice, the last one wins. A value with a control
 * character (a NUL byte) is refused with a `ValidationError` naming the field.
 */
export function text(body: FormBody | undefined, key: string): string {
  const value = body?.[key]
  const one = Array.isArray(value) ? value[value.length - 1] : value
  return clean(key, one ?? '').trim()
}

/** Every non-blank value of a repeated field (checkboxes); a control character is refused as in `text`. */
export function list(body: FormBody | undefined, key: string): string[] {
  const value = body?.[key]
  if (value === undefined) return []
  return (Array.isArray(value) ? value : [value]).map(v => clean(key, v).trim()).filter(Boolean)
}

/** A checkbox or yes/no radio: true when its value is one of `yes`, `true`, `on`. */
export function checked(body: FormBody | undefined, key: string): boolean {
  return ['yes', 'true', 'on'].includes(text(body, key).toLowerCase())
}

/**
 * A date from its three inputs as `YYYY-MM-DD` without judging it: '' when all are blank, 'invalid' when the parts
 * cannot form one. For commands whose service validates the date itself (and names the field in its error).
 *
 * @example
 * isoDateFrom({ 'd-day': '3', 'd-month': '7', 'd-year': '2026' }, 'd') // '2026-07-03'
 */
export function isoDateFrom(body: FormBody | undefined, name: string): string {
  const { day, month, year } = dateParts(body, name)
  if (!day && !month && !year) return ''
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !YEAR.test(year)) return 'invalid'
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`
}

/** The date input's parts: as posted when re-rendering a form, otherwise from the stored ISO date. */
export function datePartsFor(body: FormBody | undefined, name: string, iso?: string | null): DateParts {
  return body ? dateParts(body, name) : partsOf(iso)
}

/** Collects field errors, keeping the first message for each field (the GOV.UK pattern: one error a field). */
export class FieldProblems {
  readonly errors: FieldError[] = []
  add(field: string, message: string) {
    if (!this.errors.some(e => e.field === field)) this.errors.push({ field, message })
  }
}

/** Four digits, not 0000: there was no year 0, and PostgreSQL refuses it (a 500, not the user's error). */
const YEAR = /^(?!0000)\d{4}$/

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
  const d = LocalDate.parse(iso.slice(0, 10))
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
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !YEAR.test(year)) {
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

/**
 * A time of day as people type it: `9:30`, `09:30`, `9.30`, `930`, `14:00`, `2pm`, `2:30pm` → [hour, minute];
 * null when it is not a real time.
 *
 * @example
 * readTime('2:30pm') // [14, 30]
 */
export function readTime(value: string): [number, number] | null {
  const v = value.toLowerCase().replace(/\s+/g, '')
  let m = /^(\d{1,2})(?:[:.]?(\d{2}))?(am|pm)?$/.exec(v)
  if (!m) return null
  let hour = Number(m[1])
  const minute = m[2] ? Number(m[2]) : 0
  if (m[3]) {
    if (hour < 1 || hour > 12) return null
    if (m[3] === 'pm' && hour !== 12) hour += 12
    if (m[3] === 'am' && hour === 12) hour = 0
  } else if (!m[2] && hour > 24) {
    // "930" without a colon
    m = /^(\d{1,2})(\d{2})$/.exec(v)
    if (!m) return null
    return readTime(`${m[1]}:${m[2]}`)
  }
  if (hour > 23 || minute > 59) return null
  return [hour, minute]
}

/**
 * One value exactly as typed (not trimmed; '' when absent), the last one when a field was sent twice: for long
 * text whose spacing is the writer's (a report's sections).
 *
 * @example
 * untrimmed({ proposal: '  Indented.\n' }, 'proposal') // '  Indented.\n'
 */
export function untrimmed(body: FormBody | undefined, key: string): string {
  const value = body?.[key]
  return clean(key, (Array.isArray(value) ? value[value.length - 1] : value) ?? '')
}

/**
 * A bounded required text: the GOV.UK "Enter …" message (`missing`) when blank, "<label> must be N characters or
 * fewer" when too long; the text as typed (trimmed) either way.
 */
export function requiredText(
  body: FormBody,
  name: string,
  missing: string,
  label: string,
  max: number,
  p: FieldProblems,
): string {
  const value = text(body, name)
  if (!value) p.add(name, missing)
  else if (value.length > max) p.add(name, `${label} must be ${max} characters or fewer`)
  return value
}

/** The years a date on a case may fall in (a reception, a screening, a handover): a typo outside them is refused. */
export const CASE_YEARS = { from: 1950, to: 2100 }

/** A required date: "Enter <label>" on `<name>-day` (the field the error summary links to) when blank. */
export function requiredDate(
  body: FormBody,
  name: string,
  label: string,
  p: FieldProblems,
  years = CASE_YEARS,
): LocalDate | null {
  const date = readDate(body, name, label, p, years)
  if (date === undefined) p.add(`${name}-day`, `Enter ${label.toLowerCase()}`)
  return date ?? null
}

/** The command built by `value` when no problem was found, else the problems. */
export const parsedOr = <T>(p: FieldProblems, value: () => T): Parsed<T> =>
  p.errors.length > 0 ? { ok: false, errors: p.errors } : { ok: true, value: value() }
