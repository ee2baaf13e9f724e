import {
  hoursText,
  INCENTIVE_RULE,
  type CompletionState,
  type FirstSessionState,
  type Incentive,
} from '../../domain/unpaid-work/index.ts'
import { londonDate } from '../../clock.ts'
import { formatDate } from '../../web/filters.ts'
import { text, type FormBody } from '../../web/forms.ts'
import type { OrderSummary, UnpaidWorkPage } from './orders.ts'
import { COMMITMENT_KIND_TEXT, COMMITMENT_KINDS, DAYS_OF_WEEK } from './orders-forms.ts'
import type * as q from './queries/orders.ts'

/** View models for a person's unpaid work page and their commitments: display values only, pure. */

export const FIRST_SESSION_TAG: Record<FirstSessionState, { text: string; classes: string }> = {
  met: { text: 'Met', classes: 'govuk-tag--green' },
  missed: { text: 'Missed', classes: 'govuk-tag--red' },
  due: { text: 'Due', classes: 'govuk-tag--blue' },
}

export const COMPLETION_TAG: Record<CompletionState, { text: string; classes: string }> = {
  complete: { text: 'Complete', classes: 'govuk-tag--green' },
  on_track: { text: 'On track', classes: 'govuk-tag--blue' },
  at_risk: { text: 'At risk', classes: 'govuk-tag--yellow' },
  overdue: { text: 'Overdue', classes: 'govuk-tag--red' },
}

const OUTCOME_TEXT: Record<q.AttendanceRow['outcome'], string> = {
  worked: 'Worked',
  sent_home: 'Sent home',
  stood_down: 'Stood down (no hours lost)',
  absent_acceptable: 'Absent (acceptable)',
  absent_unacceptable: 'Absent (unacceptable)',
}

const pct = (x: number) => `${Math.round(x * 100)}%`

/** One sentence saying where the person stands in the incentive scheme. */
export function incentiveExplanation(i: Incentive): string {
  if (!i.eligible) return 'This order was made before the incentive scheme started, so no hours can be taken off.'
  const threshold = hoursText(i.thresholdMinutes)
  if (i.disqualified)
    return `An unacceptable absence ended the incentive: the ${hoursText(i.currentDiscountMinutes)} already earned are kept, and no more can be earned.`
  if (!i.qualified)
    return `Once ${threshold} (${pct(INCENTIVE_RULE.threshold)} of the hours) are worked, every further hour takes ${INCENTIVE_RULE.discount * 60} minutes off the order, up to ${hoursText(i.maxDiscountMinutes)}, unless there is an unacceptable absence.`
  return `Every hour worked above ${threshold} takes ${INCENTIVE_RULE.discount * 60} minutes off the order, up to ${hoursText(i.maxDiscountMinutes)}; an unacceptable absence stops it.`
}

function firstSessionView(o: OrderSummary) {
  const c = o.firstSession
  if (!c || !o.allocatedOn) return { text: 'The case has not been allocated to a practitioner yet', tag: null }
  const due = formatDate(c.dueBy.toString())
  const allocated = formatDate(o.allocatedOn.toString())
  const arranged = c.arrangedOn ? `first arranged ${formatDate(c.arrangedOn.toString())}` : 'not arranged yet'
  return { text: `Allocated ${allocated}; due by ${due}; ${arranged}`, tag: FIRST_SESSION_TAG[c.state] }
}

function completionView(o: OrderSummary) {
  const c = o.completion
  const text = `Started ${formatDate(c.startedOn.toString())}; at risk from ${formatDate(c.warnFrom.toString())}; due by ${formatDate(c.dueBy.toString())}`
  return { text, tag: COMPLETION_TAG[c.state] }
}

function orderView(o: OrderSummary) {
  const h = o.hours
  const i = o.incentive
  return {
    id: o.requirement.id,
    title: `${o.orderedHours} hours of unpaid work, sentenced ${formatDate(o.requirement.sentence_date)}`,
    ordered: hoursText(h.orderedMinutes),
    credited: hoursText(h.creditedMinutes),
    remaining: hoursText(i.remainingMinutes),
    ete: `${hoursText(h.eteCreditedMinutes)} of ${hoursText(h.eteAllowanceMinutes)} allowed`,
    eteOver: h.eteCreditedMinutes > h.eteAllowanceMinutes,
    incentiveCurrent: hoursText(i.currentDiscountMinutes),
    incentiveProjected: hoursText(i.projectedDiscountMinutes),
    incentiveExplanation: incentiveExplanation(i),
    firstSession: firstSessionView(o),
    completion: completionView(o),
    upcoming: o.upcoming.map(l => ({
      date: formatDate(l.session_date),
      times: `${l.start_time} to ${l.end_time}`,
      project: l.project_name,
      ete: l.ete,
    })),
    past: o.past.map(p => ({
      date: formatDate(p.date),
      project: p.project,
      outcome: OUTCOME_TEXT[p.outcome],
      credited: hoursText(p.minutesCredited),
      ete: p.ete,
    })),
  }
}

export function commitmentRows(rows: readonly q.CommitmentRow[]) {
  return rows.map(c => ({
    id: c.id,
    kind: COMMITMENT_KIND_TEXT[c.kind],
    day: DAYS_OF_WEEK[c.day_of_week - 1] ?? '',
    times: `${c.start_time} to ${c.end_time}`,
    notes: c.notes ?? '',
    current: c.ended_at === null,
    ended: c.ended_at ? formatDate(londonDate(c.ended_at).toString()) : null,
  }))
}

export function unpaidWorkPageView(page: UnpaidWorkPage) {
  const a = page.aggregate
  return {
    person: page.person,
    name: `${page.person.forename} ${page.person.surname}`,
    orders: page.orders.map(orderView),
    aggregate: {
      text: `${a.totalHours} hours ordered across the orders running together (the limit is ${a.limitHours})`,
      over: a.overLimit,
    },
    commitments: commitmentRows(page.commitments).filter(c => c.current),
    canUpdate: page.canUpdate,
  }
}

/** The commitments page: the list and the add form (values as posted when sent back). */
export function commitmentsPageView(
  page: { person: { crn: string; forename: string; surname: string }; commitments: q.CommitmentRow[] },
  body?: FormBody,
) {
  return {
    person: page.person,
    name: `${page.person.forename} ${page.person.surname}`,
    commitments: commitmentRows(page.commitments),
    kinds: COMMITMENT_KINDS.map(k => ({ value: k, text: COMMITMENT_KIND_TEXT[k], checked: text(body, 'kind') === k })),
    days: [
      { value: '', text: 'Choose a day' },
      ...DAYS_OF_WEEK.map((d, k) => ({
        value: String(k + 1),
        text: d,
        selected: text(body, 'dayOfWeek') === String(k + 1),
      })),
    ],
    values: { startTime: text(body, 'startTime'), endTime: text(body, 'endTime'), notes: text(body, 'notes') },
  }
}
