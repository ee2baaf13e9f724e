import { LocalDate } from '@js-joda/core'

/**
 * Commencement dates the rules turn on (spec §2 "Key dates", §4, §6). Kept as data so a change in law is a
 * one-line change with a citation.
 */
export const KEY_DATES = {
  /** CJA 2003 release provisions: offences before this (sentenced before LASPO) are legacy (spec §2). */
  CJA_2003: LocalDate.of(2005, 4, 4),
  /** LASPO 2012 commencement (spec §2). */
  LASPO: LocalDate.of(2012, 12, 3),
  /** Offender Rehabilitation Act 2014: licence for short terms and PSS (spec §5). */
  ORA: LocalDate.of(2015, 2, 1),
  /** SDS40 tranche 1 and direct 40% for sentences from this date (spec §4.2). */
  SDS40_TRANCHE_1: LocalDate.of(2024, 9, 10),
  /** SDS40 tranche 2: people with any sentence of 5 years or more (spec §4.2). */
  SDS40_TRANCHE_2: LocalDate.of(2024, 10, 22),
  /** SDS40 "T3" additional exclusions for people still in custody (spec §4.2). */
  SDS40_T3: LocalDate.of(2024, 12, 16),
  /** HDC-365 rule (spec §6). */
  HDC_365: LocalDate.of(2025, 6, 3),
  /** Adult HDC clean stop under the progression model regime (spec §0, §6). */
  HDC_CLEAN_STOP: LocalDate.of(2026, 9, 2),
  /** Progression model first tranche (spec §4.4). */
  PROGRESSION_TRANCHE_1: LocalDate.of(2026, 10, 1),
  /** Progression model final tranche (spec §4.4). */
  PROGRESSION_FINAL_TRANCHE: LocalDate.of(2027, 6, 8),
  /**
   * Assumed in force date of the PSS repeal (Sentencing Act 2026 s.34) for DEFAULTING only: the date the peer
   * switched it on everywhere (spec §0). Not verified against commencement regulations.
   */
  PSS_REPEAL_ASSUMED: LocalDate.of(2026, 5, 8),
} as const
