import type { Executor } from '../../src/access/person-access.ts'
import type { Role } from '../../src/access/roles.ts'

/** What the factories write directly: the demo organisation's ids, allocation and limited access. */

export async function findUserId(db: Executor, username: string): Promise<number> {
  return (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id
}

/** A staff member's id, team and provider, by staff code (e.g. NWS001). */
export async function findStaffPlacement(db: Executor, code: string) {
  return db
    .selectFrom('staff')
    .select(['id', 'team_id', 'provider_id'])
    .where('code', '=', code)
    .executeTakeFirstOrThrow()
}

/** Makes the staff member the person's case manager, as the demo seed does (from `startedAt`, or now). */
export async function allocate(
  db: Executor,
  personId: number,
  staff: { id: number; team_id: number | null; provider_id: number },
  startedAt?: Date,
): Promise<void> {
  await db
    .updateTable('people')
    .set({ managing_provider_id: staff.provider_id, managing_team_id: staff.team_id, managing_staff_id: staff.id })
    .where('id', '=', personId)
    .execute()
  await db
    .insertInto('case_managers')
    .values({
      person_id: personId,
      provider_id: staff.provider_id,
      team_id: staff.team_id,
      staff_id: staff.id,
      reason: 'Test allocation',
      ...(startedAt ? { started_at: startedAt } : {}),
    })
    .execute()
}

/** A past period of management, ended at `endedAt` (a case manager before a transfer). */
export async function insertFormerManager(
  db: Executor,
  personId: number,
  staff: { id: number; team_id: number | null; provider_id: number },
  startedAt: Date,
  endedAt: Date,
): Promise<void> {
  await db
    .insertInto('case_managers')
    .values({
      person_id: personId,
      provider_id: staff.provider_id,
      team_id: staff.team_id,
      staff_id: staff.id,
      started_at: startedAt,
      ended_at: endedAt,
      reason: 'Test allocation before a transfer',
    })
    .execute()
}

/** A row of `access_grants` (need-to-know sharing) as the sharing feature would have written it; returns its id. */
export async function insertAccessGrant(
  db: Executor,
  grant: {
    personId: number
    userId: number
    kind: 'request' | 'urgent'
    status: 'pending' | 'granted' | 'refused' | 'withdrawn'
    reason: string
    requestedAt: Date
    expiresAt: Date | null
    decidedBy: number | null
    managingTeamId: number | null
  },
): Promise<number> {
  const decided = grant.status !== 'pending' && grant.kind === 'request'
  const row = await db
    .insertInto('access_grants')
    .values({
      person_id: grant.personId,
      user_id: grant.userId,
      kind: grant.kind,
      status: grant.status,
      reason: grant.reason,
      requested_at: grant.requestedAt,
      expires_at: grant.expiresAt,
      decided_by: decided ? grant.decidedBy : null,
      decided_at: decided ? grant.requestedAt : null,
      decision_reason: decided ? 'Test decision' : null,
      withdrawn_by: grant.status === 'withdrawn' ? grant.decidedBy : null,
      withdrawn_at: grant.status === 'withdrawn' ? grant.requestedAt : null,
      managing_team_id: grant.managingTeamId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Excludes a user from the record, or restricts the record to a user (limited access), with its message. */
export async function limitAccess(
  db: Executor,
  personId: number,
  kind: 'exclusion' | 'restriction',
  userId: number,
  message: string,
): Promise<void> {
  await db
    .updateTable('people')
    .set(kind === 'exclusion' ? { exclusion_message: message } : { restriction_message: message })
    .where('id', '=', personId)
    .execute()
  await db
    .insertInto('access_limitations')
    .values({ person_id: personId, kind, user_id: userId, reason: 'Test limitation' })
    .execute()
}

/** Appointments with the person's case manager on an event; returns their ids. */
export async function insertAppointments(
  db: Executor,
  appointment: { personId: number; eventId: number; staffId: number; teamId: number | null },
  starts: Date[],
): Promise<number[]> {
  if (starts.length === 0) return []
  const rows = await db
    .insertInto('contacts')
    .values(
      starts.map(at => ({
        person_id: appointment.personId,
        event_id: appointment.eventId,
        contact_type: 'OFFICE',
        is_appointment: true,
        starts_at: at,
        ends_at: new Date(at.getTime() + 3_600_000),
        staff_id: appointment.staffId,
        team_id: appointment.teamId,
        location: 'Probation office',
        national_standard: true,
      })),
    )
    .returning('id')
    .execute()
  return rows.map(r => r.id)
}

export async function findEventId(db: Executor, personId: number, eventNumber: number): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select('id')
    .where('person_id', '=', personId)
    .where('event_number', '=', eventNumber)
    .executeTakeFirstOrThrow()
  return row.id
}

/** The team managing the person now (null: not allocated to a team). */
export async function findManagingTeamId(db: Executor, personId: number): Promise<number | null> {
  const row = await db
    .selectFrom('people')
    .select('managing_team_id')
    .where('id', '=', personId)
    .executeTakeFirstOrThrow()
  return row.managing_team_id
}

/** Approved premises in the region with this code, and its beds (the first wheelchair accessible, ground floor). */
export async function insertPremises(db: Executor, regionCode: string, code: string, name: string, beds: number) {
  const region = await db.selectFrom('regions').select('id').where('code', '=', regionCode).executeTakeFirstOrThrow()
  const { id } = await db
    .insertInto('approved_premises')
    .values({
      code,
      name,
      region_id: region.id,
      address: '1 Test Street\nNorthtown',
      postcode: 'NT1 1AA',
      gender: 'male',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const rows = await db
    .insertInto('ap_beds')
    .values(
      Array.from({ length: beds }, (_, i) => ({
        premises_id: id,
        room: String(i + 1),
        code: `${code}-${i + 1}`,
        single_room: true,
        wheelchair_accessible: i === 0,
        ground_floor: i === 0,
      })),
    )
    .returning(['id', 'code'])
    .execute()
  return { id, name, beds: rows }
}

/** A sign-in with these roles, working for the staff member with this code, sharing admin's (demo) password. */
export async function insertUserLike(db: Executor, username: string, roles: Role[], staffId: number | null) {
  const { password_hash } = await db
    .selectFrom('users')
    .select('password_hash')
    .where('username', '=', 'admin')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('users')
    .values({ username, display_name: username, roles, staff_id: staffId, password_hash })
    .execute()
}

/** A member of staff of the provider with this code, in no team. */
export async function insertStaffOf(db: Executor, providerCode: string, code: string): Promise<number> {
  const provider = await db
    .selectFrom('providers')
    .select('id')
    .where('code', '=', providerCode)
    .executeTakeFirstOrThrow()
  const { id } = await db
    .insertInto('staff')
    .values({ code, forename: 'Test', surname: code, grade: 'APW', provider_id: provider.id, team_id: null })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}
