import { sql, type Insertable, type Updateable } from 'kysely'
import type { Executor } from '../../../access/person-access.ts'
import type { PartnerOrganisationsTable, PartnerPathway, PartnerServicesTable } from '../../../db/schema.ts'

/** The directory's SQL (issue 18 items 1–2): organisations, services, their areas and change history. */

/** `text` as a literal inside a LIKE pattern (%, _ and \ escaped). */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, m => `\\${m}`)

/** Referrals that hold a place on a service: accepted and not yet finished. */
export const PLACE_STATUSES = ['accepted', 'in_progress'] as const

export interface DirectoryFilter {
  readonly pathway: PartnerPathway | null
  /** Region ids: a service matches when it covers one of them, or covers the whole country (no areas). */
  readonly regionIds: readonly number[]
  readonly acceptingOnly: boolean
  readonly text: string
  readonly limit: number
}

const serviceColumns = [
  'partner_services.id',
  'partner_services.organisation_id',
  'partner_services.name',
  'partner_services.pathway',
  'partner_services.description',
  'partner_services.eligible_genders',
  'partner_services.eligible_tiers',
  'partner_services.max_rosh',
  'partner_services.delivers_rar',
  'partner_services.capacity',
  'partner_services.waiting_weeks',
  'partner_services.funding_ends_on',
  'partner_services.accepting',
  'partner_services.closed_reason',
  'partner_services.lone_working_guidance',
  'partner_services.active',
  'partner_services.version',
  'partner_organisations.name as organisation_name',
  'partner_organisations.tier as organisation_tier',
  'partner_organisations.legal_form as organisation_legal_form',
] as const

function servicesBase(db: Executor) {
  return db
    .selectFrom('partner_services')
    .innerJoin('partner_organisations', 'partner_organisations.id', 'partner_services.organisation_id')
    .select(serviceColumns)
    .select(eb =>
      eb
        .selectFrom('referrals')
        .whereRef('referrals.service_id', '=', 'partner_services.id')
        .where('referrals.status', 'in', PLACE_STATUSES)
        .select(eb.fn.countAll<string | number>().as('n'))
        .as('places_in_use'),
    )
}

export type ServiceRow = Awaited<ReturnType<typeof findService>> & object

/** Active services matching the filter, by name, at most `limit` (and the number that matched). */
export async function searchServices(db: Executor, f: DirectoryFilter) {
  let q = servicesBase(db).where('partner_services.active', '=', true)
  if (f.pathway) q = q.where('partner_services.pathway', '=', f.pathway)
  if (f.acceptingOnly) q = q.where('partner_services.accepting', '=', true)
  if (f.text) {
    const pattern = `%${likeLiteral(f.text)}%`
    q = q.where(eb =>
      eb.or([eb('partner_services.name', 'ilike', pattern), eb('partner_organisations.name', 'ilike', pattern)]),
    )
  }
  if (f.regionIds.length) {
    const regions = [...f.regionIds]
    q = q.where(eb =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('partner_service_areas')
            .whereRef('partner_service_areas.service_id', '=', 'partner_services.id')
            .where('partner_service_areas.region_id', 'in', regions)
            .select(sql`1`.as('one')),
        ),
        eb.not(
          eb.exists(
            eb
              .selectFrom('partner_service_areas')
              .whereRef('partner_service_areas.service_id', '=', 'partner_services.id')
              .select(sql`1`.as('one')),
          ),
        ),
      ]),
    )
  }
  const rows = await q
    .orderBy('partner_services.name')
    .orderBy('partner_organisations.name')
    .orderBy('partner_services.id')
    .limit(f.limit + 1)
    .execute()
  return rows
}

export async function findService(db: Executor, id: number) {
  return servicesBase(db).where('partner_services.id', '=', id).executeTakeFirst()
}

/** The services of an organisation (active or not), by name. */
export async function servicesOfOrganisation(db: Executor, organisationId: number) {
  return servicesBase(db)
    .where('partner_services.organisation_id', '=', organisationId)
    .orderBy('partner_services.name')
    .execute()
}

/** The regions each service covers, by service id. */
export async function areasOfServices(db: Executor, serviceIds: readonly number[]) {
  if (!serviceIds.length) return []
  return db
    .selectFrom('partner_service_areas')
    .innerJoin('regions', 'regions.id', 'partner_service_areas.region_id')
    .select(['partner_service_areas.service_id', 'regions.id as region_id', 'regions.name'])
    .where('partner_service_areas.service_id', 'in', [...serviceIds])
    .orderBy('regions.name')
    .execute()
}

