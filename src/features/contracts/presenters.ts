import type { LocalDate } from '@js-joda/core'
import type { FeeForServiceTerms, PbrTerms } from '../../domain/outcomes/payments.ts'
import { subcontractorTermsOf, termsInForce } from '../../domain/outcomes/contract-terms.ts'
import { formatDate, formatDateTime } from '../../web/filters.ts'
import { datePartsFor, type FormBody } from '../../web/forms.ts'
import { contractsPaths as paths } from '../../web/paths.ts'
import { dateOf } from './contracts.ts'
import type { ContractRow, SubcontractorRow, SubcontractorTermsRow, TermsRow } from './queries.ts'
import { money, pct } from './statement-lines.ts'

/** View models for contracts' pages (issue 19 items 1 and 3): display values only, no decisions. */

/** Pounds for a form field from pence: 125050 → '1250.50'. */
export const poundsField = (pence: number) => (pence / 100).toFixed(2)
/** A percentage for a form field from a fraction: 0.452 → '45.2'. */
export const percentField = (fraction: number) => String(Math.round(fraction * 1_000_000) / 10_000)

export function contractRows(rows: readonly ContractRow[]) {
  return rows.map(c => ({
    href: paths.contract(c.id),
    reference: c.reference,
    provider: c.provider_name,
    area: c.region_name,
    dates: `${formatDate(c.starts_on)} to ${formatDate(c.ends_on)}`,
    value: money(c.value_pence),
  }))
}

/**
 * Terms in words.
 *
 * @example
 * termsText('payment_by_results', terms) // 'Baseline 45.0% binary (mean predicted 44.0%), frequency 3.20; …'
 */
export function termsText(kind: TermsRow['kind'], terms: unknown): string {
  if (kind === 'fee_for_service') {
    const t = terms as FeeForServiceTerms
    const levels = Object.entries(t.serviceLevelDeductions)
      .map(([code, pence]) => `${code} ${money(pence)}`)
      .join(', ')
    return `${money(t.annualPrice)} a year for ${t.baselineVolume} cases; band ±${pct(t.band)}; ${pct(t.aboveShare)} of the unit price paid above it, ${pct(t.belowShare)} clawed back below it; service level deductions: ${levels || 'none'}`
  }
  const t = terms as PbrTerms
  const price = (m: PbrTerms['binary']) =>
    m ? `${money(m.pricePerUnit)} a unit paid, ${money(m.deductionPerUnit)} deducted` : 'not priced'
  return `Baseline ${pct(t.baseline.binaryRate)} binary (mean predicted ${pct(t.baseline.meanPredicted)}), frequency ${t.baseline.frequency}; binary ${price(t.binary)}; frequency ${price(t.frequency)}; binary hurdle ${t.binaryHurdle ? 'yes' : 'no'}; significance ${pct(t.alpha)}`
}

const KIND_TEXT = { fee_for_service: 'Fee for service', payment_by_results: 'Payment by results' } as const

function termsHistory(rows: readonly TermsRow[], today: LocalDate) {
  const current = (['fee_for_service', 'payment_by_results'] as const).map(kind => {
    const found = termsInForce(
      rows.filter(r => r.kind === kind).map(r => ({ ...r, effectiveFrom: dateOf(r.effective_from) })),
      today,
    )
    return {
      kind: KIND_TEXT[kind],
      text: found ? termsText(kind, found.terms) : 'None in force today',
      from: found ? formatDate(found.effective_from) : '',
      id: found?.id ?? null,
    }
  })
  const history = [...rows].reverse().map(r => ({
    kind: KIND_TEXT[r.kind],
    effectiveFrom: formatDate(r.effective_from),
    recorded: `${r.recorded_by_name ?? 'System'}, ${formatDateTime(r.recorded_at)}`,
    reason: r.reason,
    text: termsText(r.kind, r.terms),
    inForce: current.some(c => c.id === r.id),
  }))
  return { current, history }
}

