import type { Executor } from '../../access/person-access.ts'

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

export async function listStaff(db: Executor, filter: { providerId?: number | null; teamId?: number | null } = {}) {
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
      'staff.provider_id as providerId',
      'staff.team_id as teamId',
      'providers.name as providerName',
      'teams.name as teamName',
    ])
  if (filter.providerId) query = query.where('staff.provider_id', '=', filter.providerId)
  if (filter.teamId) query = query.where('staff.team_id', '=', filter.teamId)
  return query.orderBy('staff.surname').orderBy('staff.forename').execute()
}

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
    ])
    .where('id', '=', id)
    .executeTakeFirst()
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

export async function countActiveSessions(db: Executor, userId: number): Promise<number> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(eb => eb.fn.countAll<number>().as('n'))
    .where('sessions.user_id', '=', userId)
    .where('sessions.ended_at', 'is', null)
    .whereRef('sessions.created_at', '>=', 'users.sessions_valid_after')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** A person by CRN, with only what an administrator needs to recognise them. Soft-deleted records are not found. */
export async function findPersonByCrn(db: Executor, crn: string) {
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
    .where('crn', '=', crn)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
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
      'users.username',
      'issuers.username as issuedBy',
    ])
    .orderBy('api_tokens.created_at', 'desc')
    .orderBy('api_tokens.id', 'desc')
    .execute()
}
