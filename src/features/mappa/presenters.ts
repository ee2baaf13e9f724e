import { LocalDate } from '@js-joda/core'
import { MAPPA_LEVELS } from '../../domain/public-protection/index.ts'
import { datePartsFor, list, text, type FormBody } from '../../web/forms.ts'
import { formatDate, formatDateTime } from '../../web/filters.ts'
import { AGENCIES, agencyText, type FactKind } from './forms.ts'
import type { NominalList } from './nominal-list.ts'
import type { MappaPage } from './page.ts'
import type { ProtectionOrderRow } from './queries.ts'

/** View models for the MAPPA page and the nominal list: display values only, pure. */

export const FACT_TEXT: Record<FactKind, string> = {
  hospital_order: 'Hospital order (Mental Health Act 1983)',
  notification: 'Sexual Offences Act 2003 Part 2 notification requirements',
  children_barred: 'Disqualified from working with children',
  category3_decision: 'Category 3 decision (other dangerous offender)',
}

const levelText = (level: number | null) =>
  level === 1 || level === 2 || level === 3 ? MAPPA_LEVELS[level] : 'Level not recorded'

const by = (at: Date | string, name: string | null) => `${formatDateTime(at)}${name ? ` by ${name}` : ''}`

/** The posted form when it is sent back, else the values a form starts from. */
function formValues(body: FormBody | undefined, defaults: Record<string, string> = {}): Record<string, string> {
  if (!body) return defaults
  return Object.fromEntries(Object.keys(body).map(k => [k, text(body, k)]))
}

const overdueTag = { text: 'Overdue', classes: 'govuk-tag--red' }

function factDetail(o: ProtectionOrderRow): string {
  switch (o.kind) {
    case 'hospital_order':
      return `Made on ${formatDate(o.start_date)}; ${o.restricted ? 'with a restriction order (section 41)' : 'no restriction order'}`
    case 'notification':
      return `From ${formatDate(o.start_date)} ${o.end_date ? `until ${formatDate(o.end_date)}` : 'indefinitely'}`
    case 'children_barred':
      return `From ${formatDate(o.start_date)}`
    case 'category3_decision':
      return `Decided on ${formatDate(o.start_date)}: ${o.reason ?? ''}`
  }
}

function factsView(page: MappaPage, body: FormBody | undefined) {
  return page.orders.map(o => ({
    id: Number(o.id),
    kind: FACT_TEXT[o.kind],
    detail: factDetail(o),
    recorded: by(o.recorded_at, o.recorded_by_name),
    ended: o.ended_on ? `Ended on ${formatDate(o.ended_on)}: ${o.end_reason ?? ''}` : null,
    lapsed: !o.ended_on && o.end_date !== null && LocalDate.parse(o.end_date).isBefore(page.today),
    canEnd: page.canUpdate && !o.end_id && (o.kind !== 'category3_decision' || page.isSenior),
    endDate: datePartsFor(body, `end-${o.id}`, body ? undefined : page.today.toString()),
    endReasonValue: body ? text(body, `endReason-${o.id}`) : '',
  }))
}

function currentView(page: MappaPage) {
  const r = page.registration
  if (!r) return null
  const latest = page.reviews[0]
  const overdue = r.next_review_date !== null && LocalDate.parse(r.next_review_date).isBefore(page.today)
  return {
    category: r.mappa_category ? `Category ${r.mappa_category}` : 'Category not recorded',
    level: levelText(r.mappa_level),
    nextReview: r.next_review_date ? formatDate(r.next_review_date) : 'Not set',
    overdue,
    tag: overdue ? overdueTag : null,
    registered: formatDate(r.registered_date),
    reason: latest?.reason ?? null,
    decided: latest ? by(latest.recorded_at, latest.recorded_by_name) : null,
    differs:
      r.mappa_category !== null && page.eligibility.category !== null && r.mappa_category !== page.eligibility.category,
  }
}

function actionsView(page: MappaPage, body: FormBody | undefined) {
  const meetingDate = new Map(page.meetings.map(m => [Number(m.id), formatDate(m.meeting_date)]))
  return page.actions.map(a => {
    const overdue = a.done_on === null && LocalDate.parse(a.due_date).isBefore(page.today)
    const staff = a.owner_staff_id ? `${a.owner_forename ?? ''} ${a.owner_surname ?? ''}`.trim() : null
    return {
      id: Number(a.id),
      description: a.description,
      owner: [a.owner_agency ? agencyText(a.owner_agency) : null, staff].filter(Boolean).join(': '),
      due: formatDate(a.due_date),
      meeting: a.meeting_id ? (meetingDate.get(Number(a.meeting_id)) ?? null) : null,
      open: a.done_on === null,
      tag: a.done_on
        ? { text: `Done ${formatDate(a.done_on)}`, classes: 'govuk-tag--green' }
        : overdue
          ? overdueTag
          : { text: 'Due', classes: 'govuk-tag--blue' },
      doneNotes: a.done_notes ?? '',
      doneDate: datePartsFor(body, `done-${a.id}`, body ? undefined : page.today.toString()),
      doneNotesValue: body ? text(body, `doneNotes-${a.id}`) : '',
    }
  })
}

