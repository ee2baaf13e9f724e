import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CliIo } from '../io.ts'
import { main } from '../main.ts'

let dataDir: string
const saved = { ...process.env }

function fakeIo(stdin = '') {
  const out: string[] = []
  const err: string[] = []
  const io: CliIo = { readStdin: async () => stdin, out: t => out.push(t), err: t => err.push(t) }
  return { io, out, err }
}

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'probity-users-'))
  process.env.PROBITY_DATA_DIR = dataDir
  delete process.env.DATABASE_URL
  delete process.env.PROBITY_PASSWORD
})
afterAll(() => {
  process.env = saved
  rmSync(dataDir, { recursive: true, force: true })
})

describe('probity users', () => {
  it('adds the first administrator, who is then listed', async () => {
    const add = fakeIo('a long passphrase of mine\n')
    expect(await main(['users', 'add', 'jo.admin', '--name', 'Jo Admin', '--role', 'admin'], add.io)).toBe(0)
    expect(add.out.join('')).toContain('Added jo.admin')
    const list = fakeIo()
    expect(await main(['users', 'list'], list.io)).toBe(0)
    expect(list.out.join('\n')).toContain('jo.admin\tJo Admin\tadmin')
    // The first command migrates a new PGlite data directory: slow on a busy machine.
  }, 120_000)

  it('refuses bad input with every reason and a non-zero exit, adding nothing', async () => {
    const bad = fakeIo('short\n')
    expect(await main(['users', 'add', 'jo.admin', '--name', 'Again', '--role', 'wizard'], bad.io)).toBe(1)
    const message = bad.err.join('\n')
    expect(message).toContain('unknown role "wizard"')
    expect(message).toContain('12 characters or more')
    expect(message).toContain('already exists')
    const list = fakeIo()
    await main(['users', 'list'], list.io)
    expect(list.out).toHaveLength(1)
  })

  it('explains its usage for an unknown subcommand', async () => {
    const unknown = fakeIo()
    expect(await main(['users', 'frobnicate'], unknown.io)).toBe(1)
    expect(unknown.err.join('')).toContain('Usage')
  })
})
