import { londonDate } from '../../clock.ts'
import type { ReferralStatus } from '../../db/schema.ts'
import { datePartsFor, text, type FormBody } from '../../web/forms.ts'
import { formatDate, formatDateTime } from '../../web/filters.ts'
import { partnerPortalPaths as paths } from '../../web/paths.ts'
import type { PortalListItem, PortalReferralPage } from './portal.ts'
import { ACHIEVEMENTS } from './portal-forms.ts'

/**
 * The partner portal's view models (issue 18 items 3–4), pure: the home's three groups, a referral with its shared
 * summary and the "Safety" panel first, and the forms' values (as posted when shown again with errors).
 */

export const STATUS_TEXT: Record<ReferralStatus, string> = {
  sent: 'New',
  accepted: 'Accepted',
  declined: 'Declined',
  in_progress: 'In progress',
  completed: 'Completed',
  withdrawn: 'Withdrawn',
}
const ATTENDED_TEXT = { yes: 'Attended', late: 'Attended late', no: 'Did not attend' } as const
/** The answers to "Did they attend?". */
const ATTENDED_ANSWER = { yes: 'Yes', late: 'Yes, but late', no: 'No' } as const
export const ACHIEVEMENT_TEXT = {
  achieved: 'Achieved',
  partially_achieved: 'Partially achieved',
  not_achieved: 'Not achieved',
} as const

const GROUPS = [
  { key: 'new', title: 'New referrals', statuses: ['sent'] },
  { key: 'in-progress', title: 'In progress', statuses: ['accepted', 'in_progress'] },
  { key: 'closed', title: 'Completed, declined or withdrawn', statuses: ['completed', 'declined', 'withdrawn'] },
] as const

/** The home's groups: new (to accept or decline), in progress, and closed. */
export function portalHomeView(items: readonly PortalListItem[], organisationName: string | null) {
  return {
    pageTitle: 'Referrals',
    organisationName,
    groups: GROUPS.map(g => {
      const rows = items.filter(i => (g.statuses as readonly string[]).includes(i.status))
      return {
        key: g.key,
        title: `${g.title} (${rows.length})`,
        rows: rows.map(i => [
          { text: i.reference },
          { html: `<a class="govuk-link" href="${paths.referral(i.reference)}">${escape(i.name)}</a>` },
          { text: i.service },
          { text: formatDate(i.sentOn.toString()) },
          { text: formatDate(i.completionDeadline) },
          { text: i.caseworker ?? 'Not assigned' },
          { text: STATUS_TEXT[i.status] },
        ]),
      }
    }),
  }
}

function escape(value: string): string {
  return value.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)
}

function sessionsView(page: PortalReferralPage) {
  const reference = page.referral.reference
  const open = page.sessionsBlocked === null
  return page.sessions.map(s => [
    { text: String(s.number) },
    { text: formatDate(s.current.session_date) },
    { text: `${s.current.start_time} to ${s.current.end_time}` },
    { text: ATTENDED_TEXT[s.current.attended] },
    { text: [s.current.notes, s.current.non_attendance_reason].filter(Boolean).join(' – ') },
    open
      ? {
          html: `<a class="govuk-link" href="${paths.session(reference, s.number)}">Correct<span class="govuk-visually-hidden"> session ${s.number}</span></a>`,
        }
      : { text: s.corrections ? `Corrected ${s.corrections} time${s.corrections === 1 ? '' : 's'}` : '' },
  ])
}

/** The referral page: safety first, what was shared, the referral, then the partner's work on it. */
export function portalReferralView(page: PortalReferralPage, sentBack?: { body: FormBody }) {
  const r = page.referral
  const latest = page.plans.at(-1)
  const outcomeText = new Map(page.outcomes.map((o, i) => [o.id, `${i + 1}. ${o.description}`]))
  return {
    pageTitle: `Referral ${r.reference}`,
    reference: r.reference,
    name: r.shared.person.name,
    status: STATUS_TEXT[r.status],
    statusKey: r.status,
    safety: {
      riskToStaff: r.shared.riskToStaff,
      staffFlags: r.shared.flags.filter(f => f.riskToStaff).map(f => f.label),
      guidance: r.service.loneWorkingGuidance,
    },
    sharedSummary: r.shared,
    details: [
      { key: { text: 'Service' }, value: { text: r.service.name } },
      { key: { text: 'Sent' }, value: { text: formatDateTime(r.sentAt) } },
      { key: { text: 'Complete by' }, value: { text: formatDate(r.completionDeadline) } },
      { key: { text: 'Reason for the referral' }, value: { text: r.reason } },
      { key: { text: 'RAR days' }, value: { text: r.rarDays === null ? 'None' : String(r.rarDays) } },
      { key: { text: 'Further information' }, value: { text: r.furtherInformation ?? 'None' } },
      ...(r.declinedReason ? [{ key: { text: 'Declined because' }, value: { text: r.declinedReason } }] : []),
      ...(r.withdrawnReason ? [{ key: { text: 'Withdrawn because' }, value: { text: r.withdrawnReason } }] : []),
    ],
    outcomes: page.outcomes.map(o => o.description),
    canDecide: r.status === 'sent',
    canWork: r.status === 'accepted' || r.status === 'in_progress',
    caseworker: r.caseworker?.name ?? null,
    caseworkerItems: [
      { value: '', text: 'Select a caseworker' },
      ...page.caseworkers.map(c => ({
        value: String(c.id),
        text: c.name,
        selected: String(c.id) === (sentBack ? text(sentBack.body, 'caseworker') : String(r.caseworker?.id ?? '')),
      })),
    ],
    declineReason: sentBack ? text(sentBack.body, 'reason') : '',
    plan: latest
      ? {
          version: latest.version,
          activities: latest.activities,
          numberOfSessions: latest.numberOfSessions,
          state: latest.approvedAt
            ? `Version ${latest.version}, approved on ${formatDate(londonDate(latest.approvedAt).toString())}${latest.approvedBy ? ` by ${latest.approvedBy}` : ''}`
            : `Version ${latest.version}, waiting for the probation practitioner’s approval`,
        }
      : null,
    sessionsBlocked: page.sessionsBlocked,
    sessions: sessionsView(page),
    incidents: page.incidents.map(i => ({
      when: formatDateTime(i.occurred_at),
      description: i.description,
      acknowledged: i.acknowledged_at !== null,
    })),
    report: page.report
      ? {
          submitted: formatDateTime(page.report.submittedAt),
          rows: page.report.outcomes.map(o => ({
            key: { text: outcomeText.get(o.outcomeId) ?? 'A desired outcome' },
            value: { text: `${ACHIEVEMENT_TEXT[o.achievement]}: ${o.commentary}` },
          })),
          furtherInformation: page.report.furtherInformation,
        }
      : null,
    links: {
      accept: paths.accept(r.reference),
      decline: paths.decline(r.reference),
      caseworker: paths.caseworker(r.reference),
      actionPlan: paths.actionPlan(r.reference),
      newSession: paths.newSession(r.reference),
      report: paths.endOfServiceReport(r.reference),
      incident: paths.newIncident(r.reference),
    },
  }
}

