import type { LocalDate } from '@js-joda/core'
import type { Executor } from '../../access/person-access.ts'
import { formatDate } from '../../web/filters.ts'
import { nextLiveBooking } from './queries/placement.ts'

/** An approved premises placement as the release flow uses it (issue 16 item 5). */
export interface ApPlacement {
  readonly bookingId: number
  readonly premisesName: string
  /** The premises' name, address and postcode, one per line: the release address and the residence condition's. */
  readonly address: string
  readonly arrivalDate: string
  readonly departureDate: string
  /** "Bed booked at Name from 3 March 2027 to 28 April 2027". */
  readonly summary: string
}

/**
 * The person's booked placement that has not ended by `today` (current or next), if any. Called inside the caller's
 * transaction, after the caller has opened the person's record: it reads no identity of its own.
 */
export async function approvedPremisesPlacement(
  db: Executor,
  personId: number,
  today: LocalDate,
): Promise<ApPlacement | undefined> {
  const row = await nextLiveBooking(db, personId, today.toString())
  if (!row) return undefined
  return {
    bookingId: row.booking_id,
    premisesName: row.name,
    address: [row.name, row.address, row.postcode].join('\n'),
    arrivalDate: row.arrival_date,
    departureDate: row.departure_date,
    summary: `Bed booked at ${row.name} from ${formatDate(row.arrival_date)} to ${formatDate(row.departure_date)}`,
  }
}
