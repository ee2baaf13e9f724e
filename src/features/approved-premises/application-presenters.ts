import {
  APPLICATION_STATUS_TEXT,
  BED_CHARACTERISTICS,
  bedCharacteristics,
  PREMISES_NEEDS,
} from '../../domain/approved-premises/index.ts'
import { formatDate, formatDateTime } from '../../web/filters.ts'
import { datePartsFor, list, text, type FormBody } from '../../web/forms.ts'
import { approvedPremisesPaths as paths } from '../../web/paths.ts'
import type { ApplicationPage, ApplicationSummary, ListedApplication, NewApplicationPage } from './applications.ts'
import type { MatchPage } from './matching.ts'
import type { ApplicationEventRow, ApplicationRow } from './queries/applications.ts'

/** View models for the approved premises application pages: display values only, pure. */

const ESSENTIAL = [...BED_CHARACTERISTICS, ...PREMISES_NEEDS]
const ESSENTIAL_TEXT = Object.fromEntries(ESSENTIAL.map(c => [c.code, c.text])) as Record<string, string>
const none = (items: string[]) => (items.length ? items.join('; ') : 'None recorded')

/** The record's facts, as summary-list rows (the same at submission and after). */
export function summaryRows(s: ApplicationSummary) {
  const row = (key: string, value: string, qa: string) => ({
    key: { text: key },
    value: { text: value },
    attributes: { 'data-qa': `summary-${qa}` },
  })
  const release = s.release.date
    ? `${s.release.released ? 'Released' : 'Expected'} ${formatDate(s.release.date)}${s.release.type ? ` (${s.release.type})` : ''}`
    : 'No release date recorded'
  return [
    row('Name', `${s.person.name} (${s.person.crn})`, 'person'),
    row('Date of birth', formatDate(s.person.dateOfBirth), 'dob'),
    row(
      'Current sentence',
      s.sentence
        ? `${s.sentence.text}${s.sentence.lengthText ? `, ${s.sentence.lengthText}` : ''}, sentenced ${formatDate(s.sentence.sentenceDate)}`
        : 'No current sentence',
      'sentence',
    ),
    row('Release', release, 'release'),
    row('Key dates', none(s.keyDates.map(k => `${k.name}: ${formatDate(k.date)}`)), 'key-dates'),
    row(
      'Risk of serious harm',
      s.rosh
        ? `${s.rosh.overall} overall (assessed ${formatDate(s.rosh.assessed)}): ${s.rosh.levels.map(l => `${l.who} ${l.level.toLowerCase()}`).join(', ')}${s.rosh.natureOfHarm ? `. ${s.rosh.natureOfHarm}` : ''}`
        : 'No RoSH assessment recorded',
      'rosh',
    ),
    row('Risk flags', none(s.flags), 'flags'),
    row(
      'Offences',
      none(
        s.offences.map(
          o =>
            `${o.description ?? `Offence code ${o.code}`}${o.main ? ' (main)' : ''}${o.notes.length ? ` – ${o.notes.join(', ')}` : ''}`,
        ),
      ),
      'offences',
    ),
    row('MAPPA', s.mappa ? `Category ${s.mappa.category}, level ${s.mappa.level}` : 'Not managed under MAPPA', 'mappa'),
    row('Licence conditions', none(s.licenceConditions), 'licence'),
    row('Needs', none(s.needs), 'needs'),
  ]
}

export function newApplicationView(page: NewApplicationPage, body?: FormBody) {
  const chosen = body ? list(body, 'essential') : []
  const sharing = body ? text(body, 'roomSharing') : ''
  const value = (name: string) => (body ? text(body, name) : '')
  return {
    crn: page.crn,
    name: page.summary.person.name,
    personHref: paths.person(page.crn),
    action: paths.personApplications(page.crn),
    summary: summaryRows(page.summary),
    previous: page.applications.map(a => ({
      href: paths.application(a.id),
      status: a.statusText,
      arrival: formatDate(a.arrival),
    })),
    values: {
      reasons: value('reasons'),
      exclusionZones: value('exclusionZones'),
      areasToAvoid: value('areasToAvoid'),
      preferredArea: value('preferredArea'),
      accessNeeds: value('accessNeeds'),
      healthNeeds: value('healthNeeds'),
      previousPlacements: value('previousPlacements'),
      moveOnPlan: value('moveOnPlan'),
    },
    bedItems: BED_CHARACTERISTICS.map(c => ({ value: c.code, text: c.text, checked: chosen.includes(c.code) })),
    premisesItems: PREMISES_NEEDS.map(c => ({ value: c.code, text: c.text, checked: chosen.includes(c.code) })),
    sharingItems: [
      { value: 'yes', text: 'Yes', checked: sharing === 'yes' },
      { value: 'no', text: 'No', checked: sharing === 'no' },
    ],
    arrival: datePartsFor(body, 'arrival', page.defaultArrival),
    departure: datePartsFor(body, 'departure', null),
  }
}

