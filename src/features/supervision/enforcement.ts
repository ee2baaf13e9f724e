import { LocalDate } from '@js-joda/core'
import type { Executor } from '../../access/person-access.ts'
import { summariseCompliance, type ComplianceSummary } from '../../domain/enforcement/compliance.ts'
import {
  decideEnforcement,
  enforcementOrderType,
  type EnforcementDecision,
  type OrderType,
} from '../../domain/enforcement/decision.ts'
import { isOutcomeCode, OUTCOMES } from '../../domain/enforcement/outcomes.ts'
import { londonDate } from '../../clock.ts'
import { appointmentOutcomes, failuresOnOrder, listBreaches, standingWarnings, type CurrentOrder } from './queries.ts'

/**
 * Glue between the record and the pure enforcement rules (src/domain/enforcement): loads an order's history
 * (warnings, earlier failures, breaches) from the tables, and asks the domain for the decision and the compliance
 * summary. No rule is decided here.
 */

/**
 * The domain's order type for a sentence, by the case's status: a custodial sentence is supervised on licence, or on
 * post-sentence supervision once the case is `on_pss` (the domain decides: `enforcementOrderType`).
 */
export function orderTypeOf(sentenceType: string, caseStatus: string): OrderType {
  return enforcementOrderType(sentenceType, caseStatus)
}

const FAILURE_OUTCOMES = (Object.keys(OUTCOMES) as (keyof typeof OUTCOMES)[]).filter(k => OUTCOMES[k].isFailure)

/** What has happened on one order (event) so far, as the decision and the summary need it. */
export async function orderHistory(db: Executor, personId: number, eventId: number | null, exceptContactId?: number) {
  // A warning counts while the failure it was given for still stands (a corrected outcome withdraws it).
  const [warnings, failures, breaches] = await Promise.all([
    standingWarnings(db, personId, eventId, FAILURE_OUTCOMES),
    failuresOnOrder(db, personId, eventId, FAILURE_OUTCOMES, exceptContactId),
    listBreaches(db, personId),
  ])
  const onOrder = breaches.filter(b => b.event_id === eventId)
  const closed = onOrder.flatMap(b => (b.closed_at === null ? [] : [londonDate(b.closed_at)]))
  return {
    warnings: warnings.map(w => londonDate(w.created_at)),
    failures: failures.map(f => londonDate(f.starts_at)),
    countsResetOn: closed.reduce<LocalDate | null>((a, d) => (a === null || d.isAfter(a) ? d : a), null),
    breachInProgress: onOrder.some(b => b.kind === 'breach' && b.closed_at === null),
    recallInProgress: onOrder.some(b => b.kind === 'recall' && b.closed_at === null),
    breaches: onOrder,
  }
}

/** The enforcement decision for a newly recorded outcome on a contact. */
export async function decide(
  db: Executor,
  input: {
    personId: number
    contactId: number
    eventId: number | null
    orderType: OrderType
    failureDate: LocalDate
    recordedOn: LocalDate
    outcome: string
    nationalStandard: boolean
  },
): Promise<EnforcementDecision> {
  const history = await orderHistory(db, input.personId, input.eventId, input.contactId)
  return decideEnforcement({
    orderType: input.orderType,
    failureDate: input.failureDate,
    recordedOn: input.recordedOn.isBefore(input.failureDate) ? input.failureDate : input.recordedOn,
    outcome: isOutcomeCode(input.outcome) ? input.outcome : null,
    nationalStandard: input.nationalStandard,
    history,
  })
}

/** The compliance summary of each current order. */
export async function complianceSummaries(
  db: Executor,
  personId: number,
  orders: CurrentOrder[],
  asOf: LocalDate,
): Promise<{ order: CurrentOrder; summary: ComplianceSummary }[]> {
  const contacts = await appointmentOutcomes(db, personId)
  const result = []
  for (const order of orders) {
    const history = await orderHistory(db, personId, order.event_id)
    const rar = order.requirements.find(r => r.category === 'rehabilitation_activity')
    const summary = summariseCompliance({
      asOf,
      contacts: contacts
        .filter(c => c.event_id === order.event_id && !(c.outcome ?? '').startsWith('rescheduled'))
        .map(c => ({
          date: londonDate(c.starts_at),
          outcome: isOutcomeCode(c.outcome) ? c.outcome : null,
          nationalStandard: c.national_standard,
          rarActivity: c.rar_activity,
        })),
      warnings: history.warnings,
      breaches: history.breaches
        .filter(b => b.kind === 'breach')
        .map(b => ({
          initiatedOn: LocalDate.parse(b.initiated_date),
          closedOn: b.closed_at ? londonDate(b.closed_at) : null,
        })),
      rarDaysOrdered: rar?.length != null ? Number(rar.length) : null,
    })
    result.push({ order, summary })
  }
  return result
}
