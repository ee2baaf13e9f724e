import { LocalDate } from '@js-joda/core'

/**
 * Police national computer (PNC) extracts (issue 19 item 2), pure: the file's structure (CSV with a header row, or
 * JSON: an array of objects or `{ "rows": [...] }`) and each row's fields. A file whose structure is wrong is refused
 * whole (`{ ok: false }`); a row with a bad value is only that row's problem (`reason`), reported and skipped.
 *
 * Fields (CSV headers or JSON keys): pncKey (required: the extract's id of the disposal and offence), pnc and/or crn
 * (at least one), disposal (conviction | caution), offenceCode, description (optional), offenceDate and provenDate
 * (YYYY-MM-DD; provenDate is the conviction or caution date, not before the offence), provenBy (court or force,
 * optional).
 */

export const EXTRACT_FIELDS = [
  'pncKey',
  'pnc',
  'crn',
  'disposal',
  'offenceCode',
  'description',
  'offenceDate',
  'provenDate',
  'provenBy',
] as const
const REQUIRED_COLUMNS = ['pncKey', 'disposal', 'offenceCode', 'offenceDate', 'provenDate'] as const

export type RawRow = Partial<Record<(typeof EXTRACT_FIELDS)[number], string>>

export interface ExtractRow {
  pncKey: string
  pnc: string | null
  crn: string | null
  disposal: 'conviction' | 'caution'
  offenceCode: string
  description: string | null
  offenceDate: string
  provenDate: string
  provenBy: string | null
}

export type Extract =
  { ok: true; format: 'csv' | 'json'; rows: RawRow[] } | { ok: false; message: string; format: 'csv' | 'json' }

/** CSV or JSON by the file's name or content type, else by its first character. */
export function formatOf(fileName: string, contentType: string | undefined, text: string): 'csv' | 'json' {
  if (/\.json$/i.test(fileName) || /json/i.test(contentType ?? '')) return 'json'
  if (/\.csv$/i.test(fileName) || /csv/i.test(contentType ?? '')) return 'csv'
  return /^\s*[[{]/.test(text) ? 'json' : 'csv'
}

/** The rows of a CSV text (RFC 4180: quoted fields may hold commas, quotes doubled and line breaks). */
export function csvRecords(text: string): string[][] | null {
  const records: string[][] = []
  let field = ''
  let record: string[] = []
  let quoted = false
  const endRecord = () => {
    record.push(field)
    if (record.some(f => f !== '')) records.push(record)
    field = ''
    record = []
  }
  for (let k = text.charCodeAt(0) === 0xfeff ? 1 : 0; k < text.length; k++) {
    const c = text[k]
    if (quoted && c === '"' && text[k + 1] === '"') {
      field += '"'
      k++
    } else if (quoted && c === '"') quoted = false
    else if (quoted) field += c
    else if (c === '"' && field === '') quoted = true
    else if (c === ',') {
      record.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[k + 1] === '\n') k++
      endRecord()
    } else field += c
  }
  if (quoted) return null
  endRecord()
  return records
}

const KNOWN = new Map(EXTRACT_FIELDS.map(f => [f.toLowerCase(), f]))

function fromCsv(text: string): Extract {
  const records = csvRecords(text)
  if (!records) return { ok: false, format: 'csv', message: 'The CSV file has a quoted field that is never closed' }
  const [header, ...body] = records
  if (!header) return { ok: false, format: 'csv', message: 'The file is empty' }
  const columns = header.map(h => KNOWN.get(h.trim().toLowerCase()))
  const missing = REQUIRED_COLUMNS.filter(c => !columns.includes(c))
  if (!columns.includes('crn') && !columns.includes('pnc')) missing.push('crn or pnc' as never)
  if (missing.length) return { ok: false, format: 'csv', message: `The header row has no ${missing.join(', ')} column` }
  const rows: RawRow[] = []
  for (const [n, r] of body.entries()) {
    if (r.length !== header.length)
      return {
        ok: false,
        format: 'csv',
        message: `Line ${n + 2} has ${r.length} fields; the header has ${header.length}`,
      }
    const row: RawRow = {}
    columns.forEach((c, i) => {
      if (c) row[c] = r[i].trim()
    })
    rows.push(row)
  }
  return { ok: true, format: 'csv', rows }
}

function fromJson(text: string): Extract {
  let parsed: unknown
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch {
    return { ok: false, format: 'json', message: 'The file is not valid JSON' }
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { rows?: unknown } | null)?.rows
  if (!Array.isArray(list))
    return { ok: false, format: 'json', message: 'The JSON must be an array of rows or an object with "rows"' }
  const rows: RawRow[] = []
  for (const [n, item] of list.entries()) {
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      return { ok: false, format: 'json', message: `Row ${n + 1} is not an object` }
    const row: RawRow = {}
    for (const f of EXTRACT_FIELDS) {
      const v = (item as Record<string, unknown>)[f]
      if (typeof v === 'string' || typeof v === 'number') row[f] = String(v).trim()
    }
    rows.push(row)
  }
  return { ok: true, format: 'json', rows }
}

/**
 * The extract's rows, or why its structure is refused.
 *
 * @example
 * readExtract('pnc.csv', 'text/csv', 'pncKey,crn,disposal,offenceCode,offenceDate,provenDate\nK1,X123456,caution,10501,2025-02-01,2025-03-01')
 * // { ok: true, format: 'csv', rows: [{ pncKey: 'K1', crn: 'X123456', disposal: 'caution', … }] }
 */
export function readExtract(fileName: string, contentType: string | undefined, text: string): Extract {
  const format = formatOf(fileName, contentType, text)
  if (!text.trim()) return { ok: false, format, message: 'The file is empty' }
  return format === 'json' ? fromJson(text) : fromCsv(text)
}

function isoDate(value: string | undefined): LocalDate | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null
  try {
    return LocalDate.parse(value)
  } catch {
    return null
  }
}

