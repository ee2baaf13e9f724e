import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import { calculateReleaseDates, type ReleaseDateRequest } from '../../domain/release-dates/index.ts'
import { emptyForm, readForm, toReleaseDateRequest, type FormError } from './forms.ts'
import {
  dateInput,
  explanationText,
  formatDate,
  formatDayDate,
  hintText,
  presentForm,
  presentResult,
} from './presenters.ts'

const d = (iso: string) => LocalDate.parse(iso)

/** framework-22: 18-month ORA SDS sentenced 11 October 2022 (CRD 2023-07-11, a Tuesday). */
const request = (sentenceDate = '2022-10-11'): ReleaseDateRequest => ({
  offender: { dateOfBirth: '1990-01-01' },
  sentences: [{ ref: 'S1', sentenceType: 'SDS', sentenceDate, offenceDate: '2022-10-10', length: { months: 18 } }],
  rules: { regime: 'standard_50', pssRepealed: false },
})

describe('dates in words', () => {
  it('formats dates as GOV.UK writes them', () => {
    expect(formatDate(d('2015-03-27'))).toBe('27 March 2015')
    expect(formatDayDate(d('2027-03-12'))).toBe('Friday 12 March 2027')
  })

  it('drops the key from an explanation and writes its dates and sentences in words', () => {
    expect(explanationText('CRD: halfway point of 548 days = day 274 → 2023-07-11')).toBe(
      'Halfway point of 548 days = day 274 → 11 July 2023',
    )
    expect(explanationText('ESED: latest unadjusted sentence end (S1 + S2) → 2015-12-22')).toBe(
      'Latest unadjusted sentence end (sentence 1 + sentence 2) → 22 December 2015',
    )
  })
})

describe('hintText', () => {
  it('says a Saturday release would normally happen on the Friday', () => {
    expect(hintText('CRD', { date: d('2027-03-13'), suggested: d('2027-03-12'), text: '' })).toBe(
      'Falls on Saturday: release would normally happen on Friday 12 March 2027',
    )
  })

  it('names the bank holiday and the discretionary release date', () => {
    expect(
      hintText('ARD', { date: d('2026-12-25'), suggested: d('2026-12-24'), discretionary: d('2026-12-23'), text: '' }),
    ).toBe(
      'Falls on a bank holiday (Christmas Day): release would normally happen on Thursday 24 December 2026; under the discretionary release scheme for Fridays and days before bank holidays, release could happen on Wednesday 23 December 2026',
    )
  })

  it('moves home detention curfew eligibility forward, not back', () => {
    expect(hintText('HDCED', { date: d('2023-02-26'), suggested: d('2023-02-27'), text: '' })).toBe(
      'Falls on Sunday: eligibility would normally start on Monday 27 February 2023',
    )
  })
})

