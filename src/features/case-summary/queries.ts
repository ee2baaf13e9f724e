import { sql, type RawBuilder } from 'kysely'
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres'
import type { Executor } from '../../access/person-access.ts'
import type { CaseStatus, IsoDate, RoshLevelColumn, SentenceType } from '../../db/schema.ts'
import { ROSH_REGISTER_CODE } from '../risk/index.ts'

/** Case-summary SQL: reads the supervision, risk, allocation and sentencing tables without changing them. */

/** RoSH register flags → level, from the risk feature's codes (as the caseload reads them). */
const ROSH_FLAG_CASE = sql.raw(
  `case rf.type_code ${Object.entries(ROSH_REGISTER_CODE)
    .map(([level, code]) => `when '${code}' then '${level}'`)
    .join(' ')} end`,
)
const ROSH_FLAG_CODES = Object.values(ROSH_REGISTER_CODE)

/**
 * What needs doing on one person's case, read from the supervision, risk, allocation, sentencing and sharing tables
 * in ONE statement: each list is a JSON array beside the person's row (each on its table's person_id index), where
 * six separate statements cost six round trips on every overview. The sharing list is read only for a viewer who
 * may decide on access (`withSharing`).
 */
export async function attentionFacts(
  db: Executor,
  personId: number,
  now: Date,
  today: IsoDate,
  withSharing = false,
): Promise<AttentionFacts> {
  const row = await attentionRow(db, personId, now, today, withSharing)
  return row ? attentionOf(row) : NOTHING_NEEDS_ATTENTION
}

/** The statement: the person's row with each list beside it. */
function attentionRow(db: Executor, personId: number, now: Date, today: IsoDate, withSharing: boolean) {
  return db
    .selectFrom('people as p')
    .select(eb => [
      'p.case_status as caseStatus',
      // Past appointments with no outcome yet, oldest first (at most 20).
      jsonArrayFrom(
        eb
          .selectFrom('contacts as c')
          .select(['c.id', 'c.contact_type', 'c.starts_at'])
          .whereRef('c.person_id', '=', 'p.id')
          .where('c.is_appointment', '=', true)
          .where('c.deleted_at', 'is', null)
          .where('c.outcome', 'is', null)
          .where('c.starts_at', '<', now)
          .orderBy('c.starts_at')
          .limit(20),
      ).as('needingOutcome'),
      // Open enforcement actions, soonest due first (no date last; at most 20).
      jsonArrayFrom(
        eb
          .selectFrom('enforcement_actions as e')
          .select(['e.id', 'e.action_type', 'e.description', 'e.due_date'])
          .whereRef('e.person_id', '=', 'p.id')
          .where('e.status', '=', 'open')
          .orderBy(sql`e.due_date asc nulls last`)
          .orderBy('e.id')
          .limit(20),
      ).as('actions'),
      // Active registrations whose review date has passed.
      jsonArrayFrom(
        eb
          .selectFrom('registrations as g')
          .select(['g.id', 'g.type_code', 'g.next_review_date'])
          .whereRef('g.person_id', '=', 'p.id')
          .where('g.deregistered_date', 'is', null)
          .where('g.next_review_date', '<', today)
          .orderBy('g.next_review_date'),
      ).as('reviews'),
      jsonObjectFrom(latestAllocation(db)).as('allocation'),
      // The date of the current (latest, not terminated) sentence.
      eb
        .selectFrom('sentences as s')
        .select('s.sentence_date')
        .whereRef('s.person_id', '=', 'p.id')
        .where('s.terminated_date', 'is', null)
        .orderBy('s.sentence_date', 'desc')
        .limit(1)
        .as('sentenceDate'),
      jsonArrayFrom(sharingAttention(db, withSharing)).as('sharing'),
    ])
    .where('p.id', '=', personId)
    .executeTakeFirst()
}

const NOTHING_NEEDS_ATTENTION: AttentionFacts = {
  needingOutcome: [],
  actions: [],
  reviews: [],
  allocation: undefined,
  sentenceDate: null,
  sharing: [],
}

type AttentionRow = NonNullable<Awaited<ReturnType<typeof attentionRow>>>

/**
 * The facts from the statement's row. Timestamps inside JSON arrive as strings on both drivers and the rules compare
 * Dates; ids and dates arrive as the separate statements returned them (numbers; ISO date strings).
 */
