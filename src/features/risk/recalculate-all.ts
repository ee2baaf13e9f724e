import type { LocalDate } from '@js-joda/core'
import type { Insertable, Kysely } from 'kysely'
import type { RequestContext } from '../../access/audit.ts'
import type { Database, RiskScoresTable, TierCalculationsTable, RoshLevelColumn } from '../../db/schema.ts'
import { OGP_VERSION, OGRS3_VERSION, OVP_VERSION, RSR_VERSION } from '../../domain/risk/index.ts'
import { V4_VERSION } from '../../domain/risk/v4/index.ts'
import type { DcSrpBand } from '../../domain/tier/index.ts'
import {
  calculateRisk,
  calculateTiers,
  V4_PREDICTOR_NAMES,
  type Outcome,
  type RiskFacts,
  type TierScores,
} from './calculate.ts'
import type { AssessmentItems } from './items.ts'
import { inCustodyOf, recordChangedAt, recordedEvents } from './record-history.ts'
import {
  allItemsOf,
  insertAuditRows,
  insertOutboxRows,
  insertScores,
  insertTiers,
  maxPersonId,
  tierBatchRows,
} from './queries.ts'
import { canonicalJson, TIER_CHANGED_EVENT, withoutRepeatedInputs, type Recalculation } from './recalculate.ts'

/**
 * The nightly recalculation of every person's tiers (issue 7: 1,000,000 people in under a minute).
 *
 * Tiers depend on the date (a release within the last 12 months, a registration's age), so they are recalculated
 * for everyone; predictors do not (they are calculated as at the assessment items' date), so the stored RSR and
 * OGRS3 scores are read rather than recalculated, as nDelius's tiering reads OASys's. A person whose stored
 * predictors are missing, were calculated under another algorithm version, or are older than their latest
 * assessment items, gets the full calculation the pages do (`calculateRisk`), and those scores are stored.
 *
 * What is written: a tier row only when the tier (or its provisional status, or the rules version) differs from the
 * last one stored — a row per person per night would be 365 million rows a year of identical history; a
 * `RISK_RECALCULATED` audit row and (for a changed tier) a `person.tier.changed` event for those people, exactly
 * as the pages write them; and one `TIERS_RECALCULATED` audit row for the run with its counts. Each batch of people
 * is read in a few set-based statements (the next batch's while this one is calculated) and written in its own
 * transaction, so a run stopped half-way keeps what it wrote and can simply be run again.
 *
 * @example
 * const run = await recalculateAllTiers(db, ctx, { today: LocalDate.now(), trigger: 'NIGHTLY' })
 * console.log(`${run.people} people, ${run.tiersStored} tiers changed`)
 */
export async function recalculateAllTiers(
  db: Kysely<Database>,
  ctx: RequestContext,
  options: {
    today: LocalDate
    trigger: string
    batchSize?: number
    limit?: number
    onProgress?: (run: TierRecalculationRun) => void
  },
): Promise<TierRecalculationRun> {
  const started = performance.now()
  const limit = options.limit ?? Number.MAX_SAFE_INTEGER
  const run: TierRecalculationRun = {
    calculatedOn: options.today.toString(),
    people: 0,
    fullyCalculated: 0,
    tiersStored: 0,
    scoresStored: 0,
    tierChanges: 0,
    seconds: 0,
  }

  // Batches are ranges of person ids (dense: they come from an identity sequence), so all of a batch's reads go
  // out together, and two batches are read ahead while one is calculated and another written.
  const readNext = batchReader(db, await maxPersonId(db), options.batchSize ?? 5_000)
  const ahead = [readNext(), readNext()].filter(r => r !== null)
  let writing: Promise<void> = Promise.resolve()
  for (let read = ahead.shift(); read && run.people < limit; read = ahead.shift()) {
    const batch = await read
    const following = readNext()
    if (following) ahead.push(following)
    for (const id of [...batch.facts.keys()].slice(limit - run.people)) batch.facts.delete(id)
    const writes = calculateBatch(batch, ctx, options, run)
    // The previous batch's writes went on while this one was calculated; one batch writes at a time.
    await writing
    writing = writeBatch(db, writes)
    // Marked handled here, so a failure waits to be thrown by the `await writing` that follows.
    writing.catch(() => undefined)
    options.onProgress?.(run)
  }
  await writing
  run.seconds = (performance.now() - started) / 1000
  await insertAuditRows(db, [
    {
      user_id: ctx.user?.id ?? null,
      username: ctx.user?.username ?? null,
      action: 'TIERS_RECALCULATED',
      person_id: null,
      subject: null,
      request_id: ctx.requestId,
      ip: ctx.ip,
      detail: JSON.stringify({ trigger: options.trigger, ...run }),
    },
  ])
  return run
}

