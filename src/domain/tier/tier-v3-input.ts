import type { LocalDate } from '@js-joda/core'
import { InputReader } from './input-reader.ts'
import {
  DC_SRP_BANDS,
  ROSH_LEVELS,
  SCORE_TYPES,
  type DcSrpScore,
  type PredictorScore,
  type TierV3Inputs,
} from './tier-v3-types.ts'

/** Below this DC-SRP % a MEDIUM band is impossible (the lowest unreduced MEDIUM is 22 points = 0.60 %, §9.2). */
export const DC_SRP_MEDIUM_MIN = 0.6

type Json = Record<string, unknown>

/**
 * Turns untrusted JSON (see test/vectors/tier.json `_meta.v3InputConventions`) into {@link TierV3Inputs}, or throws a
 * ValidationError naming every missing or impossible field. When `hasActiveEvent` is false the other fields may be
 * left out (the person is not supervised, so nothing else is read), but any that are given are still checked.
 * Refused as impossible: scores outside 0–100, a MEDIUM DC-SRP band below 0.60 % (upstream raises an error for it),
 * and a latest release date after the calculation date (not checked when `calculationDate` is null, i.e. unknown).
 *
 * @example
 * parseTierV3Inputs({ hasActiveEvent: false }, LocalDate.parse('2026-11-22')).hasActiveEvent // false
 */
export function parseTierV3Inputs(raw: unknown, calculationDate: LocalDate | null, field = 'inputs'): TierV3Inputs {
  const r = new InputReader()
  const obj = r.object(raw, field)
  if (!obj) return (r.throwIfAny(), undefined as never)
  const p = (k: string) => `${field}.${k}`

  const hasActiveEvent = r.boolean(obj, 'hasActiveEvent', p('hasActiveEvent'))
  // Not supervised: the other inputs are irrelevant, so absent ones take their "nothing recorded" value.
  const skip = (k: string) => hasActiveEvent === false && obj[k] === undefined
  const bool = (k: string) => (skip(k) ? false : r.boolean(obj, k, p(k)))

  const mappaPresent = bool('mappaPresent')
  const rosh = skip('rosh') ? null : r.oneOf(obj, 'rosh', p('rosh'), ROSH_LEVELS, true)
  const hasLiferIpp = bool('hasLiferIpp')
  const latestReleaseDate = skip('latestReleaseDate')
    ? null
    : r.date(obj, 'latestReleaseDate', p('latestReleaseDate'), true)
  if (latestReleaseDate && calculationDate && latestReleaseDate.isAfter(calculationDate)) {
    r.fail(
      p('latestReleaseDate'),
      `${latestReleaseDate} is after the calculation date ${calculationDate}: a release cannot be in the future`,
    )
  }
  const hasDomesticAbuse = bool('hasDomesticAbuse')
  const hasStalking = bool('hasStalking')
  const hasChildProtection = bool('hasChildProtection')
  const arp = skip('arp') ? null : readPredictor(r, obj, 'arp', p('arp'))
  const csrp = skip('csrp') ? null : readPredictor(r, obj, 'csrp', p('csrp'))
  const dcSrp = skip('dcSrp') ? null : readDcSrp(r, obj, p('dcSrp'))
  const everCommittedSexualOffence = bool('everCommittedSexualOffence')

  r.throwIfAny()
  return {
    hasActiveEvent: hasActiveEvent as boolean,
    mappaPresent: mappaPresent as boolean,
    rosh: rosh ?? null,
    hasLiferIpp: hasLiferIpp as boolean,
    latestReleaseDate: latestReleaseDate ?? null,
    hasDomesticAbuse: hasDomesticAbuse as boolean,
    hasStalking: hasStalking as boolean,
    hasChildProtection: hasChildProtection as boolean,
    arp: arp ?? null,
    csrp: csrp ?? null,
    dcSrp: dcSrp ?? null,
    everCommittedSexualOffence: everCommittedSexualOffence as boolean,
  }
}

function readPredictor(r: InputReader, obj: Json, key: string, field: string): PredictorScore | null | undefined {
  const raw = r.present(obj, key, field, true)
  if (raw === undefined || raw === null) return raw as null | undefined
  const o = r.object(raw, field)
  if (!o) return undefined
  // A predictor object whose score is null is "no score", the same as a null predictor (tier MISSING).
  if (o.score === null) return null
  const score = r.number(o, 'score', `${field}.score`, { min: 0, max: 100 })
  const type = r.oneOf(o, 'type', `${field}.type`, SCORE_TYPES)
  return score != null && type ? { score, type } : undefined
}

function readDcSrp(r: InputReader, obj: Json, field: string): DcSrpScore | null | undefined {
  const raw = r.present(obj, 'dcSrp', field, true)
  if (raw === undefined || raw === null) return raw as null | undefined
  const o = r.object(raw, field)
  if (!o) return undefined
  const score = o.score == null ? null : r.checkNumber(o.score, `${field}.score`, { min: 0, max: 100 })
  const band = o.band == null ? null : r.checkOneOf(o.band, `${field}.band`, DC_SRP_BANDS)
  if (score === undefined || band === undefined) return undefined
  if (band === 'MEDIUM' && score !== null && score > 0 && score < DC_SRP_MEDIUM_MIN) {
    return r.fail(
      field,
      `a MEDIUM DC-SRP band with score ${score}% is impossible (MEDIUM starts at ${DC_SRP_MEDIUM_MIN}%); check the OASys predictor`,
    )
  }
  return { score, band }
}
