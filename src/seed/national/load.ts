import { normaliseName } from '../../domain/names/normalise.ts'
import {
  analyze,
  createIndexes,
  dropSecondaryIndexes,
  moveSequence,
  nextIdOf,
  setAllocationDeliveryUnits,
  surnameKeys,
} from './queries.ts'
import { SURNAMES } from './names.ts'
import type { Sink } from './sink.ts'
import { Batch, BIG_TABLES, ORDER } from './batch.ts'
import { plan, seedOrganisation, type Organisation } from './organisation.ts'
import { person } from './person.ts'
import { DAY, MANAGED, STATUSES, type LoadOptions, type Practitioner, type Shared } from './reference.ts'

/** The load: plans the dataset, writes the organisation, then the people chunk by chunk, and finishes the tables. */

/** Pass 2: people and everything about them, in chunks of 5,000, each written as it is made. */
async function seedPeople(
  sink: Sink,
  batch: Batch,
  o: LoadOptions,
  status: Uint8Array,
  shared: Shared,
  org: Organisation,
) {
  const { practitioners } = org
  let cursor = 0
  let inCaseload = 0
  const chunk = 5_000
  for (let start = 0; start < status.length; start += chunk) {
    for (let i = start; i < Math.min(status.length, start + chunk); i++) {
      const st = STATUSES[status[i]]
      let manager: Practitioner | undefined
      let firstOfCaseload = false
      if (MANAGED.has(status[i])) {
        manager = practitioners[cursor]
        firstOfCaseload = inCaseload === 0
        if (++inCaseload >= manager.target && cursor < practitioners.length - 1) {
          cursor++
          inCaseload = 0
        }
      }
      person(batch, o, i, st, manager, firstOfCaseload, practitioners[cursor], shared)
    }
    await batch.flush(sink)
    if ((start / chunk) % 20 === 19) o.log(`  … ${(start + chunk).toLocaleString('en-GB')} people`)
  }
}

export async function load(sink: Sink, o: LoadOptions): Promise<Record<string, number>> {
  const n = Math.round(1_000_000 * o.scale)
  const asOfDay = Math.floor(Date.parse(`${o.asOf}T00:00:00Z`) / DAY)

  // Ids: each table continues from its identity sequence; the sequences are moved past what was used at the end.
  const next: Record<string, number> = {}
  for (const table of ORDER) next[table] = await nextIdOf(sink, table)
  const batch = new Batch(next)

  const { status, targets } = plan(o.seed, n)
  const org = seedOrganisation(batch, o, targets)
  await batch.flush(sink)

  // Phonetic keys of every surname, from the database's own dmetaphone (what search compares with).
  const keys = await surnameKeys(sink, [...new Set(SURNAMES.map(s => normaliseName(s)))])

  // Bulk load (PostgreSQL): secondary indexes of the big tables are dropped inside the transaction and rebuilt once
  // at the end (8× faster than maintaining them row by row: GIN trigram indexes especially). The tables are locked
  // until the seed commits; constraint indexes (primary keys, unique) stay.
  const rebuild = sink.bulk ? await dropSecondaryIndexes(sink, BIG_TABLES) : []
  if (!sink.foreignKeysChecked) o.log('  (foreign keys not re-checked row by row: session_replication_role = replica)')

  const { providerId, courtIds, pduRegion } = org
  await seedPeople(sink, batch, o, status, { providerId, courtIds, pduRegion, keys, asOfDay, prefix: o.prefix }, org)

  o.log(
    `  write time by table: ${Object.entries(batch.ms)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([t, ms]) => `${t} ${(ms / 1000).toFixed(1)} s`)
      .join(', ')}`,
  )
  if (rebuild.length) o.log(`  rebuilding ${rebuild.length} indexes`)
  await createIndexes(sink, rebuild)
  await setAllocationDeliveryUnits(sink)
  for (const table of ORDER) await moveSequence(sink, table, batch.lastIds()[table])
  await analyze(sink)
  return batch.counts
}
