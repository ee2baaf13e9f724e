import type { LocalDate } from '@js-joda/core'
import type { PartnerLegalForm, PartnerPathway, PartnerTier } from '../../db/schema.ts'
import { ROSH_ORDER, type RoshLevel } from '../../domain/partner-services/eligibility.ts'
import {
  FieldProblems,
  list,
  parsedOr,
  readDate,
  requiredText,
  text,
  type FormBody,
  type Parsed,
} from '../../web/forms.ts'

/**
 * The directory's forms (issue 18 items 1–2) → typed commands: the search filter (from the query string), an
 * organisation, a service, and closing or reopening a service to referrals. Every refusal names its field.
 */

export const PATHWAYS: readonly { value: PartnerPathway; text: string }[] = [
  { value: 'accommodation', text: 'Accommodation' },
  { value: 'ete', text: 'Education, training and employment' },
  { value: 'finance_benefit_debt', text: 'Finance, benefit and debt' },
  { value: 'dependency_recovery', text: 'Dependency and recovery' },
  { value: 'womens_services', text: 'Women’s services' },
  { value: 'personal_wellbeing', text: 'Personal wellbeing' },
  { value: 'domestic_abuse', text: 'Domestic abuse programmes' },
  { value: 'mentoring', text: 'Mentoring' },
  { value: 'family_relationships', text: 'Family and relationships' },
  { value: 'other', text: 'Other' },
]
export const TIERS: readonly { value: PartnerTier; text: string }[] = [
  { value: 'prime', text: 'Prime provider' },
  { value: 'tier_2', text: 'Tier 2' },
  { value: 'tier_3', text: 'Tier 3' },
]
export const LEGAL_FORMS: readonly { value: PartnerLegalForm; text: string }[] = [
  { value: 'company', text: 'Company' },
  { value: 'charity', text: 'Charity' },
  { value: 'mutual', text: 'Mutual' },
  { value: 'public_body', text: 'Public body' },
  { value: 'other', text: 'Other' },
]
export const GENDERS = [
  { value: 'male', text: 'Men' },
  { value: 'female', text: 'Women' },
] as const
export const TIER_LETTERS = ['A', 'B', 'C', 'D'] as const

const ID = /^\d{1,15}$/
const CODE = /^[A-Z0-9][A-Z0-9-]{1,19}$/
const YEARS = { from: 2000, to: 2100 }

export interface DirectorySearch {
  pathway: PartnerPathway | null
  /** A region id; null: the default (the user's provider's regions); 'all': everywhere. */
  region: number | 'all' | null
  acceptingOnly: boolean
  text: string
  crn: string | null
}

/** The search filter from the query string: anything unknown is ignored, never an error. */
export function directorySearchFrom(query: Record<string, string | undefined>): DirectorySearch {
  const pathway = PATHWAYS.find(p => p.value === query.pathway)?.value ?? null
  const r = query.region ?? ''
  const crn = (query.crn ?? '').trim().toUpperCase()
  return {
    pathway,
    region: r === 'all' ? 'all' : ID.test(r) ? Number(r) : null,
    acceptingOnly: query.accepting === 'yes',
    text: (query.q ?? '').trim().slice(0, 100),
    crn: /^[A-Z][0-9]{6}$/.test(crn) ? crn : null,
  }
}

export interface OrganisationCommand {
  code: string
  name: string
  tier: PartnerTier
  legalForm: PartnerLegalForm
  registrationNumber: string | null
  primeId: number | null
  contactEmail: string | null
  contactPhone: string | null
  website: string | null
  version: number
}

const optional = (body: FormBody, name: string, max: number, label: string, p: FieldProblems): string | null => {
  const value = text(body, name)
  if (value.length > max) p.add(name, `${label} must be ${max} characters or fewer`)
  return value || null
}

function version(body: FormBody): number {
  const v = text(body, 'version')
  return /^\d{1,9}$/.test(v) ? Number(v) : 0
}

