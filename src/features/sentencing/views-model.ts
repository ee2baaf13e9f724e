import { LocalDate } from '@js-joda/core'
import type { CaseStatus } from '../../db/schema.ts'
import { CASE_STATUS_TEXT } from '../../domain/case-lifecycle/index.ts'
import {
  checkOffenceCode,
  CUSTODIAL_TYPES,
  KEY_DATE_NAMES,
  lengthText,
  REQUIREMENT_STATE_TEXT,
  requirementKind,
  requirementState,
  sentenceState,
  type LengthUnit,
  type RequirementState,
  type SentenceState,
} from '../../domain/sentencing/index.ts'
import type { EventRow, RequirementRow, SentenceRow } from './queries.ts'

/** What the record page and the API show of events, sentences and requirements (JSON-friendly, no internal rules). */

export const SENTENCE_TYPES = [
  { code: 'community_order', label: 'Community order' },
  { code: 'suspended_sentence_order', label: 'Suspended sentence order' },
  { code: 'custodial', label: 'Custodial sentence' },
] as const
export type SentenceTypeCode = (typeof SENTENCE_TYPES)[number]['code']

export const TERMINATION_REASONS = [
  { code: 'completed', label: 'Completed' },
  { code: 'early_termination', label: 'Terminated early for good progress' },
  { code: 'revoked', label: 'Revoked by the court' },
  { code: 'revoked_resentenced', label: 'Revoked and re-sentenced' },
  { code: 'breach_custody', label: 'Breach: custody imposed or suspended sentence activated' },
  { code: 'quashed_on_appeal', label: 'Quashed on appeal' },
  { code: 'licence_expired', label: 'Sentence and licence expired' },
  { code: 'died', label: 'Died' },
  { code: 'other', label: 'Other' },
] as const

export const REQUIREMENT_TERMINATION_REASONS = [
  { code: 'completed', label: 'Completed' },
  { code: 'revoked', label: 'Revoked or amended by the court' },
  { code: 'order_terminated', label: 'The order was terminated' },
  { code: 'other', label: 'Other' },
] as const

const text = (list: readonly { code: string; label: string }[], code: string | null) =>
  code === null ? null : (list.find(x => x.code === code)?.label ?? code)

export const sentenceTypeText = (code: string): string => text(SENTENCE_TYPES, code) ?? code
export const caseStatusText = (status: CaseStatus) => CASE_STATUS_TEXT[status]

export interface OffenceView {
  code: string
  category: string | null
  description: string | null
  offenceDate: string | null
  count: number
  isMain: boolean
}

export function offenceView(o: {
  offence_code: string
  description: string | null
  offence_date: string | null
  offence_count: number
  is_main: boolean
}): OffenceView {
  const check = checkOffenceCode(o.offence_code)
  return {
    code: o.offence_code,
    category: check.ok ? check.category : null,
    description: o.description,
    offenceDate: o.offence_date,
    count: o.offence_count,
    isMain: o.is_main,
  }
}

export interface RequirementView {
  id: number
  type: string
  label: string
  length: number | null
  unit: string | null
  lengthText: string
  startDate: string | null
  expectedEndDate: string | null
  details: Record<string, unknown> | null
  notes: string | null
  /** Current, ended (its end date or its order's has passed) or terminated: `requirementState` on today. */
  state: RequirementState
  stateText: string
  terminated: { date: string; reason: string; reasonText: string; by: string | null } | null
}

const localDate = (iso: string | null) => (iso === null ? null : LocalDate.parse(iso))

export function requirementView(r: RequirementRow, order: SentenceState, today: string): RequirementView {
  const state = requirementState(
    { terminatedOn: localDate(r.terminated_date), endDate: localDate(r.expected_end_date), order },
    LocalDate.parse(today),
  )
  const kind = requirementKind(r.category)
  const length = r.length === null ? null : Number(r.length)
  const details = (r.details as Record<string, unknown> | null) ?? null
  let lengthTextValue = length === null ? '' : `${length} ${r.unit === 'none' ? '' : (r.unit ?? '')}`.trim()
  if (details && typeof details.hoursPerDay === 'number') {
    lengthTextValue += `, ${details.hoursPerDay} hours a day on ${details.daysPerWeek ?? 7} days a week`
  }
  return {
    id: r.id,
    type: r.category,
    label: kind?.label ?? r.category,
    length,
    unit: r.unit,
    lengthText: lengthTextValue,
    startDate: r.start_date,
    expectedEndDate: r.expected_end_date,
    details,
    notes: r.notes,
    state,
    stateText: REQUIREMENT_STATE_TEXT[state],
    terminated: r.terminated_date
      ? {
          date: r.terminated_date,
          reason: r.termination_reason ?? '',
          reasonText: text(REQUIREMENT_TERMINATION_REASONS, r.termination_reason) ?? '',
          by: r.terminated_by_name,
        }
      : null,
  }
}

