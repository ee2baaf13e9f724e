import { LocalDate } from '@js-joda/core'
import type { RoshLevelColumn } from '../../db/schema.ts'
import { lookupOffenceCode } from '../../domain/risk/index.ts'
import type { NEEDS, NeedSeverity } from '../../domain/tier/index.ts'
import { ALL_ITEM_FIELDS, type AssessmentItems, type ItemField } from './items.ts'
import { MAPPA_CODE, registerType } from './registration-types.ts'

/**
 * The Risk forms, in two pure steps: `read…Form` reads the submitted body (flat, URL-encoded, works without
 * JavaScript) into a typed form as entered (the route does this), and `parse…Form` turns that into a typed command
 * or every field error (the service does this, as it knows the person's date of birth; "today" is an argument).
 * Field names are the element ids, so an error's `field` is what the error summary links to (date fields link to
 * their day input: `<name>-day`).
 */

import {
  dateParts,
  FieldProblems as Problems,
  list,
  partsOf,
  readDate,
  text,
  type DateParts,
  type FormBody,
  type Parsed,
} from '../../web/forms.ts'

export type { FormBody } from '../../web/forms.ts'

/** A date's three parts as the fields of a GOV.UK date input, for `readDate`. */
function dateFields(name: string, parts: DateParts): FormBody {
  return { [`${name}-day`]: parts.day, [`${name}-month`]: parts.month, [`${name}-year`]: parts.year }
}

/** A date as entered, read with the GOV.UK messages (undefined when blank, null when wrong). */
function enteredDate(parts: DateParts, name: string, label: string, p: Problems): LocalDate | null | undefined {
  return readDate(dateFields(name, parts), name, label, p)
}

function requiredDate(parts: DateParts, name: string, label: string, p: Problems, today: LocalDate): LocalDate | null {
  const d = enteredDate(parts, name, label, p)
  if (d === undefined) {
    p.add(`${name}-day`, `Enter the ${label.toLowerCase()}`)
    return null
  }
  if (d && d.isAfter(today)) {
    p.add(`${name}-day`, `${label} must be today or in the past`)
    return null
  }
  return d
}

// ── RoSH ────────────────────────────────────────────────────────────────────────────────────────────────────

export const ROSH_LEVELS: readonly { value: RoshLevelColumn; text: string }[] = [
  { value: 'low', text: 'Low' },
  { value: 'medium', text: 'Medium' },
  { value: 'high', text: 'High' },
  { value: 'very_high', text: 'Very high' },
]
const LEVEL_RANK: Record<RoshLevelColumn, number> = { low: 0, medium: 1, high: 2, very_high: 3 }

/** The RoSH groups, in OASys's order. Risk to prisoners is only assessed in custody. */
export const ROSH_GROUPS = [
  { key: 'public', label: 'Public', required: true },
  { key: 'knownAdult', label: 'Known adult', required: true },
  { key: 'children', label: 'Children', required: true },
  { key: 'staff', label: 'Staff', required: true },
  { key: 'prisoners', label: 'Prisoners (custody only)', required: false },
] as const
export type RoshGroup = (typeof ROSH_GROUPS)[number]['key']

/** The levels of an assessed RoSH: every group but prisoners (custody only) is required. */
export interface RoshLevels {
  public: RoshLevelColumn
  knownAdult: RoshLevelColumn
  children: RoshLevelColumn
  staff: RoshLevelColumn
  prisoners: RoshLevelColumn | null
}

export interface RoshCommand {
  assessmentDate: LocalDate
  levels: RoshLevels
  overall: RoshLevelColumn
  whoIsAtRisk: string | null
  natureOfHarm: string | null
  whenMostLikely: string | null
}

/** The RoSH form as entered. */
export interface RoshForm {
  assessmentDate: DateParts
  /** Each group's level as chosen ('' when none). */
  levels: Record<RoshGroup, string>
  whoIsAtRisk: string
  natureOfHarm: string
  whenMostLikely: string
}

