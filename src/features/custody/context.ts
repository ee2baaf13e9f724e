import type { Kysely, Transaction } from 'kysely'
import type { RequestContext } from '../../access/audit.ts'
import type { WithPerson } from '../../access/with-person.ts'
import type { Clock } from '../../clock.ts'
import type { Database } from '../../db/schema.ts'
import type { StoredKeyDates } from '../../domain/custody/index.ts'
import { NotFoundError } from '../../errors.ts'
import * as q from './queries.ts'

/** What custody's use cases share: the database, the clock and the one way to open a person's record. */
export interface CustodyDeps {
  readonly db: Kysely<Database>
  readonly clock: Clock
  readonly withPerson: WithPerson
}

export const CUSTODY_VIEW = 'CUSTODY_VIEW'

/** A person's record opened for custody work. */
export interface OpenedCase {
  person: q.CustodyPerson
  canUpdate: boolean
}

/** Opens the person with this CRN (access checked, a refusal audited) for `work` in one transaction. */
export function withCustodyCase<T>(
  deps: CustodyDeps,
  ctx: RequestContext,
  crn: string,
  mode: 'read' | 'update',
  work: (trx: Transaction<Database>, opened: OpenedCase) => Promise<T>,
): Promise<T> {
  return deps.withPerson(ctx, crn, mode, async (trx, access) => {
    const person = await q.findPerson(trx, access.personId)
    if (!person) throw new NotFoundError('There is no person with that CRN')
    return work(trx, { person, canUpdate: access.canUpdate })
  })
}

/** The key dates the sentencing feature stored on a sentence (a JSON object of key → ISO date), or null. */
export function storedKeyDates(value: unknown): StoredKeyDates | null {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value
  if (!parsed || typeof parsed !== 'object') return null
  const dates: Record<string, string> = {}
  for (const [key, date] of Object.entries(parsed)) if (typeof date === 'string') dates[key] = date
  return dates
}
