import { LocalDate } from '@js-joda/core'
import type { PeopleTable, RoshLevelColumn } from '../../db/schema.ts'
import {
  calculateOgp,
  calculateOgrs3,
  calculateOvp,
  calculateRsr,
  riskInputsFromRecord,
  ValidationError as RiskValidationError,
  type FieldError as RiskFieldError,
  type RecordedEvent,
  type RecordedRiskInputs,
  type RiskInputs,
} from '../../domain/risk/index.ts'
import {
  calculateArp,
  calculateCsrp,
  calculateVrp,
  DRUG_FIELDS,
  type DrugField,
  type V4Inputs,
  type V4Result,
} from '../../domain/risk/v4/index.ts'
import {
  calculateTierV2,
  calculateTierV3,
  NEEDS,
  ValidationError as TierValidationError,
  type Conviction,
  type DcSrpScore,
  type PredictorScore,
  type Registration,
  type RoshLevel,
  type TierV2Inputs,
  type TierV3Inputs,
} from '../../domain/tier/index.ts'
import { summariseRegistrations } from '../../domain/tier/index.ts'
import { INPUT_LABELS, type AssessmentItems, type SentenceType } from './items.ts'
import { MAPPA_CODE, ROSH_REGISTER_CODE } from './registration-types.ts'

/**
 * Pure: everything Probity knows about one person's risk in, every predictor and tier that can be calculated out,
 * each with the algorithm, version, input snapshot and the engine's own output and explanation. What cannot be
 * calculated comes back as the inputs it needs, never as an error.
 */

/** What the record holds that the predictors and tiers read. Loaded by `loadRiskFacts`. */
export interface RiskFacts {
  personId: number
  dateOfBirth: string
  gender: PeopleTable['gender']
  /** The current (latest) RoSH assessment. */
  rosh: { assessmentDate: string; overall: RoshLevelColumn } | null
  /** Active (not deregistered) registrations. */
  registrations: { typeCode: string; mappaCategory: number | null; mappaLevel: number | null; registeredDate: string }[]
  /** The latest recording of the assessment items. */
  items: { version: number; assessmentDate: string; items: AssessmentItems } | null
  /** The record's events (convictions) with their offences and sentences: what the record knows of the inputs. */
  events: RecordedEvent[]
  /** In custody now (case status), null when the record does not say. */
  inCustody: boolean | null
}

/** The items the record fills (src/domain/risk `riskInputsFromRecord`): never asked while the record has them. */
export const RECORD_ITEMS = [
  'dateOfCurrentConviction',
  'currentOffenceCode',
  'dateAtStartOfFollowup',
  'sentenceType',
  'supervisionStatus',
  'totalNumberOfSanctionsForAllOffences',
  'totalNumberOfViolentSanctions',
  'dateOfFirstSanction',
] as const satisfies readonly (keyof AssessmentItems & keyof RecordedRiskInputs)[]

/** What the record gives one person on `today`, each input with its source. */
export function fromRecord(facts: RiskFacts, today: LocalDate): RecordedRiskInputs {
  return riskInputsFromRecord(facts.events, { inCustody: facts.inCustody }, today)
}

/**
 * The assessment items with what the record knows filled in: the record wins over an answer typed before it knew
 * (it is the source; the form no longer asks). Dates as ISO strings, as the items store them.
 *
 * @example
 * itemsWithRecord(facts, LocalDate.parse('2026-11-20')).currentOffenceCode // '10400', from event 1's main offence
 */
export function itemsWithRecord(facts: RiskFacts, today: LocalDate): AssessmentItems {
  const items: Record<string, unknown> = { ...(facts.items?.items ?? {}) }
  const record = fromRecord(facts, today) as Record<string, { value: unknown } | undefined>
  for (const key of RECORD_ITEMS) {
    const known = record[key]
    if (known) items[key] = known.value instanceof LocalDate ? known.value.toString() : known.value
  }
  return items as AssessmentItems
}

