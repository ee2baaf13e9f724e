import type { FieldError } from '../../errors.ts'
import { isoDateFrom, text, untrimmed, type DateParts, type FormBody } from '../../web/forms.ts'
import { CONCLUSION_FIELDS, REPORT_SECTIONS } from './reference-data.ts'
import type { NewHearingInput, NewReportInput } from './types.ts'

/**
 * The court pages' forms read into the commands the service takes (pure functions). The service checks the
 * values (the API sends the same commands) and names the fields at fault as the forms name them.
 */

/** A date input as `YYYY-MM-DD` ('' when blank, 'invalid' when its parts cannot form one, which the service refuses). */
export function dateField(body: FormBody, name: string): string {
  return isoDateFrom(body, name) || text(body, name)
}

/** A whole number as posted (a version); NaN when absent, which no record's version matches. */
const whole = (body: FormBody, key: string) => {
  const value = text(body, key)
  return value === '' ? NaN : Number(value)
}

export const hearingCommand = (b: FormBody): NewHearingInput => ({
  court: text(b, 'court'),
  hearingDate: dateField(b, 'hearingDate'),
  session: text(b, 'session'),
  hearingTime: text(b, 'hearingTime'),
  courtRoom: text(b, 'courtRoom'),
  hearingType: text(b, 'hearingType'),
  forename: text(b, 'forename'),
  surname: text(b, 'surname'),
  dateOfBirth: dateField(b, 'dateOfBirth'),
  pnc: text(b, 'pnc'),
  address: text(b, 'address'),
  charge: text(b, 'charge'),
  offenceCode: text(b, 'offenceCode'),
})

export const matchCommand = (b: FormBody) => ({ crn: text(b, 'crn'), version: whole(b, 'version') })

export const newPersonCommand = (b: FormBody) => ({
  gender: text(b, 'gender'),
  version: whole(b, 'version'),
  confirmNotDuplicate: text(b, 'confirmNotDuplicate') === 'yes',
})

export const outcomeCommand = (b: FormBody) => ({
  outcome: text(b, 'outcome'),
  outcomeDate: dateField(b, 'outcomeDate') || null,
  version: whole(b, 'version'),
})

export const reportRequestCommand = (b: FormBody): NewReportInput => ({
  reportType: text(b, 'reportType'),
  hearingId: text(b, 'hearingId'),
  requestedDate: dateField(b, 'requestedDate') || null,
  adjournedTo: dateField(b, 'adjournedTo') || null,
  authorStaffId: text(b, 'authorStaffId'),
  teamId: text(b, 'teamId'),
})

/** The report's sections as written (spacing kept) and its conclusions. The autosave script posts `autosave=1`. */
export const draftCommand = (b: FormBody) => ({
  sections: Object.fromEntries(
    [...REPORT_SECTIONS.map(s => s.key), ...CONCLUSION_FIELDS].map(key => [key, untrimmed(b, key)]),
  ),
  basedOn: whole(b, 'basedOn'),
  autosave: text(b, 'autosave') === '1',
})

/**
 * Completing: the report form as on the screen (its "Complete" button sends the whole form), so what was typed since
 * the last save is completed too. A body without any section (an older page) completes the latest saved version.
 */
export const completeCommand = (b: FormBody) => ({
  basedOn: whole(b, 'basedOn'),
  sections: postsSections(b) ? Object.fromEntries(REPORT_KEYS.map(key => [key, untrimmed(b, key)])) : undefined,
})

const REPORT_KEYS = [...REPORT_SECTIONS.map(s => s.key), ...CONCLUSION_FIELDS]

/** Whether the body carries the report form (any section or conclusion), not just the version. */
export const postsSections = (b: FormBody) => REPORT_KEYS.some(key => b[key] !== undefined)

export const cancelCommand = (b: FormBody) => ({ reason: text(b, 'reason') })

/**
 * A date input's boxes: as posted when the form is shown again, otherwise from an ISO date (a default such as
 * today's), whatever it holds.
 */
export function dateInput(body: FormBody | undefined, name: string, iso?: string | null): DateParts {
  if (body && (body[`${name}-day`] !== undefined || body[`${name}-year`] !== undefined))
    return { day: text(body, `${name}-day`), month: text(body, `${name}-month`), year: text(body, `${name}-year`) }
  const [year, month, day] = (iso ?? '').split('-')
  return { day: day ? String(Number(day)) : '', month: month ? String(Number(month)) : '', year: year ?? '' }
}

/** Errors for a date input point at its day box, where the GOV.UK error summary link lands. */
export const dateFieldErrors = (errors: FieldError[], names: string[]) =>
  errors.map(e => (names.includes(e.field) ? { ...e, field: `${e.field}-day` } : e))

/** The listing's own details are checked by the people service: say where to correct them. */
export const listingErrors = (errors: FieldError[]) =>
  errors.map(e =>
    e.field === 'gender'
      ? e
      : {
          field: 'gender',
          message: `The listed ${e.field === 'dateOfBirth' ? 'date of birth' : e.field === 'pnc' ? 'PNC' : e.field}: ${e.message}`,
        },
  )
