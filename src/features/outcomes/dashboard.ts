import { createHash } from 'node:crypto'
import { LocalDate } from '@js-joda/core'
import type { Executor } from '../../access/person-access.ts'
import type { Clock } from '../../clock.ts'
import { addWorkingDays } from '../../domain/calendar/index.ts'
import {
  publishCohort,
  publishShare,
  type PublishedCohort,
  type PublishedShare,
} from '../../domain/outcomes/disclosure.ts'
import {
  latestFinalQuarter,
  previousQuarter,
  quarterOf,
  quarterPeriod,
  quartersEndingAt,
} from '../../domain/outcomes/index.ts'
import { cohortOf, cohortRecords, type CohortRecord, type CohortScope } from './cohorts.ts'
import * as q from './queries/dashboard.ts'

/**
 * The open outcomes dashboard (issue 19 item 4): proven reoffending nationally, per provider and per contract package
 * area (region) for the last {@link QUARTERS} quarterly cohorts, the service levels met per provider and the
 * Community Payback hours worked per area in the last complete quarter. Everything is published through the
 * disclosure rule (`src/domain/outcomes/disclosure.ts`): nothing below area level, no count under 10, no rate for a
 * cohort under 30. The figures change at most daily, so they are computed once a day (keyed by the clock's today)
 * and kept in memory: a request after the first does no SQL.
 */

export const QUARTERS = 8
/** Allocation within 2 working days of sentence; first appointment within 5 working days of allocation. */
export const ALLOCATION_WORKING_DAYS = 2
export const FIRST_APPOINTMENT_WORKING_DAYS = 5

export interface GroupFigures {
  readonly key: string
  readonly level: 'national' | 'provider' | 'area'
  readonly name: string
  /** The provider an area belongs to. */
  readonly providerName?: string
  readonly figures: PublishedCohort
}

export interface QuarterFigures {
  readonly quarter: string
  readonly from: LocalDate
  readonly to: LocalDate
  readonly provisional: boolean
  /** National first, then each provider followed by its areas. */
  readonly groups: readonly GroupFigures[]
}

export interface ServiceLevels {
  readonly providerName: string
  readonly allocation: PublishedShare
  readonly firstAppointment: PublishedShare
}

export interface AreaHours {
  readonly areaName: string
  readonly providerName: string
  readonly hours: number
}

export interface Dashboard {
  readonly asOf: LocalDate
  readonly latestFinal: string
  /** Oldest first. */
  readonly quarters: readonly QuarterFigures[]
  readonly lastQuarter: { readonly label: string; readonly from: LocalDate; readonly to: LocalDate }
  readonly serviceLevels: readonly ServiceLevels[]
  readonly hours: readonly AreaHours[]
  /** A strong validator of the published figures (the same figures give the same tag). */
  readonly etag: string
}

type Areas = readonly q.AreaRow[]

/** The providers of the areas, in the areas' order. */
function providersOf(areas: Areas): { id: number; name: string }[] {
  const byId = new Map<number, string>()
  for (const a of areas) byId.set(Number(a.provider_id), a.provider_name)
  return [...byId].map(([id, name]) => ({ id, name }))
}

/** One read of the quarter's cohort, grouped nationally, by provider and by area. */
async function quarterFigures(db: Executor, areas: Areas, quarter: string, asOf: LocalDate): Promise<QuarterFigures> {
  const period = quarterPeriod(quarter)!
  const scope: CohortScope = { from: period.from, to: period.to, asOf }
  const records = await cohortRecords(db, scope)
  const group = (rs: readonly CohortRecord[]) => {
    const { figures } = cohortOf(rs, scope)
    return { figures: publishCohort(figures), provisional: figures.provisional }
  }
  const national = group(records)
  const groups: GroupFigures[] = [{ key: 'national', level: 'national', name: 'England and Wales', ...national }]
  for (const p of providersOf(areas)) {
    groups.push({
      key: `provider-${p.id}`,
      level: 'provider',
      name: p.name,
      ...group(records.filter(r => Number(r.providerId) === p.id)),
    })
    for (const a of areas.filter(x => Number(x.provider_id) === p.id)) {
      const id = Number(a.region_id)
      const figures = group(records.filter(r => Number(r.regionId) === id))
      groups.push({ key: `area-${id}`, level: 'area', name: a.region_name, providerName: p.name, ...figures })
    }
  }
  return { quarter, from: period.from, to: period.to, provisional: national.provisional, groups: groups.map(strip) }
}

