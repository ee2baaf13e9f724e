import { LocalDate } from '@js-joda/core'
import type { RequestContext } from '../../access/audit.ts'
import { hasPermission } from '../../access/policy.ts'
import type { Dependencies } from '../../dependencies.ts'
import {
  deadlineAfter,
  figuresOf,
  measureCase,
  SERVICE_LEVELS,
  statusOf,
  type CaseMeasure,
  type LevelFigures,
  type ServiceLevel,
} from '../../domain/performance/index.ts'
import { ForbiddenError, NotFoundError } from '../../errors.ts'
import { organisationNames, serviceLevelRows, type ServiceLevelRow } from './queries/service-levels.ts'
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

/** Each case's standing; how late a miss is (working days counted one by one) only when `lateness` is asked for. */
function measure(level: ServiceLevel, rows: ServiceLevelRow[], asOf: LocalDate, lateness: boolean): MeasuredRow[] {
  const deadlines = new Map<string, LocalDate>()
  return rows.map(r => {
    const key = r.deadline ?? r.start
    let deadline = deadlines.get(key)
    if (!deadline) {
      deadline = r.deadline
        ? LocalDate.parse(r.deadline)
        : deadlineAfter(LocalDate.parse(r.start), level.workingDays ?? 0)
      deadlines.set(key, deadline)
    }
    const done = r.done ? LocalDate.parse(r.done) : null
    if (lateness) return { ...r, ...measureCase(deadline, done, asOf) }
    return { ...r, status: statusOf(deadline, done, asOf), deadline, workingDaysLate: 0 }
  })
}

function grouped(rows: MeasuredRow[], level: Level, names: Names): GroupFigures[] {
  const byGroup = new Map<string, MeasuredRow[]>()
  for (const r of rows) byGroup.set(groupIdOf(r, level), [...(byGroup.get(groupIdOf(r, level)) ?? []), r])
  return [...byGroup.entries()]
    .map(([id, list]) => ({
      id,
      name: groupName(names, level, id),
      figures: figuresOf(list),
      missed: list.filter(r => r.status === 'missed').length,
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
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
          const rows = await measured(level, q, scope.teamId)
          return { level, groups: grouped(rows, q.level, names), total: figuresOf(rows) }
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