/** The v1 predictors, then the OASys v4 family (issue 20), in the order the Risk page shows them. */
export const PREDICTOR_NAMES = [
  'RSR',
  'OGRS3',
  'OGP',
  'OVP',
  'ARP',
  'VRP',
  'SVRP',
  'CSRP',
  'DC-SRP',
  'IIC-SRP',
] as const
/** The OASys v4 predictors among them. */
export const V4_PREDICTOR_NAMES: readonly PredictorName[] = ['ARP', 'VRP', 'SVRP', 'CSRP', 'DC-SRP', 'IIC-SRP']
export type PredictorName = (typeof PREDICTOR_NAMES)[number]

export interface Calculated {
  algorithm: string
  version: string
  /** Score (percent) and band for predictors; tier text for tiers. */
  score: number | null
  band: string | null
  /** v4 ARP/VRP/SVRP/CSRP: which model scored it (CSRP: its SVRP's); null for single-model predictors and tiers. */
  scoreType?: 'STATIC' | 'DYNAMIC' | null
  tier: string | null
  inputs: unknown
  output: unknown
}

export interface Outcome {
  /** Display name: a predictor name or `Tier v2` / `Tier v3`. */
  name: string
  result: Calculated | null
  /** Inputs that were not recorded, in words: shown as "needs: …". */
  needs: string[]
  /** Recorded inputs that the engine refused (e.g. an offence code with no OGRS3 weight). */
  problems: string[]
}

export interface RiskOutcome {
  personId: number
  predictors: Outcome[]
  tiers: Outcome[]
}

const date = (iso: string | null | undefined) => (iso ? LocalDate.parse(iso) : null)

/**
 * The predictors' inputs: date of birth and gender from the person, convictions and sentences from the record
 * (`itemsWithRecord`), the rest from the assessment items.
 */
export function riskInputsOf(facts: RiskFacts, today: LocalDate): V4Inputs {
  const i: AssessmentItems = itemsWithRecord(facts, today)
  const drugs = i.drugsMisused
  const drugFlags: Partial<Record<DrugField, boolean>> = {}
  if (Array.isArray(drugs)) for (const f of DRUG_FIELDS) drugFlags[f] = drugs.includes(f)
  return {
    ...drugFlags,
    currentRelationshipStatus: i.currentRelationshipStatus ?? null,
    gender: facts.gender === 'male' ? 'MALE' : facts.gender === 'female' ? 'FEMALE' : null,
    dateOfBirth: LocalDate.parse(facts.dateOfBirth),
    assessmentDate: date(facts.items?.assessmentDate),
    dateOfCurrentConviction: date(i.dateOfCurrentConviction),
    dateAtStartOfFollowup: date(i.dateAtStartOfFollowup),
    totalNumberOfSanctionsForAllOffences: i.totalNumberOfSanctionsForAllOffences,
    totalNumberOfViolentSanctions: i.totalNumberOfViolentSanctions,
    dateOfFirstSanction: date(i.dateOfFirstSanction),
    currentOffenceCode: i.currentOffenceCode,
    supervisionStatus: i.supervisionStatus,
    isCurrentlyOfNoFixedAbodeOrTransientAccommodation: i.isCurrentlyOfNoFixedAbodeOrTransientAccommodation,
    isUnemployed: i.isUnemployed,
    regularOffendingActivities: i.regularOffendingActivities as RiskInputs['regularOffendingActivities'],
    currentDrugMisuse: i.currentDrugMisuse as RiskInputs['currentDrugMisuse'],
    motivationToTackleDrugMisuse: i.motivationToTackleDrugMisuse as RiskInputs['motivationToTackleDrugMisuse'],
    problemSolvingSkills: i.problemSolvingSkills as RiskInputs['problemSolvingSkills'],
    awarenessOfConsequences: i.awarenessOfConsequences as RiskInputs['awarenessOfConsequences'],
    understandsOtherPeoplesViews: i.understandsOtherPeoplesViews as RiskInputs['understandsOtherPeoplesViews'],
    proCriminalAttitudes: i.proCriminalAttitudes as RiskInputs['proCriminalAttitudes'],
    doesRecogniseImpactOfOffendingOnOthers: i.doesRecogniseImpactOfOffendingOnOthers,
    currentAlcoholUseProblems: i.currentAlcoholUseProblems as RiskInputs['currentAlcoholUseProblems'],
    excessiveAlcoholUse: i.excessiveAlcoholUse as RiskInputs['excessiveAlcoholUse'],
    hasCurrentPsychiatricTreatment: i.hasCurrentPsychiatricTreatment,
    temperControl: i.temperControl as RiskInputs['temperControl'],
    impulsivityProblems: i.impulsivityProblems as RiskInputs['impulsivityProblems'],
    didOffenceInvolveCarryingOrUsingWeapon: i.didOffenceInvolveCarryingOrUsingWeapon,
    suitabilityOfAccommodation: i.suitabilityOfAccommodation as RiskInputs['suitabilityOfAccommodation'],
    currentRelationshipWithPartner: i.currentRelationshipWithPartner as RiskInputs['currentRelationshipWithPartner'],
    evidenceOfDomesticAbuse: i.evidenceOfDomesticAbuse,
    domesticAbuseAgainstPartner: i.domesticAbuseAgainstPartner,
    previousConvictions: i.previousConvictions,
    hasEverCommittedSexualOffence: i.hasEverCommittedSexualOffence,
    isCurrentOffenceSexuallyMotivated: i.isCurrentOffenceSexuallyMotivated,
    totalContactAdultSexualSanctions: i.totalContactAdultSexualSanctions,
    totalContactChildSexualSanctions: i.totalContactChildSexualSanctions,
    totalNonContactSexualOffences: i.totalNonContactSexualOffences,
    totalIndecentImageSanctions: i.totalIndecentImageSanctions,
    dateOfMostRecentSexualOffence: date(i.dateOfMostRecentSexualOffence),
    isCurrentOffenceAgainstVictimStranger: i.isCurrentOffenceAgainstVictimStranger,
  }
}

