import type { Transaction } from 'kysely'
import { audit, publish, type RequestContext } from '../../access/audit.ts'
import type { CurrentUser } from '../../access/current-user.ts'
import { loadPersonAccess, type Executor } from '../../access/person-access.ts'
import {
  canReadPerson,
  canUpdatePerson,
  hasPermission,
  type AccessDecision,
  type PersonAccessFacts,
} from '../../access/policy.ts'
import type { Permission } from '../../access/roles.ts'
import { auditRefusal, personAccess, type PersonAccessMode, type WithPerson } from '../../access/with-person.ts'
import type { Database, IsoDate } from '../../db/schema.ts'
import type { Dependencies } from '../../dependencies.ts'
import { ForbiddenError, NotFoundError } from '../../errors.ts'
import type { PeopleService } from '../people/index.ts'
import * as q from './queries.ts'
import type { PersonSummary } from './types.ts'

/**
 * What every court use case works with: the database, the clock, the people service (search and create), and
 * `withPerson` for opening one person's record under court work's access rules.
 *
 * Access. Reading a person's hearings or reports follows `canReadPerson`. Court work on a person (linking a
 * listed defendant, requesting or writing a report) needs `person:update` in the role and then either
 * `canUpdatePerson`, or, for a court officer, `canReadPerson`: court teams serve every defendant in their
 * courts whichever provider manages them (court officers already read nationally). Every read of person data is
 * audited; every change commits with its audit row and outbox event in one transaction.
 */

export type CourtDeps = Pick<Dependencies, 'db' | 'clock'> & { people: PeopleService }

export interface Court extends CourtDeps {
  readonly withPerson: WithPerson
}

export type Trx = Transaction<Database>

export function courtContext(deps: CourtDeps): Court {
  return { db: deps.db, clock: deps.clock, people: deps.people, withPerson: personAccess(deps.db) }
}

/** Today in Europe/London, as `YYYY-MM-DD`. */
export const todayIso = (c: Court): IsoDate => c.clock.today().toString()

/** May this user do court work on this person (see the file comment)? */
export function courtWorkDecision(user: CurrentUser | undefined, facts: PersonAccessFacts): AccessDecision {
  if (!hasPermission(user, 'person:update'))
    return { allowed: false, limitedAccess: false, reason: 'Your role can view court work but not change it' }
  const update = canUpdatePerson(user, facts)
  if (update.allowed) return update
  const read = canReadPerson(user, facts)
  if (read.allowed && user?.roles.includes('court_officer')) return { allowed: true, basis: 'court officer' }
  return update
}

/** Reading a person's court work; a refusal is audited as `court:read`. */
export const COURT_READ: PersonAccessMode = { name: 'court:read', decide: canReadPerson }
const COURT_WORK_NAME = 'court:court-work'
/** Doing court work on a person; a refusal is audited as `court:court-work`. */
export const COURT_WORK: PersonAccessMode = { name: COURT_WORK_NAME, decide: courtWorkDecision }

export function requirePermission(ctx: RequestContext, permission: Permission) {
  if (!hasPermission(ctx.user, permission)) throw new ForbiddenError('Your role does not allow this')
}

/**
 * Opens one person's record for court work (`withPerson`: access checked, a refusal audited and committed) and
 * hands the work the person's own columns and the access facts, in one transaction.
 */
export async function withCourtPerson<T>(
  c: Court,
  ctx: RequestContext,
  crn: string,
  mode: PersonAccessMode,
  work: (trx: Trx, person: PersonSummary, facts: PersonAccessFacts) => Promise<T>,
): Promise<T> {
  return c.withPerson(ctx, crn, mode, async (trx, access) => {
    const row = await q.findCourtPerson(trx, access.personId)
    if (!row) throw new NotFoundError('There is no record with this CRN')
    const person: PersonSummary = {
      id: row.id,
      crn: row.crn,
      forename: row.forename,
      middleNames: row.middle_names,
      surname: row.surname,
      dateOfBirth: row.date_of_birth,
    }
    return work(trx, person, access.facts)
  })
}

/**
 * Court work on a record the change is not opened through (the record a hearing is moved away from, the record a
 * hearing's outcome is about): checked in its own transaction so that a refusal's ACCESS_DENIED row (the same one
 * `withPerson` writes, with `extra` in its detail) is committed before `ForbiddenError` is thrown.
 */
export async function checkCourtWork(
  c: Court,
  ctx: RequestContext,
  person: { personId: number; crn: string },
  extra: Record<string, unknown>,
): Promise<void> {
  const refusal = await c.db.transaction().execute(async trx => {
    const facts = await loadPersonAccess(trx, person.personId)
    if (!facts) return undefined
    const decision = courtWorkDecision(ctx.user, facts)
    if (decision.allowed) return undefined
    await auditRefusal(trx, ctx, person, COURT_WORK_NAME, decision, extra)
    return decision.reason
  })
  if (refusal !== undefined) throw new ForbiddenError(refusal)
}

/** A hearing's matched person must allow court work by this user before anything about the hearing is changed. */
export async function requireCourtWork(trx: Executor, ctx: RequestContext, personId: number) {
  const facts = await loadPersonAccess(trx, personId)
  if (!facts) throw new NotFoundError('There is no record with this CRN')
  const decision = courtWorkDecision(ctx.user, facts)
  if (!decision.allowed) throw new ForbiddenError(decision.reason)
  return facts
}

/** A change's audit row and outbox event, in the caller's transaction. */
export async function change(
  trx: Executor,
  ctx: RequestContext,
  action: string,
  eventType: string,
  personId: number | null,
  subject: string | null,
  detail: Record<string, unknown>,
) {
  await audit(trx, ctx, { action, personId, subject, detail })
  await publish(trx, eventType, personId, { ...(subject ? { crn: subject } : {}), ...detail })
}

export async function loadHearing(trx: Executor, id: number) {
  const row = await q.findHearing(trx, id)
  if (!row) throw new NotFoundError('There is no such hearing')
  return row
}

export async function reportForPerson(trx: Executor, person: PersonSummary, id: number) {
  const row = await q.findReport(trx, id)
  // Another person's report id is "not found" here, never "forbidden": nothing is learnt about it.
  if (!row || row.person_id !== person.id) throw new NotFoundError('There is no such report for this person')
  return row
}
