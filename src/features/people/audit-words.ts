import { ROLES, isRole } from '../../access/roles.ts'
import { londonDate } from '../../clock.ts'
import { formatDate } from '../../web/filters.ts'
import type { AuditTrailEntry } from './service.ts'

/**
 * "Who has looked at this record" in plain words (issue 13): what each audit action and page means to an auditor,
 * who did it (name, role, organisation), and repeated looks as one row ("Viewed the overview 5 times, 09:12–16:40").
 * Never a code, JSON or a request id. An action or page not named here still reads as words (`readable`).
 */

/** What looking at each page of a record is called: "Viewed the overview", "Opened the record a contact form". */
export const PAGE_WORDS: Record<string, string> = {
  // people
  overview: 'Viewed the overview',
  match: 'Viewed the beds matching an approved premises application',
  addresses: 'Viewed the addresses',
  edit: 'Opened a form to change the record',
  'contact-details': 'Opened the contact details form',
  'add-address': 'Opened the new address form',
  'add-alias': 'Opened the new alias form',
  'add-circumstance': 'Opened the personal circumstance form',
  'add-disability': 'Opened the disability form',
  equality: 'Opened the equality form',
  api: 'Read the record through the API',
  remembered: 'Viewed the record',
  // sharing
  access: 'Viewed who may see the record',
  'access-request': 'Opened the ask for access form',
  // court
  court: 'Viewed the court page',
  'court-reports': 'Viewed the court reports',
  'court-list': 'Shown in a court list',
  hearing: 'Viewed a court hearing',
  'court-match': 'Shown when matching a court hearing',
  'court-report-request': 'Opened the request a report form',
  // supervision
  appointments: 'Viewed the appointments',
  'arrange-appointment': 'Opened the arrange appointments form',
  reschedule: 'Opened the reschedule form',
  activity: 'Viewed the activity log',
  'record-contact': 'Opened the record a contact form',
  contact: 'Viewed an appointment',
  enforcement: 'Viewed enforcement',
  // licences
  licence: 'Viewed the licence',
  'licence-conditions': 'Opened the licence conditions form',
  'licence-pdf': 'Downloaded a licence',
  'api-licences': 'Read the licences through the API',
  // resettlement (Through the Gate)
  resettlement: 'Viewed the resettlement page',
  'team-enforcement': 'Shown in a team’s enforcement list',
  // custody and release
  custody: 'Viewed the custody page',
  'custody-record-form': 'Opened the create a custody record form',
  'custody-move-form': 'Opened the record a move between prisons form',
  'custody-parole-form': 'Opened the record a parole hearing or decision form',
  'custody-managers-form': 'Opened the offender managers and handover form',
  'release-form': 'Opened the record a release form',
  'api-custody': 'Read the custody record through the API',
  'api-unpaid-work': 'Read the unpaid work orders through the API',
  'api-resettlement': 'Read the Through the Gate work (screening, needs, plan) through the API',
  // MAPPA
  mappa: 'Viewed the MAPPA page',
  'api-mappa': 'Read the MAPPA category, level, meetings and actions through the API',
  'approved premises application': 'Viewed the record as pre-filled for an approved premises application',
  // unpaid work
  'unpaid work': 'Viewed the unpaid work page (hours, clocks and sessions)',
  'unpaid work commitments': 'Opened the unpaid work commitments form',
  // partner services (referrals from the case)
  referrals: 'Viewed the referrals to partner services',
  referral: 'Viewed a referral to a partner service (what was shared and what the partner recorded)',
  'new referral': 'Opened the make a referral form (with a preview of what would be shared)',
  'api-referrals': 'Read the referrals to partner services through the API',
  'api-referral': 'Read a referral to a partner service through the API',
  // sentencing
  sentences: 'Viewed the sentences',
  summary: 'Viewed the summary',
  event: 'Opened the add an event form',
  sentence: 'Opened the record a sentence form',
  terminate: 'Opened the terminate a sentence form',
  'terminate-requirement': 'Opened the terminate a requirement form',
  amend: 'Opened the amend a sentence form',
  'api-events': 'Read the events through the API',
  // recall
  recall: 'Viewed the recall page',
  'api-recalls': 'Read the recalls through the API',
  // risk
  risk: 'Viewed the risk page',
  rosh: 'Opened the RoSH form',
  registration: 'Opened the add a registration form',
  deregister: 'Opened the deregister form',
  items: 'Opened the risk assessment form',
  // administration
  manager: 'Viewed the manager page in administration',
}