/** Reads the batches of ids 1 to `maxId` in turn: each call starts the next batch's read, or gives null after the last. */
function batchReader(db: Kysely<Database>, maxId: number, batchSize: number) {
  let nextId = 1
  return (): Promise<Batch> | null => {
    if (nextId > maxId) return null
    const read = readBatch(db, nextId, nextId + batchSize - 1)
    nextId += batchSize
    // Marked handled here: a read left unawaited past the limit must not crash the process; awaited ones still throw.
    read.catch(() => undefined)
    return read
  }
}

/** Writes one batch's rows in its own transaction. */
function writeBatch(db: Kysely<Database>, writes: ReturnType<typeof calculateBatch>): Promise<void> {
  return db.transaction().execute(async trx => {
    await insertScores(trx, writes.scores)
    await insertTiers(trx, writes.tiers)
    await insertAuditRows(trx, writes.audits)
    await insertOutboxRows(trx, writes.events)
  })
}

export interface TierRecalculationRun {
  calculatedOn: string
  /** People whose tiers were recalculated (every person not deleted). */
  people: number
  /** Of those, people whose predictors were calculated too (none stored, an older version, or older items). */
  fullyCalculated: number
  tiersStored: number
  scoresStored: number
  /** People whose tier (or provisional status) changed. */
  tierChanges: number
  seconds: number
}

/** The algorithm versions this build calculates; a stored score under any other is recalculated. */
const CURRENT_VERSIONS: Record<string, readonly string[]> = {
  RSR: [RSR_VERSION],
  OGRS3: Object.values(OGRS3_VERSION),
  OGP: [OGP_VERSION],
  OVP: [OVP_VERSION],
  ...Object.fromEntries(V4_PREDICTOR_NAMES.map(name => [name, [V4_VERSION]])),
}

interface StoredScore {
  algorithm: string
  version: string
  score: number | null
  band: string | null
  scoreType: 'STATIC' | 'DYNAMIC' | null
  calculatedAt: number
}

interface Batch {
  /** Each person's facts; `usableScores` null when their predictors must be calculated. */
  facts: Map<
    number,
    RiskFacts & {
      crn: string
      /** When the inputs last changed: the latest assessment items recorded, or the record changed (ms). */
      itemsRecordedAt: number | null
      usableScores: { rsr: number | null; ogrs3: number | null } | null
    }
  >
  scores: Map<number, StoredScore[]>
  tiers: Map<string, { tier: string; version: string; provisional: boolean }>
}

/**
 * One batch of people (ids `lo` to `hi`) and everything their tiers read, in six set-based statements over the
 * range, sent together. Only the items the tiers read are fetched; a person whose predictors must be calculated gets
 * all their items in a seventh.
 */
async function readBatch(db: Kysely<Database>, lo: number, hi: number): Promise<Batch> {
  const rows = await tierBatchRows(db, lo, hi)
  const facts = batchFacts(rows)
  const storedScores = batchScores(rows.scores)
  const storedTiers: Batch['tiers'] = new Map()
  for (const t of rows.tiers)
    storedTiers.set(`${t.person_id}:${t.algorithm}`, {
      tier: t.tier,
      version: t.algorithm_version,
      provisional: t.provisional,
    })

  // People whose predictors must be calculated: all their items.
  const full: number[] = []
  for (const f of facts.values()) {
    f.usableScores = usableScores(f, storedScores.get(f.personId))
    if (!f.usableScores && f.items) full.push(f.personId)
  }
  if (full.length > 0) {
    for (const r of await allItemsOf(db, full)) {
      const items = facts.get(r.person_id)?.items
      if (items && r.version === items.version) items.items = r.items as AssessmentItems
    }
  }
  return { facts, scores: storedScores, tiers: storedTiers }
}

type BatchRows = Awaited<ReturnType<typeof tierBatchRows>>

