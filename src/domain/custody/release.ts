import type { LocalDate } from '@js-joda/core'
import { addWorkingDays } from '../calendar/index.ts'

/**
 * Recording an actual release from custody (issue 14 item 6; `../shared/domain/rules-and-outcomes.md` §3.2, §3.3).
 * Pure: the facts of the custody and the key dates in, the refusals (field by field) or the lifecycle trigger out.
 */

/** How a person left custody. */
export type ReleaseType = 'automatic' | 'hdc' | 'parole' | 'immediate' | 're_release'

export const RELEASE_TYPES: readonly { code: ReleaseType; text: string }[] = [
  { code: 'automatic', text: 'Automatic or conditional release' },
  { code: 'hdc', text: 'Home detention curfew' },
  { code: 'parole', text: 'Parole' },
  { code: 'immediate', text: 'Immediate release' },
  { code: 're_release', text: 'Re-release after recall' },
]

export function isReleaseType(value: string): value is ReleaseType {
  return RELEASE_TYPES.some(t => t.code === value)
}

export const releaseTypeText = (code: string): string => RELEASE_TYPES.find(t => t.code === code)?.text ?? code

/** What a release is judged against. */
export interface ReleaseFacts {
  releasedOn: LocalDate
  type: ReleaseType
  /** The case status now (people.case_status). */
  caseStatus: string
  sentenceDate: LocalDate
  receptionDate: LocalDate
  /** The licence expiry: SLED, else LED, from the stored key dates; null when none was calculated. */
  licenceExpiry: LocalDate | null
  today: LocalDate
}

export interface ReleaseRefusal {
  field: 'releaseDate' | 'releaseType'
  message: string
}

const long = (d: LocalDate) => d.toString()

/**
 * Why this release cannot be recorded, each refusal naming its field (empty: it may be). A release is refused before
 * the sentence or the reception into prison, after the licence has expired (SLED/LED: there is nothing left to release
 * onto), after today (a release is recorded once it has happened), and when the case is not in custody (a
 * re-release needs the case to be recalled; any other release needs it in custody: the lifecycle's rule,
 * src/domain/case-lifecycle, asked here first so the form can name the field).
 *
 * @example
 * releaseRefusals({ ...facts, releasedOn: LocalDate.parse('2026-01-01'), receptionDate: LocalDate.parse('2026-02-01') })
 * // [{ field: 'releaseDate', message: 'The release date must be on or after the reception date (2026-02-01)' }]
 */
export function releaseRefusals(f: ReleaseFacts): ReleaseRefusal[] {
  const refusals: ReleaseRefusal[] = []
  const date = (message: string) => refusals.push({ field: 'releaseDate', message })
  if (f.releasedOn.isBefore(f.sentenceDate))
    date(`The release date must be on or after the sentence date (${long(f.sentenceDate)})`)
  else if (f.releasedOn.isBefore(f.receptionDate))
    date(`The release date must be on or after the reception date (${long(f.receptionDate)})`)
  else if (f.releasedOn.isAfter(f.today)) date('The release date must be today or in the past')
  else if (f.licenceExpiry && f.releasedOn.isAfter(f.licenceExpiry))
    date(`The release date must be on or before the licence expiry date (${long(f.licenceExpiry)})`)
  if (f.type === 're_release' && f.caseStatus !== 'recalled')
    refusals.push({ field: 'releaseType', message: 'Only a recalled case can be re-released after recall' })
  else if (f.type !== 're_release' && f.caseStatus === 'recalled')
    refusals.push({ field: 'releaseType', message: 'The case is recalled: choose re-release after recall' })
  else if (f.type !== 're_release' && f.caseStatus !== 'in_custody')
    refusals.push({ field: 'releaseType', message: 'Only a case in custody can be released' })
  return refusals
}

/** The lifecycle trigger a release applies (src/domain/case-lifecycle): re-release from recall, else release. */
export function releaseTrigger(type: ReleaseType): 'released' | 're_released' {
  return type === 're_release' ? 're_released' : 'released'
}

/**
 * Working days after release by which the first appointment on licence must take place:
 * `../shared/domain/rules-and-outcomes.md` §3.3, row "First appointment (licence)": "≤1 business day after release"
 * (DJ-CRC SL002R). Overridable by passing another number to `firstAppointmentDue`.
 */
export const FIRST_APPOINTMENT_LICENCE_WORKING_DAYS = 1

/**
 * The first appointment's due date after a release: one working day after the release date (weekends and England and
 * Wales bank holidays skipped, src/domain/calendar). rules-and-outcomes.md §3.3 'First appointment (licence)'.
 *
 * @example
 * firstAppointmentDue(LocalDate.parse('2026-12-24')).toString() // '2026-12-29' (Christmas and Boxing Day skipped)
 */
export function firstAppointmentDue(
  releasedOn: LocalDate,
  workingDays: number = FIRST_APPOINTMENT_LICENCE_WORKING_DAYS,
): LocalDate {
  return addWorkingDays(releasedOn, workingDays)
}
