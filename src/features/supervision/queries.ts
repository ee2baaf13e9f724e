import { sql, type Insertable } from 'kysely'
import type { Executor } from '../../access/person-access.ts'
import type { BreachesTable, ContactsTable, EnforcementActionsTable } from '../../db/schema.ts'

/**
 * Supervision's SQL: contacts (appointments and other contacts), outcome history, reschedules, stored documents,
 * enforcement actions and breaches. Each function takes the executor first and selects explicit columns.
 */

/**
 * Locks the person's row until the transaction ends, so two bookings for one person run one after the other and the
 * second sees the first's appointments when it checks for a clash (PostgreSQL's READ COMMITTED would otherwise let
 * both check before either commits). `FOR NO KEY UPDATE` leaves other tables' references to the row unblocked.
 */
export async function lockPersonForBooking(db: Executor, personId: number): Promise<void> {
  await db.selectFrom('people').select('id').where('id', '=', personId).forNoKeyUpdate().execute()
}

/** The supervised person's row (the caller has already checked access by CRN). */
export async function findPersonById(db: Executor, personId: number) {
  return db
    .selectFrom('people')
    .select([
      'id',
      'crn',
      'forename',
      'middle_names',
      'surname',
      'date_of_birth',
      'managing_provider_id',
      'managing_team_id',
      'managing_staff_id',
      'case_status',
    ])
    .where('id', '=', personId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
}
export type SupervisedPerson = NonNullable<Awaited<ReturnType<typeof findPersonById>>>

/** The person's current main address, for letters. */
export async function mainAddress(db: Executor, personId: number) {
  return db
    .selectFrom('addresses')
    .select(['building', 'street', 'district', 'town', 'county', 'postcode'])
    .where('person_id', '=', personId)
    .where('status', '=', 'main')
    .where('end_date', 'is', null)
    .orderBy('start_date', 'desc')
    .executeTakeFirst()
}

/** A team's letterhead: its name, its office's name, address, phone and email (null where not set), its provider. */
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

/** A provider's name, for the letter's sender. */
export async function providerName(db: Executor, providerId: number): Promise<string | undefined> {
  return (await db.selectFrom('providers').select('name').where('id', '=', providerId).executeTakeFirst())?.name
}

/** The lifecycle status and open sentences, for "may supervision appointments be booked?". */
export async function supervisionFacts(db: Executor, personId: number) {
  const [person, sentences] = await Promise.all([
    db.selectFrom('people').select('case_status').where('id', '=', personId).executeTakeFirstOrThrow(),
    db
      .selectFrom('sentences')
      .select(['sentence_type', 'expected_end_date'])
      .where('person_id', '=', personId)
      .where('terminated_date', 'is', null)
      .execute(),
  ])
  return { status: person.case_status, sentences }
}

/** Orders and licences (sentences not terminated) with their events, and their requirements. */
export async function currentOrders(db: Executor, personId: number) {
  const sentences = await db
    .selectFrom('sentences')
    .innerJoin('events', 'events.id', 'sentences.event_id')
    .select([
      'sentences.id',
      'sentences.event_id',
      'events.event_number',
      'sentences.sentence_type',
      'sentences.sentence_date',
      'sentences.start_date',
      'sentences.expected_end_date',
      'sentences.key_dates',
    ])
    .where('sentences.person_id', '=', personId)
    .where('sentences.terminated_date', 'is', null)
    .orderBy('sentences.sentence_date', 'desc')
    .execute()
  const requirements = sentences.length
    ? await db
        .selectFrom('requirements')
        .select(['id', 'sentence_id', 'category', 'sub_category', 'length', 'unit', 'start_date', 'expected_end_date'])
        .where(
          'sentence_id',
          'in',
          sentences.map(s => s.id),
        )
        .where('terminated_date', 'is', null)
        .orderBy('id')
        .execute()
    : []
  return sentences.map(s => ({ ...s, requirements: requirements.filter(r => r.sentence_id === s.id) }))
}
export type CurrentOrder = Awaited<ReturnType<typeof currentOrders>>[number]

/** Staff of a provider, for "with whom". */
export async function staffOfProvider(db: Executor, providerId: number | null) {
  let q = db
    .selectFrom('staff')
    .select(['id', 'forename', 'surname', 'team_id', 'provider_id'])
    .where('active', '=', true)
  if (providerId !== null) q = q.where('provider_id', '=', providerId)
  return q.orderBy('surname').orderBy('forename').execute()
}

export async function staffById(db: Executor, id: number) {
  return db
    .selectFrom('staff')
    .select(['id', 'forename', 'surname', 'provider_id', 'team_id'])
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function nextSeriesId(db: Executor): Promise<number> {
  const { rows } = await sql<{ id: string | number }>`select nextval('contact_series_seq') as id`.execute(db)
  return Number(rows[0].id)
}

export async function insertContact(db: Executor, values: Insertable<ContactsTable>): Promise<number> {
  return (await db.insertInto('contacts').values(values).returning('id').executeTakeFirstOrThrow()).id
}

const CONTACT_COLUMNS = [
  'contacts.id',
  'contacts.person_id',
  'contacts.event_id',
  'contacts.requirement_id',
  'contacts.contact_type',
  'contacts.is_appointment',
  'contacts.starts_at',
  'contacts.ends_at',
  'contacts.staff_id',
  'contacts.team_id',
  'contacts.location',
  'contacts.national_standard',
  'contacts.sensitive',
  'contacts.system_generated',
  'contacts.rar_activity',
  'contacts.series_id',
  'contacts.notes',
  'contacts.outcome',
  'contacts.attended',
  'contacts.complied',
  'contacts.absence_reason',
  'contacts.outcome_recorded_at',
  'contacts.created_at',
  'contacts.version',
] as const

export async function findContact(db: Executor, personId: number, id: number) {
  return db
    .selectFrom('contacts')
    .leftJoin('staff', 'staff.id', 'contacts.staff_id')
    .select(CONTACT_COLUMNS)
    .select(['staff.forename as staff_forename', 'staff.surname as staff_surname'])
    .where('contacts.person_id', '=', personId)
    .where('contacts.id', '=', id)
    .where('contacts.deleted_at', 'is', null)
    .executeTakeFirst()
}
export type ContactRow = NonNullable<Awaited<ReturnType<typeof findContact>>>

/**
 * Appointments of the person that overlap [from, to), other than those moved elsewhere (rescheduled) or given an
 * acceptable absence in advance; `except` leaves out the one being moved.
 */
export async function clashingAppointments(db: Executor, personId: number, from: Date, to: Date, except?: number) {
  let q = db
    .selectFrom('contacts')
    .select(['id', 'starts_at', 'ends_at', 'contact_type'])
    .where('person_id', '=', personId)
    .where('is_appointment', '=', true)
    .where('deleted_at', 'is', null)
    .where(eb => eb.or([eb('outcome', 'is', null), eb('outcome', 'not like', 'RESCHEDULED%')]))
    .where('starts_at', '<', to)
    .where(sql<boolean>`coalesce(ends_at, starts_at + interval '1 hour') > ${from}`)
  if (except !== undefined) q = q.where('id', '!=', except)
  return q.orderBy('starts_at').limit(5).execute()
}

/** The person's appointments, newest first. */
export async function listAppointments(db: Executor, personId: number, limit = 500) {
  return db
    .selectFrom('contacts')
    .leftJoin('staff', 'staff.id', 'contacts.staff_id')
    .select(CONTACT_COLUMNS)
    .select(['staff.forename as staff_forename', 'staff.surname as staff_surname'])
    .where('contacts.person_id', '=', personId)
    .where('contacts.is_appointment', '=', true)
    .where('contacts.deleted_at', 'is', null)
    .orderBy('contacts.starts_at', 'desc')
    .orderBy('contacts.id', 'desc')
    .limit(limit)
    .execute()
}

/** Sets the current outcome on the contact if nobody changed it since `version` was read. False when stale. */
export async function setOutcome(
  db: Executor,
  contactId: number,
  version: number,
  values: {
    outcome: string
    attended: boolean | null
    complied: boolean | null
    absence_reason: string | null
    notes: string | null
    by: number | null
    at: Date
  },
): Promise<boolean> {
  const result = await db
    .updateTable('contacts')
    .set(eb => ({
      outcome: values.outcome,
      attended: values.attended,
      complied: values.complied,
      absence_reason: values.absence_reason,
      notes: values.notes,
      outcome_recorded_at: values.at,
      outcome_recorded_by: values.by,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', contactId)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function insertOutcome(
  db: Executor,
  values: {
    person_id: number
    contact_id: number
    outcome: string
    attended: boolean | null
    complied: boolean | null
    absence_reason: string | null
    notes: string | null
    recorded_by: number | null
  },
): Promise<number> {
  const previous = await db
    .selectFrom('contact_outcomes')
    .select('id')
    .where('contact_id', '=', values.contact_id)
    .orderBy('id', 'desc')
    .executeTakeFirst()
  return (
    await db
      .insertInto('contact_outcomes')
      .values({ ...values, replaces_id: previous?.id ?? null })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
}

export async function outcomeHistory(db: Executor, contactId: number) {
  return db
    .selectFrom('contact_outcomes')
    .leftJoin('users', 'users.id', 'contact_outcomes.recorded_by')
    .select([
      'contact_outcomes.id',
      'contact_outcomes.outcome',
      'contact_outcomes.absence_reason',
      'contact_outcomes.notes',
      'contact_outcomes.recorded_at',
      'contact_outcomes.replaces_id',
      'users.display_name as recorded_by',
    ])
    .where('contact_outcomes.contact_id', '=', contactId)
    .orderBy('contact_outcomes.id', 'asc')
    .execute()
}

export async function insertReschedule(
  db: Executor,
  values: {
    person_id: number
    original_contact_id: number
    new_contact_id: number
    requested_by: 'person' | 'service'
    reason: string
    created_by: number | null
  },
) {
  await db.insertInto('appointment_reschedules').values(values).execute()
}

/** How an appointment was moved: to where (when it is the original) and from where (when it is the replacement). */
export async function rescheduleLinks(db: Executor, contactId: number) {
  return db
    .selectFrom('appointment_reschedules')
    .leftJoin('users', 'users.id', 'appointment_reschedules.created_by')
    .select([
      'appointment_reschedules.original_contact_id',
      'appointment_reschedules.new_contact_id',
      'appointment_reschedules.requested_by',
      'appointment_reschedules.reason',
      'appointment_reschedules.created_at',
      'users.display_name as by',
    ])
    .where(eb => eb.or([eb('original_contact_id', '=', contactId), eb('new_contact_id', '=', contactId)]))
    .execute()
}

// ── Activity log ────────────────────────────────────────────────────────────────────────────────────────────

export interface ActivityFilter {
  types?: string[]
  outcome?: string
  nationalStandard?: boolean
  systemGenerated?: boolean
  from?: Date
  to?: Date
  /** Words to find in the notes: matched as a literal substring (LIKE metacharacters are escaped). */
  text?: string
  /** Only what was recorded before this instant (a former case manager's view: src/access/policy.ts). */
  recordedBefore?: Date
}

/** Escapes `%`, `_` and `\` so what a user types is matched literally by (I)LIKE. */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, c => `\\${c}`)
}

/** One page of the activity log, newest first. */
export async function activity(
  db: Executor,
  personId: number,
  f: ActivityFilter,
  page: { limit: number; offset: number } = { limit: 50, offset: 0 },
) {
  let q = db
    .selectFrom('contacts')
    .leftJoin('staff', 'staff.id', 'contacts.staff_id')
    .select(CONTACT_COLUMNS)
    .select(['staff.forename as staff_forename', 'staff.surname as staff_surname'])
    .where('contacts.person_id', '=', personId)
    .where('contacts.deleted_at', 'is', null)
  if (f.types) q = q.where('contacts.contact_type', 'in', f.types.length ? f.types : ['-'])
  if (f.outcome === 'none') q = q.where('contacts.outcome', 'is', null)
  else if (f.outcome) q = q.where('contacts.outcome', '=', f.outcome)
  if (f.nationalStandard !== undefined) q = q.where('contacts.national_standard', '=', f.nationalStandard)
  if (f.systemGenerated !== undefined) q = q.where('contacts.system_generated', '=', f.systemGenerated)
  if (f.from) q = q.where('contacts.starts_at', '>=', f.from)
  if (f.to) q = q.where('contacts.starts_at', '<', f.to)
  if (f.text) q = q.where(sql<boolean>`contacts.notes ilike ${'%' + likeLiteral(f.text) + '%'}`)
  if (f.recordedBefore) q = q.where('contacts.created_at', '<', f.recordedBefore)
  return q
    .orderBy('contacts.starts_at', 'desc')
    .orderBy('contacts.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
}

// ── Documents ───────────────────────────────────────────────────────────────────────────────────────────────

export async function insertDocument(
  db: Executor,
  values: {
    person_id: number
    contact_id: number | null
    kind: string
    title: string
    filename: string
    bytes: Uint8Array
    created_by: number | null
  },
): Promise<number> {
  return (await db.insertInto('documents').values(values).returning('id').executeTakeFirstOrThrow()).id
}

export async function listDocuments(db: Executor, personId: number) {
  return db
    .selectFrom('documents')
    .select(['id', 'contact_id', 'kind', 'title', 'filename', 'created_at'])
    .where('person_id', '=', personId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

export async function findDocument(db: Executor, personId: number, id: number) {
  return db
    .selectFrom('documents')
    .select(['id', 'kind', 'title', 'filename', 'content_type', 'bytes', 'contact_id'])
    .where('person_id', '=', personId)
    .where('id', '=', id)
    .executeTakeFirst()
}

// ── Enforcement actions and breaches ───────────────────────────────────────────────────────────────────────

export async function insertAction(db: Executor, values: Insertable<EnforcementActionsTable>): Promise<number> {
  return (await db.insertInto('enforcement_actions').values(values).returning('id').executeTakeFirstOrThrow()).id
}

const ACTION_COLUMNS = [
  'enforcement_actions.id',
  'enforcement_actions.person_id',
  'enforcement_actions.contact_id',
  'enforcement_actions.event_id',
  'enforcement_actions.breach_id',
  'enforcement_actions.document_id',
  'enforcement_actions.action_type',
  'enforcement_actions.description',
  'enforcement_actions.due_date',
  'enforcement_actions.status',
  'enforcement_actions.done_date',
  'enforcement_actions.created_at',
  'enforcement_actions.version',
] as const

/** The person's enforcement actions, open first, with the type of the contact each was raised from (for its link). */
export async function listActions(db: Executor, personId: number) {
  return db
    .selectFrom('enforcement_actions')
    .select(ACTION_COLUMNS)
    .select(eb =>
      eb
        .selectFrom('contacts')
        .select('contacts.contact_type')
        .whereRef('contacts.id', '=', 'enforcement_actions.contact_id')
        .as('contact_type'),
    )
    .where('person_id', '=', personId)
    .orderBy(sql`status = 'open'`, 'desc')
    .orderBy('due_date', 'asc')
    .orderBy('id', 'asc')
    .execute()
}
export type ActionRow = NonNullable<Awaited<ReturnType<typeof findAction>>>

export async function findAction(db: Executor, personId: number, id: number) {
  return db
    .selectFrom('enforcement_actions')
    .select(ACTION_COLUMNS)
    .where('person_id', '=', personId)
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function completeAction(
  db: Executor,
  id: number,
  version: number,
  doneDate: string,
  by: number | null,
): Promise<boolean> {
  const result = await db
    .updateTable('enforcement_actions')
    .set(eb => ({ status: 'done', done_date: doneDate, done_by: by, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'open')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function insertBreach(db: Executor, values: Insertable<BreachesTable>): Promise<number> {
  return (await db.insertInto('breaches').values(values).returning('id').executeTakeFirstOrThrow()).id
}

export async function insertBreachStatus(
  db: Executor,
  values: {
    person_id: number
    breach_id: number
    status: string
    status_date: string
    notes: string | null
    changed_by: number | null
  },
) {
  await db.insertInto('breach_status_history').values(values).execute()
}

export async function updateBreach(
  db: Executor,
  id: number,
  version: number,
  values: {
    status: string
    court_date?: string | null
    decision?: string | null
    decision_date?: string | null
    closed_at?: Date | null
  },
): Promise<boolean> {
  const result = await db
    .updateTable('breaches')
    .set(eb => ({ ...values, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function listBreaches(db: Executor, personId: number) {
  const breaches = await db
    .selectFrom('breaches')
    .select([
      'id',
      'event_id',
      'kind',
      'status',
      'initiated_date',
      'court_date',
      'decision',
      'decision_date',
      'closed_at',
      'trigger_contact_id',
      'version',
    ])
    .where('person_id', '=', personId)
    .orderBy('initiated_date', 'desc')
    .orderBy('id', 'desc')
    .execute()
  const history = breaches.length
    ? await db
        .selectFrom('breach_status_history')
        .leftJoin('users', 'users.id', 'breach_status_history.changed_by')
        .select([
          'breach_status_history.breach_id',
          'breach_status_history.status',
          'breach_status_history.status_date',
          'breach_status_history.notes',
          'breach_status_history.changed_at',
          'users.display_name as by',
        ])
        .where(
          'breach_id',
          'in',
          breaches.map(b => b.id),
        )
        .orderBy('breach_status_history.id')
        .execute()
    : []
  return breaches.map(b => ({ ...b, history: history.filter(h => h.breach_id === b.id) }))
}
export type BreachRow = Awaited<ReturnType<typeof listBreaches>>[number]

/**
 * Open enforcement actions and open breaches or recalls of the people a team manages, soonest due first, for the
 * senior's team view. The caller filters the rows through the access policy and audits what it shows.
 */
export async function openEnforcementForTeam(db: Executor, teamId: number) {
  const [actions, breaches] = await Promise.all([
    db
      .selectFrom('enforcement_actions')
      .innerJoin('people', 'people.id', 'enforcement_actions.person_id')
      .leftJoin('staff', 'staff.id', 'people.managing_staff_id')
      .select(ACTION_COLUMNS)
      .select([
        'people.crn',
        'people.forename',
        'people.surname',
        'staff.forename as manager_forename',
        'staff.surname as manager_surname',
      ])
      .where('people.managing_team_id', '=', teamId)
      .where('people.deleted_at', 'is', null)
      .where('enforcement_actions.status', '=', 'open')
      .orderBy('enforcement_actions.due_date')
      .orderBy('enforcement_actions.id')
      .execute(),
    db
      .selectFrom('breaches')
      .innerJoin('people', 'people.id', 'breaches.person_id')
      .select([
        'breaches.id',
        'breaches.person_id',
        'breaches.kind',
        'breaches.status',
        'breaches.initiated_date',
        'breaches.court_date',
        'people.crn',
        'people.forename',
        'people.surname',
      ])
      .where('people.managing_team_id', '=', teamId)
      .where('people.deleted_at', 'is', null)
      .where('breaches.closed_at', 'is', null)
      .orderBy('breaches.initiated_date')
      .orderBy('breaches.id')
      .execute(),
  ])
  return { actions, breaches }
}

/** Withdraws (cancels) open enforcement actions whose failure no longer stands. */
export async function cancelActions(db: Executor, ids: number[]) {
  await db
    .updateTable('enforcement_actions')
    .set(eb => ({ status: 'cancelled', version: eb('version', '+', 1) }))
    .where('id', 'in', ids)
    .execute()
}

/** Sets an action's due date (the court hearing's, once the court date is known). */
export async function setActionDueDate(db: Executor, id: number, dueDate: string) {
  await db.updateTable('enforcement_actions').set({ due_date: dueDate }).where('id', '=', id).execute()
}

/** Corrects the date a done action was done (a letter's sent date), with the version read. False when stale. */
export async function changeActionDoneDate(
  db: Executor,
  id: number,
  version: number,
  doneDate: string,
): Promise<boolean> {
  const result = await db
    .updateTable('enforcement_actions')
    .set(eb => ({ done_date: doneDate, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'done')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** The open "7 days to explain" raised with a letter (same failure, same breach or none). */
export async function openExplanationWindow(
  db: Executor,
  personId: number,
  letter: { contact_id: number | null; breach_id: number | null },
) {
  let q = db
    .selectFrom('enforcement_actions')
    .select(ACTION_COLUMNS)
    .where('person_id', '=', personId)
    .where('action_type', '=', 'explanation_window')
    .where('status', '=', 'open')
  q = letter.contact_id === null ? q.where('contact_id', 'is', null) : q.where('contact_id', '=', letter.contact_id)
  q = letter.breach_id === null ? q.where('breach_id', 'is', null) : q.where('breach_id', '=', letter.breach_id)
  return q.orderBy('id', 'desc').executeTakeFirst()
}

/** Moves an open action's deadline, with the new wording of why. */
export async function rescheduleAction(db: Executor, id: number, dueDate: string, description: string) {
  await db
    .updateTable('enforcement_actions')
    .set(eb => ({ due_date: dueDate, description, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('status', '=', 'open')
    .execute()
}

/** The National Standard failures on one order (event), oldest first, for the breach letter. */
export async function enforceableFailures(db: Executor, personId: number, eventId: number | null) {
  return db
    .selectFrom('contacts')
    .select(['contact_type', 'starts_at', 'outcome'])
    .where('person_id', '=', personId)
    .where(eventId === null ? eb => eb('event_id', 'is', null) : eb => eb('event_id', '=', eventId))
    .where('outcome', 'in', ['attended_failed_to_comply', 'unacceptable_absence'])
    .where('national_standard', '=', true)
    .orderBy('starts_at')
    .execute()
}

/** When the warnings on one order were given, counting only those whose failure still stands. */
export async function standingWarnings(
  db: Executor,
  personId: number,
  eventId: number | null,
  failureOutcomes: readonly string[],
) {
  let q = db
    .selectFrom('enforcement_actions')
    .innerJoin('contacts', 'contacts.id', 'enforcement_actions.contact_id')
    .select(['enforcement_actions.created_at'])
    .where('enforcement_actions.person_id', '=', personId)
    .where('enforcement_actions.action_type', '=', 'warning_letter')
    .where('enforcement_actions.status', '!=', 'cancelled')
    .where('contacts.outcome', 'in', [...failureOutcomes])
  q =
    eventId === null
      ? q.where('enforcement_actions.event_id', 'is', null)
      : q.where('enforcement_actions.event_id', '=', eventId)
  return q.execute()
}

/** The National Standard failures on one order (event), other than `exceptContactId`. */
export async function failuresOnOrder(
  db: Executor,
  personId: number,
  eventId: number | null,
  failureOutcomes: readonly string[],
  exceptContactId?: number,
) {
  let q = db
    .selectFrom('contacts')
    .select(['id', 'starts_at'])
    .where('person_id', '=', personId)
    .where('national_standard', '=', true)
    .where('deleted_at', 'is', null)
    .where('outcome', 'in', [...failureOutcomes])
  q = eventId === null ? q.where('event_id', 'is', null) : q.where('event_id', '=', eventId)
  if (exceptContactId !== undefined) q = q.where('id', '!=', exceptContactId)
  return q.execute()
}

/** Every appointment's order, date and outcome, for the compliance summary. */
export async function appointmentOutcomes(db: Executor, personId: number) {
  return db
    .selectFrom('contacts')
    .select(['event_id', 'starts_at', 'outcome', 'national_standard', 'rar_activity'])
    .where('person_id', '=', personId)
    .where('is_appointment', '=', true)
    .where('deleted_at', 'is', null)
    .execute()
}

/** The person's recall considerations still open (kind `recall`), the oldest first. */
export async function openRecallConsiderations(db: Executor, personId: number) {
  return db
    .selectFrom('breaches')
    .select(['id', 'decision'])
    .where('person_id', '=', personId)
    .where('kind', '=', 'recall')
    .where('closed_at', 'is', null)
    .orderBy('id')
    .execute()
}

/** Moves a recall consideration as the recall workflow decided (no version check: the workflow is the authority). */
export async function followRecall(
  db: Executor,
  id: number,
  values: { status: string; decision: string | null; decision_date: string; closed_at: Date | null },
) {
  await db
    .updateTable('breaches')
    .set(eb => ({ ...values, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute()
}
