import type { LocalDate } from '@js-joda/core'
import {
  BED_CHARACTERISTICS,
  bedCharacteristics,
  nightlyTotals,
  type BedNight,
  type NightStatus,
} from '../../domain/approved-premises/index.ts'
import { datePartsFor, text, type FormBody } from '../../web/forms.ts'
import { formatDate, formatDateTime } from '../../web/filters.ts'
import { approvedPremisesPaths as paths } from '../../web/paths.ts'
import type { BedPlan } from './bed-plan.ts'
import type { BookingPage, NewBookingPage } from './booking-page.ts'
import type { OutOfServicePage } from './out-of-service.ts'
import type { PremisesPage } from './premises.ts'
import type { BedRow, PremisesListRow, PremisesRow } from './queries.ts'

/** View models for the approved premises pages: display values only, pure. */

const CHARACTERISTIC_TEXT = Object.fromEntries(BED_CHARACTERISTICS.map(c => [c.code, c.text])) as Record<string, string>

/** What the premises offer, in words. */
function offers(p: Pick<PremisesRow, 'step_free_access' | 'pipe' | 'enhanced_security'>): string[] {
  return [
    p.step_free_access ? 'Step-free access' : null,
    p.pipe ? 'Psychologically informed planned environment (PIPE)' : null,
    p.enhanced_security ? 'Enhanced security' : null,
  ].filter((x): x is string => x !== null)
}

const genderText = (g: 'male' | 'female') => (g === 'male' ? 'Men' : 'Women')
export const bedLabel = (b: Pick<BedRow, 'room' | 'code'>) => `${b.code} (room ${b.room})`

export function premisesListView(rows: PremisesListRow[]) {
  return {
    rows: rows.map(r => ({
      id: r.id,
      name: r.name,
      href: paths.premises(r.id),
      planHref: paths.bedPlan(r.id),
      code: r.code,
      region: r.region_name,
      gender: genderText(r.gender),
      beds: Number(r.beds),
      offers: offers(r).join(', ') || 'None recorded',
    })),
  }
}

function premisesSummary(p: PremisesRow, bedCount: number) {
  return [
    { key: { text: 'Code' }, value: { text: p.code } },
    { key: { text: 'Region' }, value: { text: p.region_name } },
    { key: { text: 'Address' }, value: { html: escapeLines(`${p.address}\n${p.postcode}`) } },
    { key: { text: 'For' }, value: { text: genderText(p.gender) } },
    { key: { text: 'Capacity' }, value: { text: `${bedCount} ${bedCount === 1 ? 'bed' : 'beds'}` } },
    { key: { text: 'Offers' }, value: { text: offers(p).join(', ') || 'None recorded' } },
  ]
}

const escapeLines = (value: string) => escapeHtml(value).split('\n').join('<br>')

export function premisesView(page: PremisesPage) {
  const id = page.premises.id
  const bedCode = new Map(page.beds.map(b => [b.id, bedLabel(b)]))
  return {
    premises: { id, name: page.premises.name, planHref: paths.bedPlan(id), newBookingHref: paths.newBooking(id) },
    summary: premisesSummary(page.premises, page.beds.length),
    canManage: page.canManage,
    beds: page.beds.map(b => ({
      id: b.id,
      label: bedLabel(b),
      characteristics: bedCharacteristics(b).map(c => CHARACTERISTIC_TEXT[c]),
      outOfServiceHref: paths.newOutOfService(id, b.id),
      bookHref: paths.newBooking(id, b.id),
    })),
    outOfService: page.outOfService.map(o => ({
      bed: bedCode.get(o.bed_id) ?? '',
      from: formatDate(o.from_date),
      to: formatDate(o.to_date),
      reason: o.reason,
      endHref: paths.endOutOfService(id, o.id),
    })),
    bookings: page.bookings.map(b => ({
      id: b.id,
      href: paths.booking(id, b.id),
      name: b.visible ? `${b.forename} ${b.surname}` : 'Restricted record',
      personHref: b.visible ? paths.person(b.crn) : null,
      crn: b.crn,
      bed: bedLabel({ room: b.room, code: b.bed_code }),
      arrival: formatDate(b.arrival_date),
      departure: formatDate(b.departure_date),
    })),
  }
}

