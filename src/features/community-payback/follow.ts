import { timingSafeEqual, createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { ValidationError } from '../../errors.ts'
import type { FollowCommand } from './forms.ts'
import { isoDay, statusExplanation, statusWords } from './presenters.ts'
import { findNominationByReference, findNominationHistory } from './queries.ts'

/** The one answer for a reference that does not exist and for one given with the wrong email (no enumeration). */
export const NOT_FOUND_MESSAGE = 'We could not find a nomination with that reference and email address'

/** What the person who nominated the work sees of it. */
export interface NominationProgress {
  readonly reference: string
  readonly title: string
  readonly status: string
  readonly explanation: string
  /** Why it is not suitable (only for that status). */
  readonly reason: string | null
  readonly history: readonly { readonly status: string; readonly date: string }[]
}

/** Compares two email addresses without case and in constant time (over their digests). */
function sameEmail(a: string, b: string): boolean {
  const digest = (v: string) => createHash('sha256').update(v.trim().toLowerCase()).digest()
  return timingSafeEqual(digest(a), digest(b))
}

/**
 * A nomination's progress for its reference and the email address given with it (issue 17 item 7); a reference
 * that does not exist and a wrong email get the same refusal on the form.
 */
export function createFollow(deps: { db: Kysely<Database> }) {
  return async function follow(command: FollowCommand): Promise<NominationProgress> {
    const nomination = await findNominationByReference(deps.db, command.reference)
    const matches = sameEmail(nomination?.email ?? '', command.email) && nomination !== undefined
    if (!nomination || !matches) throw new ValidationError([{ field: 'reference', message: NOT_FOUND_MESSAGE }])
    const history = await findNominationHistory(deps.db, Number(nomination.id))
    return {
      reference: nomination.reference,
      title: nomination.title,
      status: statusWords(nomination.status),
      explanation: statusExplanation(nomination.status),
      reason: nomination.status === 'not_suitable' ? nomination.status_reason : null,
      history: history.map(h => ({ status: statusWords(h.status), date: isoDay(h.changed_at) })),
    }
  }
}