/** What each action means; actions whose words depend on the page or the list are in `describe`. */
export const ACTION_WORDS: Record<string, string> = {
  PERSON_VIEW: 'Viewed the record',
  PERSON_AUDIT_VIEW: 'Looked at who has looked at this record',
  PERSON_AUDIT_EXPORT: 'Downloaded who has looked at this record',
  PERSON_CREATE: 'Created the record',
  PERSON_CONTACT_DETAILS_UPDATE: 'Changed the contact details',
  PERSON_ADDRESS_ADD: 'Changed the address',
  PERSON_ALIAS_ADD: 'Added another name (alias)',
  PERSON_CIRCUMSTANCE_ADD: 'Added a personal circumstance',
  PERSON_DISABILITY_ADD: 'Added a disability',
  PERSON_EQUALITY_UPDATE: 'Changed the equality information',
  PERSON_MANAGER_CHANGED: 'Changed who manages the case',
  PERSON_ALLOCATED: 'Allocated the case',
  PERSON_REALLOCATED: 'Reallocated the case',
  PERSON_TRANSFERRED: 'Transferred the case to another provider',
  PERSON_RELEASE: 'Recorded a release from custody',
  CUSTODY_RECORD_CREATE: 'Created the custody record',
  CUSTODY_MOVE: 'Recorded a move between prisons',
  PAROLE_HEARING: 'Recorded a parole hearing',
  PAROLE_DECISION: 'Recorded a parole decision',
  CUSTODY_MANAGERS_SET: 'Changed the offender managers or handover date',
  PSS_STARTED: 'Started post-sentence supervision',
  PERSON_ACCESS_LIMITATION_ADDED: 'Limited who may see the record',
  PERSON_ACCESS_LIMITATION_REMOVED: 'Removed a limit on who may see the record',
  PERSON_ACCESS_MESSAGES_CHANGED: 'Changed the limited access messages',
  ACCESS_DENIED: 'Refused access',
  ACCESS_REQUESTED: 'Asked for access',
  ACCESS_GRANTED: 'Granted access',
  ACCESS_REQUEST_REFUSED: 'Refused a request for access',
  ACCESS_WITHDRAWN: 'Withdrew access',
  ACCESS_EXPIRED: 'Access came to its end date',
  URGENT_ACCESS: 'Opened the record with urgent access',
  URGENT_ACCESS_ACKNOWLEDGED: 'Reviewed an urgent access',
  URGENT_ACCESS_LIST_VIEW: 'Shown in the list of urgent accesses',
  ADMIN_PERSON_VIEW: 'Viewed the record in administration',
  ALLOCATION_VIEW: 'Viewed the allocation page',
  ALLOCATION_HISTORY_VIEW: 'Viewed the allocation history',
  ALLOCATION_RISK_RESOLVED: 'Resolved conflicting RoSH information',
  APPOINTMENT_ARRANGE: 'Arranged appointments',
  APPOINTMENT_RESCHEDULE: 'Rescheduled an appointment',
  OUTCOME_RECORD: 'Recorded an appointment outcome',
  OUTCOME_CHANGE: 'Changed an appointment outcome',
  CONTACT_RECORD: 'Recorded a contact',
  ENFORCEMENT_ACTION_DONE: 'Marked an enforcement action as done',
  BREACH_STATUS: 'Updated a breach or recall',
  ENFORCEMENT_LETTER_SENT: 'Recorded that an enforcement letter was sent',
  LICENCE_VIEW: 'Viewed the licence',
  LICENCE_DOWNLOAD: 'Downloaded a licence',
  LICENCE_DRAFT_SAVE: 'Saved a draft licence or variation',
  LICENCE_SUBMIT: 'Submitted a licence for approval',
  LICENCE_APPROVE: 'Approved a licence or variation',
  LICENCE_RETURN: 'Returned a licence to its author',
  RESETTLEMENT_VIEW: 'Viewed the resettlement page',
  RESETTLEMENT_SCREENING_RECORD: 'Recorded basic custody screening',
  RESETTLEMENT_NEEDS_RECORD: 'Recorded resettlement needs',
  RESETTLEMENT_ACTION_ADD: 'Added an action to the resettlement plan',
  RESETTLEMENT_ACTION_DONE: 'Marked a resettlement plan action as done',
  RELEASE_DAY_PLAN_RECORD: 'Recorded the release-day plan',
  RESETTLEMENT_LIST_VIEW: 'Shown in a resettlement work list',
  MAPPA_VIEW: 'Viewed the MAPPA page',
  MAPPA_LEVEL_SET: 'Set or reviewed the MAPPA level',
  MAPPA_FACT_RECORD: 'Recorded a public protection fact (MAPPA)',
  MAPPA_FACT_END: 'Ended a public protection fact (MAPPA)',
  MAPPA_MEETING_RECORD: 'Recorded a MAPP meeting',
  MAPPA_ACTION_ADD: 'Added a MAPPA risk management action',
  MAPPA_ACTION_DONE: 'Marked a MAPPA risk management action as done',
  MAPPA_LIST_VIEW: 'Shown in a MAPPA nominal list',
  // Victim Contact Scheme (victims core): rows about a victim, never about the offender's record (person id null).
  VICTIM_REFERRAL_RECORD: 'Recorded a victim referral from the witness care unit',
  VICTIM_VIEW: 'Viewed a victim’s record',
  VICTIM_DETAILS_CHANGE: 'Changed a victim’s contact details or wishes',
  VICTIM_DECISION_RECORD: 'Recorded a victim opting in to or out of the scheme',
  VICTIM_OFFICER_ASSIGN: 'Assigned a victim liaison officer',
  VICTIM_CONTACT_RECORD: 'Recorded a contact with a victim',
  VICTIM_LIST_VIEW: 'Viewed the victim liaison work list',
  VICTIM_ACCESS_REFUSED: 'Refused access to a victim’s record',
  // Victim Contact Scheme (tasks, letters, condition requests, shared notes): also never about the offender's record.
  VICTIM_TASKS_MAKE: 'Made victim liaison tasks from events in offenders’ records',
  VICTIM_TASK_VIEW: 'Viewed a victim liaison task',
  VICTIM_TASK_COMPLETE: 'Completed a victim liaison task',
  VICTIM_LETTERS_VIEW: 'Viewed a victim’s letters',
  VICTIM_LETTER_CREATE: 'Created a letter to a victim',
  VICTIM_LETTER_DOWNLOAD: 'Downloaded a letter to a victim',
  VICTIM_CONDITIONS_VIEW: 'Viewed the licence conditions a victim asked for',
  VICTIM_CONDITION_REQUEST: 'Requested a victim-related licence condition',
  VICTIM_CONDITION_WITHDRAW: 'Withdrew a victim-related licence condition request',
  VICTIM_SHARED_NOTES_VIEW: 'Viewed the notes shared with an offender’s manager',
  VICTIM_NOTE_SHARE: 'Shared a note with an offender’s manager',
  // Approved premises (issue 16): a booking is a change to the person's record.
  AP_PREMISES_VIEW: 'Viewed an approved premises and who is booked there',
  AP_BED_OUT_OF_SERVICE: 'Took an approved premises bed out of service',
  AP_BED_BACK_IN_SERVICE: 'Brought an approved premises bed back into service',
  AP_BOOKING_VIEW: 'Viewed an approved premises booking',
  AP_BOOKING_MADE: 'Booked a bed in an approved premises',
  AP_BOOKING_CHANGED: 'Changed the dates or bed of an approved premises booking',
  AP_BOOKING_CANCELLED: 'Cancelled an approved premises booking',
  AP_APPLICATION_FORM_VIEW: 'Viewed the record as pre-filled for an approved premises application',
  AP_APPLICATION_SUBMITTED: 'Applied for an approved premises placement',
  AP_APPLICATIONS_LIST_VIEW: 'Saw them on the approved premises applications list',
  AP_APPLICATION_VIEWED: 'Viewed an approved premises application (approved premises team)',
  AP_APPLICATION_ACCEPTED: 'Accepted an approved premises application',
  AP_APPLICATION_INFORMATION_REQUESTED: 'Asked for more information on an approved premises application',
  AP_APPLICATION_INFORMATION_GIVEN: 'Answered a request for information on an approved premises application',
  AP_APPLICATION_REJECTED: 'Rejected an approved premises application',
  AP_APPLICATION_UNPLACED:
    'Returned an approved premises application to awaiting placement (its booking was cancelled)',
  AP_APPLICATION_WITHDRAWN: 'Withdrew an approved premises application',
  AP_APPLICATION_PLACED: 'Placed an approved premises application in a bed',
  AP_STAY_VIEW: 'Viewed a stay in approved premises',
  AP_RESIDENTS_VIEW: 'Viewed who lives in an approved premises now',
  AP_ARRIVAL_RECORDED: 'Recorded an arrival at approved premises',
  AP_NON_ARRIVAL_RECORDED: 'Recorded that someone did not arrive at approved premises',
  AP_DEPARTURE_RECORDED: 'Recorded a departure from approved premises',
  AP_KEYWORKER_ASSIGNED: 'Chose a keyworker in approved premises',
  AP_CHECK_RECORDED: 'Recorded a sign-in or curfew check in approved premises',
  AP_INCIDENT_RECORDED: 'Recorded an incident in approved premises',
  AP_ACTIVITY_RECORDED: 'Recorded an activity in approved premises',
  AP_MOVE_ON_PLAN_RECORDED: 'Wrote the move-on plan for a stay in approved premises',
  UPW_VIEW: 'Viewed the unpaid work pages',
  UPW_COMMITMENT_ADD: 'Added an unpaid work commitment (a time they cannot be placed)',
  UPW_COMMITMENT_END: 'Ended an unpaid work commitment',
  REFERRAL_VIEW: 'Viewed the referrals to partner services',
  REFERRAL_SENT: 'Referred the person to a partner organisation’s service (sharing the summary shown on the referral)',
  REFERRAL_PLAN_APPROVED: 'Approved a partner’s action plan',
  REFERRAL_INCIDENT_ACKNOWLEDGED: 'Acknowledged an incident a partner reported',
  REFERRAL_WITHDRAWN: 'Withdrew a referral to a partner service',
  UPW_ORDERS_AT_RISK_VIEW: 'Shown in the unpaid work orders at risk',
  UPW_PROJECT_CREATE: 'Created an unpaid work project',
  UPW_PROJECT_CHANGE: 'Changed an unpaid work project',
  UPW_PROJECT_COMPLETE: 'Marked an unpaid work project complete',
  UPW_SESSION_CREATE: 'Created an unpaid work session',
  UPW_SESSION_VIEW: 'Saw them on an unpaid work session register',
  UPW_ALLOCATE: 'Allocated them to an unpaid work session',
  UPW_ALLOCATION_REMOVE: 'Removed them from an unpaid work session',
  UPW_SESSION_STAND_DOWN: 'Stood down an unpaid work session they were allocated to',
  UPW_RECORD_VIEW: 'Opened the unpaid work attendance form',
  UPW_RECORD: 'Recorded their unpaid work attendance',
  UPW_RECORD_CORRECT: 'Corrected their unpaid work attendance',
  CP_NOMINATION_STATUS_CHANGED: 'Acknowledged or changed the status of a Community Payback nomination',
  CP_NOMINATION_TAKEN: 'Routed an unrouted Community Payback nomination to a provider',
  UPW_PHOTOS_UPLOADED: 'Uploaded photos of an unpaid work project',
  CP_PHOTO_CHECKED: 'Approved or rejected a project photo for publication',
  CP_AREA_UPLOADED: 'Uploaded a Community Payback area boundary',
  PNC_IMPORTED: 'Imported a police national computer extract of convictions and cautions',
  PNC_IMPORT_VIEWED: 'Saw them in the reconciliation report of a PNC extract import',
  PARTNER_ORG_CREATE: 'Added a partner organisation to the directory',
  PARTNER_ORG_CHANGE: 'Changed a partner organisation in the directory',
  PARTNER_SERVICE_CREATE: 'Added a partner service to the directory',
  PARTNER_SERVICE_CHANGE: 'Changed a partner service in the directory',
  PARTNER_SERVICE_ACCEPTING: 'Closed or reopened a partner service to referrals',
  SERVICE_LEVEL_MISSES_VIEW: 'Shown in the cases behind a service level’s misses',
  WORKLOAD_REDUCTION_RECORD: 'Recorded a practitioner’s workload reduction',
  WORKLOAD_SETTINGS_CHANGE: 'Changed the workload settings',
  SUPERVISION_VIEW: 'Viewed the supervision pages',
  DOCUMENT_VIEW: 'Viewed a letter or document',
  SENTENCES_VIEW: 'Viewed the sentences',
  CUSTODY_VIEW: 'Viewed the custody pages',
  EVENT_ADD: 'Added an event (a conviction)',
  SENTENCE_RECORD: 'Recorded a sentence',
  SENTENCE_AMEND: 'Amended a sentence',
  SENTENCE_TERMINATE: 'Terminated a sentence',
  REQUIREMENT_TERMINATE: 'Terminated a requirement',
  KEY_DATES_RECALCULATED: 'Recalculated the release dates',
  RECALL_VIEW: 'Viewed the recall decisions',
  RECALL_STEP: 'Recorded a step of a recall decision',
  RECALL_DOCUMENT_VIEW: 'Viewed a recall Part A report or letter',
  RISK_VIEW: 'Viewed the risk page',
  ROSH_RECORD: 'Recorded a RoSH assessment',
  REGISTRATION_ADD: 'Added a registration (flag)',
  REGISTRATION_DEREGISTER: 'Removed a registration (flag)',
  RISK_ITEMS_RECORD: 'Recorded the risk assessment answers',
  RISK_RECALCULATED: 'Recalculated the risk scores',
  TIERS_RECALCULATED: 'Recalculated the tier',
  COURT_LIST_VIEW: 'Shown in a court list',
  COURT_REPORTS_VIEW: 'Shown in a team’s court reports',
  HEARING_ADD: 'Added a court hearing',
  HEARING_MATCH: 'Matched a court hearing to the record',
  HEARING_UNMATCH: 'Unmatched a court hearing from the record',
  HEARING_OUTCOME: 'Recorded a court outcome',
  HEARING_EVENT_LINK: 'Linked a court hearing to an event',
  PSR_REQUEST: 'Requested a pre-sentence report',
  PSR_DRAFT_SAVE: 'Saved a pre-sentence report draft',
  PSR_COMPLETE: 'Completed a pre-sentence report',
  PSR_CANCEL: 'Cancelled a pre-sentence report',
  PSR_VIEW: 'Viewed a pre-sentence report',
  PSR_DOWNLOAD: 'Downloaded a pre-sentence report',
  PERSON_SEARCH: 'Found in a search',
  CASELOAD_VIEW: 'Shown in a caseload',
  MY_DAY_VIEW: 'Shown in ‘My day’',
  TEAM_VIEW: 'Shown in a team’s caseload',
  ALLOCATION_QUEUE_VIEW: 'Shown in the allocation queue',
  // Not about one person, named so that a row read out of context still makes sense.
  SIGN_IN: 'Signed in',
  SIGN_IN_FAILED: 'Failed to sign in',
  SIGN_IN_THROTTLED: 'Sign-in slowed after failures',
  ACCOUNT_LOCKED: 'Account locked',
  PASSWORD_CHANGED: 'Changed their password',
  SIGN_OUT_EVERYWHERE: 'Signed out everywhere',
  USER_CREATED: 'Created a user',
  USER_UPDATED: 'Changed a user',
  USER_ENABLED: 'Enabled a user',
  USER_DISABLED: 'Disabled a user',
  USER_UNLOCKED: 'Unlocked a user',
  USER_PASSWORD_RESET: 'Reset a user’s password',
  STAFF_CREATED: 'Added a member of staff',
  STAFF_UPDATED: 'Changed a member of staff',
  ORGANISATION_CREATED: 'Added an organisation',
  ORGANISATION_UPDATED: 'Changed an organisation',
  API_TOKEN_ISSUED: 'Issued an API token',
  API_TOKEN_REVOKED: 'Revoked an API token',
  API_TOKEN_ROTATED: 'Rotated an API token',
  TEAM_CONTACT_UPDATED: 'Changed a team’s letterhead and contact details',
  SUBMISSION_KEPT: 'A form sent after the session ended was kept to finish after signing in',
  SUBMISSION_REFUSED: 'A kept form belonging to another user was refused',
  // the partner portal (issue 18): a partner organisation's staff, basis "partner referral"
  PARTNER_REFERRALS_LIST: 'Shown in a partner organisation’s referrals',
  PARTNER_REFERRAL_VIEW: 'Viewed a referral in the partner portal',
  PARTNER_REFERRAL_ACCEPT: 'Accepted a referral (partner organisation)',
  PARTNER_REFERRAL_DECLINE: 'Declined a referral (partner organisation)',
  PARTNER_CASEWORKER_ASSIGN: 'Assigned a partner caseworker to a referral',
  PARTNER_ACTION_PLAN_SUBMIT: 'Submitted an action plan for approval (partner organisation)',
  PARTNER_SESSION_RECORD: 'Recorded a partner service session',
  PARTNER_SESSION_CORRECT: 'Corrected a partner service session',
  PARTNER_REPORT_SUBMIT: 'Submitted an end-of-service report (partner organisation)',
  PARTNER_INCIDENT_REPORT: 'Reported an incident (partner organisation)',
  CONTRACT_CREATE: 'Added a contract',
  CONTRACT_TERMS_CHANGE: 'Changed a contract’s terms (a new version)',
  CONTRACT_SUBCONTRACTOR_ADD: 'Added a subcontractor to a contract',
  CONTRACT_SUBCONTRACTOR_TERMS_CHANGE: 'Changed a subcontractor’s terms (a new version)',
  CONTRACT_COHORT_VIEW: 'Shown in a contract’s proven reoffending cohort (CRN only)',
}

