import type { RoshLevel } from './eligibility.ts'

/**
 * What a partner organisation is told about the person with a referral (issue 18 item 2), frozen when the referral
 * is sent (`referrals.shared`). The partner sees this and nothing else of the record: no CRN, no other case, never
 * victim data. The address is shared only when the practitioner chose to (a housing service needs it; a mentoring
 * service meets in public), and a case with limited access (an exclusion or restriction) is never referred.
 * Built by `buildSharedSummary` from the record's facts; rendered by the partner portal and the practitioner's
 * referral page alike, so both see the same thing.
 */
export interface SharedSummary {
  readonly person: {
    readonly name: string
    readonly dateOfBirth: string | null
    /** As recorded: 'male', 'female', 'other', 'not_known'. */
    readonly gender: string
    readonly phone: string | null
  }
  /** Only when the practitioner chose to share it. */
  readonly address: { readonly lines: readonly string[]; readonly postcode: string | null } | null
  /** The risk of serious harm summary: the overall level and who is at risk, with the assessment's date. */
  readonly rosh: {
    readonly level: RoshLevel | null
    readonly riskTo: readonly { readonly group: string; readonly level: RoshLevel }[]
    readonly assessedOn: string | null
  }
  /** Registrations relevant to working with the person (risk to staff, domestic abuse perpetrator…). */
  readonly flags: readonly { readonly label: string; readonly riskToStaff: boolean }[]
  /** Whether anything says the person is a risk to staff: the partner's lone-working guidance applies. */
  readonly riskToStaff: boolean
  /** The probation practitioner the partner reports to. */
  readonly practitioner: {
    readonly name: string
    readonly email: string | null
    readonly team: string | null
  }
  /** The order the referral is made under, described for the partner (type and end date). */
  readonly sentence: { readonly description: string; readonly endDate: string | null } | null
}

/** A group the RoSH assessment rates, as the assessment's columns hold them. */
export interface RoshFacts {
  readonly assessedOn: string
  readonly overall: RoshLevel
  readonly public: RoshLevel
  readonly knownAdult: RoshLevel
  readonly children: RoshLevel
  readonly staff: RoshLevel
  readonly prisoners: RoshLevel | null
}

/**
 * What `buildSharedSummary` reads from the record. Deliberately narrow: no CRN, no notes, no narrative (who is at
 * risk, the nature of harm: they may name a victim), nothing from the victims tables.
 */
export interface SharedFacts {
  readonly person: {
    readonly forename: string
    readonly middleNames: string | null
    readonly surname: string
    readonly dateOfBirth: string | null
    readonly gender: string
    readonly phone: string | null
    readonly mobile: string | null
  }
  /** The current main address, if any. */
  readonly mainAddress: {
    readonly building: string | null
    readonly street: string | null
    readonly district: string | null
    readonly town: string | null
    readonly county: string | null
    readonly postcode: string | null
  } | null
  /** The latest risk of serious harm assessment, if any. */
  readonly rosh: RoshFacts | null
  /** Current registrations (not deregistered): the code and, for MAPPA, the level. */
  readonly registrations: readonly { readonly code: string; readonly mappaLevel: number | null }[]
  readonly practitioner: { readonly name: string; readonly email: string | null; readonly team: string | null } | null
  /** The order the referral is made under. */
  readonly order: { readonly sentenceType: string; readonly endDate: string | null } | null
}

/** What the practitioner chose to share. */
export interface ShareChoices {
  readonly shareAddress: boolean
}

/**
 * The registrations a partner is told about, and which of them mean a risk to its staff (issue 18 items 2 and 4:
 * "relevant flags", "risk-to-staff flags"). The nDelius register type codes (reference-systems.md §3.4): risk to
 * staff (RSTO, and STAFF as Probity's case summary names it), domestic abuse (ADVP perpetrator, REG30 history),
 * children (RCPR child protection, RCCO child concerns, RCHD risk to children), weapons (WEAP) and MAPPA (MAPP, by
 * its level only). Any other registration (vulnerability, mental health, self-harm, IOM, public interest…) is the
 * practitioner's to share in words if the partner needs it; a registration's notes are never shared.
 */