function applicationRow(a: ListedApplication) {
  return {
    id: a.id,
    href: paths.application(a.id),
    name: a.visible ? `${a.forename} ${a.surname}` : 'Restricted record',
    crn: a.crn,
    status: APPLICATION_STATUS_TEXT[a.status],
    arrival: formatDate(a.arrival_date),
    submitted: formatDateTime(a.submitted_at),
    submittedBy: a.submitted_by_name ?? '',
  }
}

export function applicationListView(rows: ListedApplication[]) {
  const of = (status: ApplicationRow['status']) => rows.filter(r => r.status === status).map(applicationRow)
  return {
    awaiting: of('awaiting_assessment'),
    information: of('information_requested'),
    accepted: of('accepted'),
  }
}

const EVENT_TEXT: Record<ApplicationEventRow['kind'], string> = {
  submitted: 'Submitted',
  information_requested: 'Information requested',
  information_given: 'Information given',
  accepted: 'Accepted',
  rejected: 'Rejected',
  placed: 'Placed',
  booking_cancelled: 'Booking cancelled: awaiting placement again',
  withdrawn: 'Withdrawn by the case manager',
}

export function applicationView(page: ApplicationPage, body?: FormBody) {
  const a = page.application
  const decision = body ? text(body, 'decision') : ''
  return {
    id: a.id,
    name: `${a.forename} ${a.surname}`,
    crn: a.crn,
    status: a.status,
    statusText: APPLICATION_STATUS_TEXT[a.status],
    viewer: page.viewer,
    personHref: page.viewer === 'manager' ? paths.person(a.crn) : null,
    summary: summaryRows(page.summary),
    answers: [
      ['Region', a.region_name],
      ['Reasons for the placement', a.reasons],
      ['Exclusion zones', a.exclusion_zones ?? 'None'],
      ['Areas to avoid', a.areas_to_avoid ?? 'None'],
      ['Preferred area', a.preferred_area ?? 'None'],
      ['Access needs', a.access_needs ?? 'None'],
      ['Health needs', a.health_needs ?? 'None'],
      ['Essential characteristics', none(a.essential_characteristics.map(c => ESSENTIAL_TEXT[c] ?? c))],
      ['Can share a room', a.room_sharing ? 'Yes' : 'No'],
      ['Previous approved premises placements', a.previous_placements ?? 'None'],
      ['Move-on plan', a.move_on_plan],
      ['Expected arrival', formatDate(a.arrival_date)],
      ['Expected departure', formatDate(a.departure_date)],
      ['Submitted', `${formatDateTime(a.submitted_at)}${a.submitted_by_name ? ` by ${a.submitted_by_name}` : ''}`],
    ].map(([k, v]) => ({ key: { text: k }, value: { text: v } })),
    question: [...page.events].reverse().find(e => e.kind === 'information_requested')?.text ?? null,
    history: page.events.map(e => ({
      what: EVENT_TEXT[e.kind],
      text: e.text,
      who: e.recorded_by_name ?? '',
      when: formatDateTime(e.recorded_at),
    })),
    canDecide: page.viewer === 'staff' && a.status === 'awaiting_assessment',
    canReject: page.viewer === 'staff' && a.status === 'information_requested',
    canAnswer: page.viewer === 'manager' && a.status === 'information_requested',
    canWithdraw:
      page.viewer === 'manager' && ['awaiting_assessment', 'information_requested', 'accepted'].includes(a.status),
    withdrawAction: paths.withdraw(a.id),
    matchHref: page.viewer === 'staff' && a.status === 'accepted' ? paths.match(a.id) : null,
    decisionAction: paths.decision(a.id),
    answerAction: paths.answer(a.id),
    decisionItems: [
      { value: 'accept', text: 'Accept', checked: decision === 'accept' },
      {
        value: 'request_information',
        text: 'Request information',
        checked: decision === 'request_information',
        conditional: 'question',
      },
      { value: 'reject', text: 'Reject', checked: decision === 'reject', conditional: 'rejectReason' },
    ],
    values: {
      question: body ? text(body, 'question') : '',
      rejectReason: body ? text(body, 'rejectReason') : '',
      answer: body ? text(body, 'answer') : '',
      withdrawReason: body ? text(body, 'withdrawReason') : '',
    },
  }
}

export function matchView(page: MatchPage) {
  const a = page.application
  return {
    id: a.id,
    name: `${a.forename} ${a.surname}`,
    crn: a.crn,
    accepted: a.status === 'accepted',
    statusText: APPLICATION_STATUS_TEXT[a.status],
    applicationHref: paths.application(a.id),
    action: paths.match(a.id),
    stay: `${formatDate(a.arrival_date)} to ${formatDate(a.departure_date)}`,
    essential: none(a.essential_characteristics.map(c => ESSENTIAL_TEXT[c] ?? c)),
    premises: page.premises.map(p => ({
      id: p.id,
      name: p.name,
      postcode: p.postcode,
      beds: p.beds.map(b => ({
        value: `${p.id}:${b.id}`,
        id: b.id,
        text: `${b.code} (room ${b.room})`,
        characteristics:
          bedCharacteristics(b.features)
            .map(c => ESSENTIAL_TEXT[c] ?? c)
            .join(', ') || 'None',
      })),
    })),
  }
}
