import { isOffenceCodeShape, lookupOffenceCode, NEED_DETAILS_OF_EXACT_OFFENCE_MESSAGE } from '../risk/offence-codes.ts'

/**
 * Home Office offence codes on an event, checked against the Manage Offences actuarial mapping snapshot
 * (src/domain/risk/offence-codes.ts over shared/domain/vectors/offence-code-categories.json). The snapshot has no
 * offence descriptions, so what a user sees is the offence's category (OGRS3, else SNSV) and whether it counts as
 * violent.
 */

export type OffenceCheck =
  { ok: true; code: string; category: string; violent: boolean } | { ok: false; message: string }

/**
 * Checks one offence code. A group-level code (08800, 11100, 14100) is refused with OASys' reason: the predictors need
 * the exact offence.
 *
 * @example
 * checkOffenceCode('02700') // { ok: true, code: '02700', category: 'Soliciting or prostitution', violent: false }
 * checkOffenceCode('08800') // { ok: false, message: 'Enter the exact offence code: 08800 is a group of offences. For this group …' }
 */
export function checkOffenceCode(raw: string): OffenceCheck {
  const code = raw.trim()
  if (code === '') return { ok: false, message: 'Enter the offence code' }
  if (!isOffenceCodeShape(code)) {
    return {
      ok: false,
      message: 'Enter a Home Office offence code: 5 digits (3-digit category and 2-digit sub-category), like 02700',
    }
  }
  const found = lookupOffenceCode(code)
  if (!found) return { ok: false, message: `${code} is not a Home Office offence code in the offence list` }
  if (found.ogrs3NeedsExactOffence) {
    return {
      ok: false,
      message: `Enter the exact offence code: ${code} is a group of offences. ${NEED_DETAILS_OF_EXACT_OFFENCE_MESSAGE}`,
    }
  }
  const category = found.ogrs3Category ?? found.snsvCategory ?? found.v4Category ?? 'Uncategorised'
  return { ok: true, code, category, violent: found.violent }
}
