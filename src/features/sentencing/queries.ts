import { sql, type Insertable, type Transaction } from 'kysely'
import type { Executor } from '../../access/person-access.ts'
import type {
  CaseStatus,
  CaseStatusHistoryTable,
  Database,
  EventsTable,
  OffencesTable,
  RequirementsTable,
  SentencesTable,
} from '../../db/schema.ts'

/** Reads and writes of events, offences, sentences and requirements. No rules here: see the use cases and src/domain. */

// ── People ──────────────────────────────────────────────────────────────────────────────────────────────────────────

export async function findPerson(db: Executor, personId: number) {
  return db
    .selectFrom('people')
    .select(['id', 'crn', 'forename', 'middle_names', 'surname', 'date_of_birth', 'case_status', 'managing_team_id'])
    .where('id', '=', personId)
    .executeTakeFirst()
}
export type PersonRow = NonNullable<Awaited<ReturnType<typeof findPerson>>>

/** The person's case status, locked until the transaction ends (a lifecycle change reads, decides, then writes). */
export async function lockCaseStatus(db: Executor, personId: number) {
  return db.selectFrom('people').select('case_status').where('id', '=', personId).forUpdate().executeTakeFirst()
}

export async function findSupervisionPerson(db: Executor, personId: number) {
  return db
    .selectFrom('people')
    .select(['case_status', 'forename', 'surname'])
    .where('id', '=', personId)
    .executeTakeFirst()
}

/** Every person's id and date of birth, in id order (the demo seed). */
export async function listPeopleInIdOrder(db: Executor) {
  return db.selectFrom('people').select(['id', 'date_of_birth']).orderBy('id').execute()
}

export async function setCaseStatus(
  db: Executor,
  row: { personId: number; status: CaseStatus; eventId: number | null; reason: string; userId: number | null },
) {
  await setPersonCaseStatus(db, row.personId, row.status)
  await insertStatusHistory(db, {
    person_id: row.personId,
    status: row.status,
    event_id: row.eventId,
    reason: row.reason,
    changed_by: row.userId,
  })
}

export async function setPersonCaseStatus(db: Executor, personId: number, status: CaseStatus) {
  await db.updateTable('people').set({ case_status: status }).where('id', '=', personId).execute()
}

export async function insertStatusHistory(db: Executor, row: Insertable<CaseStatusHistoryTable>) {
  await db.insertInto('case_status_history').values(row).execute()
}

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

// ── Courts ──────────────────────────────────────────────────────────────────────────────────────────────────────────

export async function listCourts(db: Executor) {
  return db.selectFrom('courts').select(['id', 'code', 'name']).where('active', '=', true).orderBy('name').execute()
}

export async function findCourtByCode(db: Executor, code: string) {
  return db.selectFrom('courts').select(['id', 'code', 'name']).where('code', '=', code).executeTakeFirst()
}

export async function listCourtsByCode(db: Executor, codes: string[]) {
  return db.selectFrom('courts').select(['id', 'code']).where('code', 'in', codes).execute()
}

/** Adds courts, leaving any with the same code as they are. */
export async function insertCourtsIfMissing(
  db: Executor,
  courts: { code: string; name: string; delivery_unit_id: number | null }[],
) {
  await db
    .insertInto('courts')
    .values(courts)
    .onConflict(oc => oc.column('code').doNothing())
    .execute()
}

export async function findDeliveryUnitByCode(db: Executor, code: string) {
  return db.selectFrom('delivery_units').select('id').where('code', '=', code).executeTakeFirst()
}

// ── Events and offences ─────────────────────────────────────────────────────────────────────────────────────────────

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

export async function findEventByNumber(db: Executor, personId: number, eventNumber: number) {
  return db
    .selectFrom('events')
    .select(['id', 'event_number', 'status', 'conviction_date'])
    .where('person_id', '=', personId)
    .where('event_number', '=', eventNumber)
    .executeTakeFirst()
}

