import { YearMonth } from '@js-joda/core'
import { audit, publish, type RequestContext } from '../../access/audit.ts'
import { hasPermission } from '../../access/policy.ts'
import { londonDate } from '../../clock.ts'
import type { NominationStatus } from '../../db/schema.ts'
import {
  acknowledgementDue,
  acknowledgementServiceLevel,
  acknowledgementState,
  canMoveNomination,
} from '../../domain/unpaid-work/acknowledgement.ts'
import { NotFoundError, ValidationError } from '../../errors.ts'
import type { Parsed } from '../../web/forms.ts'
import type { Executor } from '../../access/person-access.ts'
import { upwProvider, type UpwDeps } from './context.ts'
import type { NominationStatusCommand, TakeNominationCommand } from './nominations-forms.ts'
import * as q from './queries/nominations.ts'
import { createAreasUseCases } from './areas.ts'
import { createPhotosUseCases } from './photos.ts'

/**
 * Community Payback nominations for staff (issue 17 item 9; rules-and-outcomes.md §2.2): the provider's list with
 * each one's acknowledgement clock (two working days) and the month's service level, one nomination with everything
 * the public sent, its photos and history, and the changes upw:manage makes: acknowledge (once), being assessed, not
 * suitable (with a reason), accept, and take an unrouted one for a provider. Each change checks the version the page
 * was drawn from, appends the history and publishes `cp.nomination.status-changed` (reference and status: never
 * the nominator's details) with an audit row of the action, all in one transaction. A nomination of another provider
 * is not found. Project photos (`photos.ts`) and area boundaries (`areas.ts`) join these use cases.
 */

const STALE = 'Someone else changed this nomination while you were looking at it: check its status and try again'

const refuse = (field: string, message: string): never => {
  throw new ValidationError([{ field, message }])
}

const valueOf = <C>(command: Parsed<C>): C => {
  if (!command.ok) throw new ValidationError(command.errors)
  return command.value
}

/** Whether the user sees unrouted nominations: a national role, or one who may take them for their provider. */
const seesUnrouted = (ctx: RequestContext) => upwProvider(ctx) === null || hasPermission(ctx.user, 'upw:manage')

/** The nomination when the user may see it, else not found (another provider's is not revealed). */
async function visible(deps: UpwDeps, ctx: RequestContext, id: number) {
  const scope = upwProvider(ctx)
  const row = await q.nominationById(deps.db, id)
  if (!row || scope === 'none') throw new NotFoundError('Nomination not found')
  if (scope !== null && row.provider_id !== null && Number(row.provider_id) !== scope) {
    throw new NotFoundError('Nomination not found')
  }
  if (row.provider_id === null && !seesUnrouted(ctx)) throw new NotFoundError('Nomination not found')
  return row
}

function clockOf(deps: UpwDeps, submittedAt: Date, acknowledgedAt: Date | null) {
  const submitted = londonDate(submittedAt)
  return {
    dueOn: acknowledgementDue(submitted),
    state: acknowledgementState({
      submitted,
      acknowledged: acknowledgedAt ? londonDate(acknowledgedAt) : null,
      today: deps.clock.today(),
    }),
  }
}

async function list(deps: UpwDeps, ctx: RequestContext, status: NominationStatus | null) {
  const scope = upwProvider(ctx)
  const all = scope === 'none' ? [] : await q.nominationsFor(deps.db, scope, seesUnrouted(ctx), status)
  const rows = all.map(n => ({ ...n, ...clockOf(deps, n.submitted_at, n.acknowledged_at) }))
  const today = deps.clock.today()
  const month = YearMonth.of(today.year(), today.monthValue())
  // Due this month: sent on or after a fortnight before it began (two working days never span more).
  const from = new Date(`${month.atDay(1).minusDays(14).toString()}T00:00:00Z`)
  const facts = scope === 'none' ? [] : await q.acknowledgementFacts(deps.db, scope, from)
  const serviceLevel = acknowledgementServiceLevel(
    facts.map(n => ({
      submitted: londonDate(n.submitted_at),
      acknowledged: n.acknowledged_at ? londonDate(n.acknowledged_at) : null,
    })),
    month,
  )
  const mayTake = hasPermission(ctx.user, 'upw:manage')
  return {
    rows: rows.filter(n => n.provider_id !== null),
    unrouted: rows.filter(n => n.provider_id === null),
    serviceLevel,
    month: today,
    status,
    mayTake,
    national: scope === null,
    /** A national user routes an unrouted nomination to a provider they choose. */
    providers:
      mayTake && scope === null && all.some(n => n.provider_id === null) ? await q.providerChoices(deps.db) : [],
  }
}

async function nomination(deps: UpwDeps, ctx: RequestContext, id: number) {
  const row = await visible(deps, ctx, id)
  return {
    nomination: row,
    ...clockOf(deps, row.submitted_at, row.acknowledged_at),
    photos: await q.nominationPhotos(deps.db, id),
    history: await q.historyOf(deps.db, id),
    mayManage: hasPermission(ctx.user, 'upw:manage') && row.provider_id !== null,
  }
}

const TARGET: Record<Exclude<NominationStatusCommand['action'], 'acknowledge'>, NominationStatus> = {
  being_assessed: 'being_assessed',
  not_suitable: 'not_suitable',
  accepted: 'accepted',
}

