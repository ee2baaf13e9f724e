import { ROSH_TEXT, type RoshLevel } from '../../domain/partner-services/eligibility.ts'
import { formatDate, formatDateTime } from '../../web/filters.ts'
import { datePartsFor, type FormBody } from '../../web/forms.ts'
import { partnerServicesPaths as paths } from '../../web/paths.ts'
import type { DirectoryService } from './directory.ts'
import { GENDERS, LEGAL_FORMS, PATHWAYS, TIER_LETTERS, TIERS } from './directory-forms.ts'
import type { OrganisationRow } from './queries/directory.ts'

/** View models for the directory's pages (issue 18 items 1–2): display values only, no decisions. */

const textOf = (items: readonly { value: string; text: string }[], value: string) =>
  items.find(i => i.value === value)?.text ?? value

export const pathwayText = (value: string) => textOf(PATHWAYS, value)
export const tierText = (value: string) => textOf(TIERS, value)
export const legalFormText = (value: string) => textOf(LEGAL_FORMS, value)

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/** Who the service takes, in words: "Women only; tiers A and B; RoSH up to medium". */
export function eligibilityText(s: Pick<DirectoryService, 'eligible_genders' | 'eligible_tiers' | 'max_rosh'>) {
  const genders = s.eligible_genders.length
    ? `${s.eligible_genders.map(g => GENDERS.find(x => x.value === g)?.text ?? g).join(' and ')} only`
    : 'Any gender'
  const tiers = s.eligible_tiers.length ? `tiers ${s.eligible_tiers.join(', ')}` : 'any tier'
  const rosh = s.max_rosh ? `RoSH up to ${ROSH_TEXT[s.max_rosh as RoshLevel]}` : 'any RoSH level'
  return `${genders}; ${tiers}; ${rosh}`
}

export function capacityText(s: Pick<DirectoryService, 'capacity' | 'placesInUse'>) {
  const inUse = `${s.placesInUse} in use`
  return s.capacity === null ? `Capacity not stated (${inUse})` : `${plural(s.capacity, 'place')}, ${inUse}`
}

export const waitingText = (weeks: number | null) => (weeks === null ? 'Not stated' : plural(weeks, 'week'))

export const areasText = (areas: readonly { name: string }[]) =>
  areas.length ? areas.map(a => a.name).join(', ') : 'Everywhere'

/** One service as a directory result or on its page. */
export function serviceSummary(s: DirectoryService, crn: string | null = null) {
  return {
    id: s.id,
    href: paths.service(s.id) + (crn ? `?crn=${crn}` : ''),
    name: s.name,
    organisation: s.organisation_name,
    organisationHref: paths.organisation(s.organisation_id),
    organisationTier: tierText(s.organisation_tier),
    organisationLegalForm: legalFormText(s.organisation_legal_form),
    pathway: pathwayText(s.pathway),
    description: s.description,
    areas: areasText(s.areas),
    eligibility: eligibilityText(s),
    deliversRar: s.delivers_rar ? 'Yes: attended sessions count as RAR days' : 'No',
    capacity: capacityText(s),
    waiting: waitingText(s.waiting_weeks),
    fundingEnds: s.funding_ends_on ? formatDate(String(s.funding_ends_on)) : 'Not stated',
    fundingEndsSoon: s.fundingEndsSoon,
    accepting: s.accepting,
    acceptingText: s.accepting ? 'Taking referrals' : `Not taking referrals: ${s.closed_reason ?? ''}`,
    loneWorking: s.lone_working_guidance ?? 'None given',
    active: s.active,
    referHref: crn && s.accepting && s.active ? paths.newReferral(crn, s.id) : null,
  }
}

const CHANGE_TEXT: Record<string, string> = {
  created: 'Added to the directory',
  changed: 'Changed',
  closed: 'Closed to referrals',
  reopened: 'Reopened to referrals',
}

/** A change's detail in words: "capacity: 20 → 25". */
function changeDetail(change: string, detail: unknown): string {
  const d = (typeof detail === 'string' ? JSON.parse(detail) : detail) as Record<string, unknown> | null
  if (!d) return ''
  if (change === 'closed') return String(d.reason ?? '')
  if (change !== 'changed') return ''
  const show = (v: unknown) =>
    v === null || v === undefined ? 'none' : Array.isArray(v) ? v.join(', ') || 'none' : String(v)
  return Object.entries(d)
    .map(([k, v]) => {
      const { from, to } = (v ?? {}) as { from?: unknown; to?: unknown }
      return `${k.replace(/_/g, ' ')}: ${show(from)} → ${show(to)}`
    })
    .join('; ')
}