export interface KeyDateView {
  key: string
  name: string
  date: string
  explanation: string | null
  rule: string | null
  hint: string | null
}

export interface SentenceView {
  id: number
  eventNumber: number
  type: SentenceTypeCode
  typeText: string
  sentenceDate: string
  length: { value: number; unit: LengthUnit } | null
  lengthText: string | null
  startDate: string | null
  expectedEndDate: string | null
  state: SentenceState
  version: number
  suspended: {
    operationalPeriod: string | null
    supervisionPeriod: string | null
    supervisionEndDate: string | null
  } | null
  custodial: {
    type: string | null
    typeText: string | null
    consecutiveToEventNumber: number | null
    remandDays: number
    taggedBailDays: number
    keyDates: KeyDateView[]
    regime: string | null
    problem: string | null
    calculatedAt: string | null
  } | null
  requirements: RequirementView[]
  termination: { date: string; reason: string; reasonText: string; by: string | null } | null
}

const len = (value: number | null, unit: string | null) =>
  value !== null && unit !== null ? { value, unit: unit as LengthUnit } : null

export function sentenceView(
  s: SentenceRow,
  requirements: RequirementRow[],
  all: SentenceRow[],
  today: string,
): SentenceView {
  const length = len(s.length_value, s.length_unit)
  const state = sentenceState(
    { terminatedOn: localDate(s.terminated_date), endDate: localDate(s.expected_end_date) },
    LocalDate.parse(today),
  )
  let custodial: SentenceView['custodial'] = null
  if (s.sentence_type === 'custodial') {
    const dates = (s.key_dates as Record<string, string> | null) ?? {}
    const extra =
      (s.key_dates_explanation as {
        explanations?: Record<string, { rule: string; text: string }>
        regime?: { description: string }
        hints?: Record<string, string>
      } | null) ?? {}
    custodial = {
      type: s.custodial_type,
      typeText: s.custodial_type
        ? (CUSTODIAL_TYPES.find(t => t.code === s.custodial_type)?.label ?? s.custodial_type)
        : null,
      consecutiveToEventNumber: all.find(o => o.id === s.consecutive_to_sentence_id)?.event_number ?? null,
      remandDays: s.remand_days,
      taggedBailDays: s.tagged_bail_days,
      keyDates: Object.entries(dates).map(([key, date]) => ({
        key,
        name: KEY_DATE_NAMES[key] ?? key,
        date,
        explanation: extra.explanations?.[key]?.text ?? null,
        rule: extra.explanations?.[key]?.rule ?? null,
        hint: extra.hints?.[key] ?? null,
      })),
      regime: extra.regime?.description ?? null,
      problem: s.key_dates_problem,
      calculatedAt: s.key_dates_calculated_at ? new Date(s.key_dates_calculated_at).toISOString() : null,
    }
  }
  return {
    id: s.id,
    eventNumber: s.event_number,
    type: s.sentence_type,
    typeText: sentenceTypeText(s.sentence_type),
    sentenceDate: s.sentence_date,
    length,
    lengthText: length ? lengthText(length) : null,
    startDate: s.start_date,
    expectedEndDate: s.expected_end_date,
    state,
    version: s.version,
    suspended:
      s.sentence_type === 'suspended_sentence_order'
        ? {
            operationalPeriod: lenText(s.operational_period_value, s.operational_period_unit),
            supervisionPeriod: lenText(s.supervision_period_value, s.supervision_period_unit),
            supervisionEndDate: s.supervision_end_date,
          }
        : null,
    custodial,
    requirements: requirements.filter(r => r.sentence_id === s.id).map(r => requirementView(r, state, today)),
    termination: s.terminated_date
      ? {
          date: s.terminated_date,
          reason: s.termination_reason ?? '',
          reasonText: text(TERMINATION_REASONS, s.termination_reason) ?? '',
          by: s.terminated_by_name,
        }
      : null,
  }
}

function lenText(value: number | null, unit: string | null) {
  const l = len(value, unit)
  return l ? lengthText(l) : null
}

export interface EventView {
  eventNumber: number
  status: string
  court: { code: string; name: string } | null
  convictionDate: string | null
  notes: string | null
  offences: OffenceView[]
}

export function eventView(
  e: EventRow,
  offences: {
    event_id: number
    offence_code: string
    description: string | null
    offence_date: string | null
    offence_count: number
    is_main: boolean
  }[],
): EventView {
  return {
    eventNumber: e.event_number,
    status: e.status,
    court: e.court_code ? { code: e.court_code, name: e.court_name ?? e.court_code } : null,
    convictionDate: e.conviction_date,
    notes: e.notes,
    offences: offences.filter(o => o.event_id === e.id).map(offenceView),
  }
}
