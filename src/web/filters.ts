import nunjucks from 'nunjucks'
import type { FieldError } from '../errors.ts'
import { navigationFor } from './navigation.ts'

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
  timeZone: 'Europe/London',
})

/** Dates already written out: a list page writes the same few hundred dates on every request (bounded). */
const writtenDates = new Map<string, string>()

/** `2026-11-22` → `22 November 2026`. A calendar date has no time zone; it is formatted as written. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return ''
  const known = writtenDates.get(value)
  if (known !== undefined) return known
  const date = new Date(`${value}T00:00:00Z`)
  const written = Number.isNaN(date.getTime()) ? value : dateFormat.format(date)
  if (writtenDates.size >= 20_000) writtenDates.clear()
  writtenDates.set(value, written)
  return written
}

/** `2026-12-05` → `5/12/2026`: a date typed into a text field, as its hint ("For example, 27/3/2026") shows. */
export function formatShortDate(value: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? '')
  return m ? `${Number(m[3])}/${Number(m[2])}/${m[1]}` : (value ?? '')
}

/**
 * Prose that a rule wrote with ISO dates in it (a release date's explanation, say), with each date in words:
 * `CRD: 40% of 2026-01-01 → 2026-08-07` → `CRD: 40% of 1 January 2026 → 7 August 2026`.
 */
export function humaniseDates(text: string | null | undefined): string {
  return (text ?? '').replace(/\b\d{4}-\d{2}-\d{2}\b/g, iso => formatDate(iso))
}

/** An instant, shown in Europe/London: `22 November 2026, 9:05am`. */
export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return ''
  const date = value instanceof Date ? value : new Date(value)
  return dateTimeFormat.format(date).replace(' am', 'am').replace(' pm', 'pm')
}

/** GOV.UK error summary items: each links to its field. */
export function errorSummaryItems(errors: FieldError[] | undefined) {
  return (errors ?? []).map(e => ({ text: e.message, href: `#${e.field}` }))
}

/** The `errorMessage` argument of a GOV.UK field macro, or false when the field is fine. */
export function fieldError(errors: FieldError[] | undefined, field: string) {
  const error = (errors ?? []).find(e => e.field === field)
  return error ? { text: error.message } : false
}

/**
 * Nunjucks's own `trim` is `replace(/^\s*|\s*$/g, '')`, which retries `\s*$` from every space of every indented
 * run: GOV.UK macros trim whole rendered blocks (`caller() | trim`), so it was an eighth of a page's CPU. The same
 * result (JavaScript's `\s` and `String.prototype.trim` strip the same characters), keeping a safe string safe.
 */
function trim(value: unknown) {
  return (nunjucks.runtime as unknown as { copySafeness: (source: unknown, text: string) => unknown }).copySafeness(
    value,
    String(value).trim(),
  )
}

export function registerFilters(env: nunjucks.Environment) {
  env.addFilter('trim', trim)
  env.addFilter('date', formatDate)
  env.addFilter('dateTime', formatDateTime)
  env.addFilter('shortDate', formatShortDate)
  env.addFilter('humaniseDates', humaniseDates)
  env.addGlobal('errorSummaryItems', errorSummaryItems)
  env.addGlobal('fieldError', fieldError)
  env.addGlobal('navigationFor', navigationFor)
}
