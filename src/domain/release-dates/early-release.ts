import type { LocalDate } from '@js-joda/core'
import type { BookingOutcome } from './booking-outcome.ts'

type Choice = 'tranche' | 'standard' | 'early'

/** Spec §4.2: tranche date when early < T ≤ standard; standard when standard < T or equal to early; else early. */
function choose(early: LocalDate | undefined, standard: LocalDate | undefined, tranche: LocalDate): Choice {
  if (early && standard && early.isBefore(tranche) && !standard.isBefore(tranche)) return 'tranche'
  if (standard && (standard.isBefore(tranche) || (early !== undefined && standard.equals(early)))) return 'standard'
  return 'early'
}

/**
 * Combines an early-release outcome (SDS40, progression) with the outcome under the earlier law, date by date,
 * against the tranche commencement date (spec §4.2, §4.4). When no date of either falls before the tranche
 * date the early outcome stands. `removeAda` compares release dates without ADA (progression model, §4.4).
 *
 * @example
 * const combined = applyTrancheDefaulting(early, standard, LocalDate.of(2024, 9, 10), 'SDS40 tranche 1', false)
 */
export function applyTrancheDefaulting(
  early: BookingOutcome,
  standard: BookingOutcome,
  tranche: LocalDate,
  trancheName: string,
  removeAda: boolean,
): BookingOutcome {
  const key = early.releaseKey
  const eRel = early.dates[key]!
  const sRel = standard.dates[standard.releaseKey]!
  const eH = early.dates.HDCED
  const sH = standard.dates.HDCED
  const anyBefore = [eRel ?? sRel, eH ?? sH].some(d => d !== undefined && d.isBefore(tranche))
  if (!anyBefore) return early

  const out: BookingOutcome = { ...early, dates: { ...early.dates }, explanations: { ...early.explanations } }
  const eCmp = removeAda ? eRel.minusDays(early.releaseAda) : eRel
  const sCmp = removeAda ? sRel.minusDays(standard.releaseAda) : sRel
  const rc = choose(eCmp, sCmp, tranche)
  if (rc === 'tranche') {
    out.dates[key] = removeAda ? tranche.plusDays(early.releaseAda) : tranche
    out.explanations[key] = {
      rule: 'EARLY_RELEASE_TRANCHE_COMMENCEMENT',
      text: `${key}: the early-release date (${eRel}) is before ${trancheName} commencement and the earlier-law date (${sRel}) is not, so release is on the commencement date → ${out.dates[key]}`,
    }
  } else if (rc === 'standard') {
    out.dates[key] = sRel
    const base = standard.explanations[standard.releaseKey]!
    out.explanations[key] = {
      rule: 'EARLY_RELEASE_STANDARD_APPLIES',
      text: `${base.text.replace(/^(CRD|ARD): /, `${key}: `)} (the earlier-law date is before ${trancheName} commencement on ${tranche}, so it stands)`,
    }
    // The TUSED follows the release basis chosen (spec §4.2).
    if (standard.dates.TUSED) {
      out.dates.TUSED = standard.dates.TUSED
      out.explanations.TUSED = standard.explanations.TUSED
    } else delete out.dates.TUSED
  }

  const hc = choose(eH, sH, tranche)
  if (hc === 'tranche') {
    out.dates.HDCED = tranche
    out.explanations.HDCED = {
      rule: 'EARLY_RELEASE_TRANCHE_COMMENCEMENT',
      text: `HDCED: moved to ${trancheName} commencement → ${tranche}`,
    }
  } else if (hc === 'standard') {
    out.dates.HDCED = sH
    out.explanations.HDCED = {
      rule: 'EARLY_RELEASE_STANDARD_APPLIES',
      text: `${standard.explanations.HDCED!.text} (before ${trancheName} commencement on ${tranche}, so it stands)`,
    }
  } else if (!eH) {
    delete out.dates.HDCED
    delete out.explanations.HDCED
  }
  // Spec §4.2: an HDCED equal to both the release date and the tranche date is dropped.
  const h = out.dates.HDCED
  if (h && h.equals(out.dates[key]!) && h.equals(tranche)) {
    delete out.dates.HDCED
    delete out.explanations.HDCED
  }
  return out
}
