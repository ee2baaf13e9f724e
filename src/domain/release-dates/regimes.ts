import type { LocalDate } from '@js-joda/core'
import { KEY_DATES } from './key-dates.ts'
import type { RegimeName } from './types.ts'

/** What a regime switches on (spec §0, §4; vectors `_meta["rules.regime"]`). */
export interface Regime {
  name: RegimeName
  /** SDS40: 40% for eligible SDS, tranche defaulting for earlier sentences (spec §4.2). */
  sds40: boolean
  /** Progression model: SDS 1/3, SDS+ 1/2 with tranches (spec §4.4). */
  progression: boolean
  /** No adult HDCED on or after 2026-09-02 (spec §0, §6). */
  hdcCleanStop: boolean
  description: string
}

/**
 * The regimes as data.
 *
 * @example
 * REGIMES.sds40_2024.sds40 // true
 */
export const REGIMES: Record<RegimeName, Regime> = {
  standard_50: {
    name: 'standard_50',
    sds40: false,
    progression: false,
    hdcCleanStop: false,
    description:
      'SDS released at one half, SDS+ at two thirds (CJA 2003 s.244, s.244ZA); HDC-180 then HDC-365 from 2025-06-03',
  },
  sds40_2024: {
    name: 'sds40_2024',
    sds40: true,
    progression: false,
    hdcCleanStop: false,
    description:
      'SDS40: eligible SDS released at 40% from 2024-09-10 with tranche commencement for earlier sentences; SDS+ at two thirds',
  },
  progression_model_2026: {
    name: 'progression_model_2026',
    sds40: true,
    progression: true,
    hdcCleanStop: true,
    description:
      'Progression model (provisional): SDS at one third, SDS+ at one half from 2026-10-01 by tranche; no adult HDC after 2026-09-02',
  },
}

/** Type guard for regime names. */
export function isRegimeName(v: unknown): v is RegimeName {
  return typeof v === 'string' && Object.hasOwn(REGIMES, v)
}

/**
 * The regime in force on a calculation date, used when a request names none.
 *
 * @example
 * regimeInForceOn(LocalDate.of(2025, 1, 1)) // 'sds40_2024'
 */
export function regimeInForceOn(date: LocalDate): RegimeName {
  if (date.isBefore(KEY_DATES.SDS40_TRANCHE_1)) return 'standard_50'
  if (date.isBefore(KEY_DATES.PROGRESSION_TRANCHE_1)) return 'sds40_2024'
  return 'progression_model_2026'
}
