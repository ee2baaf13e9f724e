import type { RequestContext } from '../../access/audit.ts'
import { ValidationError } from '../../errors.ts'
import { recordChange } from '../../access/audit.ts'
import { claimVersion, endAfterStart } from './changes.ts'
import { requirePermission, type PeopleDeps } from './deps.ts'
import * as q from './queries.ts'
import { ADDRESS_STATUSES, ADDRESS_TYPES, type AddressStatus } from './reference-data.ts'
import type { AddressInput, ChangeResult } from './service.ts'
import * as v from './validation.ts'

/** Addresses: adding one, and moving a person (a new main address supersedes the current one). */

/**
 * Adds an address. A new main address (or "no fixed abode") supersedes the current one: the old one gets
 * an end date (the move date), status 'previous' and `superseded_by`; nothing is deleted. Bail addresses
 * cannot have an end date; a previous address must have one.
 */
export async function addAddress(
  deps: PeopleDeps,
  crn: string,
  input: AddressInput,
  ctx: RequestContext,
): Promise<ChangeResult & { addressId: number }> {
  requirePermission(ctx, 'person:update')
  const row = validateAddress(input, deps.clock.today().toString())
  const residence = isResidence(row.status)
  return deps.withPerson(ctx, crn, 'update', async (trx, person) => {
    const version = await claimVersion(trx, deps.clock, person.personId, input.version)
    const current = residence ? await q.findCurrentResidence(trx, person.personId) : undefined
    if (current && row.start_date < current.start_date) {
      throw new ValidationError([
        {
          field: 'startDate',
          message: `The date they moved in must be on or after the start of their current address (${current.start_date})`,
        },
      ])
    }
    if (current) await q.endResidence(trx, current.id, current.status as 'main' | 'no_fixed_abode', row.start_date)
    const addressId = await q.insertAddress(trx, {
      ...row,
      person_id: person.personId,
      created_by: ctx.user?.id ?? null,
    })
    if (current) await q.markSuperseded(trx, current.id, addressId)
    await recordChange(
      trx,
      ctx,
      { id: person.personId, crn: person.crn },
      {
        action: 'PERSON_ADDRESS_ADD',
        eventType: 'person.address.changed',
        detail: {
          addressId,
          status: row.status,
          supersededAddressId: current?.id ?? null,
        },
      },
    )
    return { crn: person.crn, version, addressId }
  })
}

/** Where the person lives: a main address or no fixed abode (one at a time; a new one ends the last). */
const isResidence = (status: AddressStatus) => status === 'main' || status === 'no_fixed_abode'

function validateAddress(input: AddressInput, today: string) {
  const errors: v.Errors = []
  const status = v.requiredCode(
    errors,
    'status',
    input.status,
    ADDRESS_STATUSES,
    'the kind of address',
  ) as AddressStatus
  const residence = isResidence(status)
  const row = {
    status,
    address_type: v.optionalCode(errors, 'addressType', input.addressType, ADDRESS_TYPES, 'a type of address'),
    building: v.optionalText(errors, 'building', input.building, 'building and number'),
    street: v.optionalText(errors, 'street', input.street, 'street'),
    district: v.optionalText(errors, 'district', input.district, 'district'),
    town: v.optionalText(errors, 'town', input.town, 'town or city'),
    county: v.optionalText(errors, 'county', input.county, 'county'),
    postcode: v.postcode(errors, 'postcode', input.postcode),
    telephone: v.phone(errors, 'telephone', input.telephone, 'a telephone number'),
    start_date: v.requiredDate(
      errors,
      'startDate',
      input.startDate,
      'the start date',
      residence ? { notAfter: today, notAfterMessage: 'The date they moved in must be today or in the past' } : {},
    ),
    end_date: v.optionalDate(errors, 'endDate', input.endDate, 'the end date'),
    notes: v.optionalText(errors, 'notes', input.notes, 'notes', 4000),
  }
  if (status && status !== 'no_fixed_abode' && !row.building && !row.street) {
    errors.push({ field: 'building', message: 'Enter the building and number or the street' })
  }
  if (status && status !== 'no_fixed_abode' && !row.town && !row.postcode) {
    errors.push({ field: 'town', message: 'Enter the town or city or the postcode' })
  }
  if (residence && row.end_date)
    errors.push({ field: 'endDate', message: 'A current address has no end date. It ends when they move.' })
  if (status === 'bail' && row.end_date)
    errors.push({ field: 'endDate', message: 'A bail address cannot have an end date' })
  if (status === 'previous' && !row.end_date && !errors.some(e => e.field === 'endDate')) {
    errors.push({ field: 'endDate', message: 'Enter the date they left this address' })
  }
  endAfterStart(errors, row.start_date, row.end_date)
  if (errors.length) throw new ValidationError(errors)
  return row
}
