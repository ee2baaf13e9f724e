import type { Transaction } from 'kysely'
import type { Clock } from '../../clock.ts'
import type { Database } from '../../db/schema.ts'
import { ConflictError } from '../../errors.ts'
import { bumpPersonVersion } from './queries.ts'

/**
 * What every change to a record shares: the optimistic version check (the audit row and outbox event are
 * `recordChange` in src/access/audit.ts), and the rule that an end date is not before its start date.
 */

type Trx = Transaction<Database>

/** Checks the version and moves it on; a stale version changes nothing. */
export async function claimVersion(trx: Trx, clock: Clock, personId: number, version: number): Promise<number> {
  if (!Number.isInteger(version) || !(await bumpPersonVersion(trx, personId, version, clock.now())))
    throw new ConflictError()
  return version + 1
}

export function endAfterStart(errors: { field: string; message: string }[], start: string, end: string | null) {
  if (start && end && end < start)
    errors.push({ field: 'endDate', message: 'The end date must be the same as or after the start date' })
}