const STATUS: Record<NightStatus, { letter: string; text: string }> = {
  occupied: { letter: 'O', text: 'Occupied' },
  booked: { letter: 'B', text: 'Booked' },
  'out-of-service': { letter: 'X', text: 'Out of service' },
  free: { letter: '', text: 'Free' },
}

const DAY = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
const dayLabel = (d: LocalDate) => `${DAY[d.dayOfWeek().value() - 1]} ${d.dayOfMonth()}`

/** Text for HTML: the five characters that could change its meaning escaped. */
function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/** Nights in a row with the same status (and booking, and reason): one cell spanning them. */
interface Run {
  from: string
  nights: number
  night: BedNight
}

function runsOf(nights: readonly BedNight[], iso: readonly string[]): Run[] {
  const runs: Run[] = []
  nights.forEach((n, i) => {
    const last = runs[runs.length - 1]
    const same = last && last.night.status === n.status && last.night.bookingId === n.bookingId
    if (same && last.night.reason === n.reason) last.nights++
    else runs.push({ from: iso[i]!, nights: 1, night: n })
  })
  return runs
}

/**
 * A run of nights as one cell: its status letter (hidden from screen readers) and words (shown only to them), a
 * booked run linking to its booking. Built here as one string a row: a cell a night for 12 weeks of beds made the page
 * half a megabyte and most of its time (bench/http.ts "bed plan"); a cell a run is a few a row.
 */
function runCell(premisesId: number, run: Run): string {
  const n = run.night
  const status = STATUS[n.status]
  const words = `${status.text}${n.reason ? `: ${n.reason}` : ''}${run.nights > 1 ? `, ${run.nights} nights` : ''}`
  const letter = status.letter ? `<span aria-hidden="true">${status.letter}</span>` : ''
  const text = `${letter}<span class="govuk-visually-hidden">${escapeHtml(words)}</span>`
  const inner = n.bookingId ? `<a href="${paths.booking(premisesId, n.bookingId)}">${text}</a>` : text
  const span = run.nights > 1 ? ` colspan="${run.nights}"` : ''
  return `<td class="probity-night probity-night--${n.status}"${span} data-from="${run.from}">${inner}</td>`
}

/** The plan a week a table: each bed a row, each night a cell with its status letter, word and booking link. */
export function bedPlanView(bp: BedPlan) {
  const id = bp.premises.id
  const totals = nightlyTotals(bp.plan, bp.nights)
  const weeks = []
  for (let w = 0; w * 7 < bp.nights; w++) {
    const days = Array.from({ length: 7 }, (_, i) => bp.from.plusDays(w * 7 + i))
    const iso = days.map(d => d.toString())
    weeks.push({
      caption: `Week beginning ${formatDate(iso[0])}`,
      id: `week-${w + 1}`,
      days: days.map((d, i) => ({ short: dayLabel(d), long: formatDate(iso[i]) })),
      free: days.map((_, i) => totals[w * 7 + i]!.free),
      rows: bp.beds.map(b => ({
        bed: bedLabel(b),
        bedId: b.id,
        cellsHtml: runsOf((bp.plan.get(b.id) ?? []).slice(w * 7, w * 7 + 7), iso)
          .map(run => runCell(id, run))
          .join(''),
      })),
    })
  }
  const from = bp.from.toString()
  return {
    premises: { id, name: bp.premises.name, href: paths.premises(id), newBookingHref: paths.newBooking(id) },
    canManage: bp.canManage,
    from: formatDate(from),
    to: formatDate(bp.from.plusDays(bp.nights - 1).toString()),
    earlierHref: paths.bedPlan(id, bp.from.minusWeeks(4).toString()),
    laterHref: paths.bedPlan(id, bp.from.plusWeeks(4).toString()),
    key: (['free', 'booked', 'occupied', 'out-of-service'] as const).map(s => ({ status: s, ...STATUS[s] })),
    weeks,
  }
}