const strip = (g: GroupFigures & { provisional?: boolean }): GroupFigures => {
  const { provisional, ...rest } = g
  void provisional
  return rest
}

/** The service levels met per provider for sentences dated in the period (a first appointment still due is left out). */
async function serviceLevels(db: Executor, areas: Areas, from: LocalDate, to: LocalDate, today: LocalDate) {
  const rows = await q.allocationTimings(db, from.toString(), to.toString())
  return providersOf(areas).map(p => {
    const mine = rows.filter(r => Number(r.provider_id) === p.id)
    const allocatedLate = mine.filter(r =>
      LocalDate.parse(r.allocated_on).isAfter(
        addWorkingDays(LocalDate.parse(r.sentence_date), ALLOCATION_WORKING_DAYS),
      ),
    ).length
    let appointmentsDue = 0
    let appointmentsMet = 0
    for (const r of mine) {
      const due = addWorkingDays(LocalDate.parse(r.allocated_on), FIRST_APPOINTMENT_WORKING_DAYS)
      const first = r.first_appointment_on === null ? null : LocalDate.parse(r.first_appointment_on)
      if (first === null && !today.isAfter(due)) continue
      appointmentsDue++
      if (first !== null && !first.isAfter(due)) appointmentsMet++
    }
    return {
      providerName: p.name,
      allocation: publishShare(mine.length, mine.length - allocatedLate),
      firstAppointment: publishShare(appointmentsDue, appointmentsMet),
    }
  })
}

/** Community Payback hours credited per area (whole hours), each provider's projects with no team under the provider. */
async function hoursPerArea(db: Executor, areas: Areas, from: LocalDate, to: LocalDate): Promise<AreaHours[]> {
  const rows = await q.unpaidWorkMinutes(db, from.toString(), to.toString())
  const minutesOf = (pred: (r: q.UnpaidWorkMinutesRow) => boolean) =>
    rows.filter(pred).reduce((sum, r) => sum + r.minutes, 0)
  const hours: AreaHours[] = areas.map(a => ({
    areaName: a.region_name,
    providerName: a.provider_name,
    hours: Math.floor(minutesOf(r => r.region_id !== null && Number(r.region_id) === Number(a.region_id)) / 60),
  }))
  for (const p of providersOf(areas)) {
    const minutes = minutesOf(r => r.region_id === null && Number(r.provider_id) === p.id)
    if (minutes > 0)
      hours.push({ areaName: 'Projects not in an area', providerName: p.name, hours: Math.floor(minutes / 60) })
  }
  return hours
}

/** Computes the dashboard's figures as known on `today`. */
export async function computeDashboard(db: Executor, today: LocalDate): Promise<Dashboard> {
  const areas = await q.publishedAreas(db)
  const quarters: QuarterFigures[] = []
  for (const quarter of quartersEndingAt(today, QUARTERS))
    quarters.push(await quarterFigures(db, areas, quarter, today))
  const label = previousQuarter(quarterOf(today))
  const last = quarterPeriod(label)!
  const [levels, hours] = await Promise.all([
    serviceLevels(db, areas, last.from, last.to, today),
    hoursPerArea(db, areas, last.from, last.to),
  ])
  const figures = { asOf: today, latestFinal: latestFinalQuarter(today), quarters, lastQuarter: { label, ...last } }
  const body = { ...figures, serviceLevels: levels, hours }
  const etag = `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27)}"`
  return { ...body, etag }
}

/**
 * The dashboard as a use case: the figures of the clock's today, computed on the first request of the day and kept
 * in memory (a failed computation is forgotten, so the next request tries again).
 */
export function createDashboard({ db, clock }: { db: Executor; clock: Clock }) {
  let cached: { day: string; figures: Promise<Dashboard> } | undefined
  return {
    figures(): Promise<Dashboard> {
      const today = clock.today()
      const day = today.toString()
      if (cached?.day !== day) {
        const entry = { day, figures: computeDashboard(db, today) }
        cached = entry
        entry.figures.catch(() => {
          if (cached === entry) cached = undefined
        })
      }
      return cached.figures
    },
  }
}

export type DashboardUseCases = ReturnType<typeof createDashboard>
