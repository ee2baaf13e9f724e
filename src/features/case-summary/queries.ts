import { sql } from 'kysely'
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

/** What needs doing on one person's case, read from the supervision, risk, allocation and sentencing tables. */
export async function attentionFacts(db: Executor, personId: number, now: Date, today: IsoDate) {
  const [needingOutcome, actions, reviews, allocation, sentence] = await Promise.all([
    appointmentsNeedingOutcome(db, personId, now),
    openActions(db, personId),
    overdueReviews(db, personId, today),
    latestAllocation(db, personId),
    currentSentenceDate(db, personId),
  ])
  return { needingOutcome, actions, reviews, allocation, sentenceDate: sentence?.sentence_date ?? null }
}

/** Past appointments with no outcome yet, oldest first (at most 20). */
function appointmentsNeedingOutcome(db: Executor, personId: number, now: Date) {
  return db
    .selectFrom('contacts')
    .select(['id', 'contact_type', 'starts_at'])
    .where('person_id', '=', personId)
    .where('is_appointment', '=', true)
    .where('deleted_at', 'is', null)
    .where('outcome', 'is', null)
    .where('starts_at', '<', now)
    .orderBy('starts_at')
    .limit(20)
    .execute()
}

/** Open enforcement actions, soonest due first (no date last; at most 20). */
function openActions(db: Executor, personId: number) {
  return db
    .selectFrom('enforcement_actions')
    .select(['id', 'action_type', 'description', 'due_date'])
    .where('person_id', '=', personId)
    .where('status', '=', 'open')
    .orderBy(sql`due_date asc nulls last`)
    .orderBy('id')
    .limit(20)
    .execute()
}

/** Active registrations whose review date has passed. */
function overdueReviews(db: Executor, personId: number, today: IsoDate) {
  return db
    .selectFrom('registrations')
    .select(['id', 'type_code', 'next_review_date'])
    .where('person_id', '=', personId)
    .where('deregistered_date', 'is', null)
    .where('next_review_date', '<', today)
    .orderBy('next_review_date')
    .execute()
}

/** The case status, the latest allocation's induction dates, and whether an induction has been arranged since. */
function latestAllocation(db: Executor, personId: number) {
  return db
    .selectFrom('people')
    .leftJoin(
      eb =>
        eb
          .selectFrom('allocations')
          .select(['person_id', 'allocated_at', 'induction_due_date', 'induction_proposed_date'])
          .where('person_id', '=', personId)
          .orderBy('id', 'desc')
          .limit(1)
          .as('a'),
      join => join.onRef('a.person_id', '=', 'people.id'),
    )
    .select([
      'people.case_status as caseStatus',
      'a.allocated_at as allocatedAt',
      'a.induction_due_date as inductionDueDate',
      'a.induction_proposed_date as inductionProposedDate',
      eb =>
        eb
          .exists(
            eb
              .selectFrom('contacts as c')
              .select('c.id')
              .whereRef('c.person_id', '=', 'people.id')
              .where('c.contact_type', '=', 'IND')
              .where('c.is_appointment', '=', true)
              .where('c.deleted_at', 'is', null)
              .where(sql<boolean>`(c.outcome is null or c.outcome not like 'rescheduled%')`)
              .where(sql<boolean>`c.created_at >= a.allocated_at`),
          )
          .as('inductionArranged'),
    ])
    .where('people.id', '=', personId)
    .executeTakeFirst()
}

/** The date of the current (latest, not terminated) sentence. */
function currentSentenceDate(db: Executor, personId: number) {
  return db
    .selectFrom('sentences')
    .select(['sentence_date'])
    .where('person_id', '=', personId)
    .where('terminated_date', 'is', null)
    .orderBy('sentence_date', 'desc')
    .limit(1)
    .executeTakeFirst()
}

export type AttentionFacts = Awaited<ReturnType<typeof attentionFacts>>

/** Requests for access waiting for a decision and urgent accesses not yet acknowledged (need-to-know sharing). */
export function sharingAttention(db: Executor, personId: number) {
  return db
    .selectFrom('access_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select(['g.id', 'g.kind', 'g.status', 'g.reason', 'g.requested_at', 'u.display_name'])
    .where('g.person_id', '=', personId)
    .where(eb =>
      eb.or([
        eb('g.status', '=', 'pending'),
        eb.and([eb('g.kind', '=', 'urgent'), eb('g.acknowledged_at', 'is', null)]),
      ]),
    )
    .orderBy('g.id')
    .limit(20)
    .execute()
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
  const { rows } = await sql<GlanceRow>`
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
    where p.id = ${personId} and p.deleted_at is null
  `.execute(db)
  return rows[0]
}