/**
 * A row's fields checked: the row, or the reason it is rejected.
 *
 * @example
 * checkRow({ pncKey: 'K1', crn: 'X1', disposal: 'fine', offenceCode: '1', offenceDate: '2025-01-01', provenDate: '2025-02-01' })
 * // { ok: false, reason: 'Unknown disposal "fine": conviction or caution' }
 */
export function checkRow(raw: RawRow): { ok: true; row: ExtractRow } | { ok: false; reason: string } {
  const bad = (reason: string) => ({ ok: false as const, reason })
  if (!raw.pncKey) return bad('No pncKey')
  if (raw.pncKey.length > 100) return bad('The pncKey is longer than 100 characters')
  if (!raw.crn && !raw.pnc) return bad('Neither a CRN nor a PNC number')
  const disposal = raw.disposal?.toLowerCase()
  if (disposal !== 'conviction' && disposal !== 'caution')
    return bad(`Unknown disposal "${raw.disposal ?? ''}": conviction or caution`)
  if (!raw.offenceCode) return bad('No offence code')
  const offence = isoDate(raw.offenceDate)
  if (!offence) return bad('Bad offence date: not a real date in the form YYYY-MM-DD')
  const proven = isoDate(raw.provenDate)
  if (!proven) return bad('Bad proven date: not a real date in the form YYYY-MM-DD')
  if (proven.isBefore(offence)) return bad('Proven before the offence date')
  return {
    ok: true,
    row: {
      pncKey: raw.pncKey,
      pnc: raw.pnc || null,
      crn: raw.crn ? raw.crn.toUpperCase() : null,
      disposal,
      offenceCode: raw.offenceCode,
      description: raw.description || null,
      offenceDate: offence.toString(),
      provenDate: proven.toString(),
      provenBy: raw.provenBy || null,
    },
  }
}
