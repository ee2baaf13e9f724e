import type { LocalDate } from '@js-joda/core'
import { mappaLevelRefusal } from '../../domain/public-protection/index.ts'
import {
  FieldProblems,
  list,
  parsedOr,
  readDate,
  requiredDate,
  requiredText,
  text,
  type FormBody,
  type Parsed,
} from '../../web/forms.ts'

/**
 * MAPPA's forms → typed commands. Every field name is unique on the MAPPA page (which holds all its forms), so the
 * error summary's links reach the right field whichever form was sent back. What needs the record (is the user a
 * senior, is the member of staff real, is the fact already ended) is judged by the service.
 */

/** The agencies that attend MAPP meetings: the Responsible Authority and the duty-to-co-operate bodies (§3.5). */
export const AGENCIES = [
  { code: 'police', text: 'Police' },
  { code: 'probation', text: 'Probation' },
  { code: 'prison', text: 'Prison service' },
  { code: 'childrens_social_care', text: 'Children’s social care' },
  { code: 'adult_social_care', text: 'Adult social care' },
  { code: 'health', text: 'Health' },
  { code: 'youth_offending', text: 'Youth offending team' },
  { code: 'housing', text: 'Housing' },
  { code: 'immigration', text: 'Immigration' },
  { code: 'jobcentre_plus', text: 'Jobcentre Plus' },
  { code: 'electronic_monitoring', text: 'Electronic monitoring' },
  { code: 'other', text: 'Other' },
] as const
export type AgencyCode = (typeof AGENCIES)[number]['code']
const AGENCY_CODES = new Set<string>(AGENCIES.map(a => a.code))
export const isAgency = (code: string): code is AgencyCode => AGENCY_CODES.has(code)
export const agencyText = (code: string) => AGENCIES.find(a => a.code === code)?.text ?? code

function optional(body: FormBody, name: string, label: string, max: number, p: FieldProblems): string | null {
  const value = text(body, name)
  if (value.length > max) p.add(name, `${label} must be ${max} characters or fewer`)
  return value || null
}

const oneToThree = (value: string): 1 | 2 | 3 | null =>
  value === '1' || value === '2' || value === '3' ? (Number(value) as 1 | 2 | 3) : null

export interface LevelCommand {
  category: 1 | 2 | 3
  level: 1 | 2 | 3
  reason: string
  nextReview: LocalDate
}

/** A level needs a category: a level without one is refused on `category`, naming it. */
export function parseLevelForm(body: FormBody): Parsed<LevelCommand> {
  const p = new FieldProblems()
  const categoryText = text(body, 'category')
  const levelText = text(body, 'level')
  const category = oneToThree(categoryText)
  const level = oneToThree(levelText)
  const refusal = mappaLevelRefusal(category, levelText ? Number(levelText) : null)
  if (categoryText && category === null) p.add('category', 'Choose MAPPA category 1, 2 or 3')
  else if (refusal?.includes('category')) p.add('category', refusal)
  else if (category === null) p.add('category', 'Choose the MAPPA category')
  if (refusal && !refusal.includes('category')) p.add('level', refusal)
  else if (!levelText) p.add('level', 'Choose the MAPPA level')
  const reason = requiredText(body, 'levelReason', 'Enter the reason for the level', 'The reason', 4000, p)
  const nextReview = requiredDate(body, 'nextReview', 'The next review date', p)
  return parsedOr(p, () => ({ category: category!, level: level!, reason, nextReview: nextReview! }))
}

export interface ActionInput {
  description: string
  ownerAgency: AgencyCode | null
  ownerStaffId: number | null
  due: LocalDate
}

export interface MeetingCommand {
  date: LocalDate
  level: 1 | 2 | 3 | null
  agencies: AgencyCode[]
  otherAgency: string | null
  minutes: string | null
  actions: ActionInput[]
}

export function parseMeetingForm(body: FormBody): Parsed<MeetingCommand> {
  const p = new FieldProblems()
  const date = requiredDate(body, 'meetingDate', 'The date of the meeting', p)
  const levelText = text(body, 'meetingLevel')
  const level = oneToThree(levelText)
  if (levelText && level === null) p.add('meetingLevel', 'Choose MAPPA level 1, 2 or 3')
  const agencies = list(body, 'agencies')
  if (agencies.length === 0) p.add('agencies', 'Choose the agencies that attended')
  else if (!agencies.every(isAgency)) p.add('agencies', 'Choose the agencies from the list')
  const otherAgency = optional(body, 'otherAgency', 'The other agency', 200, p)
  if (agencies.includes('other') && !otherAgency) p.add('otherAgency', 'Enter the other agency that attended')
  const minutes = optional(body, 'minutes', 'The minutes', 20_000, p)
  return parsedOr(p, () => ({
    date: date!,
    level,
    agencies: agencies as AgencyCode[],
    otherAgency: agencies.includes('other') ? otherAgency : null,
    minutes,
    actions: [],
  }))
}

