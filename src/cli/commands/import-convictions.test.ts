import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect } from '../../db/connect.ts'
import type { CliIo } from '../io.ts'
import { main } from '../main.ts'

/**
 * `probity import-convictions <file>` (issue 19 item 2): imports a PNC extract and prints its reconciliation; a file
 * that cannot be read or whose structure is wrong exits 1 with a message and imports nothing.
 */

let dir: string
const saved = { ...process.env }

function fakeIo() {
  const out: string[] = []
  const err: string[] = []
  const io: CliIo = { readStdin: async () => '', out: t => out.push(t), err: t => err.push(t) }
  return { io, out, err }
}

async function importRows() {
  const handle = await connect({ dataDir: join(dir, 'data') })
  try {
    return await handle.db.selectFrom('pnc_imports').select(['rows_read', 'unmatched', 'rejected']).execute()
  } finally {
    await handle.close()
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'probity-pnc-'))
  process.env.PROBITY_DATA_DIR = join(dir, 'data')
  delete process.env.DATABASE_URL
})
afterAll(() => {
  process.env = saved
  rmSync(dir, { recursive: true, force: true })
})

describe('probity import-convictions', () => {
  it('imports an extract and prints what became of its rows', async () => {
    const file = join(dir, 'extract.csv')
    writeFileSync(
      file,
      'pncKey,crn,disposal,offenceCode,offenceDate,provenDate\n' +
        'K-1,Z999999,conviction,10501,2026-01-10,2026-03-01\n' +
        'K-2,Z999998,fine,10501,2026-01-10,2026-03-01\n',
    )
    const run = fakeIo()
    expect(await main(['import-convictions', file], run.io)).toBe(0)
    expect(run.out.join('')).toContain(
      '2 rows: 0 added, 0 already held, 0 matches a court record, 1 unmatched, 1 rejected',
    )
    expect(await importRows()).toEqual([{ rows_read: 2, unmatched: 1, rejected: 1 }])
    // The first command migrates a new PGlite data directory: slow on a busy machine.
  }, 120_000)

  it.each([
    ['a file that does not exist', 'missing.csv', null, 'cannot read'],
    ['a CSV without its columns', 'bad.csv', 'pncKey,crn\nK-3,Z999999\n', 'no disposal'],
    ['JSON that does not parse', 'bad.json', '{"rows": [', 'not valid JSON'],
  ])(
    'refuses %s with a non-zero exit, importing nothing',
    async (_what, name, content, message) => {
      const file = join(dir, name)
      if (content !== null) writeFileSync(file, content)
      const run = fakeIo()
      expect(await main(['import-convictions', file], run.io)).toBe(1)
      expect(run.err.join('')).toContain(message)
      expect(await importRows()).toHaveLength(1)
    },
    60_000,
  )

  it('says how to use it without a file', async () => {
    const run = fakeIo()
    expect(await main(['import-convictions'], run.io)).toBe(1)
    expect(run.err.join('')).toContain('Usage: probity import-convictions')
  })
})
