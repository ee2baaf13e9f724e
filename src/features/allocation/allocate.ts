import { LocalDate } from '@js-joda/core'
import { audit, publish, type RequestContext } from '../../access/audit.ts'
import { changeCaseManager } from '../../access/case-managers.ts'
import type { Executor } from '../../access/person-access.ts'
import type { AllocationsTable } from '../../db/schema.ts'
import {
  allocationClock,
  PROVIDER_KIND_TEXT,
  type InductionProposal,
  type ProviderDecision,
} from '../../domain/allocation/index.ts'
import { ValidationError, type FieldError } from '../../errors.ts'
import { applyCaseStatusChange } from '../sentencing/index.ts'
import {
  caseFacts,
  inductionFor,
  isUnallocated,
  MAX_NOTES,
  personOf,
  requireAllocator,
  type AllocationDeps,
} from './case-facts.ts'
import type { AllocateCommand } from './forms.ts'
import { insertAllocation, listStaff, type PersonRow, type SentenceRow, type StaffRow } from './queries.ts'

/** A practitioner who can take a case: active and in a team. */
type Assignee = StaffRow & { teamId: number }
/** The decision an allocation records: a kind of provider (never blocked), its RoSH level and reasons. */
type Decided = Pick<ProviderDecision, 'reasons' | 'roshLevel'> & { outcome: 'public' | 'contracted' }

const assignable = (staff: StaffRow | undefined): staff is Assignee => staff !== undefined && staff.teamId !== null

function providerRefusal(staff: StaffRow, decision: ProviderDecision): string | null {
  if (decision.outcome === 'blocked') return decision.conflict.text
  if (staff.providerKind === decision.outcome) return null
  const why = decision.reasons.filter(r => r.public === (decision.outcome === 'public')).map(r => r.text)
  return (
    `${staff.forename} ${staff.surname} works for ${staff.providerName}, which is not the ${PROVIDER_KIND_TEXT[decision.outcome].toLowerCase()} ` +
    `this case must go to. ${why.length ? `Reasons: ${why.join('; ')}.` : ''}`.trim()
  )
}

async function staffProblems(trx: Executor, staffId: number | null, problems: FieldError[]) {
  const staff = staffId === null ? undefined : (await listStaff(trx, { staffId }))[0]
  if (!staff) problems.push({ field: 'staffId', message: 'Select the practitioner to allocate the case to' })
  else if (!staff.active)
    problems.push({
      field: 'staffId',
      message: `${staff.forename} ${staff.surname} is no longer active. Choose someone else`,
    })
  else if (staff.teamId === null)
    problems.push({
      field: 'staffId',
      message: `${staff.forename} ${staff.surname} is not in a team. Choose someone else`,
    })
  return staff
}

/** Why this practitioner cannot take this (first or again) allocation, if they cannot. */
function allocationRefusal(p: PersonRow, staff: StaffRow, decision: ProviderDecision): string | null {
  if (isUnallocated(p)) return providerRefusal(staff, decision)
  if (staff.providerId !== p.providerId)
    return `${staff.forename} ${staff.surname} works for ${staff.providerName}, not ${p.providerName}, which manages this case. To move the case to another provider, transfer it`
  if (staff.id === p.staffId) return `${staff.forename} ${staff.surname} already manages this case. Choose someone else`
  return null
}

/**
 * Allocates the case to a practitioner: the first time (to the kind of provider decided) or again within the
 * managing provider. Refuses a practitioner outside the case's provider with the reason.
 */
export async function allocate(deps: AllocationDeps, ctx: RequestContext, crn: string, command: AllocateCommand) {
  requireAllocator(ctx)
  return deps.withPerson(ctx, crn, 'update', async (trx, access) => {
    const p = await personOf(trx, access)
    const { decision, sentence } = await caseFacts(trx, p, deps.clock.today())
    const problems: FieldError[] = []
    const staff = await staffProblems(trx, command.staffId, problems)
    if (command.notes.length > MAX_NOTES)
      problems.push({ field: 'notes', message: `Allocation notes must be ${MAX_NOTES} characters or fewer` })
    const unallocated = isUnallocated(p)
    if (!sentence || (!unallocated && p.caseStatus !== 'allocated')) {
      problems.push({
        field: 'staffId',
        message: 'Only a sentenced case can be allocated: there is no order or licence to manage yet',
      })
    } else if (staff && problems.length === 0) {
      const refusal = allocationRefusal(p, staff, decision)
      if (refusal) problems.push({ field: 'staffId', message: refusal })
    }
    if (problems.length || !assignable(staff)) throw new ValidationError(problems)
    if (!unallocated) {
      const outcome = staff.providerKind === 'public' ? 'public' : 'contracted'
      return assign(
        deps,
        trx,
        ctx,
        { p, kind: 'reallocation', staff, decision: { ...decision, outcome }, sentence },
        command,
      )
    }
    // A blocked decision was refused above (providerRefusal).
    if (decision.outcome === 'blocked') throw new ValidationError(problems)
    return assign(deps, trx, ctx, { p, kind: 'initial', staff, decision, sentence }, command)
  })
}

/**
 * Moves an allocated case to another provider, keeping one record: the history moves with the person and the
 * former manager keeps read access through their ended `case_managers` row. The target must be the kind of
 * provider the decision names. Publishes `person.transferred`.
 */
