import type { LocalDate } from '@js-joda/core'
import { GRADES, TIER_LETTERS, type WorkloadSettings } from '../../domain/allocation/index.ts'
import type { LevelFigures } from '../../domain/performance/index.ts'
import { formatDate, formatDateTime } from '../../web/filters.ts'
import { partsOf } from '../../web/forms.ts'
import { performancePaths as paths } from '../../web/paths.ts'
import { REDUCTION_REASONS } from './forms.ts'
import type { Level } from './scope.ts'
import type { LevelReport } from './service-levels.ts'

/** View models for team performance's pages: display text only, no ranking and no per-practitioner figure. */

export const LEVEL_TEXT: Record<Level, string> = { team: 'Team', unit: 'Delivery unit', provider: 'Provider' }

export const figureText = (f: LevelFigures) => `${f.met} of ${f.due} met${f.percent === null ? '' : ` (${f.percent}%)`}`

const percentText = (f: LevelFigures) => (f.percent === null ? 'Nothing due' : `${f.percent}%`)

export function periodSearch(from: LocalDate, to: LocalDate, level: Level, group?: string) {
  const params = new URLSearchParams({
    'from-day': String(from.dayOfMonth()),
    'from-month': String(from.monthValue()),
    'from-year': String(from.year()),
    'to-day': String(to.dayOfMonth()),
    'to-month': String(to.monthValue()),
    'to-year': String(to.year()),
    level,
    ...(group ? { group } : {}),
  })
  return params.toString()
}

export function serviceLevelsView(
  report: { levels: LevelReport[]; level: Level },
  q: { from: LocalDate; to: LocalDate },
  levels: readonly Level[],
) {
  return {
    period: `${formatDate(q.from.toString())} to ${formatDate(q.to.toString())}`,
    levelText: LEVEL_TEXT[report.level],
    levelItems: levels.map(l => ({ value: l, text: LEVEL_TEXT[l], selected: l === report.level })),
    serviceLevels: report.levels.map(({ level, groups, total }) => ({
      code: level.code,
      title: level.title,
      rule: level.rule,
      notMeasured: level.notMeasured ?? null,
      total: total ? figureText(total) : '',
      rows: (groups ?? []).map(g => ({
        name: g.name,
        met: String(g.figures.met),
        due: String(g.figures.due),
        percent: percentText(g.figures),
        missed: g.missed,
        href: `${paths.serviceLevel(level.code)}?${periodSearch(q.from, q.to, report.level, g.id)}`,
      })),
    })),
  }
}

export function missesView(
  found: {
    level: { title: string; rule: string }
    group: string
    cases: {
      crn: string
      name: string | null
      start: string
      deadline: string
      done: string | null
      workingDaysLate: number
    }[]
  },
  q: { from: LocalDate; to: LocalDate; level: Level },
) {
  return {
    title: found.level.title,
    rule: found.level.rule,
    group: found.group,
    levelText: LEVEL_TEXT[q.level],
    period: `${formatDate(q.from.toString())} to ${formatDate(q.to.toString())}`,
    back: `${paths.home}?${periodSearch(q.from, q.to, q.level)}`,
    showNames: found.cases.some(c => c.name !== null),
    cases: found.cases.map(c => ({
      crn: c.crn,
      name: c.name ?? '',
      start: formatDate(c.start),
      deadline: formatDate(c.deadline),
      done: c.done ? formatDate(c.done) : 'Not done yet',
      late: `${c.workingDaysLate} working ${c.workingDaysLate === 1 ? 'day' : 'days'}`,
    })),
  }
}

export function workloadView(w: {
  teams: { id: number; name: string }[]
  team: { id: number; name: string }
  settings: WorkloadSettings
  mayReduce: boolean
  practitioners: {
    staff: { code: string; forename: string; surname: string; grade: string }
    reductionHours: number
    workload: { cases: number; points: number; capacity: number; hours: number; percent: number | null; alert: boolean }
  }[]
}) {
  const rows = w.practitioners.map(p => ({
    name: `${p.staff.forename} ${p.staff.surname}`,
    grade: p.staff.grade,
    cases: String(p.workload.cases),
    points: String(p.workload.points),
    hours: `${p.workload.hours}${p.reductionHours > 0 ? ` (${p.reductionHours} reduced)` : ''}`,
    capacity: String(p.workload.capacity),
    percent: p.workload.percent === null ? 'No capacity' : `${p.workload.percent}%`,
    alert: p.workload.alert,
    reductionsHref: w.mayReduce ? paths.reductions(p.staff.code) : null,
  }))
  const over = rows.filter(r => r.alert)
  return {
    team: w.team.name,
    teamItems: w.teams.map(t => ({ value: String(t.id), text: t.name, selected: t.id === w.team.id })),
    alertPercent: w.settings.alertPercent,
    overNames: over.map(r => r.name),
    rows,
  }
}

export function reductionsView(r: {
  staff: { code: string; forename: string; surname: string; grade: string; contractedHours: number | null }
  history: {
    reason: keyof typeof REDUCTION_REASONS
    hours: number
    startsOn: string
    endsOn: string | null
    notes: string | null
    recordedAt: Date
  }[]
}) {
  return {
    name: `${r.staff.forename} ${r.staff.surname}`,
    action: paths.reductions(r.staff.code),
    back: paths.workload,
    history: r.history.map(h => ({
      reason: REDUCTION_REASONS[h.reason],
      hours: String(h.hours),
      from: formatDate(h.startsOn),
      to: h.endsOn ? formatDate(h.endsOn) : 'Open',
      notes: h.notes ?? '',
      recorded: formatDateTime(h.recordedAt),
    })),
    reasonItems: (chosen: string) =>
      Object.entries(REDUCTION_REASONS).map(([value, text]) => ({ value, text, checked: value === chosen })),
  }
}

/** The settings form's values from the settings in force (or as posted). */
export function settingsValues(s: WorkloadSettings): Record<string, string> {
  return {
    ...Object.fromEntries(TIER_LETTERS.map(t => [`tier-${t}`, String(s.tierPoints[t])])),
    'change-level': String(s.changeLevelPoints),
    'factor-community': String(s.caseTypeFactors.community),
    'factor-licence': String(s.caseTypeFactors.licence),
    'factor-custody': String(s.caseTypeFactors.custody),
    ...Object.fromEntries(GRADES.map(g => [`pph-${g}`, String(s.pointsPerHour[g] ?? 0)])),
    'alert-percent': String(s.alertPercent),
  }
}

export function settingsHistoryView(
  history: {
    effectiveFrom: string
    reason: string
    recordedAt: Date
    recordedBy: string | null
    settings: WorkloadSettings
  }[],
) {
  return history.map(h => ({
    effective: formatDate(h.effectiveFrom),
    reason: h.reason,
    recorded: `${formatDateTime(h.recordedAt)}${h.recordedBy ? ` by ${h.recordedBy}` : ''}`,
    summary:
      `Tiers ${TIER_LETTERS.map(t => `${t} ${h.settings.tierPoints[t]}`).join(', ')}; change level +${h.settings.changeLevelPoints}; ` +
      `factors community ${h.settings.caseTypeFactors.community}, licence ${h.settings.caseTypeFactors.licence}, ` +
      `custody ${h.settings.caseTypeFactors.custody}; points per hour ` +
      `${GRADES.map(g => `${g} ${h.settings.pointsPerHour[g] ?? 0}`).join(', ')}; alert above ${h.settings.alertPercent}%`,
  }))
}

export const dateValue = partsOf
