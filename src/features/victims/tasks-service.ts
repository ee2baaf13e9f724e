import type { RequestContext } from '../../access/audit.ts'
import { conditionsPage, requestCondition, withdrawCondition, type ConditionRequestInput } from './conditions.ts'
import { withVictim, type VictimsDeps } from './context.ts'
import { letterPdf, lettersPage, sendLetter } from './letters.ts'
import { requestsOfVictim } from './queries/conditions.ts'
import { lettersOf } from './queries/letters.ts'
import { sharePage, shareNote, type ShareNoteInput } from './shared-notes.ts'
import {
  completeTask,
  makeVictimTasks,
  taskPage,
  tasksForApi,
  victimTasks,
  workListTasks,
  type TaskCompletionInput,
} from './tasks.ts'

/**
 * The victims service's part for tasks from key events, letters, condition requests and shared notes (spread into
 * `createVictimsService`): one method per use case, each its own transaction.
 */

type Ctx = RequestContext

/** What the victim's page adds (read with the page's access check; the page's own VICTIM_VIEW row covers it). */
function victimExtras(deps: VictimsDeps, ctx: Ctx, victimId: number) {
  return withVictim(deps, ctx, victimId, 'read', async trx => ({
    tasks: await victimTasks(trx, victimId),
    letters: await lettersOf(trx, victimId),
    requests: await requestsOfVictim(trx, victimId),
    today: deps.clock.today().toString(),
  }))
}

export function victimEventsUseCases(deps: VictimsDeps) {
  return {
    tasks: {
      /**
       * Makes the tasks of new key events (run before the work list and the victim's page); skipped when another
       * run holds the cursor, so concurrent visits never queue behind it.
       */
      make: () => makeVictimTasks(deps.db, deps.clock, { wait: false }),
      workList: (ctx: Ctx) => workListTasks(deps, ctx),
      page: (ctx: Ctx, victimId: number, taskId: number) => taskPage(deps, ctx, victimId, taskId),
      complete: (ctx: Ctx, victimId: number, taskId: number, input: TaskCompletionInput) =>
        completeTask(deps, ctx, victimId, taskId, input),
      victimExtras: (ctx: Ctx, victimId: number) => victimExtras(deps, ctx, victimId),
      forApi: (ctx: Ctx, victimId: number) => tasksForApi(deps, ctx, victimId),
      today: () => deps.clock.today().toString(),
    },
    letters: {
      page: (ctx: Ctx, victimId: number) => lettersPage(deps, ctx, victimId),
      send: (ctx: Ctx, victimId: number, kind: string) => sendLetter(deps, ctx, victimId, kind),
      pdf: (ctx: Ctx, victimId: number, letterId: number) => letterPdf(deps, ctx, victimId, letterId),
    },
    conditions: {
      page: (ctx: Ctx, victimId: number) => conditionsPage(deps, ctx, victimId),
      request: (ctx: Ctx, victimId: number, input: ConditionRequestInput) =>
        requestCondition(deps, ctx, victimId, input),
      withdraw: (ctx: Ctx, victimId: number, requestId: number) => withdrawCondition(deps, ctx, victimId, requestId),
    },
    sharedNotes: {
      page: (ctx: Ctx, victimId: number) => sharePage(deps, ctx, victimId),
      share: (ctx: Ctx, victimId: number, input: ShareNoteInput) => shareNote(deps, ctx, victimId, input),
    },
  }
}