export function changeRows(
  changes: readonly { change: string; detail: unknown; changed_at: Date | string; changed_by: string | null }[],
) {
  return changes.map(c => ({
    what: CHANGE_TEXT[c.change] ?? c.change,
    detail: changeDetail(c.change, c.detail),
    when: formatDateTime(c.changed_at),
    who: c.changed_by ?? 'The system',
  }))
}

export function organisationSummary(o: OrganisationRow) {
  return {
    id: Number(o.id),
    code: o.code,
    name: o.name,
    tier: tierText(o.tier),
    legalForm: legalFormText(o.legal_form),
    registrationNumber: o.registration_number ?? 'Not recorded',
    prime: o.prime_name ?? (o.tier === 'prime' ? 'It is a prime' : 'Not recorded'),
    email: o.contact_email ?? 'Not recorded',
    phone: o.contact_phone ?? 'Not recorded',
    website: o.website ?? 'Not recorded',
    href: paths.organisation(Number(o.id)),
  }
}

const selectItems = (items: readonly { value: string; text: string }[], chosen: string, blank?: string) => [
  ...(blank !== undefined ? [{ value: '', text: blank, selected: chosen === '' }] : []),
  ...items.map(i => ({ value: i.value, text: i.text, selected: i.value === chosen })),
]

/** The organisation form's values: as posted when sent back, else as stored. */
export function organisationFormView(
  o: OrganisationRow | null,
  primes: readonly { id: number; name: string }[],
  body?: FormBody,
) {
  const stored = {
    code: o?.code ?? '',
    name: o?.name ?? '',
    tier: o?.tier ?? '',
    legalForm: o?.legal_form ?? '',
    registrationNumber: o?.registration_number ?? '',
    primeId: o?.prime_id ? String(o.prime_id) : '',
    contactEmail: o?.contact_email ?? '',
    contactPhone: o?.contact_phone ?? '',
    website: o?.website ?? '',
    version: String(o?.version ?? ''),
  }
  const value = body ? { ...stored, ...(body as Record<string, string>) } : stored
  return {
    value,
    tiers: selectItems(TIERS, value.tier, 'Choose a tier'),
    legalForms: selectItems(LEGAL_FORMS, value.legalForm, 'Choose a legal form'),
    primes: selectItems(
      primes.map(p => ({ value: String(p.id), text: p.name })),
      value.primeId,
      'None (it is a prime)',
    ),
  }
}

const asList = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v])

/** The service form's values: as posted when sent back, else as stored. */
export function serviceFormView(
  s: DirectoryService | null,
  regions: readonly { id: number; name: string }[],
  body?: FormBody,
) {
  const chosen = (name: string, stored: readonly string[]) => (body ? asList(body[name]) : stored)
  const text = (name: string, stored: string) => (body ? String(body[name] ?? '') : stored)
  const areas = chosen('areas', s?.areas.map(a => String(a.id)) ?? [])
  const genders = chosen('genders', s?.eligible_genders ?? [])
  const tiers = chosen('tiers', s?.eligible_tiers ?? [])
  const rosh = text('maxRosh', s?.max_rosh ?? '')
  return {
    value: {
      name: text('name', s?.name ?? ''),
      description: text('description', s?.description ?? ''),
      capacity: text('capacity', s?.capacity?.toString() ?? ''),
      waitingWeeks: text('waitingWeeks', s?.waiting_weeks?.toString() ?? ''),
      loneWorkingGuidance: text('loneWorkingGuidance', s?.lone_working_guidance ?? ''),
      deliversRar: text('deliversRar', s ? (s.delivers_rar ? 'yes' : 'no') : ''),
      version: String(s?.version ?? ''),
    },
    pathways: selectItems(PATHWAYS, text('pathway', s?.pathway ?? ''), 'Choose a need'),
    areas: regions.map(r => ({ value: String(r.id), text: r.name, checked: areas.includes(String(r.id)) })),
    genders: GENDERS.map(g => ({ value: g.value, text: g.text, checked: genders.includes(g.value) })),
    tiers: TIER_LETTERS.map(t => ({ value: t, text: `Tier ${t}`, checked: tiers.includes(t) })),
    roshLevels: [
      { value: '', text: 'Any level', selected: rosh === '' },
      ...Object.entries(ROSH_TEXT).map(([value, t]) => ({ value, text: t, selected: rosh === value })),
    ],
    fundingEnds: datePartsFor(body, 'fundingEnds', s?.funding_ends_on ? String(s.funding_ends_on) : null),
  }
}
