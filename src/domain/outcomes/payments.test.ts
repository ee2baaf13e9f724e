import { describe, expect, it } from 'vitest'
import {
  feeForService,
  paymentByResults,
  subcontractorQuarter,
  type CohortMemberOutcome,
  type PbrTerms,
} from './payments.ts'
import { countTest, meanTest, normalCdf, twoSidedP } from './significance.ts'

/** `reoffenders` of `size` people, each predicted `predicted`, reoffenders with `counts` reoffences in turn. */
function cohort(size: number, reoffenders: number, predicted: number, counts: number[] = [1]): CohortMemberOutcome[] {
  return Array.from({ length: size }, (_, i) => ({
    predicted,
    reoffences: i < reoffenders ? counts[i % counts.length]! : 0,
  }))
}
const terms: PbrTerms = {
  baseline: { binaryRate: 0.45, meanPredicted: 0.45, frequency: 3 },
  binary: { pricePerUnit: 150_000, deductionPerUnit: 100_000 },
  frequency: { pricePerUnit: 20_000, deductionPerUnit: 20_000 },
  binaryHurdle: false,
  alpha: 0.05,
}

describe('the significance tests', () => {
  it('has the normal distribution’s quantiles', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7)
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6)
    expect(normalCdf(-1.644854)).toBeCloseTo(0.05, 6)
    expect(twoSidedP(1.959964)).toBeCloseTo(0.05, 6)
  })

  it('tests a count of reoffenders against each person’s probability', () => {
    // 200 people at 0.45: mean 90, variance 49.5; 70 is z = −2.843.
    const t = countTest(70, Array(200).fill(0.45), 0.05)
    expect(t.z).toBeCloseTo(-2.8427, 3)
    expect(t.pValue).toBeCloseTo(0.00447, 4)
    expect(t.significant).toBe(true)
    expect(countTest(85, Array(200).fill(0.45), 0.05).significant).toBe(false)
  })

  it('tests a mean number of reoffences against the baseline, never on one value', () => {
    const counts = [...Array(50).fill(2), ...Array(20).fill(3)]
    expect(meanTest(counts, 3, 0.05)).toMatchObject({ significant: true })
    expect(meanTest(counts, 3, 0.05).z).toBeCloseTo(-13.13, 1)
    expect(meanTest([1], 3, 0.05).significant).toBe(false)
  })
})

describe('payment by results', () => {
  it('pays for each reoffender avoided when the binary rate fell significantly', () => {
    const r = paymentByResults(cohort(200, 70, 0.45), { ...terms, frequency: null })
    expect(r.binary).toMatchObject({ observed: 70, verdict: 'improvement', amount: 3_000_000 })
    expect(r.binary.expected).toBeCloseTo(90, 9)
    expect(r.binary.units).toBeCloseTo(20, 9)
    expect(r.total).toBe(3_000_000)
  })

  it('adjusts for case mix: an easier cohort is expected to reoffend less', () => {
    const r = paymentByResults(cohort(200, 70, 0.35), { ...terms, frequency: null })
    expect(r.binary.expected).toBeCloseTo(70, 9)
    expect(r.binary.adjustedRate).toBeCloseTo(0.45, 9)
    expect(r.binary).toMatchObject({ verdict: 'no significant change', amount: 0 })
  })

  it('deducts for each extra reoffender when the binary rate rose significantly', () => {
    const r = paymentByResults(cohort(200, 110, 0.45), { ...terms, frequency: null })
    expect(r.binary).toMatchObject({ verdict: 'deterioration', amount: -2_000_000 })
  })

  it('pays nothing for a change that is not significant', () => {
    const r = paymentByResults(cohort(200, 85, 0.45), { ...terms, frequency: null })
    expect(r.binary).toMatchObject({ verdict: 'no significant change', amount: 0 })
    expect(r.binary.units).toBeCloseTo(5, 9)
  })

  it('pays for each reoffence avoided per reoffender on the frequency measure', () => {
    // 70 reoffenders: 50 with 2 reoffences and 20 with 3 (160 in all) against 3 each: 50 reoffences avoided.
    const members = cohort(200, 70, 0.45, [2, 2, 2, 2, 2, 3, 3, 2, 2, 3, 2, 2, 3, 2])
    const r = paymentByResults(members, terms)
    expect(r.reoffences).toBe(160)
    expect(r.frequency.observed).toBeCloseTo(160 / 70, 9)
    expect(r.frequency.units).toBeCloseTo(50, 9)
    expect(r.frequency).toMatchObject({ verdict: 'improvement', amount: 1_000_000 })
    expect(r.total).toBe(4_000_000)
  })

  it('holds back the frequency payment behind a binary hurdle that was not cleared', () => {
    const members = cohort(200, 85, 0.45, [2, 2, 2, 3])
    expect(paymentByResults(members, terms).frequency.amount).toBeGreaterThan(0)
    expect(paymentByResults(members, { ...terms, binaryHurdle: true }).frequency.amount).toBe(0)
  })
})

describe('subcontractors under the prime', () => {
  it('pays a fixed fee by quarter whatever the results', () => {
    expect(subcontractorQuarter({ kind: 'fixed_fee', annualFee: 400_000 }, -2_000_000)).toBe(100_000)
  })

  it('shares the prime’s results, deductions included', () => {
    expect(subcontractorQuarter({ kind: 'share_of_results', share: 0.2 }, 3_000_000)).toBe(600_000)
    expect(subcontractorQuarter({ kind: 'share_of_results', share: 0.2 }, -2_000_000)).toBe(-400_000)
  })

  it('passes results through only when the prime is paid', () => {
    expect(subcontractorQuarter({ kind: 'pass_through_if_prime_paid', share: 0.2 }, 3_000_000)).toBe(600_000)
    expect(subcontractorQuarter({ kind: 'pass_through_if_prime_paid', share: 0.2 }, -2_000_000)).toBe(0)
    expect(subcontractorQuarter({ kind: 'pass_through_if_prime_paid', share: 0.2 }, 0)).toBe(0)
  })
})

describe('fee for service', () => {
  const ffs = {
    annualPrice: 12_000_000,
    baselineVolume: 1000,
    band: 0.1,
    aboveShare: 0.5,
    belowShare: 0.3,
    serviceLevelDeductions: { SL001: 50_000, SL002: 25_000 },
  }

  it('pays a twelfth of the annual price each month, in a quarter three times', () => {
    const r = feeForService(ffs, 3, 250, [])
    expect(r.monthlyPayments).toEqual([1_000_000, 1_000_000, 1_000_000])
    expect(r.band).toEqual({ from: 225, to: 275 })
    expect(r.total).toBe(3_000_000)
  })

  it('adjusts for the cases outside the volume band, and deducts missed service levels', () => {
    const above = feeForService(ffs, 3, 300, ['SL001'])
    expect(above.volumeAdjustment).toBe(150_000)
    expect(above.deductions).toEqual([{ serviceLevel: 'SL001', amount: -50_000 }])
    expect(above.total).toBe(3_100_000)
    const below = feeForService(ffs, 3, 200, ['SL001', 'SL002'])
    expect(below.volumeAdjustment).toBe(-90_000)
    expect(below.total).toBe(3_000_000 - 90_000 - 75_000)
    expect(feeForService(ffs, 3, 275, []).volumeAdjustment).toBe(0)
  })
})
