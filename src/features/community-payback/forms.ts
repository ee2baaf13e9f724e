import { createHmac, timingSafeEqual } from 'node:crypto'
import { ValidationError } from '../../errors.ts'
import { FieldProblems, list, parsedOr, requiredText, text, type FormBody, type Parsed } from '../../web/forms.ts'
import { postcodeDistrict } from './areas.ts'

/**
 * The public forms (issue 17 items 6 and 7): a nomination and a status look-up, read into typed commands, and the
 * signed form token that protects them.
 *
 * Why a form token of our own: these forms are filled in by the public, with no session (and often no JavaScript).
 * The app's CSRF check still applies (its token lives in a cookie of its own before sign-in, never the staff session
 * cookie), but it says nothing about how the form was filled in. Each form therefore carries a token made when the
 * page was served: the time it was issued and an HMAC-SHA256 of that time under a server secret (CP_FORM_SECRET).
 * A token that is missing, forged (the HMAC does not match), older than two hours, or sent back less than three
 * seconds after it was issued (a script, not a person) is refused and nothing is saved. Each form also has a
 * honeypot field, hidden from people (and from screen readers) but filled in by form-filling bots: a form with
 * anything in it is refused too.
 */

/** The shortest time a person takes to fill in a form, and the longest a served form stays valid. */
export const FORM_TOKEN_MIN_SECONDS = 3
export const FORM_TOKEN_MAX_SECONDS = 2 * 60 * 60
/** The hidden field bots fill in. */
export const HONEYPOT_FIELD = 'website'

const sign = (secret: string, issued: string) =>
  createHmac('sha256', secret).update(`community-payback-form|${issued}`).digest('base64url')

/**
 * A form token issued at `now`.
 *
 * @example
 * issueFormToken('secret', new Date('2026-12-07T10:00:00Z')) // '1796637600000.<hmac>'
 */
export function issueFormToken(secret: string, now: Date): string {
  const issued = String(now.getTime())
  return `${issued}.${sign(secret, issued)}`
}

/**
 * Why a posted form is refused (its token, its honeypot), or undefined when it may be read.
 *
 * @example
 * formRefusal('secret', { formToken: issueFormToken('secret', tenSecondsAgo) }, now) // undefined
 */
export function formRefusal(secret: string, body: FormBody | undefined, now: Date): string | undefined {
  if (text(body, HONEYPOT_FIELD) !== '') return 'Your form could not be sent. Check your answers and send it again.'
  const [issued = '', signature = ''] = text(body, 'formToken').split('.')
  const expected = Buffer.from(sign(secret, issued))
  const sent = Buffer.from(signature)
  if (!/^\d{10,16}$/.test(issued) || sent.length !== expected.length || !timingSafeEqual(sent, expected))
    return 'Your form could not be sent. Check your answers and send it again.'
  const ageSeconds = (now.getTime() - Number(issued)) / 1000
  if (ageSeconds < FORM_TOKEN_MIN_SECONDS)
    return 'Your form was sent too quickly. Check your answers and send it again.'
  if (ageSeconds > FORM_TOKEN_MAX_SECONDS)
    return 'Your form had expired after 2 hours. Check your answers and send it again.'
  return undefined
}

