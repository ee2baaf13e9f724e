import { LocalDate } from '@js-joda/core'
import type { RequestContext } from '../../access/audit.ts'
import { hasPermission } from '../../access/policy.ts'
import type { Dependencies } from '../../dependencies.ts'
import {
  deadlineAfter,
  figuresOf,
  figuresOfCounts,
  measureCase,
  SERVICE_LEVELS,
  statusOf,
  type CaseMeasure,
  type LevelFigures,
  type ServiceLevel,
} from '../../domain/performance/index.ts'
import { ForbiddenError, NotFoundError } from '../../errors.ts'
import {
  organisationNames,
  serviceLevelCounts,
  serviceLevelRows,
  type ServiceLevelCount,
  type ServiceLevelRow,
} from './queries/service-levels.ts'
import { performanceScope, type Level } from './scope.ts'

/**
 * The service levels for a period (issue 19 item 5): each measured level's met / due / % per team, delivery unit or
 * provider, and the cases behind a group's misses. Figures are never worked out per practitioner.
 */

export interface PeriodQuery {
  from: LocalDate
  to: LocalDate
  level: Level
}

export interface GroupFigures {
  /** The group's id, or 'none' for cases not yet in a team. */
  id: string
  name: string
  figures: LevelFigures
  missed: number
}

export interface LevelReport {
  level: ServiceLevel
  /** Null when the level is not measured (no sentence plans). */
  groups: GroupFigures[] | null
  total: LevelFigures | null
}

type MeasuredRow = Omit<ServiceLevelRow, 'deadline'> & CaseMeasure
type Names = Awaited<ReturnType<typeof organisationNames>>

const groupIdOf = (row: Pick<ServiceLevelRow, 'teamId' | 'unitId' | 'providerId'>, level: Level) => {
  const id = level === 'team' ? row.teamId : level === 'unit' ? row.unitId : row.providerId
  return id === null ? 'none' : String(id)
}

function groupName(names: Names, level: Level, id: string): string {
  if (id === 'none') return level === 'provider' ? 'No provider yet' : 'Not yet in a team'
  const list = level === 'team' ? names.teams : level === 'unit' ? names.units : names.providers
  return list.find(x => String(x.id) === id)?.name ?? `Unknown (${id})`
}

/** A case's deadline: the recorded date, or the level's working days from the start (worked out once per day). */
function deadlinesOf(level: ServiceLevel) {
  const deadlines = new Map<string, LocalDate>()
  return (r: Pick<ServiceLevelRow, 'start' | 'deadline'>) => {
    const key = r.deadline ?? r.start
    let deadline = deadlines.get(key)
    if (!deadline) {
      deadline = r.deadline
        ? LocalDate.parse(r.deadline)
        : deadlineAfter(LocalDate.parse(r.start), level.workingDays ?? 0)
      deadlines.set(key, deadline)
    }
    return deadline
  }
}

/** Each case's standing; how late a miss is (working days counted one by one) only when `lateness` is asked for. */
function measure(level: ServiceLevel, rows: ServiceLevelRow[], asOf: LocalDate, lateness: boolean): MeasuredRow[] {
  const deadlineOf = deadlinesOf(level)
  return rows.map(r => {
    const deadline = deadlineOf(r)
    const done = r.done ? LocalDate.parse(r.done) : null
    if (lateness) return { ...r, ...measureCase(deadline, done, asOf) }
    return { ...r, status: statusOf(deadline, done, asOf), deadline, workingDaysLate: 0 }
  })
}

/**
 * A level's figures per group and in total from the cases counted per group and day (serviceLevelCounts): each
 * distinct start, deadline and day done is measured once and its cases added to the group's met or missed.
 */
function countedFigures(level: ServiceLevel, counts: ServiceLevelCount[], asOf: LocalDate, by: Level, names: Names) {
  const deadlineOf = deadlinesOf(level)
  const byGroup = new Map<string, { met: number; missed: number }>()
  for (const c of counts) {
    const id = c.groupId === null ? 'none' : String(c.groupId)
    const tally = byGroup.get(id) ?? { met: 0, missed: 0 }
    byGroup.set(id, tally)
    const status = statusOf(deadlineOf(c), c.done ? LocalDate.parse(c.done) : null, asOf)
    if (status === 'met') tally.met += c.cases
    else if (status === 'missed') tally.missed += c.cases
  }
  const groups = [...byGroup.entries()]
    .map(([id, t]) => ({
      id,
      name: groupName(names, by, id),
      figures: figuresOfCounts(t.met, t.missed),
      missed: t.missed,
    }))
    // Two groups of the same name keep one order (by id) whatever order the database counted them in.
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
  const all = [...byGroup.values()]
  const total = figuresOfCounts(
    all.reduce((n, t) => n + t.met, 0),
    all.reduce((n, t) => n + t.missed, 0),
  )
  return { groups, total }
}

export function createServiceLevelUseCases({ db, clock }: Dependencies) {
  async function measured(level: ServiceLevel, q: PeriodQuery, teamId: number | null, lateness = false) {
    if (level.code === 'sentence-plan') return []
    const rows = await serviceLevelRows(db, level.code, { from: q.from.toString(), to: q.to.toString(), teamId })
    return measure(level, rows, clock.today(), lateness)
  }

  return {
    /** Every service level's figures for the period at the chosen level (a senior: their team only). */
    async report(ctx: RequestContext, q: PeriodQuery): Promise<{ levels: LevelReport[]; level: Level }> {
      const scope = performanceScope(ctx.user)
      if (!scope.levels.includes(q.level)) throw new ForbiddenError('You can see your own team’s figures only')
      const names = await organisationNames(db)
      // The levels' statements run side by side, each on its own pooled connection.
      const levels = await Promise.all(
        SERVICE_LEVELS.map(async (level): Promise<LevelReport> => {
          if (level.notMeasured) return { level, groups: null, total: null }
          if (level.code === 'sentence-plan') return { level, groups: [], total: figuresOf([]) }
          const period = { from: q.from.toString(), to: q.to.toString(), teamId: scope.teamId }
          const counts = await serviceLevelCounts(db, level.code, period, q.level)
          return { level, ...countedFigures(level, counts, clock.today(), q.level, names) }
        }),
      )
      return { levels, level: q.level }
    },

    /**
     * The cases behind one group's misses, by the day the clock started: CRN always; the name only for a user who
     * reads records (`person:read`) and a record with no exclusion or restriction.
     */
    async misses(ctx: RequestContext, code: string, q: PeriodQuery & { group: string }) {
      const scope = performanceScope(ctx.user)
      const level = SERVICE_LEVELS.find(l => l.code === code)
      if (!level) throw new NotFoundError('There is no such service level')
      if (!scope.levels.includes(q.level)) throw new ForbiddenError('You can see your own team’s figures only')
      if (level.notMeasured) return { level, group: '', cases: [] }
      const names = await organisationNames(db)
      const rows = (await measured(level, q, scope.teamId, true)).filter(
        r => r.status === 'missed' && groupIdOf(r, q.level) === q.group,
      )
      const showNames = hasPermission(ctx.user, 'person:read')
      return {
        level,
        group: groupName(names, q.level, q.group),
        cases: rows.map(r => ({
          crn: r.crn,
          name: showNames && !r.limited ? `${r.forename} ${r.surname}` : null,
          start: r.start,
          deadline: r.deadline.toString(),
          done: r.done,
          workingDaysLate: r.workingDaysLate,
        })),
      }
    },
  }
}
