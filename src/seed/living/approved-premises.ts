import type { LocalDate } from '@js-joda/core'
import type { Transaction } from 'kysely'
import type { Database } from '../../db/schema.ts'
import * as q from './queries.ts'

/**
 * The living region's approved premises work, dated from today (issue 16): at Northtown House a man who arrived
 * five days ago is booked for six weeks, another is booked from next week in the wheelchair-accessible ground-floor
 * bed, and a shared room's bed is out of service for fire door repairs; at Larch Lodge a woman is booked from a fortnight
 * on. The people are the base demo's, managed by the public provider, with no limited access.
 */
export async function seedApprovedPremisesWork(trx: Transaction<Database>, today: LocalDate): Promise<void> {
  const beds = await q.apBedsByCode(trx)
  const men = await q.bookablePeople(trx, 'male', 'PS')
  const women = await q.bookablePeople(trx, 'female', 'PS')
  const bedId = (code: string) => beds.get(code)
  const book = async (person: { id: number } | undefined, code: string, from: number, to: number) => {
    const bed = bedId(code)
    if (!person || !bed) return
    await q.insertApBooking(trx, {
      person_id: person.id,
      bed_id: bed,
      arrival_date: today.plusDays(from).toString(),
      departure_date: today.plusDays(to).toString(),
    })
  }
  await book(men[0], 'NTAP-02', -5, 37)
  await book(men[1], 'NTAP-01', 7, 70)
  await book(women[0], 'LLAP-01', 14, 56)
  const shared = bedId('NTAP-04b')
  if (shared)
    await q.insertApOutOfService(trx, {
      bed_id: shared,
      from_date: today.plusDays(3).toString(),
      to_date: today.plusDays(20).toString(),
      reason: 'Fire door repairs',
    })
}
