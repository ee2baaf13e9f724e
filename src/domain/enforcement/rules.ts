import type { LocalDate } from '@js-joda/core'
import { addWorkingDays, workingDayOnOrAfter } from '../calendar/index.ts'

/**
 * Where each rule comes from. `RULES` and `SPEC` paths are relative to `shared/domain/` (the research notes); the
 * short keys in brackets are that document's source keys. "Probity default" marks a number the spec does not give.
 */
export const SOURCES = {
  warning: 'rules-and-outcomes.md §3.1 "Statutory warning" [CJA03-S8 para 5, now Sentencing Code Sch 10]',
  breachTrigger: 'rules-and-outcomes.md §3.1 "Breach trigger" [CJA03-S8 paras 5–6; MAS-DH breach-design-sprint]',
  writtenWarning: 'rules-and-outcomes.md §3.1 "Written warning" [MAS-DH breach-design-sprint]',
  followUp: 'rules-and-outcomes.md §1.5 / §3.3 "Non-attendance follow-up ≤5 business days" [DJ-CRC SCH9 AK]',
  whatCounts: 'rules-and-outcomes.md §3.1 "What counts" [MAS-DH national-standards-and-compliance]',
  acceptableReasons: 'rules-and-outcomes.md §3.1 "Acceptable-absence reasons" [MAS-DH enforcement-actions]',
  outcomeCodes: 'reference-systems.md §3.4 "Contact outcome codes"',
  enforcementCodes: 'reference-systems.md §3.4 "Enforcement actions"',
  nsiStatuses: 'reference-systems.md §3.4 "Breach / recall NSI statuses"',
  evidence: 'reference-systems.md §3.5 rule 3 "Waiting for evidence" (5 working days)',
  countsReset: 'reference-systems.md §3.5 rule 2 "counts reset after a breach resolves"',
  rarDays: 'reference-systems.md §3.4 "Requirement main categories" (RAR days = RAR-activity contacts)',
  licenceWarnings: 'rules-and-outcomes.md §3.2 "Licence warnings" [MAS-DH enforcement-actions]',
  recallGrounds: 'rules-and-outcomes.md §3.2 "Recall grounds" (decision by PPCS)',
  recallSteps: 'reference-systems.md §2.6 MRD recommendation statuses',
  pssBreach: 'rules-and-outcomes.md §3.2 "PSS breach" [ORA-EN s3, CJA 2003 s256AC]',
  ssoOutcomes: 'rules-and-outcomes.md §3.1 "Court outcomes (SSO)"',
  probityDefault: 'Probity default: the spec gives no timescale for this step',
} as const

/**
 * The numbers the enforcement rules use, each with its source.
 *
 * @example
 * ENFORCEMENT_RULES.breachPackWorkingDays // 10
 */
export const ENFORCEMENT_RULES = {
  /** A further failure within 12 months beginning with the warning date leads to breach. */
  warningWindowMonths: 12,
  /** Warning (or breach) letter sent within 5 working days of the failure being recorded (follow-up SLA). */
  letterWorkingDays: 5,
  /** The person has 7 (calendar) days from the letter to give a reasonable excuse or evidence. */
  explanationDays: 7,
  /** Breach information pack ready for court within 10 working days. */
  breachPackWorkingDays: 10,
  /** "Failed to attend" is a holding outcome: 5 working days to evidence the absence. */
  evidenceWorkingDays: 5,
  /** Licence cases: first, second and final warning letters before recall is considered. */
  licenceWarningsBeforeRecall: 3,
  /** Recall: SPO consultation and rationale by the next working day (Probity default). */
  recallStepWorkingDays: 1,
  /** Decision-not-to-recall letter within 5 working days (Probity default, as a warning letter). */
  noRecallLetterWorkingDays: 5,
  /** PSS breach: the court may commit to custody for at most 14 days. */
  pssMaxCustodyDays: 14,
} as const

/** One dated thing to do, with why and where the rule comes from. */
export interface Deadline {
  /** The last day to do it, or null when the date is set by someone else (a court, PPCS). */
  due: LocalDate | null
  /** How `due` was computed, e.g. "5 working days after 2024-12-20". */
  basis: string
  source: string
}

