import { LocalDate } from '@js-joda/core'
import type {
  ReleaseDateRequestError,
  RegimeName,
  ReleaseDateRequest,
  SentenceRequest,
  AdjustmentsRequest,
} from '../../domain/release-dates/index.ts'
import type { FieldError } from '../../errors.ts'
import { dateParts, list, text, type FormBody } from '../../web/forms.ts'

/**
 * The release-date calculator form: the request body (flat, URL-encoded, works without JavaScript) in, the
 * engine's request object or field errors out. Pure: "today" is an argument.
 *
 * Field names are also the element ids, so an error's `field` is the id the error summary links to:
 * `dateOfBirth-day`, `sentence2-offenceDate-month`, `sentence2-years`, `remand` …
 */

export type { FormBody } from '../../web/forms.ts'

/** Enough for any real booking on one page; the engine itself takes up to 200. */
export const MAX_SENTENCES = 30

export type DatePart = 'day' | 'month' | 'year'
export interface DateFields {
  day: string
  month: string
  year: string
}

/** Offence categories the engine accepts as early-release exclusions (see the vectors' `_meta.fields`). */
export const EXCLUSIONS = [
  { value: 'SEXUAL', text: 'Sexual offence (excluded from SDS40)' },
  { value: 'VIOLENT', text: 'Violent offence (excluded from SDS40)' },
  { value: 'DOMESTIC_ABUSE', text: 'Domestic abuse offence (excluded from SDS40)' },
  { value: 'NATIONAL_SECURITY', text: 'National security offence (excluded from SDS40)' },
  { value: 'TERRORISM', text: 'Terrorism offence (excluded from SDS40)' },
  { value: 'SEXUAL_T3', text: 'Sexual offence added to the SDS40 exclusions from 16 December 2024 (T3)' },
  {
    value: 'DOMESTIC_ABUSE_T3',
    text: 'Domestic abuse offence added to the SDS40 exclusions from 16 December 2024 (T3)',
  },
  { value: 'MURDER_T3', text: 'Murder-related offence added to the SDS40 exclusions from 16 December 2024 (T3)' },
  {
    value: 'SA2026_PROGRESSION_MODEL_SCHEDULE',
    text: 'Offence excluded from the progression model (Sentencing Act 2026 schedule)',
  },
] as const
const EXCLUSION_VALUES: ReadonlySet<string> = new Set(EXCLUSIONS.map(e => e.value))

export const REGIME_CHOICES: readonly RegimeName[] = ['standard_50', 'sds40_2024', 'progression_model_2026']

export const ADJUSTMENTS = [
  { field: 'remand', key: 'remand', label: 'Remand' },
  { field: 'taggedBail', key: 'taggedBail', label: 'Tagged bail' },
  { field: 'ual', key: 'unlawfullyAtLarge', label: 'Unlawfully at large (UAL)' },
  { field: 'ada', key: 'additionalDaysAwarded', label: 'Additional days awarded (ADA)' },
  { field: 'rada', key: 'restorationOfAdditionalDaysAwarded', label: 'Restoration of additional days awarded (RADA)' },
] as const
export type AdjustmentField = (typeof ADJUSTMENTS)[number]['field']

export interface SentenceForm {
  sentenceDate: DateFields
  offenceDate: DateFields
  years: string
  months: string
  weeks: string
  days: string
  sentenceType: string
  consecutiveTo: string
  sdsPlusQualifying: boolean
  section250: boolean
  exclusions: string[]
}

/** Everything the user typed, as typed, so the page can be shown again exactly. */
export interface CalculatorForm {
  dateOfBirth: DateFields
  activeSexOffender: boolean
  calculationDate: DateFields
  regime: string
  pssRepealed: string
  sentences: SentenceForm[]
  adjustments: Record<AdjustmentField, string>
}

/** A field error; `parts` says which boxes of a date input to highlight. */
export interface FormError extends FieldError {
  parts?: DatePart[]
}

export type FormAction = { kind: 'calculate' } | { kind: 'add-sentence' } | { kind: 'remove-sentence'; index: number }

/** The element-id prefix of sentence `index` (0-based): `sentence1`, `sentence2` … */
export const sentenceId = (index: number) => `sentence${index + 1}`
/** The engine ref of sentence `index`: `S1`, `S2` … (shown to users as "sentence 1"). */
export const sentenceRef = (index: number) => `S${index + 1}`

