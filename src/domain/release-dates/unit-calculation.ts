import type { LocalDate } from '@js-joda/core'
import type { Sentence, Unit } from './booking.ts'
import { type Fraction, releaseDays } from './fractions.ts'
import { hdcedFor } from './hdced.ts'
import type { Regime } from './regimes.ts'
import { aggregateRuns, daysBetween, runsEnd } from './term.ts'
import type { DateExplanation } from './types.ts'

/** Which fraction each part is released at, and whether the progression model produced it. */
export interface Basis {
  name: string
  fraction: (part: Sentence, unit: Unit) => Fraction
  progression: (part: Sentence, unit: Unit) => boolean
}

/** Adjustment totals that reach a unit through its custodial period (spec §3.2). */
export interface Totals {
  remand: number
  taggedBail: number
  ual: number
  ada: number
  rada: number
}

export const NO_TOTALS: Totals = { remand: 0, taggedBail: 0, ual: 0, ada: 0, rada: 0 }

/** Booking-wide facts a unit calculation needs. */
export interface UnitContext {
  regime: Regime
  pssRepealed: boolean
  dateOfBirth: LocalDate
  /** Sex offender, or any SDS+ / SDS+-qualifying sentence in the booking (spec §6). */
  hdcExcluded: boolean
}

/** Dates for one sentence or chain, before the booking-level extraction (spec §7.1). */
export interface UnitResult {
  unit: Unit
  releaseDays: number
  /** Days to release as an exact number of thirtieths (the undivided "C" of spec §6). */
  c30: number
  release: LocalDate
  releaseNoAda: LocalDate
  releaseType: 'CRD' | 'ARD'
  expiry: LocalDate
  licence: 'SLED' | 'LED' | null
  led?: LocalDate
  tused?: LocalDate
  hdced?: LocalDate
  progressionAffected: boolean
  totals: Totals
  explain: {
    release: DateExplanation
    expiry: DateExplanation
    led?: DateExplanation
    tused?: DateExplanation
    hdced?: DateExplanation
  }
}

function plural(n: number, word: string): string {
  return `${n} day${n === 1 ? '' : 's'} ${word}`
}

/** "less 45 days remand and tagged bail, plus 29 days UAL" */
export function describeAdjustments(t: Totals, withAda: boolean): string {
  const bits: string[] = []
  if (t.remand) bits.push(`less ${plural(t.remand, 'remand')}`)
  if (t.taggedBail) bits.push(`less ${plural(t.taggedBail, 'tagged bail')}`)
  if (t.ual) bits.push(`plus ${plural(t.ual, 'unlawfully at large')}`)
  if (withAda && t.ada) bits.push(`plus ${plural(t.ada, 'additional days awarded')}`)
  if (withAda && t.rada) bits.push(`less ${plural(t.rada, 'restored')}`)
  return bits.join(', ')
}

/**
 * Days to release for a unit. One fraction: ceil(days × fraction). Several fractions in one chain
 * (spec §7.2): group parts by fraction in order of first appearance; each group is counted from the day after
 * the previous group's notional release, and the ceilings are added.
 */
function releasePoint(unit: Unit, basis: Basis): { days: number; c30: number; text: string; fractions: Fraction[] } {
  const fractions = unit.parts.map(p => basis.fraction(p, unit))
  const first = fractions[0]
  if (fractions.every(f => f === first)) {
    const days = releaseDays(unit.days, first)
    return {
      days,
      c30: unit.days * first.thirtieths,
      text: `${first.label} of ${unit.days} days = day ${days}`,
      fractions,
    }
  }
  const groups: { f: Fraction; parts: Sentence[] }[] = []
  unit.parts.forEach((p, i) => {
    const g = groups.find(x => x.f === fractions[i])
    if (g) g.parts.push(p)
    else groups.push({ f: fractions[i], parts: [p] })
  })
  let from = unit.start
  let total = 0
  let c30 = 0
  const texts: string[] = []
  for (const g of groups) {
    const end = runsEnd(from, aggregateRuns(g.parts.map(p => p.term)))
    const gDays = daysBetween(from, end) + 1
    const r = releaseDays(gDays, g.f)
    texts.push(`${g.f.name} of ${gDays} days (${g.parts.map(p => p.ref).join(', ')}) = ${r}`)
    total += r
    c30 += gDays * g.f.thirtieths
    from = from.plusDays(r)
  }
  return { days: total, c30, text: `${texts.join(' + ')} = day ${total}`, fractions }
}

/**
 * Calculates one unit under one basis with the adjustments of its custodial period.
 *
 * @example
 * const r = calculateUnit(unit, standardBasis, { ...NO_TOTALS, remand: 45 }, ctx)
 * r.release.toString() // '2014-05-01'
 */
