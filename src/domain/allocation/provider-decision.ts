import { LocalDate } from '@js-joda/core'
import { spokenDate } from '../calendar/spoken-date.ts'
/**
 * The provider decision: which kind of provider manages a newly sentenced case, worked out from what the record
 * holds, with a reason for every criterion looked at.
 *
 * Source: the Case Allocation System (CAS) of PI 05/2014 / PSI 14/2014, as summarised in
 * shared/domain/risk-and-tier.md §8: the public probation service (NPS) retained people assessed as high or very high
 * RoSH, all MAPPA cases and certain others (public-interest cases, foreign nationals liable to deportation); RSR at or
 * above 6.9 % (the "high" band, risk-and-tier.md §8 and the band table in §1) was the NPS allocation trigger; the
 * contracted providers (CRCs) managed the rest. A court report proposing NPS management is followed as well: the
 * report writer has seen the case, and CAS let the court team's assessment override.
 *
 * Conflicting RoSH information (the report or a RoSH flag says high while the latest RoSH assessment says medium)
 * blocks the decision until a senior says which source is right and why (issue 5, item 5).
 */

export type RoshLevel = 'low' | 'medium' | 'high' | 'very_high'
export type ProviderKind = 'public' | 'contracted'

/** RSR at or above this percentage sends the case to the public provider (CAS; RSR "high" band). */
export const RSR_THRESHOLD = 6.9

/** Where a RoSH level came from. */
export type RoshSourceKind = 'assessment' | 'registration' | 'court_report'

export interface RoshSource {
  kind: RoshSourceKind
  level: RoshLevel
  /** YYYY-MM-DD */
  date: string
  /** What the user sees, e.g. "RoSH assessment of 2 March 2026". */
  label: string
}

export interface AllocationFacts {
  /** The latest RoSH assessment (rosh_assessments), or null. */
  roshAssessment: { level: RoshLevel; date: string } | null
  /** The latest active RoSH flag registration (RVHR/RHRH/RMRH/RLRH), or null. */
  roshRegistration: { level: RoshLevel; date: string } | null
  /** The RoSH level the pre-sentence report gave, or null when there is no report or it gave none. */
  courtReport: { roshLevel: RoshLevel | null; proposedProvider: ProviderKind | null; date: string } | null
  /**
   * Active MAPPA registration (MAPP), or null. Without a registration, `eligibility` says why the record makes the
   * person eligible for the category (worked out by src/domain/public-protection `mappaEligibility`, issue 15).
   */
  mappa: { category: number | null; level: number | null; date: string; eligibility?: string } | null
  /** The latest stored RSR percentage, or null when none has been calculated. */
  rsr: { score: number; date: string } | null
  /** An active "public interest case" registration (RPIR). */
  publicInterest: { date: string } | null
  /** Recorded as a foreign national liable to deportation (immigration circumstance). */
  liableToDeportation: { date: string } | null
  /** A senior's resolution of a RoSH conflict, if one was recorded. It only applies to the same conflict. */
  resolution: ConflictResolution | null
}

export interface ConflictResolution {
  /** The conflict it resolves, as `conflictKey` gave it: a changed source makes a new conflict. */
  conflictKey: string
  /** The source the senior found right. */
  chosen: RoshSourceKind
  level: RoshLevel
  reason: string
  resolvedBy: string
  /** YYYY-MM-DD */
  resolvedOn: string
}

export type ReasonCode =
  | 'rosh_high'
  | 'rosh_not_high'
  | 'rosh_none'
  | 'rosh_resolved'
  | 'mappa'
  | 'no_mappa'
  | 'rsr_high'
  | 'rsr_below'
  | 'rsr_none'
  | 'public_interest'
  | 'deportation'
  | 'court_report_proposes_public'
  | 'court_report_rosh'
  | 'no_other_criterion'
  | 'rosh_conflict'

export interface Reason {
  code: ReasonCode
  /** Whether this reason points the case at the public provider. */
  public: boolean
  text: string
}

export interface RoshConflict {
  key: string
  sources: RoshSource[]
  text: string
}

export type ProviderDecision =
  | { outcome: ProviderKind; reasons: Reason[]; conflict: null; roshLevel: RoshLevel | null }
  | { outcome: 'blocked'; reasons: Reason[]; conflict: RoshConflict; roshLevel: null }

export const ROSH_TEXT: Record<RoshLevel, string> = {
  low: 'low',
  medium: 'medium',
  high: 'high',
  very_high: 'very high',
}
const isHigh = (level: RoshLevel) => level === 'high' || level === 'very_high'