export interface ActionCommand extends ActionInput {
  meetingId: number | null
}

export function parseActionForm(body: FormBody): Parsed<ActionCommand> {
  const p = new FieldProblems()
  const meetingText = text(body, 'actionMeeting')
  const meetingId = meetingText ? Number(meetingText) : null
  if (meetingId !== null && (!Number.isSafeInteger(meetingId) || meetingId < 1))
    p.add('actionMeeting', 'Choose the meeting from the list')
  const description = requiredText(body, 'actionDescription', 'Enter what is to be done', 'What is to be done', 2000, p)
  const agency = text(body, 'actionOwnerAgency')
  if (agency && !isAgency(agency)) p.add('actionOwnerAgency', 'Choose the agency from the list')
  const staffText = text(body, 'actionOwnerStaff')
  const staffId = staffText ? Number(staffText) : null
  if (staffId !== null && (!Number.isSafeInteger(staffId) || staffId < 1))
    p.add('actionOwnerStaff', 'Choose the member of staff from the list')
  if (!agency && staffId === null)
    p.add('actionOwnerAgency', 'Choose the agency or the member of staff who owns the action (or both)')
  const due = requiredDate(body, 'actionDue', 'The due date', p)
  return parsedOr(p, () => ({
    meetingId,
    description,
    ownerAgency: (agency || null) as AgencyCode | null,
    ownerStaffId: staffId,
    due: due!,
  }))
}

export interface DoneCommand {
  doneOn: LocalDate
  notes: string | null
}

/** `done-<action id>`: each open action on the page has its own date input. */
export function parseDoneForm(body: FormBody, actionId: number): Parsed<DoneCommand> {
  const p = new FieldProblems()
  const doneOn = requiredDate(body, `done-${actionId}`, 'The date it was done', p)
  const notes = optional(body, `doneNotes-${actionId}`, 'Notes', 4000, p)
  return parsedOr(p, () => ({ doneOn: doneOn!, notes }))
}

export type FactKind = 'hospital_order' | 'notification' | 'children_barred' | 'category3_decision'

export interface FactCommand {
  kind: FactKind
  start: LocalDate
  end: LocalDate | null
  restricted: boolean
  eventId: number | null
  reason: string | null
}

/** Each kind of fact has its own small form with its own field names (`hospital-…`, `notification-…`, …). */
export const FACT_PREFIX: Record<FactKind, string> = {
  hospital_order: 'hospital',
  notification: 'notification',
  children_barred: 'barred',
  category3_decision: 'category3',
}

export function factKindOf(body: FormBody): FactKind | null {
  const kind = text(body, 'kind')
  return kind in FACT_PREFIX ? (kind as FactKind) : null
}

export function parseFactForm(body: FormBody): Parsed<FactCommand> {
  const p = new FieldProblems()
  const kind = factKindOf(body)
  if (!kind) {
    p.add('kind', 'Choose what to record')
    return parsedOr(p, () => null as never)
  }
  const prefix = FACT_PREFIX[kind]
  const label = kind === 'category3_decision' ? 'The date of the decision' : 'The start date'
  const start = requiredDate(body, `${prefix}-start`, label, p)
  let end: LocalDate | null = null
  if (kind === 'notification') {
    end = readDate(body, 'notification-end', 'The end date', p) ?? null
    if (end && start && end.isBefore(start))
      p.add('notification-end-day', 'The end date must be on or after the start date')
  }
  const restrictedText = text(body, 'hospital-restricted')
  if (kind === 'hospital_order' && restrictedText !== 'yes' && restrictedText !== 'no')
    p.add('hospital-restricted', 'Say whether there is a restriction order (section 41)')
  const eventText = kind === 'hospital_order' ? text(body, 'hospital-event') : ''
  const eventId = eventText ? Number(eventText) : null
  if (eventId !== null && (!Number.isSafeInteger(eventId) || eventId < 1))
    p.add('hospital-event', 'Choose the conviction from the list')
  const reason =
    kind === 'category3_decision'
      ? requiredText(body, 'category3-reason', 'Enter the reason for the decision', 'The reason', 4000, p)
      : null
  return parsedOr(p, () => ({
    kind,
    start: start!,
    end,
    restricted: kind === 'hospital_order' && restrictedText === 'yes',
    eventId,
    reason,
  }))
}

export interface EndFactCommand {
  endedOn: LocalDate
  reason: string
}

export function parseEndFactForm(body: FormBody, id: number): Parsed<EndFactCommand> {
  const p = new FieldProblems()
  const endedOn = requiredDate(body, `end-${id}`, 'The date it ended', p)
  const reason = requiredText(body, `endReason-${id}`, 'Enter why it ended', 'The reason', 4000, p)
  return parsedOr(p, () => ({ endedOn: endedOn!, reason }))
}
