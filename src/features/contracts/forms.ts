import type { LocalDate } from '@js-joda/core'
import type { SubcontractorBasis } from '../../db/schema.ts'
import type { FeeForServiceTerms, PbrTerms } from '../../domain/outcomes/payments.ts'
import {
  FieldProblems,
  parsedOr,
  requiredDate,
  requiredText,
  text,
  type FormBody,
  type Parsed,
} from '../../web/forms.ts'

/**
 * Contracts' forms (issue 19 items 1 and 3) → typed commands. People type pounds and percentages; commands carry
 * what the rules compute with: whole pence and fractions (`FeeForServiceTerms`, `PbrTerms` in
 * src/domain/outcomes/payments.ts). Every refusal names its field.
 */

const YEARS = { from: 2000, to: 2100 }
const POUNDS = /^-?£?\s*\d{1,3}(,?\d{3})*(\.\d{1,2})?$|^-?£?\s*\d+(\.\d{1,2})?$/
const NUMBER = /^-?\d+(\.\d+)?$/

/**
 * Pence from pounds as typed ("£1,250.50", "1250.5", "1250"); null when it is not an amount.
 *
 * @example
 * penceFromPounds('£1,250.50') // 125050
 */
export function penceFromPounds(typed: string): number | null {
  const value = typed.trim()
  if (!POUNDS.test(value)) return null
  const [whole, fraction = ''] = value.replace(/[£,\s-]/g, '').split('.')
  const pence = Number(whole) * 100 + Number(fraction.padEnd(2, '0'))
  return value.startsWith('-') ? -pence : pence
}

/**
 * A fraction from a percentage as typed ("45", "45.2%", "0.5"); null when it is not a number.
 *
 * @example
 * fractionFromPercent('45.2%') // 0.452
 */
export function fractionFromPercent(typed: string): number | null {
  const value = typed.trim().replace(/%$/, '').trim()
  if (!NUMBER.test(value)) return null
  return Math.round(Number(value) * 10_000) / 1_000_000
}

function amount(body: FormBody, name: string, label: string, p: FieldProblems, optional = false): number {
  const typed = text(body, name)
  if (!typed) {
    if (!optional) p.add(name, `Enter ${label.toLowerCase()}`)
    return 0
  }
  const pence = penceFromPounds(typed)
  if (pence === null || pence < 0) p.add(name, `${label} must be an amount in pounds, like 1250.00`)
  return pence ?? 0
}

function percent(body: FormBody, name: string, label: string, p: FieldProblems, max = 100): number {
  const typed = text(body, name)
  if (!typed) {
    p.add(name, `Enter ${label.toLowerCase()}`)
    return 0
  }
  const fraction = fractionFromPercent(typed)
  if (fraction === null || fraction < 0 || fraction > max / 100)
    p.add(name, `${label} must be a percentage from 0 to ${max}`)
  return fraction ?? 0
}

function positive(body: FormBody, name: string, label: string, p: FieldProblems, integer = false): number {
  const typed = text(body, name)
  const value = Number(typed)
  if (!typed) p.add(name, `Enter ${label.toLowerCase()}`)
  else if (!NUMBER.test(typed) || value <= 0 || (integer && !Number.isInteger(value)))
    p.add(name, `${label} must be ${integer ? 'a whole number' : 'a number'} greater than 0`)
  return value
}

export interface ContractCommand {
  readonly reference: string
  readonly providerId: number
  readonly regionId: number
  readonly startsOn: LocalDate
  readonly endsOn: LocalDate
  readonly valuePence: number
}

/** The new contract form. The region must be one of the provider's: the service checks it. */
export function parseContractForm(body: FormBody): Parsed<ContractCommand> {
  const p = new FieldProblems()
  const reference = requiredText(body, 'reference', 'Enter the contract reference', 'Reference', 40, p)
  const region = text(body, 'regionId')
  if (!/^\d{1,15}$/.test(region)) p.add('regionId', 'Choose the contract package area')
  const startsOn = requiredDate(body, 'startsOn', 'Start date', p, YEARS)
  const endsOn = requiredDate(body, 'endsOn', 'End date', p, YEARS)
  if (startsOn && endsOn && endsOn.isBefore(startsOn))
    p.add('endsOn-day', 'End date must be on or after the start date')
  const valuePence = amount(body, 'value', 'Contract value', p)
  const provider = text(body, 'providerId')
  if (!/^\d{1,15}$/.test(provider)) p.add('providerId', 'Choose the provider')
  return parsedOr(p, () => ({
    reference,
    providerId: Number(provider),
    regionId: Number(region),
    startsOn: startsOn!,
    endsOn: endsOn!,
    valuePence,
  }))
}

export interface TermsCommand<T> {
  readonly effectiveFrom: LocalDate
  readonly reason: string
  readonly terms: T
}

function common(body: FormBody, p: FieldProblems) {
  const effectiveFrom = requiredDate(body, 'effectiveFrom', 'Effective from', p, YEARS)
  const reason = requiredText(body, 'reason', 'Enter the reason for the change', 'Reason', 500, p)
  return { effectiveFrom, reason }
}