export function subcontractorTermsText(
  t: Pick<SubcontractorTermsRow, 'basis' | 'annual_fee_pence' | 'share_basis_points'>,
) {
  const terms = subcontractorTermsOf({
    basis: t.basis,
    annualFeePence: t.annual_fee_pence,
    shareBasisPoints: t.share_basis_points,
  })
  if (terms.kind === 'fixed_fee') return `Fixed fee of ${money(terms.annualFee)} a year`
  if (terms.kind === 'share_of_results') return `${pct(terms.share)} of the prime’s results (payments and deductions)`
  return `${pct(terms.share)} of the prime’s results, only when the prime is paid`
}

export function subcontractorView(contractId: number, s: SubcontractorRow & { terms: SubcontractorTermsRow[] }) {
  return {
    name: s.organisation_name,
    tier: s.tier === 'tier_2' ? 'Tier 2' : 'Tier 3',
    changeHref: paths.subcontractorTerms(contractId, s.id),
    terms: [...s.terms].reverse().map(t => ({
      text: subcontractorTermsText(t),
      effectiveFrom: formatDate(t.effective_from),
      recorded: `${t.recorded_by_name ?? 'System'}, ${formatDateTime(t.recorded_at)}`,
      reason: t.reason,
    })),
  }
}

export function contractView(
  page: {
    contract: ContractRow
    terms: TermsRow[]
    subcontractors: (SubcontractorRow & { terms: SubcontractorTermsRow[] })[]
    canManage: boolean
    today: LocalDate
  },
  quarters: readonly string[],
) {
  const c = page.contract
  return {
    pageTitle: `Contract ${c.reference}`,
    contract: {
      reference: c.reference,
      provider: c.provider_name,
      area: c.region_name,
      dates: `${formatDate(c.starts_on)} to ${formatDate(c.ends_on)}`,
      value: money(c.value_pence),
    },
    terms: termsHistory(page.terms, page.today),
    subcontractors: page.subcontractors.map(s => subcontractorView(c.id, s)),
    quarters: [...quarters].reverse().map(q => ({ label: q, href: paths.statement(c.id, q) })),
    canManage: page.canManage,
    links: {
      feeForService: paths.changeTerms(c.id, 'fee-for-service'),
      pbr: paths.changeTerms(c.id, 'payment-by-results'),
      newSubcontractor: paths.newSubcontractor(c.id),
    },
  }
}

const field = (body: FormBody | undefined, key: string, stored: string) => (body ? String(body[key] ?? '') : stored)

export function contractFormView(
  regions: readonly { id: number; name: string; provider_id: number; provider_name: string }[],
  body?: FormBody,
) {
  const providers = [...new Map(regions.map(r => [r.provider_id, r.provider_name])).entries()]
  const chosen = (key: string) => String(body?.[key] ?? '')
  return {
    value: { reference: field(body, 'reference', ''), value: field(body, 'value', '') },
    providers: [
      { value: '', text: 'Choose the provider' },
      ...providers.map(([id, name]) => ({
        value: String(id),
        text: name,
        selected: chosen('providerId') === String(id),
      })),
    ],
    regions: [
      { value: '', text: 'Choose the area' },
      ...regions.map(r => ({
        value: String(r.id),
        text: `${r.name} (${r.provider_name})`,
        selected: chosen('regionId') === String(r.id),
      })),
    ],
    startsOn: datePartsFor(body, 'startsOn'),
    endsOn: datePartsFor(body, 'endsOn'),
  }
}

/** The fee-for-service form's values: as posted, or from the terms in force (pounds and percentages). */
export function feeForServiceFormView(current: FeeForServiceTerms | null, body?: FormBody) {
  const levels = current
    ? Object.entries(current.serviceLevelDeductions)
        .map(([code, pence]) => `${code}: ${poundsField(pence)}`)
        .join('\n')
    : ''
  return {
    annualPrice: field(body, 'annualPrice', current ? poundsField(current.annualPrice) : ''),
    baselineVolume: field(body, 'baselineVolume', current ? String(current.baselineVolume) : ''),
    band: field(body, 'band', current ? percentField(current.band) : ''),
    aboveShare: field(body, 'aboveShare', current ? percentField(current.aboveShare) : ''),
    belowShare: field(body, 'belowShare', current ? percentField(current.belowShare) : ''),
    serviceLevels: field(body, 'serviceLevels', levels),
    reason: field(body, 'reason', ''),
    effectiveFrom: datePartsFor(body, 'effectiveFrom'),
  }
}