const emptyDate = (): DateFields => ({ day: '', month: '', year: '' })
const dateFieldsOf = (d: LocalDate): DateFields => ({
  day: String(d.dayOfMonth()),
  month: String(d.monthValue()),
  year: String(d.year()),
})

export function emptySentence(): SentenceForm {
  return {
    sentenceDate: emptyDate(),
    offenceDate: emptyDate(),
    years: '',
    months: '',
    weeks: '',
    days: '',
    sentenceType: 'SDS',
    consecutiveTo: '',
    sdsPlusQualifying: false,
    section250: false,
    exclusions: [],
  }
}

/**
 * The form as first shown: calculated today, law in force, one empty sentence.
 *
 * @example
 * emptyForm(LocalDate.of(2026, 3, 1)).calculationDate // { day: '1', month: '3', year: '2026' }
 */
export function emptyForm(today: LocalDate): CalculatorForm {
  return {
    dateOfBirth: emptyDate(),
    activeSexOffender: false,
    calculationDate: dateFieldsOf(today),
    regime: '',
    pssRepealed: '',
    sentences: [emptySentence()],
    adjustments: { remand: '', taggedBail: '', ual: '', ada: '', rada: '' },
  }
}

/**
 * Reads the posted form and which button was pressed. Never fails: bad values are kept for validation.
 *
 * @example
 * readForm({ sentenceCount: '1', action: 'add-sentence' }).action // { kind: 'add-sentence' }
 */
export function readForm(body: FormBody): { form: CalculatorForm; action: FormAction } {
  const count = Math.min(Math.max(Number.parseInt(text(body, 'sentenceCount'), 10) || 1, 1), MAX_SENTENCES)
  const sentences: SentenceForm[] = []
  for (let i = 0; i < count; i++) {
    const p = sentenceId(i)
    sentences.push({
      sentenceDate: dateParts(body, `${p}-sentenceDate`),
      offenceDate: dateParts(body, `${p}-offenceDate`),
      years: text(body, `${p}-years`),
      months: text(body, `${p}-months`),
      weeks: text(body, `${p}-weeks`),
      days: text(body, `${p}-days`),
      sentenceType: text(body, `${p}-sentenceType`),
      consecutiveTo: text(body, `${p}-consecutiveTo`),
      sdsPlusQualifying: text(body, `${p}-sdsPlusQualifying`) === 'yes',
      section250: text(body, `${p}-section250`) === 'yes',
      exclusions: list(body, `${p}-exclusions`),
    })
  }
  const adjustments = {} as Record<AdjustmentField, string>
  for (const a of ADJUSTMENTS) adjustments[a.field] = text(body, a.field)
  const form: CalculatorForm = {
    dateOfBirth: dateParts(body, 'dateOfBirth'),
    activeSexOffender: text(body, 'activeSexOffender') === 'yes',
    calculationDate: dateParts(body, 'calculationDate'),
    regime: text(body, 'regime'),
    pssRepealed: text(body, 'pssRepealed'),
    sentences,
    adjustments,
  }
  const actionText = text(body, 'action')
  const remove = /^remove-sentence-(\d{1,3})$/.exec(actionText)
  let action: FormAction = { kind: 'calculate' }
  if (actionText === 'add-sentence') action = { kind: 'add-sentence' }
  else if (remove && Number(remove[1]) >= 1 && Number(remove[1]) <= count)
    action = { kind: 'remove-sentence', index: Number(remove[1]) - 1 }
  return { form, action }
}

/** One more empty sentence block ("add another" without JavaScript); unchanged at the limit. */
export function addSentence(form: CalculatorForm): CalculatorForm {
  if (form.sentences.length >= MAX_SENTENCES) return form
  return { ...form, sentences: [...form.sentences, emptySentence()] }
}

/**
 * Removes sentence `index`; later sentences move up one place, so "consecutive to" choices are renumbered and
 * links to the removed sentence are cleared.
 */
