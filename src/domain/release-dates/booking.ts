import { LocalDate } from '@js-joda/core'
import { ReleaseDateRequestError } from './errors.ts'
import { KEY_DATES } from './key-dates.ts'
import { isRegimeName, regimeInForceOn } from './regimes.ts'
import { aggregateRuns, daysBetween, isShorterThanMonths, runsEnd, type Term, toTerm } from './term.ts'
import type { CalculationOptions, RegimeName, ReleaseDateRequest } from './types.ts'

/** A validated sentence. */
export interface Sentence {
  ref: string
  plus: boolean
  sentenceDate: LocalDate
  offenceDate: LocalDate
  term: Term
  consecutiveTo: string | null
  sdsPlusQualifying: boolean
  section250: boolean
  exclusions: ReadonlySet<string>
  /** Offence on or after ORA commencement (spec §2). */
  ora: boolean
  /** Offence before CJA 2003 and sentenced before LASPO (spec §2). */
  legacy: boolean
}

/**
 * A calculable unit: one sentence, or one consecutive chain read from its first part to a last part
 * (spec §7.2: a sentence with two children forks into two chains).
 */
export interface Unit {
  parts: Sentence[]
  /** Earliest sentence date among the parts (spec §7.2). */
  start: LocalDate
  /** Latest sentence date among the parts: when the whole unit exists. */
  imposed: LocalDate
  unadjustedExpiry: LocalDate
  days: number
  under12Months: boolean
  under2Years: boolean
  under4Years: boolean
  under5Years: boolean
  anyOra: boolean
  allOra: boolean
  anyLegacy: boolean
  allLegacy: boolean
  section250: boolean
}

export type AdjustmentKind = 'remand' | 'taggedBail' | 'ual' | 'ada' | 'rada'

export interface Adjustment {
  kind: AdjustmentKind
  days: number
  appliesFrom: LocalDate
}

