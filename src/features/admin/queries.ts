import type { Executor } from '../../access/person-access.ts'
import type { ApiTokenScope } from '../../db/schema.ts'

/**
 * Reads for the administration pages. Organisation levels share one shape (code, name, active) and differ
 * only in their parent, so they are described once here.
 */

export const ORG_LEVELS = ['providers', 'regions', 'delivery-units', 'teams'] as const
export type OrgLevel = (typeof ORG_LEVELS)[number]

export const ORG_TABLE = {
  providers: 'providers',
  regions: 'regions',
  'delivery-units': 'delivery_units',
  teams: 'teams',
} as const
export const ORG_PARENT = { regions: 'providers', 'delivery-units': 'regions', teams: 'delivery-units' } as const
export const ORG_PARENT_COLUMN = {
  regions: 'provider_id',
  'delivery-units': 'region_id',
  teams: 'delivery_unit_id',
} as const
/** In practitioners' words: a borough is a probation delivery unit (PDU). */
export const ORG_LEVEL_NAMES: Record<OrgLevel, string> = {
  providers: 'provider',
  regions: 'region',
  'delivery-units': 'probation delivery unit (PDU)',
  teams: 'team',
}

export const PROVIDER_KINDS = {
  public: 'Public probation service',
  contracted: 'Contracted company',
  mutual: 'Staff mutual',
  charity: 'Charity',
} as const
export type ProviderKind = keyof typeof PROVIDER_KINDS

export function isProviderKind(value: string): value is ProviderKind {
  return Object.hasOwn(PROVIDER_KINDS, value)
}

/** The grades the database accepts (staff.grade check constraint), with the words practitioners use. */
export const GRADES = {
  PO: 'Probation officer (PO)',
  PSO: 'Probation services officer (PSO)',
  SPO: 'Senior probation officer (SPO)',
  ACO: 'Assistant chief officer (ACO)',
  CO: 'Chief officer (CO)',
  ADMIN: 'Administrator',
  VLO: 'Victim liaison officer (VLO)',
  APW: 'Approved premises worker (APW)',
  UPWS: 'Unpaid work supervisor',
  CM: 'Case manager',
  OTHER: 'Other',
} as const

export interface OrgUnitRow {
  id: number
  code: string
  name: string
  active: boolean
  parentId: number | null
  kind: ProviderKind | null
}

/** Every unit of one level, ordered by name. */
export async function listOrgUnits(db: Executor, level: OrgLevel): Promise<OrgUnitRow[]> {
  if (level === 'providers') {
    const rows = await db
      .selectFrom('providers')
      .select(['id', 'code', 'name', 'active', 'kind'])
      .orderBy('name')
      .execute()
    return rows.map(r => ({ ...r, parentId: null }))
  }
  const table = ORG_TABLE[level] as 'teams'
  const parentColumn = ORG_PARENT_COLUMN[level] as 'delivery_unit_id'
  const rows = await db
    .selectFrom(table)
    .select(['id', 'code', 'name', 'active', `${parentColumn} as parentId`])
    .orderBy('name')
    .execute()
  return rows.map(r => ({ ...r, kind: null }))
}

export async function findOrgUnit(db: Executor, level: OrgLevel, id: number): Promise<OrgUnitRow | undefined> {
  if (level === 'providers') {
    const row = await db
      .selectFrom('providers')
      .select(['id', 'code', 'name', 'active', 'kind'])
      .where('id', '=', id)
      .executeTakeFirst()
    return row && { ...row, parentId: null }
  }
  const table = ORG_TABLE[level] as 'teams'
  const parentColumn = ORG_PARENT_COLUMN[level] as 'delivery_unit_id'
  const row = await db
    .selectFrom(table)
    .select(['id', 'code', 'name', 'active', `${parentColumn} as parentId`])
    .where('id', '=', id)
    .executeTakeFirst()
  return row && { ...row, kind: null }
}

export async function orgCodeTaken(db: Executor, level: OrgLevel, code: string): Promise<boolean> {
  const table = ORG_TABLE[level] as 'teams'
  return (await db.selectFrom(table).select('id').where('code', '=', code).executeTakeFirst()) !== undefined
}

