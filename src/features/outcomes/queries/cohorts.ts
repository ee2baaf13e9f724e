import { sql } from 'kysely'
import type { Executor } from '../../../access/person-access.ts'

/**
 * The SQL behind proven reoffending cohorts (issue 19 item 2). Index events come from the record: non-custodial
 * sentences (court disposals) by sentence date, releases from custody by release date, and cautions imported from
 * PNC extracts. Offences come from the court outcomes Probity records (an event's offences, proven on its conviction
 * date; each count of an offence is an offence) and from PNC extracts (`proven_offences`). A person belongs to the
 * provider and contract package area (region) of their managing team.
 */

export interface CohortScopeFilter {
  readonly from: string
  readonly to: string
  readonly providerId?: number
  readonly regionId?: number
}

export interface IndexEventRow {
  person_id: number
  crn: string
  type: 'custody_release' | 'court_disposal' | 'caution'
  date: string
  /** The court event whose offences are the index offences; null for a caution. */
  event_id: number | null
  /** The caution's own row in proven_offences; null otherwise. */
  proven_offence_id: number | null
  team_id: number | null
  delivery_unit_id: number | null
  region_id: number | null
  provider_id: number | null
}

/** Every qualifying event dated in the period for people in scope (several per person; the rule picks the first). */
export async function indexEventsIn(db: Executor, f: CohortScopeFilter): Promise<IndexEventRow[]> {
  const region = f.regionId === undefined ? sql`true` : sql`du.region_id = ${f.regionId}`
  const provider = f.providerId === undefined ? sql`true` : sql`rg.provider_id = ${f.providerId}`
  const { rows } = await sql<IndexEventRow>`
    with idx as (
      select s.person_id, 'court_disposal' as type, s.sentence_date as date, s.event_id, null::bigint as proven_offence_id
        from sentences s
       where s.sentence_type <> 'custodial' and s.sentence_date between ${f.from} and ${f.to}
      union all
      select r.person_id, 'custody_release', r.released_on, s.event_id, null
        from custody_releases r
        join custody_records c on c.id = r.custody_record_id
        join sentences s on s.id = c.sentence_id
       where r.released_on between ${f.from} and ${f.to}
      union all
      select o.person_id, 'caution', o.proven_date, null, o.id
        from proven_offences o
       where o.disposal = 'caution' and o.proven_date between ${f.from} and ${f.to}
    )
    select idx.person_id, p.crn, idx.type, idx.date::text as date, idx.event_id, idx.proven_offence_id,
           p.managing_team_id as team_id, t.delivery_unit_id, du.region_id, rg.provider_id
      from idx
      join people p on p.id = idx.person_id and p.deleted_at is null
      left join teams t on t.id = p.managing_team_id
      left join delivery_units du on du.id = t.delivery_unit_id
      left join regions rg on rg.id = du.region_id
     where ${region} and ${provider}
  `.execute(db)
  return rows
}

export interface OffenceRow {
  person_id: number
  source: 'court' | 'pnc'
  /** offences.id for a court offence, proven_offences.id for a PNC one. */
  id: number
  event_id: number | null
  offence_code: string
  offence_date: string
  proven_date: string
  counts: number
}

/**
 * The proven offences of these people that could count after an index date in [from, to]: committed on or after
 * `from` and proven no later than `provenBy` (to + 18 months).
 */
export async function provenOffencesOf(
  db: Executor,
  personIds: readonly number[],
  from: string,
  provenBy: string,
): Promise<OffenceRow[]> {
  if (!personIds.length) return []
  const ids = sql`${`{${personIds.join(',')}}`}::bigint[]`
  const { rows } = await sql<OffenceRow>`
    select o.person_id, 'court' as source, o.id, o.event_id, o.offence_code, o.offence_date::text as offence_date,
           e.conviction_date::text as proven_date, o.offence_count as counts
      from offences o
      join events e on e.id = o.event_id
     where o.person_id = any(${ids}) and e.conviction_date is not null and o.offence_date is not null
       and o.offence_date >= ${from} and e.conviction_date <= ${provenBy}
    union all
    select po.person_id, 'pnc', po.id, null, po.offence_code, po.offence_date::text, po.proven_date::text, 1
      from proven_offences po
     where po.person_id = any(${ids}) and po.offence_date >= ${from} and po.proven_date <= ${provenBy}
  `.execute(db)
  return rows
}

/**
 * Each person's predicted probability of proven reoffending: the latest v4 all-reoffending predictor (ARP) when
 * present, else the latest OGRS3 two-year score; percentages as stored.
 */
export async function predictedScores(
  db: Executor,
  personIds: readonly number[],
): Promise<{ person_id: number; algorithm: 'ARP' | 'OGRS3'; score: number }[]> {
  if (!personIds.length) return []
  const ids = sql`${`{${personIds.join(',')}}`}::bigint[]`
  const { rows } = await sql<{ person_id: number; algorithm: 'ARP' | 'OGRS3'; score: number }>`
    select distinct on (person_id, algorithm) person_id, algorithm, score
      from risk_scores
     where person_id = any(${ids}) and algorithm in ('ARP', 'OGRS3') and score is not null
     order by person_id, algorithm, id desc
  `.execute(db)
  return rows
}