export function readRoshForm(body: FormBody): RoshForm {
  const levels = {} as Record<RoshGroup, string>
  for (const g of ROSH_GROUPS) levels[g.key] = text(body, `level-${g.key}`)
  return {
    assessmentDate: dateParts(body, 'assessmentDate'),
    levels,
    whoIsAtRisk: text(body, 'whoIsAtRisk'),
    natureOfHarm: text(body, 'natureOfHarm'),
    whenMostLikely: text(body, 'whenMostLikely'),
  }
}

/** Overall RoSH is the highest level of any group (OASys R10). */
export function highestLevel(levels: readonly (RoshLevelColumn | null)[]): RoshLevelColumn {
  let best: RoshLevelColumn = 'low'
  for (const l of levels) if (l && LEVEL_RANK[l] > LEVEL_RANK[best]) best = l
  return best
}

const isRoshLevel = (v: string): v is RoshLevelColumn => ROSH_LEVELS.some(l => l.value === v)

/** Each group's level, or null (with an error when the group is required or the value is not a level). */
function readLevels(form: RoshForm, p: Problems): Record<RoshGroup, RoshLevelColumn | null> {
  const levels = {} as Record<RoshGroup, RoshLevelColumn | null>
  for (const g of ROSH_GROUPS) {
    const v = form.levels[g.key]
    if (!v || (v === 'not_assessed' && !g.required)) {
      if (g.required) p.add(`level-${g.key}`, `Select the risk to ${g.label.toLowerCase()}`)
      levels[g.key] = null
    } else if (isRoshLevel(v)) {
      levels[g.key] = v
    } else {
      p.add(`level-${g.key}`, `Select low, medium, high or very high for the risk to ${g.label.toLowerCase()}`)
      levels[g.key] = null
    }
  }
  return levels
}

export function parseRoshForm(form: RoshForm, today: LocalDate, dateOfBirth: LocalDate): Parsed<RoshCommand> {
  const p = new Problems()
  const assessmentDate = requiredDate(form.assessmentDate, 'assessmentDate', 'Assessment date', p, today)
  if (assessmentDate && assessmentDate.isBefore(dateOfBirth))
    p.add('assessmentDate-day', 'Assessment date must be after the date of birth')
  const levels = readLevels(form, p)
  const long = (value: string, key: string, label: string) => {
    if (value.length > 4000) p.add(key, `${label} must be 4,000 characters or fewer`)
    return value || null
  }
  const whoIsAtRisk = long(form.whoIsAtRisk, 'whoIsAtRisk', 'Who is at risk')
  const natureOfHarm = long(form.natureOfHarm, 'natureOfHarm', 'Nature of the risk')
  const whenMostLikely = long(form.whenMostLikely, 'whenMostLikely', 'When the risk is greatest')
  const { public: publicLevel, knownAdult, children, staff, prisoners } = levels
  if (p.errors.length > 0 || !assessmentDate || !publicLevel || !knownAdult || !children || !staff)
    return { ok: false, errors: p.errors }
  return {
    ok: true,
    value: {
      assessmentDate,
      levels: { public: publicLevel, knownAdult, children, staff, prisoners },
      overall: highestLevel(Object.values(levels)),
      whoIsAtRisk,
      natureOfHarm,
      whenMostLikely,
    },
  }
}

// ── Registrations ───────────────────────────────────────────────────────────────────────────────────────────

export interface RegistrationCommand {
  typeCode: string
  mappaCategory: number | null
  mappaLevel: number | null
  registeredDate: LocalDate
  nextReviewDate: LocalDate | null
  notes: string | null
}

/** The registration form as entered. */
export interface RegistrationForm {
  typeCode: string
  mappaCategory: string
  mappaLevel: string
  registeredDate: DateParts
  nextReviewDate: DateParts
  notes: string
}

export function readRegistrationForm(body: FormBody): RegistrationForm {
  return {
    typeCode: text(body, 'typeCode'),
    mappaCategory: text(body, 'mappaCategory'),
    mappaLevel: text(body, 'mappaLevel'),
    registeredDate: dateParts(body, 'registeredDate'),
    nextReviewDate: dateParts(body, 'nextReviewDate'),
    notes: text(body, 'notes'),
  }
}

