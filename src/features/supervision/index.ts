/** The supervision feature's public surface: what the composition roots and other features may use. */
export { supervisionRoutes } from './routes.ts'
export { supervisionApiRoutes } from './api.ts'
export { createSupervisionService, type SupervisionService } from './service.ts'
// What the caseload, my day and team pages show of supervision: enforcement actions, contact types and times.
export { actionView, appointmentView, layoutPerson } from './presenters.ts'
export { contactType, CONTACT_TYPES, outcomeText } from './reference-data.ts'
export { londonDate, londonInstant, londonTime, spokenTime } from './time.ts'
// The recall decision workflow moves the recall consideration a licence failure opened on the enforcement page.
export { followRecallWorkflow, type RecallWorkflowStep } from './breaches.ts'
// Approved premises raise a curfew breach (the enforcement decision runs) and a non-arrival alert on the record.
export { raiseNonArrivalAlert, recordCurfewBreach, type CurfewBreach } from './approved-premises.ts'
// Unpaid work books each allocation as an appointment and records the supervisor's outcome (enforcement runs).
export { bookUnpaidWorkSession, recordUnpaidWorkOutcome, UPW_CONTACT, type UnpaidWorkOutcome } from './unpaid-work.ts'
// A partner organisation's session is an appointment on the record; a non-attendance prompts the case manager.
export {
  PARTNER_CONTACT,
  PARTNER_RAR_CONTACT,
  recordPartnerSession,
  type PartnerSessionRecord,
} from './partner-services.ts'
