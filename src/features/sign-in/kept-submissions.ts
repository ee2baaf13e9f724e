import { audit, type RequestContext } from '../../access/audit.ts'
import type { Dependencies } from '../../dependencies.ts'
import { UnauthenticatedError } from '../../errors.ts'
import {
  KEEP_MINUTES,
  openSubmission,
  removeSubmission,
  type KeptSubmission,
  type KeptSubmissionProblem,
} from '../../web/plugins/pending-submissions.ts'

/**
 * A form kept at a time-out (`src/web/plugins/pending-submissions.ts`), for the user who has signed in again: shown
 * to them for a decision, then submitted (once: it is removed as it is sent back) or discarded. Only the user whose
 * session rendered the form, in the browser that posted it, can see it; anyone else is told it cannot be found, and
 * the refusal is audited.
 */
export function createKeptSubmissions({ db, clock }: Pick<Dependencies, 'db' | 'clock'>) {
  /** The kept form, or why it cannot be shown (a refusal to another user is audited). */
  async function open(id: string, browserKey: string | undefined, ctx: RequestContext) {
    if (!ctx.user) throw new UnauthenticatedError()
    const kept = await openSubmission(db, clock.now(), { id, browserKey, userId: ctx.user.id })
    if (kept === 'another-user') await audit(db, ctx, { action: 'SUBMISSION_REFUSED', subject: ctx.user.username })
    return kept
  }

  /** Removes the kept form and audits what became of it; false when it was already gone (a second click). */
  async function settle(id: string, kept: KeptSubmission, ctx: RequestContext, action: string): Promise<boolean> {
    return db.transaction().execute(async trx => {
      if (!(await removeSubmission(trx, id))) return false
      await audit(trx, ctx, { action, subject: ctx.user?.username, detail: { path: kept.path } })
      return true
    })
  }

  return {
    /** The kept form as its user may see it again, or why it cannot be shown. */
    async show(id: string, browserKey: string | undefined, ctx: RequestContext) {
      return open(id, browserKey, ctx)
    },

    /** Claims the kept form for submission: where to send it, or why it cannot be (gone, or not this user's). */
    async submit(
      id: string,
      browserKey: string | undefined,
      ctx: RequestContext,
    ): Promise<{ path: string } | KeptSubmissionProblem> {
      const kept = await open(id, browserKey, ctx)
      if (typeof kept === 'string') return kept
      return (await settle(id, kept, ctx, 'SUBMISSION_RESUMED')) ? { path: kept.path } : 'gone'
    },

    /** Throws the kept form away. */
    async discard(id: string, browserKey: string | undefined, ctx: RequestContext): Promise<boolean> {
      const kept = await open(id, browserKey, ctx)
      if (typeof kept === 'string') return false
      return settle(id, kept, ctx, 'SUBMISSION_DISCARDED')
    },
  }
}

export type KeptSubmissions = ReturnType<typeof createKeptSubmissions>
export { KEEP_MINUTES, type KeptSubmission, type KeptSubmissionProblem }