/**
 * Reads the registration form. The date registered must also be after the date of birth: the service checks that
 * once the form is otherwise valid.
 */
export function parseRegistrationForm(form: RegistrationForm, today: LocalDate): Parsed<RegistrationCommand> {
  const p = new Problems()
  const { typeCode } = form
  if (!typeCode) p.add('typeCode', 'Select the type of registration')
  else if (!registerType(typeCode)) p.add('typeCode', 'Select a type of registration from the list')
  const isMappa = typeCode === MAPPA_CODE
  const oneToThree = (v: string, key: string, label: string): number | null => {
    if (!isMappa) return null
    if (!v) {
      p.add(key, `Select the MAPPA ${label}`)
      return null
    }
    if (!/^[1-3]$/.test(v)) {
      p.add(key, `MAPPA ${label} must be 1, 2 or 3`)
      return null
    }
    return Number(v)
  }
  const mappaCategory = oneToThree(form.mappaCategory, 'mappaCategory', 'category')
  const mappaLevel = oneToThree(form.mappaLevel, 'mappaLevel', 'level')
  const registeredDate = requiredDate(form.registeredDate, 'registeredDate', 'Date registered', p, today)
  const nextReviewDate = enteredDate(form.nextReviewDate, 'nextReviewDate', 'Next review date', p) ?? null
  if (registeredDate && nextReviewDate && nextReviewDate.isBefore(registeredDate)) {
    p.add('nextReviewDate-day', 'Next review date must be on or after the date registered')
  }
  const notes = form.notes
  if (notes.length > 4000) p.add('notes', 'Notes must be 4,000 characters or fewer')
  if (p.errors.length > 0 || !registeredDate) return { ok: false, errors: p.errors }
  return {
    ok: true,
    value: { typeCode, mappaCategory, mappaLevel, registeredDate, nextReviewDate, notes: notes || null },
  }
}

export interface DeregistrationCommand {
  date: LocalDate
  reason: string
  version: number
}

/** The deregistration form as entered. */
export interface DeregistrationForm {
  deregisteredDate: DateParts
  reason: string
  version: string
}

export function readDeregistrationForm(body: FormBody): DeregistrationForm {
  return {
    deregisteredDate: dateParts(body, 'deregisteredDate'),
    reason: text(body, 'reason'),
    version: text(body, 'version'),
  }
}

export function parseDeregistrationForm(
  form: DeregistrationForm,
  today: LocalDate,
  registeredDate: LocalDate,
): Parsed<DeregistrationCommand> {
  const p = new Problems()
  const date = requiredDate(form.deregisteredDate, 'deregisteredDate', 'Date of deregistration', p, today)
  if (date && date.isBefore(registeredDate))
    p.add('deregisteredDate-day', 'Date of deregistration must be on or after the date registered')
  const { reason } = form
  if (!reason) p.add('reason', 'Enter the reason for deregistration')
  else if (reason.length > 4000) p.add('reason', 'Reason must be 4,000 characters or fewer')
  const version = Number(form.version)
  if (p.errors.length > 0 || !date) return { ok: false, errors: p.errors }
  return { ok: true, value: { date, reason, version: Number.isInteger(version) ? version : 0 } }
}

// ── Assessment items ────────────────────────────────────────────────────────────────────────────────────────

export interface ItemsCommand {
  assessmentDate: LocalDate
  items: AssessmentItems
  /** The items version the form was based on (0 when none), to catch someone else's recording in between. */
  basedOnVersion: number
}

/** The form's values as typed (strings, date parts, checkbox lists), for showing the page again. */
export type ItemsFormValues = Record<string, string | string[] | DateParts>

export function itemsFormValues(assessmentDate: string, items: AssessmentItems, version: number): ItemsFormValues {
  const values: ItemsFormValues = { assessmentDate: partsOf(assessmentDate), basedOnVersion: String(version) }
  const raw = items as Record<string, unknown>
  for (const f of ALL_ITEM_FIELDS) {
    const v = f.key.startsWith('need-') ? items.needs?.[f.key.slice(5) as keyof typeof items.needs] : raw[f.key]
    if (f.kind === 'date') values[f.key] = partsOf(v as string | null | undefined)
    else if (f.kind === 'multi')
      values[f.key] = v === null || v === undefined ? [] : (v as string[]).length === 0 ? ['NONE'] : (v as string[])
    else if (v === null || v === undefined) values[f.key] = ''
    else if (typeof v === 'boolean') values[f.key] = v ? 'yes' : 'no'
    else values[f.key] = String(v)
  }
  return values
}

