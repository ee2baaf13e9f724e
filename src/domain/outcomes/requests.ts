import { LocalDate } from '@js-joda/core'
import {
  INDEX_EVENT_TYPES,
  provenReoffending,
  type CohortPerson,
  type CohortRequest,
  type IndexEventType,
} from './proven-reoffending.ts'

/**
 * The JSON contract of `npx probity calc proven-reoffending` (issue 19): each request is
 * `{ id, cohort: { from, to }, asOf, people: [{ ref, events: [{ type, date }], offences: [{ offenceDate, provenDate,
 * index }] }] }` and answers `{ id, output: { cohortSize, reoffenders, reoffences, binaryRate,
 * frequencyPerReoffender, frequencyPerOffender, provisional } }`, or `{ id, error }` naming the field at fault.
 * Entries with the same `ref` are one person (their events and offences together).
 */

export type ProvenReoffendingAnswer =
  | {
      id: unknown
      output: {
        cohortSize: number
        reoffenders: number
        reoffences: number
        binaryRate: number
        frequencyPerReoffender: number
        frequencyPerOffender: number
        provisional: boolean
      }
    }
  | { id: unknown; error: string }

class RequestError extends Error {}

const ISO = /^\d{4}-\d{2}-\d{2}$/

function date(value: unknown, field: string): LocalDate {
  if (typeof value !== 'string' || !ISO.test(value)) throw new RequestError(`${field}: must be a date, YYYY-MM-DD`)
  try {
    return LocalDate.parse(value)
  } catch {
    throw new RequestError(`${field}: ${value} is not a real date`)
  }
}

function object(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new RequestError(`${field}: must be an object`)
  return value as Record<string, unknown>
}

function array(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw new RequestError(`${field}: must be an array`)
  return value
}

function person(value: unknown, at: string): CohortPerson {
  const p = object(value, at)
  const ref = p.ref
  if ((typeof ref !== 'string' || ref === '') && typeof ref !== 'number')
    throw new RequestError(`${at}.ref: must be a non-empty string`)
  const events = array(p.events ?? [], `${at}.events`).map((e, i) => {
    const ev = object(e, `${at}.events[${i}]`)
    if (!INDEX_EVENT_TYPES.includes(ev.type as IndexEventType))
      throw new RequestError(`${at}.events[${i}].type: must be one of ${INDEX_EVENT_TYPES.join(', ')}`)
    return { type: ev.type as IndexEventType, date: date(ev.date, `${at}.events[${i}].date`) }
  })
  const offences = array(p.offences ?? [], `${at}.offences`).map((o, i) => {
    const of = object(o, `${at}.offences[${i}]`)
    if (of.index !== undefined && typeof of.index !== 'boolean')
      throw new RequestError(`${at}.offences[${i}].index: must be true or false`)
    return {
      offenceDate: date(of.offenceDate, `${at}.offences[${i}].offenceDate`),
      provenDate: date(of.provenDate, `${at}.offences[${i}].provenDate`),
      index: of.index === true,
    }
  })
  return { ref: String(ref), events, offences }
}

/** Entries with the same ref are one person. */
function mergeByRef(people: CohortPerson[]): CohortPerson[] {
  const byRef = new Map<string, CohortPerson>()
  for (const p of people) {
    const seen = byRef.get(p.ref)
    byRef.set(
      p.ref,
      seen ? { ref: p.ref, events: [...seen.events, ...p.events], offences: [...seen.offences, ...p.offences] } : p,
    )
  }
  return [...byRef.values()]
}

/**
 * Reads one request, throwing a message that names the field at fault.
 *
 * @example
 * readCohortRequest({ id: 'q1', cohort: { from: '2025-01-01', to: '2025-03-31' }, asOf: '2026-12-07', people: [] })
 */
export function readCohortRequest(value: unknown): CohortRequest {
  const r = object(value, 'request')
  const cohort = object(r.cohort, 'cohort')
  const from = date(cohort.from, 'cohort.from')
  const to = date(cohort.to, 'cohort.to')
  if (to.isBefore(from)) throw new RequestError('cohort.to: must not be before cohort.from')
  const asOf = date(r.asOf, 'asOf')
  const people = array(r.people, 'people').map((p, i) => person(p, `people[${i}]`))
  return { from, to, asOf, people: mergeByRef(people) }
}

/**
 * Answers each request in order; a request that cannot be read answers `{ id, error }`.
 *
 * @example
 * runProvenReoffendingRequests([{ id: 'q1', cohort: { from: '2025-01-01', to: '2025-03-31' }, asOf: '2026-12-07',
 *   people: [] }]) // [{ id: 'q1', output: { cohortSize: 0, …, provisional: false } }]
 */
export function runProvenReoffendingRequests(requests: readonly unknown[]): ProvenReoffendingAnswer[] {
  return requests.map(value => {
    const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined
    try {
      const r = provenReoffending(readCohortRequest(value))
      const output = {
        cohortSize: r.cohortSize,
        reoffenders: r.reoffenders,
        reoffences: r.reoffences,
        binaryRate: r.binaryRate,
        frequencyPerReoffender: r.frequencyPerReoffender,
        frequencyPerOffender: r.frequencyPerOffender,
        provisional: r.provisional,
      }
      return { id, output }
    } catch (e) {
      if (e instanceof RequestError) return { id, error: e.message }
      throw e
    }
  })
}
