import { describe, expect, it } from 'vitest'
import { normaliseName } from './normalise.ts'

describe('normaliseName', () => {
  it.each([
    ["  Zoë  O'Brien-Smith ", 'zoe obrien smith'],
    ['JOSÉ ÁLVAREZ', 'jose alvarez'],
    ['Siân Llŷr', 'sian llyr'],
    ['smith,john', 'smith john'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseName(input)).toBe(expected)
  })
})
