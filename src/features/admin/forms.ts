import { list, text, type FormBody } from '../../web/forms.ts'

/**
 * The administration forms, read into typed commands with the shared readers (src/web/forms.ts). Reading judges
 * nothing: every check (blank, format, a choice that no longer exists) is the service's, so a page shows every
 * problem at once, in the order the form asks.
 */

/** Organisation and staff codes: capitals, digits and hyphens, as nDelius codes are written. */
export const CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{0,19}$/

/** A positive whole-number id, or null when blank or not a number. */
export function optionalId(value: string): number | null {
  return /^[0-9]{1,15}$/.test(value) && Number(value) > 0 ? Number(value) : null
}

/** An optional choice from a list: null when nothing was chosen, 'invalid' when what was sent is not an id. */
export type Choice = number | null | 'invalid'

function choice(body: FormBody, key: string): Choice {
  const value = text(body, key)
  if (!value) return null
  return optionalId(value) ?? 'invalid'
}

/** The id of a choice that has been checked, or null. */
export function chosenId(value: Choice): number | null {
  return typeof value === 'number' ? value : null
}

/** A yes/no radio: undefined when neither was chosen. */
function yesNo(body: FormBody, key: string): boolean | undefined {
  const value = text(body, key)
  if (value === 'yes') return true
  return value === 'no' ? false : undefined
}

/** A password exactly as typed (never trimmed); blank when absent or sent twice. */
function password(body: FormBody, key: string): string {
  const value = body[key]
  return typeof value === 'string' ? value : ''
}

// ── Organisations and staff ────────────────────────────────────────────────────────────────────────────────

export interface NewOrgUnit {
  readonly code: string
  readonly name: string
  /** Providers only: one of PROVIDER_KINDS, checked by the service. */
  readonly kind: string
  readonly parentId: number | null
}

export function newOrgUnitForm(body: FormBody): NewOrgUnit {
  return {
    code: text(body, 'code').toUpperCase(),
    name: text(body, 'name'),
    kind: text(body, 'kind'),
    parentId: optionalId(text(body, 'parentId')),
  }
}

export interface OrgUnitChange {
  readonly name: string
  readonly kind: string
  readonly active: boolean | undefined
}

export function orgUnitChangeForm(body: FormBody): OrgUnitChange {
  return { name: text(body, 'name'), kind: text(body, 'kind'), active: yesNo(body, 'active') }
}

/** A team's letterhead and contact block, as typed: the address one line per line. */
export interface TeamContactDetails {
  readonly officeName: string
  readonly address: string
  readonly phone: string
  readonly email: string
}

export function teamContactForm(body: FormBody): TeamContactDetails {
  return {
    officeName: text(body, 'officeName'),
    address: text(body, 'address'),
    phone: text(body, 'phone'),
    email: text(body, 'email'),
  }
}

/** A member of staff's details, named as the `staff` table names them (and as their audit rows show them). */
export interface StaffDetails {
  readonly forename: string
  readonly surname: string
  readonly grade: string
  readonly provider_id: number | null
  readonly team_id: number | null
  readonly email: string | null
}

export function staffDetailsForm(body: FormBody): StaffDetails {
  const email = text(body, 'email')
  return {
    forename: text(body, 'forename'),
    surname: text(body, 'surname'),
    grade: text(body, 'grade'),
    provider_id: optionalId(text(body, 'providerId')),
    team_id: optionalId(text(body, 'teamId')),
    email: email || null,
  }
}

export interface NewStaff {
  readonly code: string
  readonly details: StaffDetails
}

export function newStaffForm(body: FormBody): NewStaff {
  return { code: text(body, 'code').toUpperCase(), details: staffDetailsForm(body) }
}

export interface StaffChange {
  readonly details: StaffDetails
  readonly active: boolean | undefined
}

export function staffChangeForm(body: FormBody): StaffChange {
  return { details: staffDetailsForm(body), active: yesNo(body, 'active') }
}

// ── Users ──────────────────────────────────────────────────────────────────────────────────────────────────

export interface NewPassword {
  readonly password: string
  readonly confirmPassword: string
}

export function newPasswordForm(body: FormBody): NewPassword {
  return { password: password(body, 'password'), confirmPassword: password(body, 'confirmPassword') }
}

export interface UserDetails {
  readonly displayName: string
  readonly staffId: Choice
  readonly roles: string[]
  /** The partner organisation of a partner user (role `partner`, issue 18); null for probation staff. */
  readonly partnerOrganisationId: Choice
}

function userDetailsForm(body: FormBody): UserDetails {
  return {
    displayName: text(body, 'displayName'),
    staffId: choice(body, 'staffId'),
    roles: list(body, 'roles'),
    partnerOrganisationId: choice(body, 'partnerOrganisationId'),
  }
}

export interface NewUser extends UserDetails, NewPassword {
  readonly username: string
}

export function newUserForm(body: FormBody): NewUser {
  return { username: text(body, 'username'), ...userDetailsForm(body), ...newPasswordForm(body) }
}

export interface UserChange extends UserDetails {
  /** The version the form was read at: a stale form is refused. */
  readonly version: number
}

export function userChangeForm(body: FormBody): UserChange {
  return { ...userDetailsForm(body), version: Number(text(body, 'version')) }
}

// ── A person's case manager and limited access ─────────────────────────────────────────────────────────────

export interface ManagerChange {
  readonly providerId: number | null
  readonly teamId: Choice
  readonly staffId: Choice
  readonly reason: string
  readonly version: number
}

export function managerChangeForm(body: FormBody): ManagerChange {
  return {
    providerId: optionalId(text(body, 'providerId')),
    teamId: choice(body, 'teamId'),
    staffId: choice(body, 'staffId'),
    reason: text(body, 'reason'),
    version: Number(text(body, 'version')),
  }
}

export type LimitationKind = 'exclusion' | 'restriction'

export interface NewLimitation {
  /** Undefined when neither exclude nor restrict was chosen. */
  readonly kind: LimitationKind | undefined
  readonly userId: number | null
  readonly reason: string
}

export function newLimitationForm(body: FormBody): NewLimitation {
  const kind = text(body, 'kind')
  return {
    kind: kind === 'exclusion' || kind === 'restriction' ? kind : undefined,
    userId: optionalId(text(body, 'userId')),
    reason: text(body, 'reason'),
  }
}

export interface AccessMessages {
  readonly exclusionMessage: string
  readonly restrictionMessage: string
  readonly version: number
}

export function accessMessagesForm(body: FormBody): AccessMessages {
  return {
    exclusionMessage: text(body, 'exclusionMessage'),
    restrictionMessage: text(body, 'restrictionMessage'),
    version: Number(text(body, 'version')),
  }
}

// ── API tokens ─────────────────────────────────────────────────────────────────────────────────────────────

export interface NewApiToken {
  readonly name: string
  readonly userId: number | null
  /** Days until the token stops working, as typed (blank: the default); checked by the service. */
  readonly expiresInDays: string
  /** The scopes ticked ('case', 'victims'); checked by the service. */
  readonly scopes: readonly string[]
}

export function newApiTokenForm(body: FormBody): NewApiToken {
  return {
    name: text(body, 'name'),
    userId: optionalId(text(body, 'userId')),
    expiresInDays: text(body, 'expiresInDays'),
    scopes: list(body, 'scopes'),
  }
}
