import { LocalDate } from '@js-joda/core'
import { KEY_DATES } from '../release-dates/index.ts'

/**
 * The licence and post-sentence supervision periods from the key dates the release-date engine calculated and the
 * sentencing feature stored (src/domain/release-dates; `../shared/domain/release-dates.md`). Read, never recalculated.
 * Licence: from the release date (CRD, else ARD) to the licence expiry (SLED, else LED). Post-sentence supervision
 * (ORA 2014; `../shared/domain/rules-and-outcomes.md` §1.4 and §3.2): from the day after the licence ends to the
 * top-up supervision expiry date (TUSED), only when a TUSED is later than the licence end.
 */

export type StoredKeyDates = Readonly<Record<string, string>>

export interface Period {
  /** Which key date each end comes from, e.g. CRD and SLED. */
  fromKey: string
  toKey: string
  from: LocalDate
  to: LocalDate
}

const dateOf = (dates: StoredKeyDates, key: string) => (dates[key] ? LocalDate.parse(dates[key]) : null)

function first(dates: StoredKeyDates, keys: readonly string[]): { key: string; date: LocalDate } | null {
  for (const key of keys) {
    const date = dateOf(dates, key)
    if (date) return { key, date }
  }
  return null
}

/** The licence expiry (SLED, else LED), or null when the key dates have neither. */
export function licenceExpiry(dates: StoredKeyDates | null): { key: string; date: LocalDate } | null {
  return dates ? first(dates, ['SLED', 'LED']) : null
}

/**
 * The licence period: CRD (else ARD) to SLED (else LED); null when either end is missing (no licence: e.g. a sentence
 * too short for one).
 *
 * @example
 * licencePeriod({ CRD: '2026-06-01', SLED: '2027-06-01' }) // CRD 2026-06-01 to SLED 2027-06-01
 */
export function licencePeriod(dates: StoredKeyDates | null): Period | null {
  if (!dates) return null
  const start = first(dates, ['CRD', 'ARD'])
  const end = licenceExpiry(dates)
  if (!start || !end) return null
  return { fromKey: start.key, toKey: end.key, from: start.date, to: end.date }
}

/**
 * The post-sentence supervision period: the day after the licence ends to the TUSED; null without a TUSED later
 * than the licence end.
 *
 * @example
 * pssPeriod({ CRD: '2026-06-01', LED: '2026-12-01', TUSED: '2027-06-01' }) // 2026-12-02 to TUSED 2027-06-01
 */
export function pssPeriod(dates: StoredKeyDates | null): Period | null {
  if (!dates) return null
  const end = licenceExpiry(dates)
  const tused = dateOf(dates, 'TUSED')
  if (!end || !tused || !tused.isAfter(end.date)) return null
  return { fromKey: end.key, toKey: 'TUSED', from: end.date.plusDays(1), to: tused }
}

export interface PssStartFacts {
  caseStatus: string
  dates: StoredKeyDates | null
  today: LocalDate
}

/**
 * Whether a case on licence moves to post-sentence supervision today: it is on licence, its licence end (SLED/LED)
 * has passed (the licence runs to the end of that day, so the move is from the day after) and there is a TUSED later
 * than the licence end. rules-and-outcomes.md §1.4 (ORA 2014 PSS after short sentences) and §3.2 (PSS follows the
 * licence, with its own breach path). Anything else stays as it is.
 *
 * @example
 * pssStartsNow({ caseStatus: 'on_licence', dates: { LED: '2026-12-01', TUSED: '2027-06-01' }, today: LocalDate.parse('2026-12-02') }) // true
 */
export function pssStartsNow(f: PssStartFacts): boolean {
  if (f.caseStatus !== 'on_licence') return false
  const period = pssPeriod(f.dates)
  return period !== null && !f.today.isBefore(period.from)
}

/** The facts `noPssReason` needs: the sentence's date and term, what the engine stored, and the day it is asked. */
export interface NoPssFacts {
  sentenceDate: LocalDate
  term: { value: number; unit: 'days' | 'weeks' | 'months' | 'years' } | null
  dates: StoredKeyDates | null
  today: LocalDate
}

const termEnd = (from: LocalDate, t: NonNullable<NoPssFacts['term']>) =>
  t.unit === 'days'
    ? from.plusDays(t.value)
    : t.unit === 'weeks'
      ? from.plusWeeks(t.value)
      : t.unit === 'months'
        ? from.plusMonths(t.value)
        : from.plusYears(t.value)

/**
 * Why a sentence that once would have had post-sentence supervision has none (issue 14 item 4). ORA 2014 gave PSS to
 * a fixed term of more than 1 day and less than 2 years (`../shared/domain/release-dates.md` §5 point 2); since the
 * repeal (Sentencing Act 2026 s.34, release-dates.md "PSS/TUSED repealed" and §5 point 8, assumed in force from
 * `KEY_DATES.PSS_REPEAL_ASSUMED`) the engine produces no TUSED, so no PSS is created. Null when the term was never
 * in that range, a TUSED is stored (PSS runs), no key dates are stored yet, or it is asked before the repeal.
 *
 * @example
 * noPssReason({ sentenceDate: d('2026-09-01'), term: { value: 6, unit: 'months' }, dates: { CRD: '2026-12-01',
 *   SLED: '2027-03-01' }, today: d('2026-12-06') }) // 'No post-sentence supervision: … repealed …'
 */
export function noPssReason(f: NoPssFacts): string | null {
  if (!f.term || !f.dates || f.dates.TUSED || Object.keys(f.dates).length === 0) return null
  if (f.today.isBefore(KEY_DATES.PSS_REPEAL_ASSUMED)) return null
  const end = termEnd(f.sentenceDate, f.term)
  const inOraRange = end.isAfter(f.sentenceDate.plusDays(1)) && end.isBefore(f.sentenceDate.plusYears(2))
  if (!inOraRange) return null
  return (
    'No post-sentence supervision: a term under 2 years once had PSS to 12 months after release (ORA 2014), but PSS ' +
    `was repealed by the Sentencing Act 2026 s.34 (in force from ${KEY_DATES.PSS_REPEAL_ASSUMED.toString()}), so ` +
    'the release-date calculation gives no TUSED and supervision ends with the licence.'
  )
}
