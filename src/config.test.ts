import { availableParallelism } from 'node:os'
import { describe, expect, it } from 'vitest'
import { loadConfig, MAX_WORKERS } from './config.ts'

describe('PROBITY_WORKERS', () => {
  const url = 'postgres://postgres@127.0.0.1:5432/probity'

  it('auto (the default) is one process per CPU with a PostgreSQL server, and 1 with embedded PGlite', () => {
    expect(loadConfig({ DATABASE_URL: url }).workers).toBe(Math.min(MAX_WORKERS, availableParallelism()))
    expect(loadConfig({ DATABASE_URL: url, PROBITY_WORKERS: 'auto' }).workers).toBe(
      Math.min(MAX_WORKERS, availableParallelism()),
    )
    expect(loadConfig({}).workers).toBe(1)
    expect(loadConfig({ PROBITY_WORKERS: 'AUTO' }).workers).toBe(1)
  })

  it('takes a number of workers with a PostgreSQL server', () => {
    expect(loadConfig({ DATABASE_URL: url, PROBITY_WORKERS: '3' }).workers).toBe(3)
    expect(loadConfig({ PROBITY_WORKERS: '1' }).workers).toBe(1)
  })

  it('refuses more than one worker with embedded PGlite, saying why', () => {
    expect(() => loadConfig({ PROBITY_WORKERS: '2' })).toThrow(
      /PROBITY_WORKERS=2 needs DATABASE_URL: .*PGlite, a database inside one process/,
    )
  })

  it('refuses anything but auto or a whole number from 1 to the maximum', () => {
    for (const bad of ['0', '-1', '1.5', 'two', '2x', String(MAX_WORKERS + 1)]) {
      expect(() => loadConfig({ DATABASE_URL: url, PROBITY_WORKERS: bad })).toThrow(
        `PROBITY_WORKERS must be auto or a whole number from 1 to ${MAX_WORKERS}, got "${bad}"`,
      )
    }
  })
})
