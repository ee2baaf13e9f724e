/**
 * Outcomes (issue 19): the proven reoffending measure, exactly as the conventions say, and the JSON contract
 * of `npx probity calc proven-reoffending`. Pure rules; `asOf` is always an argument.
 */
export * from './proven-reoffending.ts'
export { readCohortRequest, runProvenReoffendingRequests, type ProvenReoffendingAnswer } from './requests.ts'
// Payment by results (case-mix adjusted, significance-tested), subcontractors' shares and fee for service.
export * from './payments.ts'
export * from './significance.ts'
// Cohort periods (quarters) and contract terms with history.
export * from './periods.ts'
export * from './contract-terms.ts'
