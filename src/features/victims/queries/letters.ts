import type { Executor } from '../../../access/person-access.ts'

/**
 * Letters to victims (the PDF bytes kept, never regenerated), the sender's letterhead, and what of the offender's
 * licence a victim's letter may say (the kinds of additional condition in force and the period). Executor first.
 */

export async function insertLetter(
  db: Executor,
  l: { victimId: number; personId: number; kind: string; pdf: Buffer; userId: number | null },
): Promise<number> {
  const row = await db
    .insertInto('victim_letters')
    .values({ victim_id: l.victimId, person_id: l.personId, kind: l.kind, pdf: l.pdf, created_by: l.userId })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(row.id)
}

/** A victim's letter with its bytes. */
export async function findLetter(db: Executor, victimId: number, letterId: number) {
  return db
    .selectFrom('victim_letters')
    .select(['id', 'kind', 'pdf', 'created_at'])
    .where('victim_id', '=', victimId)
    .where('id', '=', letterId)
    .executeTakeFirst()
}

/** A victim's letters (without their bytes), the newest first. */
export async function lettersOf(db: Executor, victimId: number) {
  return db
    .selectFrom('victim_letters as l')
    .leftJoin('users as u', 'u.id', 'l.created_by')
    .select(['l.id', 'l.kind', 'l.created_at', 'u.display_name as created_by_name'])
    .where('l.victim_id', '=', victimId)
    .orderBy('l.id', 'desc')
    .execute()
}

/** The team's letterhead (office, address, phone, email) with its provider's name. */
export async function teamLetterhead(db: Executor, teamId: number) {
  return db
    .selectFrom('teams')
    .innerJoin('delivery_units', 'delivery_units.id', 'teams.delivery_unit_id')
    .innerJoin('regions', 'regions.id', 'delivery_units.region_id')
    .innerJoin('providers', 'providers.id', 'regions.provider_id')
    .select([
      'teams.name',
      'teams.office_name',
      'teams.office_address',
      'teams.office_phone',
      'teams.office_email',
      'providers.name as provider_name',
    ])
    .where('teams.id', '=', teamId)
    .executeTakeFirst()
}

/** The licence in force for a sentence: its period and the conditions (the latest approved version), or undefined. */
export async function licenceInForce(db: Executor, sentenceId: number) {
  return db
    .selectFrom('licence_versions as v')
    .innerJoin('licences as l', 'l.id', 'v.licence_id')
    .select(['v.id', 'v.conditions', 'v.period_start', 'v.period_end'])
    .where('l.sentence_id', '=', sentenceId)
    .where('v.status', '=', 'approved')
    .orderBy('v.version_number', 'desc')
    .limit(1)
    .executeTakeFirst()
}
