import { LocalDate } from '@js-joda/core'
import {
  FieldProblems,
  list,
  parsedOr,
  readTime,
  requiredDate,
  requiredText,
  text,
  type FormBody,
  type Parsed,
} from '../../web/forms.ts'

/**
 * The partner portal's forms → typed commands (issue 18 items 3–4). The JSON partner API builds the same commands
 * from its bodies (`partner-api.ts`), so a page and the API refuse the same input with the same fields. Whether the
 * referral's state allows the change is the use case's (`src/domain/partner-services/portal-rules.ts`).
 */

export interface DeclineCommand {
  readonly reason: string
}
export interface CaseworkerCommand {
  readonly userId: number
}
export interface ActionPlanCommand {
  /** The version the form was showing (null: none yet). */
  readonly editing: number | null
  /** The partner chose to submit a new version of an approved plan. */
  readonly newVersion: boolean
  readonly activities: string[]
  readonly numberOfSessions: number
}
export type Attendance = 'yes' | 'late' | 'no'
export interface SessionCommand {
  readonly date: LocalDate
  readonly startTime: string
  readonly endTime: string
  readonly attended: Attendance
  readonly notes: string | null
  readonly nonAttendanceReason: string | null
}
export type Achievement = 'achieved' | 'partially_achieved' | 'not_achieved'
export interface ReportCommand {
  /** By desired outcome id; the use case checks every desired outcome has an answer and commentary. */
  readonly outcomes: ReadonlyMap<number, { achievement: Achievement | null; commentary: string }>
  readonly furtherInformation: string | null
}
export interface IncidentCommand {
  readonly date: LocalDate
  readonly time: string
  readonly description: string
}

export const ATTENDANCE: readonly Attendance[] = ['yes', 'late', 'no']
export const ACHIEVEMENTS: readonly Achievement[] = ['achieved', 'partially_achieved', 'not_achieved']
const YEARS = { from: 2000, to: 2100 }
const LONG = 5000

