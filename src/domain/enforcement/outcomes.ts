import type { LocalDate } from '@js-joda/core'
import { SOURCES, workingDaysAfter, ENFORCEMENT_RULES } from './rules.ts'
import type { Deadline } from './rules.ts'

/** The five outcomes a practitioner records for an appointment (issue 6, "Outcomes in two screens or fewer"). */
export const OUTCOME_CODES = [
  'attended_complied',
  'attended_failed_to_comply',
  'acceptable_absence',
  'unacceptable_absence',
  'failed_to_attend',
] as const
export type OutcomeCode = (typeof OUTCOME_CODES)[number]

/** What an outcome means for compliance. */
export interface OutcomeMeaning {
  code: OutcomeCode
  label: string
  hint: string
  /** The nDelius outcome code (acceptable absences: one per reason, see {@link ACCEPTABLE_ABSENCE_REASONS}). */
  deliusCode: string | null
  attended: boolean
  /** true complied/acceptable, false failed, null not known yet (waiting for evidence). */
  compliedOrAcceptable: boolean | null
  /** An unacceptable failure to comply: enforced when the contact is national standard. */
  isFailure: boolean
  /** A holding outcome that must be changed to acceptable or unacceptable once the evidence window closes. */
  pendingEvidence: boolean
  needsReason: boolean
}

/**
 * Every outcome with its meaning. Source: reference-systems.md §3.4 (ATTC, AFTC, UAAB, AFTA, AA…) and §3.5 rule 3.
 *
 * @example
 * OUTCOMES.unacceptable_absence.isFailure // true
 * OUTCOMES.failed_to_attend.pendingEvidence // true
 */
export const OUTCOMES: Readonly<Record<OutcomeCode, OutcomeMeaning>> = {
  attended_complied: {
    code: 'attended_complied',
    label: 'Attended – complied',
    hint: 'They came and did what was asked.',
    deliusCode: 'ATTC',
    attended: true,
    compliedOrAcceptable: true,
    isFailure: false,
    pendingEvidence: false,
    needsReason: false,
  },
  attended_failed_to_comply: {
    code: 'attended_failed_to_comply',
    label: 'Attended – failed to comply',
    hint: 'They came but did not follow instructions, or were sent home because of their behaviour.',
    deliusCode: 'AFTC',
    attended: true,
    compliedOrAcceptable: false,
    isFailure: true,
    pendingEvidence: false,
    needsReason: false,
  },
  acceptable_absence: {
    code: 'acceptable_absence',
    label: 'Acceptable absence',
    hint: 'They did not come, for a reason you accept. Choose the reason.',
    deliusCode: null,
    attended: false,
    compliedOrAcceptable: true,
    isFailure: false,
    pendingEvidence: false,
    needsReason: true,
  },
  unacceptable_absence: {
    code: 'unacceptable_absence',
    label: 'Unacceptable absence',
    hint: 'They did not come and have no reasonable excuse. This is a failure to comply.',
    deliusCode: 'UAAB',
    attended: false,
    compliedOrAcceptable: false,
    isFailure: true,
    pendingEvidence: false,
    needsReason: false,
  },
  failed_to_attend: {
    code: 'failed_to_attend',
    label: 'Failed to attend – waiting for evidence',
    hint: 'They did not come and may have a reason. They have 5 working days to show evidence.',
    deliusCode: 'AFTA',
    attended: false,
    compliedOrAcceptable: null,
    isFailure: false,
    pendingEvidence: true,
    needsReason: false,
  },
}

/** The acceptable-absence reasons (the Delius list). */
export const ACCEPTABLE_ABSENCE_REASONS = [
  'court_legal',
  'employment',
  'childcare_family',
  'holiday',
  'medical',
  'religious',
  'remanded_in_custody',
  'stood_down',
  'other',
] as const
export type AcceptableAbsenceReason = (typeof ACCEPTABLE_ABSENCE_REASONS)[number]

/**
 * Label and nDelius code of each acceptable-absence reason. "Stood down" and "Other" come from the older Delius list
 * and have no code in the reference (null). Source: rules-and-outcomes.md §3.1; reference-systems.md §3.4.
 *
 * @example
 * ACCEPTABLE_ABSENCE_REASON_DETAILS.medical // { label: 'Medical', deliusCode: 'AAME' }
 */
export const ACCEPTABLE_ABSENCE_REASON_DETAILS: Readonly<
  Record<AcceptableAbsenceReason, { label: string; deliusCode: string | null }>
