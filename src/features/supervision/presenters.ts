import type { BreachOutcome, BreachStatus } from '../../domain/enforcement/breach-process.ts'
import { RECALL_TRANSITIONS, type RecallStatus } from '../../domain/enforcement/recall-process.ts'
import { formatDate } from '../../web/filters.ts'
import { dateParts, text, type FormBody } from '../../web/forms.ts'
import type { ContactRow, CurrentOrder, SupervisedPerson } from './queries.ts'
import {
  ABSENCE_REASONS,
  absenceReasonText,
  APPOINTMENT_TYPES,
  contactType,
  LETTER_ACTIONS,
  OUTCOME_CHOICES,
  outcomeText,
} from './reference-data.ts'
import type { SupervisionService } from './service.ts'
import { londonDate, londonTime, spokenTime } from './time.ts'

/** View models for supervision's pages: rows in, what the templates print out. */

type Page<K extends keyof SupervisionService> = Awaited<ReturnType<SupervisionService[K]>>

/** What the person layout (people/views/_person-layout.njk) prints. */
export function layoutPerson(p: SupervisedPerson) {
  return {
    crn: p.crn,
    forename: p.forename,
    middleNames: p.middle_names,
    surname: p.surname,
    dateOfBirth: p.date_of_birth,
  }
}

export function orderText(o: Pick<CurrentOrder, 'sentence_type' | 'event_number' | 'sentence_date'>) {
  const kind =
    o.sentence_type === 'community_order'
      ? 'Community order'
      : o.sentence_type === 'suspended_sentence_order'
        ? 'Suspended sentence order'
        : 'Licence (custodial sentence)'
  return `${kind}, event ${o.event_number}, sentenced ${formatDate(o.sentence_date)}`
}

const REQUIREMENT_TEXT: Record<string, string> = {
  unpaid_work: 'Unpaid work',
  rehabilitation_activity: 'Rehabilitation activity (RAR)',
  programme: 'Accredited programme',
}

export function appointmentView(
  r: Omit<ContactRow, 'staff_forename' | 'staff_surname'> & {
    staff_forename?: string | null
    staff_surname?: string | null
  },
) {
  const type = contactType(r.contact_type)
  const date = londonDate(r.starts_at)
  return {
    id: r.id,
    typeText: type?.text ?? r.contact_type,
    nationalStandard: r.national_standard,
    dateText: formatDate(date),
    date,
    timeText: spokenTime(londonTime(r.starts_at)) + (r.ends_at ? ` to ${spokenTime(londonTime(r.ends_at))}` : ''),
    location: r.location,
    withWhom: r.staff_forename ? `${r.staff_forename} ${r.staff_surname}` : '',
    outcome: r.outcome,
    outcomeText: outcomeText(r.outcome) + (r.absence_reason ? ` (${absenceReasonText(r.absence_reason)})` : ''),
    rescheduled: (r.outcome ?? '').startsWith('rescheduled'),
    sensitive: r.sensitive,
    system: r.system_generated,
    series: r.series_id,
    notes: r.notes,
    isAppointment: r.is_appointment,
    category: type?.category ?? 'case-note',
  }
}

export function contactView(page: Page<'contactPage'>) {
  const c = appointmentView(page.contact)
  return {
    ...c,
    version: page.contact.version,
    isFuture: page.isFuture,
    history: page.history.map(h => ({
      outcomeText: outcomeText(h.outcome) + (h.absence_reason ? ` (${absenceReasonText(h.absence_reason)})` : ''),
      at: h.recorded_at,
      by: h.recorded_by,
      notes: h.notes,
    })),
    movedTo: page.movedTo,
    movedFrom: page.movedFrom,
    documents: page.documents,
    actions: page.actions.map(actionView),
  }
}

const ACTION_TEXT: Record<string, string> = {
  evidence_window: 'Waiting for evidence of the absence',
  warning_letter: 'Send the warning letter',
  breach_letter: 'Send the breach letter',
  explanation_window: 'Their 7 days to explain',
  breach_pack: 'Prepare the breach pack for court',
  court_hearing: 'Court hearing',
  add_to_open_process: 'Add this failure to the open breach or recall',
  recall_consultation: 'Consider recall with your senior',
  recall_request: 'If recalling: Part A to PPCS',
  no_recall_letter: 'If not recalling: decision-not-to-recall letter',
  ap_non_arrival: 'Approved premises: did not arrive',
  partner_non_attendance: 'Partner service: did not attend',
}

type ActionRow = Page<'enforcementPage'>['actions'][number]