const hhmm = ([h, m]: [number, number]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`

/** A required time of day as `HH:MM`, or '' with an error on the field. */
export function requiredTime(value: string, name: string, label: string, p: FieldProblems): string {
  const time = value ? readTime(value) : null
  if (!value) p.add(name, `Enter the ${label}, like 09:00`)
  else if (!time) p.add(name, `Enter a real ${label}, like 09:00`)
  return time ? hhmm(time) : ''
}

function optional(value: string, name: string, label: string, p: FieldProblems): string | null {
  if (value.length > LONG) p.add(name, `${label} must be ${LONG} characters or fewer`)
  return value || null
}

export function parseDeclineForm(body: FormBody): Parsed<DeclineCommand> {
  const p = new FieldProblems()
  const reason = requiredText(body, 'reason', 'Enter why you are declining the referral', 'The reason', LONG, p)
  return parsedOr(p, () => ({ reason }))
}

export function parseCaseworkerForm(body: FormBody): Parsed<CaseworkerCommand> {
  const p = new FieldProblems()
  const value = text(body, 'caseworker')
  if (!/^\d{1,12}$/.test(value)) p.add('caseworker', 'Select the caseworker')
  return parsedOr(p, () => ({ userId: Number(value) }))
}

/** The plan's fields as given (a form's or the API's). */
export function actionPlanCommand(input: {
  version: string
  newVersion: boolean
  activities: readonly string[]
  numberOfSessions: string
}): Parsed<ActionPlanCommand> {
  const p = new FieldProblems()
  const activities = input.activities.map(a => a.trim()).filter(Boolean)
  if (activities.length === 0) p.add('activities', 'Enter at least one activity')
  else if (activities.some(a => a.length > 1000)) p.add('activities', 'An activity must be 1000 characters or fewer')
  else if (activities.length > 20) p.add('activities', 'Enter 20 activities or fewer')
  const sessions = input.numberOfSessions.trim()
  if (!sessions) p.add('numberOfSessions', 'Enter the number of sessions')
  else if (!/^\d{1,3}$/.test(sessions) || Number(sessions) < 1 || Number(sessions) > 100)
    p.add('numberOfSessions', 'The number of sessions must be a whole number from 1 to 100')
  const version = input.version.trim()
  const editing = /^\d{1,6}$/.test(version) ? Number(version) : null
  return parsedOr(p, () => ({ editing, newVersion: input.newVersion, activities, numberOfSessions: Number(sessions) }))
}

export function parseActionPlanForm(body: FormBody): Parsed<ActionPlanCommand> {
  return actionPlanCommand({
    version: text(body, 'version'),
    newVersion: text(body, 'newVersion') === 'yes',
    activities: list(body, 'activities'),
    numberOfSessions: text(body, 'numberOfSessions'),
  })
}

/** A session's fields as given: date (a LocalDate, null when missing or not a real date), times, attendance, notes. */
export function sessionCommand(
  input: { date: LocalDate | null; startTime: string; endTime: string; attended: string; notes: string; why: string },
  p: FieldProblems,
): Parsed<SessionCommand> {
  const startTime = requiredTime(input.startTime, 'startTime', 'start time', p)
  const endTime = requiredTime(input.endTime, 'endTime', 'end time', p)
  const attended = ATTENDANCE.find(a => a === input.attended)
  if (!attended) p.add('attended', 'Select whether they attended')
  const notes = optional(input.notes, 'notes', 'Notes', p)
  const why = optional(input.why, 'nonAttendanceReason', 'What you know of why', p)
  return parsedOr(p, () => ({
    date: input.date!,
    startTime,
    endTime,
    attended: attended!,
    notes,
    nonAttendanceReason: attended === 'no' ? why : null,
  }))
}

export function parseSessionForm(body: FormBody): Parsed<SessionCommand> {
  const p = new FieldProblems()
  const date = requiredDate(body, 'date', 'Session date', p, YEARS)
  return sessionCommand(
    {
      date,
      startTime: text(body, 'startTime'),
      endTime: text(body, 'endTime'),
      attended: text(body, 'attended'),
      notes: text(body, 'notes'),
      why: text(body, 'nonAttendanceReason'),
    },
    p,
  )
}

/** The report's answers by desired outcome (`achievement-<id>`, `commentary-<id>`) and further information. */
export function parseReportForm(body: FormBody): Parsed<ReportCommand> {
  const p = new FieldProblems()
  const outcomes = new Map<number, { achievement: Achievement | null; commentary: string }>()
  for (const key of Object.keys(body)) {
    const m = /^(achievement|commentary)-(\d{1,12})$/.exec(key)
    if (!m) continue
    const id = Number(m[2])
    const entry = outcomes.get(id) ?? { achievement: null, commentary: '' }
    if (m[1] === 'achievement') entry.achievement = ACHIEVEMENTS.find(a => a === text(body, key)) ?? null
    else entry.commentary = text(body, key)
    outcomes.set(id, entry)
  }
  const furtherInformation = optional(text(body, 'furtherInformation'), 'furtherInformation', 'Further information', p)
  return parsedOr(p, () => ({ outcomes, furtherInformation }))
}

/** An incident's fields as given: when (date and time) and what happened. */
export function incidentCommand(
  input: { date: LocalDate | null; time: string; description: string },
  p: FieldProblems,
): Parsed<IncidentCommand> {
  const time = requiredTime(input.time, 'time', 'time', p)
  const description = input.description.trim()
  if (!description) p.add('description', 'Enter what happened')
  else if (description.length > LONG) p.add('description', `What happened must be ${LONG} characters or fewer`)
  return parsedOr(p, () => ({ date: input.date!, time, description }))
}

export function parseIncidentForm(body: FormBody): Parsed<IncidentCommand> {
  const p = new FieldProblems()
  const date = requiredDate(body, 'date', 'Date of the incident', p, YEARS)
  return incidentCommand({ date, time: text(body, 'time'), description: text(body, 'description') }, p)
}

/** An ISO date from the API (`YYYY-MM-DD`), or null with an error on `field`. */
export function apiDate(value: string | undefined, field: string, label: string, p: FieldProblems): LocalDate | null {
  if (!value) {
    p.add(field, `Enter ${label.toLowerCase()}`)
    return null
  }
  try {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error('not a date')
    return LocalDate.parse(value)
  } catch {
    p.add(field, `${label} must be a real date, like 2026-12-07`)
    return null
  }
}
