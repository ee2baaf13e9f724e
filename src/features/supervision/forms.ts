import type { LocalDate } from '@js-joda/core'
import {
  isAcceptableAbsenceReason,
  isOutcomeCode,
  OUTCOMES,
  type OutcomeCode,
} from '../../domain/enforcement/outcomes.ts'
import type { FieldError } from '../../errors.ts'
import { APPOINTMENT_TYPES, CONTACT_TYPES, DURATIONS, OTHER_CONTACT_TYPES } from './reference-data.ts'

/**
 * Supervision's forms: the submitted body (flat, URL-encoded, works without JavaScript) in, a typed command or every
 * field error out. Pure. Field names are element ids, so an error's `field` is what the error summary links to (date
 * inputs link to their day field: `<name>-day`). Rules that need the record (order dates, clashes, the lifecycle)
 * are the service's.
 */

import {
  FieldProblems as Problems,
  readDate as readSharedDate,
  readTime,
  text,
  type FormBody,
  type Parsed,
} from '../../web/forms.ts'

/** undefined when blank, null (error recorded) when incomplete, impossible or outside the calendar's years. */
export function readDate(body: FormBody, name: string, label: string, p: Problems): LocalDate | null | undefined {
  return readSharedDate(body, name, label, p, { from: 2000, to: 2040 })
}

// ── Arrange an appointment ──────────────────────────────────────────────────────────────────────────────────

export type Repeat = 'none' | 'weekly' | 'fortnightly'

export interface AppointmentCommand {
  type: string
  staffId: number
  location: string
  date: LocalDate
  hour: number
  minute: number
  durationMinutes: number
  /** `event:<id>` or `requirement:<id>`, or null when the person has nothing to link to. */
  link: { kind: 'event' | 'requirement'; id: number } | null
  sensitive: boolean
  notes: string | null
  repeat: Repeat
  occurrences: number | null
  until: LocalDate | null
}

export const MAX_OCCURRENCES = 52

export function parseLink(value: string): AppointmentCommand['link'] | undefined {
  if (!value) return null
  const m = /^(event|requirement):(\d{1,15})$/.exec(value)
  return m ? { kind: m[1] as 'event' | 'requirement', id: Number(m[2]) } : undefined
}

export function parseAppointmentForm(body: FormBody): Parsed<AppointmentCommand> {
  const p = new Problems()
  const type = text(body, 'type')
  if (!type) p.add('type', 'Choose the type of appointment')
  else if (!APPOINTMENT_TYPES.some(t => t.code === type)) p.add('type', 'Choose a type of appointment from the list')
  const staff = text(body, 'staffId')
  if (!/^\d{1,15}$/.test(staff)) p.add('staffId', 'Choose who the appointment is with')
  const location = text(body, 'location')
  if (!location) p.add('location', 'Enter where the appointment is')
  else if (location.length > 200) p.add('location', 'Location must be 200 characters or fewer')
  const date = readDate(body, 'date', 'Date', p)
  if (date === undefined) p.add('date-day', 'Enter the date of the appointment')
  const timeText = text(body, 'time')
  const time = timeText ? readTime(timeText) : null
  if (!timeText) p.add('time', 'Enter the time of the appointment')
  else if (!time) p.add('time', 'Enter a real time, like 9:30 or 14:00')
  const duration = Number(text(body, 'duration'))
  if (!DURATIONS.some(d => d.minutes === duration)) p.add('duration', 'Choose how long the appointment is')
  const link = parseLink(text(body, 'link'))
  if (link === undefined) p.add('link', 'Choose the order or requirement from the list')
  const notes = text(body, 'notes')
  const repeat = (text(body, 'repeat') || 'none') as Repeat
  if (!['none', 'weekly', 'fortnightly'].includes(repeat)) p.add('repeat', 'Choose whether the appointment repeats')
  let occurrences: number | null = null
  let until: LocalDate | null = null
  if (repeat === 'weekly' || repeat === 'fortnightly') {
    const count = text(body, 'occurrences')
    const untilDate = readDate(body, 'until', 'Repeat until', p)
    if (count && untilDate)
      p.add('occurrences', 'Enter either how many appointments or the date they repeat until, not both')
    else if (count) {
      if (!/^\d{1,3}$/.test(count) || Number(count) < 2 || Number(count) > MAX_OCCURRENCES) {
        p.add('occurrences', `Number of appointments must be between 2 and ${MAX_OCCURRENCES}`)
      } else occurrences = Number(count)
    } else if (untilDate) {
      if (date && !untilDate.isAfter(date)) p.add('until-day', 'Repeat until must be after the first appointment')
      else until = untilDate
    } else if (untilDate === undefined) {
      p.add('occurrences', 'Enter how many appointments, or the date they repeat until')
    }
  }
  if (p.errors.length || !date || !time) return { ok: false, errors: p.errors }
  return {
    ok: true,
    value: {
      type,
      staffId: Number(staff),
      location,
      date,
      hour: time[0],
      minute: time[1],
      durationMinutes: duration,
      link: link ?? null,
      sensitive: text(body, 'sensitive') === 'yes',
      notes: notes || null,
      repeat,
      occurrences,
      until,
    },
  }
}

