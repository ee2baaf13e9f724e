import { LocalDate } from '@js-joda/core'
import type { Executor } from '../../access/person-access.ts'
import { TIME_LIMITED_PAGES } from '../../access/policy.ts'
import type { RoshLevelColumn } from '../../db/schema.ts'
import { CASE_STATUS_TEXT } from '../../domain/case-lifecycle/index.ts'
import { ageOn } from '../../domain/risk/index.ts'
import {
  allocationPaths,
  courtPaths,
  partnerServicesPaths,
  riskPaths,
  sentencingPaths,
  sharingPaths,
  supervisionPaths,
} from '../../web/paths.ts'
import { MAPPA_CODE, REGISTER_TYPES, registerType, ROSH_REGISTER_CODE } from '../risk/index.ts'
import { caseGlanceJsonByCrn, caseGlanceRow, type GlanceRegistration, type GlanceRow } from './queries.ts'

export type { GlanceRow } from './queries.ts'

/**
 * The case at a glance: what every page of a person's record shows at the top (as Manage People on Probation does),
 * from one statement (`caseGlanceRow`). Who they are, their age today, tier, RoSH, risk flags, the current order or
 * licence, an open breach or recall, and who manages them; and the record's sub-navigation with the current section.
 *
 * It shows no victim data (no RoSH narrative, no registration notes). A former case manager (a reader whose access
 * covers only what was recorded while they managed the case) sees only what the Risk page's summary shows them:
 * identity, tier, RoSH and registrations, not the current order, enforcement or who manages the case now.
 */

export interface GlanceTag {
  text: string
  /**
   * Its colour class: a GOV.UK tag's for the RoSH level (`govuk-tag--orange`), an MoJ badge's for flags and markers
   * (`moj-badge--red`). The text says the same: colour is never the only cue.
   */
  tag: string
}

export interface GlancePerson {
  name: string
  dateOfBirth: string
  age: number
  tier: { text: string; href: string } | null
  rosh: GlanceTag | null
  /** Active registrations and flags, the most urgent first (MAPPA, risk to staff, domestic abuse, children…). */
  flags: GlanceTag[]
  /** "In breach", "Recall": left out for a former case manager. */
  markers: GlanceTag[]
  /** The current order or licence and its dates; null when there is none or for a former case manager. */
  order: { text: string; dates: { label: string; date: string }[]; others: number } | null
  /** What to say when there is no current order (the case status), unless `limited`. */
  noOrderText: string | null
  manager: { name: string; team: string | null; provider: string | null } | null
  /** A former case manager's view: the order, markers and manager are not theirs to see. */
  limited: boolean
}

export interface GlanceNavItem {
  key: string
  text: string
  href: string
}

export interface CaseGlance {
  crn: string
  /** Null when the viewer may not read the record (an auditor kept out by limited access reads only its trail). */
  person: GlancePerson | null
  /** The record's sub-navigation, and the section of this page (null: the page names it itself, as `section`). */
  navigation: GlanceNavItem[]
  section: string | null
}

/** Who is looking, as the route guard saw it. */
export interface GlanceViewer {
  /** Reading under a time-limited scope (a former case manager): only the risk summary's part of the glance. */
  readonly limited: boolean
  /** May see who has looked at the record (`person:audit`). */
  readonly canAudit: boolean
}

/**
 * Loads and presents the glance for one person (one statement), or undefined when there is no such person.
 *
 * @example
 * const glance = await loadCaseGlance(db, 42, { today, routeUrl: '/people/:crn/risk', viewer })
 * glance?.person?.tier?.text // 'B2'
 */
export async function loadCaseGlance(
  db: Executor,
  personId: number,
  at: { today: LocalDate; routeUrl: string; viewer: GlanceViewer },
): Promise<CaseGlance | undefined> {
  const row = await caseGlanceRow(db, personId, at.today.toString())
  return row ? caseGlanceView(row, at) : undefined
}

/**
 * The glance row of the person with this CRN, as a scalar subquery for the route guard to read with the access facts
 * in one statement; present it with `caseGlanceView`.
 */
export function caseGlanceAlongside(crn: string, today: LocalDate) {
  return caseGlanceJsonByCrn(crn, today.toString())
}

/** The glance's view model from its row. Pure: `today` is the injected clock's. */
export function caseGlanceView(
  row: GlanceRow,
  { today, routeUrl, viewer }: { today: LocalDate; routeUrl: string; viewer: GlanceViewer },
): CaseGlance {
  const limited = viewer.limited
  const name = [row.forename, row.middleNames, row.surname].filter(Boolean).join(' ')
  return {
    ...withoutResettlementUnlessCustodial(navigationOnly(row.crn, routeUrl, viewer), row),
    person: {
      name,
      dateOfBirth: row.dateOfBirth,
      age: ageOn(LocalDate.parse(row.dateOfBirth), today),
      tier: {
        text: row.tier ? `${row.tier}${row.tierProvisional ? ' (provisional)' : ''}` : 'Not calculated',
        href: `${riskPaths.page(row.crn)}#tier`,
      },
      rosh: roshTag(row.roshLevel ?? row.roshFlagLevel),
      flags: flags(row.registrations, row.roshStaffLevel),
      markers: limited ? [] : markers(row),
      order: limited ? null : orderView(row),
      noOrderText: limited ? null : CASE_STATUS_TEXT[row.caseStatus],
      manager: limited ? null : managerView(row),
      limited,
    },
  }
}

