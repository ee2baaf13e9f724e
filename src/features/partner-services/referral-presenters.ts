import { londonDate } from '../../clock.ts'
import { ROSH_TEXT } from '../../domain/partner-services/eligibility.ts'
import {
  canWithdraw,
  outcomeField,
  REFERRAL_STATUS_TEXT,
  type ReferralStatusCode,
} from '../../domain/partner-services/referral-rules.ts'
import { datePartsFor, list, text, type FormBody } from '../../web/forms.ts'
import { formatDate, formatDateTime } from '../../web/filters.ts'
import { partnerServicesPaths as paths } from '../../web/paths.ts'
import type { NewReferralPage, ReferralPage, ReferralsPage } from './referrals.ts'

/** The view models of a case's referral pages (issue 18 item 2). Pure. */

const statusText = (s: string) => REFERRAL_STATUS_TEXT[s as ReferralStatusCode] ?? s
const dayOf = (d: Date | string) => formatDate(londonDate(new Date(d)).toString())
const GENDER_TEXT: Record<string, string> = { male: 'Men', female: 'Women' }
const ACHIEVEMENT_TEXT: Record<string, string> = {
  achieved: 'Achieved',
  partially_achieved: 'Partially achieved',
  not_achieved: 'Not achieved',
}
const ATTENDED_TEXT: Record<string, string> = { yes: 'Attended', late: 'Attended late', no: 'Did not attend' }

/** The list of a case's referrals. */
export function referralsPageView(page: ReferralsPage) {
  const crn = page.person.crn
  return {
    name: page.person.name,
    person: page.person,
    findServiceHref: `${paths.directory}?crn=${crn}`,
    canUpdate: page.canUpdate,
    referrals: page.referrals.map(r => ({
      id: Number(r.id),
      href: paths.referral(crn, Number(r.id)),
      reference: r.reference,
      service: r.service,
      organisation: r.organisation,
      status: statusText(r.status),
      sent: dayOf(r.sent_at),
      deadline: formatDate(String(r.completion_deadline)),
      sessions: `${r.attended} of ${r.planned ?? 'not yet planned'}`,
    })),
  }
}

/** Who the service takes, in words. */
function eligibility(s: NewReferralPage['basis']['service']): string[] {
  const lines = [
    s.eligible_genders.length ? `${s.eligible_genders.map(g => GENDER_TEXT[g] ?? g).join(' and ')} only` : 'Any gender',
    s.eligible_tiers.length ? `Tiers ${s.eligible_tiers.join(', ')}` : 'Any tier',
    s.max_rosh ? `RoSH up to ${ROSH_TEXT[s.max_rosh]}` : 'Any RoSH level',
  ]
  if (s.delivers_rar) lines.push('Sessions count as rehabilitation activity (RAR) days')
  if (!s.accepting) lines.push(`Not taking new referrals: ${s.closed_reason ?? 'no reason given'}`)
  if (s.funding_ends_on) lines.push(`Funded until ${formatDate(String(s.funding_ends_on))}`)
  return lines
}

/** The make a referral form: as shown first, or as sent back with what was typed. */
export function newReferralView(page: NewReferralPage, body?: FormBody) {
  const { basis } = page
  const typed = body ? list(body, 'outcomes') : []
  const outcomes = [...typed, ...Array.from({ length: Math.max(1, 3 - typed.length) }, () => '')].map((value, i) => ({
    id: outcomeField(i),
    value,
    label: `Desired outcome ${i + 1}${i === 0 ? '' : ' (optional)'}`,
  }))
  return {
    name: page.person.name,
    person: page.person,
    action: paths.newReferral(page.person.crn, Number(basis.service.id)),
    service: {
      name: basis.service.name,
      organisation: basis.service.organisation,
      description: basis.service.description,
      eligibility: eligibility(basis.service),
      loneWorking: basis.service.lone_working_guidance,
    },
    refusals: basis.refusals.map(r => r.message),
    limitedAccess: basis.limitedAccess,
    rar: basis.rarDaysOrdered !== null ? { ordered: basis.rarDaysOrdered } : null,
    order: basis.order
      ? { endDate: basis.order.expected_end_date ? formatDate(String(basis.order.expected_end_date)) : null }
      : null,
    reference: body ? text(body, 'reference') || page.reference : page.reference,
    outcomes,
    deadline: datePartsFor(body, 'completionDeadline'),
    values: {
      reason: text(body, 'reason'),
      rarDays: text(body, 'rarDays'),
      furtherInformation: text(body, 'furtherInformation'),
      shareAddress: body ? ['yes', 'on', 'true'].includes(text(body, 'shareAddress')) : false,
      sensitiveCheck: body ? ['yes', 'on', 'true'].includes(text(body, 'sensitiveCheck')) : false,
    },
    shared: page.preview,
    referralsHref: paths.referrals(page.person.crn),
  }
}

