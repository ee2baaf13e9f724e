import type { LocalDate } from '@js-joda/core'
import type { UpwRating } from '../../db/schema.ts'
import { minutesBetween, type AttendanceOutcome } from '../../domain/unpaid-work/placement.ts'
import {
  FieldProblems,
  parsedOr,
  readTime,
  requiredDate,
  requiredText,
  text,
  type FormBody,
  type Parsed,
} from '../../web/forms.ts'

/**
 * Sessions' forms → typed commands (issue 17 items 2–4): a new session, allocating a person, removing an allocation,
 * standing a session down, and what the supervisor records for a person. Whether the session may take the person is
 * the service's (src/domain/unpaid-work/placement.ts), which names the same fields.
 */

const YEARS = { from: 2000, to: 2100 }

const hhmm = ([h, m]: [number, number]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`

/** A required time of day as `HH:MM`, or null with an error on the field. */
function requiredTime(body: FormBody, name: string, label: string, p: FieldProblems): string | null {
  const typed = text(body, name)
  const time = typed ? readTime(typed) : null
  if (!typed) p.add(name, `Enter the ${label}, like 09:00`)
  else if (!time) p.add(name, `Enter a real ${label}, like 09:00`)
  return time ? hhmm(time) : null
}

const optional = (body: FormBody, name: string, max: number, label: string, p: FieldProblems): string | null => {
  const value = text(body, name)
  if (value.length > max) p.add(name, `${label} must be ${max} characters or fewer`)
  return value || null
}

/** A whole number of minutes from 0 to `max` (blank: `blank`), or null with an error. */
function minutes(body: FormBody, name: string, label: string, max: number, p: FieldProblems, blank: number | null) {
  const value = text(body, name)
  if (!value) return blank
  if (!/^\d{1,4}$/.test(value) || Number(value) > max) {
    p.add(name, `${label} must be a whole number of minutes from 0 to ${max}`)
    return null
  }
  return Number(value)
}

export interface SessionCommand {
  date: LocalDate
  start: string
  end: string
  supervisorUserId: number | null
  /** Null: the default (the project's capacity, at most 10 for a group). */
  capacity: number | null
  pickUpPoint: string | null
}

export function parseSessionForm(body: FormBody): Parsed<SessionCommand> {
  const p = new FieldProblems()
  const date = requiredDate(body, 'date', 'The date of the session', p, YEARS)
  const start = requiredTime(body, 'startTime', 'start time', p)
  const end = requiredTime(body, 'endTime', 'end time', p)
  if (start && end && end <= start) p.add('endTime', 'The end time must be after the start time')
  const supervisor = text(body, 'supervisor')
  if (supervisor && !/^\d{1,15}$/.test(supervisor)) p.add('supervisor', 'Choose the supervisor')
  const capacityText = text(body, 'capacity')
  if (capacityText && !/^\d{1,2}$/.test(capacityText)) p.add('capacity', 'Enter how many people the session takes')
  const pickUpPoint = optional(body, 'pickUpPoint', 500, 'The pick-up point', p)
  return parsedOr(p, () => ({
    date: date!,
    start: start!,
    end: end!,
    supervisorUserId: supervisor ? Number(supervisor) : null,
    capacity: capacityText ? Number(capacityText) : null,
    pickUpPoint,
  }))
}

export interface AllocateCommand {
  crn: string
  requirementId: number | null
  ete: boolean
}

export function parseAllocateForm(body: FormBody): Parsed<AllocateCommand> {
  const p = new FieldProblems()
  const crn = text(body, 'crn').toUpperCase()
  if (!crn) p.add('crn', 'Enter the CRN of the person')
  else if (!/^[A-Z][0-9]{6}$/.test(crn)) p.add('crn', 'Enter a real CRN, like X123456')
  const requirement = text(body, 'requirement')
  if (requirement && !/^\d{1,15}$/.test(requirement)) p.add('requirement', 'Choose their unpaid work requirement')
  const ete = text(body, 'ete')
  if (ete !== 'yes' && ete !== 'no') p.add('ete', 'Say whether this is education, training or employment activity')
  return parsedOr(p, () => ({ crn, requirementId: requirement ? Number(requirement) : null, ete: ete === 'yes' }))
}

export interface ReasonCommand {
  reason: string
}

export function parseReasonForm(body: FormBody, field: string, missing: string): Parsed<ReasonCommand> {
  const p = new FieldProblems()
  const reason = requiredText(body, field, missing, 'The reason', 2000, p)
  return parsedOr(p, () => ({ reason }))
}

export const ATTENDANCE_OUTCOMES: readonly { value: AttendanceOutcome; text: string; hint?: string }[] = [
  { value: 'worked', text: 'Worked' },
  { value: 'sent_home', text: 'Sent home', hint: 'For their behaviour or another reason: give the reason' },
  { value: 'stood_down', text: 'Stood down', hint: 'No work for them (weather, no supervisor): not their fault' },
  { value: 'absent_acceptable', text: 'Absent – acceptable', hint: 'A reason you accept, like illness with evidence' },
  { value: 'absent_unacceptable', text: 'Absent – unacceptable', hint: 'No reasonable excuse: enforcement follows' },
]

export const RATINGS: readonly { value: UpwRating; text: string }[] = [
  { value: 'excellent', text: 'Excellent' },
  { value: 'good', text: 'Good' },
  { value: 'satisfactory', text: 'Satisfactory' },
  { value: 'unsatisfactory', text: 'Unsatisfactory' },
  { value: 'poor', text: 'Poor' },
]

export interface RecordCommand {
  outcome: AttendanceOutcome
  /** Sent home: whether it was for their behaviour (a failure to comply). */
  forBehaviour: boolean
  reason: string | null
  timeIn: string | null
  timeOut: string | null
  minutesWorked: number
  travelMinutes: number
  penaltyMinutes: number
  workQuality: UpwRating | null
  behaviour: UpwRating | null
  hiVisWorn: boolean | null
  notes: string | null
}

const optionalTime = (body: FormBody, name: string, label: string, p: FieldProblems) =>
  text(body, name) ? requiredTime(body, name, label, p) : null

export function parseRecordForm(body: FormBody): Parsed<RecordCommand> {
  const p = new FieldProblems()
  const outcome = ATTENDANCE_OUTCOMES.find(o => o.value === text(body, 'outcome'))?.value
  if (!outcome) p.add('outcome', 'Choose what happened')
  const attended = outcome === 'worked' || outcome === 'sent_home'
  const reason = optional(body, 'reason', 2000, 'The reason', p)
  if (outcome && outcome !== 'worked' && outcome !== 'absent_unacceptable' && !reason)
    p.add('reason', 'Enter the reason')
  const timeIn = optionalTime(body, 'timeIn', 'time in', p)
  const timeOut = optionalTime(body, 'timeOut', 'time out', p)
  if (attended && !text(body, 'timeIn')) p.add('timeIn', 'Enter the time they started, like 09:00')
  if (attended && !text(body, 'timeOut')) p.add('timeOut', 'Enter the time they finished, like 16:00')
  if (timeIn && timeOut && timeOut <= timeIn) p.add('timeOut', 'The time out must be after the time in')
  const byTimes = timeIn && timeOut ? minutesBetween(timeIn, timeOut) : 0
  const worked = minutes(body, 'minutesWorked', 'Minutes worked', 1440, p, byTimes)
  const travel = minutes(body, 'travelMinutes', 'Travel minutes', 600, p, 0)
  const penalty = minutes(body, 'penaltyMinutes', 'Penalty minutes', 1440, p, 0)
  const rating = (name: string) => RATINGS.find(r => r.value === text(body, name))?.value ?? null
  const hiVis = text(body, 'hiVisWorn')
  const notes = optional(body, 'notes', 2000, 'Notes', p)
  return parsedOr(p, () => ({
    outcome: outcome!,
    forBehaviour: outcome === 'sent_home' && text(body, 'forBehaviour') === 'yes',
    reason,
    timeIn: attended ? timeIn : null,
    timeOut: attended ? timeOut : null,
    minutesWorked: attended ? worked! : 0,
    travelMinutes: attended ? travel! : 0,
    penaltyMinutes: attended ? penalty! : 0,
    workQuality: attended ? rating('workQuality') : null,
    behaviour: attended ? rating('behaviour') : null,
    hiVisWorn: attended && (hiVis === 'yes' || hiVis === 'no') ? hiVis === 'yes' : null,
    notes,
  }))
}
