/** The sentencing feature's public surface: what the composition roots and other features may use. */
export { seedDemoSentences } from './demo.ts'
export { recalculateAllKeyDates } from './recalculate-all.ts'
export { sentencingRoutes } from './routes.ts'
export { createSentencingService } from './service.ts'
