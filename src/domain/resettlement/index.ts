/**
 * Through the Gate (issue 14 item 2): basic custody screening parts 1 and 2 with their clocks, the resettlement
 * pathways, and the last-12-weeks pre-release window. Pure rules; `today` is always an argument.
 */
export { CLOCK_STATUS_TEXT, clockStatus, type ClockInput, type ClockStatus } from './clock.ts'
export { isPathway, pathwayText, RESETTLEMENT_PATHWAYS, type PathwayCode } from './pathways.ts'
export { isInPreReleaseWindow, PRE_RELEASE_WEEKS, preReleaseWindow, type PreReleaseWindow } from './pre-release.ts'
export {
  isScreeningPartTwoRequired,
  SCREENING_RULES,
  screeningPartOneDue,
  screeningPartTwoDue,
  type CustodialTerm,
  type ScreeningRules,
} from './screening.ts'
