import { countTest, meanTest, type TestResult } from './significance.ts'

/**
 * Payment by results and fee for service (issue 19 item 3; rules-and-outcomes.md §1.2 and the May 2013 straw-man):
 * - **binary measure**: the cohort's reoffenders against the baseline, adjusted for case mix. Each person's expected
 *   probability is their predicted probability (OGRS3 two-year, or the v4 ARP) moved by the baseline's calibration
 *   (baseline rate − baseline mean predicted), so a harder cohort is expected to reoffend more. The adjusted rate is
 *   the observed rate − (cohort mean predicted − baseline mean predicted). Units of improvement are reoffenders
 *   avoided: expected reoffenders − observed;
 * - **frequency measure**: reoffences per reoffender against the baseline's; units are reoffences avoided:
 *   (baseline frequency − observed frequency) × reoffenders;
 * - a measure pays `pricePerUnit` for each unit only when the change is a significant improvement, and deducts
 *   `deductionPerUnit` for each unit only when it is a significant deterioration (two-sided, `alpha`, 5 % by
 *   default); with a binary hurdle the frequency measure pays only when the binary measure improved significantly;
 * - **subcontractors** under the prime: a fixed fee (a quarter of the annual fee each quarter), a share of the
 *   prime's results (payments and deductions alike), or results passed through only when the prime is paid (a share
 *   of a payment, never of a deduction: "unless the Prime succeeds then Tier 2/3 don't get paid");
 * - **fee for service**: the annual price in twelve equal monthly payments in arrears, adjusted for volume outside
 *   the band around the baseline volume (each case above the band paid, each case below clawed back, at the stated
 *   share of the unit price), less deductions for missed service levels.
 * Money is in whole pence, rounded half-up (away from zero for deductions).
 */

export interface CohortMemberOutcome {
  /** The predicted probability of proven reoffending, 0..1. */
  readonly predicted: number
  /** Proven reoffences counted for them (0: did not reoffend). */
  readonly reoffences: number
}

export interface PbrTerms {
  readonly baseline: { readonly binaryRate: number; readonly meanPredicted: number; readonly frequency: number }
  readonly binary: { readonly pricePerUnit: number; readonly deductionPerUnit: number } | null
  readonly frequency: { readonly pricePerUnit: number; readonly deductionPerUnit: number } | null
  /** The frequency measure pays only when the binary measure improved significantly. */
  readonly binaryHurdle: boolean
  /** Significance level, two-sided; 0.05 unless the contract says otherwise. */
  readonly alpha: number
}

export type Verdict = 'improvement' | 'deterioration' | 'no significant change'

export interface MeasureResult extends TestResult {
  readonly observed: number
  readonly expected: number
  /** Positive: reoffenders (binary) or reoffences (frequency) avoided. */
  readonly units: number
  readonly verdict: Verdict
  /** Pence: positive a payment, negative a deduction, 0 when not significant or not priced. */
  readonly amount: number
}

export interface PbrResult {
  readonly cohortSize: number
  readonly reoffenders: number
  readonly reoffences: number
  readonly meanPredicted: number
  readonly binary: MeasureResult & { readonly adjustedRate: number }
  readonly frequency: MeasureResult
  /** Pence, payments less deductions. */
  readonly total: number
}

const clamp = (p: number) => Math.min(0.999, Math.max(0.001, p))

/**
 * Pence rounded half away from zero.
 *
 * @example
 * pence(1234.5) // 1235
 * pence(-1234.5) // -1235
 */
export function pence(amount: number): number {
  return Math.sign(amount) * Math.round(Math.abs(amount) + 1e-9)
}

function verdictOf(test: TestResult, units: number): Verdict {
  if (!test.significant || units === 0) return 'no significant change'
  return units > 0 ? 'improvement' : 'deterioration'
}

function priced(verdict: Verdict, units: number, price: PbrTerms['binary']): number {
  if (!price || verdict === 'no significant change') return 0
  return verdict === 'improvement' ? pence(units * price.pricePerUnit) : pence(units * price.deductionPerUnit)
}

function binaryMeasure(members: readonly CohortMemberOutcome[], terms: PbrTerms) {
  const n = members.length
  const observed = members.filter(m => m.reoffences > 0).length
  const meanPredicted = n ? members.reduce((s, m) => s + m.predicted, 0) / n : 0
  const shift = terms.baseline.binaryRate - terms.baseline.meanPredicted
  const expectedEach = members.map(m => clamp(m.predicted + shift))
  const expected = expectedEach.reduce((s, p) => s + p, 0)
  const test = countTest(observed, expectedEach, terms.alpha)
  const units = expected - observed
  const verdict = verdictOf(test, units)
  const adjustedRate = n ? observed / n - (meanPredicted - terms.baseline.meanPredicted) : 0
  return {
    meanPredicted,
    measure: {
      ...test,
      observed,
      expected,
      units,
      verdict,
      amount: priced(verdict, units, terms.binary),
      adjustedRate,
    },
  }
}

