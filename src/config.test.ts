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

// Security review finding 9: TRUST_PROXY=true believed any X-Forwarded-For, so a client could pick its own address.
describe('TRUST_PROXY', () => {
  it('trusts no proxy by default', () => {
    expect(loadConfig({}).trustProxy).toBe(false)
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false)
  })

  it('takes the proxies’ addresses and CIDR ranges, or a hop count', () => {
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,fd00::/8' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
      'fd00::/8',
    ])
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1)
  })

  it('refuses true, which would trust anyone, saying what to set instead', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY=true would trust .* anyone.*127\.0\.0\.1/)
  })

  it('refuses anything that is not an address, a range or a hop count', () => {
    for (const bad of ['proxy.internal', '10.0.0.0/33', '10.0.0.1/8/8', '300.1.1.1', '99']) {
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY/)
    }
  })
})

describe('PROBITY_SHOW_ERROR_DETAIL', () => {
  it('is off unless the operator turns it on, whatever NODE_ENV says', () => {
    expect(loadConfig({}).showErrorDetail).toBe(false)
    expect(loadConfig({ NODE_ENV: 'development' }).showErrorDetail).toBe(false)
    expect(loadConfig({ PROBITY_SHOW_ERROR_DETAIL: 'true' }).showErrorDetail).toBe(true)
  })
})

describe('the Community Payback settings', () => {
  it('default to OpenStreetMap tiles and the National Living Wage 2025/26, and take the operator’s', () => {
    const defaults = loadConfig({}).communityPayback
    expect(defaults.tileUrl).toBe('https://tile.openstreetmap.org/{z}/{x}/{y}.png')
    expect(defaults.tileAttribution).toContain('OpenStreetMap')
    expect(defaults.hourlyValuePence).toBe(1221)
    expect(defaults.formSecret.length).toBeGreaterThan(30)
    const set = loadConfig({
      CP_MAP_TILE_URL: 'https://tiles.example.org/{z}/{x}/{y}.png',
      CP_HOURLY_VALUE_PENCE: '1300',
      CP_FORM_SECRET: 'a-secret',
    }).communityPayback
    expect([set.tileUrl, set.hourlyValuePence, set.formSecret]).toEqual([
      'https://tiles.example.org/{z}/{x}/{y}.png',
      1300,
      'a-secret',
    ])
  })

  it('refuses a tile URL that is not https or lacks its {z}/{x}/{y}', () => {
    expect(() => loadConfig({ CP_MAP_TILE_URL: 'http://tiles.example.org/{z}/{x}/{y}.png' })).toThrow(/CP_MAP_TILE_URL/)
    expect(() => loadConfig({ CP_MAP_TILE_URL: 'https://tiles.example.org/tile.png' })).toThrow(/CP_MAP_TILE_URL/)
  })
})
