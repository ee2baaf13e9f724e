import { describe, expect, it } from 'vitest'
import {
  canonicalPncShape,
  checkLetter,
  looksLikeNoms,
  makeCro,
  makePnc,
  parseCro,
  parseNoms,
  parsePnc,
} from './index.ts'

describe('PNC numbers', () => {
  it.each([
    ['1981/0154257C', '1981/0154257C'],
    ['81/154257C', '1981/0154257C'],
    ['81/34U', '1981/0000034U'],
    ['1981/0000034u', '1981/0000034U'],
    [' 19810154257C ', '1981/0154257C'],
    ['02/73319Z', '2002/0073319Z'],
  ])('accepts %s as %s', (input, canonical) => {
    expect(parsePnc(input, 2026)).toEqual({ ok: true, canonical })
  })

  it.each(['1981/0154257D', '81/34V', '2002/0073319A'])('refuses %s: the check letter is wrong', input => {
    expect(parsePnc(input, 2026)).toMatchObject({ ok: false, reason: 'check-letter' })
  })

  it.each(['', 'abc', '1981/01542573', '198/0154257C', '1981/01542570C', '1981-0154257C'])(
    'refuses %s: not a PNC number',
    input => {
      expect(parsePnc(input, 2026)).toMatchObject({ ok: false, reason: 'format' })
    },
  )

  it('reads a two-digit year after this year as last century', () => {
    expect(canonicalPncShape('26/1A', 2026)).toBe('2026/0000001A')
    expect(canonicalPncShape('27/1A', 2026)).toBe('1927/0000001A')
  })

  it('computes the check letter from the year’s last two digits and the 7-digit serial, mod 23', () => {
    // 810154257 mod 23 = 3 → 'C' in ZABCDEFGHJKLMNPQRTUVWXY
    expect(810154257 % 23).toBe(3)
    expect(checkLetter('810154257')).toBe('C')
    expect(makePnc(1981, 154257)).toBe('1981/0154257C')
    for (let serial = 1; serial < 500; serial += 37) expect(parsePnc(makePnc(2004, serial), 2026).ok).toBe(true)
  })
})

describe('CRO numbers', () => {
  it('accepts the standard form and pads the serial', () => {
    expect(parseCro('265416/21G')).toEqual({ ok: true, canonical: '265416/21G' })
    expect(parseCro(makeCro(123, 8))).toEqual({ ok: true, canonical: makeCro(123, 8) })
    expect(parseCro('123/08' + checkLetter('08000123'))).toEqual({
      ok: true,
      canonical: `000123/08${checkLetter('08000123')}`,
    })
  })
  it('accepts the fingerprint (SF) form', () => {
    expect(parseCro('SF05/482703J')).toEqual({ ok: true, canonical: 'SF05/482703J' })
  })
  it('refuses a wrong check letter or shape', () => {
    expect(parseCro('265416/21H')).toMatchObject({ ok: false, reason: 'check-letter' })
    expect(parseCro('2654161/21G')).toMatchObject({ ok: false, reason: 'format' })
  })
})

describe('prison (NOMS) numbers', () => {
  it('accepts A1234BC in any case', () => {
    expect(parseNoms(' a1234bc ')).toEqual({ ok: true, canonical: 'A1234BC' })
    expect(looksLikeNoms('A1234BC')).toBe(true)
  })
  it.each(['A1234B', '11234BC', 'A12345BC', ''])('refuses %s', input => {
    expect(parseNoms(input).ok).toBe(false)
  })
})
