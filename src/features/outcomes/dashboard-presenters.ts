import type { LocalDate } from '@js-joda/core'
import { MONTH_NAMES } from '../../domain/calendar/index.ts'
import { countText, rateText, type PublishedRate, type PublishedShare } from '../../domain/outcomes/disclosure.ts'
import { formatDate } from '../../web/filters.ts'
import type { Dashboard, GroupFigures, QuarterFigures } from './dashboard.ts'

/**
 * View models of the open outcomes dashboard (issue 19 item 4): the page (tables, and a line chart drawn as SVG on the
 * server so it needs no JavaScript, with the same figures as a table) and the CSV. Every figure goes through the
 * disclosure rule's words ("fewer than 10", "not published: …"); nothing here sees a person.
 */

/** `2025-Q1` → `January to March 2025`. */
export function quarterWords(q: { from: LocalDate; to: LocalDate }): string {
  return `${MONTH_NAMES[q.from.monthValue() - 1]} to ${MONTH_NAMES[q.to.monthValue() - 1]} ${q.to.year()}`
}

const frequency = (r: PublishedRate) => (r.shown ? r.value.toFixed(2) : r.reason)
const status = (q: QuarterFigures) => (q.provisional ? 'Provisional' : 'Final')

/** One table row of a group's figures in a quarter, beside the national binary rate. */
function groupRow(g: GroupFigures, national: GroupFigures) {
  const f = g.figures
  return {
    level: g.level,
    name: g.level === 'area' ? `${g.name} (${g.providerName})` : g.name,
    cohortSize: countText(f.cohortSize),
    reoffenders: countText(f.reoffenders),
    nonReoffenders: countText(f.nonReoffenders),
    binaryRate: rateText(f.binaryRate),
    nationalRate: rateText(national.figures.binaryRate),
    frequencyPerReoffender: frequency(f.frequencyPerReoffender),
    frequencyPerOffender: frequency(f.frequencyPerOffender),
  }
}

/** The quarters newest first, each a table. */
function quarterTables(quarters: readonly QuarterFigures[]) {
  return [...quarters].reverse().map(q => ({
    id: `cohort-${q.quarter.toLowerCase()}`,
    heading: `People starting ${quarterWords(q)}`,
    provisional: q.provisional,
    status: status(q),
    rows: q.groups.map(g => groupRow(g, q.groups[0]!)),
  }))
}

const CHART = { width: 640, height: 300, left: 56, right: 16, top: 16, bottom: 56 }
const STYLES = [
  { colour: '#0b0c0c', dash: '' },
  { colour: '#1d70b8', dash: '8 4' },
  { colour: '#d4351c', dash: '2 4' },
  { colour: '#00703c', dash: '12 4 2 4' },
  { colour: '#f47738', dash: '4 2' },
  { colour: '#4c2c92', dash: '16 4' },
]

/** The binary rate over the quarters, nationally and per provider: the line chart and its table. */
function rateChart(quarters: readonly QuarterFigures[]) {
  const series = quarters[0]!.groups
    .filter(g => g.level !== 'area')
    .map((g, i) => ({
      key: g.key,
      name: g.name,
      ...STYLES[i % STYLES.length]!,
      rates: quarters.map(q => q.groups.find(x => x.key === g.key)!.figures.binaryRate),
    }))
  const values = series.flatMap(s => s.rates.flatMap(r => (r.shown ? [r.value] : [])))
  const top = Math.max(0.1, Math.ceil(Math.max(0, ...values) * 10) / 10)
  const plotW = CHART.width - CHART.left - CHART.right
  const plotH = CHART.height - CHART.top - CHART.bottom
  const x = (i: number) =>
    Math.round(CHART.left + (quarters.length === 1 ? plotW / 2 : (i * plotW) / (quarters.length - 1)))
  const y = (v: number) => Math.round(CHART.top + plotH - (v / top) * plotH)
  const ticks = Array.from({ length: 6 }, (_, k) => (top * k) / 5)
  return {
    ...CHART,
    plotBottom: CHART.top + plotH,
    plotRight: CHART.width - CHART.right,
    yTicks: ticks.map(v => ({ y: y(v), label: `${Math.round(v * 100)}%` })),
    xTicks: quarters.map((q, i) => ({ x: x(i), label: q.quarter.replace('-', ' '), provisional: q.provisional })),
    series: series.map(s => ({
      name: s.name,
      colour: s.colour,
      dash: s.dash,
      segments: segmentsOf(s.rates, x, y),
      points: s.rates.flatMap((r, i) =>
        r.shown ? [{ x: x(i), y: y(r.value), title: `${s.name}, ${quarters[i]!.quarter}: ${rateText(r)}` }] : [],
      ),
    })),
    anyShown: values.length > 0,
    table: {
      head: series.map(s => s.name),
      rows: quarters.map((q, i) => ({
        quarter: `${quarterWords(q)} (${status(q).toLowerCase()})`,
        cells: series.map(s => rateText(s.rates[i]!)),
      })),
    },
  }
}

