import type { LocalDate } from '@js-joda/core'
import { isPathway, RESETTLEMENT_PATHWAYS, type PathwayCode } from '../../domain/resettlement/index.ts'
import {
  FieldProblems,
  parsedOr,
  requiredDate,
  requiredText,
  text,
  type FormBody,
  type Parsed,
} from '../../web/forms.ts'

/**
 * Through the Gate's forms → typed commands. Every field name is unique on the resettlement page (which holds all
 * its forms), so the error summary's links reach the right field whichever form was sent back. What needs the
 * record (is there a custodial sentence, is part 2 needed, is the date after reception) is judged by the service.
 */

/** A bounded optional text: null when blank, an error naming the field when too long. */
function optional(body: FormBody, name: string, label: string, max: number, p: FieldProblems): string | null {
  const value = text(body, name)
  if (value.length > max) p.add(name, `${label} must be ${max} characters or fewer`)
  return value || null
}

export interface ScreeningCommand {
  part: 1 | 2
  completedOn: LocalDate
  completedBy: string
  notes: string | null
}

/** The screening part a form is for (`part`), 1 unless it says 2: its fields are named `part1-…` or `part2-…`. */
export function screeningPartOf(body: FormBody): 1 | 2 {
  return text(body, 'part') === '2' ? 2 : 1
}

export function parseScreeningForm(body: FormBody): Parsed<ScreeningCommand> {
  const p = new FieldProblems()
  const part = screeningPartOf(body)
  const prefix = `part${part}`
  const completedOn = requiredDate(body, `${prefix}-completedOn`, 'The date it was done', p)
  const completedBy = requiredText(body, `${prefix}-completedBy`, 'Enter who did the screening', 'Who did it', 200, p)
  const notes = optional(body, `${prefix}-notes`, 'Notes', 4000, p)
  return parsedOr(p, () => ({ part, completedOn: completedOn!, completedBy, notes }))
}

export interface NeedAnswer {
  pathway: PathwayCode
  need: boolean
  notes: string | null
}

export interface NeedsCommand {
  answers: NeedAnswer[]
}

/** Each pathway's yes or no (`need-<pathway>`) and notes (`needNotes-<pathway>`); a pathway left blank is skipped. */
export function parseNeedsForm(body: FormBody): Parsed<NeedsCommand> {
  const p = new FieldProblems()
  const answers: NeedAnswer[] = []
  for (const { code, text: name } of RESETTLEMENT_PATHWAYS) {
    const answer = text(body, `need-${code}`)
    const notes = optional(body, `needNotes-${code}`, `Notes on ${name.toLowerCase()}`, 4000, p)
    if (answer !== '' && answer !== 'yes' && answer !== 'no') p.add(`need-${code}`, `Select yes or no for ${name}`)
    else if (answer === '' && notes) p.add(`need-${code}`, `Select yes or no for ${name}`)
    else if (answer === 'yes' && !notes) p.add(`needNotes-${code}`, `Say what the need is for ${name.toLowerCase()}`)
    else if (answer) answers.push({ pathway: code, need: answer === 'yes', notes })
  }
  if (p.errors.length === 0 && answers.length === 0)
    p.add(`need-${RESETTLEMENT_PATHWAYS[0].code}`, 'Answer at least one pathway')
  return parsedOr(p, () => ({ answers }))
}

export interface ActionCommand {
  pathway: PathwayCode
  description: string
  owner: { staffId: number } | { organisation: string }
  due: LocalDate
}

export function parseActionForm(body: FormBody): Parsed<ActionCommand> {
  const p = new FieldProblems()
  const pathway = text(body, 'actionPathway')
  if (!isPathway(pathway)) p.add('actionPathway', 'Select the pathway')
  const description = requiredText(body, 'actionDescription', 'Enter what is to be done', 'What is to be done', 2000, p)
  const ownerType = text(body, 'actionOwnerType')
  let owner: ActionCommand['owner'] | null = null
  if (ownerType === 'staff') {
    const staffId = Number(text(body, 'actionOwnerStaff'))
    if (!Number.isSafeInteger(staffId) || staffId < 1) p.add('actionOwnerStaff', 'Select the member of staff')
    else owner = { staffId }
  } else if (ownerType === 'partner') {
    const organisation = requiredText(
      body,
      'actionOwnerOrganisation',
      'Enter the partner organisation',
      'The partner organisation',
      200,
      p,
    )
    if (organisation) owner = { organisation }
  } else p.add('actionOwnerType', 'Select who owns the action')
  const due = requiredDate(body, 'actionDue', 'The due date', p)
  return parsedOr(p, () => ({ pathway: pathway as PathwayCode, description, owner: owner!, due: due! }))
}

export interface CloseActionCommand {
  doneOn: LocalDate
  notes: string | null
}

/** `name` is the action's own date input (`done-<action id>`), so each open action on the page has its own. */
export function parseCloseActionForm(body: FormBody, actionId: number): Parsed<CloseActionCommand> {
  const p = new FieldProblems()
  const doneOn = requiredDate(body, `done-${actionId}`, 'The date it was done', p)
  const notes = optional(body, `doneNotes-${actionId}`, 'Notes', 4000, p)
  return parsedOr(p, () => ({ doneOn: doneOn!, notes }))
}

export interface ReleaseDayPlanCommand {
  firstNightAddress: string
  metBy: string
  travel: string
  firstAppointmentDate: LocalDate
  firstAppointmentPlace: string
  medication: string | null
  idDocuments: string | null
}

export function parseReleaseDayPlanForm(body: FormBody): Parsed<ReleaseDayPlanCommand> {
  const p = new FieldProblems()
  const firstNightAddress = requiredText(
    body,
    'firstNightAddress',
    'Enter the address for the first night',
    'The address',
    1000,
    p,
  )
  const metBy = requiredText(
    body,
    'metBy',
    'Enter who meets them at the gate, or that no one does',
    'Who meets them',
    500,
    p,
  )
  const travel = requiredText(body, 'travel', 'Enter how they travel from the prison', 'Travel', 1000, p)
  const firstAppointmentDate = requiredDate(body, 'firstAppointmentDate', 'The first appointment date', p)
  const firstAppointmentPlace = requiredText(
    body,
    'firstAppointmentPlace',
    'Enter where the first appointment is',
    'The place',
    500,
    p,
  )
  const medication = optional(body, 'medication', 'Medication', 1000, p)
  const idDocuments = optional(body, 'idDocuments', 'ID', 1000, p)
  return parsedOr(p, () => ({
    firstNightAddress,
    metBy,
    travel,
    firstAppointmentDate: firstAppointmentDate!,
    firstAppointmentPlace,
    medication,
    idDocuments,
  }))
}
