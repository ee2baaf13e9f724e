import { describe, expect, it } from 'vitest'
import { pdfText } from '../../test/support/pdf-text.ts'
import { hasContactDetails, renderLetter, type LetterFrame } from './letter.ts'
import { longestSentence, readingAge, sentences } from './readability.ts'

const frame = (letterhead: Partial<LetterFrame['letterhead']> = {}): LetterFrame => ({
  title: 'Test letter',
  letterhead: {
    organisation: 'Probation Service',
    office: 'Northtown Probation Office',
    addressLines: ['14 Market Street', 'Northtown', 'NT1 4QX'],
    phone: '01632 960 123',
    email: 'northtown@probation.example',
    ...letterhead,
  },
  recipient: { name: 'Jo Bloggs', addressLines: ['1 High Street', 'Northtown', 'NT1 1AA'] },
  date: '2026-12-11',
  reference: 'X100003',
  heading: 'Your appointment',
  signedBy: { name: 'Pat Practitioner', role: 'Probation officer' },
})

describe('a letter’s frame', () => {
  it('carries the letterhead, the date in words, our reference and how to contact the office', async () => {
    const text = await pdfText(await renderLetter(frame(), doc => doc.text('You must come to this appointment.')))
    for (const s of ['Probation Service', 'Northtown Probation Office', '14 Market Street', 'NT1 4QX'])
      expect(text).toContain(s)
    expect(text).toContain('Date: 11 December 2026')
    expect(text).toContain('Our reference: X100003')
    expect(text).toContain('Dear Jo Bloggs,')
    expect(text).toContain('How to contact us')
    expect(text).toContain('Phone: 01632 960 123')
    expect(text).toContain('Email: northtown@probation.example')
    expect(text).not.toContain('2026-12-11')
  })

  it('with no address or phone, names the team and says to ask the probation officer', async () => {
    const f = frame({ office: 'Northtown Team A', addressLines: [], phone: null, email: null })
    expect(hasContactDetails(f.letterhead)).toBe(false)
    const text = await pdfText(await renderLetter(f, doc => doc.text('You must come to this appointment.')))
    expect(text).toContain('Northtown Team A')
    expect(text).toContain('Ask your probation officer, Pat Practitioner, at Northtown Team A.')
    expect(text).not.toContain('Phone:')
  })
})

describe('plain-English measures', () => {
  it('splits sentences and finds the longest', () => {
    expect(sentences('Come at 10am. Bring this letter!\nHow to contact us')).toEqual([
      'Come at 10am.',
      'Bring this letter!',
      'How to contact us',
    ])
    expect(longestSentence('Come at 10am. Bring this letter with you please.')).toBe(6)
  })

  it('gives short plain sentences a young reading age and long formal ones an adult one', () => {
    expect(readingAge('You must come to this appointment. Tell us if you cannot come.')).toBeLessThan(9)
    expect(
      readingAge(
        'Notwithstanding the aforementioned considerations, non-compliance with the requirements of the ' +
          'community order, absent a reasonable explanation substantiated by documentary evidence, will ' +
          'necessitate consideration of enforcement proceedings.',
      ),
    ).toBeGreaterThan(18)
  })
})