function attentionOf(row: AttentionRow): AttentionFacts {
  const a = row.allocation
  return {
    needingOutcome: row.needingOutcome.map(c => ({ ...c, id: Number(c.id), starts_at: new Date(c.starts_at) })),
    actions: row.actions.map(e => ({ ...e, id: Number(e.id) })),
    reviews: row.reviews.map(g => ({ ...g, id: Number(g.id) })),
    allocation: {
      caseStatus: row.caseStatus,
      allocatedAt: a ? new Date(a.allocated_at) : null,
      inductionDueDate: a?.induction_due_date ?? null,
      inductionProposedDate: a?.induction_proposed_date ?? null,
      inductionArranged: a?.arranged === true,
    },
    sentenceDate: row.sentenceDate ?? null,
    sharing: row.sharing.map(g => ({ ...g, id: Number(g.id), requested_at: new Date(g.requested_at) })),
  }
}

/** The person's (`p`) latest allocation's induction dates, and whether an induction has been arranged since. */
function latestAllocation(db: Executor) {
  return db
    .selectFrom('allocations as a')
    .select(['a.allocated_at', 'a.induction_due_date', 'a.induction_proposed_date'])
    .select(ab =>
      ab
        .exists(
          ab
            .selectFrom('contacts as c')
            .select('c.id')
            .whereRef('c.person_id', '=', 'a.person_id')
            .where('c.contact_type', '=', 'IND')
            .where('c.is_appointment', '=', true)
            .where('c.deleted_at', 'is', null)
            .where(sql<boolean>`(c.outcome is null or c.outcome not like 'rescheduled%')`)
            .where(sql<boolean>`c.created_at >= a.allocated_at`),
        )
        .as('arranged'),
    )
    .where('a.person_id', '=', sql.ref<number>('p.id'))
    .orderBy('a.id', 'desc')
    .limit(1)
}

/**
 * The person's (`p`) requests for access waiting for a decision and urgent accesses not yet acknowledged
 * (need-to-know sharing), for a viewer who may decide on them (`wanted`); none otherwise.
 */
