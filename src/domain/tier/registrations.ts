import { LocalDate } from '@js-joda/core'
import type { Registration } from './tier-v2-types.ts'

export type Rosh = 'VERY_HIGH' | 'HIGH' | 'MEDIUM' | 'LOW'
export type MappaLevel = 'M1' | 'M2' | 'M3'

/** Delius RoSH register codes (§9.1). */
export const ROSH_CODES: Readonly<Record<string, Rosh>> = {
  RVHR: 'VERY_HIGH',
  RHRH: 'HIGH',
  RMRH: 'MEDIUM',
  RLRH: 'LOW',
}

/** Complexity-factor register codes, 2 protect points each when present (§9.1). */
export const COMPLEXITY_CODES: Readonly<Record<string, string>> = {
  RMDO: 'mental health issues',
  ALSH: 'attempted suicide or self-harm',
  RVLN: 'vulnerability',
  RCCO: 'child concerns',
  RCPR: 'child protection',
  RCHD: 'risk to children',
  RPIR: 'public interest case',
  RVAD: 'adult at risk',
  STRG: 'street gangs',
  RTAO: 'terrorism act offender',
}

export const MAPPA_CODE = 'MAPP'
export const IOM_CODE = 'IIOM'
export const UNSUPERVISED_CODE = 'PRC'
export const HISTORIC_CODE = 'HREG'
const MAPPA_LEVELS: readonly MappaLevel[] = ['M1', 'M2', 'M3']

/** Registrations with no date sort as if made on this day (test/vectors/tier.json `_meta.v2InputConventions`). */
export const DEFAULT_REGISTRATION_DATE = LocalDate.of(2021, 2, 1)

/** What tier v2 takes from a person's registrations. */
export interface RegistrationSummary {
  rosh: { level: Rosh; code: string; date: LocalDate } | null
  mappa: { level: MappaLevel; date: LocalDate } | null
  /** Distinct complexity-factor codes, in the order first seen (latest first). */
  complexityFactors: string[]
  iomNominal: boolean
  unsupervised: boolean
  historicIgnored: number
}

/**
 * Reads the registrations the way hmpps-tier's DeliusApiService does (§9.1): `HREG` (historic) entries are
 * dropped, the rest sorted latest first (stable, so equal dates keep their input order), and the FIRST RoSH
 * code and the first `MAPP` entry carrying a recognised level (M1–M3) win. A `MAPP` entry with a blank or
 * other level (e.g. M0) gives no level and so does not hide an older M1–M3 entry, as upstream.
 *
 * @example
 * summariseRegistrations([{ code: 'RMRH' }, { code: 'MAPP', level: 'M2' }]).mappa?.level // 'M2'
 */
export function summariseRegistrations(registrations: readonly Registration[]): RegistrationSummary {
  const active = registrations
    .filter(r => r.code !== HISTORIC_CODE)
    .map((r, index) => ({ r, index, date: r.date ?? DEFAULT_REGISTRATION_DATE }))
    .sort((a, b) => b.date.compareTo(a.date) || a.index - b.index)

  let rosh: RegistrationSummary['rosh'] = null
  let mappa: RegistrationSummary['mappa'] = null
  const complexityFactors: string[] = []
  for (const { r, date } of active) {
    const roshLevel = ROSH_CODES[r.code]
    if (!rosh && roshLevel) rosh = { level: roshLevel, code: r.code, date }
    if (!mappa && r.code === MAPPA_CODE) {
      const level = MAPPA_LEVELS.find(l => l === r.level?.toUpperCase())
      if (level) mappa = { level, date }
    }
    if (COMPLEXITY_CODES[r.code] && !complexityFactors.includes(r.code)) complexityFactors.push(r.code)
  }
  return {
    rosh,
    mappa,
    complexityFactors,
    iomNominal: active.some(a => a.r.code === IOM_CODE),
    unsupervised: active.some(a => a.r.code === UNSUPERVISED_CODE),
    historicIgnored: registrations.length - active.length,
  }
}
