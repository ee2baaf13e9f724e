import { describe, expect, it } from 'vitest'
import { londonDate, londonWallClock } from './clock.ts'

/** The platform's own reading of London's wall clock, to the minute: what `londonWallClock` must always agree with. */
const platform = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
})
const read = (t: number) => {
  const p = Object.fromEntries(platform.formatToParts(new Date(t)).map(x => [x.type, x.value]))
  return { year: +p.year, month: +p.month, day: +p.day, hour: +p.hour, minute: +p.minute }
}

describe('London wall clock, remembered per UTC hour', () => {
  it('agrees with the platform every 7 minutes 13 seconds across both of 2026’s clock changes', () => {
    for (const change of [Date.parse('2026-03-29T01:00:00Z'), Date.parse('2026-10-25T01:00:00Z')]) {
      for (let t = change - 6 * 3_600_000; t < change + 6 * 3_600_000; t += 433_000)
        expect(londonWallClock(new Date(t)), new Date(t).toISOString()).toEqual(read(t))
    }
  })

  it('agrees with the platform at 5,000 instants from 1900 to 2100, seconds and milliseconds included', () => {
    let seed = 42
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648
    const from = Date.parse('1900-01-01T00:00:00Z')
    const to = Date.parse('2100-01-01T00:00:00Z')
    for (let i = 0; i < 5000; i++) {
      const t = Math.floor(from + next() * (to - from))
      expect(londonWallClock(new Date(t)), new Date(t).toISOString()).toEqual(read(t))
    }
  })

  it('gives the London date: 23:30 UTC on 30 June is 1 July in summer time, 23:30 UTC on 30 December is the 30th', () => {
    expect(londonDate(new Date('2026-06-30T23:30:00Z')).toString()).toBe('2026-07-01')
    expect(londonDate(new Date('2026-12-30T23:30:59.999Z')).toString()).toBe('2026-12-30')
    expect(londonWallClock(new Date('2026-10-25T00:59:59Z'))).toEqual({
      year: 2026,
      month: 10,
      day: 25,
      hour: 1,
      minute: 59,
    })
    expect(londonWallClock(new Date('2026-10-25T01:00:00Z'))).toEqual({
      year: 2026,
      month: 10,
      day: 25,
      hour: 1,
      minute: 0,
    })
  })
})