/** Actions whose row is a look at one page: the page's words say what was looked at. */
const PAGE_ACTIONS = new Set([
  'PERSON_VIEW',
  'SUPERVISION_VIEW',
  'SENTENCES_VIEW',
  'RISK_VIEW',
  'ADMIN_PERSON_VIEW',
  'UPW_VIEW',
  'REFERRAL_VIEW',
])

const textOf = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null)

/** A code as words: `PERSON_FOO_BAR` → "Person foo bar", `team-enforcement` → "Team enforcement". */
export function readable(code: string): string {
  const words = code
    .replace(/[_-]+/g, ' ')
    .replace(/[^\p{L}\p{N} ]/gu, '')
    .trim()
    .toLowerCase()
  return words ? words[0]!.toUpperCase() + words.slice(1) : 'Something was recorded'
}

/** What one row says happened, in plain words, with what showed the person or why access was refused. */
export function describe(action: string, detail: unknown): string {
  const d = detail !== null && typeof detail === 'object' ? (detail as Record<string, unknown>) : {}
  const page = textOf(d.page)
  if (page && (PAGE_ACTIONS.has(action) || !ACTION_WORDS[action])) {
    const words = PAGE_WORDS[page] ?? `Viewed the ${readable(page).toLowerCase()} page`
    return action === 'ADMIN_PERSON_VIEW' && !words.includes('administration') ? `${words} in administration` : words
  }
  switch (action) {
    case 'PERSON_SEARCH': {
      const asked = [
        textOf(d.q) ? `‘${textOf(d.q)}’` : null,
        textOf(d.dob) ? `date of birth ${formatDate(textOf(d.dob))}` : null,
      ]
        .filter(Boolean)
        .join(' and ')
      return asked ? `Found in a search for ${asked}` : 'Found in a search'
    }
    case 'TEAM_VIEW':
      return textOf(d.team) ? `Shown in the caseload of team ${textOf(d.team)}` : ACTION_WORDS.TEAM_VIEW!
    case 'ALLOCATION_QUEUE_VIEW': {
      const where = textOf(d.team) ? `team ${textOf(d.team)}` : textOf(d.pdu) ? `delivery unit ${textOf(d.pdu)}` : null
      return where
        ? `Shown in the allocation queue of ${where}`
        : 'Shown in the allocation queue of every delivery unit'
    }
    case 'ACCESS_DENIED':
      return textOf(d.reason) ? `Refused access: ${textOf(d.reason)}` : ACTION_WORDS.ACCESS_DENIED!
  }
  return ACTION_WORDS[action] ?? readable(action)
}

