import { LocalDate } from '@js-joda/core'

/**
 * The pre-release window: the last 12 weeks before release, when every prisoner gets resettlement help.
 *
 * Source: `shared/domain/rules-and-outcomes.md` §1.4 row "TTG scope": "all prisoners get help in the last 12 weeks
 * of sentence". The release date is read from the key dates the release-date engine stored (src/domain/release-dates,
 * `shared/domain/release-dates.md`), never recalculated here.
 *
 * Which key date: the window opens 12 weeks before the EARLIEST date the person may be released (home detention
 * curfew eligibility HDCED, or parole eligibility PED, where the engine stored one; otherwise the conditional or
 * automatic release date CRD/ARD), so that a plan is ready if they go out early; it closes on the release date
 * they will reach without a decision (CRD, else ARD; HDCED or PED when there is neither). This choice of dates is an
 * inference from §1.4, not a quoted rule.
 */
export const PRE_RELEASE_WEEKS = 12

export interface PreReleaseWindow {
  /** The first day of the window (12 weeks before the earliest release). */
  opens: LocalDate
  /** The earliest date they may be released, which the release-day plan is wanted by. */
  earliestRelease: LocalDate
  /** Which key date that is (HDCED, PED, CRD or ARD). */
  earliestKey: string
  /** The last day of the window: the release date they reach without a decision. */
  closes: LocalDate
  closesKey: string
}

const date = (keyDates: Readonly<Record<string, string | undefined>>, key: string): LocalDate | null => {
  const value = keyDates[key]
  return value ? LocalDate.parse(value.slice(0, 10)) : null
}

/**
 * The window from stored key dates (`{ CRD: '2027-03-01', HDCED: '2026-12-20', … }`), or null when none of CRD,
 * ARD, HDCED and PED is stored.
 *
 * @example
 * preReleaseWindow({ CRD: '2027-03-26' })?.opens.toString() // '2027-01-01'
 */
export function preReleaseWindow(keyDates: Readonly<Record<string, string | undefined>>): PreReleaseWindow | null {
  const automatic = (['CRD', 'ARD'] as const).map(k => ({ key: k, on: date(keyDates, k) })).find(d => d.on !== null)
  const early = (['HDCED', 'PED'] as const)
    .map(k => ({ key: k, on: date(keyDates, k) }))
    .filter((d): d is { key: 'HDCED' | 'PED'; on: LocalDate } => d.on !== null)
    .sort((a, b) => a.on.compareTo(b.on))[0]
  const closes = automatic?.on ? { key: automatic.key, on: automatic.on } : early
  if (!closes) return null
  const earliest = early && early.on.isBefore(closes.on) ? early : closes
  return {
    opens: earliest.on.minusWeeks(PRE_RELEASE_WEEKS),
    earliestRelease: earliest.on,
    earliestKey: earliest.key,
    closes: closes.on,
    closesKey: closes.key,
  }
}

/**
 * Whether `today` is inside the window (its first and last days included).
 *
 * @example
 * isInPreReleaseWindow(preReleaseWindow({ CRD: '2027-03-26' }), LocalDate.parse('2027-01-01')) // true
 */
export function isInPreReleaseWindow(window: PreReleaseWindow | null, today: LocalDate): boolean {
  return window !== null && !today.isBefore(window.opens) && !today.isAfter(window.closes)
}
