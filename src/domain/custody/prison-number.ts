/**
 * The NOMIS prison number (also called the offender number or NOMS number): one letter, four digits, two letters,
 * e.g. A1234BC. The person's NOMS identifier is listed in `../shared/domain/reference-systems.md` §6 (Person / Offender
 * row: "CRN, PNC, CRO, NOMS"); the reference does not give its format, so the pattern is NOT VERIFIED there: it is the
 * issue's (issue 14 item 1) and the custody_records check constraint's (migration 2026_12_06_0100_custody_lifecycle).
 */
export const PRISON_NUMBER_PATTERN = /^[A-Z][0-9]{4}[A-Z]{2}$/

/** The number as stored: upper case, spaces removed (people type "a1234 bc"). */
export function normalisePrisonNumber(typed: string): string {
  return typed.replace(/\s+/g, '').toUpperCase()
}

/** Whether `value` (already normalised) is a prison number in the NOMIS format. */
export function isPrisonNumber(value: string): boolean {
  return PRISON_NUMBER_PATTERN.test(value)
}
