import type { Executor } from '../../access/person-access.ts'
import type { CaseStatus } from '../../db/schema.ts'

/** Reads and writes of events, offences, sentences and requirements. No rules here: see service.ts and src/domain. */

export async function findPerson(db: Executor, crn: string) {
  return db
    .selectFrom('people')
    .select(['id', 'crn', 'forename', 'middle_names', 'surname', 'date_of_birth', 'case_status', 'managing_team_id'])
    .where('crn', '=', crn)
    .executeTakeFirst()
}
export type PersonRow = NonNullable<Awaited<ReturnType<typeof findPerson>>>

export async function listCourts(db: Executor) {
  return db.selectFrom('courts').select(['id', 'code', 'name']).where('active', '=', true).orderBy('name').execute()
}

export async function findCourtByCode(db: Executor, code: string) {
  return db.selectFrom('courts').select(['id', 'code', 'name']).where('code', '=', code).executeTakeFirst()
}

export async function listEvents(db: Executor, personId: number) {
  return db
    .selectFrom('events')
    .leftJoin('courts', 'courts.id', 'events.court_id')
    .select([
      'events.id',
      'events.event_number',
      'events.status',
      'events.conviction_date',
      'events.notes',
      'events.version',
      'events.created_at',
      'courts.code as court_code',
      'courts.name as court_name',
    ])
    .where('events.person_id', '=', personId)
    .orderBy('events.event_number', 'desc')
    .execute()
}
export type EventRow = Awaited<ReturnType<typeof listEvents>>[number]

export async function listOffences(db: Executor, personId: number) {
  return db
    .selectFrom('offences')
    .select(['id', 'event_id', 'offence_code', 'description', 'offence_date', 'is_main', 'offence_count'])
    .where('person_id', '=', personId)
    .orderBy('is_main', 'desc')
    .orderBy('id')
    .execute()
}

export async function nextEventNumber(db: Executor, personId: number): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select(eb => eb.fn.max('event_number').as('n'))
    .where('person_id', '=', personId)
    .executeTakeFirst()
  return Number(row?.n ?? 0) + 1
}

export async function listSentences(db: Executor, personId: number) {
  return db
    .selectFrom('sentences')
    .innerJoin('events', 'events.id', 'sentences.event_id')
    .leftJoin('users', 'users.id', 'sentences.terminated_by')
    .selectAll('sentences')
    .select(['events.event_number', 'users.display_name as terminated_by_name'])
    .where('sentences.person_id', '=', personId)
    .orderBy('sentences.sentence_date', 'desc')
    .orderBy('sentences.id', 'desc')
    .execute()
}
export type SentenceRow = Awaited<ReturnType<typeof listSentences>>[number]

export async function listRequirements(db: Executor, personId: number) {
  return db
    .selectFrom('requirements')
    .leftJoin('users', 'users.id', 'requirements.terminated_by')
    .selectAll('requirements')
    .select('users.display_name as terminated_by_name')
    .where('requirements.person_id', '=', personId)
    .orderBy('requirements.id')
    .execute()
}
export type RequirementRow = Awaited<ReturnType<typeof listRequirements>>[number]

export async function statusHistory(db: Executor, personId: number) {
  return db
    .selectFrom('case_status_history')
    .leftJoin('users', 'users.id', 'case_status_history.changed_by')
    .leftJoin('events', 'events.id', 'case_status_history.event_id')
    .select([
      'case_status_history.id',
      'case_status_history.status',
      'case_status_history.reason',
      'case_status_history.changed_at',
      'users.display_name as changed_by_name',
      'events.event_number',
    ])
    .where('case_status_history.person_id', '=', personId)
    .orderBy('case_status_history.changed_at', 'desc')
    .orderBy('case_status_history.id', 'desc')
    .execute()
}

/** The person's current custodial sentences (not terminated), with their main offence's date and code. */
export async function currentCustodialSentences(db: Executor, personId: number) {
  return db
    .selectFrom('sentences')
    .innerJoin('events', 'events.id', 'sentences.event_id')
    .leftJoin('offences', join =>
      join.onRef('offences.event_id', '=', 'sentences.event_id').on('offences.is_main', '=', true),
    )
    .select([
      'sentences.id',
      'sentences.custodial_type',
      'sentences.sentence_date',
      'sentences.length_value',
      'sentences.length_unit',
      'sentences.consecutive_to_sentence_id',
      'sentences.remand_days',
      'sentences.tagged_bail_days',
      'events.event_number',
      'events.conviction_date',
      'offences.offence_date',
      'offences.offence_code',
    ])
    .where('sentences.person_id', '=', personId)
    .where('sentences.sentence_type', '=', 'custodial')
    .where('sentences.terminated_date', 'is', null)
    .orderBy('sentences.id')
    .execute()
}

export async function setCaseStatus(
  db: Executor,
  row: { personId: number; status: CaseStatus; eventId: number | null; reason: string; userId: number | null },
) {
  await db.updateTable('people').set({ case_status: row.status }).where('id', '=', row.personId).execute()
  await db
    .insertInto('case_status_history')
    .values({
      person_id: row.personId,
      status: row.status,
      event_id: row.eventId,
      reason: row.reason,
      changed_by: row.userId,
    })
    .execute()
}