/**
 * `n` working days after `from` on the England & Wales calendar.
 *
 * @example
 * workingDaysAfter(LocalDate.of(2024, 12, 20), 5) // { due: 2025-01-02, basis: '5 working days after 2024-12-20', … }
 */
export function workingDaysAfter(from: LocalDate, n: number, source: string): Deadline {
  return { due: addWorkingDays(from, n), basis: `${n} working day${n === 1 ? '' : 's'} after ${from}`, source }
}

/**
 * The date the person must explain by: 7 calendar days after the letter, moved to the next working day when that
 * day is a weekend or bank holiday (the person cannot reach the office then; the spec says "7 days" without saying).
 *
 * @example
 * explanationDue(LocalDate.of(2024, 12, 18)).due?.toString() // '2024-12-27' (25 and 26 December are bank holidays)
 */
export function explanationDue(letterDate: LocalDate): Deadline {
  const raw = letterDate.plusDays(ENFORCEMENT_RULES.explanationDays)
  const due = workingDayOnOrAfter(raw)
  const moved = due.equals(raw) ? '' : `, moved from ${raw} to the next working day`
  return { due, basis: `7 days after the letter dated ${letterDate}${moved}`, source: SOURCES.writtenWarning }
}

/**
 * The 7 days to explain once the letter has actually gone out: they run from the day it was sent (§3.1 "Written
 * warning": the person has 7 days from the letter), moved to a working day as in {@link explanationDue}. The sent
 * date can be neither before the letter was produced nor after today; recording it again (a correction) moves the
 * deadline again.
 *
 * @example
 * explanationAfterSending({ sentOn: LocalDate.of(2026, 12, 3), producedOn: LocalDate.of(2026, 12, 1), today: LocalDate.of(2026, 12, 5) })
 * // { ok: true, deadline: { due: 2026-12-10, basis: '7 days after the letter sent on 2026-12-03', … } }
 */
export function explanationAfterSending(d: {
  sentOn: LocalDate
  producedOn: LocalDate
  today: LocalDate
}): { ok: true; deadline: Deadline } | { ok: false; message: string } {
  if (d.sentOn.isAfter(d.today)) return { ok: false, message: 'The date sent must be today or in the past' }
  if (d.sentOn.isBefore(d.producedOn))
    return { ok: false, message: 'The date sent cannot be before the letter was written' }
  const deadline = explanationDue(d.sentOn)
  return {
    ok: true,
    deadline: { ...deadline, basis: deadline.basis.replace('the letter dated', 'the letter sent on') },
  }
}

/**
 * The 12-month window a warning opens: it begins with the warning date (that day included) and ends on the day
 * before the first anniversary. A failure on the anniversary itself is outside the window. A warning on 29 February
 * has its anniversary on 1 March, so its window ends on 28 February.
 *
 * @example
 * warningWindow(LocalDate.of(2024, 3, 1)) // { from: 2024-03-01, to: 2025-02-28 }
 * warningWindow(LocalDate.of(2023, 3, 1)) // { from: 2023-03-01, to: 2024-02-29 }
 */
export function warningWindow(warningDate: LocalDate): { from: LocalDate; to: LocalDate } {
  const sameDay = warningDate.plusMonths(ENFORCEMENT_RULES.warningWindowMonths)
  // plusMonths clamps 29 February to 28 February: then the anniversary is the day after, and 28 February is in.
  const clamped = sameDay.dayOfMonth() !== warningDate.dayOfMonth()
  return { from: warningDate, to: clamped ? sameDay : sameDay.minusDays(1) }
}

/**
 * Whether `date` falls within the 12 months beginning with `warningDate` (see {@link warningWindow}).
 *
 * @example
 * isWithinWarningWindow(LocalDate.of(2024, 3, 1), LocalDate.of(2025, 2, 28)) // true
 * isWithinWarningWindow(LocalDate.of(2024, 3, 1), LocalDate.of(2025, 3, 1)) // false
 */
export function isWithinWarningWindow(warningDate: LocalDate, date: LocalDate): boolean {
  const { from, to } = warningWindow(warningDate)
  return !date.isBefore(from) && !date.isAfter(to)
}