export const PARTNER_FLAGS: Readonly<Record<string, { readonly label: string; readonly riskToStaff: boolean }>> = {
  RSTO: { label: 'Risk to staff', riskToStaff: true },
  STAFF: { label: 'Risk to staff', riskToStaff: true },
  ADVP: { label: 'Domestic abuse perpetrator', riskToStaff: false },
  REG30: { label: 'Domestic abuse history', riskToStaff: false },
  RCPR: { label: 'Child protection', riskToStaff: false },
  RCCO: { label: 'Child concerns', riskToStaff: false },
  RCHD: { label: 'Risk to children', riskToStaff: false },
  WEAP: { label: 'Weapons', riskToStaff: false },
  MAPP: { label: 'MAPPA', riskToStaff: false },
}

const ORDER_TEXT: Record<string, string> = {
  community_order: 'Community order',
  suspended_sentence_order: 'Suspended sentence order',
  custodial: 'Licence (custodial sentence)',
}

const GROUPS = [
  ['public', 'Public'],
  ['knownAdult', 'Known adult'],
  ['children', 'Children'],
  ['staff', 'Staff'],
  ['prisoners', 'Prisoners'],
] as const

const atLeastMedium = (level: RoshLevel | null) => level !== null && level !== 'low'

function riskTo(rosh: RoshFacts | null): SharedSummary['rosh']['riskTo'] {
  if (!rosh) return []
  return GROUPS.flatMap(([key, group]) => {
    const level = rosh[key]
    return atLeastMedium(level) && level ? [{ group, level }] : []
  })
}

function flagsOf(registrations: SharedFacts['registrations']): SharedSummary['flags'] {
  const seen = new Set<string>()
  const flags: { label: string; riskToStaff: boolean }[] = []
  for (const r of registrations) {
    const known = PARTNER_FLAGS[r.code]
    if (!known) continue
    const label = r.code === 'MAPP' && r.mappaLevel !== null ? `MAPPA level ${r.mappaLevel}` : known.label
    if (seen.has(label)) continue
    seen.add(label)
    flags.push({ label, riskToStaff: known.riskToStaff })
  }
  return flags
}

function addressOf(a: NonNullable<SharedFacts['mainAddress']>): NonNullable<SharedSummary['address']> {
  const lines = [a.building, a.street, a.district, a.town, a.county].filter((l): l is string => !!l && !!l.trim())
  return { lines, postcode: a.postcode }
}

/**
 * What the partner is told with a referral, from the record's facts and the practitioner's choices (issue 18
 * item 2; reference-systems.md §2.4: R&M shares the risk summary and contact details, the address only when
 * needed). The RoSH groups listed are those at medium or above (the groups "at risk"); the person is a risk to staff
 * when the RoSH to staff is medium or above or a risk-to-staff registration is current. Pure.
 *
 * @example
 * buildSharedSummary({ person: { forename: 'Terry', middleNames: null, surname: 'Smith', dateOfBirth: '1990-04-12',
 *   gender: 'male', phone: null, mobile: '07700 900123' }, mainAddress: null, rosh: null,
 *   registrations: [{ code: 'ADVP', mappaLevel: null }], practitioner: null, order: null }, { shareAddress: true })
 * // { person: { name: 'Terry Smith', …, phone: '07700 900123' }, address: null,
 * //   flags: [{ label: 'Domestic abuse perpetrator', riskToStaff: false }], riskToStaff: false, … }
 */
export function buildSharedSummary(facts: SharedFacts, choices: ShareChoices): SharedSummary {
  const p = facts.person
  const flags = flagsOf(facts.registrations)
  const staffLevel = facts.rosh?.staff ?? null
  return {
    person: {
      name: [p.forename, p.middleNames, p.surname].filter(Boolean).join(' '),
      dateOfBirth: p.dateOfBirth,
      gender: p.gender,
      phone: p.mobile ?? p.phone,
    },
    address: choices.shareAddress && facts.mainAddress ? addressOf(facts.mainAddress) : null,
    rosh: {
      level: facts.rosh?.overall ?? null,
      riskTo: riskTo(facts.rosh),
      assessedOn: facts.rosh?.assessedOn ?? null,
    },
    flags,
    riskToStaff: atLeastMedium(staffLevel) || flags.some(f => f.riskToStaff),
    practitioner: facts.practitioner
      ? { name: facts.practitioner.name, email: facts.practitioner.email, team: facts.practitioner.team }
      : { name: 'Not allocated', email: null, team: null },
    sentence: facts.order
      ? {
          description: ORDER_TEXT[facts.order.sentenceType] ?? facts.order.sentenceType,
          endDate: facts.order.endDate,
        }
      : null,
  }
}
