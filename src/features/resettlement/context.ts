import type { Kysely, Transaction } from 'kysely'
import type { RequestContext } from '../../access/audit.ts'
import type { WithPerson } from '../../access/with-person.ts'
import type { Clock } from '../../clock.ts'
import type { Database } from '../../db/schema.ts'
import { NotFoundError, ValidationError } from '../../errors.ts'
import { resettlementSentence, resettlementState, type ResettlementState } from './case-state.ts'
import * as q from './queries.ts'

/** What Through the Gate's use cases share: the database, the clock and the one way to open a person's record. */
export interface ResettlementDeps {
  readonly db: Kysely<Database>
  readonly clock: Clock
  readonly withPerson: WithPerson
}

/** A person's record opened for resettlement work: who, whether the user may change it, and the clocks. */
export interface OpenedCase {
  person: q.ResettlementPerson
  canUpdate: boolean
  /** Null when the person has no current custodial sentence. */
  state: ResettlementState | null
}

/** Opens the person with this CRN (access checked, a refusal audited) with where their resettlement work stands. */
export function withResettlementCase<T>(
  deps: ResettlementDeps,
  ctx: RequestContext,
  crn: string,
  mode: 'read' | 'update',
  work: (trx: Transaction<Database>, opened: OpenedCase) => Promise<T>,
): Promise<T> {
  return deps.withPerson(ctx, crn, mode, async (trx, access) => {
    const person = await q.findPerson(trx, access.personId)
    if (!person) throw new NotFoundError('There is no person with that CRN')
    const chosen = resettlementSentence(
      await q.currentCustodialSentences(trx, [person.id]),
      await q.custodyRecords(trx, [person.id]),
    )
    const state = chosen
      ? resettlementState(chosen, await q.screenings(trx, [chosen.sentence.id]), deps.clock.today())
      : null
    return work(trx, { person, canUpdate: access.canUpdate, state })
  })
}

/** The state of a case that must have a current custodial sentence for a change, or a refusal naming `field`. */
export function requireSentence(opened: OpenedCase, field: string): ResettlementState {
  if (!opened.state)
    throw new ValidationError([{ field, message: 'There is no custodial sentence: record one on the sentences page' }])
  return opened.state
}