export function parseOrganisationForm(body: FormBody): Parsed<OrganisationCommand> {
  const p = new FieldProblems()
  const code = text(body, 'code').toUpperCase()
  if (!code) p.add('code', 'Enter a code for the organisation')
  else if (!CODE.test(code)) p.add('code', 'The code must be 2 to 20 letters, numbers or hyphens, like NHT')
  const name = requiredText(body, 'name', 'Enter the name of the organisation', 'The name', 200, p)
  const tier = TIERS.find(t => t.value === text(body, 'tier'))?.value
  if (!tier) p.add('tier', 'Choose the organisation’s tier')
  const legalForm = LEGAL_FORMS.find(f => f.value === text(body, 'legalForm'))?.value
  if (!legalForm) p.add('legalForm', 'Choose the organisation’s legal form')
  const registrationNumber = optional(body, 'registrationNumber', 50, 'The registration number', p)
  const prime = text(body, 'primeId')
  if (prime && !ID.test(prime)) p.add('primeId', 'Choose the prime provider from the list')
  if (tier && tier !== 'prime' && !prime) p.add('primeId', 'Choose the prime provider whose supply chain it is in')
  const contactEmail = optional(body, 'contactEmail', 200, 'The email address', p)
  if (contactEmail && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(contactEmail))
    p.add('contactEmail', 'Enter an email address in the correct format, like name@example.org')
  const contactPhone = optional(body, 'contactPhone', 30, 'The phone number', p)
  const website = optional(body, 'website', 200, 'The website', p)
  if (website && !/^https?:\/\/\S+$/.test(website))
    p.add('website', 'Enter the website as a full address, like https://example.org')
  return parsedOr(p, () => ({
    code,
    name,
    tier: tier!,
    legalForm: legalForm!,
    registrationNumber,
    primeId: tier !== 'prime' && prime ? Number(prime) : null,
    contactEmail,
    contactPhone,
    website,
    version: version(body),
  }))
}

export interface ServiceCommand {
  name: string
  pathway: PartnerPathway
  description: string
  regionIds: number[]
  eligibleGenders: string[]
  eligibleTiers: string[]
  maxRosh: RoshLevel | null
  deliversRar: boolean
  capacity: number | null
  waitingWeeks: number | null
  fundingEndsOn: LocalDate | null
  loneWorkingGuidance: string | null
  version: number
}

function wholeNumber(body: FormBody, name: string, label: string, max: number, p: FieldProblems): number | null {
  const value = text(body, name)
  if (!value) return null
  if (!/^\d{1,5}$/.test(value) || Number(value) > max) {
    p.add(name, `${label} must be a whole number from 0 to ${max}`)
    return null
  }
  return Number(value)
}

export function parseServiceForm(body: FormBody): Parsed<ServiceCommand> {
  const p = new FieldProblems()
  const name = requiredText(body, 'name', 'Enter the name of the service', 'The name', 200, p)
  const pathway = PATHWAYS.find(x => x.value === text(body, 'pathway'))?.value
  if (!pathway) p.add('pathway', 'Choose the need the service meets')
  const description = optional(body, 'description', 2000, 'The description', p) ?? ''
  const areas = list(body, 'areas')
  if (areas.some(a => !ID.test(a))) p.add('areas', 'Choose areas from the list')
  const genders = list(body, 'genders')
  if (genders.some(g => !GENDERS.some(x => x.value === g))) p.add('genders', 'Choose genders from the list')
  const tiers = list(body, 'tiers')
  if (tiers.some(t => !(TIER_LETTERS as readonly string[]).includes(t))) p.add('tiers', 'Choose tiers from A to D')
  const rosh = text(body, 'maxRosh')
  if (rosh && !(ROSH_ORDER as readonly string[]).includes(rosh)) p.add('maxRosh', 'Choose the highest RoSH level')
  const rar = text(body, 'deliversRar')
  if (rar !== 'yes' && rar !== 'no') p.add('deliversRar', 'Say whether the service delivers a rehabilitation activity')
  const capacity = wholeNumber(body, 'capacity', 'Capacity', 10000, p)
  const waitingWeeks = wholeNumber(body, 'waitingWeeks', 'The waiting time', 520, p)
  const fundingEndsOn = readDate(body, 'fundingEnds', 'The funding end date', p, YEARS) ?? null
  const loneWorkingGuidance = optional(body, 'loneWorkingGuidance', 2000, 'The lone-working guidance', p)
  return parsedOr(p, () => ({
    name,
    pathway: pathway!,
    description,
    regionIds: [...new Set(areas.map(Number))],
    eligibleGenders: GENDERS.map(g => g.value).filter(g => genders.includes(g)),
    eligibleTiers: TIER_LETTERS.filter(t => tiers.includes(t)),
    maxRosh: (rosh || null) as RoshLevel | null,
    deliversRar: rar === 'yes',
    capacity,
    waitingWeeks,
    fundingEndsOn,
    loneWorkingGuidance,
    version: version(body),
  }))
}

export interface AcceptingCommand {
  accepting: boolean
  reason: string | null
  version: number
}

export function parseAcceptingForm(body: FormBody): Parsed<AcceptingCommand> {
  const p = new FieldProblems()
  const choice = text(body, 'accepting')
  if (choice !== 'yes' && choice !== 'no') p.add('accepting', 'Say whether the service is taking referrals')
  const reason = text(body, 'reason')
  if (choice === 'no' && !reason) p.add('reason', 'Enter why the service is not taking referrals')
  if (reason.length > 500) p.add('reason', 'The reason must be 500 characters or fewer')
  return parsedOr(p, () => ({
    accepting: choice === 'yes',
    reason: choice === 'no' ? reason : null,
    version: version(body),
  }))
}
