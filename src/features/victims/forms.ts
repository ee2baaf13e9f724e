import { DateTimeException, LocalDate } from '@js-joda/core'
import type { FieldError } from '../../errors.ts'
import { checked, FieldProblems, isoDateFrom, parseForm, text, type FormBody, type Parsed } from '../../web/forms.ts'

/**
 * The victims forms and API bodies as typed commands. The page's form and the API's JSON are both read into the same
 * raw input (strings, dates as `YYYY-MM-DD`) and checked by the same functions, so a referral is refused for the same
 * reasons, naming the same fields, either way. Field names are the API's; a page's date field is anchored on its day
 * box (`formField`).
 */

export const CONTACT_METHODS = ['letter', 'phone', 'email', 'visit'] as const
export type ContactMethod = (typeof CONTACT_METHODS)[number]
export const CONTACT_KINDS = ['letter', 'phone', 'email', 'visit', 'other'] as const
export type ContactKind = (typeof CONTACT_KINDS)[number]

export interface DetailsCommand {
  addressLine1: string | null
  addressLine2: string | null
  town: string | null
  postcode: string | null
  phone: string | null
  email: string | null
  preferredMethod: ContactMethod | null
  noContactWish: boolean
  wishes: string | null
}

export interface ReferralCommand {
  crn: string
  forename: string
  surname: string
  dateOfBirth: LocalDate | null
  details: DetailsCommand
  referredOn: LocalDate
  referredBy: string
}

export interface DecisionCommand {
  decision: 'opt_in' | 'opt_out'
  decidedOn: LocalDate
  notes: string | null
}

export interface OfficerCommand {
  officerUserId: number
}

export interface ContactCommand {
  contactOn: LocalDate
  method: ContactKind
  summary: string
}

/** Contact details and wishes as typed (a page's form or an API body). */
export interface DetailsInput {
  addressLine1?: string
  addressLine2?: string
  town?: string
  postcode?: string
  phone?: string
  email?: string
  preferredMethod?: string
  noContactWish?: boolean
  wishes?: string
}

/** A referral as typed: dates as `YYYY-MM-DD` ('' when not given). */
export interface ReferralInput extends DetailsInput {
  crn: string
  forename: string
  surname: string
  dateOfBirth?: string
  referredOn: string
  referredBy: string
}

/** Where a field's error is shown on a page: a date's on its day box. */
const DATE_FIELDS = new Set(['dateOfBirth', 'referredOn', 'decidedOn', 'contactOn'])
export const formField = (field: string) => (DATE_FIELDS.has(field) ? `${field}-day` : field)
export const onPage = (errors: FieldError[]): FieldError[] => errors.map(e => ({ ...e, field: formField(e.field) }))

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/i

/** '' → null; a real date → the date; anything else → 'invalid'. */
function dateOf(iso: string | undefined): LocalDate | null | 'invalid' {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso?.trim() ?? '')
  if (!iso?.trim()) return null
  if (!m || m[1] === '0000') return 'invalid'
  try {
    return LocalDate.of(Number(m[1]), Number(m[2]), Number(m[3]))
  } catch (e) {
    if (!(e instanceof DateTimeException)) throw e
    return 'invalid'
  }
}

function requiredDate(p: FieldProblems, iso: string | undefined, field: string, label: string): LocalDate | null {
  const d = dateOf(iso)
  if (d === null) p.add(field, `Enter ${label}`)
  else if (d === 'invalid') p.add(field, `${label[0]!.toUpperCase()}${label.slice(1)} must be a real date`)
  return d === 'invalid' ? null : d
}

function bounded(p: FieldProblems, value: string | undefined, field: string, max: number, label: string) {
  const v = value?.trim() ?? ''
  if (v.length > max) p.add(field, `${label} must be ${max} characters or fewer`)
  return v || null
}

