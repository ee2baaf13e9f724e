import type { Figures } from '../../domain/partner-services/monitoring.ts'
import { formatDate } from '../../web/filters.ts'
import { partnerServicesPaths as paths } from '../../web/paths.ts'
import { waitingText } from './directory-presenters.ts'
import type { MonitoringReport, MonitoringRow } from './monitoring.ts'

/** Monitoring's page and CSV (issue 18 item 5): the same figures, as display text and as CSV cells. */

const percent = (r: number | null) => (r === null ? '' : `${Math.round(r * 100)}%`)
const days = (d: number | null) => (d === null ? '' : String(Math.round(d * 10) / 10))

/** The figures in the order of the table's and the CSV's columns. */
export const FIGURE_COLUMNS = [
  'Sent',
  'Accepted',
  'Declined',
  'Withdrawn',
  'Completed',
  'Acceptance rate',
  'Median days to accept',
  'Average days to first session',
  'Sessions recorded',
  'Sessions attended',
  'Attendance rate',
  'Outcomes achieved',
  'Outcomes partially achieved',
  'Outcomes not achieved',
] as const

export function figureCells(f: Figures): string[] {
  return [
    String(f.sent),
    String(f.accepted),
    String(f.declined),
    String(f.withdrawn),
    String(f.completed),
    percent(f.acceptanceRate),
    days(f.medianDaysToAccept),
    days(f.averageDaysToFirstSession),
    String(f.sessionsRecorded),
    String(f.sessionsAttended),
    percent(f.attendanceRate),
    String(f.outcomes.achieved),
    String(f.outcomes.partially_achieved),
    String(f.outcomes.not_achieved),
  ]
}

const rowView = (r: MonitoringRow) => ({
  name: r.name,
  organisation: r.organisation,
  waiting: r.waitingWeeks === null ? '' : waitingText(r.waitingWeeks),
  cells: figureCells(r.figures),
})

export function monitoringView(report: MonitoringReport) {
  const byService = report.byService.map(rowView)
  const byOrganisation = report.byOrganisation.map(rowView)
  const tables = [
    {
      qa: 'total',
      caption: 'All referrals',
      firstHeader: 'Referrals',
      rows: [{ name: 'All', cells: figureCells(report.total) }],
    },
    ...(byService.length ? [{ qa: 'by-service', caption: 'By service', firstHeader: 'Service', rows: byService }] : []),
    ...(byOrganisation.length
      ? [
          {
            qa: 'by-organisation',
            caption: 'By partner organisation',
            firstHeader: 'Organisation',
            rows: byOrganisation,
          },
        ]
      : []),
  ]
  return {
    tables,
    period: `${formatDate(report.query.from.toString())} to ${formatDate(report.query.to.toString())}`,
    columns: FIGURE_COLUMNS,
    total: figureCells(report.total),
    byService,
    byOrganisation,
    closed: report.closed.map(s => ({
      name: s.name,
      organisation: s.organisation_name,
      reason: s.closed_reason ?? '',
      href: paths.service(Number(s.id)),
    })),
    fundingEnding: report.fundingEnding.map(s => ({
      name: s.name,
      organisation: s.organisation_name,
      ends: formatDate(String(s.funding_ends_on)),
      href: paths.service(Number(s.id)),
    })),
  }
}

/**
 * One CSV cell, quoted when it must be (RFC 4180); a cell a spreadsheet would run as a formula is prefixed with `'`
 * (OWASP CSV injection).
 */
function csvCell(value: string): string {
  const v = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v
}

/** The report as CSV: a row per service, per organisation and the total, then closed and funding-ending services. */
export function monitoringCsv(report: MonitoringReport): string {
  const from = report.query.from.toString()
  const to = report.query.to.toString()
  const lines: string[][] = [['Level', 'Name', 'Organisation', 'From', 'To', ...FIGURE_COLUMNS, 'Note']]
  for (const r of report.byService)
    lines.push(['Service', r.name, r.organisation ?? '', from, to, ...figureCells(r.figures), ''])
  for (const r of report.byOrganisation)
    lines.push(['Organisation', r.name, '', from, to, ...figureCells(r.figures), ''])
  lines.push(['All', 'All referrals', '', from, to, ...figureCells(report.total), ''])
  const blank = FIGURE_COLUMNS.map(() => '')
  for (const s of report.closed)
    lines.push(['Closed to referrals', s.name, s.organisation_name, from, to, ...blank, s.closed_reason ?? ''])
  for (const s of report.fundingEnding)
    lines.push(['Funding ending', s.name, s.organisation_name, from, to, ...blank, String(s.funding_ends_on)])
  return lines.map(line => line.map(csvCell).join(',')).join('\r\n') + '\r\n'
}
