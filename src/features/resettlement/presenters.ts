import { LocalDate } from '@js-joda/core'
import {
  CLOCK_STATUS_TEXT,
  clockStatus,
  pathwayText,
  PRE_RELEASE_WEEKS,
  RESETTLEMENT_PATHWAYS,
  SCREENING_RULES,
  type ClockStatus,
} from '../../domain/resettlement/index.ts'
import { datePartsFor, text, type FormBody } from '../../web/forms.ts'
import { formatDate, formatDateTime } from '../../web/filters.ts'
import type { ScreeningClock } from './case-state.ts'
import type { ResettlementPage } from './page.ts'
import type { WorkList } from './work-list.ts'

/** View models for the resettlement page and the work list: display values only, pure. */

const TAG_CLASS: Record<ClockStatus, string> = {
  done: 'govuk-tag--green',
  done_late: 'govuk-tag--yellow',
  late: 'govuk-tag--red',
  due: 'govuk-tag--blue',
}

/** A clock's GOV.UK tag: its words say what the colour does. */
export function statusTag(status: ClockStatus | null) {
  return status ? { text: CLOCK_STATUS_TEXT[status], classes: TAG_CLASS[status] } : null
}

const LENGTH_UNIT: Record<string, string> = { days: 'day', weeks: 'week', months: 'month', years: 'year' }

function lengthText(value: number | null, unit: string | null): string {
  if (value === null || unit === null) return 'Length not recorded'
  return `${value} ${LENGTH_UNIT[unit] ?? unit}${value === 1 ? '' : 's'}`
}

function screeningView(clock: ScreeningClock) {
  return {
    due: clock.due ? formatDate(clock.due.toString()) : null,
    doneOn: clock.done ? formatDate(clock.done.completed_on) : null,
    doneBy: clock.done?.completed_by ?? null,
    notes: clock.done?.notes ?? null,
    tag: statusTag(clock.status),
    corrections: clock.history.slice(0, -1).map(h => ({
      doneOn: formatDate(h.completed_on),
      doneBy: h.completed_by,
      recorded: `${formatDateTime(h.recorded_at)}${h.recorded_by_name ? ` by ${h.recorded_by_name}` : ''}`,
    })),
  }
}

/** The posted form when it is sent back, else the stored values a form starts from. */
function formValues(body: FormBody | undefined, defaults: Record<string, string>): Record<string, string> {
  if (!body) return defaults
  return Object.fromEntries(Object.keys(body).map(k => [k, text(body, k)]))
}

function needsView(page: ResettlementPage, body: FormBody | undefined) {
  const current = new Map(page.needs.map(n => [n.pathway, n]))
  const rows = RESETTLEMENT_PATHWAYS.map(p => {
    const n = current.get(p.code)
    return {
      code: p.code,
      text: p.text,
      answer: n ? (n.need ? 'Yes' : 'No') : 'Not recorded',
      notes: n?.notes ?? '',
      recorded: n ? `${formatDateTime(n.recorded_at)}${n.recorded_by_name ? ` by ${n.recorded_by_name}` : ''}` : '',
      value: body ? text(body, `need-${p.code}`) : n ? (n.need ? 'yes' : 'no') : '',
      notesValue: body ? text(body, `needNotes-${p.code}`) : (n?.notes ?? ''),
    }
  })
  const history = page.needs
    .filter(n => current.get(n.pathway) !== n)
    .map(n => ({
      pathway: pathwayText(n.pathway),
      answer: n.need ? 'Yes' : 'No',
      notes: n.notes ?? '',
      recorded: `${formatDateTime(n.recorded_at)}${n.recorded_by_name ? ` by ${n.recorded_by_name}` : ''}`,
    }))
    .reverse()
  return { rows, history }
}

function actionsView(page: ResettlementPage, body: FormBody | undefined) {
  const today = page.today
  return page.actions.map(a => {
    const status = clockStatus({
      due: LocalDate.parse(a.due_date),
      doneOn: a.done_on ? LocalDate.parse(a.done_on) : null,
      today,
    })
    return {
      id: Number(a.id),
      pathway: pathwayText(a.pathway),
      description: a.description,
      owner: a.owner_organisation
        ? `${a.owner_organisation} (partner organisation)`
        : `${a.owner_forename ?? ''} ${a.owner_surname ?? ''}`.trim(),
      due: formatDate(a.due_date),
      tag: statusTag(status),
      open: a.done_on === null,
      doneOn: a.done_on ? formatDate(a.done_on) : null,
      doneNotes: a.done_notes ?? '',
      doneDate: datePartsFor(body, `done-${a.id}`, body ? undefined : today.toString()),
      doneNotesValue: body ? text(body, `doneNotes-${a.id}`) : '',
    }
  })
}