> = {
  court_legal: { label: 'Court or legal', deliusCode: 'AACL' },
  employment: { label: 'Work or employment', deliusCode: 'AAEM' },
  childcare_family: { label: 'Childcare or family', deliusCode: 'AAFC' },
  holiday: { label: 'Holiday or annual leave', deliusCode: 'AAHO' },
  medical: { label: 'Medical', deliusCode: 'AAME' },
  religious: { label: 'Religious', deliusCode: 'AARE' },
  remanded_in_custody: { label: 'Remanded in custody', deliusCode: 'AARC' },
  stood_down: { label: 'Stood down', deliusCode: null },
  other: { label: 'Other', deliusCode: null },
}

/**
 * Type guard for an outcome code coming from a form or the database.
 *
 * @example
 * isOutcomeCode('unacceptable_absence') // true
 * isOutcomeCode('UAAB') // false
 */
export function isOutcomeCode(value: unknown): value is OutcomeCode {
  return typeof value === 'string' && (OUTCOME_CODES as readonly string[]).includes(value)
}

/**
 * Type guard for an acceptable-absence reason.
 *
 * @example
 * isAcceptableAbsenceReason('medical') // true
 */
export function isAcceptableAbsenceReason(value: unknown): value is AcceptableAbsenceReason {
  return typeof value === 'string' && (ACCEPTABLE_ABSENCE_REASONS as readonly string[]).includes(value)
}

/**
 * Problems with an outcome as recorded: an acceptable absence needs a reason, the other outcomes must not have one.
 * Empty when valid.
 *
 * @example
 * validateOutcome({ outcome: 'acceptable_absence' }) // ['An acceptable absence needs a reason']
 * validateOutcome({ outcome: 'acceptable_absence', reason: 'medical' }) // []
 */
export function validateOutcome(input: { outcome: string; reason?: string | null }): string[] {
  if (!isOutcomeCode(input.outcome)) return [`Unknown outcome ${JSON.stringify(input.outcome)}`]
  const reason = input.reason ?? null
  if (OUTCOMES[input.outcome].needsReason) {
    if (reason === null) return ['An acceptable absence needs a reason']
    if (!isAcceptableAbsenceReason(reason)) return [`Unknown acceptable-absence reason ${JSON.stringify(reason)}`]
    return []
  }
  return reason === null ? [] : [`A reason is only recorded for an acceptable absence`]
}

/** The parts of a contact that decide whether it counts for compliance. */
export interface CountableContact {
  outcome: OutcomeCode | null
  /** The contact type's national-standard flag. */
  nationalStandard: boolean
}

/** How a contact counts for compliance and enforcement. */
export type ComplianceEffect = 'failure' | 'acceptable_absence' | 'complied' | 'awaiting_evidence' | 'not_counted'

/**
 * How one contact counts. Only national-standard contacts count for compliance and are enforced
 * (rules-and-outcomes.md §3.1 "What counts"); a contact with no outcome yet, or a non-national-standard contact,
 * is `not_counted` whatever its outcome.
 *
 * @example
 * complianceEffect({ outcome: 'unacceptable_absence', nationalStandard: true }) // 'failure'
 * complianceEffect({ outcome: 'unacceptable_absence', nationalStandard: false }) // 'not_counted'
 * complianceEffect({ outcome: 'acceptable_absence', nationalStandard: true }) // 'acceptable_absence'
 */
export function complianceEffect(contact: CountableContact): ComplianceEffect {
  if (!contact.nationalStandard || contact.outcome === null) return 'not_counted'
  const meaning = OUTCOMES[contact.outcome]
  if (meaning.isFailure) return 'failure'
  if (meaning.pendingEvidence) return 'awaiting_evidence'
  if (contact.outcome === 'acceptable_absence') return 'acceptable_absence'
  return 'complied'
}

/**
 * True when the contact is an enforceable failure to comply: a national-standard contact recorded as
 * "attended – failed to comply" or "unacceptable absence".
 *
 * @example
 * isCountableFailure({ outcome: 'attended_failed_to_comply', nationalStandard: true }) // true
 * isCountableFailure({ outcome: 'failed_to_attend', nationalStandard: true }) // false (waiting for evidence)
 */
export function isCountableFailure(contact: CountableContact): boolean {
  return complianceEffect(contact) === 'failure'
}

/**
 * The last day the person can evidence an absence recorded as "failed to attend": 5 working days after the
 * appointment (reference-systems.md §3.5 rule 3). After it, change the outcome to acceptable or unacceptable.
 *
 * @example
 * evidenceDeadline(LocalDate.of(2024, 3, 27)).due?.toString() // '2024-04-05' (Good Friday and Easter Monday skipped)
 */
export function evidenceDeadline(appointmentDate: LocalDate): Deadline {
  return workingDaysAfter(appointmentDate, ENFORCEMENT_RULES.evidenceWorkingDays, SOURCES.evidence)
}
