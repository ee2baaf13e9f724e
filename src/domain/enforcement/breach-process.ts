import type { LocalDate } from '@js-joda/core'
import { checkTransition } from './process.ts'
import type { TransitionResult } from './process.ts'
import { ENFORCEMENT_RULES, SOURCES, workingDaysAfter } from './rules.ts'
import type { Deadline } from './rules.ts'
import type { OrderType } from './decision.ts'

/** Orders that are breached at court. Licences are recalled instead (see the recall process). */
export type BreachableOrderType = Exclude<OrderType, 'licence'>

export const BREACH_STATUSES = [
  'initiated',
  'pack_submitted',
  'court_date_set',
  'outcome_recorded',
  'withdrawn',
  'closed',
] as const
export type BreachStatus = (typeof BREACH_STATUSES)[number]

/**
 * Allowed moves. A court date can be set again (adjourned or relisted). Withdrawal (e.g. the excuse was accepted,
 * or the court de-listed it) is possible until the outcome.
 *
 * @example
 * BREACH_TRANSITIONS.initiated // ['pack_submitted', 'withdrawn']
 */
export const BREACH_TRANSITIONS: Readonly<Record<BreachStatus, readonly BreachStatus[]>> = {
  initiated: ['pack_submitted', 'withdrawn'],
  pack_submitted: ['court_date_set', 'withdrawn'],
  court_date_set: ['court_date_set', 'outcome_recorded', 'withdrawn'],
  outcome_recorded: ['closed'],
  withdrawn: ['closed'],
  closed: [],
}

/** What the court decided. */
export type BreachOutcome =
  | { kind: 'not_proven' }
  | { kind: 'order_continued'; with: 'added_requirements' | 'fine' | 'warning' | 'extended_operational_period' }
  | { kind: 'revoked_resentenced' }
  | { kind: 'custody_activated' }
  | { kind: 'committed_to_custody'; days: number }
  | { kind: 'supervision_default_order'; requirement: 'unpaid_work' | 'curfew' }

/**
 * The court outcomes possible for each order type. Community order: continue (with added requirements, a fine or a
 * warning) or revoke and re-sentence. SSO: activate the custodial term, or continue (fine, extended operational period,
 * added requirements). PSS: up to 14 days' custody, a fine, or a supervision default order.
 * Sources: rules-and-outcomes.md §3.1 "Court outcomes (SSO)", §3.2 "PSS breach"; NSI statuses BRE07–BRE16.
 *
 * @example
 * BREACH_OUTCOMES_BY_ORDER.post_sentence_supervision.includes('revoked_resentenced') // false
 */
export const BREACH_OUTCOMES_BY_ORDER: Readonly<Record<BreachableOrderType, readonly BreachOutcome['kind'][]>> = {
  community_order: ['not_proven', 'order_continued', 'revoked_resentenced'],
  suspended_sentence_order: ['not_proven', 'order_continued', 'custody_activated'],
  post_sentence_supervision: ['not_proven', 'order_continued', 'committed_to_custody', 'supervision_default_order'],
}

const NSI_CODES: Record<BreachOutcome['kind'], string> = {
  not_proven: 'BRE07',
  order_continued: 'BRE08',
  revoked_resentenced: 'BRE09',
  supervision_default_order: 'BRE15',
  committed_to_custody: 'BRE16',
  custody_activated: 'BRE16',
}

/** One dated step of a breach. `courtDate` goes with `court_date_set`, `outcome` with `outcome_recorded`. */
export interface BreachStep {
  status: BreachStatus
  on: LocalDate
  courtDate?: LocalDate
  outcome?: BreachOutcome
  note?: string
}

export interface BreachProcess {
  orderType: BreachableOrderType
  /** Oldest first; the last step is the current status. */
  steps: readonly BreachStep[]
}

/**
 * Opens a breach (NSI BRE01 "Breach Initiated"). Refused for a licence: licences are recalled, not breached at court.
 *
 * @example
 * startBreach('community_order', LocalDate.of(2025, 3, 3))
 * // { ok: true, process: { orderType: 'community_order', steps: [{ status: 'initiated', on: 2025-03-03 }] } }
 */
export function startBreach(orderType: OrderType, on: LocalDate): TransitionResult<BreachProcess> {
  if (!Object.hasOwn(BREACH_OUTCOMES_BY_ORDER, orderType)) {
    return {
      ok: false,
      errors: [
        orderType === 'licence'
          ? 'A licence is not breached at court: consider recall instead'
          : `Unknown order type ${JSON.stringify(orderType)}`,
      ],
    }
  }
  return { ok: true, process: { orderType: orderType as BreachableOrderType, steps: [{ status: 'initiated', on }] } }
}

/**
 * The current step of a breach.
 *
 * @example
 * currentBreachStep(process).status // 'initiated'
 */
export function currentBreachStep(process: BreachProcess): BreachStep {
  const last = process.steps[process.steps.length - 1]
  if (last === undefined) throw new RangeError('A breach has at least its initiated step')
  return last
}

