import { LocalDate } from '@js-joda/core'
import type { RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../../errors.ts'
import { notAfter, parseIso } from './checks.ts'
import type { TerminationInput } from './commands.ts'
import { recalculateKeyDates } from './key-dates.ts'
import { applyCaseStatusChange } from './lifecycle.ts'
import { recordChange } from '../../access/audit.ts'
import { openRecord, type SentencingDeps } from './open-record.ts'
import * as q from './queries.ts'
import { REQUIREMENT_TERMINATION_REASONS, TERMINATION_REASONS } from './views-model.ts'

/** Terminating an order or custodial sentence, or one requirement of an order. Nothing is deleted. */

interface Termination {
  date: LocalDate
  reason: string
}

/** The termination's date (not before `from`, not after today) and reason (one of `reasons`), or every error. */
function checkTermination(
  input: TerminationInput,
  limits: { from: LocalDate | null; fromMessage: string; today: LocalDate; reasons: readonly { code: string }[] },
): Termination {
  const errors: FieldError[] = []
  const date = parseIso(input.date, 'date', 'termination date', errors)
  if (date && limits.from && date.isBefore(limits.from)) errors.push({ field: 'date', message: limits.fromMessage })
  notAfter(date, limits.today, { field: 'date', message: 'The termination date must be today or in the past' }, errors)
  const reason = limits.reasons.find(r => r.code === input.reason)?.code
  if (!reason) errors.push({ field: 'reason', message: 'Choose the reason for termination' })
  if (errors.length || !date || !reason) throw new ValidationError(errors)
  return { date, reason }
}

/** The case ends when no sentence is left running (unless it is still before sentence). */
async function endCaseIfNothingLeft(
  trx: Executor,
  ctx: RequestContext,
  p: q.PersonRow,
  s: q.StoredSentence,
  context: { today: LocalDate; eventNumber: number },
): Promise<string> {
  const left = await q.listRunningSentenceIds(trx, p.id, context.today.toString())
  if (left.length > 0 || p.case_status === 'pre_sentence') return p.case_status
  const change = await applyCaseStatusChange(trx, ctx, p.id, 'all_orders_ended', {
    eventId: s.event_id,
    reason: `Every order has ended (event ${context.eventNumber} terminated)`,
  })
  return change.to
}

async function findSentence(trx: Executor, personId: number, sentenceId: number) {
  const s = await q.findSentence(trx, personId, sentenceId)
  if (!s) throw new NotFoundError('No such sentence')
  return s
}

/** The sentence, its running requirements and its event, terminated; the custodial key dates recalculated. */
async function terminateTheSentence(
  deps: SentencingDeps,
  trx: Executor,
  ctx: RequestContext,
  p: q.PersonRow,
  s: q.StoredSentence,
  termination: Termination & { version: number },
) {
  const by = ctx.user?.id ?? null
  const at = deps.clock.now()
  const date = termination.date.toString()
  const done = await q.terminateSentenceRow(
    trx,
    { id: s.id, version: termination.version },
    {
      date,
      reason: termination.reason,
      by,
      at,
    },
  )
  if (!done) throw new ConflictError()
  await q.terminateRequirementsOfSentence(trx, s.id, { date, reason: 'order_terminated', by, at })
  await q.markEventTerminated(trx, s.event_id)
  if (s.sentence_type === 'custodial') {
    const options = { today: deps.clock.today(), now: deps.clock.now(), trigger: `sentence ${s.id} terminated` }
    await recalculateKeyDates(trx, ctx, p, options)
  }
}

/**
 * Terminates an order or custodial sentence (and its current requirements) with a date and reason; nothing is
 * deleted. Recalculates the remaining custodial key dates; the case ends when no current sentence is left.
 */
export function terminateSentence(
  deps: SentencingDeps,
  ctx: RequestContext,
  crn: string,
  sentenceId: number,
  input: TerminationInput,
) {
  return openRecord(deps, ctx, crn, 'update', async (trx, p) => {
    const s = await findSentence(trx, p.id, sentenceId)
    if (s.terminated_date) throw new ConflictError('This sentence has already been terminated.')
    const today = deps.clock.today()
    const termination = checkTermination(input, {
      from: LocalDate.parse(s.sentence_date),
      fromMessage: 'The termination date must be on or after the sentence date',
      today,
      reasons: TERMINATION_REASONS,
    })
    await terminateTheSentence(deps, trx, ctx, p, s, { ...termination, version: input.version ?? s.version })
    const { event_number: eventNumber } = await q.findEventNumber(trx, s.event_id)
    const caseStatus = await endCaseIfNothingLeft(trx, ctx, p, s, { today, eventNumber })
    await recordChange(trx, ctx, p, {
      action: 'SENTENCE_TERMINATE',
      eventType: 'person.sentence.terminated',
      detail: {
        sentenceId: s.id,
        eventNumber,
        sentenceType: s.sentence_type,
        date: termination.date.toString(),
        reason: input.reason,
        caseStatus,
      },
    })
    return { sentenceId: s.id, caseStatus }
  })
}

/** Terminates one requirement with a date and reason; the order continues. */
export function terminateRequirement(
  deps: SentencingDeps,
  ctx: RequestContext,
  crn: string,
  requirementId: number,
  input: TerminationInput,
) {
  return openRecord(deps, ctx, crn, 'update', async (trx, p) => {
    const r = await q.findRequirement(trx, p.id, requirementId)
    if (!r) throw new NotFoundError('No such requirement')
    if (r.terminated_date) throw new ConflictError('This requirement has already been terminated.')
    const termination = checkTermination(input, {
      from: r.start_date ? LocalDate.parse(r.start_date) : null,
      fromMessage: 'The termination date must be on or after the requirement started',
      today: deps.clock.today(),
      reasons: REQUIREMENT_TERMINATION_REASONS,
    })
    const date = termination.date.toString()
    const by = ctx.user?.id ?? null
    const done = await q.terminateRequirementRow(trx, r.id, {
      date,
      reason: termination.reason,
      by,
      at: deps.clock.now(),
    })
    if (!done) throw new ConflictError()
    await recordChange(trx, ctx, p, {
      action: 'REQUIREMENT_TERMINATE',
      eventType: 'person.requirement.terminated',
      detail: { requirementId: r.id, sentenceId: r.sentence_id, type: r.category, date, reason: input.reason },
    })
    return { requirementId: r.id }
  })
}
