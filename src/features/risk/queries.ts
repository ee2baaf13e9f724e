import { sql, type Insertable } from 'kysely'
import type { Executor } from '../../access/person-access.ts'
import type {
  AuditEventsTable,
  IsoDate,
  OutboxEventsTable,
  RegistrationsTable,
  RiskScoresTable,
  RoshAssessmentsTable,
  TierCalculationsTable,
} from '../../db/schema.ts'
import { riskHistoryRows } from '../sentencing/index.ts'
import { TIER_ITEMS, type RiskFacts } from './calculate.ts'
import type { AssessmentItems } from './items.ts'
import { inCustodyOf, recordedEvents } from './record-history.ts'

/** Kysely functions for the Risk feature: executor first, rows in and out, no business rules. */

/** The person's own columns the Risk pages show and the predictors read. Soft-deleted records are not found. */
export async function findPersonForRisk(db: Executor, personId: number) {
  return db
    .selectFrom('people')
    .select(['id', 'crn', 'forename', 'surname', 'date_of_birth', 'gender'])
    .where('id', '=', personId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
}

/**
 * Loads what the predictors and tiers read for many people in eight queries sent together: date of birth, gender
 * and case status, the latest RoSH assessment, active registrations, the latest assessment items, and the record's
 * events, offences, sentences and requirements (the sentencing feature's `riskHistoryRows`).
 */
export async function loadRiskFacts(
  db: Executor,
  personIds: readonly number[],
): Promise<Map<number, RiskFacts & { crn: string }>> {
  const result = new Map<number, RiskFacts & { crn: string }>()
  if (personIds.length === 0) return result
  const ids = [...new Set(personIds)]
  const [people, rosh, registrations, items, history] = await Promise.all([
    db
      .selectFrom('people')
      .select(['id', 'crn', 'date_of_birth', 'gender', 'case_status'])
      .where('id', 'in', ids)
      .execute(),
    db
      .selectFrom('rosh_assessments')
      .distinctOn('person_id')
      .select(['person_id', 'assessment_date', 'overall_level'])
      .where('person_id', 'in', ids)
      .orderBy('person_id')
      .orderBy('assessment_date', 'desc')
      .orderBy('id', 'desc')
      .execute(),
    db
      .selectFrom('registrations')
      .select(['person_id', 'type_code', 'mappa_category', 'mappa_level', 'registered_date'])
      .where('person_id', 'in', ids)
      .where('deregistered_date', 'is', null)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('risk_assessment_items')
      .distinctOn('person_id')
      .select(['person_id', 'version', 'assessment_date', 'items'])
      .where('person_id', 'in', ids)
      .orderBy('person_id')
      .orderBy('version', 'desc')
      .execute(),
    riskHistoryRows(db, { ids }),
  ])
  const events = recordedEvents(history)
  for (const p of people) {
    result.set(p.id, {
      personId: p.id,
      crn: p.crn,
      dateOfBirth: p.date_of_birth,
      gender: p.gender,
      rosh: null,
      registrations: [],
      items: null,
      events: events.get(p.id) ?? [],
      inCustody: inCustodyOf(p.case_status),
    })
  }
  for (const r of rosh) {
    const f = result.get(r.person_id)
    if (f) f.rosh = { assessmentDate: r.assessment_date, overall: r.overall_level }
  }
  for (const r of registrations) {
    result.get(r.person_id)?.registrations.push({
      typeCode: r.type_code,
      mappaCategory: r.mappa_category,
      mappaLevel: r.mappa_level,
      registeredDate: r.registered_date,
    })
  }
  for (const r of items) {
    const f = result.get(r.person_id)
    if (f) f.items = { version: r.version, assessmentDate: r.assessment_date, items: r.items as AssessmentItems }
  }
  return result
}

/** The latest stored score per algorithm, per person (for "has anything changed?"). */
export async function latestScores(db: Executor, personIds: readonly number[]) {
  if (personIds.length === 0) return []
  return db
    .selectFrom('risk_scores')
    .distinctOn(['person_id', 'algorithm'])
    .select(['person_id', 'algorithm', 'algorithm_version', 'inputs'])
    .where('person_id', 'in', personIds)
    .orderBy('person_id')
    .orderBy('algorithm')
    .orderBy('id', 'desc')
    .execute()
}

/** The latest stored tier per algorithm, per person. */
export async function latestTiers(db: Executor, personIds: readonly number[]) {
  if (personIds.length === 0) return []
  return db
    .selectFrom('tier_calculations')
    .distinctOn(['person_id', 'algorithm'])
    .select(['person_id', 'algorithm', 'tier', 'output'])
    .where('person_id', 'in', personIds)
    .orderBy('person_id')
    .orderBy('algorithm')
    .orderBy('id', 'desc')
    .execute()
}

const CHUNK = 1000

/** Inserts many rows in a few statements (PostgreSQL allows 65,535 parameters per statement). */
export async function insertScores(db: Executor, rows: Insertable<RiskScoresTable>[]) {
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto('risk_scores')
      .values(rows.slice(i, i + CHUNK))
      .execute()
}

export async function insertTiers(db: Executor, rows: Insertable<TierCalculationsTable>[]) {
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto('tier_calculations')
      .values(rows.slice(i, i + CHUNK))
      .execute()
}

/** Audit rows written in bulk (a recalculation's RISK_RECALCULATED rows, a run's TIERS_RECALCULATED row). */
export async function insertAuditRows(db: Executor, rows: Insertable<AuditEventsTable>[]) {
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto('audit_events')
      .values(rows.slice(i, i + CHUNK))
      .execute()
}

/** Outbox events written in bulk (`person.tier.changed`). */
export async function insertOutboxRows(db: Executor, rows: Insertable<OutboxEventsTable>[]) {
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto('outbox_events')
      .values(rows.slice(i, i + CHUNK))
      .execute()
}

export async function insertRosh(db: Executor, row: Insertable<RoshAssessmentsTable>) {
  return (await db.insertInto('rosh_assessments').values(row).returning('id').executeTakeFirstOrThrow()).id
}

export async function insertRegistration(db: Executor, row: Insertable<RegistrationsTable>) {
  return (await db.insertInto('registrations').values(row).returning('id').executeTakeFirstOrThrow()).id
}

export async function findRegistration(db: Executor, personId: number, id: number) {
  return db
    .selectFrom('registrations')
    .select([
      'id',
      'person_id',
      'type_code',
      'mappa_category',
      'mappa_level',
      'registered_date',
      'next_review_date',
      'notes',
      'deregistered_date',
      'deregistration_reason',
      'version',
    ])
    .where('person_id', '=', personId)
    .where('id', '=', id)
    .executeTakeFirst()
}

/** Sets the deregistration once; returns false when the row had changed (stale version) or was already deregistered. */
export async function deregister(
  db: Executor,
  personId: number,
  id: number,
  version: number,
  values: { date: IsoDate; reason: string; userId: number | null; at: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('registrations')
    .set({
      deregistered_date: values.date,
      deregistration_reason: values.reason,
      deregistered_by: values.userId,
      deregistered_at: values.at,
      version: version + 1,
    })
    .where('person_id', '=', personId)
    .where('id', '=', id)
    .where('version', '=', version)
    .where('deregistered_date', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function latestItems(db: Executor, personId: number) {
  return db
    .selectFrom('risk_assessment_items')
    .select(['version', 'assessment_date', 'items', 'created_at'])
    .where('person_id', '=', personId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst()
}

export async function insertItems(
  db: Executor,
  row: { person_id: number; version: number; assessment_date: IsoDate; items: unknown; recorded_by: number | null },
) {
  await db
    .insertInto('risk_assessment_items')
    .values({ ...row, items: JSON.stringify(row.items) })
    .execute()
}

// ── The Risk page ───────────────────────────────────────────────────────────────────────────────────────────

export async function roshHistory(db: Executor, personId: number) {
  return db
    .selectFrom('rosh_assessments as r')
    .leftJoin('users as u', 'u.id', 'r.assessed_by')
    .select([
      'r.id',
      'r.assessment_date',
      'r.public_level',
      'r.known_adult_level',
      'r.children_level',
      'r.staff_level',
      'r.prisoners_level',
      'r.overall_level',
      'r.who_is_at_risk',
      'r.nature_of_harm',
      'r.when_most_likely',
      'u.display_name as assessed_by_name',
    ])
    .where('r.person_id', '=', personId)
    .orderBy('r.assessment_date', 'desc')
    .orderBy('r.id', 'desc')
    .execute()
}

export async function registrationList(db: Executor, personId: number) {
  return db
    .selectFrom('registrations as r')
    .leftJoin('users as u', 'u.id', 'r.registered_by')
    .leftJoin('users as d', 'd.id', 'r.deregistered_by')
    .select([
      'r.id',
      'r.type_code',
      'r.mappa_category',
      'r.mappa_level',
      'r.registered_date',
      'r.next_review_date',
      'r.notes',
      'r.deregistered_date',
      'r.deregistration_reason',
      'u.display_name as registered_by_name',
      'd.display_name as deregistered_by_name',
    ])
    .where('r.person_id', '=', personId)
    .orderBy('r.registered_date', 'desc')
    .orderBy('r.id', 'desc')
    .execute()
}

/** Every stored score, newest first: the predictor timeline. */
export async function scoreHistory(db: Executor, personId: number) {
  return db
    .selectFrom('risk_scores')
    .select([
      'id',
      'algorithm',
      'algorithm_version',
      'calculated_on',
      'calculated_at',
      'score',
      'band',
      'score_type',
      'output',
    ])
    .where('person_id', '=', personId)
    .orderBy('id', 'desc')
    .execute()
}

/** Every stored tier, newest first. */
export async function tierHistory(db: Executor, personId: number) {
  return db
    .selectFrom('tier_calculations')
    .select(['id', 'algorithm', 'algorithm_version', 'calculated_on', 'calculated_at', 'tier', 'output'])
    .where('person_id', '=', personId)
    .orderBy('id', 'desc')
    .execute()
}

// ── The nightly recalculation of every person's tiers ──────────────────────────────────────────────────────────

/** The highest person id (0 when there are none): the nightly run's batches are ranges of ids up to it. */
export async function maxPersonId(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('people')
    .select(eb => eb.fn.max('id').as('max'))
    .executeTakeFirst()
  return Number(row?.max ?? 0)
}

/** Milliseconds since the epoch, as a plain number (cheaper to read than a timestamp parsed into a Date). */
const epochMs = (column: string) => sql<number>`(extract(epoch from ${sql.ref(column)}) * 1000)::float8`

/**
 * Everything the tiers of the people with ids `lo` to `hi` read, in ten set-based statements over the range, sent
 * together: the people, their latest RoSH, active registrations, latest assessment items (only the items the tiers
 * read), latest stored score per algorithm, latest stored tier per algorithm, and the record's events, offences,
 * sentences and requirements (whose current sentences the tiers read).
 */
export async function tierBatchRows(db: Executor, lo: number, hi: number) {
  const tierItems = sql<AssessmentItems>`jsonb_strip_nulls(jsonb_build_object(${sql.join(TIER_ITEMS.map(k => sql`${sql.lit(k)}, items -> ${sql.lit(k)}`))}))`
  const [people, rosh, registrations, items, scores, tiers, history] = await Promise.all([
    db
      .selectFrom('people')
      .select(['id', 'crn', 'date_of_birth', 'gender', 'case_status'])
      .where('id', '>=', lo)
      .where('id', '<=', hi)
      .where('deleted_at', 'is', null)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('rosh_assessments')
      .distinctOn('person_id')
      .select(['person_id', 'assessment_date', 'overall_level'])
      .where('person_id', '>=', lo)
      .where('person_id', '<=', hi)
      .orderBy('person_id')
      .orderBy('assessment_date', 'desc')
      .orderBy('id', 'desc')
      .execute(),
    db
      .selectFrom('registrations')
      .select(['person_id', 'type_code', 'mappa_category', 'mappa_level', 'registered_date'])
      .where('person_id', '>=', lo)
      .where('person_id', '<=', hi)
      .where('deregistered_date', 'is', null)
      .orderBy('person_id')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('risk_assessment_items')
      .distinctOn('person_id')
      .select([
        'person_id',
        'version',
        'assessment_date',
        tierItems.as('items'),
        epochMs('created_at').as('recorded_at'),
      ])
      .where('person_id', '>=', lo)
      .where('person_id', '<=', hi)
      .orderBy('person_id')
      .orderBy('version', 'desc')
      .execute(),
    db
      .selectFrom('risk_scores')
      .distinctOn(['person_id', 'algorithm'])
      .select([
        'person_id',
        'algorithm',
        'algorithm_version',
        'score',
        'band',
        'score_type',
        epochMs('calculated_at').as('calculated_at'),
      ])
      .where('person_id', '>=', lo)
      .where('person_id', '<=', hi)
      .orderBy('person_id')
      .orderBy('algorithm')
      .orderBy('id', 'desc')
      .execute(),
    db
      .selectFrom('tier_calculations')
      .distinctOn(['person_id', 'algorithm'])
      .select(['person_id', 'algorithm', 'algorithm_version', 'tier', 'provisional'])
      .where('person_id', '>=', lo)
      .where('person_id', '<=', hi)
      .orderBy('person_id')
      .orderBy('algorithm')
      .orderBy('id', 'desc')
      .execute(),
    riskHistoryRows(db, { lo, hi }),
  ])
  return { people, rosh, registrations, items, scores, tiers, history }
}

/** Every version of the assessment items of these people (for those whose predictors must be calculated). */
export async function allItemsOf(db: Executor, personIds: readonly number[]) {
  return db
    .selectFrom('risk_assessment_items')
    .select(['person_id', 'version', 'items'])
    .where('person_id', 'in', personIds)
    .execute()
}