const SOURCE_TEXT: Record<RoshSourceKind, string> = {
  assessment: 'the latest RoSH assessment',
  registration: 'the RoSH flag (registration)',
  court_report: 'the pre-sentence report',
}

const longDate = (iso: string) => spokenDate(LocalDate.parse(iso))

/** Every RoSH level the record holds, newest source first. */
export function roshSources(facts: AllocationFacts): RoshSource[] {
  const sources: RoshSource[] = []
  if (facts.roshAssessment) {
    sources.push({
      kind: 'assessment',
      ...facts.roshAssessment,
      label: `RoSH assessment of ${longDate(facts.roshAssessment.date)}`,
    })
  }
  if (facts.roshRegistration) {
    sources.push({
      kind: 'registration',
      ...facts.roshRegistration,
      label: `RoSH flag registered on ${longDate(facts.roshRegistration.date)}`,
    })
  }
  if (facts.courtReport?.roshLevel) {
    sources.push({
      kind: 'court_report',
      level: facts.courtReport.roshLevel,
      date: facts.courtReport.date,
      label: `Pre-sentence report of ${longDate(facts.courtReport.date)}`,
    })
  }
  return sources
}

/**
 * The RoSH conflict in the record, if any: some sources say high or very high and others say low or medium, so the
 * provider would depend on which one is believed. Differences on the same side of that line (low v medium, high v very
 * high) do not change the provider and are not flagged.
 *
 * @example
 * findRoshConflict({ ...facts, roshAssessment: { level: 'medium', date: '2026-03-02' }, roshRegistration: { level: 'high', date: '2026-01-10' } })
 * // { key: 'assessment:medium:2026-03-02|registration:high:2026-01-10', sources: [...], text: '…' }
 */
export function findRoshConflict(facts: AllocationFacts): RoshConflict | null {
  const sources = roshSources(facts)
  const high = sources.filter(s => isHigh(s.level))
  const notHigh = sources.filter(s => !isHigh(s.level))
  if (high.length === 0 || notHigh.length === 0) return null
  const describe = (s: RoshSource) => `${s.label} says ${ROSH_TEXT[s.level]}`
  return {
    key: sources.map(s => `${s.kind}:${s.level}:${s.date}`).join('|'),
    sources,
    text: `The RoSH information conflicts: ${sources.map(describe).join('; ')}. A senior must decide which is right before the case is allocated.`,
  }
}

/**
 * Decides which kind of provider manages the case, with a reason for every criterion.
 *
 * Order: a RoSH conflict without a matching resolution blocks the decision; otherwise the RoSH level used is the
 * resolved one, else the latest RoSH assessment, else the RoSH flag, else the report's. The public provider takes the
 * case when any of these holds: RoSH high or very high; any active MAPPA registration (or, without one, eligibility
 * for a MAPPA category worked out from the record); RSR ≥ 6.9 %; a public-interest
 * registration; a foreign national liable to deportation; a court report proposing the public provider. Otherwise the
 * contracted provider.
 *
 * @example
 * decideProvider({ ...noFacts, rsr: { score: 7.2, date: '2026-03-01' } })
 * // { outcome: 'public', reasons: [..., { code: 'rsr_high', public: true, text: 'RSR 7.2% is at or above the 6.9% threshold' }, ...] }
 */
