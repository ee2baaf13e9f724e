import { checkLetter } from './check-letter.ts'

/**
 * Police National Computer (PNC) numbers. Canonical form `YYYY/NNNNNNNA`: the year the record was created,
 * a serial of up to seven digits (zero-padded) and a check letter. People also write the short form with a
 * two-digit year (`81/154257C`) and leave out the slash or the leading zeros; all are accepted.
 *
 * The check letter is `(last two digits of the year followed by the 7-digit serial, as a number) mod 23`
 * indexed into `ZABCDEFGHJKLMNPQRTUVWXY` (see `check-letter.ts`).
 */

export type PncResult =
  { ok: true; canonical: string } | { ok: false; reason: 'format' | 'check-letter'; message: string }

const PNC_PATTERN = /^(\d{2}|\d{4})\/?(\d{1,7})([A-Z])$/

/**
 * Parses and checks a PNC number. `currentYear` resolves a two-digit year: years after this year's last two
 * digits are taken as 19xx (a PNC record cannot be created in the future).
 *
 * @example
 * parsePnc('1981/0154257C', 2026) // { ok: true, canonical: '1981/0154257C' }
 * parsePnc('81/154257c', 2026)    // the same canonical form
 * parsePnc('1981/0154257D', 2026) // { ok: false, reason: 'check-letter', … }
 */
export function parsePnc(input: string, currentYear: number): PncResult {
  const value = input.trim().toUpperCase().replace(/\s+/g, '')
  const match = PNC_PATTERN.exec(value)
  if (!match) {
    return {
      ok: false,
      reason: 'format',
      message: 'Enter a PNC number in the format YYYY/NNNNNNNA, for example 1981/0154257C',
    }
  }
  const [, yearPart, serialPart, check] = match
  const yy = yearPart.slice(-2)
  const year =
    yearPart.length === 4
      ? yearPart
      : `${Number(yy) > currentYear % 100 ? Math.floor(currentYear / 100) - 1 : Math.floor(currentYear / 100)}${yy}`
  const serial = serialPart.padStart(7, '0')
  if (checkLetter(`${yy}${serial}`) !== check) {
    return {
      ok: false,
      reason: 'check-letter',
      message: 'Enter a valid PNC number: the check letter does not match the year and serial number',
    }
  }
  return { ok: true, canonical: `${year}/${serial}${check}` }
}

/** True when the text looks like a PNC number (either form), whatever its check letter. Used by search. */
export function looksLikePnc(input: string): boolean {
  return PNC_PATTERN.test(input.trim().toUpperCase().replace(/\s+/g, '')) && /\//.test(input)
}

/**
 * The canonical form of something shaped like a PNC number, without checking its letter (for exact search:
 * a wrong letter simply finds nobody).
 */
export function canonicalPncShape(input: string, currentYear: number): string | undefined {
  const match = PNC_PATTERN.exec(input.trim().toUpperCase().replace(/\s+/g, ''))
  if (!match) return undefined
  const [, yearPart, serialPart, check] = match
  const yy = yearPart.slice(-2)
  const year =
    yearPart.length === 4
      ? yearPart
      : `${Number(yy) > currentYear % 100 ? Math.floor(currentYear / 100) - 1 : Math.floor(currentYear / 100)}${yy}`
  return `${year}/${serialPart.padStart(7, '0')}${check}`
}

/** Builds a valid PNC number (for seed data and tests). */
export function makePnc(year: number, serial: number): string {
  const s = String(serial).padStart(7, '0')
  return `${year}/${s}${checkLetter(`${String(year).slice(-2)}${s}`)}`
}
