import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import { calculateReleaseDates, ReleaseDateRequestError } from '../../domain/release-dates/index.ts'
import {
  addSentence,
  emptyForm,
  engineErrorToFieldErrors,
  parseDateFields,
  readForm,
  removeSentence,
  toReleaseDateRequest,
  type FormBody,
  type FormError,
  type ValidBooking,
} from './forms.ts'

const TODAY = LocalDate.of(2026, 3, 1)

/** framework-22 as the browser posts it: 18-month SDS sentenced 11 October 2022. */
function body(overrides: FormBody = {}): FormBody {
  return {
    'dateOfBirth-day': '1',
    'dateOfBirth-month': '1',
    'dateOfBirth-year': '1990',
    'calculationDate-day': '1',
    'calculationDate-month': '3',
    'calculationDate-year': '2026',
    regime: 'standard_50',
    pssRepealed: 'no',
    sentenceCount: '1',
    'sentence1-sentenceDate-day': '11',
    'sentence1-sentenceDate-month': '10',
    'sentence1-sentenceDate-year': '2022',
    'sentence1-offenceDate-day': '10',
    'sentence1-offenceDate-month': '10',
    'sentence1-offenceDate-year': '2022',
    'sentence1-years': '',
    'sentence1-months': '18',
    'sentence1-weeks': '',
    'sentence1-days': '',
    'sentence1-sentenceType': 'SDS',
    'sentence1-consecutiveTo': '',
    remand: '',
    taggedBail: '',
    ual: '',
    ada: '',
    rada: '',
    action: 'calculate',
    ...overrides,
  }
}

function valid(b: FormBody): ValidBooking {
  const r = toReleaseDateRequest(readForm(b).form, TODAY)
  if ('errors' in r) throw new Error(`unexpected errors: ${JSON.stringify(r.errors)}`)
  return r
}

function errorsOf(b: FormBody): FormError[] {
  const r = toReleaseDateRequest(readForm(b).form, TODAY)
  if (!('errors' in r)) throw new Error('expected errors')
  return r.errors
}

const twoSentences = (overrides: FormBody = {}) =>
  body({
    sentenceCount: '2',
    'sentence2-sentenceDate-day': '11',
    'sentence2-sentenceDate-month': '10',
    'sentence2-sentenceDate-year': '2022',
    'sentence2-offenceDate-day': '1',
    'sentence2-offenceDate-month': '9',
    'sentence2-offenceDate-year': '2022',
    'sentence2-months': '6',
    'sentence2-sentenceType': 'SDS',
    ...overrides,
  })

