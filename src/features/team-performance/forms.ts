import type { LocalDate } from '@js-joda/core'
import {
  DEFAULT_WORKLOAD_SETTINGS,
  GRADES,
  TIER_LETTERS,
  type WorkloadSettings,
} from '../../domain/allocation/index.ts'
import { lastFullQuarter } from '../../domain/performance/index.ts'
import {
  FieldProblems,
  parsedOr,
  readDate,
  requiredDate,
  requiredText,
  text,
  type FormBody,
  type Parsed,
} from '../../web/forms.ts'
import type { Level } from './scope.ts'

/** Team performance's forms (issue 19 item 5): the period and level, a reduction, and a change of settings. */

const YEARS = { from: 2000, to: 2100 }

export interface PeriodQueryInput {
  from: LocalDate
  to: LocalDate
  level: Level
  /** The group of a misses list: a team, delivery unit or provider id, or 'none'. */
  group: string
}

/** The period (blank: the last full quarter before today), the level (team unless chosen) and the group. */
export function parsePeriodQuery(body: FormBody, today: LocalDate): Parsed<PeriodQueryInput> {
  const p = new FieldProblems()
  const from = readDate(body, 'from', 'The start of the period', p, YEARS)
  const to = readDate(body, 'to', 'The end of the period', p, YEARS)
  const quarter = lastFullQuarter(today)
  const start = from ?? (to ? to.minusMonths(3).plusDays(1) : quarter.from)
  const end = to ?? (from ? from.plusMonths(3).minusDays(1) : quarter.to)
  if (from && to && to.isBefore(from)) p.add('to-day', 'The end of the period must be on or after its start')
  if (start.plusYears(2).isBefore(end)) p.add('to-day', 'The period must be 2 years or shorter')
  const level = text(body, 'level') || 'team'
  if (!['team', 'unit', 'provider'].includes(level)) p.add('level', 'Choose team, delivery unit or provider')
  const group = text(body, 'group')
  if (group && !/^(\d{1,15}|none)$/.test(group)) p.add('group', 'Choose a team, delivery unit or provider')
  return parsedOr(p, () => ({ from: start, to: end, level: level as Level, group }))
}

export const REDUCTION_REASONS = {
  part_time: 'Part time (hours not worked)',
  training: 'Training',
  other_duties: 'Other duties',
} as const

export interface ReductionCommand {
  reason: keyof typeof REDUCTION_REASONS
  hours: number
  startsOn: string
  endsOn: string | null
  notes: string | null
}

const HOURS = /^\d{1,2}(\.\d)?$/

/** A reduction: why, hours a week (0.1–37, one decimal place), from a date, to a date or open. */
export function reductionFromForm(body: FormBody): Parsed<ReductionCommand> {
  const p = new FieldProblems()
  const reason = text(body, 'reason')
  if (!(reason in REDUCTION_REASONS)) p.add('reason', 'Select why the hours are reduced')
  const hoursText = text(body, 'hours')
  const hours = Number(hoursText)
  if (!hoursText) p.add('hours', 'Enter the hours a week')
  else if (!HOURS.test(hoursText) || hours <= 0 || hours > 37)
    p.add('hours', 'Hours a week must be a number between 0.1 and 37, like 7.5')
  const startsOn = requiredDate(body, 'from', 'The date the reduction starts', p, YEARS)
  const endsOn = readDate(body, 'to', 'The date the reduction ends', p, YEARS)
  if (startsOn && endsOn && endsOn.isBefore(startsOn))
    p.add('to-day', 'The date the reduction ends must be on or after the date it starts')
  const notes = text(body, 'notes')
  if (notes.length > 500) p.add('notes', 'Notes must be 500 characters or fewer')
  return parsedOr(p, () => ({
    reason: reason as ReductionCommand['reason'],
    hours,
    startsOn: (startsOn as LocalDate).toString(),
    endsOn: endsOn ? endsOn.toString() : null,
    notes: notes || null,
  }))
}

export interface SettingsCommand {
  effectiveFrom: string
  reason: string
  settings: WorkloadSettings
}

function wholeNumber(body: FormBody, name: string, label: string, max: number, p: FieldProblems): number {
  const value = text(body, name)
  if (!value) p.add(name, `Enter ${label.toLowerCase()}`)
  else if (!/^\d{1,4}$/.test(value) || Number(value) > max)
    p.add(name, `${label} must be a whole number from 0 to ${max}`)
  return Number(value)
}

function factor(body: FormBody, name: string, label: string, p: FieldProblems): number {
  const value = text(body, name)
  if (!value) p.add(name, `Enter ${label.toLowerCase()}`)
  else if (!/^\d(\.\d{1,2})?$/.test(value)) p.add(name, `${label} must be a number from 0 to 9.99, like 1.25`)
  return Number(value)
}

/** A change of the settings: every weight, the alert percentage, the date it takes effect and why. */
export function settingsFromForm(body: FormBody): Parsed<SettingsCommand> {
  const p = new FieldProblems()
  const tierPoints = Object.fromEntries(
    TIER_LETTERS.map(t => [t, wholeNumber(body, `tier-${t}`, `Points for tier ${t}`, 500, p)]),
  ) as WorkloadSettings['tierPoints']
  const changeLevelPoints = wholeNumber(body, 'change-level', 'Points for each change level', 100, p)
  const caseTypeFactors = {
    community: factor(body, 'factor-community', 'Community case factor', p),
    licence: factor(body, 'factor-licence', 'Licence case factor', p),
    custody: factor(body, 'factor-custody', 'Custody case factor', p),
  }
  const pointsPerHour = Object.fromEntries(
    GRADES.map(g => [g, wholeNumber(body, `pph-${g}`, `Points per hour for ${g}`, 500, p)]),
  )
  const alertPercent = wholeNumber(body, 'alert-percent', 'Alert percentage', 300, p)
  if (!p.errors.some(e => e.field === 'alert-percent') && alertPercent < 50)
    p.add('alert-percent', 'Alert percentage must be 50 or more')
  const effectiveFrom = requiredDate(body, 'effective', 'The date the settings take effect', p, YEARS)
  const reason = requiredText(body, 'reason', 'Enter why the settings change', 'The reason', 500, p)
  return parsedOr(p, () => ({
    effectiveFrom: (effectiveFrom as LocalDate).toString(),
    reason,
    settings: {
      ...DEFAULT_WORKLOAD_SETTINGS,
      tierPoints,
      changeLevelPoints,
      caseTypeFactors,
      pointsPerHour,
      alertPercent,
    },
  }))
}
