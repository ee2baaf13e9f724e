import { bookingProblems, type BedBooking, type BedOutOfService } from './booking-rules.ts'
import { meetsEssential, type BedCharacteristic, type BedFeatures } from './characteristics.ts'
import type { BookedNights } from './nights.ts'
import type { PremisesFeatures, PremisesNeed } from './applications.ts'

/**
 * Matching an accepted application to a bed (issue 16 items 2 and 3; reference-systems.md §2.5, CAS1 match): the
 * premises for the person's gender, offering every essential premises need, and of those the beds with every
 * essential bed characteristic that are free (no live booking, not out of service) on every night of the stay.
 */

export interface MatchPremises extends PremisesFeatures {
  readonly id: number
  readonly gender: string
}

export interface MatchBed extends BedFeatures {
  readonly id: number
  readonly premisesId: number
  readonly bookings: readonly BedBooking[]
  readonly outOfService: readonly BedOutOfService[]
}

export interface MatchNeed {
  readonly gender: string
  readonly bed: readonly BedCharacteristic[]
  readonly premises: readonly PremisesNeed[]
  readonly stay: BookedNights
}

/**
 * The premises that match and, for each, the ids of its matching beds (premises without one left out), in the order
 * given.
 *
 * @example
 * matchBeds(need, premises, beds) // [{ premisesId: 3, bedIds: [11, 12] }]
 */
export function matchBeds(
  need: MatchNeed,
  premises: readonly MatchPremises[],
  beds: readonly MatchBed[],
): { premisesId: number; bedIds: number[] }[] {
  const matches: { premisesId: number; bedIds: number[] }[] = []
  for (const p of premises) {
    if (p.gender !== need.gender || !need.premises.every(n => p[n])) continue
    const bedIds = beds
      .filter(
        b => b.premisesId === p.id && meetsEssential(b, need.bed).meets && bookingProblems(need.stay, b).length === 0,
      )
      .map(b => b.id)
    if (bedIds.length) matches.push({ premisesId: p.id, bedIds })
  }
  return matches
}
