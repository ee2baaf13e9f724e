import { KEY_DATE_NAMES, lengthText } from '../../domain/sentencing/index.ts'
import { datePartsFor, text, type FormBody } from '../../web/forms.ts'
import { formatDate, formatDateTime } from '../../web/filters.ts'
import { victimsPaths } from '../../web/paths.ts'
import { CONTACT_KINDS, CONTACT_METHODS } from './forms.ts'
import type { DetailsRow, VictimListRow } from './queries.ts'
import type { VictimRecord } from './record.ts'
import { OVERDUE_SHOWN, type VictimWorkList } from './work-list.ts'

/** View models for the victims pages: display values only, pure. Dates in words ("6 December 2026"). */

const METHOD_TEXT: Record<string, string> = {
  letter: 'Letter',
  phone: 'Phone',
  email: 'Email',
  visit: 'Visit',
  other: 'Other',
}
const DECISION_TEXT: Record<string, string> = { opt_in: 'Opted in', opt_out: 'Opted out' }
const SENTENCE_TEXT: Record<string, string> = {
  custodial: 'Custodial sentence',
  community_order: 'Community order',
  suspended_sentence_order: 'Suspended sentence order',
}
const CASE_STATUS_TEXT: Record<string, string> = {
  pre_sentence: 'Awaiting sentence',
  awaiting_allocation: 'Sentenced, awaiting allocation',
  allocated: 'Under supervision in the community',
  in_custody: 'In custody',
  on_licence: 'On licence',
  recalled: 'Recalled to custody',
  on_pss: 'On post-sentence supervision',
  ended: 'Sentence ended',
}

const keyOrder = Object.keys(KEY_DATE_NAMES)
const rank = (k: string) => (keyOrder.includes(k) ? keyOrder.indexOf(k) : keyOrder.length)

/** The stored key dates (`{ CRD: '2027-…' }`) in words, in their usual order. */
function keyDates(stored: unknown) {
  if (typeof stored !== 'object' || stored === null) return []
  return Object.entries(stored as Record<string, unknown>)
    .filter((e): e is [string, string] => typeof e[1] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(e[1]))
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([key, date]) => ({ name: KEY_DATE_NAMES[key] ?? key, date: formatDate(date) }))
}

const addressOf = (d: Pick<DetailsRow, 'address_line1' | 'address_line2' | 'town' | 'postcode'>) =>
  [d.address_line1, d.address_line2, d.town, d.postcode].filter(Boolean).join(', ')

/** One version of the contact details and wishes, as summary list rows. */
function detailsRows(d: DetailsRow) {
  const row = (key: string, value: string | null | undefined, qa: string) => ({
    key: { text: key },
    value: { text: value || 'Not given' },
    attributes: { 'data-qa': qa },
  })
  return [
    row(
      'Does not want to be contacted',
      d.no_contact_wish ? 'Yes: the victim asked not to be contacted' : 'No',
      'no-contact',
    ),
    row('Address', addressOf(d), 'address'),
    row('Phone', d.phone, 'phone'),
    row('Email', d.email, 'email'),
    row('Preferred way to be contacted', d.preferred_method ? METHOD_TEXT[d.preferred_method] : null, 'preferred'),
    row('Wishes', d.wishes, 'wishes'),
    row(
      'Recorded',
      `${formatDateTime(d.recorded_at)}${d.recorded_by_name ? ` by ${d.recorded_by_name}` : ''}`,
      'recorded',
    ),
  ]
}

/** Values for the contact details fields: as posted when the form is shown again, else the current version. */
export function detailsValues(current: DetailsRow | undefined, body?: FormBody) {
  if (body)
    return {
      addressLine1: text(body, 'addressLine1'),
      addressLine2: text(body, 'addressLine2'),
      town: text(body, 'town'),
      postcode: text(body, 'postcode'),
      phone: text(body, 'phone'),
      email: text(body, 'email'),
      preferredMethod: text(body, 'preferredMethod'),
      noContactWish: ['yes', 'true', 'on'].includes(text(body, 'noContactWish')),
      wishes: text(body, 'wishes'),
    }
  return {
    addressLine1: current?.address_line1 ?? '',
    addressLine2: current?.address_line2 ?? '',
    town: current?.town ?? '',
    postcode: current?.postcode ?? '',
    phone: current?.phone ?? '',
    email: current?.email ?? '',
    preferredMethod: current?.preferred_method ?? '',
    noContactWish: current?.no_contact_wish ?? false,
    wishes: current?.wishes ?? '',
  }
}

export const methodItems = (chosen: string) => [
  { value: '', text: 'No preference' },
  ...CONTACT_METHODS.map(m => ({ value: m, text: METHOD_TEXT[m]!, selected: m === chosen })),
]

/** The referral page: the offender found by CRN (to confirm the name) and the form's values. */
export function referralView(
  offender: { crn: string; name: string; refusal: string | null } | null,
  crn: string,
  body?: FormBody,
) {
  return {
    crn,
    offender,
    notFound: crn !== '' && offender === null,
    values: {
      ...detailsValues(undefined, body),
      forename: text(body, 'forename'),
      surname: text(body, 'surname'),
      referredBy: text(body, 'referredBy'),
    },
    dateOfBirth: datePartsFor(body, 'dateOfBirth'),
    referredOn: datePartsFor(body, 'referredOn'),
    methodItems: methodItems(text(body, 'preferredMethod')),
  }
}