/** The posted form when it is sent back, else nothing typed yet. */
const typed = (body: FormBody | undefined, name: string, fallback = '') => (body ? text(body, name) : fallback)

export function newBookingView(page: NewBookingPage, body: FormBody | undefined, bedId?: string) {
  const chosen = typed(body, 'bed', bedId ?? '')
  return {
    premises: { id: page.premises.id, name: page.premises.name, href: paths.premises(page.premises.id) },
    action: paths.bookings(page.premises.id),
    crn: typed(body, 'crn'),
    beds: [
      { value: '', text: 'Choose a bed', selected: chosen === '' },
      ...page.beds.map(b => ({
        value: String(b.id),
        text: [bedLabel(b), ...bedCharacteristics(b).map(c => CHARACTERISTIC_TEXT[c])].join(', '),
        selected: chosen === String(b.id),
      })),
    ],
    arrival: datePartsFor(body, 'arrival'),
    departure: datePartsFor(body, 'departure'),
  }
}

export function outOfServiceView(page: NewBookingPage, bedId: number, body: FormBody | undefined) {
  const bed = page.beds.find(b => b.id === bedId)
  return {
    premises: { id: page.premises.id, name: page.premises.name, href: paths.premises(page.premises.id) },
    bed: bed ? bedLabel(bed) : '',
    action: paths.outOfService(page.premises.id, bedId),
    from: datePartsFor(body, 'from'),
    to: datePartsFor(body, 'to'),
    reason: typed(body, 'reason'),
  }
}

/** The page that brings a bed back into service before its out-of-service period ends. */
export function endOutOfServiceView(page: OutOfServicePage, body: FormBody | undefined) {
  const { premises, period } = page
  return {
    premises: { id: premises.id, name: premises.name, href: paths.premises(premises.id) },
    bed: bedLabel({ room: period.room, code: period.bed_code }),
    period: { from: formatDate(period.from_date), to: formatDate(period.to_date), reason: period.reason },
    action: paths.endOutOfService(premises.id, period.id),
    endReason: typed(body, 'endReason'),
  }
}

const EVENT_TEXT = { made: 'Booked', changed: 'Changed', cancelled: 'Cancelled' } as const

export function bookingView(page: BookingPage, body: FormBody | undefined) {
  const b = page.booking
  const id = page.premises.id
  return {
    premises: { id, name: page.premises.name, href: paths.premises(id), planHref: paths.bedPlan(id) },
    person: {
      name: `${page.person.forename} ${page.person.surname}`,
      crn: page.person.crn,
      href: paths.person(page.person.crn),
    },
    summary: [
      { key: { text: 'Bed' }, value: { text: bedLabel({ room: b.room, code: b.bed_code }) } },
      { key: { text: 'Arrival' }, value: { text: formatDate(b.arrival_date) } },
      { key: { text: 'Departure' }, value: { text: formatDate(b.departure_date) } },
      { key: { text: 'Status' }, value: { text: b.cancelled ? 'Cancelled' : 'Booked' } },
    ],
    cancelled: b.cancelled,
    canManage: page.canManage && !b.cancelled,
    history: page.history.map(e => ({
      what: EVENT_TEXT[e.kind],
      detail: `Bed ${e.bed_code}, ${formatDate(e.arrival_date)} to ${formatDate(e.departure_date)}`,
      reason: e.reason,
      when: `${formatDateTime(e.recorded_at)}${e.recorded_by_name ? ` by ${e.recorded_by_name}` : ''}`,
    })),
    stayHref: paths.stay(id, b.id),
    changeAction: paths.changeBooking(id, b.id),
    cancelAction: paths.cancelBooking(id, b.id),
    arrival: datePartsFor(body, 'arrival', b.arrival_date),
    departure: datePartsFor(body, 'departure', b.departure_date),
    changeReason: typed(body, 'changeReason'),
    cancelReason: typed(body, 'cancelReason'),
  }
}