/** Each person's facts from the batch's rows (their predictors' usability is worked out afterwards). */
function batchFacts({ people, rosh, registrations, items, history }: BatchRows): Batch['facts'] {
  const facts: Batch['facts'] = new Map()
  const events = recordedEvents(history)
  const recordChanged = recordChangedAt(history)
  for (const p of people) {
    facts.set(p.id, {
      personId: p.id,
      crn: p.crn,
      dateOfBirth: p.date_of_birth,
      gender: p.gender,
      rosh: null,
      registrations: [],
      items: null,
      events: events.get(p.id) ?? [],
      inCustody: inCustodyOf(p.case_status),
      itemsRecordedAt: recordChanged.get(p.id) ?? null,
      usableScores: null,
    })
  }
  for (const r of rosh) {
    const f = facts.get(r.person_id)
    if (f) f.rosh = { assessmentDate: r.assessment_date, overall: r.overall_level as RoshLevelColumn }
  }
  for (const r of registrations) {
    facts.get(r.person_id)?.registrations.push({
      typeCode: r.type_code,
      mappaCategory: r.mappa_category,
      mappaLevel: r.mappa_level,
      registeredDate: r.registered_date,
    })
  }
  for (const r of items) {
    const f = facts.get(r.person_id)
    if (!f) continue
    f.items = { version: r.version, assessmentDate: r.assessment_date, items: r.items }
    f.itemsRecordedAt = Math.max(r.recorded_at, f.itemsRecordedAt ?? -Infinity)
  }
  return facts
}

/** The latest stored score per algorithm, per person. */
function batchScores(scores: BatchRows['scores']): Batch['scores'] {
  const storedScores: Batch['scores'] = new Map()
  for (const s of scores) {
    const list = storedScores.get(s.person_id) ?? []
    list.push({
      algorithm: s.algorithm,
      version: s.algorithm_version,
      score: s.score === null ? null : Number(s.score),
      band: s.band,
      scoreType: s.score_type,
      calculatedAt: s.calculated_at,
    })
    storedScores.set(s.person_id, list)
  }
  return storedScores
}

/**
 * The stored scores a person's tiers can use, or null when the predictors must be calculated: RSR or OGRS3 never
 * stored while there are assessment items to calculate them from, any stored under an algorithm version this build
 * does not calculate, or older than the latest assessment items (a change that did not recalculate).
 */
function usableScores(
  f: RiskFacts & { itemsRecordedAt: number | null },
  stored: StoredScore[] | undefined,
): TierScores | null {
  const byAlgorithm = new Map((stored ?? []).map(s => [s.algorithm, s]))
  for (const s of byAlgorithm.values()) {
    if (!CURRENT_VERSIONS[s.algorithm]?.includes(s.version)) return null
    if (f.itemsRecordedAt !== null && s.calculatedAt < f.itemsRecordedAt) return null
  }
  const rsr = byAlgorithm.get('RSR')
  const ogrs3 = byAlgorithm.get('OGRS3')
  const arp = byAlgorithm.get('ARP')
  const csrp = byAlgorithm.get('CSRP')
  // Scores stored before the v4 predictors (issue 20) have no v4 row: calculate those people once more. A v4 row
  // stored (ARP reads what OGRS3 reads) means they were calculated since; a CSRP missing then was refused (its
  // inputs are incomplete), so it is not retried every night.
  if (f.items && (!rsr || !ogrs3 || !V4_PREDICTOR_NAMES.some(name => byAlgorithm.has(name)))) return null
  // OGRS3 reads only the record (convictions, offence, sentence): without items it may still be calculable.
  if (!f.items && f.events.length > 0 && !ogrs3) return null
  const typed = (s: StoredScore | undefined) =>
    s && s.score !== null && s.scoreType ? { score: s.score, type: s.scoreType } : null
  const dc = byAlgorithm.get('DC-SRP')
  return {
    rsr: rsr?.score ?? null,
    ogrs3: ogrs3?.score ?? null,
    arp: typed(arp),
    csrp: typed(csrp),
    dcSrp: dc ? { score: dc.score, band: dc.band as DcSrpBand | null } : null,
  }
}

const tierKey = (tier: string, provisional: boolean) => (provisional ? `${tier} (provisional)` : tier)

type BatchPerson = Batch['facts'] extends Map<number, infer F> ? F : never

