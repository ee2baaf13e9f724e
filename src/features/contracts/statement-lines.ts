import { formatDate } from '../../web/filters.ts'
import type { Statement, SubcontractorShare } from './statements.ts'

/** A date as the pages write it (7 December 2026), never ISO. */
const day = (d: { toString(): string }) => formatDate(d.toString())

/**
 * Every figure of a statement in words (issue 19 item 3): what it is, how it was computed and from which inputs.
 * The page, the CSV (one line per figure) and the PDF all show these lines, so they cannot disagree.
 */

export interface StatementLine {
  readonly section: string
  readonly name: string
  readonly value: string
  readonly explanation: string
}

/**
 * Pounds from pence, with a minus for a deduction.
 *
 * @example
 * money(-123456) // '-£1,234.56'
 */
export function money(pence: number): string {
  const pounds = (Math.abs(pence) / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
  return `${pence < 0 ? '-' : ''}£${pounds}`
}

/** A fraction as a percentage to one decimal place: 0.4523 → '45.2%'. */
export const pct = (fraction: number) => `${(Math.round(fraction * 1000) / 10).toFixed(1)}%`
const num = (n: number, places = 2) => (Math.round(n * 10 ** places) / 10 ** places).toFixed(places)

function cohortLines(s: Statement): StatementLine[] {
  const f = s.cohort.figures
  const section = 'Cohort'
  const scope = `${s.contract.provider_name}, ${s.contract.region_name}`
  return [
    {
      section,
      name: 'Cohort size',
      value: String(f.cohortSize),
      explanation: `People of ${scope} with a qualifying event (a court disposal other than custody, a release from custody, or a caution) from ${day(s.period.from)} to ${day(s.period.to)}; each counted once, at their first event.`,
    },
    {
      section,
      name: 'Status',
      value: f.provisional ? 'Provisional' : 'Final',
      explanation: f.provisional
        ? `Provisional: the 12-month follow-up and the 6 months allowed for convictions after it (to ${day(s.period.to.plusMonths(18))}) have not all passed, so these figures can still rise.`
        : 'Final: the 12-month follow-up and 6 months for convictions have passed for everyone in the cohort.',
    },
    {
      section,
      name: 'Reoffenders',
      value: String(f.reoffenders),
      explanation:
        'People in the cohort with at least one offence committed within 12 months of their index event and proven (convicted or cautioned) within 18 months, from court outcomes recorded in Probity and PNC extracts.',
    },
    {
      section,
      name: 'Reoffences',
      value: String(f.reoffences),
      explanation:
        'All the proven reoffences of the reoffenders counted the same way (each count of an offence counts).',
    },
    {
      section,
      name: 'Binary rate',
      value: pct(f.binaryRate),
      explanation: `Reoffenders ÷ cohort size = ${f.reoffenders} ÷ ${f.cohortSize}.`,
    },
    {
      section,
      name: 'Frequency',
      value: num(f.frequencyPerReoffender),
      explanation: `Reoffences per reoffender = ${f.reoffences} ÷ ${f.reoffenders}.`,
    },
  ]
}

function pbrLines(s: Statement): StatementLine[] {
  const section = 'Payment by results'
  if (!s.pbr || !s.pbrResult)
    return [
      {
        section,
        name: 'Payment by results',
        value: money(0),
        explanation: `No payment-by-results terms were in force on ${day(s.period.from)}, the quarter's first day.`,
      },
    ]
  const { terms } = s.pbr
  const r = s.pbrResult
  const b = r.binary
  const shift = terms.baseline.binaryRate - terms.baseline.meanPredicted
  return [
    {
      section,
      name: 'Terms applied',
      value: `From ${day(s.pbr.effectiveFrom)}`,
      explanation: `The payment-by-results terms in force on ${day(s.period.from)} (the latest version effective on or before the quarter's first day). Significance level ${pct(terms.alpha)}, two-sided.`,
    },
    {
      section,
      name: 'Mean predicted',
      value: pct(r.meanPredicted),
      explanation: `The cohort's average predicted probability of proven reoffending (each person's latest ARP, or OGRS3 two-year score). ${s.withoutPredicted} of ${r.cohortSize} had no predicted probability: the baseline mean predicted (${pct(terms.baseline.meanPredicted)}) was used for them.`,
    },
    {
      section,
      name: 'Baseline',
      value: `${pct(terms.baseline.binaryRate)} binary, ${pct(terms.baseline.meanPredicted)} mean predicted, ${num(terms.baseline.frequency)} frequency`,
      explanation:
        "The contract's baseline: the reoffending rate, mean predicted probability and reoffences per reoffender of the baseline cohort.",
    },
    {
      section,
      name: 'Adjusted rate',
      value: pct(b.adjustedRate),
      explanation: `Binary rate - (cohort mean predicted - baseline mean predicted) = ${pct(r.reoffenders / (r.cohortSize || 1))} - (${pct(r.meanPredicted)} - ${pct(terms.baseline.meanPredicted)}): the rate a cohort like the baseline's would have had.`,
    },
    ...measureLines(s, 'binary'),
    {
      section,
      name: 'Expected reoffenders',
      value: num(b.expected),
      explanation: `The sum over the cohort of (predicted probability + ${pct(shift)}), the baseline binary rate less the baseline mean predicted, so a harder cohort is expected to reoffend more.`,
    },
    ...measureLines(s, 'frequency'),
    {
      section,
      name: 'Payment by results total',
      value: money(r.total),
      explanation: `Binary ${money(b.amount)} + frequency ${money(r.frequency.amount)}: payments less deductions.`,
    },
  ]
}

function measureLines(s: Statement, which: 'binary' | 'frequency'): StatementLine[] {
  const section = 'Payment by results'
  const m = s.pbrResult![which]
  const terms = s.pbr!.terms
  const price = terms[which]
  const label = which === 'binary' ? 'Binary' : 'Frequency'
  const unit = which === 'binary' ? 'reoffenders avoided' : 'reoffences avoided'
  const how =
    which === 'binary'
      ? `expected reoffenders - observed = ${num(m.expected)} - ${m.observed}`
      : `(baseline frequency - observed frequency) × reoffenders = (${num(terms.baseline.frequency)} - ${num(m.observed)}) × ${s.pbrResult!.reoffenders}`
  const blocked =
    which === 'frequency' &&
    terms.binaryHurdle &&
    m.verdict === 'improvement' &&
    s.pbrResult!.binary.verdict !== 'improvement'
  const amountWhy = !price
    ? `The contract does not price the ${which} measure.`
    : m.verdict === 'no significant change'
      ? 'Nothing: the change is not statistically significant.'
      : blocked
        ? 'Nothing: the binary hurdle applies and the binary measure did not improve significantly.'
        : m.verdict === 'improvement'
          ? `${num(m.units)} units × ${money(price.pricePerUnit)} a unit.`
          : `${num(m.units)} units × ${money(price.deductionPerUnit)} deducted a unit.`
  return [
    {
      section,
      name: `${label} z and p value`,
      value: `z = ${num(m.z)}, p = ${num(m.pValue, 4)}`,
      explanation:
        which === 'binary'
          ? 'Observed reoffenders against expected, with the variance (the sum of p(1-p)) of the expected probabilities; p two-sided.'
          : 'Mean reoffences per reoffender against the baseline frequency (z test with the sample variance); p two-sided.',
    },
    {
      section,
      name: `${label} verdict`,
      value: m.verdict,
      explanation: `Significant when p < ${num(terms.alpha, 2)}; an improvement when fewer than expected, a deterioration when more.`,
    },
    {
      section,
      name: `${label} units`,
      value: num(m.units),
      explanation: `${unit[0]!.toUpperCase()}${unit.slice(1)}: ${how}.`,
    },
    {
      section,
      name: `${label} price`,
      value: price
        ? `${money(price.pricePerUnit)} paid, ${money(price.deductionPerUnit)} deducted a unit`
        : 'Not priced',
      explanation: `The price of a unit of the ${which} measure in the terms applied.`,
    },
    { section, name: `${label} amount`, value: money(m.amount), explanation: amountWhy },
  ]
}

function shareWhy(share: SubcontractorShare, prime: number): string {
  const t = share.terms
  if (!t) return 'No terms in force on the quarter’s first day: nothing due.'
  if (t.kind === 'fixed_fee') return `A fixed fee of ${money(t.annualFee)} a year: a quarter of it each quarter.`
  if (t.kind === 'share_of_results')
    return `${pct(t.share)} of the prime's payment-by-results total of ${money(prime)} (payments and deductions alike).`
  return prime > 0
    ? `Passed through only when the prime is paid: the prime was paid ${money(prime)}, so ${pct(t.share)} of it.`
    : `Passed through only when the prime is paid: the prime was not paid (${money(prime)}), so £0.`
}

function subcontractorLines(s: Statement): StatementLine[] {
  const prime = s.pbrResult?.total ?? 0
  return s.subcontractors.map(share => ({
    section: 'Subcontractors',
    name: `${share.name} (${share.tier === 'tier_2' ? 'tier 2' : 'tier 3'})`,
    value: money(share.amount),
    explanation: `${shareWhy(share, prime)}${share.effectiveFrom ? ` Terms effective from ${day(share.effectiveFrom)}.` : ''}`,
  }))
}

function feeLines(s: Statement): StatementLine[] {
  const section = 'Fee for service'
  if (!s.fss || !s.fssResult)
    return [
      {
        section,
        name: 'Fee for service',
        value: money(0),
        explanation: `No fee-for-service terms were in force on ${day(s.period.from)}.`,
      },
    ]
  const t = s.fss.terms
  const r = s.fssResult
  const monthly = r.monthlyPayments.reduce((a, b) => a + b, 0)
  return [
    {
      section,
      name: 'Monthly payments',
      value: money(monthly),
      explanation: `The annual price ${money(t.annualPrice)} in twelve equal monthly payments in arrears: 3 × ${money(r.monthlyPayments[0] ?? 0)}. Terms effective from ${day(s.fss.effectiveFrom)}.`,
    },
    {
      section,
      name: 'Volume',
      value: String(s.volume),
      explanation: `Cases this quarter: the cohort's people whose index event was a court disposal or a release from custody (cautions excluded). Expected ${num(r.expectedVolume, 1)} (a quarter of the baseline ${t.baselineVolume} a year); no adjustment from ${num(r.band.from, 1)} to ${num(r.band.to, 1)} (±${pct(t.band)}).`,
    },
    {
      section,
      name: 'Volume adjustment',
      value: money(r.volumeAdjustment),
      explanation: `Each case above the band paid at ${pct(t.aboveShare)} of the unit price, each below clawed back at ${pct(t.belowShare)}; unit price = annual price ÷ baseline volume = ${money(Math.round(t.annualPrice / t.baselineVolume))}.`,
    },
    {
      section,
      name: 'Service level deductions',
      value: money(0),
      explanation: 'Service levels missed are not recorded in Probity yet, so none are deducted (0 missed).',
    },
    {
      section,
      name: 'Fee for service total',
      value: money(r.total),
      explanation: 'Monthly payments + volume adjustment - deductions.',
    },
  ]
}

/**
 * Every figure of the statement with its explanation, in the order the page shows them.
 *
 * @example
 * statementLines(statement).find(l => l.name === 'Cohort size') // { value: '12', explanation: 'People of …' }
 */
export function statementLines(s: Statement): StatementLine[] {
  const total = (s.pbrResult?.total ?? 0) + (s.fssResult?.total ?? 0)
  return [
    ...cohortLines(s),
    ...pbrLines(s),
    ...subcontractorLines(s),
    ...feeLines(s),
    {
      section: 'Total',
      name: 'Due to the prime this quarter',
      value: money(total),
      explanation: `Payment by results ${money(s.pbrResult?.total ?? 0)} + fee for service ${money(s.fssResult?.total ?? 0)}, before the subcontractors are paid.`,
    },
  ]
}

/** The lines as CSV: name, value, explanation (RFC 4180 quoting). */
export function statementCsv(s: Statement): string {
  // A cell a spreadsheet would read as a formula is kept as text.
  const safe = (v: string) => (/^[=+@\t]/.test(v) ? `'${v}` : v)
  const cell = (v: string) => (/[",\r\n]/.test(safe(v)) ? `"${safe(v).replace(/"/g, '""')}"` : safe(v))
  const rows = [
    ['Section', 'Figure', 'Value', 'Explanation'],
    ...statementLines(s).map(l => [l.section, l.name, l.value, l.explanation]),
  ]
  return rows.map(r => r.map(cell).join(',')).join('\r\n') + '\r\n'
}
