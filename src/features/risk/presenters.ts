import type { RoshLevelColumn } from '../../db/schema.ts'
import { LocalDate } from '@js-joda/core'
import { lookupOffenceCode, type Explanation, type RecordedRiskInputs, type Term } from '../../domain/risk/index.ts'
import type { ExplanationLine } from '../../domain/tier/index.ts'
import { PREDICTOR_NAMES, V4_PREDICTOR_NAMES, type Outcome, type PredictorName, type RiskOutcome } from './calculate.ts'
import { ROSH_GROUPS } from './forms.ts'
import { ALL_ITEM_FIELDS, SENTENCE_TYPES } from './items.ts'
import { registerType } from './registration-types.ts'
import { formatDate } from '../../web/filters.ts'
import type { RiskService } from './service.ts'

/** Domain and rows → what the Risk page shows. Pure; the template only lays it out. */

type PageData = Awaited<ReturnType<RiskService['riskPage']>>

export const LEVEL_TEXT: Record<RoshLevelColumn, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  very_high: 'Very high',
}
const LEVEL_TAG: Record<RoshLevelColumn, string> = {
  low: 'govuk-tag--green',
  medium: 'govuk-tag--yellow',
  high: 'govuk-tag--orange',
  very_high: 'govuk-tag--red',
}

export interface TermView {
  label: string
  value: string
  rule: string
  contribution: string
}

export interface ExplanationView {
  title: string
  terms: TermView[]
  total: string
  outcomes: string[]
  band: string | null
  notes: string[]
}

export interface PredictorView {
  name: string
  score: string | null
  band: string | null
  calculatedOn: string | null
  version: string | null
  explanations: ExplanationView[]
  needs: string[]
  problems: string[]
  /** The stored score was calculated from inputs that have since changed and can no longer be scored. */
  stale: boolean
  /** `v1` (OGRS3, OGP, OVP, RSR) or `v4` (the OASys v4 family, shown beside them). */
  family: 'v1' | 'v4'
  /** v4: "static" or "dynamic" model; null otherwise. */
  scoreType: string | null
}

export interface TierView {
  name: string
  tier: string | null
  provisional: boolean
  calculatedOn: string | null
  version: string | null
  lines: string[]
  needs: string[]
  problems: string[]
}

const num = (n: number) => (Number.isInteger(n) ? String(n) : String(Math.round(n * 10000) / 10000))

function valueText(v: Term['value']): string {
  if (v === null || v === undefined) return 'not given'
  if (typeof v === 'boolean') return v ? 'Yes' : 'No'
  if (typeof v === 'number') return num(v)
  return String(v)
}

function explanationView(title: string, e: Explanation | null | undefined): ExplanationView | null {
  if (!e) return null
  return {
    title,
    terms: e.terms.map(t => ({
      label: t.label,
      value: valueText(t.value),
      rule: t.rule ?? (t.coefficient !== undefined ? `× ${num(t.coefficient)}` : ''),
      contribution: (t.contribution > 0 ? '+' : '') + num(t.contribution),
    })),
    total: num(e.total),
    outcomes: e.outcomes.map(o => `${o.horizon}: ${num(o.percent)}%`),
    band: e.band ? `${bandText(e.band.band)} (${e.band.on} ${num(e.band.value)})` : null,
    notes: e.notes,
  }
}

export function bandText(band: string | null | undefined): string {
  if (!band) return ''
  return band.charAt(0) + band.slice(1).toLowerCase().replace(/_/g, ' ')
}

function predictorView(
  name: string,
  stored: PageData['scores'][number] | undefined,
  now: Outcome | undefined,
): PredictorView {
  const output = stored?.output as
    | {
        explanation?: Explanation
        snsv?: { explanation?: Explanation }
        ospDc?: { explanation?: Explanation } | null
        ogrs3?: { explanation?: Explanation }
      }
    | undefined
  const explanations = [
    explanationView(name, output?.explanation),
    explanationView('Serious non-sexual violence (SNSV)', output?.snsv?.explanation),
    explanationView('Direct-contact sexual reoffending (OSP/DC)', output?.ospDc?.explanation),
  ].filter((e): e is ExplanationView => e !== null)
  return {
    name,
    score: stored?.score === null || stored?.score === undefined ? null : `${num(stored.score)}%`,
    band: stored?.band ? bandText(stored.band) : null,
    calculatedOn: stored?.calculated_on ?? null,
    version: stored?.algorithm_version ?? null,
    explanations,
    needs: now?.needs ?? [],
    problems: now?.problems ?? [],
    stale: Boolean(stored && now && !now.result),
    family: V4_PREDICTOR_NAMES.includes(name as PredictorName) ? 'v4' : 'v1',
    scoreType: stored?.score_type ? stored.score_type.toLowerCase() : null,
  }
}

function tierView(
  name: string,
  algorithm: string | undefined,
  tiers: PageData['tiers'],
  now: Outcome | undefined,
): TierView {
  const stored = algorithm ? tiers.find(t => t.algorithm === algorithm) : undefined
  const output = stored?.output as { explanation?: ExplanationLine[]; provisional?: boolean } | undefined
  return {
    name,
    tier: stored?.tier ?? null,
    provisional: output?.provisional === true,
    calculatedOn: stored?.calculated_on ?? null,
    version: stored?.algorithm_version ?? null,
    lines: (output?.explanation ?? []).map(l => l.text),
    needs: now?.needs ?? [],
    problems: now?.problems ?? [],
  }
}