/** The contact details and wishes, checked: a way of contacting the victim, or their wish not to be contacted. */
export function checkDetails(input: DetailsInput, p: FieldProblems): DetailsCommand {
  const details: DetailsCommand = {
    addressLine1: bounded(p, input.addressLine1, 'addressLine1', 200, 'Address line 1'),
    addressLine2: bounded(p, input.addressLine2, 'addressLine2', 200, 'Address line 2'),
    town: bounded(p, input.town, 'town', 100, 'Town or city'),
    postcode: bounded(p, input.postcode, 'postcode', 10, 'Postcode')?.toUpperCase() ?? null,
    phone: bounded(p, input.phone, 'phone', 40, 'Phone number'),
    email: bounded(p, input.email, 'email', 200, 'Email address'),
    preferredMethod: null,
    noContactWish: input.noContactWish === true,
    wishes: bounded(p, input.wishes, 'wishes', 4000, 'Wishes'),
  }
  if (details.postcode && !POSTCODE.test(details.postcode)) p.add('postcode', 'Enter a real postcode, like NE1 4XY')
  if (details.email && !EMAIL.test(details.email)) p.add('email', 'Enter an email address like name@example.com')
  if (details.phone && !/^[0-9+() -]{6,40}$/.test(details.phone))
    p.add('phone', 'Enter a phone number using digits, spaces and +')
  const method = input.preferredMethod?.trim() ?? ''
  if (method && !(CONTACT_METHODS as readonly string[]).includes(method))
    p.add('preferredMethod', 'Choose letter, phone, email or visit')
  else details.preferredMethod = (method || null) as ContactMethod | null
  const byPost = details.addressLine1 !== null
  if (!details.noContactWish && !byPost && !details.phone && !details.email)
    p.add(
      'contact',
      'Enter a way to contact the victim (an address, phone number or email address), or record that they do not want to be contacted',
    )
  const needs: Record<ContactMethod, [boolean, string, string]> = {
    letter: [byPost, 'addressLine1', 'Enter an address to contact the victim by letter'],
    visit: [byPost, 'addressLine1', 'Enter an address to visit the victim'],
    phone: [details.phone !== null, 'phone', 'Enter a phone number to contact the victim by phone'],
    email: [details.email !== null, 'email', 'Enter an email address to contact the victim by email'],
  }
  const need = details.preferredMethod ? needs[details.preferredMethod] : null
  if (need && !details.noContactWish && !need[0]) p.add(need[1], need[2])
  return details
}

/** A referral from the witness care unit, checked (the CRN is checked against the record by the service). */
export function checkReferral(input: ReferralInput): Parsed<ReferralCommand> {
  const p = new FieldProblems()
  const crn = input.crn.trim().toUpperCase()
  if (!crn) p.add('crn', 'Enter the offender’s CRN')
  else if (!/^[A-Z][0-9]{6}$/.test(crn)) p.add('crn', 'Enter a CRN like X123456')
  const forename = input.forename.trim()
  const surname = input.surname.trim()
  if (!forename) p.add('forename', 'Enter the victim’s first name')
  else if (forename.length > 100) p.add('forename', 'First name must be 100 characters or fewer')
  if (!surname) p.add('surname', 'Enter the victim’s last name')
  else if (surname.length > 100) p.add('surname', 'Last name must be 100 characters or fewer')
  const dob = dateOf(input.dateOfBirth)
  if (dob === 'invalid') p.add('dateOfBirth', 'Date of birth must be a real date')
  const details = checkDetails(input, p)
  const referredOn = requiredDate(p, input.referredOn, 'referredOn', 'the date of the referral')
  const referredBy = input.referredBy.trim()
  if (!referredBy) p.add('referredBy', 'Enter the witness care unit that referred the victim')
  else if (referredBy.length > 200) p.add('referredBy', 'The witness care unit must be 200 characters or fewer')
  if (p.errors.length > 0) return { ok: false, errors: p.errors }
  return {
    ok: true,
    value: {
      crn,
      forename,
      surname,
      dateOfBirth: dob === 'invalid' ? null : dob,
      details,
      referredOn: referredOn!,
      referredBy,
    },
  }
}

