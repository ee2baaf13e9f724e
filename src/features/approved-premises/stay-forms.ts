import type { LocalDate } from '@js-joda/core'
import type { ApDepartureReason } from '../../db/schema.ts'
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
 * A stay's forms → typed commands (issue 16 item 4): arrival, non-arrival, keyworker, a sign-in or curfew check, an
 * incident, an activity, the move-on plan and the departure. Date fields are GOV.UK date inputs (error on
 * `<name>-day`). Whether the dates fit the booking is the service's (src/domain/approved-premises/stays.ts), which
 * names the same fields.
 */

const YEARS = { from: 2000, to: 2100 }

const optional = (body: FormBody, name: string, max: number, label: string, p: FieldProblems): string | null => {
  const value = text(body, name)
  if (value.length > max) p.add(name, `${label} must be ${max} characters or fewer`)
  return value || null
}

export interface ArrivalCommand {
  arrival: LocalDate
  notes: string | null
}

export function parseArrivalForm(body: FormBody): Parsed<ArrivalCommand> {
  const p = new FieldProblems()
  const arrival = requiredDate(body, 'arrival', 'The date they arrived', p, YEARS)
  const notes = optional(body, 'arrivalNotes', 2000, 'Notes', p)
  return parsedOr(p, () => ({ arrival: arrival!, notes }))
}

export interface NonArrivalCommand {
  reason: string
}

export function parseNonArrivalForm(body: FormBody): Parsed<NonArrivalCommand> {
  const p = new FieldProblems()
  const reason = requiredText(body, 'nonArrivalReason', 'Enter why they did not arrive', 'The reason', 2000, p)
  return parsedOr(p, () => ({ reason }))
}

export const DEPARTURE_REASONS: readonly { value: ApDepartureReason; text: string }[] = [
  { value: 'planned_move_on', text: 'Planned move-on' },
  { value: 'recall', text: 'Recalled to custody' },
  { value: 'breach', text: 'Breach of licence or of the premises’ rules' },
  { value: 'absconded', text: 'Absconded' },
  { value: 'other', text: 'Other' },
]

export const DESTINATIONS = [
  { value: 'address', text: 'An address' },
  { value: 'custody', text: 'Custody' },
  { value: 'unknown', text: 'Not known' },
] as const
export type Destination = (typeof DESTINATIONS)[number]['value']

export interface DepartureCommand {
  departure: LocalDate
  reason: ApDepartureReason
  destination: Destination
  address: string | null
  postcode: string | null
  notes: string | null
}

const POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/

export function parseDepartureForm(body: FormBody): Parsed<DepartureCommand> {
  const p = new FieldProblems()
  const departure = requiredDate(body, 'departure', 'The date they left', p, YEARS)
  const reason = DEPARTURE_REASONS.find(r => r.value === text(body, 'reason'))?.value
  if (!reason) p.add('reason', 'Choose why they left')
  const destination = DESTINATIONS.find(d => d.value === text(body, 'destination'))?.value
  if (!destination) p.add('destination', 'Choose where they went')
  let address: string | null = null
  let postcode: string | null = null
  if (destination === 'address') {
    address = requiredText(body, 'address', 'Enter the address they moved to', 'The address', 1000, p)
    postcode = text(body, 'postcode').toUpperCase().replace(/\s+/g, ' ')
    if (!postcode) p.add('postcode', 'Enter the postcode of the address')
    else if (!POSTCODE.test(postcode)) p.add('postcode', 'Enter a real postcode, like NT1 2AB')
  }
  const notes = optional(body, 'departureNotes', 2000, 'Notes', p)
  return parsedOr(p, () => ({
    departure: departure!,
    reason: reason!,
    destination: destination!,
    address,
    postcode,
    notes,
  }))
}

export interface KeyworkerCommand {
  userId: number
}

export function parseKeyworkerForm(body: FormBody): Parsed<KeyworkerCommand> {
  const p = new FieldProblems()
  const id = text(body, 'keyworker')
  if (!/^\d{1,15}$/.test(id)) p.add('keyworker', 'Choose the keyworker')
  return parsedOr(p, () => ({ userId: Number(id) }))
}

