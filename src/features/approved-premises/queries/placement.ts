import type { Executor } from '../../../access/person-access.ts'
import type { IsoDate } from '../../../db/schema.ts'

/**
 * The person's live (not cancelled) approved premises booking that has not ended by `from`, the earliest first, with
 * the premises' name and address: what the release flow shows and offers as the release address.
 */
export async function nextLiveBooking(db: Executor, personId: number, from: IsoDate) {
  return db
    .selectFrom('ap_bookings as b')
    .innerJoin('ap_beds as bd', 'bd.id', 'b.bed_id')
    .innerJoin('approved_premises as ap', 'ap.id', 'bd.premises_id')
    .select([
      'b.id as booking_id',
      'b.arrival_date',
      'b.departure_date',
      'ap.id as premises_id',
      'ap.name',
      'ap.address',
      'ap.postcode',
    ])
    .where('b.person_id', '=', personId)
    .where('b.cancelled', '=', false)
    .where('b.departure_date', '>', from)
    .orderBy('b.arrival_date')
    .limit(1)
    .executeTakeFirst()
}