/** Splits an engine's refusal into what was not recorded ("needs") and what was recorded but refused. */
function explainRefusal(errors: readonly RiskFieldError[]): { needs: string[]; problems: string[] } {
  const needs: string[] = []
  const problems: string[] = []
  for (const e of errors) {
    const label = INPUT_LABELS[e.field] ?? e.field
    if (e.code === 'MISSING_MANDATORY_INPUT' || e.message === 'is required') {
      if (!needs.includes(label)) needs.push(label)
    } else {
      const text = `${label}: ${e.message}`
      if (!problems.includes(text)) problems.push(text)
    }
  }
  return { needs, problems }
}

function predictor(
  name: PredictorName,
  run: () => { version: string; score: number; band: string; explanation: { inputs: Record<string, unknown> } },
): Outcome {
  try {
    const r = run()
    return {
      name,
      result: {
        algorithm: name,
        version: r.version,
        score: r.score,
        band: r.band,
        tier: null,
        inputs: r.explanation.inputs,
        output: r,
      },
      needs: [],
      problems: [],
    }
  } catch (e) {
    if (!(e instanceof RiskValidationError)) throw e
    return { name, result: null, ...explainRefusal(e.errors) }
  }
}

const SENTENCE_CONVICTIONS: Record<SentenceType, Conviction[]> = {
  // NC/SC are the custodial sentence codes tier v2 looks for (§9.1); F is a rehabilitative (non-restrictive)
  // requirement, W unpaid work, which gives no mandate for change.
  CUSTODY: [{ sentenceCode: 'SC', terminated: false, requirements: [] }],
  COMMUNITY_REHABILITATIVE: [
    { sentenceCode: 'SP', terminated: false, requirements: [{ mainCategoryTypeCode: 'F', restrictive: false }] },
  ],
  COMMUNITY_OTHER: [
    { sentenceCode: 'SP', terminated: false, requirements: [{ mainCategoryTypeCode: 'W', restrictive: false }] },
  ],
  NONE: [],
}

/**
 * The registrations the tiers read: the active registrations, plus the current RoSH assessment as the RoSH
 * register entry it implies (RHRH for high …), dated on the assessment, listed first so that on the same date the
 * assessment wins over an older-style RoSH flag.
 */
export function tierRegistrations(facts: RiskFacts): Registration[] {
  const regs: Registration[] = []
  if (facts.rosh)
    regs.push({ code: ROSH_REGISTER_CODE[facts.rosh.overall], date: LocalDate.parse(facts.rosh.assessmentDate) })
  for (const r of facts.registrations) {
    regs.push({
      code: r.typeCode,
      level: r.typeCode === MAPPA_CODE && r.mappaLevel ? `M${r.mappaLevel}` : null,
      date: LocalDate.parse(r.registeredDate),
    })
  }
  return regs
}

