import {
  ACCEPTABLE_ABSENCE_REASON_DETAILS,
  ACCEPTABLE_ABSENCE_REASONS,
  isOutcomeCode,
  OUTCOME_CODES,
  OUTCOMES,
} from '../../domain/enforcement/outcomes.ts'

/**
 * Supervision's reference data: contact types (with the National Standard flag that decides whether a contact
 * counts for compliance and is enforced), appointment outcomes and the acceptable-absence reasons.
 *
 * Sources: shared/domain/rules-and-outcomes.md §3.1 ("only National Standard (NS) contact types count towards
 * compliance and are enforced"; the Delius acceptable-absence reason list) and shared/domain/reference-systems.md
 * (nDelius CONTACT and ContactType). Codes are Probity's own; the labels are practitioners' words.
 */

export type ContactCategory =
  | 'appointment'
  | 'communication'
  | 'home-visit'
  | 'partner-agency'
  | 'management'
  | 'public-protection'
  | 'enforcement'
  | 'case-note'

export const CONTACT_CATEGORIES: readonly { code: ContactCategory; text: string }[] = [
  { code: 'appointment', text: 'Appointments' },
  { code: 'communication', text: 'Phone, email and letters' },
  { code: 'home-visit', text: 'Home visits' },
  { code: 'partner-agency', text: 'Partner agencies' },
  { code: 'management', text: 'Management oversight' },
  { code: 'public-protection', text: 'MAPPA and safeguarding' },
  { code: 'enforcement', text: 'Enforcement' },
  { code: 'case-note', text: 'Case notes' },
]

export interface ContactType {
  code: string
  text: string
  category: ContactCategory
  /** Counts towards compliance and is enforced when missed (the "(NS)" suffix in Delius). */
  nationalStandard: boolean
  /** Arranged in advance for a date and time, and given an outcome. */
  appointment: boolean
  /** A rehabilitation activity requirement (RAR) session: counts towards RAR days delivered. */
  rar?: boolean
  /** Written by Probity itself (letters sent, enforcement steps), never chosen on a form. */
  system?: boolean
}

export const CONTACT_TYPES: readonly ContactType[] = [
  // Appointments
  { code: 'IND', text: 'Induction', category: 'appointment', nationalStandard: true, appointment: true },
  { code: 'OFFICE', text: 'Planned office visit', category: 'appointment', nationalStandard: true, appointment: true },
  {
    code: 'HOME_PLANNED',
    text: 'Planned home visit',
    category: 'home-visit',
    nationalStandard: true,
    appointment: true,
  },
  { code: 'VIDEO', text: 'Planned video call', category: 'appointment', nationalStandard: true, appointment: true },
  {
    code: 'PHONE_PLANNED',
    text: 'Planned telephone contact',
    category: 'appointment',
    nationalStandard: true,
    appointment: true,
  },
  {
    code: 'RAR',
    text: 'Rehabilitation activity (RAR) session',
    category: 'appointment',
    nationalStandard: true,
    appointment: true,
    rar: true,
  },
  { code: 'UPW', text: 'Unpaid work session', category: 'appointment', nationalStandard: true, appointment: true },
  {
    code: 'PROGRAMME',
    text: 'Accredited programme session',
    category: 'appointment',
    nationalStandard: true,
    appointment: true,
  },
  {
    code: 'TREATMENT',
    text: 'Drug or alcohol treatment appointment',
    category: 'appointment',
    nationalStandard: true,
    appointment: true,
  },
  {
    code: 'THREE_WAY',
    text: 'Three-way meeting (not national standard)',
    category: 'appointment',
    nationalStandard: false,
    appointment: true,
  },
  // Other contacts
  { code: 'PHONE', text: 'Phone call', category: 'communication', nationalStandard: false, appointment: false },
  {
    code: 'EMAIL',
    text: 'Email or text message',
    category: 'communication',
    nationalStandard: false,
    appointment: false,
  },
  { code: 'LETTER', text: 'Letter', category: 'communication', nationalStandard: false, appointment: false },
  {
    code: 'HOME_UNPLANNED',
    text: 'Unannounced home visit',
    category: 'home-visit',
    nationalStandard: false,
    appointment: false,
  },
  {
    code: 'PARTNER',
    text: 'Partner agency contact',
    category: 'partner-agency',
    nationalStandard: false,
    appointment: false,
  },
  {
    code: 'MGMT_OVERSIGHT',
    text: 'Management oversight',
    category: 'management',
    nationalStandard: false,
    appointment: false,
  },
  {
    code: 'MAPPA',
    text: 'MAPPA meeting or contact',
    category: 'public-protection',
    nationalStandard: false,
    appointment: false,
  },
  {
    code: 'SAFEGUARDING',
    text: 'Safeguarding concern or referral',
    category: 'public-protection',
    nationalStandard: false,
    appointment: false,
  },
  { code: 'CASE_NOTE', text: 'Case note', category: 'case-note', nationalStandard: false, appointment: false },
  // Written by Probity
  {
    code: 'LETTER_APPOINTMENT',
    text: 'Appointment letter produced',
    category: 'communication',
    nationalStandard: false,
    appointment: false,
    system: true,
  },
  {
    code: 'ENF_WARNING_LETTER',
    text: 'Warning letter produced',
    category: 'enforcement',
    nationalStandard: false,
    appointment: false,
    system: true,
  },
  {
    code: 'ENF_BREACH',
    text: 'Breach initiated',
    category: 'enforcement',
    nationalStandard: false,
    appointment: false,
    system: true,
  },
  {
    code: 'ENF_RECALL',
    text: 'Recall consideration initiated',
    category: 'enforcement',
    nationalStandard: false,
    appointment: false,
    system: true,
  },
  {
    code: 'ENF_ACTION',
    text: 'Enforcement action',
    category: 'enforcement',
    nationalStandard: false,
    appointment: false,
    system: true,
  },
  // Recorded by approved premises staff (issue 16 item 4): a curfew breach is enforced like a missed appointment.
  {
    code: 'AP_CURFEW_BREACH',
    text: 'Approved premises curfew breach',
    category: 'enforcement',
    nationalStandard: true,
    appointment: false,
    system: true,
  },
  {
    code: 'AP_NON_ARRIVAL',
    text: 'Did not arrive at approved premises',
    category: 'enforcement',
    nationalStandard: false,
    appointment: false,
    system: true,
  },
  // Booked by a partner organisation's session record (issue 18; nDelius CRSAPT for a RAR appointment, CRSSAA for
  // another). A partner's session of a service that delivers a rehabilitation activity counts as a RAR day.
  {
    code: 'CRSAPT',
    text: 'Commissioned rehabilitative service session (RAR)',
    category: 'appointment',
    nationalStandard: true,
    appointment: true,
    rar: true,
    system: true,
  },
  {
    code: 'CRSSAA',
    text: 'Partner service session',
    category: 'appointment',
    nationalStandard: false,
    appointment: true,
    system: true,
  },
]

