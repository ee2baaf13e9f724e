import { LocalDate } from '@js-joda/core'
import { audit, publish, type RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import { londonDate } from '../../clock.ts'
import {
  aggregateHours,
  completionClock,
  currentRecords,
  firstSessionClock,
  incentive,
  orderHours,
  type AggregateHours,
  type CompletionClock,
  type FirstSessionClock,
  type Incentive,
  type OrderHours,
} from '../../domain/unpaid-work/index.ts'
import { NotFoundError, ValidationError } from '../../errors.ts'
import type { Parsed } from '../../web/forms.ts'
import type { UpwDeps } from './context.ts'
import type { AddCommitmentCommand } from './orders-forms.ts'
import * as q from './queries/orders.ts'

/**
 * A person's unpaid work (issue 17 item 4; rules-and-outcomes.md §2.1, §1.5): each unpaid work requirement's hours
 * (ordered, credited from the current attendance records, remaining, the ETE share), the Sentencing Act 2026
 * incentive (current and projected), the first-session and 12-month clocks, the 300-hour aggregate, the sessions
 * (allocated and done), and the person's commitments (added and ended, audited and published).
 */

type AllocationStart = Awaited<ReturnType<typeof q.caseAllocationsOf>>[number]
type ManagerPeriod = Awaited<ReturnType<typeof q.caseManagersOf>>[number]

export interface PastSession {
  date: string
  startTime: string
  project: string
  outcome: q.AttendanceRow['outcome']
  minutesCredited: number
  ete: boolean
}

export interface OrderSummary {
  requirement: q.UpwRequirementRow
  orderedHours: number
  hours: OrderHours
  incentive: Incentive
  /** The 7-working-day clock; null when the case has not been allocated to a practitioner. */
  firstSession: FirstSessionClock | null
  allocatedOn: LocalDate | null
  completion: CompletionClock
  upcoming: q.AllocationRow[]
  past: PastSession[]
}

/** What the orders of people need from the database: their records, sessions and when their case was allocated. */
export interface OrderFacts {
  attendances: q.AttendanceRow[]
  allocations: q.AllocationRow[]
  firstArranged: Map<number, Date>
  caseAllocations: AllocationStart[]
  managers: ManagerPeriod[]
}

/** Reads what `summariseOrder` needs for these requirements (of these people). */
export async function orderFacts(db: Executor, requirements: readonly q.UpwRequirementRow[]): Promise<OrderFacts> {
  const ids = requirements.map(r => r.id)
  const people = [...new Set(requirements.map(r => r.person_id))]
  const [attendances, allocations, first, caseAllocations, managers] = await Promise.all([
    q.attendancesOn(db, ids),
    q.allocationsOn(db, ids),
    q.firstArrangedOn(db, ids),
    q.caseAllocationsOf(db, people),
    q.caseManagersOf(db, people),
  ])
  const firstArranged = new Map(
    first.filter(f => f.first_at !== null).map(f => [Number(f.requirement_id), new Date(f.first_at as Date)]),
  )
  return { attendances, allocations, firstArranged, caseAllocations, managers }
}

/**
 * When the order's case was allocated to a practitioner (the start of the 7-working-day clock, as the allocation
 * clocks use it): the allocation record for the order's event (or the first made on or after the sentence), else the
 * first case manager from the sentence date on, else the sentence date when a case manager already had the case.
 */
export function allocatedOnFor(
  r: q.UpwRequirementRow,
  caseAllocations: readonly AllocationStart[],
  managers: readonly ManagerPeriod[],
): LocalDate | null {
  const sentenced = LocalDate.parse(r.sentence_date)
  const own = caseAllocations.find(
    a => a.person_id === r.person_id && (a.event_id === r.event_id || !londonDate(a.allocated_at).isBefore(sentenced)),
  )
  if (own) return londonDate(own.allocated_at)
  const mine = managers.filter(m => m.person_id === r.person_id)
  const later = mine.find(m => !londonDate(m.started_at).isBefore(sentenced))
  if (later) return londonDate(later.started_at)
  const during = mine.find(m => m.ended_at === null || !londonDate(m.ended_at).isBefore(sentenced))
  return during ? sentenced : null
}

/** One order's hours, incentive, clocks and sessions as seen `today`. */
export function summariseOrder(r: q.UpwRequirementRow, facts: OrderFacts, today: LocalDate): OrderSummary {
  const records = facts.attendances.filter(a => a.requirement_id === r.id)
  const current = currentRecords(records.map(a => ({ ...a, replacesId: a.replaces_id })))
  const orderedHours = r.unit === 'hours' && r.length !== null ? r.length : 0
  const hours = orderHours(
    orderedHours,
    current.map(a => ({ id: a.id, replacesId: null, minutesCredited: a.minutes_credited, ete: a.ete })),
  )
  const firstUnacceptable = current.find(a => a.outcome === 'absent_unacceptable')
  const qualifying = current
    .filter(a => !firstUnacceptable || a.session_date < firstUnacceptable.session_date)
    .reduce((sum, a) => sum + a.minutes_credited, 0)
  const scheme = incentive({
    orderedMinutes: hours.orderedMinutes,
    qualifyingMinutes: qualifying,
    creditedMinutes: hours.creditedMinutes,
    disqualified: firstUnacceptable !== undefined,
    orderMadeOn: LocalDate.parse(r.sentence_date),
  })
  const allocatedOn = allocatedOnFor(r, facts.caseAllocations, facts.managers)
  const arranged = facts.firstArranged.get(r.id)
  const recorded = new Set(current.map(a => a.allocation_id))
  return {
    requirement: r,
    orderedHours,
    hours,
    incentive: scheme,
    allocatedOn,
    firstSession: allocatedOn
      ? firstSessionClock({ allocatedOn, arrangedOn: arranged ? londonDate(arranged) : null, today })
      : null,
    completion: completionClock({
      startedOn: LocalDate.parse(r.start_date ?? r.sentence_date),
      remainingMinutes: scheme.remainingMinutes,
      today,
    }),
    upcoming: facts.allocations.filter(
      l => l.requirement_id === r.id && !recorded.has(l.id) && !l.stood_down_at && l.session_date >= today.toString(),
    ),
    past: current.map(a => ({
      date: a.session_date,
      startTime: a.start_time,
      project: a.project_name,
      outcome: a.outcome,
      minutesCredited: a.minutes_credited,
      ete: a.ete,
    })),
  }
}

export interface UnpaidWorkPage {
  person: { crn: string; forename: string; surname: string }
  orders: OrderSummary[]
  aggregate: AggregateHours
  commitments: q.CommitmentRow[]
  canUpdate: boolean
  today: LocalDate
}

/** The person's unpaid work page. The look is audited by the route (UPW_VIEW). */
async function personPage(deps: UpwDeps, ctx: RequestContext, crn: string): Promise<UnpaidWorkPage> {
  return deps.withPerson(ctx, crn, 'read', async (trx, access) => {
    const today = deps.clock.today()
    const requirements = await q.upwRequirementsOf(trx, [access.personId])
    const facts = await orderFacts(trx, requirements)
    const orders = requirements.map(r => summariseOrder(r, facts, today))
    const running = orders.filter(o => o.completion.state !== 'complete')
    return {
      person: await q.personNameOf(trx, access.personId),
      orders,
      aggregate: aggregateHours(running.map(o => o.orderedHours)),
      commitments: await q.commitmentsOf(trx, access.personId),
      canUpdate: access.canUpdate,
      today,
    }
  })
}

/** The commitments page: the person's commitments (current and ended) with the add form. */
async function commitmentsPage(deps: UpwDeps, ctx: RequestContext, crn: string) {
  return deps.withPerson(ctx, crn, 'update', async (trx, access) => ({
    person: await q.personNameOf(trx, access.personId),
    commitments: await q.commitmentsOf(trx, access.personId),
  }))
}

const unwrap = <C>(command: Parsed<C>): C => {
  if (!command.ok) throw new ValidationError(command.errors)
  return command.value
}

/** Adds a commitment (a day of the week and times the person cannot be placed against). */
async function addCommitment(deps: UpwDeps, ctx: RequestContext, crn: string, parsed: Parsed<AddCommitmentCommand>) {
  return deps.withPerson(ctx, crn, 'update', async (trx, access) => {
    const c = unwrap(parsed)
    const id = await q.insertCommitment(trx, {
      person_id: access.personId,
      kind: c.kind,
      day_of_week: c.dayOfWeek,
      start_time: c.startTime,
      end_time: c.endTime,
      notes: c.notes,
      created_by: ctx.user?.id ?? null,
      created_at: deps.clock.now(),
    })
    const detail = {
      commitmentId: id,
      kind: c.kind,
      dayOfWeek: c.dayOfWeek,
      startTime: c.startTime,
      endTime: c.endTime,
    }
    await audit(trx, ctx, { action: 'UPW_COMMITMENT_ADD', personId: access.personId, subject: access.crn, detail })
    await publish(trx, 'upw.commitment.added', access.personId, { crn: access.crn, ...detail })
    return { crn: access.crn }
  })
}

/** Ends a current commitment of the person (kept with its end). */
async function endCommitment(deps: UpwDeps, ctx: RequestContext, crn: string, id: number) {
  return deps.withPerson(ctx, crn, 'update', async (trx, access) => {
    const ended = await q.endCommitment(trx, access.personId, id, deps.clock.now(), ctx.user?.id ?? null)
    if (ended === 0) throw new NotFoundError('There is no such current commitment on this record')
    const detail = { commitmentId: id }
    await audit(trx, ctx, { action: 'UPW_COMMITMENT_END', personId: access.personId, subject: access.crn, detail })
    await publish(trx, 'upw.commitment.ended', access.personId, { crn: access.crn, ...detail })
    return { crn: access.crn }
  })
}

export function createOrdersUseCases(deps: UpwDeps) {
  return {
    personPage: (ctx: RequestContext, crn: string) => personPage(deps, ctx, crn),
    commitmentsPage: (ctx: RequestContext, crn: string) => commitmentsPage(deps, ctx, crn),
    addCommitment: (ctx: RequestContext, crn: string, command: Parsed<AddCommitmentCommand>) =>
      addCommitment(deps, ctx, crn, command),
    endCommitment: (ctx: RequestContext, crn: string, id: number) => endCommitment(deps, ctx, crn, id),
  }
}
