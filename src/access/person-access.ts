import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema.ts'
import type { PersonAccessFacts } from './policy.ts'

export type Executor = Kysely<Database> | Transaction<Database>

/**
 * Loads the facts the access policy needs for several people in three queries (used by search as well as
 * by single-record pages).
 */
export async function loadPeopleAccess(db: Executor, personIds: readonly number[]): Promise<Map<number, PersonAccessFacts>> {
  const result = new Map<number, PersonAccessFacts>()
  if (personIds.length === 0) return result
  const ids = [...new Set(personIds)]
  const [people, managers, limits] = await Promise.all([
    db
      .selectFrom('people')
      .select(['id', 'managing_provider_id', 'managing_team_id', 'managing_staff_id', 'exclusion_message', 'restriction_message'])
      .where('id', 'in', ids)
      .execute(),
    db.selectFrom('case_managers').select(['person_id', 'provider_id', 'team_id', 'staff_id']).where('person_id', 'in', ids).execute(),
    db
      .selectFrom('access_limitations')
      .select(['person_id', 'kind', 'user_id'])
      .where('person_id', 'in', ids)
      .where('removed_at', 'is', null)
      .execute(),
  ])
  for (const p of people) {
    result.set(p.id, {
      personId: p.id,
      managingProviderId: p.managing_provider_id,
      managingTeamId: p.managing_team_id,
      managingStaffId: p.managing_staff_id,
      managers: managers
        .filter(m => m.person_id === p.id)
        .map(m => ({ providerId: m.provider_id, teamId: m.team_id, staffId: m.staff_id })),
      excludedUserIds: limits.filter(l => l.person_id === p.id && l.kind === 'exclusion').map(l => l.user_id),
      restrictedToUserIds: limits.filter(l => l.person_id === p.id && l.kind === 'restriction').map(l => l.user_id),
      exclusionMessage: p.exclusion_message,
      restrictionMessage: p.restriction_message,
    })
  }
  return result
}

export async function loadPersonAccess(db: Executor, personId: number): Promise<PersonAccessFacts | undefined> {
  return (await loadPeopleAccess(db, [personId])).get(personId)
}
