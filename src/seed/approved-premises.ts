import type { Transaction } from 'kysely'
import type { Database } from '../db/schema.ts'
import { insertApprovedPremises } from './queries.ts'

/**
 * The demo region's approved premises (issue 16; synthetic): three hostels in the public provider's North West
 * region, with their beds. One bed is wheelchair accessible on the ground floor. Bookings and a bed out of service,
 * dated from today, come with the living region (src/seed/living/approved-premises.ts).
 */

const bed = (
  room: string,
  code: string,
  features: Partial<Record<'single' | 'wheelchair' | 'ensuite' | 'ground', boolean>> = {},
) => ({
  room,
  code,
  single_room: features.single ?? false,
  wheelchair_accessible: features.wheelchair ?? false,
  en_suite: features.ensuite ?? false,
  ground_floor: features.ground ?? false,
})

export async function seedApprovedPremises(trx: Transaction<Database>, regionId: number): Promise<void> {
  await insertApprovedPremises(
    trx,
    {
      code: 'NTAP',
      name: 'Northtown House',
      region_id: regionId,
      address: '41 Canal Street\nNorthtown',
      postcode: 'NT2 4AP',
      gender: 'male',
      step_free_access: true,
    },
    [
      bed('1', 'NTAP-01', { single: true, wheelchair: true, ensuite: true, ground: true }),
      bed('2', 'NTAP-02', { single: true, ground: true }),
      bed('3', 'NTAP-03', { single: true }),
      bed('4', 'NTAP-04a'),
      bed('4', 'NTAP-04b'),
      bed('5', 'NTAP-05', { single: true, ensuite: true }),
    ],
  )
  await insertApprovedPremises(
    trx,
    {
      code: 'LLAP',
      name: 'Larch Lodge',
      region_id: regionId,
      address: '2 Larch Avenue\nWestbury',
      postcode: 'WB1 7LL',
      gender: 'female',
      pipe: true,
    },
    [bed('1', 'LLAP-01', { single: true, ground: true }), bed('2', 'LLAP-02', { single: true }), bed('3', 'LLAP-03')],
  )
  await insertApprovedPremises(
    trx,
    {
      code: 'WRAP',
      name: 'Westbury Road',
      region_id: regionId,
      address: '118 Westbury Road\nNorthtown',
      postcode: 'NT7 1WR',
      gender: 'male',
      enhanced_security: true,
    },
    [
      bed('1', 'WRAP-01', { single: true }),
      bed('2', 'WRAP-02', { single: true }),
      bed('3', 'WRAP-03', { single: true }),
    ],
  )
}
