import { audit, publish, type RequestContext } from '../../access/audit.ts'
import { ValidationError, type FieldError } from '../../errors.ts'
import { caseFacts, MAX_NOTES, personOf, requireAllocator, type AllocationDeps } from './case-facts.ts'
import type { ResolveRiskCommand } from './forms.ts'
import { insertResolution } from './queries.ts'

/** A senior records which RoSH source is right and why; the decision then uses it. Audited and published. */
export async function resolveConflict(
  { withPerson, clock }: AllocationDeps,
  ctx: RequestContext,
  crn: string,
  command: ResolveRiskCommand,
) {
  requireAllocator(ctx)
  return withPerson(ctx, crn, 'update', async (trx, access) => {
    const p = await personOf(trx, access)
    const { decision } = await caseFacts(trx, p, clock.today())
    if (decision.outcome !== 'blocked') {
      throw new ValidationError([
        {
          field: 'source',
          message: 'There is no conflicting RoSH information to resolve: the record may have changed. Reload the page',
        },
      ])
    }
    const { reason } = command
    const source = decision.conflict.sources.find(s => s.kind === command.source)
    const problems: FieldError[] = []
    if (!source) problems.push({ field: 'source', message: 'Select which RoSH information is right' })
    if (!reason) problems.push({ field: 'reason', message: 'Enter why this RoSH information is right' })
    else if (reason.length > MAX_NOTES)
      problems.push({ field: 'reason', message: `Reason must be ${MAX_NOTES} characters or fewer` })
    if (problems.length || !source) throw new ValidationError(problems)
    const resolutionId = await insertResolution(trx, {
      person_id: p.id,
      conflict_key: decision.conflict.key,
      sources: decision.conflict.sources,
      chosen_source: source.kind,
      rosh_level: source.level,
      reason,
      resolved_by: ctx.user?.id ?? null,
    })
    await audit(trx, ctx, {
      action: 'ALLOCATION_RISK_RESOLVED',
      personId: p.id,
      subject: p.crn,
      detail: { resolutionId, chosen: source.kind, level: source.level, sources: decision.conflict.sources },
    })
    await publish(trx, 'person.allocation.risk-resolved', p.id, {
      crn: p.crn,
      chosen: source.kind,
      level: source.level,
    })
    return { resolutionId }
  })
}