/** Teams with the provider they belong to (team → PDU → region → provider), for pickers and checks. */
export async function listTeamsWithProvider(db: Executor) {
  return db
    .selectFrom('teams')
    .innerJoin('delivery_units', 'delivery_units.id', 'teams.delivery_unit_id')
    .innerJoin('regions', 'regions.id', 'delivery_units.region_id')
    .select([
      'teams.id',
      'teams.code',
      'teams.name',
      'teams.active',
      'delivery_units.name as unitName',
      'regions.provider_id as providerId',
    ])
    .orderBy('teams.name')
    .execute()
}

export async function teamProvider(db: Executor, teamId: number) {
  return db
    .selectFrom('teams')
    .innerJoin('delivery_units', 'delivery_units.id', 'teams.delivery_unit_id')
    .innerJoin('regions', 'regions.id', 'delivery_units.region_id')
    .select(['teams.id', 'teams.code', 'teams.name', 'teams.active', 'regions.provider_id as providerId'])
    .where('teams.id', '=', teamId)
    .executeTakeFirst()
}

/**
 * Staff with their provider and team: the one staff directory query, used by administration (every member of staff,
 * by provider or team) and by allocation (a team's active practitioners, or one member of staff).
 */
export async function listStaff(
  db: Executor,
  filter: { providerId?: number | null; teamId?: number | null; staffId?: number; activeOnly?: boolean } = {},
) {
  let query = db
    .selectFrom('staff')
    .innerJoin('providers', 'providers.id', 'staff.provider_id')
    .leftJoin('teams', 'teams.id', 'staff.team_id')
    .select([
      'staff.id',
      'staff.code',
      'staff.forename',
      'staff.surname',
      'staff.grade',
      'staff.email',
      'staff.active',
      'staff.contracted_hours as contractedHours',
      'staff.provider_id as providerId',
      'staff.team_id as teamId',
      'providers.name as providerName',
      'providers.kind as providerKind',
      'teams.name as teamName',
    ])
  if (filter.providerId) query = query.where('staff.provider_id', '=', filter.providerId)
  if (filter.teamId) query = query.where('staff.team_id', '=', filter.teamId)
  if (filter.staffId !== undefined) query = query.where('staff.id', '=', filter.staffId)
  if (filter.activeOnly) query = query.where('staff.active', '=', true)
  return query.orderBy('staff.surname').orderBy('staff.forename').execute()
}

/** One member of staff as the staff directory lists them. */
export type StaffRow = Awaited<ReturnType<typeof listStaff>>[number]

export async function findStaff(db: Executor, id: number) {
  return db
    .selectFrom('staff')
    .select([
      'id',
      'code',
      'forename',
      'surname',
      'grade',
      'email',
      'active',
      'provider_id as providerId',
      'team_id as teamId',
    ])
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function listUsers(db: Executor) {
  return db
    .selectFrom('users')
    .leftJoin('staff', 'staff.id', 'users.staff_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name as displayName',
      'users.roles',
      'users.active',
      'users.locked_until as lockedUntil',
      'users.last_sign_in_at as lastSignInAt',
      'users.staff_id as staffId',
      'staff.forename as staffForename',
      'staff.surname as staffSurname',
      'staff.code as staffCode',
    ])
    .orderBy('users.username')
    .execute()
}

export async function findUser(db: Executor, id: number) {
  return db
    .selectFrom('users')
    .select([
      'id',
      'username',
      'display_name as displayName',
      'staff_id as staffId',
      'roles',
      'active',
      'failed_attempts as failedAttempts',
      'locked_until as lockedUntil',
      'last_sign_in_at as lastSignInAt',
      'password_changed_at as passwordChangedAt',
      'created_at as createdAt',
      'version',
      'partner_organisation_id as partnerOrganisationId',
    ])
    .where('id', '=', id)
    .executeTakeFirst()
}

/** Partner organisations (issue 18), for a partner user's organisation. */
export async function listPartnerOrganisations(db: Executor) {
  return db.selectFrom('partner_organisations').select(['id', 'name', 'code', 'active']).orderBy('name').execute()
}

export async function usernameTaken(db: Executor, username: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where(eb => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst()
  return row !== undefined
}

/** Active users, for choosing who a token acts as or who is excluded from a record. */
export async function listActiveUsers(db: Executor) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name as displayName'])
    .where('active', '=', true)
    .orderBy('username')
    .execute()
}

