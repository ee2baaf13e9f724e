import { LocalDate } from '@js-joda/core'
import type { Transaction } from 'kysely'
import { audit, publish, type RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import type { Database } from '../../db/schema.ts'
import {
  CUSTODIAL_TYPES,
  validateCommunityOrder,
  validateCustodial,
  validateSuspendedSentence,
  type CustodialType,
  type Length,
  type RequirementInput,
  type ValidRequirement,
} from '../../domain/sentencing/index.ts'
import { ConflictError, ValidationError, type FieldError } from '../../errors.ts'
import { notAfter, parseIso, parseLength, prefixed } from './checks.ts'
import type { NewSentenceInput } from './commands.ts'
import { insertEvent, parseEvent, type ParsedEvent } from './events.ts'
import { recalculateKeyDates } from './key-dates.ts'
import { applyCaseStatusChange } from './lifecycle.ts'
import { openRecord, type SentencingDeps } from './open-record.ts'
import * as q from './queries.ts'
import { SENTENCE_TYPES, sentenceTypeText, type SentenceTypeCode } from './views-model.ts'

/**
 * Recording a sentence: validate (the event, dates, length, the order's terms and requirements), then in one
 * transaction the event, the sentence, its requirements, the key dates (custodial), the lifecycle change, the audit
 * row and the outbox event `person.sentenced`. Bad input throws ValidationError with every field and saves nothing.
 */

type EventChoice =
  { kind: 'existing'; id: number; eventNumber: number } | { kind: 'new'; parsed: ParsedEvent } | { kind: 'invalid' }

interface ChosenEvent {
  event: EventChoice
  convictionDate: LocalDate | null
  mainOffenceDate: string | null
}

/** What a valid sentence's order says, by its type. */
interface Terms {
  requirements: ValidRequirement[]
  expectedEnd: LocalDate | null
  supervisionEnd: LocalDate | null
  operationalPeriod: Length | null
  supervisionPeriod: Length | null
  custodialType: CustodialType | null
  consecutiveTo: number | null
  remandDays: number
  taggedBailDays: number
}

interface CheckedSentence extends Terms {
  type: SentenceTypeCode
  sentenceDate: LocalDate
  length: Length | undefined
  event: { kind: 'existing'; id: number; eventNumber: number } | { kind: 'new'; parsed: ParsedEvent }
}

interface SentenceFacts {
  sentenceDate: LocalDate
  convictionDate: LocalDate
  length: Length | undefined
  requirementInputs: RequirementInput[]
  offenceDate: string | null
}

const NO_TERMS: Terms = {
  requirements: [],
  expectedEnd: null,
  supervisionEnd: null,
  operationalPeriod: null,
  supervisionPeriod: null,
  custodialType: null,
  consecutiveTo: null,
  remandDays: 0,
  taggedBailDays: 0,
}

/** An existing event awaiting sentence (with its main offence), or a new one checked with the sentence. */
async function chooseEvent(
  trx: Executor,
  p: q.PersonRow,
  input: NewSentenceInput,
  today: LocalDate,
  errors: FieldError[],
): Promise<ChosenEvent> {
  if (!input.eventNumber) {
    const context = { today, dateOfBirth: p.date_of_birth, prefix: '' }
    const parsed = await parseEvent(trx, input.event ?? {}, context, errors)
    if (!parsed) return { event: { kind: 'invalid' }, convictionDate: null, mainOffenceDate: null }
    const mainOffenceDate = parsed.offences.find(o => o.isMain)?.date ?? null
    return { event: { kind: 'new', parsed }, convictionDate: parsed.convictionDate, mainOffenceDate }
  }
  const e = await q.findEventByNumber(trx, p.id, input.eventNumber)
  if (!e) errors.push({ field: 'eventNumber', message: 'Choose an event of this person' })
  else if (e.status !== 'pre_sentence') {
    errors.push({ field: 'eventNumber', message: `Event ${e.event_number} has already been sentenced` })
  }
  if (!e || e.status !== 'pre_sentence')
    return { event: { kind: 'invalid' }, convictionDate: null, mainOffenceDate: null }
  const mainOffence = await q.findMainOffence(trx, e.id)
  if (!mainOffence) {
    errors.push({
      field: 'mainOffence.code',
      message: `Event ${e.event_number} has no main offence: a sentence must be for an offence`,
    })
  }
  return {
    event: { kind: 'existing', id: e.id, eventNumber: e.event_number },
    convictionDate: e.conviction_date ? LocalDate.parse(e.conviction_date) : null,
    mainOffenceDate: mainOffence?.offence_date ?? null,
  }
}

function requirementInputsOf(input: NewSentenceInput, errors: FieldError[]): RequirementInput[] {
  return (input.requirements ?? []).map((r, i) => {
    let startDate: LocalDate | undefined
    if (r.startDate) startDate = parseIso(r.startDate, `requirements.${i}.startDate`, 'start date', errors) ?? undefined
    return {
      type: r.type,
      length: r.length,
      startDate,
      hoursPerDay: r.hoursPerDay ?? undefined,
      daysPerWeek: r.daysPerWeek ?? undefined,
    }
  })
}

function communityTerms(facts: SentenceFacts, errors: FieldError[]): Terms {
  const { sentenceDate, convictionDate, length } = facts
  const r = validateCommunityOrder({ sentenceDate, convictionDate, length, requirements: facts.requirementInputs })
  if (!r.ok) {
    errors.push(...prefixed('', r.errors))
    return NO_TERMS
  }
  return { ...NO_TERMS, requirements: r.value.requirements, expectedEnd: r.value.endDate }
}

function suspendedTerms(input: NewSentenceInput, facts: SentenceFacts, errors: FieldError[]): Terms {
  const operationalPeriod = parseLength(input.operationalPeriod, 'operationalPeriod', errors)
  const supervisionPeriod = parseLength(input.supervisionPeriod, 'supervisionPeriod', errors)
  const r = validateSuspendedSentence({
    sentenceDate: facts.sentenceDate,
    convictionDate: facts.convictionDate,
    custodialTerm: facts.length,
    operationalPeriod,
    supervisionPeriod,
    requirements: facts.requirementInputs,
  })
  if (!r.ok) {
    errors.push(...r.errors.map(e => (e.field === 'custodialTerm' ? { ...e, field: 'length' } : e)))
    return NO_TERMS
  }
  return {
    ...NO_TERMS,
    requirements: r.value.requirements,
    expectedEnd: r.value.endDate,
    supervisionEnd: r.value.supervisionEndDate,
    operationalPeriod: operationalPeriod ?? null,
    supervisionPeriod: supervisionPeriod ?? null,
  }
}

async function custodialTerms(
  trx: Executor,
  personId: number,
  input: NewSentenceInput,
  facts: SentenceFacts,
  errors: FieldError[],
): Promise<Terms> {
  if (facts.requirementInputs.length) {
    errors.push({
      field: 'requirements',
      message: 'A custodial sentence has no community requirements: licence conditions are set on release',
    })
  }
  const r = validateCustodial({
    sentenceDate: facts.sentenceDate,
    convictionDate: facts.convictionDate,
    custodialType: input.custodialType ?? '',
    length: facts.length,
    offenceDate: facts.offenceDate ? LocalDate.parse(facts.offenceDate) : null,
    remandDays: input.remandDays ?? 0,
    taggedBailDays: input.taggedBailDays ?? 0,
  })
  if (!r.ok) errors.push(...r.errors.map(e => (e.field === 'offenceDate' ? { ...e, field: 'mainOffence.date' } : e)))
  const consecutiveTo = await consecutiveSentence(trx, personId, input.consecutiveToEventNumber, errors)
  if (!r.ok) return NO_TERMS
  const custodialType = CUSTODIAL_TYPES.find(t => t.code === input.custodialType)?.code ?? null
  return {
    ...NO_TERMS,
    expectedEnd: r.value.endDate,
    custodialType,
    consecutiveTo,
    remandDays: input.remandDays ?? 0,
    taggedBailDays: input.taggedBailDays ?? 0,
  }
}

/** The current custodial sentence on event `eventNumber` this one runs after, or null when it is concurrent. */
async function consecutiveSentence(
  trx: Executor,
  personId: number,
  eventNumber: number | null | undefined,
  errors: FieldError[],
): Promise<number | null> {
  if (!eventNumber) return null
  const other = await q.findCurrentCustodialSentenceOnEvent(trx, personId, eventNumber)
  if (!other) {
    errors.push({
      field: 'consecutiveToEventNumber',
      message: 'Choose a current custodial sentence of this person, or leave it concurrent',
    })
  }
  return other?.id ?? null
}

/** Step 1: every check. Throws ValidationError with every field at fault. */
async function validateSentence(
  trx: Executor,
  p: q.PersonRow,
  input: NewSentenceInput,
  today: LocalDate,
): Promise<CheckedSentence> {
  const errors: FieldError[] = []
  const type = SENTENCE_TYPES.find(t => t.code === input.type)?.code
  if (!type) errors.push({ field: 'type', message: 'Choose the type of sentence' })
  const chosen = await chooseEvent(trx, p, input, today, errors)
  const sentenceDate = parseIso(input.sentenceDate, 'sentenceDate', 'sentence date', errors)
  notAfter(
    sentenceDate,
    today,
    { field: 'sentenceDate', message: 'The sentence date must be today or in the past' },
    errors,
  )
  const length = parseLength(input.length, 'length', errors)
  const convictionDate = chosen.convictionDate ?? sentenceDate
  const requirementInputs = requirementInputsOf(input, errors)
  let terms = NO_TERMS
  if (type && sentenceDate && convictionDate) {
    const facts = { sentenceDate, convictionDate, length, requirementInputs, offenceDate: chosen.mainOffenceDate }
    if (type === 'community_order') terms = communityTerms(facts, errors)
    else if (type === 'suspended_sentence_order') terms = suspendedTerms(input, facts, errors)
    else terms = await custodialTerms(trx, p.id, input, facts, errors)
  }
  const event = chosen.event
  if (errors.length || !type || !sentenceDate || event.kind === 'invalid') throw new ValidationError(errors)
  return { ...terms, type, sentenceDate, length, event }
}

/** Step 2: the event (stored now when it is new), marked sentenced unless someone sentenced it meanwhile. */
async function sentenceTheEvent(trx: Executor, ctx: RequestContext, p: q.PersonRow, s: CheckedSentence) {
  const event = s.event.kind === 'new' ? await insertEvent(trx, ctx, p.id, s.event.parsed) : s.event
  if (!(await q.markEventSentenced(trx, event.id)))
    throw new ConflictError(`Event ${event.eventNumber} was sentenced by someone else meanwhile.`)
  return { id: event.id, eventNumber: event.eventNumber }
}

/** Step 3: the sentence row. */
function insertTheSentence(trx: Executor, ctx: RequestContext, p: q.PersonRow, eventId: number, s: CheckedSentence) {
  return q.insertSentence(trx, {
    person_id: p.id,
    event_id: eventId,
    sentence_type: s.type,
    sentence_date: s.sentenceDate.toString(),
    length_value: s.length?.value ?? null,
    length_unit: s.length?.unit ?? null,
    start_date: s.sentenceDate.toString(),
    expected_end_date: s.expectedEnd?.toString() ?? null,
    custodial_type: s.custodialType,
    consecutive_to_sentence_id: s.consecutiveTo,
    remand_days: s.remandDays,
    tagged_bail_days: s.taggedBailDays,
    operational_period_value: s.operationalPeriod?.value ?? null,
    operational_period_unit: s.operationalPeriod?.unit ?? null,
    supervision_period_value: s.supervisionPeriod?.value ?? null,
    supervision_period_unit: s.supervisionPeriod?.unit ?? null,
    supervision_end_date: s.supervisionEnd?.toString() ?? null,
    created_by: ctx.user?.id ?? null,
  })
}

/** Step 4: the order's requirements. */
async function insertTheRequirements(
  trx: Executor,
  ctx: RequestContext,
  p: q.PersonRow,
  sentenceId: number,
  s: CheckedSentence,
  input: NewSentenceInput,
) {
  for (const r of s.requirements) {
    await q.insertRequirement(trx, {
      person_id: p.id,
      sentence_id: sentenceId,
      category: r.type,
      length: r.length,
      unit: r.unit,
      start_date: r.startDate.toString(),
      expected_end_date: r.expectedEndDate.toString(),
      details:
        r.hoursPerDay !== undefined ? JSON.stringify({ hoursPerDay: r.hoursPerDay, daysPerWeek: r.daysPerWeek }) : null,
      notes: input.requirements?.find(x => x.type === r.type)?.notes?.trim() || null,
      created_by: ctx.user?.id ?? null,
    })
  }
}

/** Step 5: a custodial sentence's key dates, from every current custodial sentence of the person. */
async function keyDatesAfterSentence(
  trx: Executor,
  ctx: RequestContext,
  p: q.PersonRow,
  sentenceId: number,
  s: CheckedSentence,
  clock: SentencingDeps['clock'],
) {
  if (s.type !== 'custodial') return null
  const options = { today: clock.today(), now: clock.now(), trigger: `sentence ${sentenceId} recorded` }
  return (await recalculateKeyDates(trx, ctx, p, options)).dates
}

/** Step 6: the case status that follows (in custody, or awaiting allocation). */
function lifecycleAfterSentence(
  trx: Executor,
  ctx: RequestContext,
  p: q.PersonRow,
  event: { id: number; eventNumber: number },
  s: CheckedSentence,
) {
  return applyCaseStatusChange(trx, ctx, p.id, s.type === 'custodial' ? 'custodial_sentence' : 'community_sentence', {
    eventId: event.id,
    reason: `${sentenceTypeText(s.type)} recorded on event ${event.eventNumber}`,
  })
}

/** Step 7: the audit row, and the outbox event `person.sentenced` (which also carries the key dates). */
async function auditAndPublish(
  trx: Transaction<Database>,
  ctx: RequestContext,
  p: q.PersonRow,
  recorded: { event: { id: number; eventNumber: number }; sentenceId: number; caseStatus: string },
  s: CheckedSentence,
  keyDates: Record<string, string> | null,
) {
  const detail = {
    eventId: recorded.event.id,
    eventNumber: recorded.event.eventNumber,
    sentenceId: recorded.sentenceId,
    sentenceType: s.type,
    sentenceDate: s.sentenceDate.toString(),
    requirements: s.requirements.map(r => ({ type: r.type, length: r.length, unit: r.unit })),
    caseStatus: recorded.caseStatus,
  }
  await audit(trx, ctx, { action: 'SENTENCE_RECORD', personId: p.id, subject: p.crn, detail })
  await publish(trx, 'person.sentenced', p.id, { crn: p.crn, ...detail, keyDates })
}

/**
 * Records a sentence with its requirements on an event awaiting sentence (or on a new event given with it), all in
 * one transaction: the sentence, requirements, key-date recalculation (custodial), lifecycle change, audit and the
 * outbox event `person.sentenced`.
 */
export function recordSentence(deps: SentencingDeps, ctx: RequestContext, crn: string, input: NewSentenceInput) {
  return openRecord(deps, ctx, crn, 'update', async (trx, p) => {
    const s = await validateSentence(trx, p, input, deps.clock.today())
    const event = await sentenceTheEvent(trx, ctx, p, s)
    const sentenceId = await insertTheSentence(trx, ctx, p, event.id, s)
    await insertTheRequirements(trx, ctx, p, sentenceId, s, input)
    const keyDates = await keyDatesAfterSentence(trx, ctx, p, sentenceId, s, deps.clock)
    const status = await lifecycleAfterSentence(trx, ctx, p, event, s)
    await auditAndPublish(trx, ctx, p, { event, sentenceId, caseStatus: status.to }, s, keyDates)
    return { sentenceId, eventNumber: event.eventNumber, caseStatus: status.to }
  })
}