/** Service level deductions, one a line: `CODE: pounds` (e.g. `SL001: 500`). */
function serviceLevels(body: FormBody, p: FieldProblems): Record<string, number> {
  const deductions: Record<string, number> = {}
  for (const line of text(body, 'serviceLevels').split(/\r?\n/)) {
    if (!line.trim()) continue
    const match = /^\s*([A-Za-z0-9_-]{1,20})\s*[:=]\s*(.+)$/.exec(line)
    const pence = match ? penceFromPounds(match[2]!) : null
    if (!match || pence === null || pence < 0) {
      p.add(
        'serviceLevels',
        'Write each service level as its code, a colon and the deduction in pounds, like SL001: 500',
      )
      continue
    }
    deductions[match[1]!.toUpperCase()] = pence
  }
  return deductions
}

/** The fee-for-service terms form: pounds and percentages → `FeeForServiceTerms`. */
export function parseFeeForServiceForm(body: FormBody): Parsed<TermsCommand<FeeForServiceTerms>> {
  const p = new FieldProblems()
  const { effectiveFrom, reason } = common(body, p)
  const annualPrice = amount(body, 'annualPrice', 'Annual price', p)
  const baselineVolume = positive(body, 'baselineVolume', 'Baseline volume', p, true)
  const band = percent(body, 'band', 'Band', p)
  const aboveShare = percent(body, 'aboveShare', 'Share paid above the band', p)
  const belowShare = percent(body, 'belowShare', 'Share clawed back below the band', p)
  const serviceLevelDeductions = serviceLevels(body, p)
  return parsedOr(p, () => ({
    effectiveFrom: effectiveFrom!,
    reason,
    terms: { annualPrice, baselineVolume, band, aboveShare, belowShare, serviceLevelDeductions },
  }))
}

function measure(body: FormBody, name: 'binary' | 'frequency', label: string, p: FieldProblems) {
  if (text(body, `${name}Priced`) !== 'yes') return null
  return {
    pricePerUnit: amount(body, `${name}Price`, `${label} price per unit`, p),
    deductionPerUnit: amount(body, `${name}Deduction`, `${label} deduction per unit`, p),
  }
}

/** The payment-by-results terms form: percentages and pounds → `PbrTerms` (alpha 5 % unless said). */
export function parsePbrForm(body: FormBody): Parsed<TermsCommand<PbrTerms>> {
  const p = new FieldProblems()
  const { effectiveFrom, reason } = common(body, p)
  const binaryRate = percent(body, 'baselineBinaryRate', 'Baseline binary rate', p)
  const meanPredicted = percent(body, 'baselineMeanPredicted', 'Baseline mean predicted', p)
  const frequency = positive(body, 'baselineFrequency', 'Baseline frequency', p)
  const binary = measure(body, 'binary', 'Binary', p)
  const freq = measure(body, 'frequency', 'Frequency', p)
  const hurdle = text(body, 'binaryHurdle')
  if (hurdle !== 'yes' && hurdle !== 'no') p.add('binaryHurdle', 'Say whether the binary hurdle applies')
  const alpha = text(body, 'alpha') ? percent(body, 'alpha', 'Significance level', p, 50) : 0.05
  if (text(body, 'alpha') && alpha <= 0) p.add('alpha', 'Significance level must be a percentage from 0 to 50')
  return parsedOr(p, () => ({
    effectiveFrom: effectiveFrom!,
    reason,
    terms: {
      baseline: { binaryRate, meanPredicted, frequency },
      binary,
      frequency: freq,
      binaryHurdle: hurdle === 'yes',
      alpha,
    },
  }))
}

export interface SubcontractorTermsCommand {
  readonly effectiveFrom: LocalDate
  readonly reason: string
  readonly basis: SubcontractorBasis
  readonly annualFeePence: number | null
  readonly shareBasisPoints: number | null
}

const BASES: readonly SubcontractorBasis[] = ['fixed_fee', 'share_of_results', 'pass_through_if_prime_paid']

function subcontractorTerms(body: FormBody, p: FieldProblems): SubcontractorTermsCommand {
  const { effectiveFrom, reason } = common(body, p)
  const basis = text(body, 'basis') as SubcontractorBasis
  if (!BASES.includes(basis)) p.add('basis', 'Choose how the subcontractor is paid')
  const fixed = basis === 'fixed_fee'
  const annualFeePence = fixed ? amount(body, 'annualFee', 'Annual fee', p) : null
  const share = !fixed && BASES.includes(basis) ? percent(body, 'share', 'Share', p) : null
  return {
    effectiveFrom: effectiveFrom!,
    reason,
    basis,
    annualFeePence,
    shareBasisPoints: share === null ? null : Math.round(share * 10_000),
  }
}

/** A subcontractor's terms (fixed fee in pounds a year, or a share in %). */
export function parseSubcontractorTermsForm(body: FormBody): Parsed<SubcontractorTermsCommand> {
  const p = new FieldProblems()
  const terms = subcontractorTerms(body, p)
  return parsedOr(p, () => terms)
}

/** A new subcontractor: the partner organisation and its first terms. */
export function parseSubcontractorForm(
  body: FormBody,
): Parsed<{ organisationId: number; terms: SubcontractorTermsCommand }> {
  const p = new FieldProblems()
  const organisation = text(body, 'organisationId')
  if (!/^\d{1,15}$/.test(organisation)) p.add('organisationId', 'Choose the partner organisation')
  const terms = subcontractorTerms(body, p)
  return parsedOr(p, () => ({ organisationId: Number(organisation), terms }))
}