function planView(page: ResettlementPage, body: FormBody | undefined) {
  const [current, ...earlier] = page.plans
  const show = (p: (typeof page.plans)[number]) => ({
    firstNightAddress: p.first_night_address,
    metBy: p.met_by,
    travel: p.travel,
    firstAppointment: `${formatDate(p.first_appointment_date)}, ${p.first_appointment_place}`,
    medication: p.medication ?? 'None recorded',
    idDocuments: p.id_documents ?? 'None recorded',
    recorded: `${formatDateTime(p.recorded_at)}${p.recorded_by_name ? ` by ${p.recorded_by_name}` : ''}`,
  })
  const defaults: Record<string, string> = current
    ? {
        firstNightAddress: current.first_night_address,
        metBy: current.met_by,
        travel: current.travel,
        firstAppointmentPlace: current.first_appointment_place,
        medication: current.medication ?? '',
        idDocuments: current.id_documents ?? '',
      }
    : // A booked approved premises placement is the first night's address until a plan says otherwise (issue 16 item 5).
      page.placement
      ? { firstNightAddress: page.placement.address }
      : {}
  return {
    placement: page.placement ? { summary: page.placement.summary, address: page.placement.address } : null,
    current: current ? show(current) : null,
    earlier: earlier.map(show),
    values: formValues(body, defaults),
    firstAppointmentDate: datePartsFor(body, 'firstAppointmentDate', current?.first_appointment_date),
  }
}

/** The resettlement page's view model; `body` is the form sent back with its errors, if any. */
export function resettlementView(page: ResettlementPage, body?: FormBody) {
  const { state } = page
  const window = state?.window ?? null
  return {
    person: { crn: page.person.crn, forename: page.person.forename, surname: page.person.surname },
    canUpdate: page.canUpdate,
    hasSentence: state !== null,
    sentence: state
      ? {
          date: formatDate(state.sentence.sentence_date),
          length: lengthText(state.sentence.length_value, state.sentence.length_unit),
        }
      : null,
    custody: state?.custody
      ? {
          receptionDate: formatDate(state.custody.reception_date),
          prisonNumber: state.custody.prison_number,
          releasedOn: state.custody.released_on ? formatDate(state.custody.released_on) : null,
        }
      : null,
    rules: { ...SCREENING_RULES, preReleaseWeeks: PRE_RELEASE_WEEKS },
    partOne: state ? screeningView(state.partOne) : null,
    partTwo: state ? { ...screeningView(state.partTwo), required: state.partTwo.required } : null,
    screeningValues: formValues(body, {}),
    screeningDates: {
      part1: datePartsFor(body, 'part1-completedOn'),
      part2: datePartsFor(body, 'part2-completedOn'),
    },
    needs: needsView(page, body),
    actions: actionsView(page, body),
    actionValues: formValues(body, {}),
    actionDue: datePartsFor(body, 'actionDue'),
    pathwayItems: RESETTLEMENT_PATHWAYS.map(p => ({ value: p.code, text: p.text })),
    staffItems: [
      { value: '', text: 'Choose a member of staff', selected: false },
      ...page.staff.map(s => ({
        value: String(s.id),
        text: `${s.forename} ${s.surname}`,
        selected: body !== undefined && text(body, 'actionOwnerStaff') === String(s.id),
      })),
    ],
    window: window
      ? {
          opens: formatDate(window.opens.toString()),
          earliest: formatDate(window.earliestRelease.toString()),
          earliestKey: window.earliestKey,
          closes: formatDate(window.closes.toString()),
          closesKey: window.closesKey,
          inside: state?.inWindow ?? false,
        }
      : null,
    plan: planView(page, body),
  }
}

/** The work list's view model: rows of screenings, actions and pre-release cases, each linking to the person. */
export function workListView(list: WorkList) {
  const personLink = (p: { crn: string; name: string; prison: string | null }) => ({
    crn: p.crn,
    name: p.name,
    prison: p.prison,
    href: `/people/${p.crn}/resettlement`,
  })
  return {
    scope: list.scope?.kind ?? null,
    scopeName: list.scopeName,
    prison: list.prison,
    prisonItems: [
      { value: '', text: 'Every prison' },
      ...list.prisons.map(p => ({ value: p.code, text: p.name, selected: p.code === list.prison?.code })),
    ],
    screenings: list.screenings.map(s => ({
      person: personLink(s.person),
      part: s.part,
      what: s.part === 1 ? 'Basic custody screening part 1 (the prison’s)' : 'Basic custody screening part 2',
      due: formatDate(s.due.toString()),
      tag: statusTag(s.status),
    })),
    actions: list.actions.map(a => ({
      person: personLink(a.person),
      pathway: pathwayText(a.pathway),
      description: a.description,
      owner: a.owner,
      due: formatDate(a.due.toString()),
      tag: statusTag(a.status),
    })),
    preRelease: list.preRelease.map(p => ({
      person: personLink(p.person),
      earliest: formatDate(p.state.window!.earliestRelease.toString()),
      earliestKey: p.state.window!.earliestKey,
      opened: formatDate(p.state.window!.opens.toString()),
    })),
  }
}
