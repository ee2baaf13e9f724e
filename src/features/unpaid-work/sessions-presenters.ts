import type { LocalDate } from '@js-joda/core'
import { datePartsFor, text, type FormBody } from '../../web/forms.ts'
import { unpaidWorkPaths as paths } from '../../web/paths.ts'
import type { RegisterRow, SessionRow } from './queries/sessions.ts'
import { ATTENDANCE_OUTCOMES, RATINGS } from './sessions-forms.ts'

/**
 * What the session pages show (issue 17 items 2–4): the register (a person named only to those who may read their
 * record), the new session, allocation and recording forms' values.
 */

const OUTCOME_TEXT = Object.fromEntries(ATTENDANCE_OUTCOMES.map(o => [o.value, o.text]))

export function sessionSummary(s: SessionRow) {
  return {
    id: s.id,
    title: `${s.project_name}`,
    date: s.session_date,
    times: `${s.start_time} to ${s.end_time}`,
    supervisor: s.supervisor ?? 'Not chosen',
    capacity: s.capacity,
    pickUpPoint: s.pick_up_point,
    stoodDown: s.stood_down_at ? { reason: s.stood_down_reason ?? '' } : null,
    projectHref: paths.project(s.project_id),
    href: paths.session(s.id),
  }
}

export function registerView(page: {
  session: SessionRow
  people: (RegisterRow & { visible: boolean })[]
  canManage: boolean
  canRecord: boolean
  today: LocalDate
}) {
  const started = page.session.session_date <= page.today.toString()
  return {
    session: sessionSummary(page.session),
    allocated: page.people.length,
    rows: page.people.map(p => ({
      id: p.id,
      name: p.visible ? `${p.forename} ${p.surname}` : 'A person whose record you cannot see',
      crn: p.visible ? p.crn : null,
      personHref: p.visible ? `/people/${p.crn}` : null,
      recorded: p.outcome
        ? `${OUTCOME_TEXT[p.outcome] ?? p.outcome}${Number(p.minutes_credited) > 0 ? ` – ${hoursAndMinutes(Number(p.minutes_credited))} credited` : ''}`
        : 'Not recorded',
      ete: p.ete,
      recordHref: page.canRecord && started && !page.session.stood_down_at ? paths.record(page.session.id, p.id) : null,
      removeAction:
        page.canManage && !p.outcome ? `/unpaid-work/sessions/${page.session.id}/allocations/${p.id}/remove` : null,
    })),
    canAllocate: page.canManage && !page.session.stood_down_at && page.people.length < page.session.capacity,
    canStandDown: page.canManage && !page.session.stood_down_at,
    allocateHref: paths.allocate(page.session.id),
    standDownAction: paths.standDown(page.session.id),
  }
}

/**
 * Minutes as hours and minutes.
 *
 * @example
 * hoursAndMinutes(450) // '7 hours 30 minutes'
 */
export function hoursAndMinutes(total: number): string {
  const h = Math.floor(total / 60)
  const m = total % 60
  const hours = h ? `${h} hour${h === 1 ? '' : 's'}` : ''
  const minutes = m ? `${m} minute${m === 1 ? '' : 's'}` : ''
  return [hours, minutes].filter(Boolean).join(' ') || '0 minutes'
}

export function sessionFormView(
  form: { supervisors: { id: number; display_name: string }[]; defaultCapacity: number },
  body?: FormBody,
) {
  const chosen = body ? text(body, 'supervisor') : ''
  return {
    date: datePartsFor(body, 'date', null),
    value: {
      startTime: body ? text(body, 'startTime') : '09:00',
      endTime: body ? text(body, 'endTime') : '16:00',
      capacity: body ? text(body, 'capacity') : String(form.defaultCapacity),
      pickUpPoint: body ? text(body, 'pickUpPoint') : '',
    },
    supervisors: [
      { value: '', text: 'Choose later' },
      ...form.supervisors.map(s => ({ value: String(s.id), text: s.display_name, selected: chosen === String(s.id) })),
    ],
  }
}

export function allocateFormView(
  form: { requirements: { id: number; length: number | null; sentence_date: string }[] },
  body?: FormBody,
) {
  const chosen = body ? text(body, 'requirement') : ''
  return {
    value: { crn: body ? text(body, 'crn') : '', ete: body ? text(body, 'ete') : 'no' },
    requirements: form.requirements.map(r => ({
      value: String(r.id),
      text: `${r.length ?? '?'} hours, sentenced ${r.sentence_date}`,
      checked: chosen === String(r.id),
    })),
  }
}

const ratingItems = (chosen: string) => [
  { value: '', text: 'Not rated' },
  ...RATINGS.map(r => ({ ...r, selected: chosen === r.value })),
]

export function recordFormView(
  form: {
    current: { outcome: string; time_in: string | null; time_out: string | null; minutes_worked: number } | null
    session: SessionRow
  },
  body?: FormBody,
) {
  const v = (name: string, stored: string) => (body ? text(body, name) : stored)
  const c = form.current
  return {
    outcomes: ATTENDANCE_OUTCOMES.map(o => ({
      value: o.value,
      text: o.text,
      hint: o.hint ? { text: o.hint } : undefined,
      checked: v('outcome', c?.outcome ?? '') === o.value,
    })),
    workQuality: ratingItems(v('workQuality', '')),
    behaviour: ratingItems(v('behaviour', '')),
    value: {
      reason: v('reason', ''),
      forBehaviour: v('forBehaviour', ''),
      timeIn: v('timeIn', c?.time_in ?? form.session.start_time),
      timeOut: v('timeOut', c?.time_out ?? form.session.end_time),
      minutesWorked: v('minutesWorked', ''),
      travelMinutes: v('travelMinutes', ''),
      penaltyMinutes: v('penaltyMinutes', ''),
      hiVisWorn: v('hiVisWorn', ''),
      notes: v('notes', ''),
    },
    travel: form.session.travel_time_credited,
    current: c ? { outcome: OUTCOME_TEXT[c.outcome] ?? c.outcome } : null,
  }
}