/** A person by CRN, with only what an administrator needs to recognise them. Soft-deleted records are not found. */
export async function findPersonByCrn(db: Executor, crn: string) {
  return adminPerson(db).where('crn', '=', crn).where('deleted_at', 'is', null).executeTakeFirst()
}

/** The same, by id, for a person the access policy has already let through. */
export async function findPersonById(db: Executor, id: number) {
  return adminPerson(db).where('id', '=', id).executeTakeFirstOrThrow()
}

function adminPerson(db: Executor) {
  return db
    .selectFrom('people')
    .select([
      'id',
      'crn',
      'forename',
      'surname',
      'date_of_birth as dateOfBirth',
      'managing_provider_id as providerId',
      'managing_team_id as teamId',
      'managing_staff_id as staffId',
      'exclusion_message as exclusionMessage',
      'restriction_message as restrictionMessage',
      'version',
    ])
}

export async function listManagerHistory(db: Executor, personId: number) {
  return db
    .selectFrom('case_managers')
    .innerJoin('providers', 'providers.id', 'case_managers.provider_id')
    .leftJoin('teams', 'teams.id', 'case_managers.team_id')
    .leftJoin('staff', 'staff.id', 'case_managers.staff_id')
    .leftJoin('users', 'users.id', 'case_managers.created_by')
    .select([
      'case_managers.id',
      'case_managers.started_at as startedAt',
      'case_managers.ended_at as endedAt',
      'case_managers.reason',
      'providers.name as providerName',
      'teams.name as teamName',
      'staff.forename as staffForename',
      'staff.surname as staffSurname',
      'users.display_name as createdBy',
    ])
    .where('case_managers.person_id', '=', personId)
    .orderBy('case_managers.started_at', 'desc')
    .orderBy('case_managers.id', 'desc')
    .execute()
}

export async function listLimitations(db: Executor, personId: number) {
  return db
    .selectFrom('access_limitations')
    .innerJoin('users', 'users.id', 'access_limitations.user_id')
    .leftJoin('users as creators', 'creators.id', 'access_limitations.created_by')
    .select([
      'access_limitations.id',
      'access_limitations.kind',
      'access_limitations.reason',
      'access_limitations.created_at as createdAt',
      'access_limitations.removed_at as removedAt',
      'access_limitations.user_id as userId',
      'users.username',
      'users.display_name as displayName',
      'creators.display_name as createdBy',
    ])
    .where('access_limitations.person_id', '=', personId)
    .orderBy('access_limitations.created_at', 'desc')
    .orderBy('access_limitations.id', 'desc')
    .execute()
}

export async function listApiTokens(db: Executor) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .leftJoin('users as issuers', 'issuers.id', 'api_tokens.created_by')
    .select([
      'api_tokens.id',
      'api_tokens.name',
      'api_tokens.token_prefix as prefix',
      'api_tokens.created_at as createdAt',
      'api_tokens.last_used_at as lastUsedAt',
      'api_tokens.revoked_at as revokedAt',
      'api_tokens.expires_at as expiresAt',
      'api_tokens.rotated_at as rotatedAt',
      'users.username',
      'issuers.username as issuedBy',
    ])
    .orderBy('api_tokens.created_at', 'desc')
    .orderBy('api_tokens.id', 'desc')
    .execute()
}

/** PostgreSQL (and PGlite) report a unique-index violation with SQLSTATE 23505. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '23505'
}

// ── Changes ────────────────────────────────────────────────────────────────────────────────────────────────

/** Adds an organisation unit; every level but providers belongs to a parent unit. */
export async function insertOrgUnit(
  db: Executor,
  level: OrgLevel,
  unit: { code: string; name: string; kind: ProviderKind | null; parentId: number | null },
): Promise<number> {
  const { code, name, kind, parentId } = unit
  if (level === 'providers') {
    if (kind === null) throw new Error('A provider needs its kind')
    return (await db.insertInto('providers').values({ code, name, kind }).returning('id').executeTakeFirstOrThrow()).id
  }
  if (parentId === null) throw new Error(`A unit of ${level} needs its parent`)
  const row =
    level === 'regions'
      ? await db.insertInto('regions').values({ code, name, provider_id: parentId }).returning('id').executeTakeFirst()
      : level === 'delivery-units'
        ? await db
            .insertInto('delivery_units')
            .values({ code, name, region_id: parentId })
            .returning('id')
            .executeTakeFirst()
        : await db
            .insertInto('teams')
            .values({ code, name, delivery_unit_id: parentId })
            .returning('id')
            .executeTakeFirst()
  if (!row) throw new Error(`The new unit of ${level} was not added`)
  return row.id
}

