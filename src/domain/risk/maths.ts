import { ChronoUnit, Period, type LocalDate } from '@js-joda/core'

/**
 * Logistic function p = eˣ / (1 + eˣ) (spec §2), written so large |x| cannot overflow.
 *
 * @example
 * logistic(0) // 0.5
 */
export function logistic(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x))
  const e = Math.exp(x)
  return e / (1 + e)
}

const POWERS = [1, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7, 1e8]

/**
 * Rounds half away from zero on the number's shortest decimal form, as Java's
 * `BigDecimal.valueOf(x).setScale(dp, HALF_UP)` does (spec §2 "Percent rounding"), so 1.005 → 1.01, not 1.00.
 *
 * @example
 * roundHalfUp(2.5) // 3
 * roundHalfUp(1.005, 2) // 1.01
 */
export function roundHalfUp(x: number, dp = 0): number {
  if (!Number.isFinite(x)) return x
  const sign = x < 0 ? -1 : 1
  const abs = Math.abs(x)
  // Fast path: far from a half, ordinary rounding is exact (an integer divided by a power of ten is correctly
  // rounded, so it equals the parsed decimal). Only near-halves need the decimal-string treatment below.
  const scale = POWERS[dp] ?? 10 ** dp
  const scaled = abs * scale
  const frac = scaled - Math.floor(scaled)
  if (Math.abs(frac - 0.5) > 1e-7 && scaled < 1e15) return (sign * Math.round(scaled)) / scale || 0
  const text = String(abs)
  if (text.includes('e')) return (sign * Math.floor(abs * 10 ** dp + 0.5)) / 10 ** dp
  const shifted = Number(`${text}e${dp}`)
  const rounded = Math.floor(shifted + 0.5)
  return sign * Number(`${rounded}e-${dp}`)
}

/**
 * Keeps a value within [min, max].
 *
 * @example
 * clamp(104, 1, 99) // 99
 */
export function clamp(x: number, min: number, max: number): number {
  return x < min ? min : x > max ? max : x
}

/**
 * Completed years between two dates; a 29 February birthday is reached on 1 March in other years,
 * as Java's `Period.between(...).years` (spec §2 "Age").
 *
 * @example
 * ageOn(LocalDate.parse('1990-06-15'), LocalDate.parse('2020-06-14')) // 29
 */
export function ageOn(dateOfBirth: LocalDate, date: LocalDate): number {
  return Period.between(dateOfBirth, date).years()
}

/**
 * Completed calendar months between two dates (`ChronoUnit.MONTHS`, spec §2 "Months"); negative when `to` is earlier.
 *
 * @example
 * completedMonths(LocalDate.parse('2024-01-31'), LocalDate.parse('2024-02-29')) // 0
 */
export function completedMonths(from: LocalDate, to: LocalDate): number {
  return from.until(to, ChronoUnit.MONTHS)
}

/**
 * Offence-free months for SNSV and the v4 predictors: completed months from the start of follow-up to the
 * assessment, 0 if the assessment is earlier, capped at 36 (spec §2, §6.1).
 *
 * @example
 * offenceFreeMonths(LocalDate.parse('2020-01-01'), LocalDate.parse('2025-01-01')) // 36
 */
export function offenceFreeMonths(startOfFollowup: LocalDate, assessmentDate: LocalDate): number {
  if (assessmentDate.isBefore(startOfFollowup)) return 0
  return Math.min(36, completedMonths(startOfFollowup, assessmentDate))
}

/**
 * Σ cᵢ·xⁱ for i = 1…n (no constant term), the polynomial form every SNSV and v4 table uses (spec §6.1, §7.1).
 *
 * @example
 * polynomial([1, 2], 3) // 1·3 + 2·9 = 21
 */
export function polynomial(coefficients: readonly number[], x: number): number {
  let sum = 0
  let power = 1
  for (const c of coefficients) {
    power *= x
    sum += c * power
  }
  return sum
}

/**
 * Probability → percentage rounded half-up to 2 dp (SNSV, OSP, RSR, v4; spec §2).
 *
 * @example
 * percent2dp(0.0512312312) // 5.12
 */
export function percent2dp(p: number): number {
  return roundHalfUp(p * 100, 2)
}

/**
 * OASys integer percentage for OGRS3/OGP/OVP: probability rounded to 5 dp, then to a whole percent half-up,
 * clamped to 1…99 (spec §3.5, §4, §5).
 *
 * @example
 * oasysIntegerPercent(0.15705) // 16
 */
export function oasysIntegerPercent(p: number): number {
  // Work in integer units of 1e-5 so the two roundings do not pick up binary noise.
  const units = roundHalfUp(p * 1e5)
  return clamp(roundHalfUp(units / 1000), 1, 99)
}