describe('presentResult', () => {
  it('lists every date in order with its full name, explanation and no hint on a working day', () => {
    const result = calculateReleaseDates(request())
    const view = presentResult(result, { calculationDate: d('2026-03-01'), assumedAdult: false, pssChosen: true })
    expect(view.rows.map(r => [r.key, r.name, r.date])).toEqual([
      ['CRD', 'Conditional release date', '11 July 2023'],
      ['HDCED', 'Home detention curfew eligibility date', '25 February 2023'],
      ['SLED', 'Sentence and licence expiry date', '10 April 2024'],
      ['TUSED', 'Top-up supervision expiry date', '11 July 2024'],
      ['ESED', 'Effective sentence end date', '10 April 2024'],
    ])
    expect(view.rows[0].explanation).toBe('Halfway point of 548 days = day 274 → 11 July 2023')
    expect(view.rows[0].hint).toBeUndefined()
    // 25 February 2023 is a Saturday: eligibility moves forward.
    expect(view.rows[1].hint).toBe('Falls on Saturday: eligibility would normally start on Monday 27 February 2023')
    expect(view.regime).toMatchObject({
      name: 'Standard release at one half (before SDS40)',
      why: 'You chose this law on the form.',
    })
    expect(view.regime.pss).toContain('still applies')
    expect(view.regime.pss).toContain('You chose this on the form.')
  })

  it('gives the weekend hint beside the date and keeps the date itself', () => {
    const result = calculateReleaseDates(request('2022-10-15'))
    const view = presentResult(result, { calculationDate: d('2026-03-01'), assumedAdult: false, pssChosen: true })
    const crd = view.rows.find(r => r.key === 'CRD')!
    expect(crd.isoDate).toBe('2023-07-15')
    expect(crd.hint).toBe(
      'Falls on Saturday: release would normally happen on Friday 14 July 2023; under the discretionary release scheme for Fridays and days before bank holidays, release could happen on Thursday 13 July 2023',
    )
    expect(view.notes).toContain(
      'Weekend and bank holiday notes never change a calculated date; they say when release would happen in practice.',
    )
  })

  it('explains a regime chosen by the calculation date, the PSS default and an assumed adult', () => {
    const result = calculateReleaseDates({ ...request(), rules: {} }, { calculationDate: d('2026-06-01') })
    const view = presentResult(result, { calculationDate: d('2026-06-01'), assumedAdult: true, pssChosen: false })
    expect(view.regime.name).toBe('SDS40: release at 40% (from 10 September 2024)')
    expect(view.regime.why).toBe('It was the law in force on 1 June 2026, the calculation date.')
    expect(view.regime.description).toContain('10 September 2024')
    expect(view.regime.pss).toBe(
      'Post-sentence supervision (PSS) is treated as repealed (Sentencing Act 2026 s.34), so there is no top-up supervision expiry date. Decided by the calculation date (1 June 2026): the repeal is assumed to be in force from 8 May 2026.',
    )
    expect(view.rows.map(r => r.key)).not.toContain('TUSED')
    expect(view.notes[0]).toContain('No date of birth was entered')
  })
})

describe('presentForm', () => {
  it('highlights only the date boxes at fault', () => {
    const errors: FormError[] = [{ field: 'x-month', message: 'Date must include a month', parts: ['month'] }]
    const input = dateInput('x', 'Date', { day: '1', month: '', year: '2020' }, errors)
    expect(input.errorMessage).toEqual({ text: 'Date must include a month' })
    expect(input.items.map(i => i.classes)).toEqual([
      'govuk-input--width-2',
      'govuk-input--width-2 govuk-input--error',
      'govuk-input--width-4',
    ])
    expect(input.items.map(i => i.value)).toEqual(['1', '', '2020'])
  })

  it('offers the other sentences as "consecutive to" choices and allows removing only when there are several', () => {
    const one = presentForm(emptyForm(d('2026-03-01')))
    expect(one.sentences[0].removable).toBe(false)
    expect(one.sentences[0].consecutiveTo.items.map(i => i.value)).toEqual([''])
    const form = readForm({ sentenceCount: '3', 'sentence3-consecutiveTo': 'S2' }).form
    const three = presentForm(form)
    expect(three.sentences[2].consecutiveTo.items.map(i => [i.value, i.selected])).toEqual([
      ['', false],
      ['S1', false],
      ['S2', true],
    ])
    expect(three.sentences.every(s => s.removable)).toBe(true)
  })

  it('shows the length error once for the group and marks the box at fault', () => {
    const form = readForm({ sentenceCount: '1', 'sentence1-weeks': '-2' }).form
    const result = toReleaseDateRequest(form, d('2026-03-01'))
    const errors = 'errors' in result ? result.errors : []
    const length = presentForm(form, errors).sentences[0].length
    expect(length.errorMessage).toEqual({ text: 'Weeks in the length of sentence 1 must be 0 or more' })
    expect(length.items.map(i => i.error)).toEqual([false, false, true, false])
  })
})