/**
 * Validates and applies one step; never changes the process passed in. Refuses (with every reason) a move the
 * {@link BREACH_TRANSITIONS} do not allow, a step dated before the previous one, a court date before the day it was
 * set, an outcome recorded before the hearing, an outcome the order type does not allow, PSS custody over 14 days.
 *
 * @example
 * const started = startBreach('community_order', LocalDate.of(2025, 3, 3))
 * if (started.ok) applyBreachStep(started.process, { status: 'closed', on: LocalDate.of(2025, 3, 4) }).ok // false
 */
export function applyBreachStep(process: BreachProcess, step: BreachStep): TransitionResult<BreachProcess> {
  const current = currentBreachStep(process)
  const errors = checkTransition(BREACH_TRANSITIONS, current, step)
  if (step.status === 'court_date_set') {
    if (step.courtDate === undefined) errors.push('A court date is needed')
    else if (step.courtDate.isBefore(step.on)) errors.push(`The court date ${step.courtDate} is before ${step.on}`)
  } else if (step.courtDate !== undefined) errors.push('A court date only goes with court_date_set')
  if (step.status === 'outcome_recorded') {
    const outcome = step.outcome
    const hearing = lastCourtDate(process)
    if (outcome === undefined) errors.push('The court outcome is needed')
    else {
      if (!BREACH_OUTCOMES_BY_ORDER[process.orderType].includes(outcome.kind)) {
        errors.push(`${outcome.kind} is not a court outcome for a ${process.orderType.replaceAll('_', ' ')}`)
      }
      if (outcome.kind === 'committed_to_custody') {
        const max = ENFORCEMENT_RULES.pssMaxCustodyDays
        if (!Number.isInteger(outcome.days) || outcome.days < 1 || outcome.days > max) {
          errors.push(`Committal to custody for PSS breach is 1 to ${max} days, not ${outcome.days}`)
        }
      }
      if (outcome.kind === 'order_continued' && outcome.with === 'extended_operational_period') {
        if (process.orderType !== 'suspended_sentence_order') {
          errors.push('Only a suspended sentence order has an operational period to extend')
        }
      }
    }
    if (hearing !== null && step.on.isBefore(hearing)) {
      errors.push(`The outcome on ${step.on} is before the hearing on ${hearing}`)
    }
  } else if (step.outcome !== undefined) errors.push('An outcome only goes with outcome_recorded')
  if (errors.length > 0) return { ok: false, errors }
  return { ok: true, process: { ...process, steps: [...process.steps, step] } }
}

function lastCourtDate(process: BreachProcess): LocalDate | null {
  for (let i = process.steps.length - 1; i >= 0; i--) {
    const date = process.steps[i]?.courtDate
    if (date !== undefined) return date
  }
  return null
}

/**
 * The nearest NSI status code for a breach step (reference-systems.md §3.4), or null for `closed`.
 *
 * @example
 * breachNsiCode({ status: 'outcome_recorded', on, outcome: { kind: 'revoked_resentenced' } }) // 'BRE09'
 */
export function breachNsiCode(step: BreachStep): string | null {
  switch (step.status) {
    case 'initiated':
      return 'BRE01'
    case 'pack_submitted':
      return 'BRE04'
    case 'court_date_set':
      return 'BRE05'
    case 'outcome_recorded':
      return step.outcome === undefined ? null : NSI_CODES[step.outcome.kind]
    case 'withdrawn':
      return 'BRE06'
    case 'closed':
      return null
  }
}

/** What to do next in a tracked process. */
export interface NextStep<S extends string> {
  status: S
  allowed: readonly S[]
  /** The next dated thing to do, or null when nothing is due (waiting for someone else, or finished). */
  deadline: (Deadline & { title: string; explanation: string }) | null
}

/**
 * The next deadline of a breach: the breach pack 10 working days after initiation; nothing dated while waiting for
 * the court to list; the hearing itself once listed; nothing after the outcome (close it when the record is updated).
 *
 * @example
 * const started = startBreach('community_order', LocalDate.of(2024, 12, 20))
 * if (started.ok) nextBreachStep(started.process).deadline?.due?.toString() // '2025-01-08'
 */
export function nextBreachStep(process: BreachProcess): NextStep<BreachStatus> {
  const current = currentBreachStep(process)
  const allowed = BREACH_TRANSITIONS[current.status]
  const base = { status: current.status, allowed }
  switch (current.status) {
    case 'initiated': {
      const pack = workingDaysAfter(current.on, ENFORCEMENT_RULES.breachPackWorkingDays, SOURCES.writtenWarning)
      return {
        ...base,
        deadline: {
          ...pack,
          title: 'Submit the breach pack',
          explanation: `The breach information pack must be ready for court by ${pack.due}.`,
        },
      }
    }
    case 'pack_submitted':
      return { ...base, deadline: null }
    case 'court_date_set':
      return {
        ...base,
        deadline: {
          due: current.courtDate ?? null,
          basis: 'the date the court listed',
          source: SOURCES.breachTrigger,
          title: 'Breach hearing',
          explanation: `The breach is heard on ${current.courtDate}. Record the outcome afterwards.`,
        },
      }
    default:
      return { ...base, deadline: null }
  }
}
