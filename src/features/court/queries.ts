import { sql, type Insertable } from 'kysely'
import type { Executor } from '../../access/person-access.ts'
import type {
  HearingsTable,
  IsoDate,
  PreSentenceReportsTable,
  PsrProposedSentence,
  PsrStatus,
  RoshLevelColumn,
} from '../../db/schema.ts'

/** Kysely functions for court work: executor first, rows in and out, no business rules. */

export async function listCourts(db: Executor) {
  return db
    .selectFrom('courts as c')
    .leftJoin('delivery_units as du', 'du.id', 'c.delivery_unit_id')
    .select(['c.id', 'c.code', 'c.name', 'c.delivery_unit_id', 'du.name as delivery_unit_name'])
    .where('c.active', '=', true)
    .orderBy('c.name')
    .execute()
}

export async function findCourt(db: Executor, by: { id?: number; code?: string }) {
  let q = db.selectFrom('courts').select(['id', 'code', 'name', 'delivery_unit_id'])
  if (by.id !== undefined) q = q.where('id', '=', by.id)
  if (by.code !== undefined) q = q.where('code', '=', by.code.toUpperCase())
  return q.executeTakeFirst()
}

const hearingColumns = [
  'h.id',
  'h.court_id',
  'h.hearing_date',
  'h.session',
  'h.hearing_time',
  'h.court_room',
  'h.hearing_type',
  'h.listed_forename',
  'h.listed_surname',
  'h.listed_date_of_birth',
  'h.listed_pnc',
  'h.listed_address',
  'h.charge',
  'h.offence_code',
  'h.person_id',
  'h.event_id',
  'h.matched_at',
  'h.outcome',
  'h.outcome_date',
  'h.version',
  'c.code as court_code',
  'c.name as court_name',
  'p.crn',
  'p.forename as person_forename',
  'p.surname as person_surname',
] as const

function hearingsQuery(db: Executor) {
  return db
    .selectFrom('hearings as h')
    .innerJoin('courts as c', 'c.id', 'h.court_id')
    .leftJoin('people as p', 'p.id', 'h.person_id')
    .select(hearingColumns)
}
export type HearingRow = Awaited<ReturnType<typeof findHearing>> & {}

export async function hearingsOn(db: Executor, courtId: number, date: IsoDate) {
  return hearingsQuery(db)
    .where('h.court_id', '=', courtId)
    .where('h.hearing_date', '=', date)
    .orderBy(sql`case h.session when 'morning' then 0 else 1 end`)
    .orderBy('h.hearing_time')
    .orderBy('h.listed_surname')
    .orderBy('h.id')
    .execute()
}

export async function hearingsForPerson(db: Executor, personId: number) {
  return hearingsQuery(db)
    .where('h.person_id', '=', personId)
    .orderBy('h.hearing_date', 'desc')
    .orderBy('h.id', 'desc')
    .execute()
}

export async function findHearing(db: Executor, id: number) {
  return hearingsQuery(db).where('h.id', '=', id).executeTakeFirst()
}

/**
 * The hearing, its row locked until the transaction ends: a change to its match waits for any other change to it,
 * then sees the match that change left (the outer join to people cannot be locked, so only `h` is).
 */
export async function findHearingForUpdate(db: Executor, id: number) {
  return hearingsQuery(db).where('h.id', '=', id).forUpdate('h').executeTakeFirst()
}

export async function insertHearing(db: Executor, row: Insertable<HearingsTable>): Promise<number> {
  return (await db.insertInto('hearings').values(row).returning('id').executeTakeFirstOrThrow()).id
}