function frequencyMeasure(members: readonly CohortMemberOutcome[], terms: PbrTerms, binary: Verdict): MeasureResult {
  const counts = members.filter(m => m.reoffences > 0).map(m => m.reoffences)
  const observed = counts.length ? counts.reduce((s, c) => s + c, 0) / counts.length : 0
  const test = meanTest(counts, terms.baseline.frequency, terms.alpha)
  const units = (terms.baseline.frequency - observed) * counts.length
  const verdict = verdictOf(test, units)
  const blocked = terms.binaryHurdle && verdict === 'improvement' && binary !== 'improvement'
  return {
    ...test,
    observed,
    expected: terms.baseline.frequency,
    units,
    verdict,
    amount: blocked ? 0 : priced(verdict, units, terms.frequency),
  }
}

/**
 * The cohort's payment by results under the contract's terms.
 *
 * @example
 * paymentByResults(members, { baseline: { binaryRate: 0.45, meanPredicted: 0.45, frequency: 3 },
 *   binary: { pricePerUnit: 150_000, deductionPerUnit: 150_000 }, frequency: null, binaryHurdle: false, alpha: 0.05 })
 * // { binary: { verdict: 'improvement', units: 12.5, amount: 1_875_000 }, total: 1_875_000, … }
 */
export function paymentByResults(members: readonly CohortMemberOutcome[], terms: PbrTerms): PbrResult {
  const { meanPredicted, measure: binary } = binaryMeasure(members, terms)
  const frequency = frequencyMeasure(members, terms, binary.verdict)
  return {
    cohortSize: members.length,
    reoffenders: binary.observed,
    reoffences: members.reduce((s, m) => s + m.reoffences, 0),
    meanPredicted,
    binary,
    frequency,
    total: binary.amount + frequency.amount,
  }
}

export type SubcontractorTerms =
  | { readonly kind: 'fixed_fee'; readonly annualFee: number }
  | { readonly kind: 'share_of_results'; readonly share: number }
  | { readonly kind: 'pass_through_if_prime_paid'; readonly share: number }

/**
 * What a subcontractor receives for a quarter from the prime's results (pence; negative: a deduction passed down).
 *
 * @example
 * subcontractorQuarter({ kind: 'pass_through_if_prime_paid', share: 0.2 }, -500_000) // 0
 * subcontractorQuarter({ kind: 'share_of_results', share: 0.2 }, -500_000) // -100_000
 */
export function subcontractorQuarter(terms: SubcontractorTerms, primeResults: number): number {
  switch (terms.kind) {
    case 'fixed_fee':
      return pence(terms.annualFee / 4)
    case 'share_of_results':
      return pence(primeResults * terms.share)
    case 'pass_through_if_prime_paid':
      return primeResults > 0 ? pence(primeResults * terms.share) : 0
  }
}

export interface FeeForServiceTerms {
  /** Pence a year, paid in twelve equal monthly payments in arrears. */
  readonly annualPrice: number
  /** Cases expected in a year; the unit price is the annual price ÷ this. */
  readonly baselineVolume: number
  /** The band around the (period's share of the) baseline volume with no adjustment, e.g. 0.1 for ±10 %. */
  readonly band: number
  /** Share of the unit price paid for each case above the band, and clawed back for each below. */
  readonly aboveShare: number
  readonly belowShare: number
  /** Pence deducted for each service level missed in the period. */
  readonly serviceLevelDeductions: Readonly<Record<string, number>>
}

export interface FeeForServiceResult {
  readonly monthlyPayments: readonly number[]
  readonly expectedVolume: number
  readonly band: { readonly from: number; readonly to: number }
  readonly volumeAdjustment: number
  readonly deductions: readonly { readonly serviceLevel: string; readonly amount: number }[]
  readonly total: number
}

/**
 * Fee for service for `months` months (a quarter: 3) with `volume` cases and the service levels missed.
 *
 * @example
 * feeForService({ annualPrice: 12_000_000, baselineVolume: 1000, band: 0.1, aboveShare: 0.5, belowShare: 0.3,
 *   serviceLevelDeductions: { SL001: 50_000 } }, 3, 300, ['SL001'])
 * // monthly 1,000,000 ×3; band 225–275 cases; 25 above → +150,000; SL001 −50,000; total 3,100,000
 */
export function feeForService(
  terms: FeeForServiceTerms,
  months: number,
  volume: number,
  missed: readonly string[],
): FeeForServiceResult {
  const monthly = pence(terms.annualPrice / 12)
  const monthlyPayments = Array.from({ length: months }, () => monthly)
  const expectedVolume = (terms.baselineVolume * months) / 12
  const band = { from: expectedVolume * (1 - terms.band), to: expectedVolume * (1 + terms.band) }
  const unitPrice = terms.annualPrice / terms.baselineVolume
  const volumeAdjustment =
    volume > band.to
      ? pence((volume - band.to) * unitPrice * terms.aboveShare)
      : volume < band.from
        ? pence((volume - band.from) * unitPrice * terms.belowShare)
        : 0
  const deductions = missed
    .filter(code => terms.serviceLevelDeductions[code] !== undefined)
    .map(code => ({ serviceLevel: code, amount: -(terms.serviceLevelDeductions[code] ?? 0) }))
  const total =
    monthlyPayments.reduce((s, m) => s + m, 0) + volumeAdjustment + deductions.reduce((s, d) => s + d.amount, 0)
  return { monthlyPayments, expectedVolume, band, volumeAdjustment, deductions, total }
}
