import type { LocalDate } from '@js-joda/core'
import type { Insertable } from 'kysely'
import type { RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import type { RiskScoresTable, TierCalculationsTable } from '../../db/schema.ts'
import { calculateRisk, type RiskOutcome } from './calculate.ts'
import { insertScores, insertTiers, latestScores, latestTiers, loadRiskFacts } from './queries.ts'

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
  const lastScore = new Map(scores.map(s => [`${s.person_id}:${s.algorithm}`, s]))
  const lastTier = new Map(tiers.map(t => [`${t.person_id}:${t.algorithm}`, t]))
  const today = options.today.toString()
  const userId = ctx.user?.id ?? null

  const scoreRows: Insertable<RiskScoresTable>[] = []
  const tierRows: Insertable<TierCalculationsTable>[] = []
  const results: Recalculation[] = []
  for (const f of facts.values()) {
    const outcome = calculateRisk(f, options.today)
    const storedScores: string[] = []
    for (const p of outcome.predictors) {
      if (!p.result) continue
      const inputs = canonicalJson(p.result.inputs)
      const last = lastScore.get(`${f.personId}:${p.result.algorithm}`)
      if (last && last.algorithm_version === p.result.version && canonicalJson(last.inputs) === inputs) continue
      storedScores.push(p.name)
      scoreRows.push({
        person_id: f.personId,
        algorithm: p.result.algorithm,
        algorithm_version: p.result.version,
        calculated_on: today,
        score: p.result.score,
        band: p.result.band,
        inputs,
        output: JSON.stringify(p.result.output, withoutRepeatedInputs),
        created_by: userId,
      })
    }
    const tierChanges: Recalculation['tierChanges'] = []
    for (const t of outcome.tiers) {
      if (!t.result?.tier) continue
      tierRows.push({
        person_id: f.personId,
        algorithm: t.result.algorithm,
        algorithm_version: t.result.version,
        calculated_on: today,
        tier: t.result.tier,
        inputs: JSON.stringify(t.result.inputs),
        output: JSON.stringify(t.result.output),
        created_by: userId,
      })
      const last = lastTier.get(`${f.personId}:${t.result.algorithm}`)
      const previous = last ? tierKey(last.tier, last.output) : null
      const current = tierKey(t.result.tier, t.result.output)
      if (previous !== current) tierChanges.push({ algorithm: t.result.algorithm, previous, current })
    }
    results.push({ personId: f.personId, crn: f.crn, outcome, storedScores, tierChanges })
  }

  await insertScores(trx, scoreRows)
  await insertTiers(trx, tierRows)
  const audits = results.map(r => ({
    user_id: userId,
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
  }))
  for (let i = 0; i < audits.length; i += 1000)
    await trx
      .insertInto('audit_events')
      .values(audits.slice(i, i + 1000))
      .execute()
  const events = results
    .filter(r => r.tierChanges.length > 0)
    .map(r => ({
      event_type: TIER_CHANGED_EVENT,
      person_id: r.personId,
      payload: JSON.stringify({ crn: r.crn, calculatedOn: today, changes: r.tierChanges, trigger: options.trigger }),
    }))
  for (let i = 0; i < events.length; i += 1000)
    await trx
      .insertInto('outbox_events')
      .values(events.slice(i, i + 1000))
      .execute()
  return results
}