export async function transfer(deps: AllocationDeps, ctx: RequestContext, crn: string, command: AllocateCommand) {
  requireAllocator(ctx)
  return deps.withPerson(ctx, crn, 'update', async (trx, access) => {
    const p = await personOf(trx, access)
    const { decision, sentence } = await caseFacts(trx, p, deps.clock.today())
    const problems: FieldError[] = []
    const staff = await staffProblems(trx, command.staffId, problems)
    if (!command.notes) problems.push({ field: 'notes', message: 'Enter why the case is moving to another provider' })
    else if (command.notes.length > MAX_NOTES)
      problems.push({ field: 'notes', message: `Reason must be ${MAX_NOTES} characters or fewer` })
    if (p.providerId === null || p.staffId === null)
      problems.push({ field: 'staffId', message: 'The case has not been allocated yet: allocate it instead' })
    else if (staff && problems.length === 0) {
      const refusal =
        staff.providerId === p.providerId
          ? `${staff.forename} ${staff.surname} works for ${p.providerName}, which already manages this case. Reallocate instead`
          : providerRefusal(staff, decision)
      if (refusal) problems.push({ field: 'staffId', message: refusal })
    }
    // A blocked decision was refused above (providerRefusal).
    if (problems.length || !assignable(staff) || decision.outcome === 'blocked') throw new ValidationError(problems)
    return assign(deps, trx, ctx, { p, kind: 'transfer', staff, decision, sentence }, command)
  })
}

interface Assignment {
  p: PersonRow
  kind: AllocationsTable['kind']
  staff: Assignee
  decision: Decided
  sentence: SentenceRow | undefined
}

const reasonOf = (kind: AllocationsTable['kind'], notes: string) =>
  kind === 'initial'
    ? 'Initial allocation'
    : kind === 'transfer'
      ? `Transfer: ${notes}`
      : `Reallocation${notes ? `: ${notes}` : ''}`

/** Allocates (first time or again) or transfers, with audit and outbox, in the caller's transaction. */
async function assign(
  { clock }: AllocationDeps,
  trx: Executor,
  ctx: RequestContext,
  a: Assignment,
  command: AllocateCommand,
) {
  const { p, kind, staff, sentence } = a
  const now = clock.now()
  const on = clock.today()
  const { caseManagerId, previousCaseManagerId } = await changeCaseManager(trx, {
    personId: p.id,
    version: command.version,
    providerId: staff.providerId,
    teamId: staff.teamId,
    staffId: staff.id,
    reason: reasonOf(kind, command.notes),
    userId: ctx.user?.id ?? null,
    now,
  })
  const induction = kind === 'initial' ? inductionFor(p, sentence, on) : null
  const allocationId = await insertAllocation(trx, {
    ...allocationRow(a, command, { on, induction }),
    case_manager_id: caseManagerId,
    previous_case_manager_id: previousCaseManagerId,
    allocated_by: ctx.user?.id ?? null,
    allocated_at: now,
  })
  // The lifecycle decides: awaiting allocation becomes allocated; a case in custody or on licence keeps its status.
  if (kind === 'initial') {
    await applyCaseStatusChange(trx, ctx, p.id, 'allocated', {
      eventId: sentence?.eventId ?? null,
      reason: `Allocated to ${staff.forename} ${staff.surname}`,
    })
  }
  await announce(trx, ctx, a, { allocationId, induction, now })
  return { allocationId, induction, kind }
}

/** The allocation row's own columns: who to, the decision, the notes and the clocks at allocation. */
function allocationRow(
  { p, kind, staff, decision, sentence }: Assignment,
  command: AllocateCommand,
  { on, induction }: { on: LocalDate; induction: InductionProposal | null },
) {
  const clockAtAllocation = sentence ? allocationClock(LocalDate.parse(sentence.sentenceDate), on) : null
  return {
    person_id: p.id,
    event_id: sentence?.eventId ?? null,
    kind,
    provider_id: staff.providerId,
    team_id: staff.teamId,
    staff_id: staff.id,
    decision_outcome: decision.outcome,
    decision: JSON.stringify({ outcome: decision.outcome, roshLevel: decision.roshLevel, reasons: decision.reasons }),
    notes: command.notes || null,
    notes_sensitive: command.notesSensitive,
    sentence_date: sentence?.sentenceDate ?? null,
    allocation_due_date: clockAtAllocation?.dueBy.toString() ?? null,
    induction_kind: induction?.kind ?? null,
    induction_due_date: induction?.dueBy.toString() ?? null,
    induction_proposed_date: induction?.proposed.toString() ?? null,
  }
}

/** The audit row and the outbox event of an allocation or transfer. */
async function announce(
  trx: Executor,
  ctx: RequestContext,
  { p, kind, staff, decision }: Assignment,
  { allocationId, induction, now }: { allocationId: number; induction: InductionProposal | null; now: Date },
) {
  const from = { providerId: p.providerId, teamId: p.teamId, staffId: p.staffId }
  const to = { providerId: staff.providerId, teamId: staff.teamId, staffId: staff.id, staffCode: staff.code }
  const action =
    kind === 'initial' ? 'PERSON_ALLOCATED' : kind === 'transfer' ? 'PERSON_TRANSFERRED' : 'PERSON_REALLOCATED'
  await audit(trx, ctx, {
    action,
    personId: p.id,
    subject: p.crn,
    detail: { allocationId, from, to, decision: decision.outcome },
  })
  const payload = {
    crn: p.crn,
    allocationId,
    kind,
    from,
    to,
    decision: { outcome: decision.outcome, reasons: decision.reasons.map(r => r.code) },
    inductionDueDate: induction?.dueBy.toString() ?? null,
    at: now.toISOString(),
  }
  await publish(trx, kind === 'transfer' ? 'person.transferred' : 'person.allocated', p.id, payload)
}
