import { hasSds40Exclusion, hasT3Exclusion, isProgressionExcluded, type Sentence, type Unit } from './booking.ts'
import { FORTY_PERCENT, type Fraction, HALF, ONE_THIRD, TWO_THIRDS } from './fractions.ts'
import { KEY_DATES } from './key-dates.ts'
import type { Basis } from './unit-calculation.ts'

const never = () => false

/** CJA 2003 s.244 / s.244ZA: SDS at one half, SDS+ at two thirds (spec §4.1). */
export const STANDARD_BASIS: Basis = {
  name: 'standard',
  fraction: p => (p.plus ? TWO_THIRDS : HALF),
  progression: never,
}

/** SDS40 fraction for a part (spec §4.2): SDS+ stays 2/3, excluded offences stay 1/2. */
function sds40Fraction(p: Sentence, t3Reverted: boolean): Fraction {
  if (p.plus) return TWO_THIRDS
  if (hasSds40Exclusion(p) || (t3Reverted && hasT3Exclusion(p))) return HALF
  return FORTY_PERCENT
}

/**
 * SDS40 for every unit: the "early" result of the tranche comparison (spec §4.2).
 *
 * @example
 * sds40Basis(false).fraction(sentence, unit) === FORTY_PERCENT
 */
export function sds40Basis(t3Reverted: boolean): Basis {
  return { name: '40%', fraction: p => sds40Fraction(p, t3Reverted), progression: never }
}

/** SDS40 only for units sentenced from 2024-09-10; the "standard" result of the tranche comparison. */
export function sds40ForNewSentencesBasis(t3Reverted: boolean): Basis {
  return {
    name: 'standard',
    fraction: (p, u: Unit) =>
      u.start.isBefore(KEY_DATES.SDS40_TRANCHE_1) ? STANDARD_BASIS.fraction(p, u) : sds40Fraction(p, t3Reverted),
    progression: never,
  }
}

/**
 * Progression model (spec §4.4): SDS 1/3, SDS+ 1/2; excluded parts keep their SDS40 fraction.
 *
 * @example
 * progressionBasis(false).fraction(sds, unit) === ONE_THIRD
 */
export function progressionBasis(t3Reverted: boolean): Basis {
  return {
    name: 'progression',
    fraction: p => (isProgressionExcluded(p) ? sds40Fraction(p, t3Reverted) : p.plus ? HALF : ONE_THIRD),
    progression: p => !isProgressionExcluded(p),
  }
}