function plansView(page: ReferralPage) {
  const plans = page.records.plans
  const latest = plans[plans.length - 1]
  return plans.map(p => ({
    id: Number(p.id),
    version: p.version_number,
    activities: Array.isArray(p.activities) ? p.activities.map(String) : [],
    sessions: p.number_of_sessions,
    submitted: dayOf(p.submitted_at),
    approved: p.approved_at ? `Approved by ${p.approver ?? 'someone'} on ${dayOf(p.approved_at)}` : null,
    canApprove: page.canUpdate && p === latest && !p.approved_at,
    approveAction: paths.approvePlan(page.person.crn, Number(page.referral.id), Number(p.id)),
  }))
}

function sessionsView(page: ReferralPage) {
  const sessions = page.records.sessions
  const replaced = new Set(
    sessions
      .map(s => s.replaces_id)
      .filter(id => id !== null)
      .map(Number),
  )
  return sessions
    .filter(s => !replaced.has(Number(s.id)))
    .map(s => ({
      number: s.session_number,
      date: formatDate(String(s.session_date)),
      times: `${s.start_time} to ${s.end_time}`,
      attended: ATTENDED_TEXT[s.attended] ?? s.attended,
      notes: s.attended === 'no' ? (s.non_attendance_reason ?? s.notes) : s.notes,
      corrected: s.replaces_id !== null,
    }))
}

function reportView(page: ReferralPage) {
  const report = page.records.report
  if (!report) return null
  const given = Array.isArray(report.outcomes) ? (report.outcomes as Record<string, unknown>[]) : []
  return {
    submitted: dayOf(report.submitted_at),
    furtherInformation: report.further_information,
    outcomes: page.records.outcomes.map(o => {
      const found = given.find(g => Number(g.outcomeId) === Number(o.id))
      return {
        description: o.description,
        achievement: found
          ? (ACHIEVEMENT_TEXT[String(found.achievement)] ?? String(found.achievement))
          : 'Not reported',
        commentary: found && typeof found.commentary === 'string' ? found.commentary : '',
      }
    }),
  }
}

/** One referral as the practitioner sees it. */
export function referralView(page: ReferralPage) {
  const r = page.referral
  const crn = page.person.crn
  const id = Number(r.id)
  return {
    name: page.person.name,
    person: page.person,
    referral: {
      id,
      reference: r.reference,
      service: r.service,
      organisation: r.organisation,
      status: statusText(r.status),
      sent: dayOf(r.sent_at),
      referrer: r.referrer,
      deadline: formatDate(String(r.completion_deadline)),
      reason: r.reason,
      rarDays: r.rar_days,
      furtherInformation: r.further_information,
      caseworker: r.caseworker,
      declinedReason: r.declined_reason,
      withdrawnReason: r.withdrawn_reason,
    },
    history: page.records.history.map(h => ({
      status: statusText(h.status),
      reason: h.reason,
      at: formatDateTime(h.changed_at),
      by: h.by,
    })),
    outcomes: page.records.outcomes.map(o => o.description),
    plans: plansView(page),
    sessions: sessionsView(page),
    incidents: page.records.incidents.map(i => ({
      id: Number(i.id),
      occurred: formatDateTime(i.occurred_at),
      description: i.description,
      acknowledged: i.acknowledged_at
        ? `Acknowledged by ${i.acknowledger ?? 'someone'} on ${dayOf(i.acknowledged_at)}`
        : null,
      action: paths.acknowledgeIncident(crn, id, Number(i.id)),
      canAcknowledge: page.canUpdate && !i.acknowledged_at,
    })),
    report: reportView(page),
    shared: page.shared,
    canWithdraw: page.canUpdate && canWithdraw(r.status as ReferralStatusCode),
    withdrawAction: paths.withdrawReferral(crn, id),
    referralsHref: paths.referrals(crn),
  }
}
