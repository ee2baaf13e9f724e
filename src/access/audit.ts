import type { CurrentUser } from './current-user.ts'
import type { Executor } from './person-access.ts'
import type { PersonAccessFacts } from './policy.ts'

/** Who did it and from where: taken from the request by the web layer, passed down to services. */
export interface RequestContext {
  readonly user: CurrentUser | undefined
  readonly requestId: string
  readonly ip: string | null
  /**
   * The access facts the route guard read for the `:crn` route's person, moments before, in this request: a service
   * reading that person's record decides on them again instead of reading them a second time (`withPerson`). Set only
   * by the web layer from its own database read, never from the request's input.
   */
  readonly checkedPerson?: { readonly crn: string; readonly facts: PersonAccessFacts }
}

export interface AuditEntry {
  action: string
  personId?: number | null
  subject?: string | null
  detail?: Record<string, unknown>
  /**
   * Who a list showed (caseload, my day, team, allocation queue, search results), so that each person's "who has
   * looked" page finds the appearance (issue 12, finding 14). One row per list, indexed per person (GIN).
   */
  shownPersonIds?: readonly number[]
}

/**
 * Appends to the audit trail, inside the caller's transaction so the record of a change commits with the
 * change itself. The table is append-only: the database refuses UPDATE, DELETE and TRUNCATE. Rows are written
 * unsealed and sealed into a hash chain shortly after by the sealer (`audit-chain.ts`), which requests never wait on.
 *
 * @example
 * await audit(trx, ctx, { action: 'PERSON_VIEW', personId: 42, subject: 'X100001' })
 */
export async function audit(db: Executor, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      user_id: ctx.user?.id ?? null,
      username: ctx.user?.username ?? null,
      action: entry.action,
      person_id: entry.personId ?? null,
      subject: entry.subject ?? null,
      request_id: ctx.requestId,
      ip: ctx.ip,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
      shown_person_ids: entry.shownPersonIds ? [...new Set(entry.shownPersonIds)] : null,
    })
    .execute()
}

/**
 * The audit row and the outbox event of a change to a person's record, in the change's transaction, with the same
 * detail (the event also carries the CRN). Without `eventType`, only the audit row.
 *
 * @example
 * await recordChange(trx, ctx, { id: 42, crn: 'X100001' }, { action: 'CUSTODY_MOVE', eventType: 'person.custody.moved', detail: { movedOn } })
 */
export async function recordChange(
  db: Executor,
  ctx: RequestContext,
  person: { readonly id: number; readonly crn: string },
  change: { action: string; eventType?: string; detail: Record<string, unknown> },
): Promise<void> {
  await audit(db, ctx, { action: change.action, personId: person.id, subject: person.crn, detail: change.detail })
  if (change.eventType) await publish(db, change.eventType, person.id, { crn: person.crn, ...change.detail })
}

/**
 * Writes a domain event to the outbox in the caller's transaction (transactional outbox): integrations read
 * `outbox_events` and mark them published, so an event exists exactly when its change committed.
 */
export async function publish(
  db: Executor,
  eventType: string,
  personId: number | null,
  payload: Record<string, unknown>,
): Promise<void> {
  await db
    .insertInto('outbox_events')
    .values({ event_type: eventType, person_id: personId, payload: JSON.stringify(payload) })
    .execute()
}
