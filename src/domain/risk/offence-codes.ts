import offenceData from './data/offence-code-categories.json' with { type: 'json' }

/** What a Home Office offence code means to each predictor (spec §3.4, §6.1, §7.1). */
export interface OffenceCodeCategories {
  code: string
  /** OGRS3 category name, or null when the code has no OGRS3 weight (e.g. 95000–95013, 99955). */
  ogrs3Category: string | null
  /** True for the group-level codes (08800, 11100, 14100) OASys refuses to score without the exact sub-code. */
  ogrs3NeedsExactOffence: boolean
  /** SNSV (RSR v1) offence category, or null when unmapped. */
  snsvCategory: string | null
  /** Additional SNSV VATP category (violence ABH+, weapons, firearms), or null. */
  vatpCategory: string | null
  /** v4 actuarial category (e.g. `OTHER_OFFENCES`), or null when absent from the v4 snapshot. */
  v4Category: string | null
  /** Counts as a violent sanction. */
  violent: boolean
  /** OPD violence-or-sex flag. */
  opdViolenceOrSex: boolean
}

type Row = [number | string | null, number | null, number | null, string | null, number | null, number | null]

interface OffenceFile {
  ogrs3Categories: string[]
  rsrV1Categories: string[]
  rsrV1VatpCategories: string[]
  codes: Record<string, Row>
}

const file = offenceData as unknown as OffenceFile

/** Sentinel in the data file for codes that need the exact sub-code (spec §3.4). */
const NEED_DETAILS = 'NEED_DETAILS_OF_EXACT_OFFENCE'

/** OASys' own wording when it refuses a group-level code (spec §3.4). */
export const NEED_DETAILS_OF_EXACT_OFFENCE_MESSAGE =
  'For this group of offences, the OGRS 3 offence category takes different values depending on the nature of the exact offence. Therefore, it is not possible to calculate an OGRS 3 score without details of the exact offence.'

/** OGRS3 category names in the order of the spec §3.4 table. */
export const OGRS3_CATEGORIES: readonly string[] = file.ogrs3Categories
/** SNSV offence category names (spec §6.1). */
export const SNSV_CATEGORIES: readonly string[] = file.rsrV1Categories
/** SNSV VATP category names (spec §6.1). */
export const VATP_CATEGORIES: readonly string[] = file.rsrV1VatpCategories

const cache = new Map<string, OffenceCodeCategories>()

/**
 * Every code in the mapping snapshot, in the file's order: for rules that need the codes of a kind ahead of time,
 * such as a list page narrowing its candidates in SQL.
 *
 * @example
 * knownOffenceCodes().includes('02700') // true
 */
export function knownOffenceCodes(): readonly string[] {
  return Object.keys(file.codes)
}

/**
 * Looks up a 5-digit Home Office offence code (3-digit category + 2-digit sub-category) in the Manage Offences
 * actuarial mapping snapshot. Returns undefined for a code that is not in the mapping.
 *
 * @example
 * lookupOffenceCode('02700')?.ogrs3Category // 'Soliciting or prostitution'
 */
export function lookupOffenceCode(code: string): OffenceCodeCategories | undefined {
  const hit = cache.get(code)
  if (hit) return hit
  const row = Object.hasOwn(file.codes, code) ? file.codes[code] : undefined
  if (!row) return undefined
  const [ogrs3, snsv, vatp, v4, violent, opd] = row
  const result: OffenceCodeCategories = {
    code,
    ogrs3Category: typeof ogrs3 === 'number' ? file.ogrs3Categories[ogrs3] : null,
    ogrs3NeedsExactOffence: ogrs3 === NEED_DETAILS,
    snsvCategory: snsv === null ? null : file.rsrV1Categories[snsv],
    vatpCategory: vatp === null ? null : file.rsrV1VatpCategories[vatp],
    v4Category: v4,
    violent: violent === 1,
    opdViolenceOrSex: opd === 1,
  }
  cache.set(code, result)
  return result
}

/**
 * True when the text has the shape of a Home Office offence code (five digits).
 *
 * @example
 * isOffenceCodeShape('0270') // false
 */
export function isOffenceCodeShape(code: string): boolean {
  return /^\d{5}$/.test(code)
}