/** The glance without the person's details: the sub-navigation only (a form sent back, or a trail-only reader). */
export function navigationOnly(crn: string, routeUrl: string, viewer: GlanceViewer): CaseGlance {
  const items = NAVIGATION.filter(i => (i.key === 'audit' ? viewer.canAudit : true)).filter(
    i => !viewer.limited || TIME_LIMITED_PAGES.has(i.route),
  )
  return {
    crn,
    person: null,
    navigation: items.map(i => ({ key: i.key, text: i.text, href: i.href(crn) })),
    section: caseSection(routeUrl),
  }
}

/** Through the Gate's page is in the sub-navigation for a custodial sentence (or while it is the page shown). */
function withoutResettlementUnlessCustodial(glance: CaseGlance, row: GlanceRow): CaseGlance {
  if (row.sentenceType === 'custodial' || glance.section === 'resettlement') return glance
  return { ...glance, navigation: glance.navigation.filter(i => i.key !== 'resettlement') }
}

const NAVIGATION: { key: string; text: string; route: string; href: (crn: string) => string }[] = [
  { key: 'overview', text: 'Overview', route: '/people/:crn', href: crn => `/people/${crn}` },
  { key: 'addresses', text: 'Addresses', route: '/people/:crn/addresses', href: crn => `/people/${crn}/addresses` },
  { key: 'risk', text: 'Risk', route: '/people/:crn/risk', href: riskPaths.page },
  { key: 'mappa', text: 'MAPPA', route: '/people/:crn/mappa', href: crn => `/people/${crn}/mappa` },
  { key: 'sentences', text: 'Sentences', route: '/people/:crn/sentences', href: sentencingPaths.record },
  { key: 'custody', text: 'Custody', route: '/people/:crn/custody', href: crn => `/people/${crn}/custody` },
  { key: 'allocations', text: 'Allocations', route: '/people/:crn/allocations', href: allocationPaths.history },
  {
    key: 'appointments',
    text: 'Appointments',
    route: '/people/:crn/appointments',
    href: supervisionPaths.appointments,
  },
  { key: 'activity', text: 'Activity log', route: '/people/:crn/activity', href: supervisionPaths.activity },
  { key: 'enforcement', text: 'Enforcement', route: '/people/:crn/enforcement', href: supervisionPaths.enforcement },
  { key: 'referrals', text: 'Referrals', route: '/people/:crn/referrals', href: partnerServicesPaths.referrals },
  { key: 'licence', text: 'Licence', route: '/people/:crn/licence', href: crn => `/people/${crn}/licence` },
  {
    key: 'resettlement',
    text: 'Resettlement',
    route: '/people/:crn/resettlement',
    href: crn => `/people/${crn}/resettlement`,
  },
  { key: 'court', text: 'Court', route: '/people/:crn/court', href: courtPaths.person },
  { key: 'access', text: 'Who can see this record', route: '/people/:crn/access', href: sharingPaths.access },
  {
    key: 'audit',
    text: 'Who has looked at this record',
    route: '/people/:crn/audit',
    href: crn => `/people/${crn}/audit`,
  },
]

/** The first path segment after the CRN → the sub-navigation's section (the record's details forms are the overview's). */
const SECTION_OF: Record<string, string> = {
  '': 'overview',
  'personal-details': 'overview',
  aliases: 'overview',
  circumstances: 'overview',
  disabilities: 'overview',
  equality: 'overview',
  addresses: 'addresses',
  risk: 'risk',
  mappa: 'mappa',
  sentences: 'sentences',
  events: 'sentences',
  requirements: 'sentences',
  release: 'custody',
  custody: 'custody',
  allocations: 'allocations',
  appointments: 'appointments',
  activity: 'activity',
  enforcement: 'enforcement',
  recall: 'enforcement',
  licence: 'licence',
  resettlement: 'resettlement',
  // Applying for an approved premises placement is part of planning the release.
  'approved-premises': 'resettlement',
  // A person's unpaid work (hours, clocks, sessions, commitments) is part of their sentence's requirements.
  'unpaid-work': 'sentences',
  // Referrals to partner organisations' services (issue 18) and what the partners recorded.
  referrals: 'referrals',
  court: 'court',
  access: 'access',
  audit: 'audit',
}

/**
 * The section of the record a route belongs to, from its pattern.
 *
 * @example
 * caseSection('/people/:crn/risk/registrations/new') // 'risk'
 */
export function caseSection(routeUrl: string): string | null {
  const match = /^\/people\/:crn(?:\/([^/]+))?/.exec(routeUrl)
  if (!match) return null
  return SECTION_OF[match[1] ?? ''] ?? null
}

