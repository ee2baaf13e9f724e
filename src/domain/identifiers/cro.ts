import { checkLetter } from './check-letter.ts'

/**
 * Criminal Records Office (CRO) numbers, in two shapes:
 * - standard `NNNNNN/YYA` (serial up to six digits, two-digit year, check letter);
 * - fingerprint-only `SFYY/NNNNNNA`.
 * The check letter is `(YY followed by the serial) mod 23` indexed into `ZABCDEFGHJKLMNPQRTUVWXY`; in the
 * standard shape the serial is padded to six digits first, in the SF shape it is used as written (as in
 * hmpps-person-record's `CROIdentifier`).
 */

export type CroResult =
  { ok: true; canonical: string } | { ok: false; reason: 'format' | 'check-letter'; message: string }

const STANDARD = /^(\d{1,6})\/(\d{2})([A-Z])$/
const SF = /^SF(\d{2})\/(\d{1,6})([A-Z])$/

/**
 * @example
 * parseCro('123456/08q') // { ok: true, canonical: '123456/08Q' } when Q is right
 */
export function parseCro(input: string): CroResult {
  const value = input.trim().toUpperCase().replace(/\s+/g, '')
  const standard = STANDARD.exec(value)
  const sf = SF.exec(value)
  if (!standard && !sf) {
    return {
      ok: false,
      reason: 'format',
      message: 'Enter a CRO number in the format NNNNNN/YYA or SFYY/NNNNNNA, for example 123456/08Q',
    }
  }
  const [digits, check, canonical] = standard
    ? [
        `${standard[2]}${standard[1].padStart(6, '0')}`,
        standard[3],
        `${standard[1].padStart(6, '0')}/${standard[2]}${standard[3]}`,
      ]
    : [`${sf![1]}${sf![2]}`, sf![3], value]
  if (checkLetter(digits) !== check) {
    return { ok: false, reason: 'check-letter', message: 'Enter a valid CRO number: the check letter does not match' }
  }
  return { ok: true, canonical }
}

/** Builds a valid standard-form CRO number (for seed data and tests). */
export function makeCro(serial: number, yy: number): string {
  const s = String(serial).padStart(6, '0')
  const y = String(yy).padStart(2, '0')
  return `${s}/${y}${checkLetter(`${y}${s}`)}`
}
