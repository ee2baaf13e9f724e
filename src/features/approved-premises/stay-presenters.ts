import type { Curfew } from '../../domain/approved-premises/index.ts'
import { datePartsFor, text, type FormBody } from '../../web/forms.ts'
import { formatDate, formatDateTime, humaniseDates } from '../../web/filters.ts'
import { approvedPremisesPaths as paths } from '../../web/paths.ts'
import { bedLabel } from './presenters.ts'
import { ACTIVITY_KINDS, DEPARTURE_REASONS, DESTINATIONS, INCIDENT_KINDS } from './stay-forms.ts'
import type { Resident, StayPage } from './stays.ts'

/** View models for a stay's page and the residents on the premises page: display values only, pure. */

const textOf = (list: readonly { value: string; text: string }[], value: string) =>
  list.find(x => x.value === value)?.text ?? value

export const curfewText = (c: Curfew) =>
  `${c.start} to ${c.end} (${c.source === 'licence' ? 'licence condition' : 'premises default'})`

const by = (at: Date | string, name: string | null) => `${formatDateTime(at)}${name ? ` by ${name}` : ''}`

/** The posted form when it is sent back, else nothing typed yet. */
const typed = (body: FormBody | undefined, name: string) => (body ? text(body, name) : '')

const options = (list: readonly { value: string; text: string }[], chosen: string, prompt: string) => [
  { value: '', text: prompt, selected: chosen === '' },
  ...list.map(x => ({ value: x.value, text: x.text, selected: x.value === chosen })),
]

export type StayStatus = 'expected' | 'not-arrived' | 'resident' | 'departed'

export function stayStatus(page: Pick<StayPage, 'arrival' | 'nonArrival' | 'departure'>): StayStatus {
  if (page.departure) return 'departed'
  if (page.arrival) return 'resident'
  if (page.nonArrival) return 'not-arrived'
  return 'expected'
}

const STATUS_TEXT: Record<StayStatus, string> = {
  expected: 'Expected',
  'not-arrived': 'Did not arrive',
  resident: 'Resident',
  departed: 'Left',
}

function summaryRows(page: StayPage, status: StayStatus) {
  const b = page.booking
  const d = page.departure
  const keyworker = page.keyworkers[page.keyworkers.length - 1]
  return [
    { key: { text: 'Status' }, value: { text: STATUS_TEXT[status] } },
    { key: { text: 'Bed' }, value: { text: bedLabel({ room: b.room, code: b.bed_code }) } },
    { key: { text: 'Booked' }, value: { text: `${formatDate(b.arrival_date)} to ${formatDate(b.departure_date)}` } },
    ...(page.arrival ? [{ key: { text: 'Arrived' }, value: { text: formatDate(page.arrival.arrival_date) } }] : []),
    ...(page.nonArrival
      ? [
          {
            key: { text: 'Did not arrive' },
            value: {
              text: `${page.nonArrival.reason} (${by(page.nonArrival.recorded_at, page.nonArrival.recorded_by_name)})`,
            },
          },
        ]
      : []),
    ...(d
      ? [
          { key: { text: 'Left' }, value: { text: formatDate(d.departure_date) } },
          { key: { text: 'Why they left' }, value: { text: textOf(DEPARTURE_REASONS, d.reason) } },
          {
            key: { text: 'Where to' },
            value: {
              text:
                d.destination === 'address'
                  ? `${d.address ?? ''}, ${d.postcode ?? ''}`
                  : textOf(DESTINATIONS, d.destination),
            },
          },
        ]
      : []),
    { key: { text: 'Keyworker' }, value: { text: keyworker?.keyworker_name ?? 'None chosen' } },
    { key: { text: 'Curfew' }, value: { text: curfewText(page.curfew) } },
  ]
}