export async function findEvent(db: Executor, eventId: number) {
  return db
    .selectFrom('events')
    .select(['event_number', 'conviction_date'])
    .where('id', '=', eventId)
    .executeTakeFirstOrThrow()
}

export async function findEventNumber(db: Executor, eventId: number) {
  return db.selectFrom('events').select('event_number').where('id', '=', eventId).executeTakeFirstOrThrow()
}

export async function nextEventNumber(db: Executor, personId: number): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select(eb => eb.fn.max('event_number').as('n'))
    .where('person_id', '=', personId)
    .executeTakeFirst()
  return Number(row?.n ?? 0) + 1
}

export async function insertEvent(db: Executor, row: Insertable<EventsTable>): Promise<number> {
  const { id } = await db.insertInto('events').values(row).returning('id').executeTakeFirstOrThrow()
  return id
}

/** Marks an event awaiting sentence as sentenced; false when it was not awaiting sentence (sentenced meanwhile). */
export async function markEventSentenced(db: Executor, eventId: number): Promise<boolean> {
  const updated = await db
    .updateTable('events')
    .set(eb => ({ status: 'sentenced', version: eb('version', '+', 1) }))
    .where('id', '=', eventId)
    .where('status', '=', 'pre_sentence')
    .executeTakeFirst()
  return Number(updated.numUpdatedRows) === 1
}

export async function markEventTerminated(db: Executor, eventId: number) {
  await db
    .updateTable('events')
    .set(eb => ({ status: 'terminated', version: eb('version', '+', 1) }))
    .where('id', '=', eventId)
    .execute()
}

export async function setConvictionDate(db: Executor, eventId: number, convictionDate: string) {
  await db.updateTable('events').set({ conviction_date: convictionDate }).where('id', '=', eventId).execute()
}

export async function listOffences(db: Executor, personId: number) {
  return db
    .selectFrom('offences')
    .select(['id', 'event_id', 'offence_code', 'description', 'offence_date', 'is_main', 'offence_count'])
    .where('person_id', '=', personId)
    .orderBy('is_main', 'desc')
    .orderBy('id')
    .execute()
}

export async function findMainOffence(db: Executor, eventId: number) {
  return db
    .selectFrom('offences')
    .select(['offence_date', 'offence_code'])
    .where('event_id', '=', eventId)
    .where('is_main', '=', true)
    .executeTakeFirst()
}

export async function insertOffence(db: Executor, row: Insertable<OffencesTable>) {
  await db.insertInto('offences').values(row).execute()
}

// ── Sentences ───────────────────────────────────────────────────────────────────────────────────────────────────────

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

export async function findSentence(db: Executor, personId: number, sentenceId: number) {
  return db
    .selectFrom('sentences')
    .selectAll()
    .where('id', '=', sentenceId)
    .where('person_id', '=', personId)
    .executeTakeFirst()
}
export type StoredSentence = NonNullable<Awaited<ReturnType<typeof findSentence>>>

/** The person's current custodial sentence on event `eventNumber` (for a consecutive sentence). */
export async function findCurrentCustodialSentenceOnEvent(db: Executor, personId: number, eventNumber: number) {
  return db
    .selectFrom('sentences')
    .innerJoin('events', 'events.id', 'sentences.event_id')
    .select('sentences.id')
    .where('sentences.person_id', '=', personId)
    .where('events.event_number', '=', eventNumber)
    .where('sentences.sentence_type', '=', 'custodial')
    .where('sentences.terminated_date', 'is', null)
    .executeTakeFirst()
}

/** The person's sentences that are not terminated, with their type and expected end. */
export async function listUnterminatedSentences(db: Executor, personId: number) {
  return db
    .selectFrom('sentences')
    .select(['sentence_type', 'expected_end_date'])
    .where('person_id', '=', personId)
    .where('terminated_date', 'is', null)
    .execute()
}

