import { LocalDate } from '@js-joda/core'
import type { Executor } from '../../access/person-access.ts'
import {
  WAITING_MONTHS,
  provenReoffending,
  type CohortPerson,
  type IndexEventType,
  type ProvenReoffending,
} from '../../domain/outcomes/index.ts'
import * as q from './queries/cohorts.ts'

/**
 * A proven reoffending cohort built from the record (issue 19 item 2): the people with a qualifying event in the
 * period, each with their index event, the offences counted as proven reoffences (traceable to the court outcome or
 * PNC row they came from) and their predicted probability for the case-mix adjustment. The figures are the domain
 * rule's (`provenReoffending`); this module only gathers its inputs.
 *
 * Index offences: the offences of the court event behind the index event (the non-custodial sentence, or the
 * custodial sentence the person was released from) and the index caution itself. When several qualifying events
 * share the index date, the offences of all of them are index offences: they were all disposed of that day.
 */
export interface CohortScope {
  readonly from: LocalDate
  readonly to: LocalDate
  /** Figures as known on this day: offences proven later do not count yet; provisional until the wait ends. */
  readonly asOf: LocalDate
  readonly providerId?: number
  readonly regionId?: number
}

export interface CohortOffence {
  readonly source: 'court' | 'pnc'
  readonly id: number
  readonly offenceCode: string
  readonly offenceDate: LocalDate
  readonly provenDate: LocalDate
  readonly index: boolean
}

export interface CohortRecord {
  readonly personId: number
  readonly crn: string
  readonly teamId: number | null
  readonly deliveryUnitId: number | null
  readonly regionId: number | null
  readonly providerId: number | null
  /** 0..1, or null when the person has neither an ARP nor an OGRS3 score. */
  readonly predicted: number | null
  readonly predictor: 'ARP' | 'OGRS3' | null
  readonly events: readonly { readonly type: IndexEventType; readonly date: LocalDate }[]
  readonly offences: readonly CohortOffence[]
}

export interface CohortMemberDetail {
  readonly record: CohortRecord
  readonly indexEvent: { readonly type: IndexEventType; readonly date: LocalDate }
  /** The offences counted as proven reoffences. */
  readonly reoffences: readonly CohortOffence[]
}

export interface Cohort {
  readonly scope: CohortScope
  readonly figures: Omit<ProvenReoffending, 'members'>
  readonly members: readonly CohortMemberDetail[]
}

/** The cohort's people with their events, offences and predicted probability, as the rule takes them. */
export async function cohortRecords(db: Executor, scope: CohortScope): Promise<CohortRecord[]> {
  const events = await q.indexEventsIn(db, {
    from: scope.from.toString(),
    to: scope.to.toString(),
    providerId: scope.providerId,
    regionId: scope.regionId,
  })
  const byPerson = new Map<number, q.IndexEventRow[]>()
  for (const e of events) byPerson.set(e.person_id, [...(byPerson.get(e.person_id) ?? []), e])
  const ids = [...byPerson.keys()]
  const provenBy = scope.to.plusMonths(WAITING_MONTHS).toString()
  const [offences, scores] = await Promise.all([
    q.provenOffencesOf(db, ids, scope.from.toString(), provenBy),
    q.predictedScores(db, ids),
  ])
  const offencesOf = new Map<number, q.OffenceRow[]>()
  for (const o of offences) offencesOf.set(o.person_id, [...(offencesOf.get(o.person_id) ?? []), o])
  const predictedOf = new Map<number, { algorithm: 'ARP' | 'OGRS3'; score: number }>()
  for (const s of scores) {
    if (s.algorithm === 'ARP' || !predictedOf.has(s.person_id)) predictedOf.set(s.person_id, s)
  }
  const dateOf = dateParser()
  return ids.map(id => recordOf(byPerson.get(id)!, offencesOf.get(id) ?? [], predictedOf.get(id), dateOf))
}

/** Dates repeat across a cohort (a few hundred distinct days for tens of thousands of rows): parsed once each. */
function dateParser(): (iso: string) => LocalDate {
  const parsed = new Map<string, LocalDate>()
  return iso => {
    let date = parsed.get(iso)
    if (!date) parsed.set(iso, (date = LocalDate.parse(iso)))
    return date
  }
}

function recordOf(
  events: q.IndexEventRow[],
  offences: q.OffenceRow[],
  predicted: { algorithm: 'ARP' | 'OGRS3'; score: number } | undefined,
  dateOf: (iso: string) => LocalDate,
): CohortRecord {
  const first = events.reduce((a, b) => (b.date < a.date ? b : a))
  const onIndexDate = events.filter(e => e.date === first.date)
  const indexEvents = new Set(onIndexDate.flatMap(e => (e.event_id === null ? [] : [e.event_id])))
  const indexCautions = new Set(onIndexDate.flatMap(e => (e.proven_offence_id === null ? [] : [e.proven_offence_id])))
  const isIndex = (o: q.OffenceRow) =>
    o.source === 'court' ? o.event_id !== null && indexEvents.has(o.event_id) : indexCautions.has(o.id)
  return {
    personId: first.person_id,
    crn: first.crn,
    teamId: first.team_id,
    deliveryUnitId: first.delivery_unit_id,
    regionId: first.region_id,
    providerId: first.provider_id,
    predicted: predicted ? predicted.score / 100 : null,
    predictor: predicted?.algorithm ?? null,
    events: events.map(e => ({ type: e.type, date: dateOf(e.date) })),
    // Each count of an offence is an offence (several proven at one appearance count separately).
    offences: offences.flatMap(o =>
      Array.from({ length: Math.max(1, o.counts) }, () => ({
        source: o.source,
        id: o.id,
        offenceCode: o.offence_code,
        offenceDate: dateOf(o.offence_date),
        provenDate: dateOf(o.proven_date),
        index: isIndex(o),
      })),
    ),
  }
}

/**
 * The cohort's figures and members from records already read (the dashboard groups one read many ways).
 *
 * @example
 * cohortOf(records.filter(r => r.regionId === 3), scope).figures.binaryRate // 0.2583
 */
export function cohortOf(records: readonly CohortRecord[], scope: CohortScope): Cohort {
  const people: CohortPerson[] = records.map(r => ({ ref: r.crn, events: r.events, offences: r.offences }))
  const { members, ...figures } = provenReoffending({ from: scope.from, to: scope.to, asOf: scope.asOf, people })
  const byRef = new Map(records.map(r => [r.crn, r]))
  return {
    scope,
    figures,
    members: members.map(m => {
      const record = byRef.get(m.ref)!
      return { record, indexEvent: m.indexEvent, reoffences: m.reoffenceIndexes.map(i => record.offences[i]) }
    }),
  }
}

/** The cohort for a period and scope, read from the record. */
export async function buildCohort(db: Executor, scope: CohortScope): Promise<Cohort> {
  return cohortOf(await cohortRecords(db, scope), scope)
}