/** Algorithm names of the two tiers, as the engine names them. */
function tierAlgorithms(outcome: RiskOutcome, tiers: PageData['tiers']) {
  const names = new Map<string, string>()
  for (const t of outcome.tiers) if (t.result) names.set(t.name, t.result.algorithm)
  for (const t of tiers) {
    if (t.algorithm.startsWith('tier-v2') && !names.has('Tier v2')) names.set('Tier v2', t.algorithm)
    if (t.algorithm.startsWith('tier-v3') && !names.has('Tier v3')) names.set('Tier v3', t.algorithm)
  }
  return names
}

/** The latest RoSH assessment: overall level and each group's. */
function currentRoshView(current: PageData['rosh'][number]) {
  return {
    date: current.assessment_date,
    overall: LEVEL_TEXT[current.overall_level],
    overallTag: LEVEL_TAG[current.overall_level],
    assessedBy: current.assessed_by_name,
    groups: ROSH_GROUPS.map(g => {
      const level = {
        public: current.public_level,
        knownAdult: current.known_adult_level,
        children: current.children_level,
        staff: current.staff_level,
        prisoners: current.prisoners_level,
      }[g.key]
      return {
        label: g.label,
        level: level ? LEVEL_TEXT[level] : 'Not assessed',
        tag: level ? LEVEL_TAG[level] : 'govuk-tag--grey',
      }
    }),
    whoIsAtRisk: current.who_is_at_risk,
    natureOfHarm: current.nature_of_harm,
    whenMostLikely: current.when_most_likely,
  }
}

/**
 * The Risk page's view model.
 *
 * @example
 * riskPageView(await risk.riskPage(ctx, 'X100002')).tiers[0].tier // 'B2'
 */
export function riskPageView(data: PageData) {
  const { person, rosh, registrations, scores, tiers, outcome, today } = data
  const current = rosh[0]
  const active = registrations.filter(r => !r.deregistered_date)
  const algorithms = tierAlgorithms(outcome, tiers)
  const latestScore = (name: string) => scores.find(s => s.algorithm === name)
  const registrationView = (r: PageData['registrations'][number]) => ({
    id: r.id,
    code: r.type_code,
    description: registerType(r.type_code)?.description ?? r.type_code,
    group: registerType(r.type_code)?.group ?? '',
    mappa: r.mappa_category ? `Category ${r.mappa_category}, level ${r.mappa_level}` : null,
    registeredDate: r.registered_date,
    nextReviewDate: r.next_review_date,
    reviewOverdue: Boolean(!r.deregistered_date && r.next_review_date && r.next_review_date < today),
    notes: r.notes,
    registeredBy: r.registered_by_name,
    deregisteredDate: r.deregistered_date,
    deregistrationReason: r.deregistration_reason,
    deregisteredBy: r.deregistered_by_name,
  })
  return {
    person: {
      crn: person.crn,
      name: `${person.forename} ${person.surname}`,
      dateOfBirth: person.date_of_birth,
    },
    canUpdate: data.canUpdate,
    rosh: current ? currentRoshView(current) : null,
    roshHistory: rosh
      .slice(1)
      .map(r => ({ date: r.assessment_date, overall: LEVEL_TEXT[r.overall_level], assessedBy: r.assessed_by_name })),
    activeRegistrations: active.map(registrationView),
    overdueReviews: active.filter(r => r.next_review_date && r.next_review_date < today).length,
    deregistered: registrations.filter(r => r.deregistered_date).map(registrationView),
    /** The predictors' and tiers' inputs the record gives (not asked on the assessment items form). */
    fromRecord: Object.values(recordedItemsView(data.recorded)),
    predictors: PREDICTOR_NAMES.map(name => ({
      ...predictorView(
        name,
        latestScore(name),
        outcome.predictors.find(p => p.name === name),
      ),
      firstOfV4: name === V4_PREDICTOR_NAMES[0],
    })),
    timeline: scores.map(s => ({
      date: s.calculated_on,
      algorithm: s.algorithm,
      version: s.algorithm_version,
      score: s.score === null ? '' : `${num(s.score)}%`,
      band: bandText(s.band),
    })),
    tiers: ['Tier v2', 'Tier v3'].map(name =>
      tierView(
        name,
        algorithms.get(name),
        tiers,
        outcome.tiers.find(t => t.name === name),
      ),
    ),
    tierHistory: tiers.map(t => ({
      date: t.calculated_on,
      algorithm: t.algorithm,
      version: t.algorithm_version,
      tier: t.tier + ((t.output as { provisional?: boolean })?.provisional ? ' (provisional)' : ''),
    })),
  }
}

/** One assessment item filled from the record, as the form shows it instead of asking. */
export interface RecordedItemView {
  label: string
  value: string
  source: string
}

const SUPERVISION_TEXT: Record<string, string> = { COMMUNITY: 'In the community', CUSTODY: 'In custody' }

/** What the record gives, by item key, in words: dates in prose, the offence with its category, the sentence. */
export function recordedItemsView(recorded: RecordedRiskInputs): Record<string, RecordedItemView> {
  const view: Record<string, RecordedItemView> = {}
  for (const [key, known] of Object.entries(recorded) as [string, { value: unknown; source: string }][]) {
    const label = ALL_ITEM_FIELDS.find(f => f.key === key)?.label ?? key
    view[key] = { label, value: recordedValueText(key, known.value), source: known.source }
  }
  return view
}

function recordedValueText(key: string, value: unknown): string {
  if (value instanceof LocalDate) return formatDate(value.toString())
  if (key === 'currentOffenceCode') {
    const found = lookupOffenceCode(String(value))
    const category = found?.ogrs3Category ?? found?.snsvCategory
    return category ? `${String(value)} – ${category}` : String(value)
  }
  if (key === 'sentenceType') return SENTENCE_TYPES.find(t => t.value === value)?.text ?? String(value)
  if (key === 'supervisionStatus') return SUPERVISION_TEXT[String(value)] ?? String(value)
  return String(value)
}