const LEVEL_TEXT: Record<RoshLevelColumn, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  very_high: 'Very high',
}
const LEVEL_TAG: Record<RoshLevelColumn, string> = {
  low: 'govuk-tag--green',
  medium: 'govuk-tag--yellow',
  high: 'govuk-tag--orange',
  very_high: 'govuk-tag--red',
}

function roshTag(level: RoshLevelColumn | null): GlanceTag | null {
  return level ? { text: LEVEL_TEXT[level], tag: LEVEL_TAG[level] } : null
}

const ROSH_CODES = new Set<string>(Object.values(ROSH_REGISTER_CODE))
/** Shown first, in this order: what a practitioner must know before they meet the person. */
const FIRST = [MAPPA_CODE, 'STAFF', 'ADVP', 'REG30', 'RCPR', 'RCCO', 'RCHD']
const rank = (code: string) => {
  const first = FIRST.indexOf(code)
  if (first >= 0) return first
  const known = REGISTER_TYPES.findIndex(t => t.code === code)
  return FIRST.length + (known >= 0 ? known : REGISTER_TYPES.length)
}

/**
 * Active registrations as flags (RoSH registrations are the RoSH level, not flags), with "Risk to staff" when the
 * latest RoSH assessment puts the risk to staff at high or very high. One flag per register type.
 */
function flags(registrations: GlanceRegistration[], staffLevel: RoshLevelColumn | null): GlanceTag[] {
  const seen = new Set<string>()
  const found: { code: string; flag: GlanceTag }[] = []
  if (staffLevel === 'high' || staffLevel === 'very_high') {
    found.push({ code: 'STAFF', flag: { text: `Risk to staff: ${LEVEL_TEXT[staffLevel]}`, tag: 'moj-badge--red' } })
  }
  for (const r of registrations) {
    if (ROSH_CODES.has(r.code) || seen.has(r.code)) continue
    seen.add(r.code)
    found.push({ code: r.code, flag: registrationFlag(r) })
  }
  return found.sort((a, b) => rank(a.code) - rank(b.code)).map(f => f.flag)
}

function registrationFlag(r: GlanceRegistration): GlanceTag {
  if (r.code === MAPPA_CODE) {
    const parts = [
      r.mappaCategory ? `category ${r.mappaCategory}` : null,
      r.mappaLevel ? `level ${r.mappaLevel}` : null,
    ].filter(Boolean)
    return { text: parts.length ? `MAPPA ${parts.join(', ')}` : 'MAPPA', tag: 'moj-badge--red' }
  }
  const type = registerType(r.code)
  const tag =
    type?.group === 'Public protection'
      ? 'moj-badge--red'
      : type?.group === 'Safeguarding'
        ? 'moj-badge--bright-purple'
        : 'moj-badge--grey'
  return { text: type?.description ?? r.code, tag }
}

function markers(row: GlanceRow): GlanceTag[] {
  return [
    row.inBreach ? { text: 'In breach', tag: 'moj-badge--red' } : null,
    row.recall ? { text: 'Recall', tag: 'moj-badge--red' } : null,
  ].filter((m): m is GlanceTag => m !== null)
}

const ORDER_TEXT = {
  community_order: 'Community order',
  suspended_sentence_order: 'Suspended sentence order',
  custodial: 'Custodial sentence',
} as const

/** The latest current order or licence, with the dates that matter: its end, or release and sentence end. */
function orderView(row: GlanceRow): GlancePerson['order'] {
  if (!row.sentenceType) return null
  const others = Math.max(0, row.currentSentences - 1)
  const dated = (pairs: [string, string | null][]) =>
    pairs.filter((p): p is [string, string] => p[1] !== null).map(([label, date]) => ({ label, date }))
  if (row.sentenceType !== 'custodial') {
    return { text: ORDER_TEXT[row.sentenceType], dates: dated([['Ends', row.sentenceEndDate]]), others }
  }
  const sentenceEnd = row.sled ?? row.sed ?? row.sentenceEndDate
  if (row.caseStatus === 'on_licence') {
    const licenceEnd = row.led ?? row.sled ?? sentenceEnd
    return {
      text: 'Licence',
      dates: dated([
        ['Licence ends', licenceEnd],
        ['Top-up supervision ends', row.tused],
      ]),
      others,
    }
  }
  return {
    text: row.caseStatus === 'in_custody' ? 'Custodial sentence (in custody)' : ORDER_TEXT.custodial,
    dates: dated([
      ['Release', row.caseStatus === 'in_custody' ? (row.crd ?? row.ard) : null],
      ['Sentence ends', sentenceEnd],
    ]),
    others,
  }
}

function managerView(row: GlanceRow): GlancePerson['manager'] {
  if (!row.staffSurname && !row.teamName) return null
  return {
    name: row.staffSurname ? `${row.staffForename ?? ''} ${row.staffSurname}`.trim() : 'No case manager',
    team: row.teamName,
    provider: row.providerName,
  }
}