describe('toReleaseDateRequest', () => {
  it('builds the engine request in the reference-vector format', () => {
    const r = valid(
      body({
        remand: '35',
        taggedBail: '10',
        'sentence1-exclusions': ['SEXUAL', 'VIOLENT'],
        'sentence1-section250': 'yes',
      }),
    )
    expect(r.request).toEqual({
      offender: { dateOfBirth: '1990-01-01', activeSexOffender: false },
      sentences: [
        {
          ref: 'S1',
          sentenceType: 'SDS',
          sentenceDate: '2022-10-11',
          offenceDate: '2022-10-10',
          length: { years: 0, months: 18, weeks: 0, days: 0 },
          consecutiveTo: null,
          sdsPlusQualifying: false,
          section250: true,
          earlyReleaseExclusions: ['SEXUAL', 'VIOLENT'],
        },
      ],
      adjustments: { remand: [{ days: 35 }], taggedBail: [{ days: 10 }] },
      rules: { regime: 'standard_50', pssRepealed: false },
    })
    expect(r.calculationDate.toString()).toBe('2026-03-01')
    expect(r.assumedAdult).toBe(false)
    expect(r.pssChosen).toBe(true)
    // The engine accepts it and gives the framework-22 CRD less 45 days.
    expect(calculateReleaseDates(r.request, { calculationDate: r.calculationDate }).dates.CRD?.toString()).toBe(
      '2023-05-27',
    )
  })

  it('leaves regime and PSS to the calculation date when the defaults are chosen', () => {
    const r = valid(body({ regime: '', pssRepealed: '' }))
    expect(r.request.rules).toEqual({})
    expect(r.pssChosen).toBe(false)
  })

  it('uses today when the calculation date is blank', () => {
    const r = valid(body({ 'calculationDate-day': '', 'calculationDate-month': '', 'calculationDate-year': '' }))
    expect(r.calculationDate.toString()).toBe('2026-03-01')
  })

  it('treats a person without a date of birth as an adult on every date of the booking', () => {
    const r = valid(body({ 'dateOfBirth-day': '', 'dateOfBirth-month': '', 'dateOfBirth-year': '' }))
    expect(r.assumedAdult).toBe(true)
    expect(r.request.offender.dateOfBirth).toBe('2004-10-10')
  })

  it('passes SDS+, consecutive links and the sex-offender flag through', () => {
    const r = valid(
      twoSentences({ activeSexOffender: 'yes', 'sentence2-sentenceType': 'SDS_PLUS', 'sentence2-consecutiveTo': 'S1' }),
    )
    expect(r.request.offender.activeSexOffender).toBe(true)
    expect(r.request.sentences[1]).toMatchObject({ ref: 'S2', sentenceType: 'SDS_PLUS', consecutiveTo: 'S1' })
  })

  it('names the field of an impossible date and highlights the right box', () => {
    const errors = errorsOf(
      body({
        'sentence1-sentenceDate-day': '29',
        'sentence1-sentenceDate-month': '2',
        'sentence1-sentenceDate-year': '2023',
      }),
    )
    expect(errors).toEqual([
      {
        field: 'sentence1-sentenceDate-day',
        message: 'Sentence date for sentence 1 must be a real date',
        parts: ['day'],
      },
    ])
  })

  it('asks for missing dates and missing parts of dates', () => {
    const errors = errorsOf(
      body({
        'sentence1-sentenceDate-day': '',
        'sentence1-sentenceDate-month': '',
        'sentence1-sentenceDate-year': '',
        'sentence1-offenceDate-month': '',
        'sentence1-offenceDate-year': '',
      }),
    )
    expect(errors.map(e => [e.field, e.message])).toEqual([
      ['sentence1-sentenceDate-day', 'Enter the sentence date for sentence 1'],
      ['sentence1-offenceDate-month', 'Offence date for sentence 1 must include a month and year'],
    ])
  })

  it('refuses negative, fractional and empty lengths, and negative adjustments', () => {
    expect(errorsOf(body({ 'sentence1-years': '-1' })).map(e => e.message)).toEqual([
      'Years in the length of sentence 1 must be 0 or more',
    ])
    expect(errorsOf(body({ 'sentence1-months': '1.5' })).map(e => e.message)).toEqual([
      'Months in the length of sentence 1 must be a whole number, like 6',
    ])
    expect(errorsOf(body({ 'sentence1-months': '0' }))).toEqual([
      { field: 'sentence1-years', message: 'Enter the length of sentence 1' },
    ])
    expect(errorsOf(body({ ual: '-3' }))).toEqual([
      { field: 'ual', message: 'Unlawfully at large (UAL) days must be 0 or more' },
    ])
  })

  it('refuses an offence after the sentence date and a date of birth in the future', () => {
    const errors = errorsOf(body({ 'sentence1-offenceDate-day': '12', 'dateOfBirth-year': '2027' }))
    expect(errors.map(e => e.field)).toEqual(['dateOfBirth-day', 'sentence1-offenceDate-day'])
    expect(errors[1].message).toBe('Offence date for sentence 1 must be the same as or before the sentence date')
  })

  it('finds loops in consecutive chains and puts the error on the first sentence of the loop', () => {
    const errors = errorsOf(
      body({
        sentenceCount: '3',
        'sentence1-consecutiveTo': 'S3',
        'sentence2-consecutiveTo': 'S1',
        'sentence3-consecutiveTo': 'S2',
        ...Object.fromEntries(
          [2, 3].flatMap(n => [
            [`sentence${n}-sentenceDate-day`, '11'],
            [`sentence${n}-sentenceDate-month`, '10'],
            [`sentence${n}-sentenceDate-year`, '2022'],
            [`sentence${n}-offenceDate-day`, '1'],
            [`sentence${n}-offenceDate-month`, '10'],
            [`sentence${n}-offenceDate-year`, '2022'],
            [`sentence${n}-months`, '3'],
            [`sentence${n}-sentenceType`, 'SDS'],
          ]),
        ),
      }),
    )
    expect(errors).toEqual([
      {
        field: 'sentence1-consecutiveTo',
        message:
          'Sentences 1, 2 and 3 are consecutive to each other in a loop: make at least one of them start a chain (not consecutive to another sentence)',
      },
    ])
  })

  it('refuses a sentence consecutive to itself or to one that is not on the page, and unknown choices', () => {
    expect(errorsOf(body({ 'sentence1-consecutiveTo': 'S1' })).map(e => e.message)).toEqual([
      'Sentence 1 cannot be consecutive to itself',
    ])
    expect(errorsOf(body({ 'sentence1-consecutiveTo': 'S9' })).map(e => e.field)).toEqual(['sentence1-consecutiveTo'])
    expect(
      errorsOf(body({ regime: 'sds_33', 'sentence1-sentenceType': 'EDS', 'sentence1-exclusions': 'MADE_UP' })).map(
        e => e.field,
      ),
    ).toEqual(['regime', 'sentence1-sentenceType', 'sentence1-exclusions'])
  })

  it('lists errors in page order, whatever order they were found in', () => {
    const errors = errorsOf(
      twoSentences({
        remand: 'x',
        'sentence2-months': '-1',
        'sentence1-sentenceDate-year': '22',
        'dateOfBirth-month': '13',
      }),
    )
    expect(errors.map(e => e.field)).toEqual([
      'dateOfBirth-month',
      'sentence1-sentenceDate-year',
      'sentence2-months',
      'remand',
    ])
  })
})