export function itemsFormValuesFromBody(body: FormBody): ItemsFormValues {
  const values: ItemsFormValues = {
    assessmentDate: dateParts(body, 'assessmentDate'),
    basedOnVersion: text(body, 'basedOnVersion'),
  }
  for (const f of ALL_ITEM_FIELDS) {
    if (f.kind === 'date') values[f.key] = dateParts(body, f.key)
    else if (f.kind === 'multi') values[f.key] = list(body, f.key)
    else values[f.key] = text(body, f.key)
  }
  return values
}

const DAYS_IN_3_MONTHS = 92

/**
 * Reads the assessment items form. Every item is optional (an unanswered item shows as "needs: …" on the page),
 * but what is given must be possible: real dates after the date of birth, counts that add up, known offence codes.
 * The items in `recorded` come from the record (src/domain/risk `riskInputsFromRecord`): they are not asked, and a
 * value posted for one is ignored.
 */
export function parseItemsForm(
  values: ItemsFormValues,
  today: LocalDate,
  dateOfBirth: LocalDate,
  recorded: ReadonlySet<string> = new Set(),
): Parsed<ItemsCommand> {
  const p = new Problems()
  const assessmentDate = requiredDate(
    valueDate(values, 'assessmentDate'),
    'assessmentDate',
    'Assessment date',
    p,
    today,
  )
  const items: Record<string, unknown> = {}
  const needs: Partial<Record<(typeof NEEDS)[number], NeedSeverity>> = {}
  const dates: Record<string, LocalDate> = {}
  for (const f of ALL_ITEM_FIELDS) {
    if (recorded.has(f.key)) continue
    const value = readItem(values, f, p, dateOfBirth, assessmentDate ?? today)
    if (value === undefined) continue
    if (f.key.startsWith('need-')) needs[f.key.slice(5) as (typeof NEEDS)[number]] = value as NeedSeverity
    else if (value instanceof LocalDate) {
      dates[f.key] = value
      items[f.key] = value.toString()
    } else items[f.key] = value
  }
  if (Object.keys(needs).length > 0) items.needs = needs

  // Cross-field rules (spec §3.6, §7.1): counts and dates must be consistent with each other.
  const total = items.totalNumberOfSanctionsForAllOffences as number | undefined
  const violent = items.totalNumberOfViolentSanctions as number | undefined
  if (total !== undefined && violent !== undefined && violent > total) {
    p.add('totalNumberOfViolentSanctions', 'Violent sanctions cannot be more than the total sanctions')
  }
  if (
    dates.dateOfFirstSanction &&
    dates.dateOfCurrentConviction &&
    dates.dateOfFirstSanction.isAfter(dates.dateOfCurrentConviction)
  ) {
    p.add('dateOfFirstSanction-day', 'Date of first sanction must be on or before the date of current conviction')
  }
  if (
    assessmentDate &&
    dates.dateOfCurrentConviction &&
    dates.dateOfCurrentConviction.isAfter(assessmentDate.plusDays(DAYS_IN_3_MONTHS))
  ) {
    p.add(
      'dateOfCurrentConviction-day',
      'Date of current conviction must not be more than 3 months after the assessment date',
    )
  }
  const pairs: [string, string][] = [
    ['arpPercent', 'arpType'],
    ['csrpPercent', 'csrpType'],
    ['dcSrpPercent', 'dcSrpBand'],
  ]
  for (const [score, kind] of pairs) {
    if ((items[score] === undefined) !== (items[kind] === undefined)) {
      const missing = items[score] === undefined ? score : kind
      p.add(
        missing,
        `Enter both the ${(ALL_ITEM_FIELDS.find(f => f.key === score)?.label ?? score).split(',')[0]} and its ${kind.endsWith('Band') ? 'band' : 'type'}, or neither`,
      )
    }
  }
  const basedOnVersion = Number(valueText(values, 'basedOnVersion'))
  if (p.errors.length > 0 || !assessmentDate) return { ok: false, errors: p.errors }
  return {
    ok: true,
    value: {
      assessmentDate,
      items: items as AssessmentItems,
      basedOnVersion: Number.isInteger(basedOnVersion) ? basedOnVersion : 0,
    },
  }
}

