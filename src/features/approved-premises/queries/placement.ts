import type { Executor } from '../../../access/person-access.ts'
import type { IsoDate } from '../../../db/schema.ts'

/**
 * The person's live (not cancelled) approved premises booking that has not ended by `from`, the earliest first, with
 * the premises' name and address: what the release flow shows and offers as the release address. A booking they have
 * left (a departure recorded) or did not arrive for (a non-arrival recorded) is not offered, whatever its dates.
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
    .where(eb =>
      eb.not(eb.exists(eb.selectFrom('ap_departures as d').select('d.id').whereRef('d.booking_id', '=', 'b.id'))),
    )
    .where(eb =>
      eb.not(eb.exists(eb.selectFrom('ap_non_arrivals as n').select('n.id').whereRef('n.booking_id', '=', 'b.id'))),
    )
    .orderBy('b.arrival_date')
    .limit(1)
    .executeTakeFirst()
}