export interface CheckCommand {
  kind: 'sign_in' | 'curfew_check'
  date: LocalDate
  time: string
  present: boolean
  notes: string | null
}

const hhmm = ([h, m]: [number, number]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`

export function parseCheckForm(body: FormBody): Parsed<CheckCommand> {
  const p = new FieldProblems()
  const kind = text(body, 'checkKind')
  if (kind !== 'sign_in' && kind !== 'curfew_check') p.add('checkKind', 'Choose a sign-in or a curfew check')
  const date = requiredDate(body, 'check', 'The date of the check', p, YEARS)
  const typed = text(body, 'checkTime')
  const time = typed ? readTime(typed) : null
  if (!typed) p.add('checkTime', 'Enter the time, like 23:15')
  else if (!time) p.add('checkTime', 'Enter a real time, like 23:15')
  const presence = text(body, 'present')
  // A sign-in is the person coming in: they are present.
  if (kind === 'curfew_check' && presence !== 'yes' && presence !== 'no')
    p.add('present', 'Say whether they were present')
  const notes = optional(body, 'checkNotes', 2000, 'Notes', p)
  return parsedOr(p, () => ({
    kind: kind as CheckCommand['kind'],
    date: date!,
    time: hhmm(time!),
    present: kind === 'sign_in' || presence === 'yes',
    notes,
  }))
}

export const INCIDENT_KINDS = [
  { value: 'violence', text: 'Violence' },
  { value: 'threats', text: 'Threats or abuse' },
  { value: 'damage', text: 'Damage to property' },
  { value: 'drugs_alcohol', text: 'Drugs or alcohol' },
  { value: 'self_harm', text: 'Self-harm' },
  { value: 'rules', text: 'Breaking the premises’ rules' },
  { value: 'other', text: 'Other' },
] as const

export const ACTIVITY_KINDS = [
  { value: 'keywork_session', text: 'Keywork session' },
  { value: 'group_work', text: 'Group work' },
  { value: 'education_training', text: 'Education or training' },
  { value: 'employment', text: 'Work' },
  { value: 'health', text: 'Health appointment' },
  { value: 'leisure', text: 'Leisure' },
  { value: 'other', text: 'Other' },
] as const

export interface IncidentCommand {
  date: LocalDate
  kind: string
  description: string
}

export function parseIncidentForm(body: FormBody): Parsed<IncidentCommand> {
  const p = new FieldProblems()
  const date = requiredDate(body, 'incident', 'The date of the incident', p, YEARS)
  const kind = INCIDENT_KINDS.find(k => k.value === text(body, 'incidentKind'))?.value
  if (!kind) p.add('incidentKind', 'Choose the kind of incident')
  const description = requiredText(body, 'incidentDescription', 'Describe what happened', 'The description', 4000, p)
  return parsedOr(p, () => ({ date: date!, kind: kind!, description }))
}

export interface ActivityCommand {
  date: LocalDate
  kind: string
  note: string
}

export function parseActivityForm(body: FormBody): Parsed<ActivityCommand> {
  const p = new FieldProblems()
  const date = requiredDate(body, 'activity', 'The date of the activity', p, YEARS)
  const kind = ACTIVITY_KINDS.find(k => k.value === text(body, 'activityKind'))?.value
  if (!kind) p.add('activityKind', 'Choose the kind of activity')
  const note = requiredText(body, 'activityNote', 'Enter a note of the activity', 'The note', 4000, p)
  return parsedOr(p, () => ({ date: date!, kind: kind!, note }))
}

export interface MoveOnCommand {
  plan: string
}

export function parseMoveOnForm(body: FormBody): Parsed<MoveOnCommand> {
  const p = new FieldProblems()
  const plan = requiredText(body, 'moveOnPlan', 'Enter the move-on plan', 'The move-on plan', 4000, p)
  return parsedOr(p, () => ({ plan }))
}