/**
 * Calculates every predictor and both tiers for one person. `today` is the tiers' calculation date; predictors are
 * calculated as at the assessment items' date, so recalculating unchanged items gives the same scores.
 *
 * @example
 * calculateRisk(facts, LocalDate.parse('2026-11-22')).tiers[0].result?.tier // 'B1'
 */
export function calculateRisk(facts: RiskFacts, today: LocalDate): RiskOutcome {
  const inputs = riskInputsOf(facts, today)
  const rsr = predictor('RSR', () => {
    const r = calculateRsr(inputs)
    return { ...r, score: r.overallScore }
  })
  const ogrs3 = predictor('OGRS3', () => {
    const r = calculateOgrs3(inputs)
    return { ...r, score: r.twoYearPercent }
  })
  const ogp = predictor('OGP', () => {
    const r = calculateOgp(inputs)
    return { ...r, score: r.twoYearPercent }
  })
  const ovp = predictor('OVP', () => {
    const r = calculateOvp(inputs)
    return { ...r, score: r.twoYearPercent }
  })
  const v4 = v4Predictors(inputs)
  return {
    personId: facts.personId,
    predictors: [rsr, ogrs3, ogp, ovp, ...v4],
    tiers: calculateTiers(
      facts,
      { rsr: rsr.result?.score ?? null, ogrs3: ogrs3.result?.score ?? null, ...v4TierScores(v4) },
      today,
    ),
  }
}

/** The scores the tiers read: RSR and OGRS3 (tier v2); ARP, CSRP and DC-SRP (tier v3), calculated or stored. */
export interface TierScores {
  rsr: number | null
  ogrs3: number | null
  arp?: PredictorScore | null
  csrp?: PredictorScore | null
  dcSrp?: DcSrpScore | null
}

/** What is stored of a v4 result: everything but `featureValues`, which repeat the explanation's terms. */
function leanV4(r: V4Result): Omit<V4Result, 'featureValues'> {
  const { featureValues: _repeated, ...rest } = r
  return rest
}

function v4Outcome(name: PredictorName, run: () => V4Result, output: (r: V4Result) => unknown = leanV4): Outcome {
  try {
    const r = run()
    const scoreType = r.scoreType === 'COMBINED' ? (r as { svrpType?: 'STATIC' | 'DYNAMIC' }).svrpType : r.scoreType
    return {
      name,
      result: {
        algorithm: name,
        version: r.version,
        score: r.score,
        band: r.band,
        scoreType: name === 'DC-SRP' || name === 'IIC-SRP' ? null : (scoreType ?? null),
        tier: null,
        inputs: r.explanation.inputs,
        output: output(r),
      },
      needs: [],
      problems: [],
    }
  } catch (e) {
    if (!(e instanceof RiskValidationError)) throw e
    return { name, result: null, ...explainRefusal(e.errors) }
  }
}

/**
 * The OASys v4 predictors from the same inputs (risk-and-tier.md §7): ARP, VRP, then CSRP with its components SVRP,
 * DC-SRP and IIC-SRP, each an outcome of its own. CSRP's stored output keeps its components' summaries only.
 *
 * @example
 * v4Predictors(riskInputsOf(facts, today)).map(o => o.name) // ['ARP', 'VRP', 'SVRP', 'CSRP', 'DC-SRP', 'IIC-SRP']
 */
export function v4Predictors(inputs: V4Inputs): Outcome[] {
  const arp = v4Outcome('ARP', () => calculateArp(inputs))
  const vrp = v4Outcome('VRP', () => calculateVrp(inputs))
  let csrp: ReturnType<typeof calculateCsrp> | undefined
  const combined = v4Outcome(
    'CSRP',
    () => (csrp = calculateCsrp(inputs)),
    r => {
      const { svrp, dcSrp, iicSrp, featureValues: _repeated, ...rest } = r as ReturnType<typeof calculateCsrp>
      const summary = (c: V4Result) => ({ score: c.score, band: c.band, scoreType: c.scoreType })
      return { ...rest, components: { svrp: summary(svrp), dcSrp: summary(dcSrp), iicSrp: summary(iicSrp) } }
    },
  )
  if (!csrp) {
    // CSRP refused: say what each component needs on its own.
    return [
      arp,
      vrp,
      { ...combined, name: 'SVRP' },
      combined,
      { ...combined, name: 'DC-SRP' },
      { ...combined, name: 'IIC-SRP' },
    ]
  }
  const c = csrp as ReturnType<typeof calculateCsrp>
  return [
    arp,
    vrp,
    v4Outcome('SVRP', () => c.svrp),
    combined,
    v4Outcome('DC-SRP', () => c.dcSrp),
    v4Outcome('IIC-SRP', () => c.iicSrp),
  ]
}

