import type { LocalDate } from '@js-joda/core'
import { audit, publish, type RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import { ConflictError, ValidationError } from '../../errors.ts'
import type { Parsed } from '../../web/forms.ts'
import { recalculateRisk } from '../risk/index.ts'
import { requireSenior, withMappaCase, type MappaDeps } from './context.ts'
import type { LevelCommand } from './forms.ts'
import * as q from './queries.ts'

/**
 * Setting or reviewing the MAPPA level (rules-and-outcomes.md §3.5): a senior gives the category, the level (1–3),
 * the reason and the next review date. Each decision is appended to `mappa_reviews`; the MAPP registration (what the
 * risk flags, the tier and allocation read) is kept in step: added on the first level, replaced (the old one
 * deregistered) when the category or level changes, its next review moved when they do not.
 */
export function setLevel(deps: MappaDeps, ctx: RequestContext, crn: string, command: Parsed<LevelCommand>) {
  return withMappaCase(deps, ctx, crn, 'update', async (trx, { person }) => {
    // The record's access first, then the form (bad input is named to anyone who may change the record), then the role.
    if (!command.ok) throw new ValidationError(command.errors)
    requireSenior(ctx, 'set or review the MAPPA level')
    const { category, level, reason, nextReview } = command.value
    const today = deps.clock.today()
    if (!nextReview.isAfter(today))
      throw new ValidationError([{ field: 'nextReview-day', message: 'The next review date must be in the future' }])
    const reviewId = await q.insertReview(trx, {
      person_id: person.id,
      category,
      level,
      reason,
      reviewed_on: today.toString(),
      next_review_date: nextReview.toString(),
      recorded_by: ctx.user?.id ?? null,
    })
    const synced = await syncRegistration(deps, trx, ctx, person.id, { category, level, reason, next: nextReview })
    // The tier counts MAPPA level 2 and 3 (hmpps-tier): worked out again with the registration, as a flag change is.
    await recalculateRisk(trx, ctx, [person.id], { today, trigger: 'MAPPA_LEVEL_SET' })
    const detail = {
      reviewId,
      category,
      level,
      nextReviewDate: nextReview.toString(),
      previous: synced.previous,
      registrationId: synced.registrationId,
    }
    await audit(trx, ctx, { action: 'MAPPA_LEVEL_SET', personId: person.id, subject: person.crn, detail })
    await publish(trx, 'mappa.level-set', person.id, { crn: person.crn, ...detail })
    return { crn: person.crn }
  })
}

/** Keeps the one active MAPP registration in step with the level just set. */
async function syncRegistration(
  deps: MappaDeps,
  trx: Executor,
  ctx: RequestContext,
  personId: number,
  set: { category: number; level: number; reason: string; next: LocalDate },
) {
  const today = deps.clock.today().toString()
  const active = await q.activeMappRegistrations(trx, personId)
  const current = active[0]
  const previous = current ? { category: current.mappa_category, level: current.mappa_level } : null
  if (current && current.mappa_category === set.category && current.mappa_level === set.level) {
    if (!(await q.setRegistrationReview(trx, current.id, current.version, set.next.toString())))
      throw new ConflictError()
    return { previous, registrationId: current.id }
  }
  for (const r of active) {
    const ok = await q.deregister(trx, r.id, r.version, {
      date: today,
      reason: `Replaced by MAPPA category ${set.category}, level ${set.level}`,
      userId: ctx.user?.id ?? null,
      at: deps.clock.now(),
    })
    if (!ok) throw new ConflictError()
  }
  const registrationId = await q.insertRegistration(trx, {
    person_id: personId,
    type_code: q.MAPP,
    mappa_category: set.category,
    mappa_level: set.level,
    registered_date: today,
    next_review_date: set.next.toString(),
    notes: set.reason,
    registered_by: ctx.user?.id ?? null,
  })
  return { previous, registrationId }
}
