import { KEEP_MINUTES, type KeptSubmission } from './kept-submissions.ts'

/** Field names as words: `contactType` and `date-day` → "Contact type", "Date day". */
function fieldLabel(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_[\].]+/g, ' ')
    .trim()
    .toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/**
 * The page asking a user who has signed in again to submit the form kept when their session ended: the fields go
 * back as hidden inputs (each value of a repeated name), the ones with something in them are shown to check.
 */
export function keptSubmissionView(id: string, kept: KeptSubmission) {
  const entries = Object.entries(kept.fields).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value]).map(v => ({ name, value: v })),
  )
  return {
    pageTitle: 'Submit your changes',
    id,
    path: kept.path,
    keptAt: kept.keptAt,
    expiresAt: kept.expiresAt,
    hidden: entries,
    shown: shownFields(entries),
  }
}

const MONTHS = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })

/** A GOV.UK date input's three parts as a date in words ("5 December 2026"), or as typed if it is not a date. */
function dateInWords(day: string, month: string, year: string): string {
  const d = Number(day)
  const m = Number(month)
  const y = Number(year)
  const date = new Date(Date.UTC(y, m - 1, d))
  const real = Number.isInteger(d + m + y) && y >= 1000 && date.getUTCDate() === d && date.getUTCMonth() === m - 1
  return real ? MONTHS.format(date) : [day, month, year].join(' ').trim()
}

/** The fields with something in them, labelled, a date input's `x-day`, `x-month` and `x-year` as one date. */
function shownFields(entries: { name: string; value: string }[]): { label: string; value: string }[] {
  const valueOf = (name: string) => entries.find(e => e.name === name)?.value
  const rows: { label: string; value: string }[] = []
  for (const { name, value } of entries) {
    const datePart = /^(.*)-(day|month|year)$/.exec(name)
    const base = datePart?.[1]
    const isDate = base !== undefined && valueOf(`${base}-month`) !== undefined && valueOf(`${base}-year`) !== undefined
    if (isDate && datePart?.[2] !== 'day') continue
    const shown = isDate
      ? dateInWords(valueOf(`${base}-day`) ?? '', valueOf(`${base}-month`) ?? '', valueOf(`${base}-year`) ?? '')
      : value.trim()
    if (shown) rows.push({ label: fieldLabel(isDate ? base : name), value: isDate ? shown : value })
  }
  return rows
}

/** What a user is told when a kept form cannot be shown (expired, used, another browser or another user). */
export const keptSubmissionGone = {
  pageTitle: 'Your changes cannot be submitted',
  heading: 'Your changes cannot be submitted',
  message:
    `These changes are no longer kept. Changes are kept for ${KEEP_MINUTES} minutes after you are signed out, only in the ` +
    'browser you were using and only for you, and can be submitted once. Go back to the page and enter them again.',
}