export function calculateUnit(unit: Unit, basis: Basis, totals: Totals, ctx: UnitContext): UnitResult {
  const { start } = unit
  const point = releasePoint(unit, basis)
  const progressionAffected = unit.parts.some(p => basis.progression(p, unit))
  const unadjusted = start.plusDays(point.days - 1)
  const deductions = totals.remand + totals.taggedBail
  const netAda = totals.ada - totals.rada
  // Spec §3.1 / §1.12: release never before the sentence date ("immediate release").
  const noAdaRaw = unadjusted.plusDays(totals.ual - deductions)
  const releaseNoAda = noAdaRaw.isBefore(start) ? start : noAdaRaw
  const raw = noAdaRaw.plusDays(netAda)
  const release = raw.isBefore(start) ? start : raw
  const expiryRaw = unit.unadjustedExpiry.plusDays(totals.ual - deductions)
  const expiry = expiryRaw.isBefore(start) ? start : expiryRaw

  // Release type and licence (spec §2, §5.6, §8).
  const b18 = ctx.dateOfBirth.plusYears(18)
  const under18AtRelease = release.isBefore(b18)
  let releaseType: 'CRD' | 'ARD' = 'CRD'
  let licence: UnitResult['licence'] = 'SLED'
  let led: LocalDate | undefined
  let ledText = ''
  let typeRule = ''
  if (unit.days <= 1) {
    releaseType = 'ARD'
    licence = null
    typeRule = 'one-day term: unconditional release, no licence'
  } else if (unit.allLegacy) {
    if (unit.under12Months) {
      releaseType = 'ARD'
      licence = null
      typeRule = 'pre-2005 offence, under 12 months: unconditional release'
    } else if (unit.under4Years) {
      licence = 'LED'
      // Legacy licence ends at three quarters; surplus deductions beyond the release point are added back (spec §2, psi-31).
      const threeQuarters = Math.floor((unit.days * 3 + 3) / 4)
      const excess = Math.max(0, deductions - point.days)
      led = start.plusDays(threeQuarters + totals.ual - deductions + excess - 1)
      ledText = `LED: three-quarter point of ${unit.days} days = day ${threeQuarters}${deductions || totals.ual ? `, ${describeAdjustments(totals, false)}` : ''}${excess ? `, plus ${excess} days of deductions beyond the release point` : ''} → ${led}`
    }
  } else if (unit.anyOra && !unit.allOra && unit.under12Months && !unit.anyLegacy) {
    // Mixed ORA / pre-ORA chain under 12 months: licence for half the ORA parts (spec §5.6).
    licence = 'LED'
    const oraDays = unit.parts
      .filter(p => p.ora)
      .reduce((n, p) => n + daysBetween(p.sentenceDate, runsEnd(p.sentenceDate, [p.term])) + 1, 0)
    led = release.plusDays(Math.floor(oraDays / 2))
    ledText = `LED: release date ${release} plus half of the ${oraDays} days of ORA parts (${Math.floor(oraDays / 2)} days) → ${led}`
  } else if (!unit.anyOra && !unit.anyLegacy && unit.under12Months && !progressionAffected) {
    releaseType = 'ARD'
    licence = null
    typeRule = 'offence before 1 Feb 2015 and term under 12 months: unconditional release'
  }
  if (releaseType === 'CRD' && unit.under12Months && under18AtRelease) {
    releaseType = 'ARD'
    licence = null
    led = undefined
    typeRule = 'under 18 on the release date and term under 12 months: unconditional release'
  }

  const adj = describeAdjustments(totals, true)
  const floorText = raw.isBefore(start) ? `, not before the sentence date (immediate release)` : ''
  const releaseText = `${releaseType}: ${point.text} → ${unadjusted}${adj || floorText ? `${adj ? `, ${adj}` : ''}${floorText} → ${release}` : ''}${typeRule ? ` (${typeRule})` : ''}`
  const expiryAdj = describeAdjustments(totals, false)
  const expiryText = `end of the ${unit.parts.length > 1 ? `aggregate term (${unit.parts.map(p => p.ref).join(' + ')})` : 'term'} of ${unit.days} days → ${unit.unadjustedExpiry}${expiryAdj ? `, ${expiryAdj} → ${expiry}` : ''}`

  const result: UnitResult = {
    unit,
    releaseDays: point.days,
    c30: point.c30,
    release,
    releaseNoAda,
    releaseType,
    expiry,
    licence,
    led,
    progressionAffected,
    totals,
    explain: {
      release: {
        rule: progressionAffected
          ? 'PROGRESSION_RELEASE_POINT'
          : `RELEASE_AT_${point.fractions[0].name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`,
        text: releaseText,
      },
      expiry: { rule: 'SENTENCE_EXPIRY', text: expiryText },
      led: led ? { rule: unit.allLegacy ? 'LEGACY_LED_THREE_QUARTERS' : 'MIXED_ORA_LED', text: ledText } : undefined,
    },
  }

  // TUSED (spec §5.2, §5.3, §5.4).
  if (
    !ctx.pssRepealed &&
    releaseType === 'CRD' &&
    unit.anyOra &&
    !unit.anyLegacy &&
    unit.days > 1 &&
    unit.under2Years &&
    start.plusDays(Math.ceil(unit.days / 2)).isAfter(b18) &&
    !releaseNoAda.isBefore(b18) &&
    unit.days - point.days < 365
  ) {
    result.tused = releaseNoAda.plusMonths(12)
    result.explain.tused = {
      rule: 'TUSED_12_MONTHS_FROM_RELEASE',
      text: `TUSED: 12 months from release on ${releaseNoAda} (additional days not counted) → ${result.tused}`,
    }
  }

  const hdc = hdcedFor(result, ctx)
  if (hdc) {
    result.hdced = hdc.date
    result.explain.hdced = hdc.explanation
  }
  return result
}

export type { Sentence }
