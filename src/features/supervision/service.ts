import type { RequestContext } from '../../access/audit.ts'
import { personAccess } from '../../access/with-person.ts'
import type { Dependencies } from '../../dependencies.ts'
import type { Parsed } from '../../web/forms.ts'
import * as activity from './activity.ts'
import * as appointments from './appointments.ts'
import * as breaches from './breaches.ts'
import type { SupervisionDeps } from './context.ts'
import * as documents from './documents.ts'
import type {
  ActivityRequest,
  AppointmentCommand,
  BreachUpdateCommand,
  CompleteActionCommand,
  ContactCommand,
  LetterSentCommand,
  OutcomeCommand,
  RescheduleCommand,
} from './forms.ts'
import * as letters from './letter-sent.ts'
import * as outcomes from './outcomes.ts'
import * as team from './team-enforcement.ts'

export { SUPERVISION_VIEW } from './context.ts'
export { ACTIVITY_PAGE_SIZE } from './activity.ts'
export { orderName } from './enforcement-actions.ts'

/**
 * Supervision: arranging and moving appointments, recording outcomes (and the enforcement they trigger), other
 * contacts, the activity log, letters, enforcement actions and breaches or recalls. Each use case lives in its own
 * file; every method opens the transaction, applies the access policy, audits, and writes outbox events for
 * changes in the same transaction. Forms arrive as typed commands (parsed in forms.ts); a command that did not
 * parse is refused by the service after its own checks of the record, so the errors come in the same order.
 */
export function createSupervisionService({ db, clock }: Dependencies) {
  const deps: SupervisionDeps = { db, clock, withPerson: personAccess(db) }
  type Ctx = RequestContext
  return {
    /** Today in Europe/London, by the service's clock. */
    today: () => clock.today(),
    appointmentsPage: (ctx: Ctx, crn: string) => appointments.appointmentsPage(deps, ctx, crn),
    arrangeFormPage: (ctx: Ctx, crn: string) => appointments.arrangeFormPage(deps, ctx, crn),
    arrangeAppointments: (ctx: Ctx, crn: string, command: Parsed<AppointmentCommand>) =>
      appointments.arrangeAppointments(deps, ctx, crn, command),
    contactPage: (ctx: Ctx, crn: string, contactId: number) => outcomes.contactPage(deps, ctx, crn, contactId),
    recordOutcome: (ctx: Ctx, crn: string, contactId: number, command: Parsed<OutcomeCommand>) =>
      outcomes.recordOutcome(deps, ctx, crn, contactId, command),
    rescheduleFormPage: (ctx: Ctx, crn: string, contactId: number) =>
      appointments.rescheduleFormPage(deps, ctx, crn, contactId),
    reschedule: (ctx: Ctx, crn: string, contactId: number, command: Parsed<RescheduleCommand>) =>
      appointments.reschedule(deps, ctx, crn, contactId, command),
    recordContact: (ctx: Ctx, crn: string, command: Parsed<ContactCommand>) =>
      activity.recordContact(deps, ctx, crn, command),
    contactFormPage: (ctx: Ctx, crn: string) => activity.contactFormPage(deps, ctx, crn),
    activityPage: (ctx: Ctx, crn: string, request: ActivityRequest) => activity.activityPage(deps, ctx, crn, request),
    enforcementPage: (ctx: Ctx, crn: string) => breaches.enforcementPage(deps, ctx, crn),
    completeAction: (ctx: Ctx, crn: string, actionId: number, command: CompleteActionCommand) =>
      breaches.completeAction(deps, ctx, crn, actionId, command),
    recordLetterSent: (ctx: Ctx, crn: string, actionId: number, command: Parsed<LetterSentCommand>) =>
      letters.recordLetterSent(deps, ctx, crn, actionId, command),
    updateBreach: (ctx: Ctx, crn: string, breachId: number, command: BreachUpdateCommand) =>
      breaches.updateBreach(deps, ctx, crn, breachId, command),
    document: (ctx: Ctx, crn: string, documentId: number) => documents.document(deps, ctx, crn, documentId),
    listAppointments: (ctx: Ctx, crn: string) => appointments.listAppointments(deps, ctx, crn),
    listActions: (ctx: Ctx, crn: string) => breaches.listActions(deps, ctx, crn),
    teamEnforcement: (ctx: Ctx, teamId: number) => team.teamEnforcement(deps, ctx, teamId),
  }
}

export type SupervisionService = ReturnType<typeof createSupervisionService>
