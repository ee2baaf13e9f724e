import type { RequestContext } from '../../access/audit.ts'
import { personAccess } from '../../access/with-person.ts'
import type { Dependencies } from '../../dependencies.ts'
import { amendCustodial } from './amendment.ts'
import type { CustodialAmendment, NewEventInput, NewSentenceInput, TerminationInput } from './commands.ts'
import { addEvent } from './events.ts'
import type { SentencingDeps } from './open-record.ts'
import { events, formPage, recordPage, summary } from './record.ts'
import { recordSentence } from './record-sentence.ts'
import { terminateRequirement, terminateSentence } from './termination.ts'

export type {
  CustodialAmendment,
  LengthInput,
  NewEventInput,
  NewSentenceInput,
  OffenceInput,
  RequirementFormInput,
  TerminationInput,
} from './commands.ts'
export { applyCaseStatusChange, maySupervisionAppointmentsBeBooked } from './lifecycle.ts'
export { loadSentenceSummary, SENTENCES_VIEW, type SentenceSummary, type SentenceSummaryItem } from './record.ts'
export type { SentenceView } from './views-model.ts'

/**
 * Events (convictions), sentences and their requirements, termination, custodial key dates and the case lifecycle.
 * Each change commits in one transaction with its audit row, its outbox event, the key-date recalculation and the
 * lifecycle change it causes; bad input throws ValidationError with every field at fault and changes nothing.
 * One file per use case: record.ts (reading), events.ts, record-sentence.ts, termination.ts, amendment.ts,
 * lifecycle.ts (the case lifecycle; a release is recorded by src/features/custody).
 */
export function createSentencingService({ db, clock }: Dependencies) {
  const deps: SentencingDeps = { withPerson: personAccess(db), clock }
  return {
    /** Today in Europe/London, by the service's clock. */
    today: () => clock.today(),
    recordPage: (ctx: RequestContext, crn: string) => recordPage(deps, ctx, crn),
    formPage: (ctx: RequestContext, crn: string, page: string, sentenceId?: number) =>
      formPage(deps, ctx, crn, page, sentenceId),
    events: (ctx: RequestContext, crn: string) => events(deps, ctx, crn),
    summary: (ctx: RequestContext, crn: string) => summary(deps, ctx, crn),
    addEvent: (ctx: RequestContext, crn: string, input: NewEventInput) => addEvent(deps, ctx, crn, input),
    recordSentence: (ctx: RequestContext, crn: string, input: NewSentenceInput) =>
      recordSentence(deps, ctx, crn, input),
    terminateSentence: (ctx: RequestContext, crn: string, sentenceId: number, input: TerminationInput) =>
      terminateSentence(deps, ctx, crn, sentenceId, input),
    terminateRequirement: (ctx: RequestContext, crn: string, requirementId: number, input: TerminationInput) =>
      terminateRequirement(deps, ctx, crn, requirementId, input),
    amendCustodial: (ctx: RequestContext, crn: string, sentenceId: number, input: CustodialAmendment) =>
      amendCustodial(deps, ctx, crn, sentenceId, input),
  }
}

export type SentencingService = ReturnType<typeof createSentencingService>
