import type { RequestContext } from '../../access/audit.ts'
import { recordChange } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import type { IsoDate } from '../../db/schema.ts'
import * as q from './queries.ts'

/**
 * Moves recorded by another feature in its own transaction, after it has opened the person's record with
 * `withPerson` (approved premises arrivals and departures, issue 16 item 4). Nothing is overwritten: the address they
 * leave keeps every detail and gains an end date (status 'previous', `superseded_by`), as `addAddress` does.
 */

export interface MoveAddress {
  addressType: string | null
  building: string | null
  street: string | null
  town: string | null
  postcode: string | null
  notes: string | null
}

/**
 * Makes `address` the person's main address from `startDate`: the current residence ends that day (or on its own
 * start, if it began later). Audited as an address change and published (`person.address.changed`).
 */
export async function moveIntoAddress(
  db: Executor,
  ctx: RequestContext,
  person: { id: number; crn: string },
  address: MoveAddress,
  startDate: IsoDate,
): Promise<number> {
  const current = await q.findCurrentResidence(db, person.id)
  if (current) {
    const end = current.start_date > startDate ? current.start_date : startDate
    await q.endResidence(db, current.id, current.status as 'main' | 'no_fixed_abode', end)
  }
  const addressId = await q.insertAddress(db, {
    person_id: person.id,
    status: 'main',
    address_type: address.addressType,
    building: address.building,
    street: address.street,
    town: address.town,
    postcode: address.postcode,
    notes: address.notes,
    start_date: startDate,
    created_by: ctx.user?.id ?? null,
  })
  if (current) await q.markSuperseded(db, current.id, addressId)
  const detail = { addressId, status: 'main', supersededAddressId: current?.id ?? null }
  await recordChange(db, ctx, person, { action: 'PERSON_ADDRESS_ADD', eventType: 'person.address.changed', detail })
  return addressId
}

/**
 * Ends the address `addressId` on `endDate` if it is still the person's current residence (they moved out and where
 * to is not known, or they went to custody). False when it is no longer current (nothing changed).
 */
export async function moveOutOfAddress(
  db: Executor,
  ctx: RequestContext,
  person: { id: number; crn: string },
  addressId: number,
  endDate: IsoDate,
): Promise<boolean> {
  const current = await q.findCurrentResidence(db, person.id)
  if (!current || current.id !== addressId) return false
  const end = current.start_date > endDate ? current.start_date : endDate
  await q.endResidence(db, current.id, current.status as 'main' | 'no_fixed_abode', end)
  const detail = { addressId, status: 'previous', endDate: end }
  await recordChange(db, ctx, person, { action: 'PERSON_ADDRESS_ADD', eventType: 'person.address.changed', detail })
  return true
}
