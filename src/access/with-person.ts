import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema.ts'
import { ForbiddenError, NotFoundError } from '../errors.ts'
import { audit, type RequestContext } from './audit.ts'
import type { CurrentUser } from './current-user.ts'
import { loadPersonAccessByCrn, type AccessTime } from './person-access.ts'
import { systemClock, type Clock } from '../clock.ts'
import {
  ASK_FOR_ACCESS,
  canReadPerson,
  canUpdatePerson,
  DEFAULT_FORMER_MANAGER_MONTHS,
  type AccessDecision,
  type PersonAccessFacts,
  type ReadScope,
} from './policy.ts'

/**
 * The one way a service opens a person's record: find the person by CRN, ask the policy, and run the work in one
 * transaction. Every refusal is audited the same way (ACCESS_DENIED with what was attempted and why), committed
 * before `ForbiddenError` is thrown so the trail keeps it; an unknown or malformed CRN is `NotFoundError`.
 *
 * Features that need their own rule (a court officer doing court work on a record they may only read) pass a
 * named decision instead of 'read' or 'update'.
 */

/**
 * What is being attempted: read, update, or a feature's own named rule. `read` refuses a reader whose access covers
 * only part of the record (a former manager); `read-scoped` lets them in and hands the work their `scope`, which the
 * work must apply (show only what was recorded before `scope.recordedBefore`).
 */
export type PersonAccessMode =
  | 'read'
  | 'read-scoped'
  | 'update'
  | {
      readonly name: string
      readonly decide: (user: CurrentUser | undefined, facts: PersonAccessFacts) => AccessDecision
    }

/** The person as the policy saw them, handed to the work. */
export interface PersonAccess {
  readonly personId: number
  readonly crn: string
  readonly facts: PersonAccessFacts
  /** Whether this user may also change the record (pages show or hide their change links by it). */
  readonly canUpdate: boolean
  /** Why the user may read it (e.g. `same provider`, `former manager`, `access granted`). */
  readonly basis: string
  /** Present when the user may read only part of the record (`read-scoped` only): what was recorded before. */
  readonly scope?: ReadScope
}

/** Where the time comes from for grants and former managers' periods (the service's clock and settings). */
export interface PersonAccessOptions {
  readonly clock?: Clock
  readonly formerManagerMonths?: number
}

const CRN = /^[A-Z][0-9]{6}$/
const NO_RECORD = 'There is no record with this CRN'

/**
 * Opens one person's record for `work`, in one transaction.
 *
 * @example
 * const withPerson = personAccess(db)
 * const page = await withPerson(ctx, 'X100001', 'read', async (trx, person) => findAddresses(trx, person.personId))
 */
export function personAccess(db: Kysely<Database>, options: PersonAccessOptions = {}) {
  const clock = options.clock ?? systemClock
  const months = options.formerManagerMonths ?? DEFAULT_FORMER_MANAGER_MONTHS
  return async function withPerson<T>(
    ctx: RequestContext,
    crn: string,
    mode: PersonAccessMode,
    work: (trx: Transaction<Database>, person: PersonAccess) => Promise<T>,
  ): Promise<T> {
    const wanted = crn.trim().toUpperCase()
    if (!CRN.test(wanted)) throw new NotFoundError(NO_RECORD)
    const outcome = await db.transaction().execute(async trx => {
      const at: AccessTime = { now: clock.now(), formerManagerMonths: months }
      const facts = await factsFor(trx, ctx, wanted, mode, at)
      if (!facts) return { kind: 'not-found' as const }
      const decision = decide(ctx.user, facts, mode)
      if (!decision.allowed) {
        await auditRefusal(trx, ctx, { personId: facts.personId, crn: wanted }, attempted(mode), decision)
        return { kind: 'denied' as const, reason: decision.reason }
      }
      const canUpdate = mode === 'update' || canUpdatePerson(ctx.user, facts).allowed
      return {
        kind: 'ok' as const,
        value: await work(trx, {
          personId: facts.personId,
          crn: wanted,
          facts,
          canUpdate,
          basis: decision.basis,
          ...(decision.scope ? { scope: decision.scope } : {}),
        }),
      }
    })
    if (outcome.kind === 'not-found') throw new NotFoundError(NO_RECORD)
    if (outcome.kind === 'denied') throw new ForbiddenError(outcome.reason)
    return outcome.value
  }
}

/**
 * The person's access facts: for a read, those the route guard read moments before in this request, judged at this
 * service's time (one round trip fewer on every case page); for a change, read again inside the change's transaction.
 */
async function factsFor(
  trx: Transaction<Database>,
  ctx: RequestContext,
  crn: string,
  mode: PersonAccessMode,
  at: AccessTime,
): Promise<PersonAccessFacts | undefined> {
  const checked = ctx.checkedPerson
  if (mode !== 'update' && checked?.crn === crn)
    return { ...checked.facts, asOf: at.now, formerManagerMonths: at.formerManagerMonths }
  return loadPersonAccessByCrn(trx, crn, at)
}

/** The signature of the function `personAccess(db)` returns, for services that receive it. */
export type WithPerson = ReturnType<typeof personAccess>

function decide(user: CurrentUser | undefined, facts: PersonAccessFacts, mode: PersonAccessMode): AccessDecision {
  if (mode === 'read-scoped') return canReadPerson(user, facts)
  if (mode === 'read') return wholeRecord(canReadPerson(user, facts))
  if (mode === 'update') return canUpdatePerson(user, facts)
  return mode.decide(user, facts)
}

/**
 * A read of something that cannot be limited to what was recorded before a date (the current address, a document)
 * is refused to a reader with a scope, who is offered to ask for access instead.
 */
export function wholeRecord(decision: AccessDecision): AccessDecision {
  if (!decision.allowed || !decision.scope) return decision
  return {
    allowed: false,
    limitedAccess: false,
    canAsk: true,
    reason: `As a former case manager you can see only what was recorded while you managed the case. ${ASK_FOR_ACCESS}`,
  }
}

function attempted(mode: PersonAccessMode): string {
  return typeof mode === 'string' ? (mode === 'read-scoped' ? 'read' : mode) : mode.name
}

/**
 * Writes the ACCESS_DENIED row for a refused look at or change to a person: the route guard and `withPerson` both
 * use it, so every refusal reads the same in the trail.
 */
export async function auditRefusal(
  db: Kysely<Database> | Transaction<Database>,
  ctx: RequestContext,
  person: { personId: number; crn: string },
  attemptedWhat: string,
  decision: { reason: string; limitedAccess?: boolean },
  extra: Record<string, unknown> = {},
): Promise<void> {
  await audit(db, ctx, {
    action: 'ACCESS_DENIED',
    personId: person.personId,
    subject: person.crn,
    detail: {
      attempted: attemptedWhat,
      reason: decision.reason,
      limitedAccess: decision.limitedAccess ?? false,
      ...extra,
    },
  })
}
