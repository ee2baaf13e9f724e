/**
 * Unpaid work (issue 17): an order's hours (current attendance records, ETE share, the 300-hour aggregate), its two
 * clocks (first session within 7 working days of allocation, completion within 12 months) and the Sentencing Act 2026
 * incentive. Pure rules; `today` is always an argument.
 */
export {
  AGGREGATE_HOURS_LIMIT,
  aggregateHours,
  currentRecords,
  ETE_PROPORTION,
  hoursText,
  orderHours,
  type AggregateHours,
  type CreditRecord,
  type OrderHours,
} from './hours.ts'
export {
  COMPLETION_MONTHS,
  completionClock,
  FIRST_SESSION_WORKING_DAYS,
  firstSessionClock,
  WARNING_MONTHS,
  type CompletionClock,
  type CompletionState,
  type FirstSessionClock,
  type FirstSessionState,
} from './clocks.ts'
export {
  INCENTIVE_COMMENCEMENT,
  INCENTIVE_RULE,
  incentive,
  maxDiscountRatio,
  type Incentive,
  type IncentiveInput,
  type IncentiveRule,
} from './incentive.ts'
// Who may be placed on a session (the sessions part of issue 17).
export * from './placement.ts'
// The public's nominations: the 2-working-day acknowledgement and the moves between statuses; area boundaries.
export * from './acknowledgement.ts'
export * from './areas.ts'
