import { LocalDate } from '@js-joda/core'
import type { RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import { checkOffenceCode } from '../../domain/sentencing/index.ts'
import { ValidationError, type FieldError } from '../../errors.ts'
import { parseIso } from './checks.ts'
import type { NewEventInput, OffenceInput } from './commands.ts'
import { applyCaseStatusChange } from './lifecycle.ts'
import { recordChange } from '../../access/audit.ts'
import { openRecord, type SentencingDeps } from './open-record.ts'
import * as q from './queries.ts'

/** Events (convictions awaiting sentence) and their offences: checking a new event, storing it, adding one. */

export interface ParsedOffence {
  code: string
  date: string | null
  count: number
  description: string | null
  isMain: boolean
}

export interface ParsedEvent {
  courtId: number
  convictionDate: LocalDate
  offences: ParsedOffence[]
  notes: string | null
}

interface EventContext {
  today: LocalDate
  dateOfBirth: string
  prefix: string
}

async function parseCourt(db: Executor, code: string | null | undefined, field: string, errors: FieldError[]) {
  if (!code) {
    errors.push({ field, message: 'Choose the court' })
    return null
  }
  const court = await q.findCourtByCode(db, code)
  if (!court) errors.push({ field, message: 'Choose a court from the list' })
  return court?.id ?? null
}

function parseConvictionDate(input: NewEventInput, context: EventContext, errors: FieldError[]) {
  const field = `${context.prefix}convictionDate`
  const conviction = parseIso(input.convictionDate, field, 'conviction date', errors)
  if (conviction && conviction.isAfter(context.today)) {
    errors.push({ field, message: 'The conviction date must be today or in the past' })
  } else if (conviction && !conviction.isAfter(LocalDate.parse(context.dateOfBirth))) {
    errors.push({ field, message: 'The conviction date must be after the date of birth' })
  }
  return conviction
}

function parseOffence(
  o: OffenceInput,
  field: string,
  isMain: boolean,
  conviction: LocalDate | null,
  errors: FieldError[],
): ParsedOffence | null {
  const check = checkOffenceCode(o.code ?? '')
  if (!check.ok) {
    errors.push({ field: `${field}.code`, message: check.message })
    return null
  }
  let date: string | null = null
  if (o.date) {
    const d = parseIso(o.date, `${field}.date`, 'offence date', errors)
    if (d && conviction && d.isAfter(conviction)) {
      errors.push({ field: `${field}.date`, message: 'The offence date must be on or before the conviction date' })
    } else if (d) date = d.toString()
  }
  const count = o.count ?? 1
  if (!Number.isInteger(count) || count < 1 || count > 999) {
    errors.push({ field: `${field}.count`, message: 'Enter the number of offences, 1 or more' })
  }
  return { code: check.code, date, count, description: o.description?.trim() || null, isMain }
}

function parseOffences(input: NewEventInput, prefix: string, conviction: LocalDate | null, errors: FieldError[]) {
  const offences: ParsedOffence[] = []
  const add = (o: ParsedOffence | null) => {
    if (o) offences.push(o)
  }
  if (!input.mainOffence || !input.mainOffence.code) {
    errors.push({
      field: `${prefix}mainOffence.code`,
      message: 'Enter the main offence code: a sentence must be for an offence',
    })
  } else add(parseOffence(input.mainOffence, `${prefix}mainOffence`, true, conviction, errors))
  ;(input.otherOffences ?? []).forEach((o, i) =>
    add(parseOffence(o, `${prefix}otherOffences.${i}`, false, conviction, errors)),
  )
  return offences
}

/** Checks a new event's court, conviction date and offence codes; every error is collected with `prefix` on its field. */
export async function parseEvent(
  db: Executor,
  input: NewEventInput,
  context: EventContext,
  errors: FieldError[],
): Promise<ParsedEvent | null> {
  const p = context.prefix
  const before = errors.length
  const courtId = await parseCourt(db, input.courtCode, `${p}courtCode`, errors)
  const conviction = parseConvictionDate(input, context, errors)
  const offences = parseOffences(input, p, conviction, errors)
  const notes = input.notes?.trim() || null
  if (notes && notes.length > 4000)
    errors.push({ field: `${p}notes`, message: 'Notes must be 4,000 characters or fewer' })
  if (errors.length > before || !courtId || !conviction) return null
  return { courtId, convictionDate: conviction, offences, notes }
}

/** Stores a checked event with the person's next event number, and its offences. */
export async function insertEvent(db: Executor, ctx: RequestContext, personId: number, e: ParsedEvent) {
  const eventNumber = await q.nextEventNumber(db, personId)
  const id = await q.insertEvent(db, {
    person_id: personId,
    event_number: eventNumber,
    court_id: e.courtId,
    conviction_date: e.convictionDate.toString(),
    notes: e.notes,
    created_by: ctx.user?.id ?? null,
  })
  for (const o of e.offences) {
    await q.insertOffence(db, {
      person_id: personId,
      event_id: id,
      offence_code: o.code,
      description: o.description,
      offence_date: o.date,
      is_main: o.isMain,
      offence_count: o.count,
    })
  }
  return { id, eventNumber }
}

/** Adds an event (conviction awaiting sentence) with its offences. Outbox: person.event.added. */
export function addEvent(deps: SentencingDeps, ctx: RequestContext, crn: string, input: NewEventInput) {
  return openRecord(deps, ctx, crn, 'update', async (trx, p) => {
    const errors: FieldError[] = []
    const context = { today: deps.clock.today(), dateOfBirth: p.date_of_birth, prefix: '' }
    const parsed = await parseEvent(trx, input, context, errors)
    if (!parsed) throw new ValidationError(errors)
    const event = await insertEvent(trx, ctx, p.id, parsed)
    await applyCaseStatusChange(trx, ctx, p.id, 'event_added', {
      eventId: event.id,
      reason: `Event ${event.eventNumber} added`,
    })
    await recordChange(trx, ctx, p, {
      action: 'EVENT_ADD',
      eventType: 'person.event.added',
      detail: { eventId: event.id, eventNumber: event.eventNumber, offences: parsed.offences.map(o => o.code) },
    })
    return event
  })
}
