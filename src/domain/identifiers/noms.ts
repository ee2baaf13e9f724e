/**
 * Prison (NOMS) numbers: one letter, four digits, two letters, for example `A1234BC`. There is no check
 * character, so only the shape is checked.
 */
const NOMS_PATTERN = /^[A-Z]\d{4}[A-Z]{2}$/

export type NomsResult = { ok: true; canonical: string } | { ok: false; message: string }

/**
 * @example
 * parseNoms(' a1234bc ') // { ok: true, canonical: 'A1234BC' }
 */
export function parseNoms(input: string): NomsResult {
  const value = input.trim().toUpperCase().replace(/\s+/g, '')
  if (!NOMS_PATTERN.test(value)) return { ok: false, message: 'Enter a prison number in the format A1234BC' }
  return { ok: true, canonical: value }
}

export function looksLikeNoms(input: string): boolean {
  return NOMS_PATTERN.test(input.trim().toUpperCase())
}
