import type { LocalDate } from '@js-joda/core'

/** The key dates a licence period is read from (as the release-date engine stores them; absent keys are missing). */
export type LicenceKeyDates = Partial<Record<'CRD' | 'ARD' | 'SLED' | 'LED' | 'SED', LocalDate>>

export type LicencePeriod =
  | {
      ok: true
      start: LocalDate
      /** Where the start comes from: the release recorded, else CRD, else ARD. */
      startBasis: 'release' | 'CRD' | 'ARD'
      end: LocalDate
      endBasis: 'SLED' | 'LED'
    }
  | { ok: false; reason: string }

/**
 * The licence period from the key dates (`LICENCE_SOURCES.licencePeriod`): it starts on release (the release
 * recorded, else the conditional release date CRD, else the automatic release date ARD) and ends on the sentence and
 * licence expiry date SLED, else the licence expiry date LED. Refused, with the reason, when a start or an end is
 * missing, or the end is not after the start.
 *
 * @example
 * licencePeriod({ CRD: LocalDate.parse('2027-03-01'), SLED: LocalDate.parse('2028-09-01') })
 * // { ok: true, start: 2027-03-01, startBasis: 'CRD', end: 2028-09-01, endBasis: 'SLED' }
 */
export function licencePeriod(keyDates: LicenceKeyDates, releasedOn: LocalDate | null = null): LicencePeriod {
  const startBasis = releasedOn ? 'release' : keyDates.CRD ? 'CRD' : keyDates.ARD ? 'ARD' : null
  const start = releasedOn ?? keyDates.CRD ?? keyDates.ARD ?? null
  const endBasis = keyDates.SLED ? 'SLED' : keyDates.LED ? 'LED' : null
  const end = keyDates.SLED ?? keyDates.LED ?? null
  if (!start || !startBasis) return { ok: false, reason: 'There is no release date: the key dates have no CRD or ARD' }
  if (!end || !endBasis) return { ok: false, reason: 'There is no licence expiry: the key dates have no SLED or LED' }
  if (!end.isAfter(start))
    return { ok: false, reason: 'The licence would end on or before release: there is no licence period' }
  return { ok: true, start, startBasis, end, endBasis }
}
