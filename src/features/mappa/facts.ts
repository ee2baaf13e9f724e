import { LocalDate } from '@js-joda/core'
import { audit, publish, type RequestContext } from '../../access/audit.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts'
import { formatDate } from '../../web/filters.ts'
import type { Parsed } from '../../web/forms.ts'
import { requireSenior, withMappaCase, type MappaDeps } from './context.ts'
import { FACT_PREFIX, type EndFactCommand, type FactCommand } from './forms.ts'
import * as q from './queries.ts'

/**
 * The public protection facts MAPPA eligibility is worked out from (rules-and-outcomes.md §3.5), recorded on the
 * MAPPA page into the public protection feature's `protection_orders`: a hospital order (Mental Health Act 1983,
 * restricted under s.41 or not), Sexual Offences Act 2003 Part 2 notification (to an end date, or indefinite), a bar
 * from working with children, and a senior's category 3 decision with its reason. Ending one is a row of its own.
 */
export function recordFact(deps: MappaDeps, ctx: RequestContext, crn: string, command: Parsed<FactCommand>) {
  return withMappaCase(deps, ctx, crn, 'update', async (trx, { person }) => {
    if (!command.ok) throw new ValidationError(command.errors)
    const c = command.value
    if (c.kind === 'category3_decision') requireSenior(ctx, 'record a category 3 decision')
    const field = `${FACT_PREFIX[c.kind]}-start-day`
    if (c.start.isAfter(deps.clock.today()))
      throw new ValidationError([{ field, message: 'The date must be today or in the past' }])
    if (c.eventId !== null && !(await q.isEventOf(trx, person.id, c.eventId)))
      throw new ValidationError([{ field: 'hospital-event', message: 'Choose the conviction from the list' }])
    const id = await q.insertProtectionOrder(trx, {
      person_id: person.id,
      kind: c.kind,
      event_id: c.eventId,
      start_date: c.start.toString(),
      end_date: c.end?.toString() ?? null,
      restricted: c.restricted,
      reason: c.reason,
      recorded_by: ctx.user?.id ?? null,
    })
    const detail = {
      factId: id,
      kind: c.kind,
      startDate: c.start.toString(),
      endDate: c.end?.toString() ?? null,
      restricted: c.restricted,
    }
    await audit(trx, ctx, { action: 'MAPPA_FACT_RECORD', personId: person.id, subject: person.crn, detail })
    await publish(trx, 'mappa.fact-recorded', person.id, { crn: person.crn, ...detail })
    return { crn: person.crn }
  })
}

/** Ends a fact on a day (not in the future, not before it started); a fact is ended once. */
export function endFact(
  deps: MappaDeps,
  ctx: RequestContext,
  crn: string,
  id: number,
  command: Parsed<EndFactCommand>,
) {
  return withMappaCase(deps, ctx, crn, 'update', async (trx, { person }) => {
    const fact = await q.findProtectionOrder(trx, person.id, id)
    if (!fact) throw new NotFoundError('There is no such public protection fact on this record')
    if (fact.kind === 'category3_decision') requireSenior(ctx, 'withdraw a category 3 decision')
    if (fact.end_id !== null) throw new ConflictError('This has already been ended.')
    if (!command.ok) throw new ValidationError(command.errors)
    const { endedOn, reason } = command.value
    const field = `end-${id}-day`
    if (endedOn.isAfter(deps.clock.today()))
      throw new ValidationError([{ field, message: 'The date it ended must be today or in the past' }])
    if (endedOn.isBefore(LocalDate.parse(fact.start_date)))
      throw new ValidationError([
        { field, message: `The date it ended must be on or after it started (${formatDate(fact.start_date)})` },
      ])
    const saved = await q.insertProtectionOrderEnd(trx, {
      order_id: fact.id,
      person_id: person.id,
      ended_on: endedOn.toString(),
      reason,
      recorded_by: ctx.user?.id ?? null,
    })
    if (!saved) throw new ConflictError('This has already been ended.')
    const detail = { factId: fact.id, kind: fact.kind, endedOn: endedOn.toString() }
    await audit(trx, ctx, { action: 'MAPPA_FACT_END', personId: person.id, subject: person.crn, detail })
    await publish(trx, 'mappa.fact-ended', person.id, { crn: person.crn, ...detail })
    return { crn: person.crn }
  })
}
