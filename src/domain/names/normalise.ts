/**
 * Names as search compares them: lower case, accents removed (é → e), apostrophes dropped (O'Neil → oneil),
 * other punctuation and hyphens as spaces, single spaces. Stored beside every name and alias, and applied to
 * what a user types, so "Zoë O'Brien-Smith" and "zoe obrien smith" meet.
 *
 * @example
 * normaliseName("  Zoë  O'Brien-Smith ") // 'zoe obrien smith'
 */
export function normaliseName(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}