/** The payment-by-results form's values: as posted, or from the terms in force. */
export function pbrFormView(current: PbrTerms | null, body?: FormBody) {
  const priced = (m: PbrTerms['binary']) => (current ? (m ? 'yes' : 'no') : 'yes')
  return {
    baselineBinaryRate: field(body, 'baselineBinaryRate', current ? percentField(current.baseline.binaryRate) : ''),
    baselineMeanPredicted: field(
      body,
      'baselineMeanPredicted',
      current ? percentField(current.baseline.meanPredicted) : '',
    ),
    baselineFrequency: field(body, 'baselineFrequency', current ? String(current.baseline.frequency) : ''),
    binaryPriced: field(body, 'binaryPriced', priced(current?.binary ?? null)),
    binaryPrice: field(body, 'binaryPrice', current?.binary ? poundsField(current.binary.pricePerUnit) : ''),
    binaryDeduction: field(
      body,
      'binaryDeduction',
      current?.binary ? poundsField(current.binary.deductionPerUnit) : '',
    ),
    frequencyPriced: field(body, 'frequencyPriced', priced(current?.frequency ?? null)),
    frequencyPrice: field(
      body,
      'frequencyPrice',
      current?.frequency ? poundsField(current.frequency.pricePerUnit) : '',
    ),
    frequencyDeduction: field(
      body,
      'frequencyDeduction',
      current?.frequency ? poundsField(current.frequency.deductionPerUnit) : '',
    ),
    binaryHurdle: field(body, 'binaryHurdle', current ? (current.binaryHurdle ? 'yes' : 'no') : ''),
    alpha: field(body, 'alpha', current ? percentField(current.alpha) : '5'),
    reason: field(body, 'reason', ''),
    effectiveFrom: datePartsFor(body, 'effectiveFrom'),
  }
}

/** The subcontractor terms fields: as posted, or from the terms in force. */
export function subcontractorTermsFormView(current: SubcontractorTermsRow | null, body?: FormBody) {
  return {
    basis: field(body, 'basis', current?.basis ?? ''),
    annualFee: field(body, 'annualFee', current?.annual_fee_pence != null ? poundsField(current.annual_fee_pence) : ''),
    share: field(body, 'share', current?.share_basis_points != null ? String(current.share_basis_points / 100) : ''),
    reason: field(body, 'reason', ''),
    effectiveFrom: datePartsFor(body, 'effectiveFrom'),
  }
}

const EVENT_TEXT = {
  court_disposal: 'Court disposal',
  custody_release: 'Release from custody',
  caution: 'Caution',
} as const

/** The people of a statement's cohort (CRNs only) and each counted reoffence with its source and dates. */
export function cohortRows(
  members: readonly {
    record: { crn: string; predicted: number | null; predictor: string | null }
    indexEvent: { type: keyof typeof EVENT_TEXT; date: LocalDate }
    reoffences: readonly {
      source: 'court' | 'pnc'
      offenceCode: string
      offenceDate: LocalDate
      provenDate: LocalDate
    }[]
  }[],
) {
  return members.map(m => ({
    crn: m.record.crn,
    indexEvent: `${EVENT_TEXT[m.indexEvent.type]}, ${formatDate(m.indexEvent.date.toString())}`,
    predicted:
      m.record.predicted === null ? 'None (baseline mean used)' : `${pct(m.record.predicted)} (${m.record.predictor})`,
    reoffences: m.reoffences.map(
      o =>
        `${o.offenceCode}: committed ${formatDate(o.offenceDate.toString())}, proven ${formatDate(o.provenDate.toString())} (${o.source === 'court' ? 'court outcome in Probity' : 'PNC extract'})`,
    ),
  }))
}