/** The action plan form: the latest version's activities and three blank lines, or what was posted. */
export function actionPlanFormView(page: PortalReferralPage, body?: FormBody) {
  const latest = page.plans.at(-1)
  const posted = body ? [body.activities ?? []].flat() : null
  const activities = posted ?? latest?.activities ?? []
  const blanks = Math.max(3, 6 - activities.length)
  return {
    pageTitle: `Action plan – ${page.referral.reference}`,
    reference: page.referral.reference,
    name: page.referral.shared.person.name,
    back: paths.referral(page.referral.reference),
    action: paths.actionPlan(page.referral.reference),
    version: latest ? String(latest.version) : '',
    approved: latest?.approvedAt ? formatDate(londonDate(latest.approvedAt).toString()) : null,
    activities: [...activities, ...Array.from({ length: blanks }, () => '')].map((value, i) => ({ value, n: i + 1 })),
    numberOfSessions: body ? text(body, 'numberOfSessions') : latest ? String(latest.numberOfSessions) : '',
    outcomes: page.outcomes.map(o => o.description),
  }
}

/** The session form: blank for a new one, the current record for a correction, or what was posted. */
export function sessionFormView(page: PortalReferralPage, sessionNumber: number | null, body?: FormBody) {
  const reference = page.referral.reference
  const current = page.sessions.find(s => s.number === sessionNumber)?.current
  const value = (name: string, stored: string | null | undefined) => (body ? text(body, name) : (stored ?? ''))
  const attended = value('attended', current?.attended)
  return {
    pageTitle: `${sessionNumber === null ? 'Record a session' : `Correct session ${sessionNumber}`} – ${reference}`,
    heading: sessionNumber === null ? 'Record a session' : `Correct session ${sessionNumber}`,
    reference,
    name: page.referral.shared.person.name,
    back: paths.referral(reference),
    action: sessionNumber === null ? paths.newSession(reference) : paths.session(reference, sessionNumber),
    date: datePartsFor(body, 'date', current?.session_date ?? null),
    startTime: value('startTime', current?.start_time),
    endTime: value('endTime', current?.end_time),
    attendedItems: (['yes', 'late', 'no'] as const).map(a => ({
      value: a,
      text: ATTENDED_ANSWER[a],
      checked: attended === a,
    })),
    notes: value('notes', current?.notes),
    nonAttendanceReason: value('nonAttendanceReason', current?.non_attendance_reason),
    blocked: page.sessionsBlocked,
  }
}

/** The end-of-service report form: for each desired outcome, how far it was achieved and commentary. */
export function reportFormView(page: PortalReferralPage, body?: FormBody) {
  const reference = page.referral.reference
  return {
    pageTitle: `End-of-service report – ${reference}`,
    reference,
    name: page.referral.shared.person.name,
    back: paths.referral(reference),
    action: paths.endOfServiceReport(reference),
    outcomes: page.outcomes.map((o, i) => ({
      id: o.id,
      legend: `Desired outcome ${i + 1}: ${o.description}`,
      items: ACHIEVEMENTS.map(a => ({
        value: a,
        text: ACHIEVEMENT_TEXT[a],
        checked: body ? text(body, `achievement-${o.id}`) === a : false,
      })),
      commentary: body ? text(body, `commentary-${o.id}`) : '',
    })),
    furtherInformation: body ? text(body, 'furtherInformation') : '',
    done: page.report !== null,
  }
}

export function incidentFormView(page: PortalReferralPage, body?: FormBody) {
  const reference = page.referral.reference
  return {
    pageTitle: `Report an incident – ${reference}`,
    reference,
    name: page.referral.shared.person.name,
    back: paths.referral(reference),
    action: paths.newIncident(reference),
    date: datePartsFor(body, 'date', null),
    time: body ? text(body, 'time') : '',
    description: body ? text(body, 'description') : '',
  }
}