/** The person's sentences still running on `today`: not terminated, and not past their expected end. */
export async function listRunningSentenceIds(db: Executor, personId: number, today: string) {
  return db
    .selectFrom('sentences')
    .select('id')
    .where('person_id', '=', personId)
    .where('terminated_date', 'is', null)
    .where(eb => eb.or([eb('expected_end_date', 'is', null), eb('expected_end_date', '>=', today)]))
    .execute()
}

export async function insertSentence(db: Executor, row: Insertable<SentencesTable>): Promise<number> {
  const { id } = await db.insertInto('sentences').values(row).returning('id').executeTakeFirstOrThrow()
  return id
}

/** Terminates a sentence read at `version`; false when it changed meanwhile or is already terminated. */
export async function terminateSentenceRow(
  db: Executor,
  sentence: { id: number; version: number },
  termination: { date: string; reason: string; by: number | null; at: Date },
): Promise<boolean> {
  const updated = await db
    .updateTable('sentences')
    .set(eb => ({
      terminated_date: termination.date,
      termination_reason: termination.reason,
      terminated_by: termination.by,
      terminated_at: termination.at,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', sentence.id)
    .where('version', '=', sentence.version)
    .where('terminated_date', 'is', null)
    .executeTakeFirst()
  return Number(updated.numUpdatedRows) === 1
}

/** Changes a custodial sentence read at `version`; false when it changed meanwhile. */
export async function amendCustodialSentence(
  db: Executor,
  sentence: { id: number; version: number },
  change: {
    custodialType: 'SDS' | 'SDS_PLUS'
    length: { value: number; unit: 'days' | 'weeks' | 'months' | 'years' }
    remandDays: number
    taggedBailDays: number
  },
): Promise<boolean> {
  const updated = await db
    .updateTable('sentences')
    .set(eb => ({
      custodial_type: change.custodialType,
      length_value: change.length.value,
      length_unit: change.length.unit,
      remand_days: change.remandDays,
      tagged_bail_days: change.taggedBailDays,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', sentence.id)
    .where('version', '=', sentence.version)
    .executeTakeFirst()
  return Number(updated.numUpdatedRows) === 1
}

// ── Requirements ────────────────────────────────────────────────────────────────────────────────────────────────────

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

export async function findRequirement(db: Executor, personId: number, requirementId: number) {
  return db
    .selectFrom('requirements')
    .selectAll()
    .where('id', '=', requirementId)
    .where('person_id', '=', personId)
    .executeTakeFirst()
}

export async function insertRequirement(db: Executor, row: Insertable<RequirementsTable>) {
  await db.insertInto('requirements').values(row).execute()
}

/** Terminates one requirement; false when it was already terminated. */
export async function terminateRequirementRow(
  db: Executor,
  requirementId: number,
  termination: { date: string; reason: string; by: number | null; at: Date },
): Promise<boolean> {
  const updated = await db
    .updateTable('requirements')
    .set({
      terminated_date: termination.date,
      termination_reason: termination.reason,
      terminated_by: termination.by,
      terminated_at: termination.at,
    })
    .where('id', '=', requirementId)
    .where('terminated_date', 'is', null)
    .executeTakeFirst()
  return Number(updated.numUpdatedRows) === 1
}

/** Terminates a sentence's requirements that are still running, with the sentence. */
export async function terminateRequirementsOfSentence(
  db: Executor,
  sentenceId: number,
  termination: { date: string; reason: string; by: number | null; at: Date | null },
) {
  await db
    .updateTable('requirements')
    .set({
      terminated_date: termination.date,
      termination_reason: termination.reason,
      terminated_by: termination.by,
      terminated_at: termination.at,
    })
    .where('sentence_id', '=', sentenceId)
    .where('terminated_date', 'is', null)
    .execute()
}

// ── Key dates ───────────────────────────────────────────────────────────────────────────────────────────────────────

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

/** Key dates as stored: JSON text (or null) for the json columns. */
export interface KeyDatesColumns {
  booking: string
  dates: string | null
  explanations: string | null
  problem: string | null
}

/** Stores one booking's key dates on each of its sentences; the expected end only when there are dates. */
export async function storeKeyDates(
  db: Executor,
  sentenceIds: number[],
  stored: KeyDatesColumns & { expectedEndDate: string | null; at: Date },
) {
  await db
    .updateTable('sentences')
    .set({
      custodial_booking: stored.booking,
      key_dates: stored.dates,
      key_dates_explanation: stored.explanations,
      key_dates_calculated_at: stored.at,
      key_dates_problem: stored.problem,
      ...(stored.dates ? { expected_end_date: stored.expectedEndDate } : {}),
    })
    .where('id', 'in', sentenceIds)
    .execute()
}

export async function insertKeyDateCalculation(
  db: Executor,
  row: KeyDatesColumns & { personId: number; sentenceIds: number[]; trigger: string; by: number | null },
) {
  await db
    .insertInto('key_date_calculations')
    .values({
      person_id: row.personId,
      sentence_ids: row.sentenceIds,
      booking: row.booking,
      key_dates: row.dates,
      explanations: row.explanations,
      problem: row.problem,
      trigger: row.trigger,
      calculated_by: row.by,
    })
    .execute()
}

/** A current custodial sentence of a batch, as `currentCustodialSentences` reads it, with its person. */
export interface BatchSentenceRow {
  id: number
  person_id: number
  date_of_birth: string
  custodial_type: 'SDS' | 'SDS_PLUS' | null
  sentence_date: string
  length_value: number | null
  length_unit: 'days' | 'weeks' | 'months' | 'years' | null
  consecutive_to_sentence_id: number | null
  remand_days: number
  tagged_bail_days: number
  offence_date: string | null
  conviction_date: string | null
}

/** The current custodial sentences of the next `size` custodial cases after person `after`, by person and id. */
export async function readCustodialBatch(
  trx: Transaction<Database>,
  after: number,
  size: number,
): Promise<BatchSentenceRow[]> {
  // The same rows, joins and order as `currentCustodialSentences`, for a batch of people.
  const { rows } = await sql<BatchSentenceRow>`
    with batch as (
      select distinct person_id from sentences
      where sentence_type = 'custodial' and terminated_date is null and person_id > ${after}
      order by person_id limit ${size}
    )
    select s.id, s.person_id, p.date_of_birth, s.custodial_type, s.sentence_date, s.length_value, s.length_unit,
      s.consecutive_to_sentence_id, s.remand_days, s.tagged_bail_days, o.offence_date, e.conviction_date
    from batch b
    join sentences s on s.person_id = b.person_id and s.sentence_type = 'custodial' and s.terminated_date is null
      -- The batch's id range, so the planner reads only its people's sentences (not every current sentence per batch).
      and s.person_id > ${after} and s.person_id <= (select max(person_id) from batch)
    join people p on p.id = s.person_id
    join events e on e.id = s.event_id
    left join offences o on o.event_id = s.event_id and o.is_main = true
    order by s.person_id, s.id
  `.execute(trx)
  return rows
}

/** A batch's calculations, one entry per case in each column (ids as a Postgres array literal, JSON as text). */
export interface BatchKeyDates {
  person: number[]
  ids: string[]
  booking: string[]
  dates: (string | null)[]
  explanations: (string | null)[]
  problem: (string | null)[]
  expectedEnd: (string | null)[]
}

/**
 * Writes a batch's key dates in one statement: every case whose stored values differ from the calculation (or every
 * case with `force`) is rewritten and gets a `key_date_calculations` row. Returns the people rewritten.
 */
export async function writeKeyDatesBatch(
  trx: Transaction<Database>,
  cases: BatchKeyDates,
  options: { force: boolean; trigger: string; by: number | null },
): Promise<{ person_id: number }[]> {
  // A case is rewritten when any of its sentences holds something else than the calculation (jsonb compares by
  // value, not by text), or always with `force`. Every statement of a WITH sees the same snapshot, so `changed` is
  // decided on what was stored before this write.
  const { rows } = await sql<{ person_id: number }>`
    with v as (
      select v.person_id, v.ids::bigint[] as ids, v.booking::jsonb as booking, v.dates::jsonb as dates,
        v.explanations::jsonb as explanations, v.problem, v.expected_end::date as expected_end
      from unnest(${cases.person}::bigint[], ${cases.ids}::text[], ${cases.booking}::text[], ${cases.dates}::text[],
        ${cases.explanations}::text[], ${cases.problem}::text[], ${cases.expectedEnd}::text[])
        as v(person_id, ids, booking, dates, explanations, problem, expected_end)
    ),
    changed as (
      select v.* from v
      where ${options.force} or exists (
        select 1 from sentences s
        where s.id = any(v.ids) and (
          s.custodial_booking is distinct from v.booking or s.key_dates is distinct from v.dates
          or s.key_dates_explanation is distinct from v.explanations or s.key_dates_problem is distinct from v.problem
          or (v.dates is not null and s.expected_end_date is distinct from v.expected_end)
        )
      )
    ),
    updated as (
      update sentences s set
        custodial_booking = c.booking, key_dates = c.dates, key_dates_explanation = c.explanations,
        key_dates_problem = c.problem, key_dates_calculated_at = now(),
        expected_end_date = case when c.dates is null then s.expected_end_date else c.expected_end end
      from changed c cross join unnest(c.ids) as u(id)
      where s.id = u.id
      returning s.person_id
    )
    insert into key_date_calculations (person_id, sentence_ids, booking, key_dates, explanations, problem, trigger, calculated_by)
    select c.person_id, c.ids, c.booking, c.dates, c.explanations, c.problem, ${options.trigger}, ${options.by}::bigint
    from changed c
    where c.person_id in (select person_id from updated)
    order by c.person_id
    returning person_id
  `.execute(trx)
  return rows
}

// ── For the risk predictors and tiers (src/features/risk) ────────────────────────────────────────────────────────────

/** Which people: by id, or a range of ids (the nightly tier recalculation's batches). */
export type PeopleSelection = { ids: readonly number[] } | { lo: number; hi: number }

/**
 * Every event of the people selected with its offences' codes, sentences (with their key dates) and running
 * requirements' types, in four statements sent together: what the risk predictors and tiers read from the record.
 */
export async function riskHistoryRows(db: Executor, people: PeopleSelection) {
  const within = <T extends 'events' | 'offences' | 'sentences' | 'requirements'>(table: T) =>
    'ids' in people
      ? sql<boolean>`${sql.ref(`${table}.person_id`)} = any(${[...people.ids]}::bigint[])`
      : sql<boolean>`${sql.ref(`${table}.person_id`)} between ${people.lo} and ${people.hi}`
  if ('ids' in people && people.ids.length === 0) return { events: [], offences: [], sentences: [], requirements: [] }
  const [events, offences, sentences, requirements] = await Promise.all([
    db
      .selectFrom('events')
      .select(['person_id', 'id', 'event_number', 'status', 'conviction_date', 'created_at'])
      .where(within('events'))
      .orderBy('person_id')
      .orderBy('event_number')
      .execute(),
    db
      .selectFrom('offences')
      .select(['person_id', 'event_id', 'offence_code', 'is_main'])
      .where(within('offences'))
      .orderBy('id')
      .execute(),
    db
      .selectFrom('sentences')
      .select([
        'person_id',
        'id',
        'event_id',
        'sentence_type',
        'sentence_date',
        'start_date',
        'expected_end_date',
        'terminated_date',
        'key_dates',
        'created_at',
        'terminated_at',
        'key_dates_calculated_at',
      ])
      .where(within('sentences'))
      .orderBy('id')
      .execute(),
    db
      .selectFrom('requirements')
      .select(['person_id', 'sentence_id', 'category'])
      .where(within('requirements'))
      .where('terminated_date', 'is', null)
      .orderBy('id')
      .execute(),
  ])
  return { events, offences, sentences, requirements }
}
export type RiskHistoryRows = Awaited<ReturnType<typeof riskHistoryRows>>
