import type { Executor } from '../../access/person-access.ts'

/** Need-to-know sharing's SQL: the `access_grants` rows, and who is named on a person's access page. */

/** The person a request is about, by CRN (not deleted): id, managing team, and the name only for the access page. */
export function findPersonByCrn(db: Executor, crn: string) {
  return db
    .selectFrom('people')
    .select(['id', 'crn', 'forename', 'middle_names', 'surname', 'date_of_birth', 'managing_team_id'])
    .where('crn', '=', crn)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
}

export type SharingPerson = NonNullable<Awaited<ReturnType<typeof findPersonByCrn>>>

/** The user's request still waiting for a decision on this person, if any (one at a time). */
export function findPendingRequest(db: Executor, personId: number, userId: number) {
  return db
    .selectFrom('access_grants')
    .select(['id'])
    .where('person_id', '=', personId)
    .where('user_id', '=', userId)
    .where('status', '=', 'pending')
    .executeTakeFirst()
}

export function insertGrant(
  db: Executor,
  row: {
    person_id: number
    user_id: number
    kind: 'request' | 'urgent'
    reason: string
    status: 'pending' | 'granted'
    requested_at: Date
    expires_at: Date | null
    managing_team_id: number | null
  },
) {
  return db.insertInto('access_grants').values(row).returning('id').executeTakeFirstOrThrow()
}

const GRANT_COLUMNS = [
  'g.id',
  'g.person_id',
  'g.user_id',
  'g.kind',
  'g.reason',
  'g.status',
  'g.requested_at',
  'g.decided_at',
  'g.decision_reason',
  'g.expires_at',
  'g.withdrawn_at',
  'g.acknowledged_at',
  'u.display_name as user_name',
  'u.username',
  'pr.name as provider_name',
  't.name as team_name',
] as const

/** Grants and requests with who asked (name, provider, team), newest first. */
function grantsWithAsker(db: Executor) {
  return db
    .selectFrom('access_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .leftJoin('staff as s', 's.id', 'u.staff_id')
    .leftJoin('providers as pr', 'pr.id', 's.provider_id')
    .leftJoin('teams as t', 't.id', 's.team_id')
    .select(GRANT_COLUMNS)
    .orderBy('g.id', 'desc')
}

export type GrantRow = Awaited<ReturnType<ReturnType<typeof grantsWithAsker>['execute']>>[number]

/** One grant or request of this person. */
export function findGrant(db: Executor, personId: number, grantId: number) {
  return grantsWithAsker(db).where('g.person_id', '=', personId).where('g.id', '=', grantId).executeTakeFirst()
}

/** Every grant and request of a person (the access page shows the ones that matter now). */
export function listGrants(db: Executor, personId: number) {
  return grantsWithAsker(db).where('g.person_id', '=', personId).limit(200).execute()
}

/** A user's own requests and grants, with the CRN, newest first. */
export function listOwnGrants(db: Executor, userId: number) {
  return grantsWithAsker(db)
    .innerJoin('people as p', 'p.id', 'g.person_id')
    .select('p.crn')
    .where('g.user_id', '=', userId)
    .limit(100)
    .execute()
}

/** Pending requests and urgent accesses not yet acknowledged, on cases managed by this member of staff or team. */
export function listAwaitingDecision(db: Executor, who: { staffId: number | null; teamId: number | null }) {
  return grantsWithAsker(db)
    .innerJoin('people as p', 'p.id', 'g.person_id')
    .select(['p.crn'])
    .where(eb =>
      eb.or([
        eb('g.status', '=', 'pending'),
        eb.and([eb('g.kind', '=', 'urgent'), eb('g.acknowledged_at', 'is', null)]),
      ]),
    )
    .where(eb =>
      eb.or([
        ...(who.staffId !== null ? [eb('p.managing_staff_id', '=', who.staffId)] : []),
        ...(who.teamId !== null ? [eb('p.managing_team_id', '=', who.teamId)] : []),
        eb.val(false),
      ]),
    )
    .where('p.deleted_at', 'is', null)
    .limit(200)
    .execute()
}

/** Every urgent access, newest first (the auditors' list). */
export function listUrgentAccesses(db: Executor) {
  return grantsWithAsker(db)
    .innerJoin('people as p', 'p.id', 'g.person_id')
    .leftJoin('users as ack', 'ack.id', 'g.acknowledged_by')
    .select(['p.crn', 'ack.display_name as acknowledged_by_name'])
    .where('g.kind', '=', 'urgent')
    .limit(500)
    .execute()
}

/** Records a decision on a pending request; false when it was no longer pending (decided by someone else). */
export async function decideRequest(
  db: Executor,
  grantId: number,
  decision: {
    status: 'granted' | 'refused'
    decided_by: number
    decided_at: Date
    decision_reason: string | null
    expires_at: Date | null
  },
): Promise<boolean> {
  const result = await db
    .updateTable('access_grants')
    .set(decision)
    .where('id', '=', grantId)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Withdraws a grant that is still given; false when it was not. */
export async function withdrawGrant(
  db: Executor,
  grantId: number,
  withdrawal: { withdrawn_by: number; withdrawn_at: Date; withdrawal_reason: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable('access_grants')
    .set({ ...withdrawal, status: 'withdrawn' })
    .where('id', '=', grantId)
    .where('status', '=', 'granted')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Marks an urgent access as seen by the managing senior (it leaves their needs-attention list). */
export async function acknowledgeUrgent(db: Executor, grantId: number, by: number, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('access_grants')
    .set({ acknowledged_by: by, acknowledged_at: at })
    .where('id', '=', grantId)
    .where('kind', '=', 'urgent')
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/**
 * Grants that have run out and whose expiry is not yet in the audit trail: marked in the same statement, so two
 * sweeps at once audit each expiry once.
 */
export function claimExpiredGrants(db: Executor, now: Date) {
  return db
    .updateTable('access_grants')
    .set({ expiry_audited_at: now })
    .where('status', '=', 'granted')
    .where('expires_at', '<=', now)
    .where('expiry_audited_at', 'is', null)
    .returning(['id', 'person_id', 'user_id', 'kind', 'expires_at'])
    .execute()
}

/** The CRN of each person, for the audit rows of a sweep. */
export async function crnsOf(db: Executor, personIds: readonly number[]): Promise<Map<number, string>> {
  if (personIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('people')
    .select(['id', 'crn'])
    .where('id', 'in', [...new Set(personIds)])
    .execute()
  return new Map(rows.map(r => [r.id, r.crn]))
}

/** The managing provider, team and member of staff, and former managers, by name (the access page). */
export async function managersByName(db: Executor, personId: number) {
  return db
    .selectFrom('case_managers as m')
    .innerJoin('providers as pr', 'pr.id', 'm.provider_id')
    .leftJoin('teams as t', 't.id', 'm.team_id')
    .leftJoin('staff as s', 's.id', 'm.staff_id')
    .select([
      'm.id',
      'm.started_at',
      'm.ended_at',
      'pr.name as provider_name',
      't.name as team_name',
      's.forename as staff_forename',
      's.surname as staff_surname',
    ])
    .where('m.person_id', '=', personId)
    .orderBy('m.id', 'desc')
    .limit(50)
    .execute()
}

/** The users an exclusion or restriction names (in force), by name. */
export function limitationsByName(db: Executor, personId: number) {
  return db
    .selectFrom('access_limitations as l')
    .innerJoin('users as u', 'u.id', 'l.user_id')
    .select(['l.kind', 'u.display_name', 'u.username'])
    .where('l.person_id', '=', personId)
    .where('l.removed_at', 'is', null)
    .orderBy('l.id')
    .execute()
}