export function decideProvider(facts: AllocationFacts): ProviderDecision {
  const reasons: Reason[] = []
  const conflict = findRoshConflict(facts)
  const resolved =
    conflict && facts.resolution && facts.resolution.conflictKey === conflict.key ? facts.resolution : null

  // RoSH
  let roshLevel: RoshLevel | null = null
  if (conflict && !resolved) {
    reasons.push({ code: 'rosh_conflict', public: false, text: conflict.text })
  } else if (resolved) {
    roshLevel = resolved.level
    reasons.push({
      code: 'rosh_resolved',
      public: isHigh(resolved.level),
      text:
        `RoSH ${ROSH_TEXT[resolved.level]}: ${resolved.resolvedBy} resolved conflicting RoSH information on ${longDate(resolved.resolvedOn)} ` +
        `in favour of ${resolved.chosen === 'court_report' && facts.courtReport ? `the pre-sentence report of ${longDate(facts.courtReport.date)}` : SOURCE_TEXT[resolved.chosen]} (“${resolved.reason}”)` +
        (isHigh(resolved.level) ? ', so the public probation service manages the case' : ''),
    })
  } else {
    const source = roshSources(facts)[0]
    if (!source) {
      reasons.push({
        code: 'rosh_none',
        public: false,
        text: 'No RoSH level is recorded (no assessment, RoSH flag or court report level)',
      })
    } else {
      roshLevel = source.level
      reasons.push(
        isHigh(source.level)
          ? {
              code: 'rosh_high',
              public: true,
              text: `RoSH ${ROSH_TEXT[source.level]} (${source.label}): high and very high RoSH cases stay with the public probation service`,
            }
          : {
              code: 'rosh_not_high',
              public: false,
              text: `RoSH ${ROSH_TEXT[source.level]} (${source.label}): below high`,
            },
      )
    }
  }

  // The report's own level is always named once the decision is not blocked (informational: the RoSH reason above
  // carries the decision, so a report outweighed by a senior's resolution does not also point at the public provider).
  if (facts.courtReport?.roshLevel && !(conflict && !resolved)) {
    reasons.push({
      code: 'court_report_rosh',
      public: false,
      text: `Pre-sentence report of ${longDate(facts.courtReport.date)}: RoSH ${ROSH_TEXT[facts.courtReport.roshLevel]}`,
    })
  }

  // MAPPA
  if (facts.mappa?.eligibility) {
    reasons.push({
      code: 'mappa',
      public: true,
      text: `No MAPPA registration, but eligible for MAPPA category ${facts.mappa.category}: ${facts.mappa.eligibility} Every MAPPA case stays with the public probation service`,
    })
  } else if (facts.mappa) {
    const detail = [
      facts.mappa.category ? `category ${facts.mappa.category}` : null,
      facts.mappa.level ? `level ${facts.mappa.level}` : null,
    ]
      .filter(Boolean)
      .join(', ')
    reasons.push({
      code: 'mappa',
      public: true,
      text: `MAPPA registration${detail ? ` (${detail})` : ''} since ${longDate(facts.mappa.date)}: every MAPPA case stays with the public probation service`,
    })
  } else {
    reasons.push({ code: 'no_mappa', public: false, text: 'No MAPPA registration' })
  }

  // RSR
  if (!facts.rsr) {
    reasons.push({
      code: 'rsr_none',
      public: false,
      text: `No RSR score calculated (the threshold is ${RSR_THRESHOLD}%)`,
    })
  } else if (facts.rsr.score >= RSR_THRESHOLD) {
    reasons.push({
      code: 'rsr_high',
      public: true,
      text: `RSR ${facts.rsr.score}% is at or above the ${RSR_THRESHOLD}% threshold`,
    })
  } else {
    reasons.push({
      code: 'rsr_below',
      public: false,
      text: `RSR ${facts.rsr.score}% is below the ${RSR_THRESHOLD}% threshold`,
    })
  }

  // Other documented criteria: only listed when they apply.
  if (facts.publicInterest) {
    reasons.push({
      code: 'public_interest',
      public: true,
      text: `Registered as a public interest case since ${longDate(facts.publicInterest.date)}`,
    })
  }
  if (facts.liableToDeportation) {
    reasons.push({
      code: 'deportation',
      public: true,
      text: `Foreign national liable to deportation (recorded ${longDate(facts.liableToDeportation.date)})`,
    })
  }
  if (facts.courtReport?.proposedProvider === 'public') {
    reasons.push({
      code: 'court_report_proposes_public',
      public: true,
      text: `The pre-sentence report of ${longDate(facts.courtReport.date)} proposed management by the public probation service`,
    })
  }

  if (conflict && !resolved) return { outcome: 'blocked', reasons, conflict, roshLevel: null }
  if (reasons.some(r => r.public)) return { outcome: 'public', reasons, conflict: null, roshLevel }
  reasons.push({
    code: 'no_other_criterion',
    public: false,
    text: 'No criterion for the public probation service applies (public interest, deportation, court report proposal), so the contracted provider manages the case',
  })
  return { outcome: 'contracted', reasons, conflict: null, roshLevel }
}

/** No facts at all: a convenient base for callers and tests. */
export const NO_FACTS: AllocationFacts = {
  roshAssessment: null,
  roshRegistration: null,
  courtReport: null,
  mappa: null,
  rsr: null,
  publicInterest: null,
  liableToDeportation: null,
  resolution: null,
}

export const PROVIDER_KIND_TEXT: Record<ProviderKind, string> = {
  public: 'Public probation service',
  contracted: 'Contracted provider (CRC)',
}