/** An enforcement action; its contact's type (when known) names the link to the contact it was raised from. */
export function actionView(a: Omit<ActionRow, 'contact_type'> & { contact_type?: string | null }) {
  return {
    id: a.id,
    type: a.action_type,
    title: ACTION_TEXT[a.action_type] ?? a.action_type,
    // The rules write dates as YYYY-MM-DD; a page says them in words.
    description: a.description?.replace(/\b\d{4}-\d{2}-\d{2}\b/g, iso => formatDate(iso)) ?? null,
    due: a.due_date,
    dueText: a.due_date ? formatDate(a.due_date) : 'Set by the court',
    status: a.status,
    statusText: a.status === 'open' ? 'Open' : a.status === 'done' ? `Done ${formatDate(a.done_date)}` : 'Withdrawn',
    documentId: a.document_id,
    contactId: a.contact_id,
    /** What the contact is ("Approved premises curfew breach", "Office appointment"), else "The contact". */
    contactText: a.contact_type ? (contactType(a.contact_type)?.text ?? a.contact_type) : 'The contact',
    version: a.version,
    /** A letter: marking it done records the day it was sent, which starts the 7 days to explain. */
    isLetter: LETTER_ACTIONS.includes(a.action_type),
    sentText: LETTER_ACTIONS.includes(a.action_type) && a.status === 'done' ? `Sent ${formatDate(a.done_date)}` : null,
  }
}

export function outcomeFormView(page: Page<'contactPage'>, values?: FormBody) {
  const current = values ? text(values, 'outcome') : (page.contact.outcome ?? '')
  const reason = values ? text(values, 'reason') : (page.contact.absence_reason ?? '')
  return {
    version: values ? text(values, 'version') : String(page.contact.version),
    notes: values ? text(values, 'notes') : '',
    outcomes: OUTCOME_CHOICES.map(o => ({
      value: o.code,
      text: o.label,
      hint: o.hint,
      checked: o.code === current,
      needsReason: o.needsReason,
    })),
    reasons: [
      { value: '', text: 'Choose a reason' },
      ...ABSENCE_REASONS.map(r => ({ value: r.code, text: r.text, selected: r.code === reason })),
    ],
    changing: page.contact.outcome !== null,
  }
}

export function arrangeFormView(page: Page<'arrangeFormPage'>, v: FormBody) {
  const links = page.orders.flatMap(o => [
    { value: `event:${o.event_id}`, text: orderText(o) },
    ...o.requirements.map(r => ({
      value: `requirement:${r.id}`,
      text: `– ${REQUIREMENT_TEXT[r.category] ?? r.category.replaceAll('_', ' ')}${r.length ? ` (${Number(r.length)} ${r.unit ?? ''})` : ''}`,
    })),
  ])
  return {
    values: v,
    types: APPOINTMENT_TYPES.map(t => ({
      value: t.code,
      text: t.text + (t.nationalStandard ? ' (NS)' : ''),
      checked: t.code === text(v, 'type'),
    })),
    staff: [
      { value: '', text: 'Choose who' },
      ...page.staff.map(s => ({
        value: String(s.id),
        text: `${s.forename} ${s.surname}`,
        selected: String(s.id) === text(v, 'staffId'),
      })),
    ],
    links: links.map(l => ({ ...l, selected: l.value === text(v, 'link') })),
    hasOrders: page.orders.length > 0,
  }
}

export function activityView(page: Page<'activityPage'>, query: FormBody) {
  const f = page.filters
  return {
    rows: page.rows.map(appointmentView),
    filters: {
      category: f.category,
      outcome: f.outcome,
      ns: f.nationalStandard,
      system: f.system,
      q: f.q,
      from: dateParts(query, 'from'),
      to: dateParts(query, 'to'),
    },
    outcomes: [
      { value: '', text: 'Any outcome' },
      { value: 'none', text: 'No outcome yet' },
      ...OUTCOME_CHOICES.map(o => ({ value: o.code, text: o.label })),
      { value: 'rescheduled_person', text: outcomeText('rescheduled_person') },
      { value: 'rescheduled_service', text: outcomeText('rescheduled_service') },
    ].map(o => ({ ...o, selected: o.value === f.outcome })),
    filtered: Boolean(f.category || f.outcome || f.nationalStandard || f.system || f.from || f.to || f.q),
    pagination: activityPagination(page.pageNumber, page.hasNextPage, query),
  }
}

/** GOV.UK pagination links for the activity log, keeping the filters in each link. */
function activityPagination(pageNumber: number, hasNext: boolean, query: FormBody) {
  const href = (n: number) => {
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries(query)) {
      if (key === 'page' || value === undefined) continue
      for (const v of Array.isArray(value) ? value : [value]) params.append(key, v)
    }
    params.set('page', String(n))
    return `?${params.toString()}`
  }
  return {
    pageNumber,
    previous: pageNumber > 1 ? { href: href(pageNumber - 1) } : undefined,
    next: hasNext ? { href: href(pageNumber + 1) } : undefined,
  }
}