/** Calculates one batch (pure apart from the run's counters) and returns the rows to write. */
function calculateBatch(
  batch: Batch,
  ctx: RequestContext,
  options: { today: LocalDate; trigger: string },
  run: TierRecalculationRun,
) {
  const today = options.today.toString()
  const userId = ctx.user?.id ?? null
  const rows: BatchRowsOut = { today, userId, scores: [], tiers: [] }
  const audits: Insertable<Database['audit_events']>[] = []
  const events: Insertable<Database['outbox_events']>[] = []
  for (const f of batch.facts.values()) {
    run.people++
    const { outcomes, storedScores } = personOutcomes(f, batch.scores.get(f.personId), options.today, rows, run)
    const tiersBefore = rows.tiers.length
    const tierChanges = personTiers(f, outcomes, batch.tiers, rows)
    if (storedScores.length === 0 && rows.tiers.length === tiersBefore) continue
    if (tierChanges.length) run.tierChanges++
    audits.push({
      user_id: userId,
      username: ctx.user?.username ?? null,
      action: 'RISK_RECALCULATED',
      person_id: f.personId,
      subject: f.crn,
      request_id: ctx.requestId,
      ip: ctx.ip,
      detail: JSON.stringify({
        trigger: options.trigger,
        storedScores,
        tiers: Object.fromEntries(outcomes.map(t => [t.name, t.result?.tier ?? null])),
        tierChanges,
      }),
    })
    if (tierChanges.length) {
      events.push({
        event_type: TIER_CHANGED_EVENT,
        person_id: f.personId,
        payload: JSON.stringify({ crn: f.crn, calculatedOn: today, changes: tierChanges, trigger: options.trigger }),
      })
    }
  }
  run.tiersStored += rows.tiers.length
  return { scores: rows.scores, tiers: rows.tiers, audits, events }
}

/** Where a batch's score and tier rows are collected, with what every row carries. */
interface BatchRowsOut {
  today: string
  userId: number | null
  scores: Insertable<RiskScoresTable>[]
  tiers: Insertable<TierCalculationsTable>[]
}

/**
 * A person's tier outcomes: from their stored predictors when usable, otherwise the pages' own calculation, whose
 * predictors are stored unless the same algorithm version is stored already and is not older than the items.
 */
function personOutcomes(
  f: BatchPerson,
  stored: StoredScore[] | undefined,
  today: LocalDate,
  rows: BatchRowsOut,
  run: TierRecalculationRun,
): { outcomes: Outcome[]; storedScores: string[] } {
  const storedScores: string[] = []
  if (f.usableScores) return { outcomes: calculateTiers(f, f.usableScores, today), storedScores }
  run.fullyCalculated++
  const outcome = calculateRisk(f, today)
  const current = new Map((stored ?? []).map(s => [s.algorithm, s]))
  for (const p of outcome.predictors) {
    if (!p.result) continue
    const last = current.get(p.result.algorithm)
    if (
      last &&
      last.version === p.result.version &&
      (f.itemsRecordedAt === null || last.calculatedAt >= f.itemsRecordedAt)
    )
      continue
    storedScores.push(p.name)
    rows.scores.push({
      person_id: f.personId,
      algorithm: p.result.algorithm,
      algorithm_version: p.result.version,
      calculated_on: rows.today,
      score: p.result.score,
      band: p.result.band,
      score_type: p.result.scoreType ?? null,
      inputs: canonicalJson(p.result.inputs),
      output: JSON.stringify(p.result.output, withoutRepeatedInputs),
      created_by: rows.userId,
    })
  }
  run.scoresStored += storedScores.length
  return { outcomes: outcome.tiers, storedScores }
}

/** Adds a tier row for each tier that differs from the last one stored; returns the changes. */
function personTiers(
  f: BatchPerson,
  outcomes: Outcome[],
  storedTiers: Batch['tiers'],
  rows: BatchRowsOut,
): Recalculation['tierChanges'] {
  const tierChanges: Recalculation['tierChanges'] = []
  for (const t of outcomes) {
    if (!t.result?.tier) continue
    const last = storedTiers.get(`${f.personId}:${t.result.algorithm}`)
    const provisional = (t.result.output as { provisional?: boolean } | null)?.provisional === true
    const previous = last ? tierKey(last.tier, last.provisional) : null
    const current = tierKey(t.result.tier, provisional)
    if (previous === current && last?.version === t.result.version) continue
    rows.tiers.push({
      person_id: f.personId,
      algorithm: t.result.algorithm,
      algorithm_version: t.result.version,
      calculated_on: rows.today,
      tier: t.result.tier,
      inputs: JSON.stringify(t.result.inputs),
      output: JSON.stringify(t.result.output),
      created_by: rows.userId,
    })
    if (previous !== current) tierChanges.push({ algorithm: t.result.algorithm, previous, current })
  }
  return tierChanges
}