/** A text value as entered ('' when absent). */
function valueText(values: ItemsFormValues, key: string): string {
  const v = values[key]
  return typeof v === 'string' ? v : ''
}

/** A checkbox list as entered. */
function valueList(values: ItemsFormValues, key: string): string[] {
  const v = values[key]
  return Array.isArray(v) ? v : []
}

/** A date's parts as entered. */
function valueDate(values: ItemsFormValues, key: string): DateParts {
  const v = values[key]
  return typeof v === 'object' && !Array.isArray(v) ? v : partsOf(null)
}

function readItem(
  values: ItemsFormValues,
  f: ItemField,
  p: Problems,
  dob: LocalDate,
  assessmentDate: LocalDate,
): unknown {
  const label = f.label
  switch (f.kind) {
    case 'date': {
      const d = enteredDate(valueDate(values, f.key), f.key, label, p)
      if (!d) return undefined
      if (!d.isAfter(dob)) {
        p.add(`${f.key}-day`, `${label} must be after the date of birth`)
        return undefined
      }
      if (!f.futureAllowed && d.isAfter(assessmentDate)) {
        p.add(`${f.key}-day`, `${label} must be on or before the assessment date`)
        return undefined
      }
      return d
    }
    case 'count': {
      const v = valueText(values, f.key)
      if (!v) return undefined
      const min = f.min ?? 0
      if (!/^\d{1,3}$/.test(v) || Number(v) < min) {
        p.add(f.key, `${label} must be a whole number from ${min} to 999`)
        return undefined
      }
      return Number(v)
    }
    case 'percent': {
      const v = valueText(values, f.key)
      if (!v) return undefined
      if (!/^\d{1,3}(\.\d{1,2})?$/.test(v) || Number(v) > 100) {
        p.add(f.key, `${label.split(',')[0]} must be a percentage from 0 to 100, with up to 2 decimal places`)
        return undefined
      }
      return Number(v)
    }
    case 'offenceCode': {
      const v = valueText(values, f.key)
      if (!v) return undefined
      if (!/^\d{5}$/.test(v)) {
        p.add(f.key, 'Offence code must be 5 digits, like 02700')
        return undefined
      }
      if (!lookupOffenceCode(v)) {
        p.add(f.key, `Offence code ${v} is not in the Home Office offence list`)
        return undefined
      }
      return v
    }
    case 'choice': {
      const v = valueText(values, f.key)
      if (!v) return undefined
      if (!(f.choices ?? []).some(c => c.value === v)) {
        p.add(f.key, `Select one of the options for "${label}"`)
        return undefined
      }
      return f.store === 'number' ? Number(v) : f.store === 'boolean' ? v === 'yes' : v
    }
    case 'multi':
      return readMulti(valueList(values, f.key), f, p)
  }
}

/** The options ticked (past offences, drugs): [] for "None of these", undefined when none is ticked or one is wrong. */
function readMulti(chosen: string[], f: ItemField, p: Problems): string[] | undefined {
  const key = f.key
  const options = (f.choices ?? []).map(c => c.value).filter(v => v !== 'NONE')
  if (chosen.length === 0) return undefined
  const unknown = chosen.filter(v => v !== 'NONE' && !options.includes(v))
  if (unknown.length > 0) {
    p.add(key, key === 'previousConvictions' ? 'Select past offences from the list' : 'Select drugs from the list')
    return undefined
  }
  if (chosen.includes('NONE')) {
    if (chosen.length > 1) {
      p.add(key, 'Select "None of these" or the past offences, not both')
      return undefined
    }
    return []
  }
  return options.filter(c => chosen.includes(c))
}