export const APPOINTMENT_TYPES = CONTACT_TYPES.filter(t => t.appointment)
export const OTHER_CONTACT_TYPES = CONTACT_TYPES.filter(t => !t.appointment && !t.system)

export function contactType(code: string): ContactType | undefined {
  return CONTACT_TYPES.find(t => t.code === code)
}

/** The `type` the allocation feature's induction link sends (`?type=induction`) → the contact type code. */
export const TYPE_ALIASES: Record<string, string> = {
  induction: 'IND',
  office: 'OFFICE',
  home: 'HOME_PLANNED',
  rar: 'RAR',
  upw: 'UPW',
}

/**
 * The outcomes a practitioner chooses from, in the order of the form. Their meaning (attended, complied, failure,
 * pending evidence, needs a reason) is the enforcement domain's (src/domain/enforcement/outcomes.ts).
 */
export const OUTCOME_CHOICES = OUTCOME_CODES.map(code => OUTCOMES[code])

/** Outcomes Probity writes itself when an appointment is moved (the original keeps its date and this outcome). */
export const RESCHEDULED = { person: 'rescheduled_person', service: 'rescheduled_service' } as const

export function outcomeText(code: string | null | undefined): string {
  if (!code) return ''
  if (code === RESCHEDULED.person) return "Rescheduled – person's request"
  if (code === RESCHEDULED.service) return 'Rescheduled – service request'
  return isOutcomeCode(code) ? OUTCOMES[code].label : code
}

/** The acceptable-absence reasons (rules-and-outcomes.md §3.1), as form options. */
export const ABSENCE_REASONS = ACCEPTABLE_ABSENCE_REASONS.map(code => ({
  code,
  text: ACCEPTABLE_ABSENCE_REASON_DETAILS[code].label,
}))

export function absenceReasonText(code: string | null | undefined): string {
  return ABSENCE_REASONS.find(r => r.code === code)?.text ?? code ?? ''
}

export const DURATIONS: readonly { minutes: number; text: string }[] = [
  { minutes: 15, text: '15 minutes' },
  { minutes: 30, text: '30 minutes' },
  { minutes: 45, text: '45 minutes' },
  { minutes: 60, text: '1 hour' },
  { minutes: 90, text: '1 hour 30 minutes' },
  { minutes: 120, text: '2 hours' },
  { minutes: 180, text: '3 hours' },
  { minutes: 420, text: '7 hours (unpaid work day)' },
]

/** Enforcement actions that are letters to the person: marking one done records the day it was sent. */
export const LETTER_ACTIONS: readonly string[] = ['warning_letter', 'breach_letter', 'no_recall_letter']