function sharingAttention(db: Executor, wanted: boolean) {
  return db
    .selectFrom('access_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select(['g.id', 'g.kind', 'g.status', 'g.reason', 'g.requested_at', 'u.display_name'])
    .where('g.person_id', '=', sql.ref<number>('p.id'))
    .where(sql<boolean>`${wanted}::boolean`)
    .where(w =>
      w.or([w('g.status', '=', 'pending'), w.and([w('g.kind', '=', 'urgent'), w('g.acknowledged_at', 'is', null)])]),
    )
    .orderBy('g.id')
    .limit(20)
}

export interface AttentionFacts {
  needingOutcome: { id: number; contact_type: string; starts_at: Date }[]
  actions: { id: number; action_type: string; description: string | null; due_date: IsoDate | null }[]
  reviews: { id: number; type_code: string; next_review_date: IsoDate | null }[]
  allocation:
    | {
        caseStatus: CaseStatus
        allocatedAt: Date | null
        inductionDueDate: IsoDate | null
        inductionProposedDate: IsoDate | null
        inductionArranged: boolean
      }
    | undefined
  sentenceDate: IsoDate | null
  sharing: { id: number; kind: string; status: string; reason: string; requested_at: Date; display_name: string }[]
}

// ── The case at a glance ──────────────────────────────────────────────────────────────────────────────────────────

/** An active registration as the glance shows it (the register code and, for MAPPA, its category and level). */
export interface GlanceRegistration {
  code: string
  mappaCategory: number | null
  mappaLevel: number | null
}

/** One row: what every case page shows at the top, read from the people, staff, risk, sentencing and breach tables. */
export interface GlanceRow {
  id: number
  crn: string
  forename: string
  middleNames: string | null
  surname: string
  dateOfBirth: IsoDate
  caseStatus: CaseStatus
  staffForename: string | null
  staffSurname: string | null
  teamName: string | null
  providerName: string | null
  /** The latest tier (tier-v2 algorithm), e.g. `B2`, and whether it was provisional. */
  tier: string | null
  tierProvisional: boolean | null
  /** The latest RoSH assessment's overall level and its level of risk to staff. */
  roshLevel: RoshLevelColumn | null
  roshStaffLevel: RoshLevelColumn | null
  /** The newest active RoSH register flag's level (used when no assessment is recorded). */
  roshFlagLevel: RoshLevelColumn | null
  /** Active registrations, newest first (notes left out: they may name victims). */
  registrations: GlanceRegistration[]
  /** The latest current sentence (not terminated, not past its expected end), and how many are current. */
  sentenceType: SentenceType | null
  sentenceEndDate: IsoDate | null
  /** Key dates of a custodial sentence: release, licence and sentence expiry. */
  crd: IsoDate | null
  ard: IsoDate | null
  led: IsoDate | null
  sled: IsoDate | null
  sed: IsoDate | null
  tused: IsoDate | null
  currentSentences: number
  /** An open breach (of an order) or recall (of a licence). */
  inBreach: boolean
  recall: boolean
}

const keyDate = (key: string) => sql`nullif(se.key_dates ->> ${sql.lit(key)}, '')`

/**
 * The case at a glance for one person in ONE statement (lateral joins, each on its table's person_id index): who
 * they are, who manages them, tier, RoSH, active registrations, the current order or licence and any open breach or
 * recall. `today` decides which sentences are still current. Undefined for an unknown or deleted person.
 *
 * @example
 * const row = await caseGlanceRow(db, 42, '2026-12-05') // row?.tier === 'B2'
 */
export async function caseGlanceRow(db: Executor, personId: number, today: IsoDate): Promise<GlanceRow | undefined> {
  const { rows } = await glanceSelect(sql`p.id = ${personId}`, today).execute(db)
  return rows[0]
}

/**
 * The glance row of the (not deleted) person with this CRN as one JSON value, for the route guard to read in the
 * same statement as the access facts (`loadPersonAccessByCrnWith`): one round trip fewer on every case page. Every
 * column is a number, string, boolean or JSON array, so its JSON form is the row `caseGlanceRow` returns (dates as
 * ISO strings, as the drivers give them). Null for an unknown CRN.
 */
export function caseGlanceJsonByCrn(crn: string, today: IsoDate): RawBuilder<GlanceRow | null> {
  return sql<GlanceRow | null>`(select row_to_json(glance) from (${glanceSelect(sql`p.crn = ${crn}`, today)}) glance)`
}

/** The glance's one-row select, for the person the condition on `p` (the people row) picks. */
function glanceSelect(person: RawBuilder<unknown>, today: IsoDate) {
  return sql<GlanceRow>`
    select p.id, p.crn, p.forename, p.middle_names as "middleNames", p.surname, p.date_of_birth as "dateOfBirth",
      p.case_status as "caseStatus", s.forename as "staffForename", s.surname as "staffSurname",
      tm.name as "teamName", pr.name as "providerName",
      t.tier, t.provisional as "tierProvisional",
      r.overall_level as "roshLevel", r.staff_level as "roshStaffLevel", rf.level as "roshFlagLevel",
      coalesce(reg.list, '[]'::json) as registrations,
      se.sentence_type as "sentenceType", se.expected_end_date as "sentenceEndDate",
      ${keyDate('CRD')} as crd, ${keyDate('ARD')} as ard, ${keyDate('LED')} as led, ${keyDate('SLED')} as sled,
      ${keyDate('SED')} as sed, ${keyDate('TUSED')} as tused, coalesce(se.current, 0)::int as "currentSentences",
      coalesce(br.breach, false) as "inBreach", coalesce(br.recall, false) as recall
    from people p
    left join staff s on s.id = p.managing_staff_id
    left join teams tm on tm.id = p.managing_team_id
    left join providers pr on pr.id = p.managing_provider_id
    left join lateral (
      select tier, provisional from tier_calculations
      where person_id = p.id and algorithm like 'tier-v2%' order by id desc limit 1
    ) t on true
    left join lateral (
      select overall_level, staff_level from rosh_assessments
      where person_id = p.id order by assessment_date desc, id desc limit 1
    ) r on true
    left join lateral (
      select ${ROSH_FLAG_CASE} as level from registrations rf
      where rf.person_id = p.id and rf.deregistered_date is null and rf.type_code in (${sql.join(ROSH_FLAG_CODES)})
      order by rf.registered_date desc, rf.id desc limit 1
    ) rf on true
    left join lateral (
      select json_agg(json_build_object('code', g.type_code, 'mappaCategory', g.mappa_category,
        'mappaLevel', g.mappa_level) order by g.registered_date desc, g.id desc) as list
      from registrations g where g.person_id = p.id and g.deregistered_date is null
    ) reg on true
    left join lateral (
      select sentence_type, expected_end_date, key_dates, count(*) over () as current from sentences
      where person_id = p.id and terminated_date is null and (expected_end_date is null or expected_end_date >= ${today})
      order by sentence_date desc, id desc limit 1
    ) se on true
    left join lateral (
      select bool_or(kind = 'breach') as breach, bool_or(kind = 'recall') as recall from breaches
      where person_id = p.id and closed_at is null
    ) br on true
    where ${person} and p.deleted_at is null
  `
}
