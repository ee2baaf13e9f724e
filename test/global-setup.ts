import { prepareTestTemplate } from '../src/db/testing.ts'

/** Vitest runs this once before the test files: one migrated template database for the whole run. */
export default async function setup() {
  return prepareTestTemplate()
}
