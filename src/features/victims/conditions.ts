import type { Transaction } from 'kysely'
import { audit, publish, type RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import type { Database } from '../../db/schema.ts'
import { NotFoundError, ValidationError, type FieldError } from '../../errors.ts'
import {
  IDENTIFIES_VICTIM,
  identifiesVictim,
  isVictimConditionCode,
  VICTIM_CONDITIONS,
  type VictimIdentity,
} from './conditions-rules.ts'
import { victimSubject, withVictim, type VictimsDeps } from './context.ts'
import { detailsHistory, type VictimRow } from './queries.ts'
import * as q from './queries/conditions.ts'

/**
 * Victim-related licence conditions: the officer asks for a no-contact condition, an exclusion zone or a restriction
 * of residency with its wording (never naming the victim or giving their address), and may withdraw a request (a
 * row of its own). The licence workflow sees only the kind and the wording (`victimConditionRequests`).
 */

export interface ConditionRequestInput {
  code: string
  wording: string
}

/** Every way of identifying the victim: their names and each address they have given. */
export async function victimIdentities(trx: Executor, victim: VictimRow): Promise<VictimIdentity[]> {
  const details = await detailsHistory(trx, victim.id)
  const base = { forename: victim.forename, surname: victim.surname }
  return details.length ? details.map(d => ({ ...base, addressLine1: d.address_line1, postcode: d.postcode })) : [base]
}

function checkRequest(input: ConditionRequestInput, identities: VictimIdentity[]): FieldError[] {
  const errors: FieldError[] = []
  if (!input.code) errors.push({ field: 'code', message: 'Choose the condition the victim asks for' })
  else if (!isVictimConditionCode(input.code))
    errors.push({ field: 'code', message: 'Choose one of the victim-related conditions' })
  if (!input.wording) errors.push({ field: 'wording', message: 'Enter the wording of the condition' })
  else if (input.wording.length > 2000)
    errors.push({ field: 'wording', message: 'The wording must be 2000 characters or fewer' })
  else if (identities.some(v => identifiesVictim(input.wording, v)))
    errors.push({ field: 'wording', message: IDENTIFIES_VICTIM })
  return errors
}

/** The conditions page: what the victim asked for, with withdrawals. Audited as a look at the victim's record. */
export function conditionsPage(deps: VictimsDeps, ctx: RequestContext, victimId: number) {
  return withVictim(deps, ctx, victimId, 'read', async (trx, victim) => {
    const requests = await q.requestsOfVictim(trx, victimId)
    await audit(trx, ctx, {
      action: 'VICTIM_CONDITIONS_VIEW',
      personId: null,
      subject: victimSubject(victimId),
      detail: { victimId },
    })
    return { victim, requests, kinds: VICTIM_CONDITIONS }
  })
}

/** Records a request for a victim-related condition; bad input (or wording naming the victim) changes nothing. */
export function requestCondition(
  deps: VictimsDeps,
  ctx: RequestContext,
  victimId: number,
  input: ConditionRequestInput,
) {
  return withVictim(deps, ctx, victimId, 'write', async (trx, victim) => {
    const errors = checkRequest(input, await victimIdentities(trx, victim))
    if (errors.length || !isVictimConditionCode(input.code)) throw new ValidationError(errors)
    const requestId = await q.insertConditionRequest(trx, {
      victimId,
      personId: victim.person_id,
      code: input.code,
      wording: input.wording,
      requestedOn: deps.clock.today().toString(),
      userId: ctx.user?.id ?? null,
    })
    await audit(trx, ctx, {
      action: 'VICTIM_CONDITION_REQUEST',
      personId: null,
      subject: victimSubject(victimId),
      detail: { victimId, requestId, code: input.code },
    })
    await publish(trx, 'victim.condition-requested', null, { victimId, requestId })
    return { requestId }
  })
}

/** Withdraws a request (appended; the request stays in the history). */
export function withdrawCondition(deps: VictimsDeps, ctx: RequestContext, victimId: number, requestId: number) {
  return withVictim(deps, ctx, victimId, 'write', async trx => {
    const request = (await q.requestsOfVictim(trx, victimId)).find(r => r.id === requestId)
    if (!request) throw new NotFoundError('There is no such condition request for this victim')
    const withdrawalId = request.withdrawn_on
      ? null
      : await q.insertWithdrawal(trx, {
          requestId,
          personId: request.person_id,
          withdrawnOn: deps.clock.today().toString(),
          userId: ctx.user?.id ?? null,
        })
    if (withdrawalId === null)
      throw new ValidationError([{ field: 'request', message: 'This request has been withdrawn already' }])
    await audit(trx, ctx, {
      action: 'VICTIM_CONDITION_WITHDRAW',
      personId: null,
      subject: victimSubject(victimId),
      detail: { victimId, requestId, withdrawalId },
    })
    await publish(trx, 'victim.condition-withdrawn', null, { victimId, requestId })
    return { requestId }
  })
}

/** A victim-related condition as the licence workflow sees it: the kind and wording, never who asked. */
export interface VictimConditionRequest {
  code: string
  title: string
  wording: string
  requestedOn: string
}

/**
 * The victim-related conditions asked for on this offender's licence and not withdrawn, with no victim's identity:
 * for the licence page. Call it inside the caller's transaction, after its own access check of the person.
 *
 * @example
 * const requests = await victimConditionRequests(trx, person.id) // [{ code: 'exclusion_zone', wording: '…', … }]
 */
export async function victimConditionRequests(
  db: Executor | Transaction<Database>,
  personId: number,
): Promise<VictimConditionRequest[]> {
  const rows = await q.standingRequestsOf(db, personId)
  return rows.map(r => ({
    code: r.condition_code,
    title: VICTIM_CONDITIONS.find(k => k.code === r.condition_code)?.title ?? r.condition_code,
    wording: r.wording,
    requestedOn: r.requested_on,
  }))
}

/** The standing (not withdrawn) requests of one victim, for the victim's own letters. */
export async function victimConditionRequestsOfVictim(db: Executor, victimId: number) {
  const rows = await q.requestsOfVictim(db, victimId)
  return rows
    .filter(r => !r.withdrawn_on)
    .reverse()
    .map(r => ({
      code: r.condition_code,
      title: VICTIM_CONDITIONS.find(k => k.code === r.condition_code)?.title ?? r.condition_code,
      wording: r.wording,
    }))
}
