import { audit, publish, type RequestContext } from '../../access/audit.ts'
import { ValidationError } from '../../errors.ts'
import type { Parsed } from '../../web/forms.ts'
import { requireSentence, withResettlementCase, type ResettlementDeps } from './context.ts'
import type { ReleaseDayPlanCommand } from './forms.ts'
import * as q from './queries.ts'

/**
 * The release-day plan: the address for the first night, who meets them, travel, the first appointment (date and
 * place), medication and ID. Each change is a new version; the earlier ones stay in the history.
 */
export function recordReleaseDayPlan(
  deps: ResettlementDeps,
  ctx: RequestContext,
  crn: string,
  command: Parsed<ReleaseDayPlanCommand>,
) {
  return withResettlementCase(deps, ctx, crn, 'update', async (trx, opened) => {
    const state = requireSentence(opened, 'firstNightAddress')
    if (!command.ok) throw new ValidationError(command.errors)
    const plan = command.value
    if (plan.firstAppointmentDate.isBefore(deps.clock.today()))
      throw new ValidationError([
        { field: 'firstAppointmentDate-day', message: 'The first appointment date must be today or in the future' },
      ])
    const { person } = opened
    const id = await q.insertReleaseDayPlan(trx, {
      person_id: person.id,
      sentence_id: state.sentence.id,
      first_night_address: plan.firstNightAddress,
      met_by: plan.metBy,
      travel: plan.travel,
      first_appointment_date: plan.firstAppointmentDate.toString(),
      first_appointment_place: plan.firstAppointmentPlace,
      medication: plan.medication,
      id_documents: plan.idDocuments,
      recorded_by: ctx.user?.id ?? null,
    })
    const detail = { planId: id, firstAppointmentDate: plan.firstAppointmentDate.toString() }
    await audit(trx, ctx, { action: 'RELEASE_DAY_PLAN_RECORD', personId: person.id, subject: person.crn, detail })
    await publish(trx, 'resettlement.release-day-plan-recorded', person.id, { crn: person.crn, ...detail })
    return { crn: person.crn }
  })
}
