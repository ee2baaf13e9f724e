import { LocalDate } from '@js-joda/core'
import { audit, publish, type RequestContext } from '../../access/audit.ts'
import { ValidationError } from '../../errors.ts'
import type { Parsed } from '../../web/forms.ts'
import { formatDate } from '../../web/filters.ts'
import { requireSentence, withResettlementCase, type ResettlementDeps } from './context.ts'
import type { ScreeningCommand } from './forms.ts'
import * as q from './queries.ts'

/**
 * Recording basic custody screening part 1 (the prison's, recorded here by case workers when the prison tells them)
 * or part 2 (the provider's, only for sentences of 4 years or less). A second recording of a part is appended as
 * a correction; the latest is the one the clock reads.
 */
export function recordScreening(
  deps: ResettlementDeps,
  ctx: RequestContext,
  crn: string,
  part: 1 | 2,
  command: Parsed<ScreeningCommand>,
) {
  const field = `part${part}-completedOn-day`
  return withResettlementCase(deps, ctx, crn, 'update', async (trx, opened) => {
    const state = requireSentence(opened, field)
    if (part === 2 && !state.partTwo.required)
      throw new ValidationError([
        { field, message: 'Part 2 is only for sentences of 4 years or less: this sentence does not need it' },
      ])
    if (!command.ok) throw new ValidationError(command.errors)
    const { completedOn, completedBy, notes } = command.value
    if (completedOn.isAfter(deps.clock.today()))
      throw new ValidationError([{ field, message: 'The date it was done must be today or in the past' }])
    const reception = state.custody ? LocalDate.parse(state.custody.reception_date) : null
    if (reception && completedOn.isBefore(reception))
      throw new ValidationError([
        { field, message: `The date it was done must be on or after reception (${formatDate(reception.toString())})` },
      ])
    const sentenceDate = LocalDate.parse(state.sentence.sentence_date)
    if (completedOn.isBefore(sentenceDate))
      throw new ValidationError([
        {
          field,
          message: `The date it was done must be on or after the sentence date (${formatDate(sentenceDate.toString())})`,
        },
      ])
    const { person } = opened
    const id = await q.insertScreening(trx, {
      person_id: person.id,
      sentence_id: state.sentence.id,
      part,
      completed_on: completedOn.toString(),
      completed_by: completedBy,
      notes,
      recorded_by: ctx.user?.id ?? null,
    })
    const detail = {
      screeningId: id,
      part,
      completedOn: completedOn.toString(),
      correction: (part === 1 ? state.partOne : state.partTwo).done !== null,
    }
    await audit(trx, ctx, { action: 'RESETTLEMENT_SCREENING_RECORD', personId: person.id, subject: person.crn, detail })
    await publish(trx, 'resettlement.screening-recorded', person.id, { crn: person.crn, ...detail })
    return { crn: person.crn }
  })
}