function formView(page: StayPage, body: FormBody | undefined) {
  const b = page.booking
  const today = page.today.toString()
  const keyworker = page.keyworkers[page.keyworkers.length - 1]
  const plan = page.moveOnPlans[page.moveOnPlans.length - 1]
  return {
    arrival: datePartsFor(body, 'arrival', body ? null : b.arrival_date <= today ? b.arrival_date : null),
    arrivalNotes: typed(body, 'arrivalNotes'),
    nonArrivalReason: typed(body, 'nonArrivalReason'),
    departure: datePartsFor(body, 'departure', null),
    reasons: options(DEPARTURE_REASONS, typed(body, 'reason'), 'Choose a reason'),
    destinations: DESTINATIONS.map(x => ({
      value: x.value,
      text: x.text,
      checked: typed(body, 'destination') === x.value,
    })),
    address: typed(body, 'address'),
    postcode: typed(body, 'postcode'),
    departureNotes: typed(body, 'departureNotes'),
    keyworkers: [
      { value: '', text: 'Choose a member of staff', selected: false },
      ...page.keyworkerChoices.map(u => ({
        value: String(u.id),
        text: u.display_name,
        selected: body ? typed(body, 'keyworker') === String(u.id) : keyworker?.keyworker_user_id === u.id,
      })),
    ],
    checkKind: typed(body, 'checkKind'),
    check: datePartsFor(body, 'check', body ? null : today),
    checkTime: typed(body, 'checkTime'),
    present: typed(body, 'present'),
    checkNotes: typed(body, 'checkNotes'),
    incident: datePartsFor(body, 'incident', body ? null : today),
    incidentKinds: options(INCIDENT_KINDS, typed(body, 'incidentKind'), 'Choose a kind'),
    incidentDescription: typed(body, 'incidentDescription'),
    activity: datePartsFor(body, 'activity', body ? null : today),
    activityKinds: options(ACTIVITY_KINDS, typed(body, 'activityKind'), 'Choose a kind'),
    activityNote: typed(body, 'activityNote'),
    moveOnPlan: body ? typed(body, 'moveOnPlan') : (plan?.plan ?? ''),
  }
}

export function stayView(page: StayPage, body: FormBody | undefined) {
  const b = page.booking
  const id = page.premises.id
  const status = stayStatus(page)
  const plan = page.moveOnPlans[page.moveOnPlans.length - 1]
  const action = (what: string) => paths.stayAction(id, b.id, what)
  return {
    premises: { id, name: page.premises.name, href: paths.premises(id) },
    bookingHref: paths.booking(id, b.id),
    person: {
      name: `${page.person.forename} ${page.person.surname}`,
      crn: page.person.crn,
      href: paths.person(page.person.crn),
      enforcementHref: `/people/${page.person.crn}/enforcement`,
    },
    status,
    statusText: STATUS_TEXT[status],
    summary: summaryRows(page, status),
    canManage: page.canManage && !b.cancelled,
    cancelled: b.cancelled,
    actions: {
      arrival: action('arrival'),
      nonArrival: action('non-arrival'),
      departure: action('departure'),
      keyworker: action('keyworker'),
      check: action('checks'),
      incident: action('incidents'),
      activity: action('activities'),
      moveOn: action('move-on-plan'),
    },
    form: formView(page, body),
    keyworkerHistory: page.keyworkers.map(k => ({
      name: k.keyworker_name,
      when: by(k.recorded_at, k.recorded_by_name),
    })),
    checks: page.checks.map(c => ({
      id: c.id,
      when: `${formatDate(c.check_date)} ${c.check_time}`,
      what: c.kind === 'sign_in' ? 'Signed in' : 'Curfew check',
      present: c.present ? 'Present' : 'Absent',
      breach: c.breach ? humaniseDates(c.breach_reason) : null,
      notes: c.notes,
      recorded: by(c.recorded_at, c.recorded_by_name),
    })),
    incidents: page.incidents.map(i => ({
      date: formatDate(i.incident_date),
      kind: textOf(INCIDENT_KINDS, i.kind),
      description: i.description,
      recorded: by(i.recorded_at, i.recorded_by_name),
    })),
    activities: page.activities.map(a => ({
      date: formatDate(a.activity_date),
      kind: textOf(ACTIVITY_KINDS, a.kind),
      note: a.note,
      recorded: by(a.recorded_at, a.recorded_by_name),
    })),
    moveOnPlan: plan ? { text: plan.plan, recorded: by(plan.recorded_at, plan.recorded_by_name) } : null,
    moveOnHistory: page.moveOnPlans
      .slice(0, -1)
      .reverse()
      .map(p => ({ text: p.plan, recorded: by(p.recorded_at, p.recorded_by_name) })),
  }
}

/** The residents table on the premises page. */
export function residentsView(premisesId: number, residents: Resident[]) {
  return residents.map(r => ({
    bookingId: r.booking_id,
    href: paths.stay(premisesId, r.booking_id),
    name: r.visible ? `${r.forename} ${r.surname}` : 'Restricted record',
    crn: r.crn,
    bed: bedLabel({ room: r.room, code: r.bed_code }),
    arrived: formatDate(r.arrival_date),
    expectedDeparture: formatDate(r.expected_departure),
    keyworker: r.keyworker_name ?? 'None chosen',
    curfew: curfewText(r.curfew),
  }))
}
