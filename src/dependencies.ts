import type { Kysely } from 'kysely'
import type { Clock } from './clock.ts'
import type { Config } from './config.ts'
import type { Database } from './db/schema.ts'

/**
 * What every service is built from. Kept apart from the composition root (`services.ts`) so a feature can name
 * its dependencies without importing every other feature through it.
 */
export interface Dependencies {
  readonly config: Config
  readonly db: Kysely<Database>
  /** Today's date and the current instant come from here, so tests can fix them. */
  readonly clock: Clock
}
