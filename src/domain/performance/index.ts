/** Service levels (issue 19 item 5): working-day deadlines, a case's standing against one, and the figures. */
export {
  deadlineAfter,
  figuresOf,
  figuresOfCounts,
  measureCase,
  SERVICE_LEVELS,
  serviceLevelOf,
  statusOf,
  type CaseMeasure,
  type LevelFigures,
  type ServiceLevel,
  type ServiceLevelCode,
} from './service-levels.ts'
export { lastFullQuarter } from './periods.ts'