const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' })

/** A user's roles in words: "Senior (team manager)". */
export function rolesText(roles: readonly string[]): string {
  return roles.map(r => (isRole(r) ? ROLES[r] : readable(r))).join(', ')
}

/** One row as the page and the export show it. */
export interface AuditRowView {
  /** The London day, e.g. "5 December 2026". */
  date: string
  /** "09:12", or "09:12–16:40" for repeated looks. */
  time: string
  /** "Viewed the overview", or "Viewed the overview 5 times". */
  what: string
  times: number
  name: string
  username: string
  role: string
  organisation: string
}

/** The rows of the trail in plain words. */
export function auditRows(entries: readonly AuditTrailEntry[]): AuditRowView[] {
  return entries.map(e => {
    const first = TIME.format(e.firstAt)
    const last = TIME.format(e.lastAt)
    const what = describe(e.action, e.detail)
    return {
      date: formatDate(londonDate(e.lastAt).toString()),
      time: e.times > 1 && first !== last ? `${first}–${last}` : last,
      what: e.times > 1 ? `${what} ${e.times} times` : what,
      times: e.times,
      name: e.name ?? (e.username ? e.username : 'Probity (automatic)'),
      username: e.username ?? '',
      role: rolesText(e.roles),
      organisation: e.organisation ?? (e.username ? 'National (no provider)' : ''),
    }
  })
}

const CSV_HEADERS = ['Date', 'Time', 'What', 'Times', 'Name', 'Username', 'Role', 'Organisation']

/**
 * One CSV cell, quoted when it must be (RFC 4180), and a cell a spreadsheet would run as a formula (starting with
 * `=`, `+`, `-`, `@`, a tab or a carriage return) prefixed with `'` so it is shown, not run (OWASP CSV injection).
 *
 * @example
 * csvCell('=HYPERLINK("x")') // `"'=HYPERLINK(""x"")"`
 */
export function csvCell(value: string | number): string {
  let v = String(value)
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v
}

/** The trail as CSV for an auditor: a header row, then one line per row, CRLF line ends. */
export function auditCsv(rows: readonly AuditRowView[]): string {
  const lines = [
    CSV_HEADERS,
    ...rows.map(r => [r.date, r.time, r.what, r.times, r.name, r.username, r.role, r.organisation]),
  ]
  return lines.map(line => line.map(csvCell).join(',')).join('\r\n') + '\r\n'
}