const BREACH_STATUS_TEXT: Record<string, string> = {
  initiated: 'Breach initiated',
  pack_submitted: 'Breach pack submitted to court',
  court_date_set: 'Court date set',
  outcome_recorded: 'Court outcome recorded',
  withdrawn: 'Withdrawn',
  closed: 'Closed',
  considered: 'Recall being considered with the senior',
  recommended: 'Recommendation recorded',
  recall_decided: 'Decided to recall',
  no_recall_decided: 'Decided not to recall',
  part_a_signed: 'Part A countersigned',
  sent_to_ppcs: 'Sent to PPCS',
  recalled: 'Recalled',
  not_recalled: 'Not recalled by PPCS',
  no_recall_letter_sent: 'Decision-not-to-recall letter sent',
}

const OUTCOME_KIND_TEXT: Record<BreachOutcome['kind'], string> = {
  not_proven: 'Not proven',
  order_continued: 'Order continued with added requirements',
  revoked_resentenced: 'Order revoked and re-sentenced',
  custody_activated: 'Custodial sentence activated',
  committed_to_custody: 'Committed to custody (14 days)',
  supervision_default_order: 'Supervision default order (unpaid work)',
}

/** The recommendation (with "recommended") or the recall type (with "decided to recall"). */
const RECALL_CHOICES = [
  { value: 'recall', text: 'Recommend recall' },
  { value: 'no_recall', text: 'Recommend no recall' },
  { value: 'standard', text: 'Standard recall' },
  { value: 'fixed_term', text: 'Fixed-term recall' },
  { value: 'emergency', text: 'Emergency recall' },
]

export function enforcementView(
  page: Page<'enforcementPage'>,
  transitions: Record<BreachStatus, readonly string[]>,
  outcomesByOrder: Record<string, readonly string[]>,
) {
  const actions = page.actions.map(actionView)
  return {
    openActions: actions.filter(a => a.status === 'open'),
    closedActions: actions.filter(a => a.status !== 'open'),
    breaches: page.breaches.map(b => {
      const order = page.compliance.find(c => c.order.event_id === b.event_id)?.order
      const orderKind = order?.sentence_type ?? 'community_order'
      const next =
        b.kind === 'breach'
          ? (transitions[b.status as BreachStatus] ?? [])
          : (RECALL_TRANSITIONS[b.status as RecallStatus] ?? [])
      return {
        id: b.id,
        kind: b.kind,
        kindText: b.kind === 'breach' ? 'Breach' : 'Recall',
        status: b.status,
        statusText: BREACH_STATUS_TEXT[b.status] ?? b.status,
        initiated: b.initiated_date,
        courtDate: b.court_date,
        decision: b.decision,
        decisionText: b.decision ? (OUTCOME_KIND_TEXT[b.decision as BreachOutcome['kind']] ?? b.decision) : null,
        open: b.closed_at === null,
        version: b.version,
        history: b.history.map(h => ({ ...h, statusText: BREACH_STATUS_TEXT[h.status] ?? h.status })),
        nextDeadline: b.next?.deadline
          ? { title: b.next.deadline.title, due: b.next.deadline.due?.toString() ?? null }
          : null,
        nextStatuses: next.map(s => ({ value: s, text: BREACH_STATUS_TEXT[s] ?? s })),
        decisions:
          b.kind === 'breach'
            ? (outcomesByOrder[orderKind] ?? []).map(k => ({
                value: k,
                text: OUTCOME_KIND_TEXT[k as BreachOutcome['kind']] ?? k,
              }))
            : RECALL_CHOICES,
      }
    }),
    compliance: page.compliance.map(complianceView),
    documents: page.documents,
  }
}

/** One current order's compliance summary, as rows of a summary list. */
function complianceView({ order, summary }: Page<'enforcementPage'>['compliance'][number]) {
  return {
    orderText: orderText(order),
    eventId: order.event_id,
    rows: [
      {
        key: 'Failures to comply in the last 12 months',
        value: String(summary.failuresLast12Months),
        qa: 'failures-12m',
      },
      {
        key: 'Warnings',
        value: `${summary.warnings} (${summary.warningsLast12Months} in the last 12 months)`,
        qa: 'warnings',
      },
      {
        key: 'Warning period',
        value: summary.activeWarning
          ? `A further failure before ${formatDate(summary.activeWarning.windowEnds.toString())} leads to breach (warning given ${formatDate(summary.activeWarning.givenOn.toString())})`
          : 'No warning in force',
        qa: 'warning-window',
      },
      { key: 'Acceptable absences', value: String(summary.acceptableAbsences), qa: 'acceptable' },
      { key: 'Waiting for evidence', value: String(summary.awaitingEvidence), qa: 'awaiting-evidence' },
      { key: 'Appointments needing an outcome', value: String(summary.needingOutcome), qa: 'needing-outcome' },
      {
        key: 'Breaches',
        value: `${summary.breaches}${summary.breachInProgress ? ' (one in progress)' : ''}`,
        qa: 'breaches',
      },
      ...(summary.rar
        ? [
            {
              key: 'RAR days',
              value: `${summary.rar.delivered} delivered${summary.rar.ordered !== null ? ` of ${summary.rar.ordered} ordered` : ''}, ${summary.rar.scheduled} arranged`,
              qa: 'rar',
            },
          ]
        : []),
    ],
  }
}
