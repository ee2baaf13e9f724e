import { describe, expect, it } from 'vitest'
import { capacitySettingsFrom, findCapacity, nextCapacityStep, type CapacitySettings } from '../../bench/capacity.ts'

const settings: CapacitySettings = {
  thinkMs: 20_000,
  seconds: 1,
  from: 500,
  max: 16_000,
  refine: 3,
  roundTo: 50,
  p95Ms: 100,
}

/** A server that answers in 10 ms up to `limit` practitioners and in 300 ms above. */
const serverUpTo =
  (limit: number, errorsAbove = Infinity) =>
  async (users: number) => ({
    latency: Array.from({ length: 100 }, () => (users <= limit ? 10 : 300)),
    seconds: 1,
    timeouts: 0,
    errors: users > errorsAbove ? 1 : 0,
    wrongStatus: 0,
  })

describe('the capacity search', () => {
  it('doubles until a number is not served, then halves the gap three times', async () => {
    const result = await findCapacity(serverUpTo(2_700), settings)
    expect(result.steps.map(s => s.users)).toEqual([500, 1000, 2000, 4000, 3000, 2500, 2750])
    expect(result.served).toBe(2500)
    expect(result.notServed).toBe(2750)
  })

  it('counts an error as not served even when the p95 is fast', async () => {
    const result = await findCapacity(serverUpTo(100_000, 1_500), settings)
    expect(result.served).toBe(1_500)
    expect(result.notServed).toBeLessThanOrEqual(2_000)
  })

  it('says every number was served when it reaches the ceiling', async () => {
    const result = await findCapacity(serverUpTo(100_000), settings)
    expect(result.steps.at(-1)?.users).toBe(16_000)
    expect(result.served).toBe(16_000)
    expect(result.notServed).toBeUndefined()
  })

  it('stops at once when the first number is not served', async () => {
    const result = await findCapacity(serverUpTo(100), settings)
    expect(result.steps).toHaveLength(1)
    expect(result.served).toBe(0)
    expect(nextCapacityStep(result.steps, settings)).toBeUndefined()
  })
})

describe('the capacity settings from BENCH_CAPACITY_*', () => {
  it('takes 0 halvings (stop at the first failure) but refuses 0 practitioners and words', () => {
    expect(capacitySettingsFrom({ BENCH_CAPACITY_REFINE: '0' }).refine).toBe(0)
    expect(capacitySettingsFrom({ BENCH_CAPACITY_FROM: '2500' }).from).toBe(2500)
    expect(capacitySettingsFrom({}).refine).toBe(3)
    expect(() => capacitySettingsFrom({ BENCH_CAPACITY_FROM: '0' })).toThrow(/BENCH_CAPACITY_FROM must be a positive/)
    expect(() => capacitySettingsFrom({ BENCH_CAPACITY_REFINE: '-1' })).toThrow(/BENCH_CAPACITY_REFINE/)
    expect(() => capacitySettingsFrom({ BENCH_CAPACITY_SECONDS: 'ten' })).toThrow(/BENCH_CAPACITY_SECONDS/)
  })
})