/** Polylines through the consecutive published points (a rate not published breaks the line). */
function segmentsOf(rates: readonly PublishedRate[], x: (i: number) => number, y: (v: number) => number): string[] {
  const segments: string[][] = [[]]
  rates.forEach((r, i) => {
    if (r.shown) segments.at(-1)!.push(`${x(i)},${y(r.value)}`)
    else if (segments.at(-1)!.length) segments.push([])
  })
  return segments.filter(s => s.length > 1).map(s => s.join(' '))
}

const share = (s: PublishedShare) => ({
  total: countText(s.total),
  met: countText(s.part),
  share: rateText(s.share),
})

/** The page's view model. */
export function dashboardView(d: Dashboard) {
  const last = { from: d.lastQuarter.from, to: d.lastQuarter.to }
  return {
    pageTitle: 'Probation outcomes',
    asOf: formatDate(d.asOf.toString()),
    latestFinal: quarterWords(d.quarters.find(q => q.quarter === d.latestFinal) ?? last),
    chart: rateChart(d.quarters),
    quarters: quarterTables(d.quarters),
    lastQuarter: quarterWords(last),
    serviceLevels: d.serviceLevels.map(s => ({
      provider: s.providerName,
      allocation: share(s.allocation),
      firstAppointment: share(s.firstAppointment),
    })),
    hours: d.hours.map(h => ({ area: h.areaName, provider: h.providerName, hours: h.hours.toLocaleString('en-GB') })),
  }
}

export type DashboardView = ReturnType<typeof dashboardView>

/** One CSV cell (RFC 4180 quoting; a cell a spreadsheet would run as a formula is prefixed with `'`). */
function cell(value: string | number): string {
  let v = String(value)
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v
}

export const CSV_COLUMNS = ['table', 'period', 'status', 'level', 'provider', 'area', 'measure', 'value']

/** The same figures as the page, suppressed the same way, one figure a line. */
export function dashboardCsv(d: Dashboard): string {
  const lines: (string | number)[][] = []
  for (const q of d.quarters) {
    for (const g of q.groups) {
      const provider = g.level === 'area' ? g.providerName! : g.level === 'provider' ? g.name : ''
      const area = g.level === 'area' ? g.name : ''
      const f = g.figures
      const measures: [string, string][] = [
        ['cohort size', countText(f.cohortSize)],
        ['reoffenders', countText(f.reoffenders)],
        ['non-reoffenders', countText(f.nonReoffenders)],
        ['reoffences', countText(f.reoffences)],
        ['binary rate', f.binaryRate.shown ? f.binaryRate.value.toFixed(4) : f.binaryRate.reason],
        ['frequency per reoffender', frequency(f.frequencyPerReoffender)],
        ['frequency per offender', frequency(f.frequencyPerOffender)],
      ]
      for (const [m, v] of measures)
        lines.push(['proven reoffending', q.quarter, status(q).toLowerCase(), g.level, provider, area, m, v])
    }
  }
  const period = d.lastQuarter.label
  for (const s of d.serviceLevels) {
    for (const [name, figures] of [
      ['allocated within 2 working days of sentence', s.allocation],
      ['first appointment within 5 working days of allocation', s.firstAppointment],
    ] as const) {
      const f = share(figures)
      lines.push(['service levels', period, 'final', 'provider', s.providerName, '', `${name}: cases`, f.total])
      lines.push(['service levels', period, 'final', 'provider', s.providerName, '', `${name}: met`, f.met])
      lines.push(['service levels', period, 'final', 'provider', s.providerName, '', `${name}: share met`, f.share])
    }
  }
  for (const h of d.hours)
    lines.push([
      'community payback hours',
      period,
      'final',
      'area',
      h.providerName,
      h.areaName,
      'hours worked',
      h.hours,
    ])
  return [CSV_COLUMNS, ...lines].map(l => l.map(cell).join(',')).join('\r\n') + '\r\n'
}