/** What tier v3 reads from freshly calculated v4 predictors. */
function v4TierScores(v4: Outcome[]): Pick<TierScores, 'arp' | 'csrp' | 'dcSrp'> {
  const of = (name: string) => v4.find(o => o.name === name)?.result ?? null
  const typed = (r: Calculated | null): PredictorScore | null =>
    r && r.score !== null && r.scoreType ? { score: r.score, type: r.scoreType } : null
  const dc = of('DC-SRP')
  return {
    arp: typed(of('ARP')),
    csrp: typed(of('CSRP')),
    dcSrp: dc ? { score: dc.score, band: dc.band as DcSrpScore['band'] } : null,
  }
}

/**
 * The assessment items the tiers read (the rest feed only the predictors). The nightly recalculation reads just
 * these for people whose stored predictor scores it reuses; its tests fail if a tier starts reading another item.
 */
export const TIER_ITEMS = [
  'sentenceType',
  'needs',
  'previousEnforcementActivity',
  'impulsivityProblems',
  'temperControl',
  'parentingResponsibilities',
  'latestReleaseDate',
  'arpPercent',
  'arpType',
  'csrpPercent',
  'csrpType',
  'dcSrpPercent',
  'dcSrpBand',
  'hasEverCommittedSexualOffence',
] as const satisfies readonly (keyof AssessmentItems)[]

/**
 * Both tiers from the facts and the RSR and OGRS3 scores (calculated just now, or stored: predictors are calculated
 * as at the assessment items' date, so a stored score stays right until its inputs change, while tiers depend on
 * `today`). `calculateRisk` calls it with fresh scores; the nightly recalculation with stored ones.
 *
 * @example
 * calculateTiers(facts, { rsr: 3.1, ogrs3: 41 }, LocalDate.parse('2026-12-03'))[0].result?.tier // 'C2'
 */
export function calculateTiers(facts: RiskFacts, scores: TierScores, today: LocalDate): Outcome[] {
  const items: AssessmentItems = itemsWithRecord(facts, today)
  const registrations = tierRegistrations(facts)
  return [
    tierV2(facts, items, registrations, scores.rsr, scores.ogrs3, today),
    tierV3(facts, items, registrations, scores, today),
  ]
}

function tierV2(
  facts: RiskFacts,
  items: AssessmentItems,
  registrations: Registration[],
  rsr: number | null,
  ogrs: number | null,
  today: LocalDate,
): Outcome {
  const needs: string[] = []
  if (!items.sentenceType) needs.push('current sentence (without it there is no mandate for change)')
  if (rsr === null) needs.push('RSR score (treated as 0)')
  if (ogrs === null) needs.push('OGRS3 score (treated as 0)')
  const answeredNeeds = Object.entries(items.needs ?? {}).filter(([, v]) => v)
  if (answeredNeeds.length === 0) needs.push('needs from the OASys assessment (without them: no valid assessment)')
  const inputs: TierV2Inputs = {
    gender: facts.gender === 'male' ? 'Male' : facts.gender === 'female' ? 'Female' : 'Not known',
    rsr,
    ogrs,
    registrations,
    convictions: SENTENCE_CONVICTIONS[items.sentenceType ?? 'NONE'],
    previousEnforcementActivity: items.previousEnforcementActivity === true,
    assessment:
      answeredNeeds.length === 0
        ? null
        : {
            needs: Object.fromEntries(NEEDS.filter(n => items.needs?.[n]).map(n => [n, items.needs?.[n]])),
            womenFactors: {
              IMPULSIVITY: items.impulsivityProblems ?? null,
              TEMPER_CONTROL: items.temperControl ?? null,
              PARENTING_RESPONSIBILITIES:
                items.parentingResponsibilities === undefined || items.parentingResponsibilities === null
                  ? null
                  : items.parentingResponsibilities
                    ? 'YES'
                    : 'NO',
            },
          },
  }
  try {
    const r = calculateTierV2(inputs, today)
    return {
      name: 'Tier v2',
      result: {
        algorithm: r.algorithm.name,
        version: r.algorithm.version,
        score: null,
        band: null,
        tier: r.tierScore,
        inputs,
        output: r,
      },
      needs,
      problems: [],
    }
  } catch (e) {
    if (!(e instanceof TierValidationError)) throw e
    return { name: 'Tier v2', result: null, needs, problems: e.errors.map(x => `${x.field}: ${x.message}`) }
  }
}

