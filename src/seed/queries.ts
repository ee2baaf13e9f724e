import type { Executor } from '../access/person-access.ts'
import type { Role } from '../access/roles.ts'
import type { Insertable } from 'kysely'
import type {
  AccessLimitationsTable,
  ApBedsTable,
  ApprovedPremisesTable,
  AddressesTable,
  CaseManagersTable,
  CourtsTable,
  PartnerOrganisationsTable,
  PartnerServicesTable,
  StaffTable,
} from '../db/schema.ts'

/** The demo region's statements (`demo.ts`): the organisation, its sign-ins and its people's details. */

/** Whether any provider exists yet: the demo region is seeded only into an empty database. */
export async function hasAnyProvider(db: Executor): Promise<boolean> {
  return (await db.selectFrom('providers').select('id').limit(1).executeTakeFirst()) !== undefined
}

export async function insertProvider(
  db: Executor,
  code: string,
  name: string,
  kind: 'public' | 'contracted' | 'mutual' | 'charity',
): Promise<number> {
  return (await db.insertInto('providers').values({ code, name, kind }).returning('id').executeTakeFirstOrThrow()).id
}

export async function insertRegion(db: Executor, providerId: number, code: string, name: string): Promise<number> {
  const row = await db
    .insertInto('regions')
    .values({ provider_id: providerId, code, name })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function insertDeliveryUnit(db: Executor, regionId: number, code: string, name: string): Promise<number> {
  const row = await db
    .insertInto('delivery_units')
    .values({ region_id: regionId, code, name })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function insertTeam(db: Executor, unitId: number, code: string, name: string): Promise<number> {
  const row = await db
    .insertInto('teams')
    .values({ delivery_unit_id: unitId, code, name })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function insertCourts(db: Executor, courts: Insertable<CourtsTable>[]): Promise<void> {
  await db.insertInto('courts').values(courts).execute()
}

export async function insertStaff(db: Executor, staff: Insertable<StaffTable>): Promise<number> {
  return (await db.insertInto('staff').values(staff).returning('id').executeTakeFirstOrThrow()).id
}

export async function insertUser(
  db: Executor,
  user: { username: string; display_name: string; roles: Role[]; staff_id: number | null; password_hash: string },
): Promise<number> {
  return (await db.insertInto('users').values(user).returning('id').executeTakeFirstOrThrow()).id
}

export async function insertCaseManager(db: Executor, manager: Insertable<CaseManagersTable>): Promise<void> {
  await db.insertInto('case_managers').values(manager).execute()
}

export async function insertAddress(db: Executor, address: Insertable<AddressesTable>): Promise<number> {
  return (await db.insertInto('addresses').values(address).returning('id').executeTakeFirstOrThrow()).id
}

/** The message an excluded or restricted user sees instead of the record. */
export async function setAccessMessage(
  db: Executor,
  personId: number,
  message: { exclusion_message: string } | { restriction_message: string },
): Promise<void> {
  await db.updateTable('people').set(message).where('id', '=', personId).execute()
}

export async function insertAccessLimitation(db: Executor, limitation: Insertable<AccessLimitationsTable>) {
  await db.insertInto('access_limitations').values(limitation).execute()
}

/** Approved premises in a region, and their beds (src/seed/approved-premises.ts). */
export async function insertApprovedPremises(
  db: Executor,
  premises: Insertable<ApprovedPremisesTable>,
  beds: Omit<Insertable<ApBedsTable>, 'premises_id'>[],
): Promise<number> {
  const { id } = await db.insertInto('approved_premises').values(premises).returning('id').executeTakeFirstOrThrow()
  if (beds.length)
    await db
      .insertInto('ap_beds')
      .values(beds.map(b => ({ ...b, premises_id: id })))
      .execute()
  return id
}

/** A partner organisation in the directory (issue 18). */
export async function insertPartnerOrganisation(
  db: Executor,
  row: Insertable<PartnerOrganisationsTable>,
): Promise<number> {
  return (await db.insertInto('partner_organisations').values(row).returning('id').executeTakeFirstOrThrow()).id
}

/** A partner service with the regions it covers (none: the whole country), and its first change row. */
export async function insertPartnerService(
  db: Executor,
  row: Insertable<PartnerServicesTable>,
  regionIds: readonly number[],
): Promise<number> {
  const id = (await db.insertInto('partner_services').values(row).returning('id').executeTakeFirstOrThrow()).id
  if (regionIds.length)
    await db
      .insertInto('partner_service_areas')
      .values(regionIds.map(region_id => ({ service_id: id, region_id })))
      .execute()
  await db
    .insertInto('partner_service_changes')
    .values({ service_id: id, change: 'created', detail: JSON.stringify({ accepting: row.accepting ?? true }) })
    .execute()
  return id
}

/** Makes a user a partner organisation's user. */
export async function setUserPartnerOrganisation(db: Executor, userId: number, organisationId: number): Promise<void> {
  await db.updateTable('users').set({ partner_organisation_id: organisationId }).where('id', '=', userId).execute()
}