export async function listRegions(db: Executor) {
  return db
    .selectFrom('regions')
    .select(['id', 'name', 'provider_id'])
    .where('active', '=', true)
    .orderBy('name')
    .execute()
}

export async function listOrganisations(db: Executor) {
  return db
    .selectFrom('partner_organisations as o')
    .leftJoin('partner_organisations as prime', 'prime.id', 'o.prime_id')
    .select([
      'o.id',
      'o.code',
      'o.name',
      'o.tier',
      'o.legal_form',
      'o.registration_number',
      'o.active',
      'prime.name as prime_name',
    ])
    .select(eb =>
      eb
        .selectFrom('partner_services')
        .whereRef('partner_services.organisation_id', '=', 'o.id')
        .where('partner_services.active', '=', true)
        .select(eb.fn.countAll<string | number>().as('n'))
        .as('services'),
    )
    .orderBy('o.name')
    .execute()
}

export async function findOrganisation(db: Executor, id: number) {
  return db
    .selectFrom('partner_organisations as o')
    .leftJoin('partner_organisations as prime', 'prime.id', 'o.prime_id')
    .selectAll('o')
    .select('prime.name as prime_name')
    .where('o.id', '=', id)
    .executeTakeFirst()
}

export type OrganisationRow = NonNullable<Awaited<ReturnType<typeof findOrganisation>>>

/** Primes an organisation may sit under (not itself). */
export async function listPrimes(db: Executor) {
  return db
    .selectFrom('partner_organisations')
    .select(['id', 'name'])
    .where('tier', '=', 'prime')
    .where('active', '=', true)
    .orderBy('name')
    .execute()
}

export async function organisationCodeTaken(db: Executor, code: string, exceptId: number | null) {
  let q = db
    .selectFrom('partner_organisations')
    .select('id')
    .where(sql<boolean>`lower(code) = lower(${code})`)
  if (exceptId !== null) q = q.where('id', '<>', exceptId)
  return (await q.executeTakeFirst()) !== undefined
}

export async function insertOrganisation(db: Executor, row: Insertable<PartnerOrganisationsTable>) {
  return Number((await db.insertInto('partner_organisations').values(row).returning('id').executeTakeFirstOrThrow()).id)
}

/** Changes the organisation if still at `version`; false when someone changed it first. */
export async function updateOrganisation(
  db: Executor,
  id: number,
  version: number,
  row: Updateable<PartnerOrganisationsTable>,
) {
  const result = await db
    .updateTable('partner_organisations')
    .set(eb => ({ ...row, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** The organisation's partner users (role partner). */
export async function usersOfOrganisation(db: Executor, organisationId: number) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'active'])
    .where('partner_organisation_id', '=', organisationId)
    .orderBy('username')
    .execute()
}

export async function insertService(db: Executor, row: Insertable<PartnerServicesTable>) {
  return Number((await db.insertInto('partner_services').values(row).returning('id').executeTakeFirstOrThrow()).id)
}

/** Changes the service if still at `version`; false when someone changed it first. */
export async function updateService(db: Executor, id: number, version: number, row: Updateable<PartnerServicesTable>) {
  const result = await db
    .updateTable('partner_services')
    .set(eb => ({ ...row, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function replaceServiceAreas(db: Executor, serviceId: number, regionIds: readonly number[]) {
  await db.deleteFrom('partner_service_areas').where('service_id', '=', serviceId).execute()
  if (regionIds.length)
    await db
      .insertInto('partner_service_areas')
      .values(regionIds.map(region_id => ({ service_id: serviceId, region_id })))
      .execute()
}

export async function insertServiceChange(
  db: Executor,
  row: { service_id: number; change: string; detail: unknown; changed_by: number | null; changed_at: Date },
) {
  await db
    .insertInto('partner_service_changes')
    .values({ ...row, detail: JSON.stringify(row.detail) })
    .execute()
}

export async function serviceChanges(db: Executor, serviceId: number) {
  return db
    .selectFrom('partner_service_changes')
    .leftJoin('users', 'users.id', 'partner_service_changes.changed_by')
    .select([
      'partner_service_changes.id',
      'partner_service_changes.change',
      'partner_service_changes.detail',
      'partner_service_changes.changed_at',
      'users.display_name as changed_by',
    ])
    .where('partner_service_changes.service_id', '=', serviceId)
    .orderBy('partner_service_changes.id', 'desc')
    .execute()
}