/**
 * The dates of a series: the first date, then every 7 or 14 days, either `occurrences` in all or up to and including
 * `until` (at most 52).
 *
 * @example
 * seriesDates(LocalDate.parse('2026-01-05'), 'weekly', 3, null).map(String) // ['2026-01-05', '2026-01-12', '2026-01-19']
 */
export function seriesDates(
  first: LocalDate,
  repeat: Repeat,
  occurrences: number | null,
  until: LocalDate | null,
): LocalDate[] {
  if (repeat === 'none') return [first]
  const step = repeat === 'weekly' ? 7 : 14
  const dates: LocalDate[] = []
  for (let d = first; dates.length < MAX_OCCURRENCES; d = d.plusDays(step)) {
    if (occurrences !== null && dates.length >= occurrences) break
    if (until !== null && d.isAfter(until)) break
    dates.push(d)
  }
  return dates
}

// ── Reschedule ──────────────────────────────────────────────────────────────────────────────────────────────

export interface RescheduleCommand {
  date: LocalDate
  hour: number
  minute: number
  durationMinutes: number
  staffId: number
  location: string
  requestedBy: 'person' | 'service'
  reason: string
  version: number
}

export function parseRescheduleForm(body: FormBody): Parsed<RescheduleCommand> {
  const p = new Problems()
  const date = readDate(body, 'date', 'Date', p)
  if (date === undefined) p.add('date-day', 'Enter the new date')
  const timeText = text(body, 'time')
  const time = timeText ? readTime(timeText) : null
  if (!timeText) p.add('time', 'Enter the new time')
  else if (!time) p.add('time', 'Enter a real time, like 9:30 or 14:00')
  const duration = Number(text(body, 'duration'))
  if (!DURATIONS.some(d => d.minutes === duration)) p.add('duration', 'Choose how long the appointment is')
  const staff = text(body, 'staffId')
  if (!/^\d{1,15}$/.test(staff)) p.add('staffId', 'Choose who the appointment is with')
  const location = text(body, 'location')
  if (!location) p.add('location', 'Enter where the appointment is')
  else if (location.length > 200) p.add('location', 'Location must be 200 characters or fewer')
  const requestedBy = text(body, 'requestedBy')
  if (requestedBy !== 'person' && requestedBy !== 'service') p.add('requestedBy', 'Choose who asked for the change')
  const reason = text(body, 'reason')
  if (!reason) p.add('reason', 'Enter why the appointment is being moved')
  else if (reason.length > 2000) p.add('reason', 'Reason must be 2000 characters or fewer')
  const version = Number(text(body, 'version'))
  if (!Number.isInteger(version) || version < 1) p.add('version', 'Reload the page and try again')
  if (p.errors.length || !date || !time) return { ok: false, errors: p.errors }
  return {
    ok: true,
    value: {
      date,
      hour: time[0],
      minute: time[1],
      durationMinutes: duration,
      staffId: Number(staff),
      location,
      requestedBy: requestedBy as 'person' | 'service',
      reason,
      version,
    },
  }
}

// ── Outcome ─────────────────────────────────────────────────────────────────────────────────────────────────

export interface OutcomeCommand {
  outcome: OutcomeCode
  reason: string | null
  notes: string | null
  version: number
}

export function parseOutcomeForm(body: FormBody): Parsed<OutcomeCommand> {
  const p = new Problems()
  const outcome = text(body, 'outcome')
  if (!outcome) p.add('outcome', 'Choose the outcome')
  else if (!isOutcomeCode(outcome)) p.add('outcome', 'Choose an outcome from the list')
  let reason: string | null = null
  if (isOutcomeCode(outcome) && OUTCOMES[outcome].needsReason) {
    reason = text(body, 'reason')
    if (!reason) p.add('reason', 'Choose the reason for the absence')
    else if (!isAcceptableAbsenceReason(reason)) p.add('reason', 'Choose a reason from the list')
  }
  const notes = text(body, 'notes')
  const version = Number(text(body, 'version'))
  if (!Number.isInteger(version) || version < 1) p.add('version', 'Reload the page and try again')
  if (p.errors.length) return { ok: false, errors: p.errors }
  return { ok: true, value: { outcome: outcome as OutcomeCode, reason, notes: notes || null, version } }
}

// ── Other contacts ──────────────────────────────────────────────────────────────────────────────────────────

export interface ContactCommand {
  type: string
  date: LocalDate
  /** The time as typed, or null when it was left blank (the service then uses "now" for today, midday before). */
  time: { hour: number; minute: number } | null
  notes: string | null
  sensitive: boolean
}