/** A validated booking, ready to calculate. */
export interface Booking {
  dateOfBirth: LocalDate
  activeSexOffender: boolean
  sentences: Sentence[]
  units: Unit[]
  adjustments: Adjustment[]
  regime: RegimeName
  regimeChosenBy: 'request' | 'calculation-date'
  pssRepealed: boolean
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * Parses an ISO calendar date, refusing impossible ones such as 2023-02-29.
 *
 * @example
 * parseDate('2024-02-29', 'sentenceDate').toString() // '2024-02-29'
 */
export function parseDate(value: unknown, field: string): LocalDate {
  const m = typeof value === 'string' ? ISO_DATE.exec(value) : null
  if (!m)
    throw new ReleaseDateRequestError(
      'INVALID_DATE',
      `${field}: expected a date as YYYY-MM-DD, got ${JSON.stringify(value)}`,
    )
  try {
    return LocalDate.of(Number(m[1]), Number(m[2]), Number(m[3]))
  } catch {
    throw new ReleaseDateRequestError('INVALID_DATE', `${field}: ${value} is not a real calendar date`)
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function wholeNumber(v: unknown, field: string, code: 'INVALID_LENGTH' | 'INVALID_ADJUSTMENT'): number {
  if (v === undefined || v === null) return 0
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 100_000) {
    throw new ReleaseDateRequestError(code, `${field}: expected a whole number of 0 or more, got ${JSON.stringify(v)}`)
  }
  return v
}

const SDS40_EXCLUSIONS = ['SEXUAL', 'VIOLENT', 'DOMESTIC_ABUSE', 'NATIONAL_SECURITY', 'TERRORISM']
const KNOWN_EXCLUSION =
  /^(SEXUAL|VIOLENT|DOMESTIC_ABUSE|NATIONAL_SECURITY|TERRORISM|SEXUAL_T3|DOMESTIC_ABUSE_T3|MURDER_T3|PROGRESSION_MODEL_[A-Z0-9_]+|SA2026_PROGRESSION_MODEL_SCHEDULE)$/

/** SDS40 early-release exclusion (spec §4.2). */
export function hasSds40Exclusion(s: Sentence): boolean {
  return SDS40_EXCLUSIONS.some(e => s.exclusions.has(e))
}

/** SDS40 "T3" additional exclusion (spec §4.2). */
export function hasT3Exclusion(s: Sentence): boolean {
  for (const e of s.exclusions) if (e.endsWith('_T3')) return true
  return false
}

/** Progression-model exclusion (spec §4.4): s.250, SDS+-qualifying-but-not-SDS+, excluded offences. */
export function isProgressionExcluded(s: Sentence): boolean {
  if (s.section250 || (s.sdsPlusQualifying && !s.plus)) return true
  for (const e of s.exclusions)
    if (e.startsWith('PROGRESSION_MODEL_') || e === 'SA2026_PROGRESSION_MODEL_SCHEDULE') return true
  return false
}

const ADJUSTMENT_KEYS: Record<string, AdjustmentKind> = {
  remand: 'remand',
  taggedBail: 'taggedBail',
  unlawfullyAtLarge: 'ual',
  additionalDaysAwarded: 'ada',
  restorationOfAdditionalDaysAwarded: 'rada',
  restoredAdditionalDaysAwarded: 'rada',
}

function parseSentence(raw: unknown, i: number): Sentence {
  const at = `sentences[${i}]`
  if (!isObject(raw)) throw new ReleaseDateRequestError('INVALID_REQUEST', `${at}: expected an object`)
  const ref = raw.ref
  if (typeof ref !== 'string' || ref === '')
    throw new ReleaseDateRequestError('INVALID_REQUEST', `${at}.ref: expected a non-empty string`)
  const type = raw.sentenceType
  if (type !== 'SDS' && type !== 'SDS_PLUS') {
    throw new ReleaseDateRequestError(
      'UNKNOWN_SENTENCE_TYPE',
      `${at} (${ref}): sentence type ${JSON.stringify(type)} is not supported; only SDS and SDS_PLUS are calculated`,
    )
  }
  const sentenceDate = parseDate(raw.sentenceDate, `${ref}.sentenceDate`)
  const offenceDate = parseDate(raw.offenceDate, `${ref}.offenceDate`)
  if (!isObject(raw.length))
    throw new ReleaseDateRequestError('INVALID_LENGTH', `${ref}.length: expected { years, months, weeks, days }`)
  for (const k of Object.keys(raw.length)) {
    if (!['years', 'months', 'weeks', 'days'].includes(k))
      throw new ReleaseDateRequestError('INVALID_LENGTH', `${ref}.length: unknown unit "${k}"`)
  }
  const term = toTerm({
    years: wholeNumber(raw.length.years, `${ref}.length.years`, 'INVALID_LENGTH'),
    months: wholeNumber(raw.length.months, `${ref}.length.months`, 'INVALID_LENGTH'),
    weeks: wholeNumber(raw.length.weeks, `${ref}.length.weeks`, 'INVALID_LENGTH'),
    days: wholeNumber(raw.length.days, `${ref}.length.days`, 'INVALID_LENGTH'),
  })
  if (term.years + term.months + term.weeks + term.days === 0) {
    throw new ReleaseDateRequestError('INVALID_LENGTH', `${ref}.length: the term is empty (every unit is 0)`)
  }
  if (term.years > 100 || term.months > 1200)
    throw new ReleaseDateRequestError('INVALID_LENGTH', `${ref}.length: term is implausibly long`)
  const consecutiveTo = raw.consecutiveTo ?? null
  if (consecutiveTo !== null && (typeof consecutiveTo !== 'string' || consecutiveTo === '')) {
    throw new ReleaseDateRequestError('INVALID_REQUEST', `${ref}.consecutiveTo: expected a sentence ref or null`)
  }
  const exclusionsRaw = raw.earlyReleaseExclusions ?? []
  if (!Array.isArray(exclusionsRaw) || exclusionsRaw.some(e => typeof e !== 'string' || !KNOWN_EXCLUSION.test(e))) {
    throw new ReleaseDateRequestError(
      'INVALID_REQUEST',
      `${ref}.earlyReleaseExclusions: unknown exclusion in ${JSON.stringify(exclusionsRaw)}`,
    )
  }
  for (const flag of ['sdsPlusQualifying', 'section250'] as const) {
    if (raw[flag] !== undefined && typeof raw[flag] !== 'boolean')
      throw new ReleaseDateRequestError('INVALID_REQUEST', `${ref}.${flag}: expected true or false`)
  }
  return {
    ref,
    plus: type === 'SDS_PLUS',
    sentenceDate,
    offenceDate,
    term,
    consecutiveTo: consecutiveTo as string | null,
    sdsPlusQualifying: raw.sdsPlusQualifying === true || type === 'SDS_PLUS',
    section250: raw.section250 === true,
    exclusions: new Set(exclusionsRaw as string[]),
    ora: !offenceDate.isBefore(KEY_DATES.ORA),
    legacy: offenceDate.isBefore(KEY_DATES.CJA_2003) && sentenceDate.isBefore(KEY_DATES.LASPO),
  }
}

function buildUnit(parts: Sentence[]): Unit {
  let start = parts[0].sentenceDate
  let imposed = start
  for (const p of parts) {
    if (p.sentenceDate.isBefore(start)) start = p.sentenceDate
    if (p.sentenceDate.isAfter(imposed)) imposed = p.sentenceDate
  }
  const expiry = runsEnd(start, parts.length === 1 ? [parts[0].term] : aggregateRuns(parts.map(p => p.term)))
  const days = daysBetween(start, expiry) + 1
  return {
    parts,
    start,
    imposed,
    unadjustedExpiry: expiry,
    days,
    under12Months: isShorterThanMonths(start, days, 12),
    under2Years: isShorterThanMonths(start, days, 24),
    under4Years: isShorterThanMonths(start, days, 48),
    under5Years: isShorterThanMonths(start, days, 60),
    anyOra: parts.some(p => p.ora),
    allOra: parts.every(p => p.ora),
    anyLegacy: parts.some(p => p.legacy),
    allLegacy: parts.every(p => p.legacy),
    section250: parts.every(p => p.section250),
  }
}

/**
 * Splits sentences into calculable units: concurrent sentences alone, consecutive chains as a path from a
 * first sentence to each last one (spec §7.2). Refuses unknown refs and loops.
 */
export function buildUnits(sentences: Sentence[]): Unit[] {
  const byRef = new Map<string, Sentence>()
  for (const s of sentences) {
    if (byRef.has(s.ref)) throw new ReleaseDateRequestError('DUPLICATE_REF', `sentence ref "${s.ref}" is used twice`)
    byRef.set(s.ref, s)
  }
  const children = new Map<string, Sentence[]>()
  for (const s of sentences) {
    if (s.consecutiveTo === null) continue
    if (!byRef.has(s.consecutiveTo)) {
      throw new ReleaseDateRequestError(
        'UNKNOWN_CONSECUTIVE_REF',
        `${s.ref} is consecutive to "${s.consecutiveTo}", which is not a sentence in this request`,
      )
    }
    if (s.consecutiveTo === s.ref)
      throw new ReleaseDateRequestError('CONSECUTIVE_LOOP', `${s.ref} is consecutive to itself`)
    const list = children.get(s.consecutiveTo) ?? []
    list.push(s)
    children.set(s.consecutiveTo, list)
  }
  // Every chain must reach a sentence that is consecutive to nothing; otherwise the links go round in a loop.
  for (const s of sentences) {
    const seen = new Set<string>()
    let cur: Sentence | undefined = s
    while (cur && cur.consecutiveTo !== null) {
      if (seen.has(cur.ref))
        throw new ReleaseDateRequestError(
          'CONSECUTIVE_LOOP',
          `consecutive links loop: ${[...seen].join(' → ')} → ${cur.ref}`,
        )
      seen.add(cur.ref)
      cur = byRef.get(cur.consecutiveTo)
    }
  }
  const units: Unit[] = []
  const walk = (path: Sentence[]) => {
    const last = path[path.length - 1]
    const next = children.get(last.ref)
    if (!next) units.push(buildUnit(path))
    else for (const child of next) walk([...path, child])
  }
  for (const s of sentences) if (s.consecutiveTo === null) walk([s])
  return units
}

/**
 * Validates one request and builds the booking model. Throws ReleaseDateRequestError with a clear message.
 *
 * @example
 * const booking = parseRequest(vector.request, { calculationDate: LocalDate.of(2025, 1, 1) })
 */
export function parseRequest(raw: unknown, options: CalculationOptions = {}): Booking {
  if (!isObject(raw)) throw new ReleaseDateRequestError('INVALID_REQUEST', 'request: expected an object')
  const req = raw as Partial<ReleaseDateRequest> & Record<string, unknown>
  if (!isObject(req.offender))
    throw new ReleaseDateRequestError('INVALID_REQUEST', 'offender: expected an object with dateOfBirth')
  const dateOfBirth = parseDate(req.offender.dateOfBirth, 'offender.dateOfBirth')
  if (!Array.isArray(req.sentences) || req.sentences.length === 0) {
    throw new ReleaseDateRequestError('INVALID_REQUEST', 'sentences: expected at least one sentence')
  }
  if (req.sentences.length > 200)
    throw new ReleaseDateRequestError('INVALID_REQUEST', 'sentences: more than 200 sentences')
  const sentences = req.sentences.map((s, i) => parseSentence(s, i))
  const units = buildUnits(sentences)
  const earliest = units.reduce((d, u) => (u.start.isBefore(d) ? u.start : d), units[0].start)

  const adjustments: Adjustment[] = []
  const rawAdj = req.adjustments ?? {}
  if (!isObject(rawAdj)) throw new ReleaseDateRequestError('INVALID_ADJUSTMENT', 'adjustments: expected an object')
  for (const [key, list] of Object.entries(rawAdj)) {
    const kind = ADJUSTMENT_KEYS[key]
    if (!kind) throw new ReleaseDateRequestError('INVALID_ADJUSTMENT', `adjustments.${key}: unknown adjustment type`)
    if (!Array.isArray(list))
      throw new ReleaseDateRequestError('INVALID_ADJUSTMENT', `adjustments.${key}: expected a list`)
    list.forEach((a: unknown, i) => {
      if (!isObject(a))
        throw new ReleaseDateRequestError('INVALID_ADJUSTMENT', `adjustments.${key}[${i}]: expected an object`)
      if (a.days === undefined)
        throw new ReleaseDateRequestError('INVALID_ADJUSTMENT', `adjustments.${key}[${i}].days: required`)
      const days = wholeNumber(a.days, `adjustments.${key}[${i}].days`, 'INVALID_ADJUSTMENT')
      const appliesFrom =
        a.appliesFrom == null ? earliest : parseDate(a.appliesFrom, `adjustments.${key}[${i}].appliesFrom`)
      if (a.recordedFrom != null) parseDate(a.recordedFrom, `adjustments.${key}[${i}].recordedFrom`)
      if (a.recordedTo != null) parseDate(a.recordedTo, `adjustments.${key}[${i}].recordedTo`)
      if (days > 0) adjustments.push({ kind, days, appliesFrom })
    })
  }

  const rules = req.rules ?? {}
  if (!isObject(rules)) throw new ReleaseDateRequestError('INVALID_REQUEST', 'rules: expected an object')
  const calcDate = options.calculationDate ?? LocalDate.now()
  let regime: RegimeName
  let chosenBy: Booking['regimeChosenBy'] = 'request'
  if (rules.regime === undefined || rules.regime === null) {
    regime = regimeInForceOn(calcDate)
    chosenBy = 'calculation-date'
  } else if (isRegimeName(rules.regime)) {
    regime = rules.regime
  } else {
    throw new ReleaseDateRequestError(
      'UNKNOWN_REGIME',
      `rules.regime: unknown regime ${JSON.stringify(rules.regime)}; expected standard_50, sds40_2024 or progression_model_2026`,
    )
  }
  if (rules.pssRepealed !== undefined && rules.pssRepealed !== null && typeof rules.pssRepealed !== 'boolean') {
    throw new ReleaseDateRequestError('INVALID_REQUEST', 'rules.pssRepealed: expected true or false')
  }
  const pssRepealed =
    typeof rules.pssRepealed === 'boolean' ? rules.pssRepealed : !calcDate.isBefore(KEY_DATES.PSS_REPEAL_ASSUMED)

  return {
    dateOfBirth,
    activeSexOffender: req.offender.activeSexOffender === true,
    sentences,
    units,
    adjustments,
    regime,
    regimeChosenBy: chosenBy,
    pssRepealed,
  }
}
