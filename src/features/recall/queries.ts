import type { Insertable, Updateable } from 'kysely'
import type { Executor } from '../../access/person-access.ts'
import type { RecallsTable } from '../../db/schema.ts'

/** All of the recall feature's SQL. */

export async function findPerson(db: Executor, personId: number) {
  return db
    .selectFrom('people')
    .select(['id', 'crn', 'forename', 'surname', 'date_of_birth', 'pnc', 'case_status'])
    .where('id', '=', personId)
    .executeTakeFirstOrThrow()
}

/** The person's current (unterminated) custodial sentence, latest first. */
export async function currentCustodialSentence(db: Executor, personId: number) {
  return db
    .selectFrom('sentences')
    .select(['id', 'event_id', 'sentence_date', 'length_value', 'length_unit', 'key_dates'])
    .where('person_id', '=', personId)
    .where('sentence_type', '=', 'custodial')
    .where('terminated_date', 'is', null)
    .orderBy('sentence_date', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst()
}

export async function offencesOfEvent(db: Executor, eventId: number) {
  return db
    .selectFrom('offences')
    .select(['offence_code', 'description', 'offence_date', 'is_main'])
    .where('event_id', '=', eventId)
    .orderBy('is_main', 'desc')
    .orderBy('id')
    .execute()
}

export async function custodyRecord(db: Executor, sentenceId: number) {
  return db
    .selectFrom('custody_records')
    .select(['prison_number', 'released_on', 'release_type'])
    .where('sentence_id', '=', sentenceId)
    .executeTakeFirst()
}

export async function listRecalls(db: Executor, personId: number) {
  return db.selectFrom('recalls').selectAll().where('person_id', '=', personId).orderBy('id', 'desc').execute()
}
export type RecallRow = Awaited<ReturnType<typeof listRecalls>>[number]

export async function insertRecall(db: Executor, row: Insertable<RecallsTable>): Promise<number> {
  return (await db.insertInto('recalls').values(row).returning('id').executeTakeFirstOrThrow()).id
}

/** Fills one step's columns; only while they are still empty (`guard` is the step's own column), so never overwrites. */
export async function fillStep(
  db: Executor,
  recallId: number,
  guard: keyof RecallsTable,
  values: Updateable<RecallsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('recalls')
    .set(values)
    .where('id', '=', recallId)
    .where(guard, 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function appendStep(
  db: Executor,
  row: {
    recall_id: number
    person_id: number
    step: string
    step_on: string
    notes: string | null
    recorded_by: number | null
  },
) {
  await db.insertInto('recall_steps').values(row).execute()
}

export async function stepsOf(db: Executor, personId: number) {
  return db
    .selectFrom('recall_steps')
    .leftJoin('users', 'users.id', 'recall_steps.recorded_by')
    .select([
      'recall_steps.recall_id',
      'recall_steps.step',
      'recall_steps.step_on',
      'recall_steps.notes',
      'users.display_name as recorded_by_name',
    ])
    .where('recall_steps.person_id', '=', personId)
    .orderBy('recall_steps.id')
    .execute()
}

export async function userName(db: Executor, userId: number | null) {
  if (userId === null) return null
  const u = await db.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst()
  return u?.display_name ?? null
}