describe('readForm, adding and removing sentences', () => {
  it('reads the button pressed; anything else calculates', () => {
    expect(readForm(body({ action: 'add-sentence' })).action).toEqual({ kind: 'add-sentence' })
    expect(readForm(twoSentences({ action: 'remove-sentence-2' })).action).toEqual({
      kind: 'remove-sentence',
      index: 1,
    })
    expect(readForm(body({ action: 'remove-sentence-7' })).action).toEqual({ kind: 'calculate' })
    expect(readForm(body({ action: undefined })).action).toEqual({ kind: 'calculate' })
  })

  it('adds an empty sentence block, keeping what was typed', () => {
    const form = addSentence(readForm(body()).form)
    expect(form.sentences).toHaveLength(2)
    expect(form.sentences[0].months).toBe('18')
    expect(form.sentences[1]).toMatchObject({ months: '', sentenceType: 'SDS', consecutiveTo: '' })
  })

  it('renumbers consecutive links when a sentence is removed', () => {
    const three = readForm(
      twoSentences({ sentenceCount: '3', 'sentence2-consecutiveTo': 'S1', 'sentence3-consecutiveTo': 'S2' }),
    ).form
    const withoutFirst = removeSentence(three, 0)
    expect(withoutFirst.sentences.map(s => s.consecutiveTo)).toEqual(['', 'S1'])
    const withoutSecond = removeSentence(three, 1)
    expect(withoutSecond.sentences.map(s => s.consecutiveTo)).toEqual(['', ''])
    expect(removeSentence(readForm(body()).form, 0).sentences).toHaveLength(1)
  })

  it('starts empty with today as the calculation date', () => {
    const form = emptyForm(TODAY)
    expect(form.calculationDate).toEqual({ day: '1', month: '3', year: '2026' })
    expect(form.sentences).toHaveLength(1)
    expect(form.regime).toBe('')
  })
})

describe('parseDateFields', () => {
  it('accepts a real date and a blank optional one', () => {
    expect(parseDateFields({ day: '29', month: '2', year: '2024' }, 'd', 'Date', true).date?.toString()).toBe(
      '2024-02-29',
    )
    expect(parseDateFields({ day: '', month: '', year: '' }, 'd', 'Date', false)).toEqual({})
  })

  it('asks for four-digit years and refuses words', () => {
    expect(parseDateFields({ day: '1', month: '2', year: '24' }, 'd', 'Date', true).error?.message).toBe(
      'Year in the date must include 4 numbers',
    )
    expect(parseDateFields({ day: 'one', month: '2', year: '2024' }, 'd', 'Date', true).error).toMatchObject({
      field: 'd-day',
      parts: ['day'],
    })
    expect(parseDateFields({ day: '1', month: '13', year: '2024' }, 'd', 'Date', true).error).toMatchObject({
      field: 'd-month',
    })
  })
})

describe('engineErrorToFieldErrors', () => {
  it('maps the engine refusal to the sentence field its message names', () => {
    expect(
      engineErrorToFieldErrors(
        new ReleaseDateRequestError('CONSECUTIVE_LOOP', 'consecutive links loop: S2 → S3 → S2'),
      )[0].field,
    ).toBe('sentence2-consecutiveTo')
    expect(
      engineErrorToFieldErrors(
        new ReleaseDateRequestError('INVALID_DATE', 'S3.offenceDate: 2023-02-29 is not a real calendar date'),
      )[0].field,
    ).toBe('sentence3-offenceDate-day')
    expect(
      engineErrorToFieldErrors(new ReleaseDateRequestError('INVALID_LENGTH', 'S1.length: term is implausibly long'))[0]
        .field,
    ).toBe('sentence1-years')
    expect(
      engineErrorToFieldErrors(
        new ReleaseDateRequestError('INVALID_ADJUSTMENT', 'adjustments.unlawfullyAtLarge[0].days: bad'),
      )[0].field,
    ).toBe('ual')
    expect(
      engineErrorToFieldErrors(new ReleaseDateRequestError('UNKNOWN_REGIME', 'rules.regime: unknown'))[0].field,
    ).toBe('regime')
  })
})
