import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import { explanationAfterSending, SOURCES } from './index.ts'

const d = (s: string) => LocalDate.parse(s)

describe('the 7 days to explain run from the day the letter was sent (rules-and-outcomes.md §3.1 "Written warning")', () => {
  it.each([
    ['2026-12-01', '2026-12-08'], // produced and sent the same day
    ['2026-12-03', '2026-12-10'], // sent two days after it was written
    ['2026-12-18', '2026-12-29'], // 25 Dec (Friday), weekend, 28 Dec (Boxing Day substitute) → next working day
  ])('sent on %s → explain by %s', (sent, due) => {
    const r = explanationAfterSending({ sentOn: d(sent), producedOn: d('2026-12-01'), today: d('2026-12-31') })
    expect(r.ok && r.deadline.due?.toString()).toBe(due)
    expect(r.ok && r.deadline.source).toBe(SOURCES.writtenWarning)
    expect(r.ok && r.deadline.basis).toContain(`sent on ${sent}`)
  })

  it('refuses a date in the future or before the letter was written', () => {
    const base = { producedOn: d('2026-12-01'), today: d('2026-12-05') }
    expect(explanationAfterSending({ ...base, sentOn: d('2026-12-06') })).toEqual({
      ok: false,
      message: 'The date sent must be today or in the past',
    })
    expect(explanationAfterSending({ ...base, sentOn: d('2026-11-30') })).toEqual({
      ok: false,
      message: 'The date sent cannot be before the letter was written',
    })
  })
})
