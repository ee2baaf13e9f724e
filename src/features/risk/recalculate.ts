import type { LocalDate } from '@js-joda/core'
import type { Insertable } from 'kysely'
import type { RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import type { RiskScoresTable, TierCalculationsTable } from '../../db/schema.ts'
import { calculateRisk, type RiskFacts, type RiskOutcome } from './calculate.ts'
import {
  insertAuditRows,
  insertOutboxRows,
  insertScores,
  insertTiers,
  latestScores,
  latestTiers,
  loadRiskFacts,
} from './queries.ts'

/** What changed for one person when their risk was recalculated. */
export interface Recalculation {
  personId: number
  crn: string
  outcome: RiskOutcome
  /** Predictors whose stored score was replaced by a new one (inputs or algorithm version changed). */
  storedScores: string[]
  tierChanges: { algorithm: string; previous: string | null; current: string }[]
}

export const TIER_CHANGED_EVENT = 'person.tier.changed'

/**
 * JSON with object keys sorted, so an input snapshot read back from `jsonb` (which reorders keys) compares equal
 * to the same snapshot freshly calculated.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  )
}

/**
 * Every explanation repeats its predictor's inputs (`explanation.inputs`); the row keeps them once, in `inputs`, so
 * they are left out of the stored output (a third of its size). Nothing else is dropped.
 */
export function withoutRepeatedInputs(this: unknown, key: string, value: unknown) {
  return key === 'inputs' && this && typeof this === 'object' && 'terms' in this ? undefined : value
}

const tierKey = (tier: string, output: unknown) =>
  (output as { provisional?: boolean } | null)?.provisional ? `${tier} (provisional)` : tier

/**
 * Recalculates and stores the predictors and tiers of every person given, inside the caller's transaction (so the
 * scores commit with the change that caused them). A predictor's score is stored when its input snapshot or
 * algorithm version differs from the last one stored; the tiers are stored on every recalculation (their date is an
 * input). When a person's tier changes, a `person.tier.changed` event goes to the outbox; every person gets an
 * audit row saying what was recalculated and why.
 *
 * Works in batches (four reads, a few bulk inserts), so a nightly or bulk recalculation costs the same per person
 * as one page's.
 *
 * @example
 * await db.transaction().execute(trx => recalculateRisk(trx, ctx, [personId], { today, trigger: 'ROSH_RECORD' }))
 */
export async function recalculateRisk(
  trx: Executor,
  ctx: RequestContext,
  personIds: readonly number[],
  options: { today: LocalDate; trigger: string },
): Promise<Recalculation[]> {
  const [facts, scores, tiers] = await Promise.all([
    loadRiskFacts(trx, personIds),
    latestScores(trx, personIds),
    latestTiers(trx, personIds),
  ])
  const last = {
    scores: new Map(scores.map(s => [`${s.person_id}:${s.algorithm}`, s])),
    tiers: new Map(tiers.map(t => [`${t.person_id}:${t.algorithm}`, t])),
  }
  const rows: Rows = { today: options.today.toString(), userId: ctx.user?.id ?? null, scores: [], tiers: [] }
  const results = [...facts.values()].map(f => recalculateOne(f, options.today, last, rows))

  await insertScores(trx, rows.scores)
  await insertTiers(trx, rows.tiers)
  await insertAuditRows(
    trx,
    results.map(r => ({
      user_id: rows.userId,
      username: ctx.user?.username ?? null,
      action: 'RISK_RECALCULATED',
      person_id: r.personId,
      subject: r.crn,
      request_id: ctx.requestId,
      ip: ctx.ip,
      detail: JSON.stringify({
        trigger: options.trigger,
        storedScores: r.storedScores,
        tiers: Object.fromEntries(r.outcome.tiers.map(t => [t.name, t.result?.tier ?? null])),
        tierChanges: r.tierChanges,
      }),
    })),
  )
  await insertOutboxRows(
    trx,
    results
      .filter(r => r.tierChanges.length > 0)
      .map(r => ({
        event_type: TIER_CHANGED_EVENT,
        person_id: r.personId,
        payload: JSON.stringify({
          crn: r.crn,
          calculatedOn: rows.today,
          changes: r.tierChanges,
          trigger: options.trigger,
        }),
      })),
  )
  return results
}

/** The rows a recalculation writes, and what each carries. */
interface Rows {
  today: string
  userId: number | null
  scores: Insertable<RiskScoresTable>[]
  tiers: Insertable<TierCalculationsTable>[]
}

type LastStored = {
  scores: Map<string, Awaited<ReturnType<typeof latestScores>>[number]>
  tiers: Map<string, Awaited<ReturnType<typeof latestTiers>>[number]>
}

/** Calculates one person, adding the score rows that changed and every tier row; returns what changed. */
function recalculateOne(f: RiskFacts & { crn: string }, today: LocalDate, last: LastStored, rows: Rows): Recalculation {
  const outcome = calculateRisk(f, today)
  const storedScores: string[] = []
  for (const p of outcome.predictors) {
    if (!p.result) continue
    const inputs = canonicalJson(p.result.inputs)
    const lastScore = last.scores.get(`${f.personId}:${p.result.algorithm}`)
    if (lastScore && lastScore.algorithm_version === p.result.version && canonicalJson(lastScore.inputs) === inputs)
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
      inputs,
      output: JSON.stringify(p.result.output, withoutRepeatedInputs),
      created_by: rows.userId,
    })
  }
  const tierChanges: Recalculation['tierChanges'] = []
  for (const t of outcome.tiers) {
    if (!t.result?.tier) continue
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
    const lastTier = last.tiers.get(`${f.personId}:${t.result.algorithm}`)
    const previous = lastTier ? tierKey(lastTier.tier, lastTier.output) : null
    const current = tierKey(t.result.tier, t.result.output)
    if (previous !== current) tierChanges.push({ algorithm: t.result.algorithm, previous, current })
  }
  return { personId: f.personId, crn: f.crn, outcome, storedScores, tierChanges }
}
