import type { LocalDate } from '@js-joda/core'
import type { Booking } from './booking.ts'
import { calculateUnitsByPeriod } from './custodial-periods.ts'
import type { Basis, UnitContext, UnitResult } from './unit-calculation.ts'
import type { DateExplanation, DateKey } from './types.ts'

/** The booking's dates under one basis, before any tranche defaulting. */
export interface BookingOutcome {
  dates: Partial<Record<DateKey, LocalDate>>
  explanations: Partial<Record<DateKey, DateExplanation>>
  releaseKey: 'CRD' | 'ARD'
  /** Net ADA in the latest release, so progression defaulting can compare without it (spec §4.4). */
  releaseAda: number
  results: UnitResult[]
}

function latest<T>(items: readonly T[], date: (t: T) => LocalDate | undefined): T | undefined {
  let best: T | undefined
  let bestDate: LocalDate | undefined
  for (const item of items) {
    const d = date(item)
    if (d && (!bestDate || d.isAfter(bestDate))) {
      best = item
      bestDate = d
    }
  }
  return best
}

function licenceExpiry(r: UnitResult): LocalDate | undefined {
  return r.licence === 'SLED' ? r.expiry : r.licence === 'LED' ? r.led : undefined
}

function from(r: UnitResult, many: boolean, e: DateExplanation, key: DateKey): DateExplanation {
  const label = r.unit.parts.map(p => p.ref).join(' + ')
  const text = e.text.replace(/^(CRD|ARD|HDCED|LED|TUSED): /, '')
  return { rule: e.rule, text: `${key}: ${many ? `from ${label} (the latest of the sentences), ` : ''}${text}` }
}

/**
 * Calculates every unit and extracts the booking dates (spec §7.1): latest release, latest expiry, LED/SLED,
 * CRD rather than ARD when a licence runs past the release, TUSED only past every licence, HDCED by §6.
 *
 * @example
 * const outcome = calculateBookingOutcome(booking, standardBasis, ctx)
 * outcome.dates.CRD
 */
export function calculateBookingOutcome(booking: Booking, basis: Basis, ctx: UnitContext): BookingOutcome {
  const results = calculateUnitsByPeriod(booking, basis, ctx)
  const many = results.length > 1
  const dates: BookingOutcome['dates'] = {}
  const explanations: BookingOutcome['explanations'] = {}

  const rel = latest(results, r => r.release)!
  const releaseMax = rel.release
  const exp = latest(results, r => r.expiry)!
  const lic = latest(results, licenceExpiry)
  const ledMax = lic ? licenceExpiry(lic)! : undefined
  const releaseKey = ledMax && !ledMax.isBefore(releaseMax) ? 'CRD' : 'ARD'
  dates[releaseKey] = releaseMax
  explanations[releaseKey] = from(rel, many, rel.explain.release, releaseKey)

  if (releaseKey === 'CRD' && ledMax && lic) {
    if (ledMax.equals(exp.expiry)) {
      dates.SLED = exp.expiry
      explanations.SLED = {
        rule: 'SENTENCE_AND_LICENCE_EXPIRY',
        text: `SLED: licence runs to the ${exp.explain.expiry.text}`,
      }
    } else {
      dates.SED = exp.expiry
      explanations.SED = { rule: 'SENTENCE_EXPIRY', text: `SED: ${exp.explain.expiry.text}` }
      dates.LED = ledMax
      const ledExplain = lic.explain.led ?? {
        rule: 'LICENCE_EXPIRY',
        text: `licence to the ${lic.explain.expiry.text}`,
      }
      explanations.LED = from(lic, many, ledExplain, 'LED')
    }
  } else {
    dates.SED = exp.expiry
    explanations.SED = { rule: 'SENTENCE_EXPIRY', text: `SED: ${exp.explain.expiry.text}` }
  }

  // Spec §5.5: TUSED only when it runs past every licence.
  const tu = latest(results, r => r.tused)
  if (tu?.tused && (!ledMax || tu.tused.isAfter(ledMax))) {
    dates.TUSED = tu.tused
    explanations.TUSED = from(tu, many, tu.explain.tused!, 'TUSED')
  }

  // Spec §6 "Several sentences".
  const latestHaveHdc = results.some(r => r.release.equals(releaseMax) && r.hdced)
  if (latestHaveHdc) {
    const candidates = results.filter(r => r.hdced && !r.unit.start.plusDays(14).isAfter(releaseMax))
    const h = latest(candidates, r => r.hdced)
    if (h?.hdced) {
      let date = h.hdced
      let explanation = from(h, many, h.explain.hdced!, 'HDCED')
      for (const r of results) {
        if (!r.hdced && r.release.isAfter(date)) {
          date = r.release
          explanation = {
            rule: 'HDCED_ADJUSTED_TO_CONCURRENT_CONDITIONAL_RELEASE',
            text: `HDCED: moved to ${date}, the release date of ${r.unit.parts.map(p => p.ref).join(' + ')}, which has no HDC of its own`,
          }
        }
      }
      if (date.isBefore(releaseMax)) {
        dates.HDCED = date
        explanations.HDCED = explanation
      }
    }
  }

  const esed = latest(results, r => r.unit.unadjustedExpiry)!
  dates.ESED = esed.unit.unadjustedExpiry
  explanations.ESED = {
    rule: 'EFFECTIVE_SENTENCE_END',
    text: `ESED: latest unadjusted sentence end (${esed.unit.parts.map(p => p.ref).join(' + ')}) → ${dates.ESED}`,
  }

  return { dates, explanations, releaseKey, releaseAda: rel.totals.ada - rel.totals.rada, results }
}
