import type { Kysely } from 'kysely'
import { hashPassword } from '../../access/passwords.ts'
import type { Database } from '../../db/schema.ts'
import { systemClock } from '../../clock.ts'
import { DEMO_PASSWORD } from '../demo.ts'
import { findCrnWithPrefix, findSeedMarker } from './queries.ts'
import { withKyselySink, withPostgresSink, type Sink } from './sink.ts'
import { load } from './load.ts'
import { BENCH_CASELOAD, BENCH_PRACTITIONERS, crnPrefixOf, markerCode } from './reference.ts'

export { BENCH_CASELOAD, BENCH_PRACTITIONERS, crnPrefixOf, markerCode, nationalCrn } from './reference.ts'

/**
 * A deterministic synthetic national dataset (issue 7). Scale 1.0 ≈ 1,000,000 people of whom 250,000 are under
 * active supervision, ≈ 1.5 million events and ≈ 25 million contacts, with the organisation (12 regions, PDUs, teams
 * of eight practitioners with caseloads of 40–70, a senior and a PSO each, a court per PDU) to hold them.
 *
 * Same seed and as-of date → same rows: every person draws from their own random stream keyed by (seed, index).
 * Idempotent per seed: the seed's provider (code `NAT<seed>`) is its marker; seeding again with that seed does
 * nothing. CRNs are `<letter><index, six digits>` (the letter from the seed, `N` for seed 1), so benchmarks can
 * name people without querying. Everything loads in one transaction (COPY on PostgreSQL).
 *
 * Sign-ins (password: the demo password): `nat<seed>.practitioner1` … `5` (caseloads of exactly 60, the first
 * case of each a long-running one) and `nat<seed>.senior`.
 */

export interface NationalSeedOptions {
  scale: number
  seed?: number
  /** The day the data are "as of" (appointments before it have happened). Default: today (UTC). */
  asOf?: string
  log?: (line: string) => void
}

export interface NationalSeedTarget {
  db: Kysely<Database>
  kind: 'pglite' | 'postgres'
  /** Required for PostgreSQL: the loader opens its own connection for COPY. */
  databaseUrl?: string
}

export interface NationalSeedResult {
  status: 'seeded' | 'already-seeded'
  seed: number
  scale: number
  crnPrefix: string
  counts: Record<string, number>
  seconds: number
  rowsPerSecond: number
  summary: string
}

/**
 * Seeds the national dataset. Returns `already-seeded` (and changes nothing) when this seed's marker exists.
 *
 * @example
 * await seedNational({ db, kind: 'postgres', databaseUrl }, { scale: 0.01, seed: 1 })
 */
export async function seedNational(
  target: NationalSeedTarget,
  options: NationalSeedOptions,
): Promise<NationalSeedResult> {
  const seed = options.seed ?? 1
  const scale = options.scale
  if (!(scale > 0 && scale <= 1))
    throw new Error('--scale must be more than 0 and at most 1 (one CRN letter holds 1,000,000 people)')
  if (!Number.isInteger(seed) || seed < 1) throw new Error('--seed must be a whole number of at least 1')
  const asOf = options.asOf ?? systemClock.now().toISOString().slice(0, 10)
  const log = options.log ?? (() => undefined)
  const prefix = crnPrefixOf(seed)
  const started = performance.now()

  const existing = await findSeedMarker(target.db, markerCode(seed))
  if (existing) {
    return {
      status: 'already-seeded',
      seed,
      scale,
      crnPrefix: prefix,
      counts: {},
      seconds: 0,
      rowsPerSecond: 0,
      summary: `Seed ${seed} is already loaded (${existing.name}); nothing changed.`,
    }
  }
  const clash = await findCrnWithPrefix(target.db, prefix)
  if (clash) throw new Error(`CRNs starting ${prefix} are already in use (${clash.crn}); choose another --seed`)

  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const run = (sink: Sink) => load(sink, { seed, scale, asOf, prefix, passwordHash, log })
  const counts =
    target.kind === 'postgres' ? await withPostgresSink(requireUrl(target), run) : await withKyselySink(target.db, run)
  const seconds = (performance.now() - started) / 1000
  const total = Object.values(counts).reduce((a, b) => a + b, 0)
  const rowsPerSecond = total / seconds
  const fmt = (n: number) => Math.round(n).toLocaleString('en-GB')
  const summary =
    `Seeded the national dataset (seed ${seed}, scale ${scale}, as of ${asOf}, CRNs ${prefix}000000…): ${fmt(total)} rows in ${seconds.toFixed(1)} s = ${fmt(rowsPerSecond)} rows/s\n` +
    Object.entries(counts)
      .map(([t, n]) => `  ${t.padEnd(22)} ${fmt(n).padStart(12)}`)
      .join('\n') +
    `\nSign-ins (password "${DEMO_PASSWORD}"): nat${seed}.practitioner1 … nat${seed}.practitioner${BENCH_PRACTITIONERS} (${BENCH_CASELOAD} cases each), nat${seed}.senior`
  return { status: 'seeded', seed, scale, crnPrefix: prefix, counts, seconds, rowsPerSecond, summary }
}

function requireUrl(target: NationalSeedTarget): string {
  if (!target.databaseUrl) throw new Error('seedNational needs the databaseUrl to COPY into PostgreSQL')
  return target.databaseUrl
}
