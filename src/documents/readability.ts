/**
 * Rough plain-English measures of a letter's text, for tests: sentences and their length, and a reading age from the
 * Flesch–Kincaid grade (reading age ≈ grade + 5). Syllables are counted by vowel groups, which is close enough to
 * tell a short plain sentence from a long formal one.
 */

/** The sentences of a text: split after . ! ? or a line's end; headings and list lines count as sentences. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map(s => s.trim())
    .filter(s => /[a-z]/i.test(s))
}

const words = (s: string) => s.split(/\s+/).filter(w => /[a-z0-9]/i.test(w))

/** Syllables in one word, by groups of vowels (a silent final "e" not counted), at least one. */
export function syllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-z]/g, '')
  if (w.length <= 3) return 1
  const groups = w.replace(/(?:[^laeiouy]es|ed|[^laeiouy]e)$/, '').match(/[aeiouy]+/g)
  return Math.max(1, groups?.length ?? 1)
}

/**
 * The words in the longest sentence.
 *
 * @example
 * longestSentence('Come at 10am. Bring this letter.') // 3
 */
export function longestSentence(text: string): number {
  return Math.max(0, ...sentences(text).map(s => words(s).length))
}

/**
 * The Flesch–Kincaid reading age (grade + 5) of a text.
 *
 * @example
 * readingAge('You must come to this appointment. Tell us if you cannot come.') // about 7
 */
export function readingAge(text: string): number {
  const all = sentences(text)
  const w = all.flatMap(words)
  if (w.length === 0) return 0
  const s = w.reduce((n, word) => n + syllables(word), 0)
  const grade = 0.39 * (w.length / all.length) + 11.8 * (s / w.length) - 15.59
  return Math.round((grade + 5) * 10) / 10
}
