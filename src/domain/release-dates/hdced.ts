import type { LocalDate } from '@js-joda/core'
import { KEY_DATES } from './key-dates.ts'
import { describeAdjustments, type UnitResult, type UnitContext } from './unit-calculation.ts'
import type { DateExplanation } from './types.ts'

/** HDC-180 and HDC-365 (spec §6): below the midpoint a quarter-style point, above it release minus the deduction. */
const HDC_RULES = [
  { name: 'HDC-180', midpoint: 360, deduction: 180 },
  { name: 'HDC-365', midpoint: 730, deduction: 365 },
] as const

function candidate(r: UnitResult, rule: (typeof HDC_RULES)[number]): { date: LocalDate; text: string; ruleId: string } {
  const start = r.unit.start
  const t = r.totals
  const deductions = t.remand + t.taggedBail
  let days: number
  let text: string
  let ruleId: string
  if (r.releaseDays < rule.midpoint) {
    const quarter = Math.floor((r.c30 + 59) / 60) // ceil(C / 2)
    days = Math.max(28, quarter)
    text = `${rule.name}: custodial period of ${r.releaseDays} days is under ${rule.midpoint}, so half of it (at least 28 days) = ${days} days after sentence`
    ruleId = `${rule.name.replace('-', '_')}_UNDER_MIDPOINT`
  } else {
    days = r.releaseDays - rule.deduction
    text = `${rule.name}: release point day ${r.releaseDays} less ${rule.deduction} days = ${days} days after sentence`
    ruleId = `${rule.name.replace('-', '_')}_RELEASE_LESS_${rule.deduction}`
  }
  const floor = start.plusDays(14)
  const deducted = start.plusDays(days - deductions)
  if (!deducted.isAfter(floor)) {
    // Spec §6 "14-day floor": at least 14 days are served before HDC.
    return {
      date: floor.plusDays(t.ual),
      text: `${text}, ${describeAdjustments(t, false)} → on or before sentence date + 14, so sentence date + 14 days`,
      ruleId: 'HDCED_14_DAY_MINIMUM',
    }
  }
  const adj = describeAdjustments(t, false)
  return { date: deducted.plusDays(t.ual), text: `${text}${adj ? `, ${adj}` : ''}`, ruleId }
}

/**
 * HDCED for one unit, or undefined when it has none (spec §6).
 *
 * @example
 * hdcedFor(result, ctx)?.date.toString() // '2013-11-03'
 */
export function hdcedFor(
  r: UnitResult,
  ctx: UnitContext,
): { date: LocalDate; explanation: DateExplanation } | undefined {
  const { unit } = r
  if (ctx.hdcExcluded) return undefined
  if (r.releaseDays < 42) return undefined
  if (r.release.isBefore(unit.start.plusDays(14))) return undefined
  // Spec §0, §6: the progression model removes adult HDC.
  if (r.progressionAffected) return undefined

  const netAda = r.totals.ada - r.totals.rada
  const h180 = candidate(r, HDC_RULES[0])
  let chosen: { date: LocalDate; text: string; ruleId: string }
  if (h180.date.isBefore(KEY_DATES.HDC_365)) {
    chosen = h180
  } else {
    const h365 = candidate(r, HDC_RULES[1])
    chosen = !h365.date.isBefore(KEY_DATES.HDC_365)
      ? h365
      : {
          date: KEY_DATES.HDC_365,
          text: `${h365.text}; HDC-365 cannot start before its commencement`,
          ruleId: 'HDCED_HDC_365_COMMENCEMENT',
        }
  }
  const date = chosen.date.plusDays(netAda)
  if (ctx.regime.hdcCleanStop && !unit.section250 && !date.isBefore(KEY_DATES.HDC_CLEAN_STOP)) return undefined
  // Spec §6: only reported when it is before the release date.
  if (!date.isBefore(r.release)) return undefined
  const adaText = netAda ? `, plus ${netAda} additional days awarded` : ''
  return { date, explanation: { rule: chosen.ruleId, text: `HDCED: ${chosen.text}${adaText} → ${date}` } }
}