const ROSH_V3: Record<string, RoshLevel> = { VERY_HIGH: 'VERY_HIGH', HIGH: 'HIGH', MEDIUM: 'MEDIUM', LOW: 'LOW' }

/**
 * Tier v3's ARP, CSRP and DC-SRP: the v4 predictors Probity calculated when it could, otherwise the scores copied from
 * an OASys assessment into the items (kept for people whose inputs Probity lacks).
 */
function tierV3Predictors(items: AssessmentItems, scores: TierScores): Pick<TierV3Inputs, 'arp' | 'csrp' | 'dcSrp'> {
  const entered = {
    arp: items.arpPercent != null && items.arpType ? { score: items.arpPercent, type: items.arpType } : null,
    csrp: items.csrpPercent != null && items.csrpType ? { score: items.csrpPercent, type: items.csrpType } : null,
    dcSrp:
      items.dcSrpPercent != null || items.dcSrpBand
        ? { score: items.dcSrpPercent ?? null, band: items.dcSrpBand ?? null }
        : null,
  }
  return {
    arp: scores.arp ?? entered.arp,
    csrp: scores.csrp ?? entered.csrp,
    dcSrp: scores.dcSrp ?? entered.dcSrp,
  }
}

function tierV3(
  facts: RiskFacts,
  items: AssessmentItems,
  registrations: Registration[],
  scores: TierScores,
  today: LocalDate,
): Outcome {
  if (!items.sentenceType) return { name: 'Tier v3', result: null, needs: ['current sentence'], problems: [] }
  const summary = summariseRegistrations(registrations)
  const codes = new Set(facts.registrations.map(r => r.typeCode))
  const inputs: TierV3Inputs = {
    hasActiveEvent: items.sentenceType !== 'NONE',
    mappaPresent: facts.registrations.some(r => r.typeCode === MAPPA_CODE && r.mappaCategory !== null),
    rosh: summary.rosh ? ROSH_V3[summary.rosh.level] : null,
    hasLiferIpp: codes.has('INLL'),
    latestReleaseDate: date(items.latestReleaseDate),
    hasDomesticAbuse: codes.has('ADVP') || codes.has('REG30'),
    hasStalking: codes.has('SPO'),
    hasChildProtection: codes.has('RCPR'),
    ...tierV3Predictors(items, scores),
    everCommittedSexualOffence: items.hasEverCommittedSexualOffence === true,
  }
  const needs: string[] = []
  if (inputs.hasActiveEvent && !inputs.arp) needs.push(INPUT_LABELS.arp)
  if (inputs.hasActiveEvent && !inputs.csrp) needs.push(INPUT_LABELS.csrp)
  if (inputs.hasActiveEvent && !inputs.rosh) needs.push('RoSH assessment (without it the tier may be provisional)')
  try {
    const r = calculateTierV3(inputs, today)
    return {
      name: 'Tier v3',
      result: {
        algorithm: r.algorithm.name,
        version: r.algorithm.version,
        score: null,
        band: null,
        tier: r.tier,
        inputs,
        output: r,
      },
      needs,
      problems: [],
    }
  } catch (e) {
    if (!(e instanceof TierValidationError)) throw e
    return { name: 'Tier v3', result: null, needs, problems: e.errors.map(x => `${x.field}: ${x.message}`) }
  }
}
