export {
  isReportType,
  REPORT_TYPE_TEXT,
  REPORT_TYPES,
  REPORT_WORKING_DAYS,
  reportDueDate,
  reportTimeliness,
} from './timescales.ts'
export type { ReportDueDate, ReportTimeliness, ReportType } from './timescales.ts'
export { matchReasons } from './matching.ts'
export type { MatchReason, ListedDefendant, CandidateRecord } from './matching.ts'
