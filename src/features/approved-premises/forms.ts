import type { LocalDate } from '@js-joda/core'
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
 * Approved premises' forms → typed commands. Date fields are GOV.UK date inputs (`<name>-day`, -month, -year; the
 * error on `<name>-day`). What needs the database (is the bed free, is the person real) is judged by the service,
 * which names the same fields.
 */

const YEARS = { from: 2000, to: 2100 }

export interface OutOfServiceCommand {
  from: LocalDate
  to: LocalDate
  reason: string
}

export function parseOutOfServiceForm(body: FormBody): Parsed<OutOfServiceCommand> {
  const p = new FieldProblems()
  const from = requiredDate(body, 'from', 'The first day out of service', p, YEARS)
  const to = requiredDate(body, 'to', 'The last day out of service', p, YEARS)
  const reason = requiredText(body, 'reason', 'Enter why the bed is out of service', 'The reason', 1000, p)
  return parsedOr(p, () => ({ from: from!, to: to!, reason }))
}

export interface StayDates {
  arrival: LocalDate
  departure: LocalDate
}

export interface BookingCommand extends StayDates {
  crn: string
  bedId: number
}

const CRN = /^[A-Z][0-9]{6}$/

export function parseBookingForm(body: FormBody): Parsed<BookingCommand> {
  const p = new FieldProblems()
  const crn = text(body, 'crn').toUpperCase()
  if (!crn) p.add('crn', 'Enter the CRN of the person to book')
  else if (!CRN.test(crn)) p.add('crn', 'Enter a CRN like X123456: a letter and six digits')
  const bed = text(body, 'bed')
  if (!/^\d{1,15}$/.test(bed)) p.add('bed', 'Choose the bed')
  const dates = readStay(body, p)
  return parsedOr(p, () => ({ crn, bedId: Number(bed), ...dates() }))
}

export interface ChangeBookingCommand extends StayDates {
  reason: string
}

export function parseChangeBookingForm(body: FormBody): Parsed<ChangeBookingCommand> {
  const p = new FieldProblems()
  const dates = readStay(body, p)
  const reason = requiredText(body, 'changeReason', 'Enter why the booking is changing', 'The reason', 1000, p)
  return parsedOr(p, () => ({ ...dates(), reason }))
}

export interface CancelBookingCommand {
  reason: string
}

export function parseCancelBookingForm(body: FormBody): Parsed<CancelBookingCommand> {
  const p = new FieldProblems()
  const reason = requiredText(body, 'cancelReason', 'Enter why the booking is cancelled', 'The reason', 1000, p)
  return parsedOr(p, () => ({ reason }))
}

export interface EndOutOfServiceCommand {
  reason: string
}

/** Bringing a bed back into service: why (repaired, the work finished early). */
export function parseEndOutOfServiceForm(body: FormBody): Parsed<EndOutOfServiceCommand> {
  const p = new FieldProblems()
  const reason = requiredText(body, 'endReason', 'Enter why the bed is back in service', 'The reason', 1000, p)
  return parsedOr(p, () => ({ reason }))
}

function readStay(body: FormBody, p: FieldProblems): () => StayDates {
  const arrival = requiredDate(body, 'arrival', 'The arrival date', p, YEARS)
  const departure = requiredDate(body, 'departure', 'The departure date', p, YEARS)
  return () => ({ arrival: arrival!, departure: departure! })
}