const detailsFromForm = (b: FormBody): DetailsInput => ({
  addressLine1: text(b, 'addressLine1'),
  addressLine2: text(b, 'addressLine2'),
  town: text(b, 'town'),
  postcode: text(b, 'postcode'),
  phone: text(b, 'phone'),
  email: text(b, 'email'),
  preferredMethod: text(b, 'preferredMethod'),
  noContactWish: checked(b, 'noContactWish'),
  wishes: text(b, 'wishes'),
})

/** The referral page's form. */
export function parseReferralForm(b: FormBody): Parsed<ReferralCommand> {
  const read = parseForm(() => ({
    ...detailsFromForm(b),
    crn: text(b, 'crn'),
    forename: text(b, 'forename'),
    surname: text(b, 'surname'),
    dateOfBirth: isoDateFrom(b, 'dateOfBirth'),
    referredOn: isoDateFrom(b, 'referredOn'),
    referredBy: text(b, 'referredBy'),
  }))
  return read.ok ? checkReferral(read.value) : read
}

/** The change details page's form: a new version of the contact details and wishes. */
export function parseDetailsForm(b: FormBody): Parsed<DetailsCommand> {
  const read = parseForm(() => detailsFromForm(b))
  if (!read.ok) return read
  const p = new FieldProblems()
  const details = checkDetails(read.value, p)
  return p.errors.length ? { ok: false, errors: p.errors } : { ok: true, value: details }
}

/** Opting in or out, with the date and notes. */
export function parseDecisionForm(b: FormBody): Parsed<DecisionCommand> {
  const read = parseForm(() => ({
    decision: text(b, 'decision'),
    decidedOn: isoDateFrom(b, 'decidedOn'),
    notes: text(b, 'notes'),
  }))
  if (!read.ok) return read
  const p = new FieldProblems()
  const { decision, notes } = read.value
  if (decision !== 'opt_in' && decision !== 'opt_out') p.add('decision', 'Choose whether the victim opted in or out')
  const decidedOn = requiredDate(p, read.value.decidedOn, 'decidedOn', 'the date of the decision')
  if (notes.length > 4000) p.add('notes', 'Notes must be 4000 characters or fewer')
  if (p.errors.length) return { ok: false, errors: p.errors }
  return {
    ok: true,
    value: { decision: decision as 'opt_in' | 'opt_out', decidedOn: decidedOn!, notes: notes || null },
  }
}

/** The officer chosen (a user id). */
export function parseOfficerForm(b: FormBody): Parsed<OfficerCommand> {
  const read = parseForm(() => text(b, 'officer'))
  if (!read.ok) return read
  const id = Number(read.value)
  if (!/^[0-9]{1,12}$/.test(read.value) || !Number.isSafeInteger(id))
    return { ok: false, errors: [{ field: 'officer', message: 'Choose a victim liaison officer' }] }
  return { ok: true, value: { officerUserId: id } }
}

/** A contact with the victim: the date, how, and what was said. */
export function parseContactForm(b: FormBody): Parsed<ContactCommand> {
  const read = parseForm(() => ({
    contactOn: isoDateFrom(b, 'contactOn'),
    method: text(b, 'method'),
    summary: text(b, 'summary'),
  }))
  if (!read.ok) return read
  const p = new FieldProblems()
  const contactOn = requiredDate(p, read.value.contactOn, 'contactOn', 'the date of the contact')
  const { method, summary } = read.value
  if (!(CONTACT_KINDS as readonly string[]).includes(method)) p.add('method', 'Choose how the contact was made')
  if (!summary) p.add('summary', 'Enter a summary of the contact')
  else if (summary.length > 4000) p.add('summary', 'The summary must be 4000 characters or fewer')
  if (p.errors.length) return { ok: false, errors: p.errors }
  return { ok: true, value: { contactOn: contactOn!, method: method as ContactKind, summary } }
}
