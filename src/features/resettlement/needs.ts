import { audit, publish, type RequestContext } from '../../access/audit.ts'
import { ValidationError } from '../../errors.ts'
import type { Parsed } from '../../web/forms.ts'
import { requireSentence, withResettlementCase, type ResettlementDeps } from './context.ts'
import type { NeedsCommand } from './forms.ts'
import * as q from './queries.ts'

/**
 * Recording needs by resettlement pathway: each answered pathway whose answer or notes differ from its current one
 * gets a new row (the earlier answers stay in the history); an unchanged answer adds nothing.
 */
export function recordNeeds(deps: ResettlementDeps, ctx: RequestContext, crn: string, command: Parsed<NeedsCommand>) {
  return withResettlementCase(deps, ctx, crn, 'update', async (trx, opened) => {
    const state = requireSentence(opened, 'need-accommodation')
    if (!command.ok) throw new ValidationError(command.errors)
    const current = new Map((await q.needs(trx, state.sentence.id)).map(n => [n.pathway, n]))
    const changed = command.value.answers.filter(a => {
      const was = current.get(a.pathway)
      return !was || was.need !== a.need || (was.notes ?? null) !== a.notes
    })
    const { person } = opened
    await q.insertNeeds(
      trx,
      changed.map(a => ({
        person_id: person.id,
        sentence_id: state.sentence.id,
        pathway: a.pathway,
        need: a.need,
        notes: a.notes,
        recorded_by: ctx.user?.id ?? null,
      })),
    )
    if (changed.length > 0) {
      const detail = { pathways: changed.map(a => a.pathway), needs: changed.filter(a => a.need).map(a => a.pathway) }
      await audit(trx, ctx, { action: 'RESETTLEMENT_NEEDS_RECORD', personId: person.id, subject: person.crn, detail })
      await publish(trx, 'resettlement.needs-recorded', person.id, { crn: person.crn, ...detail })
    }
    return { crn: person.crn, changed: changed.length }
  })
}
