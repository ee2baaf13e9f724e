/**
 * Custodial release-date calculator for standard determinate sentences (England & Wales).
 * See README.md for the rules and their sources.
 */
export { calculateReleaseDates, orderedDateKeys } from './calculate.ts'
export { runReleaseDateRequest, runReleaseDateRequests } from './contract.ts'
export type { ContractResult } from './contract.ts'
export { ReleaseDateRequestError } from './errors.ts'
export type { RequestErrorCode } from './errors.ts'
export { KEY_DATES } from './key-dates.ts'
export { nonWorkingDayHint } from './hints.ts'
export { REGIMES, regimeInForceOn } from './regimes.ts'
export type { Regime } from './regimes.ts'
export { termDays, termEnd } from './term.ts'
export type { Term } from './term.ts'
export { DATE_KEY_ORDER } from './types.ts'
export type {
  AdjustmentRequest,
  AdjustmentsRequest,
  AppliedRegime,
  CalculationOptions,
  DateExplanation,
  DateKey,
  NonWorkingDayHint,
  RegimeName,
  ReleaseDateRequest,
  ReleaseDateResult,
  SentenceRequest,
  TermLength,
} from './types.ts'