export function parseContactForm(body: FormBody, today: LocalDate): Parsed<ContactCommand> {
  const p = new Problems()
  const type = text(body, 'type')
  if (!type) p.add('type', 'Choose the type of contact')
  else if (!OTHER_CONTACT_TYPES.some(t => t.code === type)) p.add('type', 'Choose a type of contact from the list')
  const date = readDate(body, 'date', 'Date', p)
  if (date === undefined) p.add('date-day', 'Enter the date of the contact')
  else if (date && date.isAfter(today)) p.add('date-day', 'Date must be today or in the past')
  const timeText = text(body, 'time')
  const time = timeText ? readTime(timeText) : null
  if (timeText && !time) p.add('time', 'Enter a real time, like 9:30 or 14:00')
  const notes = text(body, 'notes')
  if (!notes) p.add('notes', 'Enter notes about the contact')
  if (p.errors.length || !date) return { ok: false, errors: p.errors }
  return {
    ok: true,
    value: {
      type,
      date,
      time: time ? { hour: time[0], minute: time[1] } : null,
      notes,
      sensitive: text(body, 'sensitive') === 'yes',
    },
  }
}

// ── Activity log filters ────────────────────────────────────────────────────────────────────────────────────

export interface ActivityQuery {
  category: string
  outcome: string
  nationalStandard: '' | 'yes' | 'no'
  system: '' | 'yes' | 'no'
  from: LocalDate | null
  to: LocalDate | null
  q: string
}

/** One page of the activity log as asked for: the filters (and any of their errors) and the page number. */
export interface ActivityRequest {
  filters: ActivityQuery
  errors: FieldError[]
  pageNumber: number
}

/** Reads the activity log's query string: filters and a page number between 1 and 10,000 (1 when absent or bad). */
export function parseActivityRequest(query: FormBody): ActivityRequest {
  const { value, errors } = parseActivityQuery(query)
  const pageNumber = Math.max(1, Math.min(10_000, Math.trunc(Number(text(query, 'page'))) || 1))
  return { filters: value, errors, pageNumber }
}

export function parseActivityQuery(query: FormBody): { value: ActivityQuery; errors: FieldError[] } {
  const p = new Problems()
  const yesNo = (v: string) => (v === 'yes' || v === 'no' ? v : '')
  const from = readDate(query, 'from', 'From date', p) ?? null
  const to = readDate(query, 'to', 'To date', p) ?? null
  if (from && to && to.isBefore(from)) p.add('to-day', 'To date must be the same as or after the from date')
  const category = text(query, 'category')
  const outcome = text(query, 'outcome')
  return {
    value: {
      category: CONTACT_TYPES.some(t => t.category === category) ? category : '',
      outcome:
        outcome === 'none' || isOutcomeCode(outcome) || outcome.startsWith('rescheduled_') ? outcome.slice(0, 40) : '',
      nationalStandard: yesNo(text(query, 'ns')),
      system: yesNo(text(query, 'system')),
      from,
      to,
      q: text(query, 'q').slice(0, 200),
    },
    errors: p.errors,
  }
}

// ── Enforcement ─────────────────────────────────────────────────────────────────────────────────────────────

/** Marking an enforcement action done: the version it was read at (checked by the service). */
export interface CompleteActionCommand {
  version: number
}

export function parseCompleteActionForm(body: FormBody): CompleteActionCommand {
  return { version: Number(text(body, 'version')) }
}

/** A letter marked as sent (or its sent date corrected): the date it went out, null when left blank (today). */
export interface LetterSentCommand {
  version: number
  sentOn: LocalDate | null
}

/** `name` is the date input's name (`sent-<action id>`, so each letter on the page has its own). */
export function parseLetterSentForm(body: FormBody, name: string): Parsed<LetterSentCommand> {
  const p = new Problems()
  const sentOn = readDate(body, name, 'The date sent', p)
  const version = Number(text(body, 'version'))
  if (!Number.isInteger(version) || version < 1) p.add('version', 'Reload the page and try again')
  if (p.errors.length || sentOn === null) return { ok: false, errors: p.errors }
  return { ok: true, value: { version, sentOn: sentOn ?? null } }
}

/**
 * Moving a breach or recall on, as submitted. The service judges it against the breach's or recall's process
 * (which status may follow, whether a court date or decision is needed), so the fields are read, not judged, here.
 */
export interface BreachUpdateCommand {
  status: string
  version: number
  notes: string | null
  /** The court date as typed (YYYY-MM-DD), or ''. */
  courtDate: string
  /** The court's outcome (a breach), the recommendation or the recall type (a recall), or ''. */
  decision: string
}

export function parseBreachForm(body: FormBody): BreachUpdateCommand {
  return {
    status: text(body, 'status'),
    version: Number(text(body, 'version')),
    notes: text(body, 'notes') || null,
    courtDate: text(body, 'courtDate'),
    decision: text(body, 'decision'),
  }
}
