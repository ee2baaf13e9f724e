import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { systemClock } from '../../clock.ts'
import { loadConfig } from '../../config.ts'
import { connect, type DatabaseHandle } from '../../db/connect.ts'
import { prepareSchema } from '../../db/migrate.ts'
import { ValidationError } from '../../errors.ts'
import { importConvictionsExtract } from '../../features/outcomes/index.ts'
import type { Command } from '../io.ts'

const USAGE = 'Usage: probity import-convictions <extract.csv|extract.json>'

/**
 * `probity import-convictions <file>`: imports a police national computer extract (CSV or JSON, by the file's
 * extension or content; format in src/features/outcomes/README.md) as the web page does, in one transaction, and
 * prints the reconciliation counts and the import's id (its report is at /contracts/convictions/imports/<id>).
 * Exit 0 when imported; 1 with a message when the file cannot be read or its structure is wrong (nothing imported).
 *
 * @example
 * // probity import-convictions pnc-2026-11.csv
 * // Imported pnc-2026-11.csv as import 3: 120 rows: 80 added, 10 already held, 5 matches a court record, 20 unmatched, 5 rejected
 */
const importConvictions: Command = async (args, io) => {
  const [file, ...rest] = args
  if (file === '--help' || file === '-h') {
    io.out(USAGE)
    return 0
  }
  if (!file || rest.length) {
    io.err(`probity import-convictions: ${file ? `unexpected argument ${rest[0]}` : 'name the extract file'}. ${USAGE}`)
    return 1
  }
  let bytes: Buffer
  try {
    bytes = await readFile(file)
  } catch (error) {
    io.err(`probity import-convictions: cannot read ${file}: ${(error as Error).message}`)
    return 1
  }
  let handle: DatabaseHandle
  try {
    const config = loadConfig()
    handle = await connect(config)
    await prepareSchema(config, handle)
  } catch (error) {
    io.err(`probity import-convictions: could not open the database: ${(error as Error).message}`)
    return 1
  }
  try {
    const ctx = { user: undefined, requestId: 'cli-import-convictions', ip: null }
    const fileName = basename(file)
    const result = await importConvictionsExtract({ db: handle.db, clock: systemClock }, ctx, {
      ok: true,
      value: { fileName, bytes },
    })
    const c = result.counts
    io.out(
      `Imported ${fileName} as import ${result.id}: ${result.rowsRead} rows: ${c.added} added, ${c.already_held} already held, ` +
        `${c.matches_court_record} matches a court record, ${c.unmatched} unmatched, ${c.rejected} rejected`,
    )
    return 0
  } catch (error) {
    const message =
      error instanceof ValidationError ? error.errors.map(e => e.message).join('; ') : (error as Error).message
    io.err(`probity import-convictions: ${file} was not imported: ${message}`)
    return 1
  } finally {
    await handle.close()
  }
}
export default importConvictions
