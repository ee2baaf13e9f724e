import { contractsPaths } from '../../web/paths.ts'
import type { RowOutcome } from './convictions.ts'

/** View models of the PNC extract pages (issue 19 item 2): the past imports and an import's reconciliation report. */

export const OUTCOME_WORDS: Record<RowOutcome, string> = {
  added: 'Added',
  already_held: 'Already held',
  matches_court_record: 'Matches a court record',
  unmatched: 'Unmatched',
  rejected: 'Rejected',
}

interface ImportListRow {
  id: number
  file_name: string
  format: string
  rows_read: number
  added: number
  already_held: number
  unmatched: number
  rejected: number
  imported_at: Date | string
  imported_by: string | null
}

export function importsView(rows: readonly ImportListRow[]) {
  return {
    imports: rows.map(r => ({
      id: Number(r.id),
      href: contractsPaths.convictionsImport(Number(r.id)),
      fileName: r.file_name,
      format: r.format.toUpperCase(),
      importedAt: r.imported_at,
      importedBy: r.imported_by ?? 'Command line',
      rowsRead: r.rows_read,
      added: r.added,
      alreadyHeld: r.already_held,
      unmatched: r.unmatched,
      rejected: r.rejected,
      matchesCourt: r.rows_read - r.added - r.already_held - r.unmatched - r.rejected,
    })),
  }
}

interface ReportInput {
  id: number
  file_name: string
  format: string
  checksum: string
  imported_at: Date | string
  imported_by_name: string | null
  rows_read: number
  counts: Record<RowOutcome, number>
  report: readonly { row: number; pncKey: string | null; crn: string | null; outcome: RowOutcome; reason?: string }[]
}

export function importReportView(r: ReportInput) {
  const outcomes = Object.keys(OUTCOME_WORDS) as RowOutcome[]
  return {
    id: Number(r.id),
    fileName: r.file_name,
    format: r.format.toUpperCase(),
    checksum: r.checksum,
    importedAt: r.imported_at,
    importedBy: r.imported_by_name ?? 'Command line',
    rowsRead: r.rows_read,
    summary: outcomes.map(o => ({ key: { text: OUTCOME_WORDS[o] }, value: { text: String(r.counts[o]) } })),
    rows: r.report.map(row => ({
      row: row.row,
      pncKey: row.pncKey ?? '',
      crn: row.crn ?? '',
      outcome: OUTCOME_WORDS[row.outcome],
      reason: row.reason ?? '',
    })),
  }
}
