/** Outcomes' public surface (issue 19): cohorts built from the record, convictions imports, the public dashboard. */
export { buildCohort, cohortOf, cohortRecords, type Cohort, type CohortRecord, type CohortScope } from './cohorts.ts'
export { outcomesRoutes } from './routes.ts'
export { createOutcomesService, type OutcomesService } from './service.ts'
export { importExtract as importConvictionsExtract, type ImportResult } from './convictions.ts'