/** Links a hearing to a person if its version is still `version`. Returns false when someone else changed it. */
export async function setHearingPerson(
  db: Executor,
  id: number,
  version: number,
  personId: number,
  userId: number | null,
  at: Date,
) {
  const r = await db
    .updateTable('hearings')
    .set({ person_id: personId, matched_by: userId, matched_at: at, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

export async function updateHearing(
  db: Executor,
  id: number,
  version: number,
  fields: { outcome?: HearingsTable['outcome']; outcome_date?: IsoDate | null; event_id?: number | null },
) {
  const r = await db
    .updateTable('hearings')
    .set({ ...fields, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

/** The person's own columns the court pages show. Soft-deleted records are not found. */
export async function findCourtPerson(db: Executor, personId: number) {
  return db
    .selectFrom('people')
    .select(['id', 'crn', 'forename', 'middle_names', 'surname', 'date_of_birth', 'gender', 'pnc'])
    .where('id', '=', personId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
}

export async function loadCandidates(db: Executor, personIds: readonly number[]) {
  if (personIds.length === 0) return []
  return db
    .selectFrom('people')
    .select(['id', 'crn', 'forename', 'surname', 'date_of_birth', 'pnc'])
    .where('id', 'in', [...new Set(personIds)])
    .execute()
}

export async function findPeopleByCrn(db: Executor, crns: readonly string[]) {
  if (crns.length === 0) return []
  return db
    .selectFrom('people')
    .select(['id', 'crn'])
    .where('crn', 'in', [...new Set(crns)])
    .where('deleted_at', 'is', null)
    .execute()
}

// ── Staff and teams ─────────────────────────────────────────────────────────────────────────────────────────

export async function staffOfProvider(db: Executor, providerId: number | null) {
  let q = db
    .selectFrom('staff as s')
    .leftJoin('teams as t', 't.id', 's.team_id')
    .select(['s.id', 's.forename', 's.surname', 's.grade', 's.team_id', 's.provider_id', 't.name as team_name'])
    .where('s.active', '=', true)
  if (providerId !== null) q = q.where('s.provider_id', '=', providerId)
  return q.orderBy('s.surname').orderBy('s.forename').execute()
}

export async function findStaff(db: Executor, id: number) {
  return db
    .selectFrom('staff')
    .select(['id', 'forename', 'surname', 'team_id', 'provider_id'])
    .where('id', '=', id)
    .where('active', '=', true)
    .executeTakeFirst()
}

export async function teamsOfProvider(db: Executor, providerId: number | null) {
  let q = db
    .selectFrom('teams as t')
    .innerJoin('delivery_units as du', 'du.id', 't.delivery_unit_id')
    .innerJoin('regions as r', 'r.id', 'du.region_id')
    .select(['t.id', 't.code', 't.name', 'r.provider_id'])
    .where('t.active', '=', true)
  if (providerId !== null) q = q.where('r.provider_id', '=', providerId)
  return q.orderBy('t.name').execute()
}

/** An active team with the provider it belongs to. */
export async function findTeam(db: Executor, by: { id?: number; code?: string }) {
  let q = db
    .selectFrom('teams as t')
    .innerJoin('delivery_units as du', 'du.id', 't.delivery_unit_id')
    .innerJoin('regions as r', 'r.id', 'du.region_id')
    .select(['t.id', 't.code', 't.name', 'r.provider_id'])
    .where('t.active', '=', true)
  if (by.id !== undefined) q = q.where('t.id', '=', by.id)
  if (by.code !== undefined) q = q.where('t.code', '=', by.code)
  return q.executeTakeFirst()
}

// ── Reports ─────────────────────────────────────────────────────────────────────────────────────────────────

const reportColumns = [
  'r.id',
  'r.person_id',
  'r.hearing_id',
  'r.event_id',
  'r.report_type',
  'r.requested_date',
  'r.adjourned_to',
  'r.due_date',
  'r.due_date_basis',
  'r.author_staff_id',
  'r.team_id',
  'r.status',
  'r.completed_at',
  'r.rosh_level',
  'r.proposed_sentence',
  'r.proposed_provider',
  'r.cancelled_reason',
  'r.created_at',
  'r.version',
  'p.crn',
  'p.forename',
  'p.surname',
  's.forename as author_forename',
  's.surname as author_surname',
  't.name as team_name',
  'h.hearing_date',
  'c.name as court_name',
] as const

function reportsQuery(db: Executor) {
  return db
    .selectFrom('pre_sentence_reports as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .leftJoin('staff as s', 's.id', 'r.author_staff_id')
    .leftJoin('teams as t', 't.id', 'r.team_id')
    .leftJoin('hearings as h', 'h.id', 'r.hearing_id')
    .leftJoin('courts as c', 'c.id', 'h.court_id')
    .select(reportColumns)
}
export type ReportRow = NonNullable<Awaited<ReturnType<typeof findReport>>>

export async function findReport(db: Executor, id: number) {
  return reportsQuery(db).where('r.id', '=', id).executeTakeFirst()
}

/**
 * Locks the report's row until the transaction ends, so that changes to one report (two saves of its draft at the
 * same moment, a save and a completion) run one after the other: the later one then sees the earlier one's version
 * and is refused as a conflict, as when they come one after the other, instead of failing on the unique version.
 */
export async function lockReport(db: Executor, id: number): Promise<void> {
  await db.selectFrom('pre_sentence_reports').select('id').where('id', '=', id).forUpdate().executeTakeFirst()
}

export async function reportsForPerson(db: Executor, personId: number) {
  return reportsQuery(db)
    .where('r.person_id', '=', personId)
    .orderBy('r.requested_date', 'desc')
    .orderBy('r.id', 'desc')
    .execute()
}

/** A team's open reports (requested or in progress), soonest due first, and those finished in the last `days`. */
export async function reportsForTeam(db: Executor, teamId: number) {
  return reportsQuery(db)
    .where('r.team_id', '=', teamId)
    .where('r.status', 'in', ['requested', 'in_progress'])
    .where('p.deleted_at', 'is', null)
    .orderBy('r.due_date')
    .orderBy('r.id')
    .execute()
}

export async function insertReport(db: Executor, row: Insertable<PreSentenceReportsTable>): Promise<number> {
  return (await db.insertInto('pre_sentence_reports').values(row).returning('id').executeTakeFirstOrThrow()).id
}

/** Moves the report's status on if its version is still `version`. */
export async function updateReport(
  db: Executor,
  id: number,
  version: number,
  fields: {
    status?: PsrStatus
    completed_at?: Date | null
    cancelled_reason?: string | null
    rosh_level?: RoshLevelColumn | null
    proposed_sentence?: PsrProposedSentence | null
    proposed_provider?: 'public' | 'contracted' | null
  },
) {
  const r = await db
    .updateTable('pre_sentence_reports')
    .set({ ...fields, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

export async function reportVersions(db: Executor, reportId: number) {
  return db
    .selectFrom('pre_sentence_report_versions as v')
    .leftJoin('users as u', 'u.id', 'v.saved_by')
    .select(['v.id', 'v.version_number', 'v.sections', 'v.saved_at', 'v.autosave', 'u.display_name as saved_by_name'])
    .where('v.report_id', '=', reportId)
    .orderBy('v.version_number', 'desc')
    .execute()
}

export async function latestVersionNumber(db: Executor, reportId: number): Promise<number> {
  const r = await db
    .selectFrom('pre_sentence_report_versions')
    .select(db.fn.max('version_number').as('n'))
    .where('report_id', '=', reportId)
    .executeTakeFirst()
  return Number(r?.n ?? 0)
}

export async function insertVersion(
  db: Executor,
  row: {
    report_id: number
    person_id: number
    version_number: number
    sections: { [key: string]: string }
    saved_by: number | null
    autosave: boolean
  },
) {
  await db
    .insertInto('pre_sentence_report_versions')
    .values({ ...row, sections: JSON.stringify(row.sections) })
    .execute()
}

export async function insertDocument(
  db: Executor,
  row: {
    person_id: number
    report_id: number | null
    kind: string
    title: string
    filename: string
    content: Uint8Array
    created_by: number | null
  },
): Promise<number> {
  return (
    await db
      .insertInto('court_documents')
      .values({ ...row, content_type: 'application/pdf' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
}

export async function findReportDocument(db: Executor, reportId: number) {
  return db
    .selectFrom('court_documents')
    .select(['id', 'filename', 'content', 'content_type', 'created_at'])
    .where('report_id', '=', reportId)
    .orderBy('id', 'desc')
    .executeTakeFirst()
}

// ── What a report is pre-filled from ────────────────────────────────────────────────────────────────────────

export async function offencesOnEvent(db: Executor, eventId: number) {
  return db
    .selectFrom('offences')
    .select(['offence_code', 'description', 'offence_date', 'is_main', 'offence_count'])
    .where('event_id', '=', eventId)
    .orderBy('is_main', 'desc')
    .orderBy('id')
    .execute()
}

export async function sentencesForPerson(db: Executor, personId: number) {
  return db
    .selectFrom('sentences as s')
    .innerJoin('events as e', 'e.id', 's.event_id')
    .select([
      's.id',
      's.event_id',
      's.sentence_type',
      's.sentence_date',
      's.length_value',
      's.length_unit',
      's.expected_end_date',
      's.terminated_date',
      's.termination_reason',
      'e.event_number',
    ])
    .where('s.person_id', '=', personId)
    .orderBy('s.sentence_date', 'desc')
    .execute()
}

/**
 * The person's events (convictions), latest first, with the convicting court and the main offence: the report's
 * offences and previous convictions.
 */
export async function eventsForPerson(db: Executor, personId: number) {
  return db
    .selectFrom('events as e')
    .leftJoin('courts as c', 'c.id', 'e.court_id')
    .leftJoin('offences as o', join => join.onRef('o.event_id', '=', 'e.id').on('o.is_main', '=', true))
    .select([
      'e.id',
      'e.event_number',
      'e.status',
      'e.conviction_date',
      'c.name as court_name',
      'o.offence_code',
      'o.description as offence_description',
    ])
    .where('e.person_id', '=', personId)
    .orderBy('e.event_number', 'desc')
    .execute()
}

export async function findEvent(db: Executor, id: number) {
  return db.selectFrom('events').select(['id', 'person_id', 'event_number']).where('id', '=', id).executeTakeFirst()
}

/** Each active court with hearings listed on `date`: how many, and how many are matched to a record. */
export async function hearingCountsOn(db: Executor, date: IsoDate) {
  const rows = await db
    .selectFrom('hearings as h')
    .innerJoin('courts as c', 'c.id', 'h.court_id')
    .select(eb => [
      'c.code',
      'c.name',
      eb.fn.countAll<string>().as('hearings'),
      eb.fn.count<string>('h.person_id').as('matched'),
    ])
    .where('h.hearing_date', '=', date)
    .where('c.active', '=', true)
    .groupBy(['c.id', 'c.code', 'c.name'])
    .orderBy('c.name')
    .execute()
  return rows.map(r => ({ code: r.code, name: r.name, hearings: Number(r.hearings), matched: Number(r.matched) }))
}

/** How many of a team's pre-sentence reports are open (requested or in progress), and how many are due by `date`. */
export async function openReportCounts(db: Executor, teamId: number, date: IsoDate) {
  const row = await db
    .selectFrom('pre_sentence_reports as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select(eb => [
      eb.fn.countAll<string>().as('open'),
      eb.fn.sum<string>(sql`case when r.due_date <= ${date} then 1 else 0 end`).as('due'),
    ])
    .where('r.team_id', '=', teamId)
    .where('r.status', 'in', ['requested', 'in_progress'])
    .where('p.deleted_at', 'is', null)
    .executeTakeFirst()
  return { open: Number(row?.open ?? 0), due: Number(row?.due ?? 0) }
}
