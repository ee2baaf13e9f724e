import { LocalDate } from '@js-joda/core'
import type { Executor } from '../../access/person-access.ts'
import type { PersonAccess } from '../../access/with-person.ts'
import type { RoshLevelColumn } from '../../db/schema.ts'
import { referralRefusals, type Refusal, type RoshLevel } from '../../domain/partner-services/eligibility.ts'
import {
  buildSharedSummary,
  type SharedFacts,
  type SharedSummary,
} from '../../domain/partner-services/shared-summary.ts'
import * as q from './queries/referrals.ts'

/**
 * What a referral of one person to one service is measured against, read in the caller's transaction: the service
 * and its refusals (closed, funding ended, gender, tier, RoSH), whether the record has limited access, the order it
 * is made under (the one holding the RAR requirement when the service delivers RAR, else the newest current order),
 * and the record's facts the shared summary is built from.
 */

export const LIMITED_ACCESS_MESSAGE = 'This record has limited access: it cannot be shared with a partner organisation'

export interface ReferralBasis {
  service: q.ReferralServiceRow
  refusals: Refusal[]
  limitedAccess: boolean
  /** The order the referral is made under, or null when the person has no current order. */
  order: q.CurrentOrderRow | null
  /** The RAR requirement's ordered days when the referral counts towards it, else null. */
  rarDaysOrdered: number | null
  facts: SharedFacts
}

const level = (v: RoshLevelColumn | null): RoshLevel | null => v

/** The record's facts for the shared summary (deliberately narrow: see `SharedFacts`). */
export async function sharedFactsOf(db: Executor, personId: number, order: q.CurrentOrderRow | null) {
  const [p, address, rosh, registrations] = await Promise.all([
    q.findPersonFacts(db, personId),
    q.findMainAddress(db, personId),
    q.findLatestRosh(db, personId),
    q.currentRegistrations(db, personId),
  ])
  const facts: SharedFacts = {
    person: {
      forename: p.forename,
      middleNames: p.middle_names,
      surname: p.surname,
      dateOfBirth: String(p.date_of_birth),
      gender: p.gender,
      phone: p.phone,
      mobile: p.mobile,
    },
    mainAddress: address ?? null,
    rosh: rosh
      ? {
          assessedOn: String(rosh.assessment_date),
          overall: rosh.overall_level,
          public: rosh.public_level,
          knownAdult: rosh.known_adult_level,
          children: rosh.children_level,
          staff: rosh.staff_level,
          prisoners: level(rosh.prisoners_level),
        }
      : null,
    registrations: registrations.map(r => ({ code: r.type_code, mappaLevel: r.mappa_level })),
    practitioner: p.staff_forename
      ? { name: `${p.staff_forename} ${p.staff_surname ?? ''}`.trim(), email: p.staff_email, team: p.team }
      : null,
    order: order ? { sentenceType: order.sentence_type, endDate: order.expected_end_date } : null,
  }
  return { facts, providerId: p.managing_provider_id }
}

function chooseOrder(orders: q.CurrentOrderRow[], rar: boolean): q.CurrentOrderRow | null {
  const withRar = rar ? orders.find(o => o.requirement_id !== null) : undefined
  return withRar ?? orders[0] ?? null
}

/** Everything the referral is measured against; undefined when there is no such service. */
export async function referralBasis(
  db: Executor,
  person: PersonAccess,
  serviceId: number,
  today: LocalDate,
): Promise<(ReferralBasis & { providerId: number | null }) | undefined> {
  const service = await q.findServiceForReferral(db, serviceId)
  if (!service) return undefined
  const orders = await q.currentOrdersWithRar(db, person.personId)
  const order = chooseOrder(orders, service.delivers_rar)
  const rarApplies = service.delivers_rar && order?.requirement_id != null
  const [{ facts, providerId }, tier] = await Promise.all([
    sharedFactsOf(db, person.personId, order),
    q.latestTier(db, person.personId),
  ])
  const refusals = referralRefusals(
    {
      active: service.active && service.organisation_active,
      accepting: service.accepting,
      closedReason: service.closed_reason,
      fundingEndsOn: service.funding_ends_on ? LocalDate.parse(String(service.funding_ends_on)) : null,
      eligibleGenders: service.eligible_genders,
      eligibleTiers: service.eligible_tiers,
      maxRosh: service.max_rosh,
    },
    { gender: facts.person.gender, tier, rosh: facts.rosh?.overall ?? null },
    today,
  )
  const limitedAccess = person.facts.excludedUserIds.length > 0 || person.facts.restrictedToUserIds.length > 0
  const rarDaysOrdered = rarApplies && order ? (order.rar_unit === 'days' ? (order.rar_length ?? 0) : 0) : null
  return { service, refusals, limitedAccess, order, rarDaysOrdered, facts, providerId }
}

/** The summary the partner would be told now (the preview), or is told (frozen on send). */
export const summaryFor = (basis: ReferralBasis, shareAddress: boolean): SharedSummary =>
  buildSharedSummary(basis.facts, { shareAddress })