const options = (items: readonly { value: string; text: string }[], chosen: string, blank: string) => [
  { value: '', text: blank, selected: chosen === '' },
  ...items.map(i => ({ ...i, selected: i.value === chosen })),
]

function choices(page: MappaPage, body: FormBody | undefined) {
  const v = (name: string) => (body ? text(body, name) : '')
  const current = page.registration
  const category = body ? v('category') : String(current?.mappa_category ?? page.eligibility.category ?? '')
  const level = body ? v('level') : String(current?.mappa_level ?? '')
  const agencies = new Set(body ? list(body, 'agencies') : [])
  return {
    categoryItems: ([1, 2, 3] as const).map(n => ({
      value: String(n),
      text: `Category ${n}`,
      checked: category === String(n),
    })),
    levelItems: ([1, 2, 3] as const).map(n => ({
      value: String(n),
      text: MAPPA_LEVELS[n],
      checked: level === String(n),
    })),
    meetingLevelItems: options(
      ([1, 2, 3] as const).map(n => ({ value: String(n), text: `Level ${n}` })),
      v('meetingLevel'),
      'Not said',
    ),
    agencyItems: AGENCIES.map(a => ({ value: a.code, text: a.text, checked: agencies.has(a.code) })),
    ownerAgencyItems: options(
      AGENCIES.map(a => ({ value: a.code, text: a.text })),
      v('actionOwnerAgency'),
      'No agency',
    ),
    staffItems: options(
      page.staff.map(s => ({ value: String(s.id), text: `${s.forename} ${s.surname}` })),
      v('actionOwnerStaff'),
      'No member of staff',
    ),
    meetingItems: options(
      page.meetings.map(m => ({ value: String(m.id), text: `Meeting on ${formatDate(m.meeting_date)}` })),
      v('actionMeeting'),
      'Not from a meeting',
    ),
    eventItems: options(
      page.events.map(e => ({
        value: String(e.id),
        text: `Event ${e.event_number}${e.description ? `: ${e.description}` : e.offence_code ? `: offence ${e.offence_code}` : ''}${e.conviction_date ? `, convicted ${formatDate(e.conviction_date)}` : ''}`,
      })),
      v('hospital-event'),
      'Not linked to a conviction',
    ),
  }
}

/** The MAPPA page's view model; `body` is the form sent back with its errors, if any. */
export function mappaView(page: MappaPage, body?: FormBody) {
  const e = page.eligibility
  return {
    person: { crn: page.person.crn, forename: page.person.forename, surname: page.person.surname },
    canUpdate: page.canUpdate,
    isSenior: page.isSenior,
    eligibility: {
      category: e.category,
      heading: e.category ? `Eligible for MAPPA category ${e.category}` : 'Not eligible for MAPPA',
      reasons: e.reasons,
      source: e.source,
    },
    facts: factsView(page, body),
    managed: currentView(page),
    reviews: page.reviews.map(r => ({
      category: `Category ${r.category}`,
      level: `Level ${r.level}`,
      reason: r.reason,
      reviewedOn: formatDate(r.reviewed_on),
      nextReview: formatDate(r.next_review_date),
      decided: by(r.recorded_at, r.recorded_by_name),
    })),
    meetings: page.meetings.map(m => ({
      id: Number(m.id),
      date: formatDate(m.meeting_date),
      level: m.level ? `Level ${m.level}` : 'Not said',
      agencies: m.agencies.map(a => (a === 'other' && m.other_agency ? m.other_agency : agencyText(a))).join(', '),
      minutes: m.minutes,
      recorded: by(m.recorded_at, m.recorded_by_name),
    })),
    actions: actionsView(page, body),
    values: formValues(body),
    dates: {
      nextReview: datePartsFor(body, 'nextReview'),
      meetingDate: datePartsFor(body, 'meetingDate'),
      actionDue: datePartsFor(body, 'actionDue'),
      hospitalStart: datePartsFor(body, 'hospital-start'),
      notificationStart: datePartsFor(body, 'notification-start'),
      notificationEnd: datePartsFor(body, 'notification-end'),
      barredStart: datePartsFor(body, 'barred-start'),
      category3Start: datePartsFor(body, 'category3-start'),
    },
    restricted: body ? text(body, 'hospital-restricted') : '',
    ...choices(page, body),
  }
}

/** The nominal list's view model: one row a person, overdue reviews first. */
export function nominalListView(l: NominalList) {
  return {
    scope: l.scope,
    scopeName: l.scopeName,
    overdueOnly: l.overdueOnly,
    overdueCount: l.overdueCount,
    rows: l.people.map(p => ({
      crn: p.crn,
      name: p.name,
      href: `/people/${p.crn}/mappa`,
      category: p.category ? `Category ${p.category}` : 'Not recorded',
      level: p.level ? `Level ${p.level}` : 'Not recorded',
      nextReview: p.nextReview ? formatDate(p.nextReview.toString()) : 'Not set',
      tag: p.overdue ? overdueTag : null,
      manager: p.manager ?? 'Unallocated',
      team: p.team,
    })),
    eligible: l.eligible.map(p => ({
      crn: p.crn,
      name: p.name,
      href: `/people/${p.crn}/mappa`,
      category: `Category ${p.category}`,
      reason: p.reason,
      manager: p.manager ?? 'Unallocated',
      team: p.team,
    })),
  }
}
