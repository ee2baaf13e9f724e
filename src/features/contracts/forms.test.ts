import { describe, expect, it } from 'vitest'
import {
  fractionFromPercent,
  parseFeeForServiceForm,
  parsePbrForm,
  parseSubcontractorForm,
  penceFromPounds,
} from './forms.ts'
import { percentField, poundsField, subcontractorTermsText, termsText } from './presenters.ts'
import { money } from './statement-lines.ts'

const when = { 'effectiveFrom-day': '1', 'effectiveFrom-month': '4', 'effectiveFrom-year': '2026', reason: 'Review' }

describe('contract forms: pounds and percentages', () => {
  it.each([
    ['1250', 125_000],
    ['£1,250.50', 125_050],
    ['1250.5', 125_050],
    [' 0.07 ', 7],
    ['12,000,000', 1_200_000_000],
  ])('reads £%s as %i pence', (typed, pence) => expect(penceFromPounds(typed)).toBe(pence))

  it.each(['', 'lots', '12.345', '1,25', '£'])('refuses %j as pounds', typed =>
    expect(penceFromPounds(typed)).toBeNull(),
  )

  it.each([
    ['45', 0.45],
    ['45.2%', 0.452],
    ['0.5', 0.005],
    ['100', 1],
  ])('reads %s%% as %d', (typed, fraction) => expect(fractionFromPercent(typed)).toBe(fraction))

  it('parses fee-for-service terms into pence and fractions', () => {
    const parsed = parseFeeForServiceForm({
      ...when,
      annualPrice: '£1,200,000',
      baselineVolume: '1000',
      band: '10',
      aboveShare: '50',
      belowShare: '30',
      serviceLevels: 'sl001: 500\r\nSL002: 75.25\n',
    })
    expect(parsed).toMatchObject({
      ok: true,
      value: {
        reason: 'Review',
        terms: {
          annualPrice: 120_000_000,
          baselineVolume: 1000,
          band: 0.1,
          aboveShare: 0.5,
          belowShare: 0.3,
          serviceLevelDeductions: { SL001: 50_000, SL002: 7525 },
        },
      },
    })
  })

  it('names every bad field of the payment-by-results form, alpha defaulting to 5%', () => {
    const bad = parsePbrForm({ binaryPriced: 'yes', binaryPrice: 'x', baselineBinaryRate: '120' })
    expect(bad.ok).toBe(false)
    const fields = bad.ok ? [] : bad.errors.map(e => e.field)
    for (const f of [
      'effectiveFrom-day',
      'reason',
      'baselineBinaryRate',
      'baselineMeanPredicted',
      'baselineFrequency',
      'binaryPrice',
      'binaryDeduction',
      'binaryHurdle',
    ])
      expect(fields).toContain(f)
    const good = parsePbrForm({
      ...when,
      baselineBinaryRate: '45',
      baselineMeanPredicted: '44',
      baselineFrequency: '3.2',
      binaryPriced: 'no',
      frequencyPriced: 'yes',
      frequencyPrice: '500',
      frequencyDeduction: '400',
      binaryHurdle: 'no',
    })
    expect(good).toMatchObject({
      ok: true,
      value: {
        terms: {
          baseline: { binaryRate: 0.45, meanPredicted: 0.44, frequency: 3.2 },
          binary: null,
          frequency: { pricePerUnit: 50_000, deductionPerUnit: 40_000 },
          binaryHurdle: false,
          alpha: 0.05,
        },
      },
    })
  })

  it('reads a subcontractor as a fixed fee in pence or a share in basis points', () => {
    expect(
      parseSubcontractorForm({ ...when, organisationId: '3', basis: 'fixed_fee', annualFee: '40000' }),
    ).toMatchObject({
      ok: true,
      value: { organisationId: 3, terms: { basis: 'fixed_fee', annualFeePence: 4_000_000, shareBasisPoints: null } },
    })
    expect(
      parseSubcontractorForm({ ...when, organisationId: '3', basis: 'pass_through_if_prime_paid', share: '12.5' }),
    ).toMatchObject({
      ok: true,
      value: { terms: { basis: 'pass_through_if_prime_paid', annualFeePence: null, shareBasisPoints: 1250 } },
    })
    const bad = parseSubcontractorForm({ ...when, basis: 'bonus' })
    expect(bad.ok ? [] : bad.errors.map(e => e.field)).toEqual(['organisationId', 'basis'])
  })
})

describe('contract presenters', () => {
  it('shows money and percentages back in the units people typed', () => {
    expect(money(-123_456)).toBe('-£1,234.56')
    expect(money(5)).toBe('£0.05')
    expect(poundsField(125_050)).toBe('1250.50')
    expect(percentField(0.452)).toBe('45.2')
    expect(percentField(fractionFromPercent('12.34')!)).toBe('12.34')
  })

  it('puts terms into words', () => {
    expect(
      termsText('payment_by_results', {
        baseline: { binaryRate: 0.45, meanPredicted: 0.44, frequency: 3.2 },
        binary: { pricePerUnit: 150_000, deductionPerUnit: 100_000 },
        frequency: null,
        binaryHurdle: true,
        alpha: 0.05,
      }),
    ).toBe(
      'Baseline 45.0% binary (mean predicted 44.0%), frequency 3.2; binary £1,500.00 a unit paid, £1,000.00 deducted; frequency not priced; binary hurdle yes; significance 5.0%',
    )
    expect(subcontractorTermsText({ basis: 'fixed_fee', annual_fee_pence: 4_000_000, share_basis_points: null })).toBe(
      'Fixed fee of £40,000.00 a year',
    )
    expect(
      subcontractorTermsText({ basis: 'pass_through_if_prime_paid', annual_fee_pence: null, share_basis_points: 1000 }),
    ).toBe('10.0% of the prime’s results, only when the prime is paid')
  })
})