/** A nomination of a piece of work, as the public filled it in. */
export interface NominationCommand {
  readonly organisationName: string
  readonly contactName: string
  readonly email: string
  readonly phone: string | null
  readonly title: string
  readonly whatNeedsDoing: string
  readonly communityBenefit: string
  readonly address: string
  readonly postcode: string
  readonly latitude: number | null
  readonly longitude: number | null
  readonly toilets: boolean
  readonly handWashing: boolean
  readonly drinkingWater: boolean
  readonly parking: boolean
  readonly accessibility: string | null
  readonly consentToContact: boolean
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/

/** A pin's coordinate from its hidden input, or null (blank, not a number, or out of range). */
function coordinate(body: FormBody, name: string, limit: number): number | null {
  const raw = text(body, name)
  if (!/^-?\d{1,3}(\.\d{1,12})?$/.test(raw)) return null
  const value = Number(raw)
  return Math.abs(value) <= limit ? value : null
}

/**
 * Reads the nomination form. The pin (latitude and longitude, set by the map when JavaScript runs) counts only when
 * both are there; without it the address is enough.
 *
 * @example
 * parseNomination({ organisationName: 'Friends of Northtown Park', … })
 */
export function parseNomination(body: FormBody): Parsed<NominationCommand> {
  const p = new FieldProblems()
  const organisationName = requiredText(
    body,
    'organisationName',
    'Enter the name of your organisation or group',
    'Organisation name',
    200,
    p,
  )
  const contactName = requiredText(body, 'contactName', 'Enter your name', 'Your name', 200, p)
  const email = requiredText(body, 'email', 'Enter your email address', 'Email address', 320, p)
  if (email && email.length <= 320 && !EMAIL.test(email))
    p.add('email', 'Enter an email address in the correct format, like name@example.com')
  const phone = text(body, 'phone')
  if (phone.length > 40 || (phone && !/^[0-9+() -]{6,40}$/.test(phone)))
    p.add('phone', 'Enter a telephone number, like 01632 960 001 or 07700 900 982')
  const title = requiredText(body, 'title', 'Enter a short title for the work', 'Title', 200, p)
  const whatNeedsDoing = requiredText(body, 'whatNeedsDoing', 'Describe what needs doing', 'What needs doing', 4000, p)
  const communityBenefit = requiredText(
    body,
    'communityBenefit',
    'Say how the work would benefit the community',
    'How it benefits the community',
    4000,
    p,
  )
  const address = requiredText(body, 'address', 'Enter the address of the place where the work is', 'Address', 1000, p)
  const postcode = requiredText(body, 'postcode', 'Enter the postcode', 'Postcode', 10, p)
  if (postcode && postcode.length <= 10 && !postcodeDistrict(postcode)) p.add('postcode', 'Enter a real postcode')
  const accessibility = text(body, 'accessibility')
  if (accessibility.length > 2000) p.add('accessibility', 'Access details must be 2000 characters or fewer')
  const consent = text(body, 'consentToContact')
  if (consent !== 'yes' && consent !== 'no')
    p.add('consentToContact', 'Select yes if we may contact you about the work')
  const latitude = coordinate(body, 'latitude', 90)
  const longitude = coordinate(body, 'longitude', 180)
  const pinned = latitude !== null && longitude !== null
  const facilities = facilitiesOf(body)
  return parsedOr(p, () => ({
    organisationName,
    contactName,
    email,
    phone: phone || null,
    title,
    whatNeedsDoing,
    communityBenefit,
    address,
    postcode: postcode.toUpperCase(),
    latitude: pinned ? latitude : null,
    longitude: pinned ? longitude : null,
    toilets: facilities.includes('toilets'),
    handWashing: facilities.includes('handWashing'),
    drinkingWater: facilities.includes('drinkingWater'),
    parking: facilities.includes('parking'),
    accessibility: accessibility || null,
    consentToContact: consent === 'yes',
  }))
}

/** The facilities ticked (the `facilities` checkboxes), known values only. */
export function facilitiesOf(body: FormBody | undefined): string[] {
  return list(body, 'facilities').filter(v => ['toilets', 'handWashing', 'drinkingWater', 'parking'].includes(v))
}

/** A status look-up: the reference and the email address given with the nomination. */
export interface FollowCommand {
  readonly reference: string
  readonly email: string
}

/**
 * Reads the status look-up form (`cp-ab12-cd34` is read as `CP-AB12-CD34`).
 *
 * @example
 * parseFollow({ reference: ' cp-ab12-cd34 ', email: 'a@example.org' }) // { ok: true, value: { reference: 'CP-AB12-CD34', … } }
 */
export function parseFollow(body: FormBody): Parsed<FollowCommand> {
  const p = new FieldProblems()
  const reference = text(body, 'reference').toUpperCase().replace(/\s+/g, '')
  if (!reference) p.add('reference', 'Enter your nomination reference')
  else if (!/^CP-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(reference))
    p.add('reference', 'Enter the reference as it was given to you, like CP-7K4M-Q2XR')
  const email = text(body, 'email')
  if (!email) p.add('email', 'Enter the email address you gave with the nomination')
  else if (email.length > 320 || !EMAIL.test(email))
    p.add('email', 'Enter an email address in the correct format, like name@example.com')
  return parsedOr(p, () => ({ reference, email }))
}

/** Throws the refusal of a form (token or honeypot) as a form-level error. */
export function refuseForm(message: string): never {
  throw new ValidationError([{ field: 'formToken', message }])
}
