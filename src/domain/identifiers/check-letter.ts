/**
 * The check letter shared by PNC and CRO numbers: a number mod 23 indexed into this alphabet (I, O and S are
 * left out because they read as 1, 0 and 5). Source: the Police National Computer identifier rules as
 * implemented across HMPPS services (hmpps-person-record `PNCIdentifier` / `CROIdentifier`).
 */
export const CHECK_LETTERS = 'ZABCDEFGHJKLMNPQRTUVWXY'

/**
 * The check letter for a string of digits.
 *
 * @example
 * checkLetter('810154257') // 'C' (810154257 mod 23 = 3), so 1981/0154257C is a valid PNC number
 */
export function checkLetter(digits: string): string {
  return CHECK_LETTERS[Number(BigInt(digits) % 23n)]
}