function offenderView(o: VictimRecord['offender']) {
  const current = o.sentences.filter(s => s.terminated_date === null)
  const custody = o.custody[0]
  return {
    name: o.name,
    crn: o.crn,
    status: CASE_STATUS_TEXT[o.caseStatus] ?? o.caseStatus,
    custody: custody
      ? custody.released_on
        ? `Released on ${formatDate(custody.released_on)}`
        : `In custody since ${formatDate(custody.reception_date)}`
      : null,
    sentences: current.map(s => ({
      type: SENTENCE_TEXT[s.sentence_type] ?? s.sentence_type,
      date: formatDate(s.sentence_date),
      length: s.length_value && s.length_unit ? lengthText({ value: s.length_value, unit: s.length_unit }) : null,
      keyDates: keyDates(s.key_dates),
    })),
  }
}

/** The victim's page: their details with history, referral, decisions, officer, contacts, offender facts. */
export function victimView(r: VictimRecord, posted?: { form: string; body: FormBody }) {
  const v = r.victim
  const body = (form: string) => (posted?.form === form ? posted.body : undefined)
  const current = r.details[0]
  const officer = r.assignments[0]
  return {
    id: v.id,
    paths: {
      details: victimsPaths.details(v.id),
      decisions: victimsPaths.decisions(v.id),
      officer: victimsPaths.officer(v.id),
      contacts: victimsPaths.contacts(v.id),
    },
    name: `${v.forename} ${v.surname}`,
    dateOfBirth: v.date_of_birth ? formatDate(v.date_of_birth) : 'Not known',
    current: current ? detailsRows(current) : [],
    earlier: r.details.slice(1).map(d => ({ rows: detailsRows(d), recorded: formatDateTime(d.recorded_at) })),
    referrals: r.referrals.map(ref => ({
      referredOn: formatDate(ref.referred_on),
      referredBy: ref.referred_by,
      source: ref.source === 'api' ? 'Through the API' : 'On the referral form',
    })),
    decision: r.decisions[0] ? DECISION_TEXT[r.decisions[0].decision] : null,
    decisions: r.decisions.map(d => ({
      decision: DECISION_TEXT[d.decision],
      decidedOn: formatDate(d.decided_on),
      notes: d.notes ?? '',
      recordedBy: d.recorded_by_name ?? '',
    })),
    officer: officer ? { name: officer.officer_name, since: formatDate(officer.assigned_on) } : null,
    officerItems: [
      { value: '', text: 'Choose an officer' },
      ...r.officers.map(o => ({
        value: String(o.id),
        text: o.display_name,
        selected: String(o.id) === (text(body('officer'), 'officer') || String(officer?.officer_user_id ?? '')),
      })),
    ],
    contacts: r.contacts.map(c => ({
      date: formatDate(c.contact_on),
      method: METHOD_TEXT[c.method] ?? c.method,
      summary: c.summary,
      recordedBy: c.recorded_by_name ?? '',
    })),
    offender: offenderView(r.offender),
    eligibility: {
      eligible: r.eligibility.eligible,
      reason: r.eligibility.reason,
      dueBy: r.eligibility.referralDueBy ? formatDate(r.eligibility.referralDueBy.toString()) : null,
      source: r.eligibility.source,
    },
    decisionForm: {
      decision: text(body('decision'), 'decision'),
      decidedOn: datePartsFor(body('decision'), 'decidedOn'),
      notes: text(body('decision'), 'notes'),
    },
    contactForm: {
      contactOn: datePartsFor(body('contact'), 'contactOn'),
      method: text(body('contact'), 'method'),
      summary: text(body('contact'), 'summary'),
      methodItems: [
        { value: '', text: 'Choose how' },
        ...CONTACT_KINDS.map(m => ({
          value: m,
          text: METHOD_TEXT[m]!,
          selected: m === text(body('contact'), 'method'),
        })),
      ],
    },
  }
}

/** The change details page: the victim's name and the current version's values. */
export function detailsFormView(r: VictimRecord, body?: FormBody) {
  const values = detailsValues(r.details[0], body)
  return {
    id: r.victim.id,
    name: `${r.victim.forename} ${r.victim.surname}`,
    back: victimsPaths.victim(r.victim.id),
    action: victimsPaths.details(r.victim.id),
    values,
    methodItems: methodItems(values.preferredMethod),
  }
}

const victimRow = (v: VictimListRow) => ({
  href: victimsPaths.victim(v.id),
  id: v.id,
  name: `${v.forename} ${v.surname}`,
  offender: `${v.offender_forename} ${v.offender_surname}`,
  crn: v.crn,
  referredOn: v.referred_on ? formatDate(v.referred_on) : 'No referral',
  decision: v.decision ? DECISION_TEXT[v.decision] : 'No decision yet',
})

/**
 * The work list. `tasks` is the victims tasks' place: the task list's view model is put here by the tasks feature
 * (views/tasks*.njk), empty until then.
 */
export function workListView(list: VictimWorkList, tasks: unknown[] = []) {
  return {
    overdue: list.overdue.map(o => ({
      crn: o.crn,
      name: o.name,
      sentenced: formatDate(o.qualifyingDate.toString()),
      dueBy: formatDate(o.dueBy.toString()),
      reason: o.reason,
      refer: victimsPaths.newReferral(o.crn),
    })),
    moreOverdue: list.moreOverdue,
    overdueShown: OVERDUE_SHOWN,
    mine: list.mine.map(victimRow),
    unassigned: list.unassigned?.map(victimRow) ?? null,
    tasks,
    newReferral: victimsPaths.newReferral(),
  }
}
