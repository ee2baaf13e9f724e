/** The sentencing feature's public surface: what the composition roots and other features may use. */
export { sentencingApiRoutes, sentencingSchemas } from './api.ts'
export { seedDemoSentences } from './demo.ts'
export { applyCaseStatusChange, maySupervisionAppointmentsBeBooked, type StatusChange } from './lifecycle.ts'
export { recalculateAllKeyDates, type KeyDatesRecalculationRun } from './recalculate-all.ts'
// For the risk predictors and tiers: the record's events, offences, sentences and requirements of many people.
export { riskHistoryRows, type PeopleSelection, type RiskHistoryRows } from './queries.ts'
export { loadSentenceSummary, type SentenceSummary, type SentenceSummaryItem } from './record.ts'
export { sentencingRoutes } from './routes.ts'
export { createSentencingService, type SentencingService } from './service.ts'