export function removeSentence(form: CalculatorForm, index: number): CalculatorForm {
  if (form.sentences.length <= 1 || index < 0 || index >= form.sentences.length) return form
  const removed = sentenceRef(index)
  const sentences = form.sentences
    .filter((_, i) => i !== index)
    .map(s => {
      const m = /^S(\d+)$/.exec(s.consecutiveTo)
      if (!m) return s
      if (s.consecutiveTo === removed) return { ...s, consecutiveTo: '' }
      const n = Number(m[1])
      return n > index + 1 ? { ...s, consecutiveTo: `S${n - 1}` } : s
    })
  return { ...form, sentences }
}

// ---------------------------------------------------------------------------------------------------------
// Validation

const PARTS: DatePart[] = ['day', 'month', 'year']

function joinParts(parts: DatePart[]): string {
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`
}

/**
 * One GOV.UK date input (day/month/year) to a date, following the Design System's error messages.
 * `label` starts the messages ("Sentence date for sentence 1"); `required` decides whether blank is an error.
 */
export function parseDateFields(
  fields: DateFields,
  id: string,
  label: string,
  required: boolean,
): { date?: LocalDate; error?: FormError } {
  const missing = PARTS.filter(p => fields[p] === '')
  if (missing.length === 3) {
    return required
      ? { error: { field: `${id}-day`, message: `Enter the ${lowerFirst(label)}`, parts: [...PARTS] } }
      : {}
  }
  if (missing.length > 0) {
    return {
      error: { field: `${id}-${missing[0]}`, message: `${label} must include a ${joinParts(missing)}`, parts: missing },
    }
  }
  const notNumbers = PARTS.filter(p => !/^\d{1,4}$/.test(fields[p]))
  if (notNumbers.length > 0) {
    return { error: { field: `${id}-${notNumbers[0]}`, message: `${label} must be a real date`, parts: notNumbers } }
  }
  if (!/^\d{4}$/.test(fields.year)) {
    return {
      error: {
        field: `${id}-year`,
        message: `Year in the ${lowerFirst(label)} must include 4 numbers`,
        parts: ['year'],
      },
    }
  }
  const [day, month, year] = [Number(fields.day), Number(fields.month), Number(fields.year)]
  if (month < 1 || month > 12)
    return { error: { field: `${id}-month`, message: `${label} must be a real date`, parts: ['month'] } }
  try {
    return { date: LocalDate.of(year, month, day) }
  } catch {
    return { error: { field: `${id}-day`, message: `${label} must be a real date`, parts: ['day'] } }
  }
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1)
}

const WHOLE = /^\d+$/

/** A whole number of 0 or more; blank is 0. */
function parseCount(value: string, field: string, label: string, max: number): { value: number; error?: FormError } {
  if (value === '') return { value: 0 }
  if (/^-\s*\d/.test(value)) return { value: 0, error: { field, message: `${label} must be 0 or more` } }
  if (!WHOLE.test(value)) return { value: 0, error: { field, message: `${label} must be a whole number, like 6` } }
  const n = Number(value)
  if (n > max) return { value: 0, error: { field, message: `${label} must be ${max.toLocaleString('en-GB')} or less` } }
  return { value: n }
}

/** The first sentence (1-based order) of each loop in the consecutive links, with the loop's members. */
function consecutiveLoops(links: (number | null)[]): number[][] {
  const loops: number[][] = []
  const inLoop = new Set<number>()
  for (let start = 0; start < links.length; start++) {
    const path: number[] = []
    const seen = new Map<number, number>()
    let cur: number | null = start
    while (cur !== null && !seen.has(cur) && !inLoop.has(cur)) {
      seen.set(cur, path.length)
      path.push(cur)
      cur = links[cur] ?? null
    }
    const loopStart = cur === null ? undefined : seen.get(cur)
    if (loopStart !== undefined) {
      const members = path.slice(loopStart).sort((a, b) => a - b)
      members.forEach(m => inLoop.add(m))
      loops.push(members)
    }
  }
  return loops
}

function listSentences(indexes: number[]): string {
  const names = indexes.map(i => String(i + 1))
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}

export interface ValidBooking {
  request: ReleaseDateRequest
  calculationDate: LocalDate
  /** No date of birth was entered: the request carries one that makes the person an adult throughout. */
  assumedAdult: boolean
  /** Whether the user chose the PSS setting (otherwise the law on the calculation date decides). */
  pssChosen: boolean
}

/**
 * Validates the form and builds the engine request, or returns every field error at once (in page order).
 *
 * @example
 * const r = toReleaseDateRequest(form, LocalDate.of(2026, 3, 1))
 * if ('errors' in r) reply.status(400) // …
 * else calculateReleaseDates(r.request, { calculationDate: r.calculationDate })
 */
export function toReleaseDateRequest(form: CalculatorForm, today: LocalDate): ValidBooking | { errors: FormError[] } {
  const errors: FormError[] = []
  // One message per field: the first problem found is the one to fix first.
  const add: AddError = e => {
    if (e && !errors.some(x => x.field === e.field)) errors.push(e)
  }

  const dob = parseDateFields(form.dateOfBirth, 'dateOfBirth', 'Date of birth', false)
  add(dob.error)
  const dobInFuture = dob.date !== undefined && dob.date.isAfter(today)
  if (dobInFuture) add({ field: 'dateOfBirth-day', message: 'Date of birth must be in the past', parts: [...PARTS] })

  const calc = parseDateFields(form.calculationDate, 'calculationDate', 'Calculation date', false)
  add(calc.error)
  const calculationDate = calc.date ?? today
  const rules = readRules(form, add)

  const validDob = dob.date && !dobInFuture ? dob.date : undefined
  const read = form.sentences.map((_, i) => readSentence(form, i, validDob, add))
  const sentences = read.map(r => r.request)
  const dates = read.flatMap(r => r.dates)
  const earliest = dates.reduce<LocalDate | undefined>((e, d) => (!e || d.isBefore(e) ? d : e), undefined)
  for (const loop of consecutiveLoops(read.map(r => r.link))) {
    const first = loop[0]
    add({
      field: `${sentenceId(first)}-consecutiveTo`,
      message: `Sentences ${listSentences(loop)} are consecutive to each other in a loop: make at least one of them start a chain (not consecutive to another sentence)`,
    })
  }
  const adjustments = readAdjustments(form, add)

  // No date of birth: the person is treated as 18 on the earliest date in the booking, so no under-18 rule
  // (which the engine tests on the release date) can apply.
  const dateOfBirth = dob.date ?? earliest?.minusYears(18)
  if (errors.length > 0 || !dateOfBirth) return { errors: sortByPage(errors, form) }
  const request: ReleaseDateRequest = {
    offender: { dateOfBirth: dateOfBirth.toString(), activeSexOffender: form.activeSexOffender },
    sentences,
    adjustments,
    rules: {
      ...(rules.regime ? { regime: rules.regime } : {}),
      ...(rules.pssRepealed === undefined ? {} : { pssRepealed: rules.pssRepealed }),
    },
  }
  return { request, calculationDate, assumedAdult: !dob.date, pssChosen: rules.pssRepealed !== undefined }
}

/** Records a field error (the first for each field wins). */
type AddError = (e: FormError | undefined) => void

/** The law chosen (or none: the law on the calculation date) and whether PSS is repealed (or as the law stood). */
function readRules(form: CalculatorForm, add: AddError): { regime?: RegimeName; pssRepealed?: boolean } {
  let regime: RegimeName | undefined
  if (form.regime !== '') {
    if ((REGIME_CHOICES as readonly string[]).includes(form.regime)) regime = form.regime as RegimeName
    else add({ field: 'regime', message: 'Select which law to calculate under' })
  }
  let pssRepealed: boolean | undefined
  if (form.pssRepealed === 'yes') pssRepealed = true
  else if (form.pssRepealed === 'no') pssRepealed = false
  else if (form.pssRepealed !== '')
    add({ field: 'pssRepealed', message: 'Select whether post-sentence supervision is repealed' })
  return { regime, pssRepealed }
}

/** The adjustments in days; a blank or 0 is none. */
function readAdjustments(form: CalculatorForm, add: AddError): AdjustmentsRequest {
  const adjustments: AdjustmentsRequest = {}
  for (const a of ADJUSTMENTS) {
    const r = parseCount(form.adjustments[a.field], a.field, `${a.label} days`, 100_000)
    add(r.error)
    if (r.value > 0) adjustments[a.key] = [{ days: r.value }]
  }
  return adjustments
}

/** Sentence `i`'s dates, against each other and a valid date of birth (`dob`); the dates read, for the earliest. */
function readSentenceDates(s: SentenceForm, i: number, dob: LocalDate | undefined, add: AddError) {
  const id = sentenceId(i)
  const n = i + 1
  const sentenceDate = parseDateFields(s.sentenceDate, `${id}-sentenceDate`, `Sentence date for sentence ${n}`, true)
  add(sentenceDate.error)
  const offenceDate = parseDateFields(s.offenceDate, `${id}-offenceDate`, `Offence date for sentence ${n}`, true)
  add(offenceDate.error)
  if (sentenceDate.date && offenceDate.date && offenceDate.date.isAfter(sentenceDate.date)) {
    add({
      field: `${id}-offenceDate-day`,
      message: `Offence date for sentence ${n} must be the same as or before the sentence date`,
      parts: [...PARTS],
    })
  }
  if (dob && offenceDate.date && !offenceDate.date.isAfter(dob)) {
    add({
      field: `${id}-offenceDate-day`,
      message: `Offence date for sentence ${n} must be after the date of birth`,
      parts: [...PARTS],
    })
  }
  return { sentenceDate: sentenceDate.date, offenceDate: offenceDate.date }
}

/** Sentence `i`'s length; an error when every unit is blank or 0. */
function readLength(s: SentenceForm, i: number, add: AddError) {
  const id = sentenceId(i)
  const n = i + 1
  const units = (['years', 'months', 'weeks', 'days'] as const).map(unit => {
    const max = { years: 100, months: 1200, weeks: 5000, days: 36500 }[unit]
    const label = `${unit.charAt(0).toUpperCase()}${unit.slice(1)} in the length of sentence ${n}`
    const r = parseCount(s[unit], `${id}-${unit}`, label, max)
    add(r.error)
    return r
  })
  const [years, months, weeks, days] = units.map(u => u.value)
  if (!units.some(u => u.error) && years + months + weeks + days === 0) {
    add({ field: `${id}-years`, message: `Enter the length of sentence ${n}` })
  }
  return { years, months, weeks, days }
}

/** Which sentence on the page sentence `i` is consecutive to (its index), or null. */
function readConsecutiveTo(form: CalculatorForm, i: number, add: AddError): number | null {
  const s = form.sentences[i]
  const id = sentenceId(i)
  const n = i + 1
  if (s.consecutiveTo === '') return null
  const m = /^S(\d+)$/.exec(s.consecutiveTo)
  const target = m ? Number(m[1]) - 1 : -1
  if (target === i) add({ field: `${id}-consecutiveTo`, message: `Sentence ${n} cannot be consecutive to itself` })
  else if (target < 0 || target >= form.sentences.length)
    add({
      field: `${id}-consecutiveTo`,
      message: `Select a sentence on this page that sentence ${n} is consecutive to`,
    })
  else return target
  return null
}

/** Sentence `i` as the engine's request, its consecutive link and its dates. */
function readSentence(form: CalculatorForm, i: number, dob: LocalDate | undefined, add: AddError) {
  const s = form.sentences[i]
  const id = sentenceId(i)
  const { sentenceDate, offenceDate } = readSentenceDates(s, i, dob, add)
  const length = readLength(s, i, add)
  if (s.sentenceType !== 'SDS' && s.sentenceType !== 'SDS_PLUS')
    add({ field: `${id}-sentenceType`, message: `Select the type of sentence ${i + 1}` })
  const link = readConsecutiveTo(form, i, add)
  const unknown = s.exclusions.filter(e => !EXCLUSION_VALUES.has(e))
  if (unknown.length > 0)
    add({ field: `${id}-exclusions`, message: `Select the offence categories of sentence ${i + 1} from the list` })
  const request: SentenceRequest = {
    ref: sentenceRef(i),
    sentenceType: s.sentenceType === 'SDS_PLUS' ? 'SDS_PLUS' : 'SDS',
    sentenceDate: sentenceDate?.toString() ?? '',
    offenceDate: offenceDate?.toString() ?? '',
    length,
    consecutiveTo: link === null ? null : sentenceRef(link),
    sdsPlusQualifying: s.sdsPlusQualifying,
    section250: s.section250,
    earlyReleaseExclusions: s.exclusions.filter(e => EXCLUSION_VALUES.has(e)),
  }
  const dates = [sentenceDate, offenceDate].filter(d => d !== undefined)
  return { request, link, dates }
}

/** Field ids in the order they appear on the page, so the error summary reads top to bottom. */
function pageOrder(form: CalculatorForm): string[] {
  const ids = ['dateOfBirth', 'calculationDate', 'regime', 'pssRepealed']
  form.sentences.forEach((_, i) => {
    const p = sentenceId(i)
    ids.push(
      `${p}-sentenceDate`,
      `${p}-offenceDate`,
      `${p}-years`,
      `${p}-months`,
      `${p}-weeks`,
      `${p}-days`,
      `${p}-sentenceType`,
      `${p}-consecutiveTo`,
      `${p}-exclusions`,
    )
  })
  ids.push(...ADJUSTMENTS.map(a => a.field))
  return ids
}

function sortByPage(errors: FormError[], form: CalculatorForm): FormError[] {
  const order = pageOrder(form)
  const rank = (e: FormError) => {
    const i = order.findIndex(id => e.field === id || e.field.startsWith(`${id}-`))
    return i < 0 ? order.length : i
  }
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i)
    .map(x => x.e)
}

/**
 * The engine's refusal mapped to the field it is about, where the message names one (`S2.length`,
 * `S3 is consecutive to …`, `adjustments.remand[0]`). The form checks most of this first; this is the backstop.
 *
 * @example
 * engineErrorToFieldErrors(new ReleaseDateRequestError('CONSECUTIVE_LOOP', 'consecutive links loop: S1 → S2 → S1'))
 * // [{ field: 'sentence1-consecutiveTo', message: 'Sentences … loop …' }]
 */
export function engineErrorToFieldErrors(error: ReleaseDateRequestError): FormError[] {
  const refMatch = /\bS(\d+)\b/.exec(error.message)
  const sentence = refMatch ? Number(refMatch[1]) : undefined
  const id = sentence ? `sentence${sentence}` : 'sentence1'
  const n = sentence ?? 1
  switch (error.code) {
    case 'CONSECUTIVE_LOOP':
      return [
        {
          field: `${id}-consecutiveTo`,
          message: `Sentence ${n} is part of a loop of consecutive sentences: make at least one sentence in the chain start it`,
        },
      ]
    case 'UNKNOWN_CONSECUTIVE_REF':
    case 'DUPLICATE_REF':
      return [
        {
          field: `${id}-consecutiveTo`,
          message: `Select a sentence on this page that sentence ${n} is consecutive to`,
        },
      ]
    case 'INVALID_DATE': {
      const which = /\.offenceDate/.test(error.message)
        ? 'offenceDate'
        : /dateOfBirth/.test(error.message)
          ? null
          : 'sentenceDate'
      if (which === null)
        return [{ field: 'dateOfBirth-day', message: 'Date of birth must be a real date', parts: [...PARTS] }]
      const label = which === 'offenceDate' ? 'Offence date' : 'Sentence date'
      return [
        { field: `${id}-${which}-day`, message: `${label} for sentence ${n} must be a real date`, parts: [...PARTS] },
      ]
    }
    case 'INVALID_LENGTH':
      return [
        { field: `${id}-years`, message: `Enter a length for sentence ${n} in whole years, months, weeks and days` },
      ]
    case 'UNKNOWN_SENTENCE_TYPE':
      return [{ field: `${id}-sentenceType`, message: `Select the type of sentence ${n}` }]
    case 'UNKNOWN_REGIME':
      return [{ field: 'regime', message: 'Select which law to calculate under' }]
    case 'INVALID_ADJUSTMENT': {
      const key = /adjustments\.(\w+)/.exec(error.message)?.[1]
      const a = ADJUSTMENTS.find(x => x.key === key) ?? ADJUSTMENTS[0]
      return [{ field: a.field, message: `${a.label} days must be a whole number, 0 or more` }]
    }
    default:
      return [
        {
          field: sentence ? `${id}-sentenceDate-day` : 'sentence1-sentenceDate-day',
          message: `This booking cannot be calculated: ${error.message}`,
        },
      ]
  }
}