async function changeStatus(deps: UpwDeps, ctx: RequestContext, id: number, command: Parsed<NominationStatusCommand>) {
  const c = valueOf(command)
  await visible(deps, ctx, id)
  return deps.db.transaction().execute(async trx => {
    const n = (await q.lockNomination(trx, id)) ?? refuse('action', 'Nomination not found')
    if (n.provider_id === null) refuse('action', 'Take the nomination for a provider first')
    if (n.version !== c.version) refuse('version', STALE)
    const now = deps.clock.now()
    const by = ctx.user?.id ?? null
    let status = n.status
    if (c.action === 'acknowledge') {
      if (n.acknowledged_at) refuse('action', 'The nomination is already acknowledged')
      if (!(await q.acknowledge(trx, id, c.version, now, by))) refuse('version', STALE)
    } else {
      status = TARGET[c.action]
      if (!canMoveNomination(n.status, status)) {
        refuse(
          'action',
          `A nomination that is ${n.status.replace('_', ' ')} cannot be moved to ${status.replace('_', ' ')}`,
        )
      }
      // Changing the status acknowledges the nomination too, if no one had.
      const acknowledge = n.acknowledged_at ? undefined : { at: now, by }
      if (!(await q.setStatus(trx, id, c.version, { status, reason: c.reason, acknowledge }))) refuse('version', STALE)
      await q.appendHistory(trx, { nomination_id: id, status, reason: c.reason, changed_by: by, changed_at: now })
    }
    const detail = { reference: n.reference, status, action: c.action }
    await audit(trx, ctx, { action: 'CP_NOMINATION_STATUS_CHANGED', subject: n.reference, detail })
    await publish(trx, 'cp.nomination.status-changed', null, detail)
    return { id, action: c.action }
  })
}

/** The statuses a project moves its nomination to, and from which (the nominator follows the work by its status). */
const PROJECT_MOVES: Record<'accepted' | 'scheduled' | 'completed', readonly NominationStatus[]> = {
  accepted: ['received', 'being_assessed'],
  scheduled: ['received', 'being_assessed', 'accepted'],
  completed: ['received', 'being_assessed', 'accepted', 'scheduled'],
}

/**
 * Moves a project's nomination as its work goes on (created: accepted; first session: scheduled; completed), inside
 * the project's transaction, the same way a staff change does: the history appended, acknowledged if no one had, and
 * `cp.nomination.status-changed` published (so the nominator can be told the work is done). A nomination already
 * further on, or closed as not suitable, is left as it is.
 */
export async function moveNominationWithProject(
  trx: Executor,
  ctx: RequestContext,
  now: Date,
  move: { nominationId: number; status: keyof typeof PROJECT_MOVES; reason: string },
): Promise<void> {
  const n = await q.lockNomination(trx, move.nominationId)
  if (!n || !PROJECT_MOVES[move.status].includes(n.status)) return
  const by = ctx.user?.id ?? null
  const acknowledge = n.acknowledged_at ? undefined : { at: now, by }
  await q.setStatus(trx, n.id, n.version, { status: move.status, reason: move.reason, acknowledge })
  await q.appendHistory(trx, {
    nomination_id: n.id,
    status: move.status,
    reason: move.reason,
    changed_by: by,
    changed_at: now,
  })
  await publish(trx, 'cp.nomination.status-changed', null, {
    reference: n.reference,
    status: move.status,
    action: 'project',
  })
}

async function take(deps: UpwDeps, ctx: RequestContext, id: number, command: Parsed<TakeNominationCommand>) {
  const c = valueOf(command)
  const scope = upwProvider(ctx)
  const providerId = scope === null ? c.providerId : scope === 'none' ? null : scope
  if (providerId === null) refuse('provider', 'Choose the provider to route it to')
  await visible(deps, ctx, id)
  return deps.db.transaction().execute(async trx => {
    const n = (await q.lockNomination(trx, id)) ?? refuse('provider', 'Nomination not found')
    if (n.provider_id !== null) refuse('provider', 'The nomination is already routed to a provider')
    if (n.version !== c.version || !(await q.takeForProvider(trx, id, c.version, providerId!))) refuse('version', STALE)
    const detail = { reference: n.reference, status: n.status, action: 'taken', providerId }
    await audit(trx, ctx, { action: 'CP_NOMINATION_TAKEN', subject: n.reference, detail })
    await publish(trx, 'cp.nomination.status-changed', null, detail)
    return { id }
  })
}

async function nominationPhoto(deps: UpwDeps, ctx: RequestContext, id: number, photoId: number) {
  await visible(deps, ctx, id)
  const photo = await q.nominationPhoto(deps.db, id, photoId)
  if (!photo) throw new NotFoundError('Photo not found')
  return photo
}

export function createNominationsUseCases(deps: UpwDeps) {
  return {
    list: (ctx: RequestContext, status: NominationStatus | null = null) => list(deps, ctx, status),
    nomination: (ctx: RequestContext, id: number) => nomination(deps, ctx, id),
    changeStatus: (ctx: RequestContext, id: number, c: Parsed<NominationStatusCommand>) =>
      changeStatus(deps, ctx, id, c),
    take: (ctx: RequestContext, id: number, c: Parsed<TakeNominationCommand>) => take(deps, ctx, id, c),
    nominationPhoto: (ctx: RequestContext, id: number, photoId: number) => nominationPhoto(deps, ctx, id, photoId),
    ...createPhotosUseCases(deps),
    ...createAreasUseCases(deps),
  }
}
