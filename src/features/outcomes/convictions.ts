import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import { audit, publish, type RequestContext } from '../../access/audit.ts'
import type { Clock } from '../../clock.ts'
import type { Database } from '../../db/schema.ts'
import { NotFoundError, ValidationError } from '../../errors.ts'
import type { Parsed } from '../../web/forms.ts'
import { checkRow, readExtract, type ExtractRow } from './convictions-extract.ts'
import * as q from './queries/convictions.ts'

/**
 * Convictions and cautions from police national computer extracts (issue 19 item 2). One transaction per import:
 * each row is added, already held (same PNC key, in the database or earlier in the file), matches a court record
 * Probity already holds (same person, offence code, offence date and conviction date: not added, so never counted
 * twice), unmatched (no person with that CRN or PNC number) or rejected (with the reason). A file whose structure is
 * wrong changes nothing. The import keeps its counts and the per-row report; the report names people by CRN only and
 * reading it is audited.
 */

export type RowOutcome = 'added' | 'already_held' | 'matches_court_record' | 'unmatched' | 'rejected'

export interface ReportRow {
  row: number
  pncKey: string | null
  crn: string | null
  outcome: RowOutcome
  reason?: string
}

export interface ImportCommand {
  fileName: string
  contentType?: string
  bytes: Buffer
}

export interface ImportResult {
  id: number
  rowsRead: number
  counts: Record<RowOutcome, number>
}

interface ConvictionsDeps {
  db: Kysely<Database>
  clock: Clock
}

type Person = { id: number; crn: string }

/** Each checked row's outcome against what the database holds; `toAdd` the rows to insert. */
async function reconcile(trx: Kysely<Database>, checked: ReturnType<typeof checkRow>[]) {
  const rows = checked.flatMap(c => (c.ok ? [c.row] : []))
  const people = await q.peopleByCrnOrPnc(
    trx,
    [...new Set(rows.flatMap(r => (r.crn ? [r.crn] : [])))],
    [...new Set(rows.flatMap(r => (r.pnc ? [r.pnc] : [])))],
  )
  const byCrn = new Map(people.map(p => [p.crn, p]))
  const byPnc = new Map(people.flatMap(p => (p.pnc ? [[p.pnc, p] as const] : [])))
  const held = await q.heldPncKeys(trx, [...new Set(rows.map(r => r.pncKey))])
  const court = await q.courtOffenceKeys(trx, [...new Set(people.map(p => Number(p.id)))])
  const seen = new Set<string>()
  const toAdd: { row: ExtractRow; person: Person }[] = []
  const report: ReportRow[] = checked.map((c, k): ReportRow => {
    if (!c.ok) return { row: k + 1, pncKey: null, crn: null, outcome: 'rejected', reason: c.reason }
    const r = c.row
    const person = (r.crn ? byCrn.get(r.crn) : undefined) ?? (r.pnc ? byPnc.get(r.pnc) : undefined)
    const base = { row: k + 1, pncKey: r.pncKey, crn: person?.crn ?? r.crn }
    if (held.has(r.pncKey) || seen.has(r.pncKey)) return { ...base, outcome: 'already_held' }
    seen.add(r.pncKey)
    if (!person) return { ...base, outcome: 'unmatched', reason: 'No person with that CRN or PNC number' }
    const key = `${person.id}|${r.offenceCode}|${r.offenceDate}|${r.provenDate}`
    if (r.disposal === 'conviction' && court.has(key))
      return { ...base, outcome: 'matches_court_record', reason: 'Already recorded from court' }
    toAdd.push({ row: r, person: { id: Number(person.id), crn: person.crn } })
    return { ...base, outcome: 'added' }
  })
  return { report, toAdd }
}

const countsOf = (report: readonly ReportRow[]): Record<RowOutcome, number> => {
  const counts = { added: 0, already_held: 0, matches_court_record: 0, unmatched: 0, rejected: 0 }
  for (const r of report) counts[r.outcome]++
  return counts
}

/** Imports an extract: the reconciliation in one transaction, its import row, audit row and event. */
export async function importExtract(
  deps: ConvictionsDeps,
  ctx: RequestContext,
  command: Parsed<ImportCommand>,
): Promise<ImportResult> {
  if (!command.ok) throw new ValidationError(command.errors)
  const { fileName, contentType, bytes } = command.value
  const extract = readExtract(fileName, contentType, bytes.toString('utf8'))
  if (!extract.ok) throw new ValidationError([{ field: 'file', message: `${extract.message}: nothing was imported` }])
  const checked = extract.rows.map(checkRow)
  return deps.db.transaction().execute(async trx => {
    const { report, toAdd } = await reconcile(trx, checked)
    const counts = countsOf(report)
    const id = await q.insertPncImport(trx, {
      file_name: fileName.slice(0, 200),
      format: extract.format,
      checksum: createHash('sha256').update(bytes).digest('hex'),
      rows_read: report.length,
      added: counts.added,
      already_held: counts.already_held,
      unmatched: counts.unmatched,
      rejected: counts.rejected,
      report: JSON.stringify(report),
      imported_by: ctx.user?.id ?? null,
      imported_at: deps.clock.now(),
    })
    await q.insertProvenOffences(
      trx,
      toAdd.map(({ row: r, person }) => ({
        person_id: person.id,
        pnc_key: r.pncKey,
        disposal: r.disposal,
        offence_code: r.offenceCode,
        description: r.description,
        offence_date: r.offenceDate,
        proven_date: r.provenDate,
        proven_by: r.provenBy,
        import_id: id,
      })),
    )
    const detail = { importId: id, fileName, rowsRead: report.length, ...counts }
    await audit(trx, ctx, { action: 'PNC_IMPORTED', subject: `pnc import ${id}`, detail })
    await publish(trx, 'outcomes.pnc-imported', null, detail)
    return { id, rowsRead: report.length, counts }
  })
}

/** Past imports, newest first. */
export async function pastImports(deps: ConvictionsDeps) {
  return q.listPncImports(deps.db)
}

/** An import's reconciliation report; it names people (by CRN), so reading it is audited. */
export async function importReport(deps: ConvictionsDeps, ctx: RequestContext, id: number) {
  const found = await q.findPncImport(deps.db, id)
  if (!found) throw new NotFoundError('No such import')
  const raw: unknown = found.report
  const report = (typeof raw === 'string' ? JSON.parse(raw) : raw) as ReportRow[]
  const crns = [...new Set(report.flatMap(r => (r.crn && r.outcome !== 'unmatched' ? [r.crn] : [])))]
  await audit(deps.db, ctx, {
    action: 'PNC_IMPORT_VIEWED',
    subject: `pnc import ${id}`,
    detail: { importId: id },
    shownPersonIds: await q.personIdsByCrn(deps.db, crns),
  })
  return { ...found, report, counts: countsOf(report) }
}

export function createConvictionsUseCases(deps: ConvictionsDeps) {
  return {
    importExtract: (ctx: RequestContext, c: Parsed<ImportCommand>) => importExtract(deps, ctx, c),
    pastImports: () => pastImports(deps),
    importReport: (ctx: RequestContext, id: number) => importReport(deps, ctx, id),
  }
}
