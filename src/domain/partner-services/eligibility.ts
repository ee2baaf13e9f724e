import type { LocalDate } from '@js-joda/core'

/**
 * Who a partner service takes (issue 18 item 1, "Bad input": a referral to a closed service, or to a service whose
 * eligibility excludes the person, is refused with the reason). A service states the genders, tiers (by letter) and
 * the highest RoSH level it takes; an empty list or no level means it takes anyone. A person whose tier or RoSH is
 * unknown is refused by a service that limits them: the partner relies on that limit for its staff's safety.
 */

export const ROSH_ORDER = ['low', 'medium', 'high', 'very_high'] as const
export type RoshLevel = (typeof ROSH_ORDER)[number]

export const ROSH_TEXT: Record<RoshLevel, string> = {
  low: 'low',
  medium: 'medium',
  high: 'high',
  very_high: 'very high',
}

export interface ServiceTerms {
  readonly active: boolean
  readonly accepting: boolean
  readonly closedReason: string | null
  readonly fundingEndsOn: LocalDate | null
  /** 'male' / 'female'; empty: any. */
  readonly eligibleGenders: readonly string[]
  /** Tier letters 'A'..'D'; empty: any. */
  readonly eligibleTiers: readonly string[]
  readonly maxRosh: RoshLevel | null
}

export interface Candidate {
  /** As recorded on the person: 'male', 'female', 'other', 'not_known'. */
  readonly gender: string
  /** The case's current tier, e.g. 'B2', or null when not calculated. */
  readonly tier: string | null
  readonly rosh: RoshLevel | null
}

/** A reason the service cannot take a referral, and the form field it belongs to. */
export interface Refusal {
  readonly field: 'serviceId'
  readonly message: string
}

const GENDER_TEXT: Record<string, string> = { male: 'men', female: 'women' }

/**
 * Every reason the service cannot take this person now (empty when it can).
 *
 * @example
 * referralRefusals({ active: true, accepting: false, closedReason: 'Full until April', fundingEndsOn: null,
 *   eligibleGenders: [], eligibleTiers: [], maxRosh: null }, { gender: 'male', tier: 'B2', rosh: 'medium' }, today)
 * // [{ field: 'serviceId', message: 'This service is not taking new referrals: Full until April' }]
 */
export function referralRefusals(service: ServiceTerms, person: Candidate, today: LocalDate): Refusal[] {
  const refusals: string[] = []
  if (!service.active) refusals.push('This service is no longer in the directory')
  else if (!service.accepting)
    refusals.push(`This service is not taking new referrals: ${service.closedReason ?? 'no reason given'}`)
  if (service.fundingEndsOn && service.fundingEndsOn.isBefore(today))
    refusals.push(`This service’s funding ended on ${service.fundingEndsOn.toString()}`)
  if (service.eligibleGenders.length && !service.eligibleGenders.includes(person.gender)) {
    const who = service.eligibleGenders.map(g => GENDER_TEXT[g] ?? g).join(' and ')
    refusals.push(`This service is for ${who} only`)
  }
  if (service.eligibleTiers.length) {
    const letter = person.tier?.charAt(0) ?? null
    if (!letter) refusals.push('This service takes only some tiers and the case has no tier yet')
    else if (!service.eligibleTiers.includes(letter))
      refusals.push(`This service takes tiers ${service.eligibleTiers.join(', ')}: the case is tier ${person.tier}`)
  }
  if (service.maxRosh) {
    if (!person.rosh) refusals.push('This service takes only some risk levels and the case has no RoSH level yet')
    else if (ROSH_ORDER.indexOf(person.rosh) > ROSH_ORDER.indexOf(service.maxRosh))
      refusals.push(
        `This service takes a RoSH of ${ROSH_TEXT[service.maxRosh]} or lower: the case is ${ROSH_TEXT[person.rosh]}`,
      )
  }
  return refusals.map(message => ({ field: 'serviceId', message }))
}

/**
 * Whether the service's funding ends within `months` of today (monitoring: "funding ending in the next 3 months").
 *
 * @example
 * fundingEndsSoon(LocalDate.parse('2027-02-01'), LocalDate.parse('2026-12-07')) // true
 */
export function fundingEndsSoon(fundingEndsOn: LocalDate | null, today: LocalDate, months = 3): boolean {
  if (!fundingEndsOn) return false
  return !fundingEndsOn.isBefore(today) && !fundingEndsOn.isAfter(today.plusMonths(months))
}