export async function updateOrgUnit(
  db: Executor,
  level: OrgLevel,
  id: number,
  change: { name: string; active: boolean; kind: ProviderKind | null },
): Promise<void> {
  const { name, active, kind } = change
  if (level === 'providers') {
    if (kind === null) throw new Error('A provider needs its kind')
    await db.updateTable('providers').set({ name, kind, active }).where('id', '=', id).execute()
    return
  }
  const table = ORG_TABLE[level]
  await db.updateTable(table).set({ name, active }).where('id', '=', id).execute()
}

export async function staffCodeTaken(db: Executor, code: string): Promise<boolean> {
  return (await db.selectFrom('staff').select('id').where('code', '=', code).executeTakeFirst()) !== undefined
}

interface StaffRowValues {
  forename: string
  surname: string
  grade: string
  provider_id: number
  team_id: number | null
  email: string | null
}

export async function insertStaff(db: Executor, staff: StaffRowValues & { code: string }): Promise<number> {
  return (await db.insertInto('staff').values(staff).returning('id').executeTakeFirstOrThrow()).id
}

export async function updateStaff(db: Executor, id: number, staff: StaffRowValues & { active: boolean }) {
  await db.updateTable('staff').set(staff).where('id', '=', id).execute()
}

export async function insertUser(
  db: Executor,
  user: {
    username: string
    displayName: string
    staffId: number | null
    roles: string[]
    passwordHash: string
    partnerOrganisationId: number | null
  },
): Promise<number> {
  const { id } = await db
    .insertInto('users')
    .values({
      username: user.username,
      display_name: user.displayName,
      staff_id: user.staffId,
      roles: user.roles,
      password_hash: user.passwordHash,
      partner_organisation_id: user.partnerOrganisationId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** Changes a user's details if the row is still at `version`; false when someone else changed it first. */
export async function updateUserDetails(
  db: Executor,
  id: number,
  version: number,
  details: { displayName: string; staffId: number | null; roles: string[]; partnerOrganisationId: number | null },
): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set(eb => ({
      display_name: details.displayName,
      staff_id: details.staffId,
      roles: details.roles,
      partner_organisation_id: details.partnerOrganisationId,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function setUserActive(db: Executor, id: number, active: boolean): Promise<void> {
  await db
    .updateTable('users')
    .set(eb => ({ active, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute()
}

/** Unlocks an account and forgets every source's failed sign-ins for it (so no address has to wait either). */
export async function unlockUser(db: Executor, id: number): Promise<void> {
  const { username } = await db
    .updateTable('users')
    .set({ failed_attempts: 0, locked_until: null })
    .where('id', '=', id)
    .returning('username')
    .executeTakeFirstOrThrow()
  await db.deleteFrom('sign_in_throttles').where('username', '=', username.toLowerCase()).execute()
}

/** A new password set by an administrator; it also unlocks the account (and clears every source's wait). */
export async function resetUserPassword(db: Executor, id: number, passwordHash: string, now: Date): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, password_changed_at: now })
    .where('id', '=', id)
    .execute()
  await unlockUser(db, id)
}

/** The access lists a user is on now for one person (at most one, but read as a list). */
export async function openLimitationKinds(db: Executor, personId: number, userId: number) {
  const rows = await db
    .selectFrom('access_limitations')
    .select('kind')
    .where('person_id', '=', personId)
    .where('user_id', '=', userId)
    .where('removed_at', 'is', null)
    .execute()
  return rows.map(r => r.kind)
}

export async function insertLimitation(
  db: Executor,
  limitation: {
    personId: number
    kind: 'exclusion' | 'restriction'
    userId: number
    reason: string | null
    createdBy: number | null
  },
): Promise<number> {
  const { id } = await db
    .insertInto('access_limitations')
    .values({
      person_id: limitation.personId,
      kind: limitation.kind,
      user_id: limitation.userId,
      reason: limitation.reason,
      created_by: limitation.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function findOpenLimitation(db: Executor, id: number, personId: number) {
  return db
    .selectFrom('access_limitations')
    .select(['id', 'kind', 'user_id as userId'])
    .where('id', '=', id)
    .where('person_id', '=', personId)
    .where('removed_at', 'is', null)
    .executeTakeFirst()
}

export async function removeLimitation(db: Executor, id: number, now: Date): Promise<void> {
  await db.updateTable('access_limitations').set({ removed_at: now }).where('id', '=', id).execute()
}

/** Sets the messages shown to excluded and restricted users if the record is still at `version`. */
export async function updateAccessMessages(
  db: Executor,
  personId: number,
  version: number,
  messages: { exclusionMessage: string | null; restrictionMessage: string | null; now: Date },
): Promise<boolean> {
  const updated = await db
    .updateTable('people')
    .set(eb => ({
      exclusion_message: messages.exclusionMessage,
      restriction_message: messages.restrictionMessage,
      updated_at: messages.now,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', personId)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(updated.numUpdatedRows) === 1
}

export async function insertApiToken(
  db: Executor,
  token: {
    name: string
    tokenHash: string
    prefix: string
    userId: number
    createdBy: number
    createdAt: Date
    expiresAt: Date
    scopes: ApiTokenScope[]
  },
): Promise<number> {
  const { id } = await db
    .insertInto('api_tokens')
    .values({
      name: token.name,
      token_hash: token.tokenHash,
      token_prefix: token.prefix,
      user_id: token.userId,
      created_by: token.createdBy,
      created_at: token.createdAt,
      expires_at: token.expiresAt,
      scopes: token.scopes,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function findApiToken(db: Executor, id: number) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id',
      'api_tokens.name',
      'api_tokens.token_prefix as prefix',
      'api_tokens.revoked_at as revokedAt',
      'api_tokens.created_at as createdAt',
      'api_tokens.rotated_at as rotatedAt',
      'api_tokens.expires_at as expiresAt',
      'users.username',
    ])
    .where('api_tokens.id', '=', id)
    .executeTakeFirst()
}

/** A new secret for a token: the old one stops matching at once; the token keeps its name, owner and history. */
export async function rotateApiToken(
  db: Executor,
  id: number,
  token: { tokenHash: string; prefix: string; now: Date; expiresAt: Date },
): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({
      token_hash: token.tokenHash,
      token_prefix: token.prefix,
      rotated_at: token.now,
      expires_at: token.expiresAt,
    })
    .where('id', '=', id)
    .execute()
}

export async function revokeApiToken(db: Executor, id: number, now: Date): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).execute()
}

// ── Team letterheads ───────────────────────────────────────────────────────────────────────────────────────

/** A team's letterhead and contact block (null where not set), with its provider's name. */
export async function findTeamContact(db: Executor, teamId: number) {
  return db
    .selectFrom('teams')
    .innerJoin('delivery_units', 'delivery_units.id', 'teams.delivery_unit_id')
    .innerJoin('regions', 'regions.id', 'delivery_units.region_id')
    .innerJoin('providers', 'providers.id', 'regions.provider_id')
    .select([
      'teams.id',
      'teams.code',
      'teams.name',
      'teams.active',
      'teams.office_name',
      'teams.office_address',
      'teams.office_phone',
      'teams.office_email',
      'providers.name as provider_name',
    ])
    .where('teams.id', '=', teamId)
    .executeTakeFirst()
}
export type TeamContactRow = NonNullable<Awaited<ReturnType<typeof findTeamContact>>>

/** The team with this code's id (for the seed and test factories, which know teams by code). */
export async function findTeamIdByCode(db: Executor, code: string): Promise<number | undefined> {
  return (await db.selectFrom('teams').select('id').where('code', '=', code).executeTakeFirst())?.id
}

/** Ids of the teams whose letters have no office address or phone number (letters fall back to the team name). */
export async function teamsWithoutContact(db: Executor): Promise<number[]> {
  const rows = await db
    .selectFrom('teams')
    .select('id')
    .where(eb => eb.or([eb('office_address', 'is', null), eb('office_phone', 'is', null)]))
    .execute()
  return rows.map(r => r.id)
}

export async function updateTeamContact(
  db: Executor,
  teamId: number,
  contact: {
    office_name: string | null
    office_address: string | null
    office_phone: string | null
    office_email: string | null
  },
): Promise<void> {
  await db.updateTable('teams').set(contact).where('id', '=', teamId).execute()
}
