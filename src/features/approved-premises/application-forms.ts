import type { LocalDate } from '@js-joda/core'
import { isBedCharacteristic, isPremisesNeed } from '../../domain/approved-premises/index.ts'
import {
  FieldProblems,
  list,
  parsedOr,
  requiredDate,
  requiredText,
  text,
  type FormBody,
  type Parsed,
} from '../../web/forms.ts'

/**
 * Approved premises applications' forms → typed commands (issue 16 item 2): what only the manager can say (the
 * record's facts are pre-filled, never retyped), the team's decisions, the manager's answer to a request for
 * information, and booking a matched bed. Date fields are GOV.UK date inputs (the error on `<name>-day`).
 */

const YEARS = { from: 2000, to: 2100 }

export interface ApplicationCommand {
  reasons: string
  exclusionZones: string | null
  areasToAvoid: string | null
  preferredArea: string | null
  accessNeeds: string | null
  healthNeeds: string | null
  essential: string[]
  roomSharing: boolean
  previousPlacements: string | null
  moveOnPlan: string
  arrival: LocalDate
  departure: LocalDate
}

function optional(body: FormBody, name: string, label: string, max: number, p: FieldProblems): string | null {
  const value = text(body, name)
  if (value.length > max) p.add(name, `${label} must be ${max} characters or fewer`)
  return value || null
}

export function parseApplicationForm(body: FormBody): Parsed<ApplicationCommand> {
  const p = new FieldProblems()
  const reasons = requiredText(body, 'reasons', 'Enter the reasons for the placement', 'The reasons', 4000, p)
  const exclusionZones = optional(body, 'exclusionZones', 'Exclusion zones', 2000, p)
  const areasToAvoid = optional(body, 'areasToAvoid', 'Areas to avoid', 2000, p)
  const preferredArea = optional(body, 'preferredArea', 'The preferred area', 500, p)
  const accessNeeds = optional(body, 'accessNeeds', 'Access needs', 2000, p)
  const healthNeeds = optional(body, 'healthNeeds', 'Health needs', 2000, p)
  const essential = [...new Set(list(body, 'essential'))]
  if (essential.some(c => !isBedCharacteristic(c) && !isPremisesNeed(c)))
    p.add('essential', 'Choose the essential characteristics from the list')
  const sharing = text(body, 'roomSharing')
  if (sharing !== 'yes' && sharing !== 'no') p.add('roomSharing', 'Select whether the person can share a room')
  const previousPlacements = optional(body, 'previousPlacements', 'Previous placements', 2000, p)
  const moveOnPlan = requiredText(body, 'moveOnPlan', 'Enter the move-on plan', 'The move-on plan', 4000, p)
  const arrival = requiredDate(body, 'arrival', 'The expected arrival date', p, YEARS)
  const departure = requiredDate(body, 'departure', 'The expected departure date', p, YEARS)
  if (arrival && departure && !departure.isAfter(arrival))
    p.add('departure-day', 'The expected departure date must be after the arrival date')
  return parsedOr(p, () => ({
    reasons,
    exclusionZones,
    areasToAvoid,
    preferredArea,
    accessNeeds,
    healthNeeds,
    essential,
    roomSharing: sharing === 'yes',
    previousPlacements,
    moveOnPlan,
    arrival: arrival!,
    departure: departure!,
  }))
}

export type DecisionCommand =
  { decision: 'accept' } | { decision: 'request_information'; text: string } | { decision: 'reject'; text: string }

export function parseDecisionForm(body: FormBody): Parsed<DecisionCommand> {
  const p = new FieldProblems()
  const decision = text(body, 'decision')
  if (decision === 'accept') return { ok: true, value: { decision } }
  if (decision === 'request_information') {
    const question = requiredText(body, 'question', 'Enter the information you need', 'The question', 4000, p)
    return parsedOr(p, () => ({ decision, text: question }))
  }
  if (decision === 'reject') {
    const reason = requiredText(body, 'rejectReason', 'Enter why the application is rejected', 'The reason', 4000, p)
    return parsedOr(p, () => ({ decision, text: reason }))
  }
  p.add('decision', 'Select a decision')
  return parsedOr(p, () => ({ decision: 'accept' as const }))
}

export interface AnswerCommand {
  answer: string
}

export function parseAnswerForm(body: FormBody): Parsed<AnswerCommand> {
  const p = new FieldProblems()
  const answer = requiredText(body, 'answer', 'Enter the information asked for', 'The answer', 4000, p)
  return parsedOr(p, () => ({ answer }))
}

export interface WithdrawCommand {
  reason: string
}

/** The case manager withdrawing an application: why it is no longer needed. */
export function parseWithdrawForm(body: FormBody): Parsed<WithdrawCommand> {
  const p = new FieldProblems()
  const reason = requiredText(body, 'withdrawReason', 'Enter why the application is withdrawn', 'The reason', 4000, p)
  return parsedOr(p, () => ({ reason }))
}

export interface MatchBookingCommand {
  premisesId: number
  bedId: number
}

export function parseMatchBookingForm(body: FormBody): Parsed<MatchBookingCommand> {
  const p = new FieldProblems()
  const [premises, bed] = text(body, 'bed').split(':')
  if (!premises || !bed || !/^\d{1,15}$/.test(premises) || !/^\d{1,15}$/.test(bed)) p.add('bed', 'Choose a bed')
  return parsedOr(p, () => ({ premisesId: Number(premises), bedId: Number(bed) }))
}
