import type { LocalDate } from '@js-joda/core'
import { bankHolidayName } from '../../domain/calendar/index.ts'
import {
  KEY_DATES,
  orderedDateKeys,
  type DateKey,
  type NonWorkingDayHint,
  type RegimeName,
  type ReleaseDateResult,
} from '../../domain/release-dates/index.ts'
import {
  ADJUSTMENTS,
  EXCLUSIONS,
  MAX_SENTENCES,
  REGIME_CHOICES,
  sentenceId,
  sentenceRef,
  type CalculatorForm,
  type DateFields,
  type DatePart,
  type FormError,
} from './forms.ts'

/** What each key date means, in full (vectors `_meta.dateTypes`). */
export const DATE_NAMES: Record<DateKey, string> = {
  CRD: 'Conditional release date',
  ARD: 'Automatic release date',
  HDCED: 'Home detention curfew eligibility date',
  SED: 'Sentence expiry date',
  LED: 'Licence expiry date',
  SLED: 'Sentence and licence expiry date',
  TUSED: 'Top-up supervision expiry date',
  ESED: 'Effective sentence end date',
}

export const REGIME_NAMES: Record<RegimeName, string> = {
  standard_50: 'Standard release at one half (before SDS40)',
  sds40_2024: 'SDS40: release at 40% (from 10 September 2024)',
  progression_model_2026: 'Progression model (from 1 October 2026, provisional)',
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/** `2015-03-27` → `27 March 2015`. */
export function formatDate(date: LocalDate): string {
  return `${date.dayOfMonth()} ${MONTHS[date.monthValue() - 1]} ${date.year()}`
}

function weekday(date: LocalDate): string {
  const name = date.dayOfWeek().toString()
  return name.charAt(0) + name.slice(1).toLowerCase()
}

/** `2027-03-12` → `Friday 12 March 2027`. */
export function formatDayDate(date: LocalDate): string {
  return `${weekday(date)} ${formatDate(date)}`
}

const ISO_DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/g

/** Replaces ISO dates in engine text with `27 March 2015`. */
function humaniseDates(text: string): string {
  return text.replace(ISO_DATE, (whole, y: string, m: string, d: string) => {
    const month = Number(m)
    return month >= 1 && month <= 12 ? `${Number(d)} ${MONTHS[month - 1]} ${Number(y)}` : whole
  })
}

/**
 * The engine's explanation for a page: the key is already beside it, so the leading "CRD: " goes, and dates
 * read as people write them.
 *
 * @example
 * explanationText('CRD: halfway point of 548 days = day 274 → 2023-07-11') // 'Halfway point of 548 days = day 274 → 11 July 2023'
 */
export function explanationText(text: string): string {
  // Sentences are "sentence 1", "sentence 2" on the form; the engine calls them S1, S2.
  const body = humaniseDates(text.replace(/^[A-Z]{2,5}: /, '')).replace(/\bS(\d+)\b/g, 'sentence $1')
  return body.charAt(0).toUpperCase() + body.slice(1)
}

/**
 * A non-working-day hint in words. The calculated date never moves; this says what staff would do.
 *
 * @example
 * hintText('CRD', { date: 2027-03-13, suggested: 2027-03-12, … })
 * // 'Falls on Saturday: release would normally happen on Friday 12 March 2027'
 */
export function hintText(key: DateKey, hint: NonWorkingDayHint): string {
  const discretionary = hint.discretionary
    ? `under the discretionary release scheme for Fridays and days before bank holidays, release could happen on ${formatDayDate(hint.discretionary)}`
    : ''
  if (hint.suggested.equals(hint.date)) {
    // A working day followed by a non-working day: only the discretionary scheme applies.
    return `The next day is not a working day: ${discretionary}`
  }
  const holiday = bankHolidayName(hint.date)
  const falls = holiday ? `Falls on a bank holiday (${holiday})` : `Falls on ${weekday(hint.date)}`
  if (key === 'HDCED') return `${falls}: eligibility would normally start on ${formatDayDate(hint.suggested)}`
  return `${falls}: release would normally happen on ${formatDayDate(hint.suggested)}${discretionary ? `; ${discretionary}` : ''}`
}

export interface DateRow {
  key: DateKey
  name: string
  isoDate: string
  date: string
  explanation: string
  hint?: string
}

export interface ResultView {
  rows: DateRow[]
  regime: { name: string; description: string; why: string; pss: string }
  notes: string[]
}

/**
 * The engine's answer as a page shows it: dates in display order with full names, explanations and hints,
 * and which law applied and why.
 */
export function presentResult(
  result: ReleaseDateResult,
  context: { calculationDate: LocalDate; assumedAdult: boolean; pssChosen: boolean },
): ResultView {
  const rows = orderedDateKeys(result).flatMap(key => {
    const date = result.dates[key]
    if (!date) return []
    const explanation = result.explanations[key]
    const hint = result.hints[key]
    return [
      {
        key,
        name: DATE_NAMES[key],
        isoDate: date.toString(),
        date: formatDate(date),
        explanation: explanation ? explanationText(explanation.text) : '',
        ...(hint ? { hint: hintText(key, hint) } : {}),
      },
    ]
  })
  const calc = formatDate(context.calculationDate)
  const why =
    result.regime.chosenBy === 'request'
      ? 'You chose this law on the form.'
      : `It was the law in force on ${calc}, the calculation date.`
  const pssState = result.regime.pssRepealed
    ? 'Post-sentence supervision (PSS) is treated as repealed (Sentencing Act 2026 s.34), so there is no top-up supervision expiry date.'
    : 'Post-sentence supervision (PSS) still applies, so short ORA sentences get a top-up supervision expiry date.'
  const pssWhy = context.pssChosen
    ? 'You chose this on the form.'
    : `Decided by the calculation date (${calc}): the repeal is assumed to be in force from ${formatDate(KEY_DATES.PSS_REPEAL_ASSUMED)}.`
  const notes: string[] = []
  if (context.assumedAdult)
    notes.push(
      'No date of birth was entered, so the person is treated as 18 or over throughout. Enter it if they could be under 18 on release.',
    )
  if (rows.some(r => r.hint))
    notes.push(
      'Weekend and bank holiday notes never change a calculated date; they say when release would happen in practice.',
    )
  return {
    rows,
    regime: {
      name: REGIME_NAMES[result.regime.name],
      description: humaniseDates(result.regime.description),
      why,
      pss: `${pssState} ${pssWhy}`,
    },
    notes,
  }
}

// ---------------------------------------------------------------------------------------------------------
// The form as GOV.UK macro parameters

function errorAt(errors: FormError[], id: string): FormError | undefined {
  return errors.find(e => e.field === id || e.field.startsWith(`${id}-`))
}

const message = (e: FormError | undefined) => (e ? { text: e.message } : undefined)

/** Parameters for `govukDateInput`: the error message, and the boxes at fault highlighted. */
export function dateInput(id: string, legend: string, value: DateFields, errors: FormError[], hint?: string) {
  const error = errorAt(errors, id)
  const bad = new Set<DatePart>(error ? (error.parts ?? ['day', 'month', 'year']) : [])
  const item = (name: DatePart, width: number) => ({
    name,
    label: name.charAt(0).toUpperCase() + name.slice(1),
    value: value[name],
    classes: `govuk-input--width-${width}${bad.has(name) ? ' govuk-input--error' : ''}`,
    attributes: { 'data-qa': `${id}-${name}` },
  })
  return {
    id,
    namePrefix: id,
    fieldset: { legend: { text: legend, classes: 'govuk-fieldset__legend--s' } },
    ...(hint ? { hint: { text: hint } } : {}),
    ...(error ? { errorMessage: message(error) } : {}),
    items: [item('day', 2), item('month', 2), item('year', 4)],
  }
}

function textInput(id: string, label: string, value: string, errors: FormError[], extra: Record<string, unknown> = {}) {
  const error = errorAt(errors, id)
  return {
    id,
    name: id,
    label: { text: label },
    value,
    inputmode: 'numeric',
    spellcheck: false,
    classes: 'govuk-input--width-3',
    attributes: { 'data-qa': id },
    ...(error ? { errorMessage: message(error) } : {}),
    ...extra,
  }
}

function radios(
  id: string,
  legend: string,
  value: string,
  items: { value: string; text: string; hint?: string }[],
  errors: FormError[],
) {
  const error = errorAt(errors, id)
  return {
    idPrefix: id,
    name: id,
    fieldset: { legend: { text: legend, classes: 'govuk-fieldset__legend--s' } },
    ...(error ? { errorMessage: message(error) } : {}),
    items: items.map(i => ({
      value: i.value,
      text: i.text,
      checked: i.value === value,
      ...(i.hint ? { hint: { text: i.hint } } : {}),
    })),
  }
}

const UNITS = ['years', 'months', 'weeks', 'days'] as const

/** The "consecutive to" select of sentence `i`: not consecutive, or any other sentence on the page. */
function consecutiveToSelect(form: CalculatorForm, i: number, errors: FormError[]) {
  const id = sentenceId(i)
  const s = form.sentences[i]
  const consecutiveError = errorAt(errors, `${id}-consecutiveTo`)
  return {
    id: `${id}-consecutiveTo`,
    name: `${id}-consecutiveTo`,
    label: { text: 'Consecutive to', classes: 'govuk-label--s' },
    hint: { text: 'Choose a sentence only if this one starts when that one ends' },
    ...(consecutiveError ? { errorMessage: message(consecutiveError) } : {}),
    attributes: { 'data-qa': `${id}-consecutiveTo` },
    items: [
      {
        value: '',
        text: 'Not consecutive (concurrent, or the first in a chain)',
        selected: s.consecutiveTo === '',
      },
      ...form.sentences
        .map((_, j) => ({
          value: sentenceRef(j),
          text: `Sentence ${j + 1}`,
          selected: s.consecutiveTo === sentenceRef(j),
        }))
        .filter((_, j) => j !== i),
    ],
  }
}

/** The checkboxes of a sentence's other facts (SDS+ qualifying, section 250). */
function sentenceFlags(id: string, s: CalculatorForm['sentences'][number]) {
  return {
    idPrefix: `${id}-flags`,
    name: `${id}-flags`,
    fieldset: { legend: { text: 'Other facts about this sentence', classes: 'govuk-fieldset__legend--s' } },
    hint: { text: 'Select all that apply' },
    items: [
      {
        id: `${id}-sdsPlusQualifying`,
        name: `${id}-sdsPlusQualifying`,
        value: 'yes',
        text: 'The offence and length would qualify for SDS+ under current law',
        hint: {
          text: 'Removes home detention curfew and keeps earlier release fractions under the progression model',
        },
        checked: s.sdsPlusQualifying,
      },
      {
        id: `${id}-section250`,
        name: `${id}-section250`,
        value: 'yes',
        text: 'Youth detention under section 250 of the Sentencing Code',
        checked: s.section250,
      },
    ],
  }
}

/** One sentence block of the form. */
function presentSentence(form: CalculatorForm, i: number, errors: FormError[]) {
  const s = form.sentences[i]
  const id = sentenceId(i)
  const exclusionsError = errorAt(errors, `${id}-exclusions`)
  return {
    n: i + 1,
    id,
    ref: sentenceRef(i),
    removable: form.sentences.length > 1,
    sentenceDate: dateInput(`${id}-sentenceDate`, 'Sentence date', s.sentenceDate, errors, 'For example, 27 3 2015'),
    offenceDate: dateInput(
      `${id}-offenceDate`,
      'Offence date',
      s.offenceDate,
      errors,
      'If the offence happened over a period, enter the date it started',
    ),
    length: {
      id: `${id}-length`,
      errorMessage: message(UNITS.map(u => errorAt(errors, `${id}-${u}`)).find(Boolean)),
      items: UNITS.map(unit => ({
        id: `${id}-${unit}`,
        label: unit.charAt(0).toUpperCase() + unit.slice(1),
        value: s[unit],
        error: errorAt(errors, `${id}-${unit}`) !== undefined,
      })),
    },
    sentenceType: radios(
      `${id}-sentenceType`,
      'Sentence type',
      s.sentenceType,
      [
        { value: 'SDS', text: 'Standard determinate sentence (SDS)' },
        { value: 'SDS_PLUS', text: 'SDS+ (released at two thirds)' },
      ],
      errors,
    ),
    consecutiveTo: consecutiveToSelect(form, i, errors),
    flags: sentenceFlags(id, s),
    exclusions: {
      idPrefix: `${id}-exclusions`,
      name: `${id}-exclusions`,
      fieldset: { legend: { text: 'Early release exclusions', classes: 'govuk-fieldset__legend--s' } },
      hint: { text: 'Offence categories excluded from early release schemes. Select all that apply' },
      ...(exclusionsError ? { errorMessage: message(exclusionsError) } : {}),
      items: EXCLUSIONS.map(e => ({ value: e.value, text: e.text, checked: s.exclusions.includes(e.value) })),
    },
  }
}

/** The whole form as view-model pieces for `release-dates.njk`. */
export function presentForm(form: CalculatorForm, errors: FormError[] = []) {
  const count = form.sentences.length
  const sentences = form.sentences.map((_, i) => presentSentence(form, i, errors))

  return {
    sentenceCount: count,
    canAddSentence: count < MAX_SENTENCES,
    maxSentences: MAX_SENTENCES,
    dateOfBirth: dateInput(
      'dateOfBirth',
      'Date of birth (optional)',
      form.dateOfBirth,
      errors,
      'Needed for the under-18 rules. For example, 27 3 1990',
    ),
    activeSexOffender: {
      idPrefix: 'activeSexOffender',
      name: 'activeSexOffender',
      items: [
        {
          value: 'yes',
          text: 'Subject to sex offender registration (no home detention curfew)',
          checked: form.activeSexOffender,
        },
      ],
    },
    calculationDate: dateInput(
      'calculationDate',
      'Calculation date',
      form.calculationDate,
      errors,
      'The day the calculation is for. Leave it as today unless you are checking another date',
    ),
    regime: radios(
      'regime',
      'Which law to calculate under',
      form.regime,
      [
        { value: '', text: 'The law in force on the calculation date', hint: 'Recommended' },
        ...REGIME_CHOICES.map(r => ({ value: r, text: REGIME_NAMES[r] })),
      ],
      errors,
    ),
    pssRepealed: radios(
      'pssRepealed',
      'Is post-sentence supervision (PSS) repealed?',
      form.pssRepealed,
      [
        { value: '', text: 'As the law stood on the calculation date' },
        { value: 'yes', text: 'Yes, repealed (no top-up supervision)' },
        { value: 'no', text: 'No, PSS still applies' },
      ],
      errors,
    ),
    sentences,
    adjustments: ADJUSTMENTS.map(a =>
      textInput(a.field, a.label, form.adjustments[a.field], errors, {
        suffix: { text: 'days' },
        label: { text: a.label, classes: 'govuk-label--s' },
      }),
    ),
  }
}
