/**
 * Enforcement rules for probation supervision: appointment outcomes and what counts, the enforcement decision for a
 * failure (warning, breach, licence warnings, recall consideration) with deadlines on the working-day calendar, the
 * compliance summary of an order, and breach and recall as tracked processes. Pure: no I/O, no clock.
 * See README.md for the rules and their sources.
 */
export {
  ACCEPTABLE_ABSENCE_REASON_DETAILS,
  ACCEPTABLE_ABSENCE_REASONS,
  complianceEffect,
  evidenceDeadline,
  isAcceptableAbsenceReason,
  isCountableFailure,
  isOutcomeCode,
  OUTCOME_CODES,
  OUTCOMES,
  validateOutcome,
} from './outcomes.ts'
export type {
  AcceptableAbsenceReason,
  ComplianceEffect,
  CountableContact,
  OutcomeCode,
  OutcomeMeaning,
} from './outcomes.ts'
export {
  ENFORCEMENT_RULES,
  explanationAfterSending,
  explanationDue,
  isWithinWarningWindow,
  SOURCES,
  warningWindow,
  workingDaysAfter,
} from './rules.ts'
export type { Deadline } from './rules.ts'
export { decideEnforcement, enforcementOrderType, isOrderType, ORDER_TYPES } from './decision.ts'
export type {
  EnforcementAction,
  EnforcementActionKind,
  EnforcementDecision,
  EnforcementHistory,
  EnforcementInput,
  EnforcementPath,
  OrderType,
} from './decision.ts'
export { summariseCompliance } from './compliance.ts'
export type { ComplianceInput, ComplianceSummary, SummaryContact } from './compliance.ts'
export { checkTransition } from './process.ts'
export type { TransitionResult } from './process.ts'
export {
  applyBreachStep,
  BREACH_OUTCOMES_BY_ORDER,
  BREACH_STATUSES,
  BREACH_TRANSITIONS,
  breachNsiCode,
  currentBreachStep,
  nextBreachStep,
  startBreach,
} from './breach-process.ts'
export type {
  BreachableOrderType,
  BreachOutcome,
  BreachProcess,
  BreachStatus,
  BreachStep,
  NextStep,
} from './breach-process.ts'
export {
  applyRecallStep,
  currentRecallStep,
  nextRecallStep,
  RECALL_STATUSES,
  RECALL_TRANSITIONS,
  recallType,
  startRecall,
} from './recall-process.ts'
export type { RecallProcess, RecallStatus, RecallStep, RecallType } from './recall-process.ts'
