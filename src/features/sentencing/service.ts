import { LocalDate } from '@js-joda/core'
import { audit, publish, type RequestContext } from '../../access/audit.ts'
import { loadPersonAccess, type Executor } from '../../access/person-access.ts'
import { canReadPerson, canUpdatePerson } from '../../access/policy.ts'
import type { LifecycleTrigger } from '../../domain/case-lifecycle/index.ts'
import {
  checkOffenceCode,
  validateCommunityOrder,
  validateCustodial,
  validateSuspendedSentence,
  type Length,
  type LengthUnit,
  type RequirementInput,
  type SentencingFieldError,
  type ValidRequirement,
} from '../../domain/sentencing/index.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../../errors.ts'
import type { Dependencies } from '../../dependencies.ts'
import { recalculateKeyDates } from './key-dates.ts'
import { applyCaseStatusChange, maySupervisionAppointmentsBeBooked } from './lifecycle.ts'
import * as q from './queries.ts'
import {
  caseStatusText,
  eventView,
  REQUIREMENT_TERMINATION_REASONS,
  sentenceTypeText,
  sentenceView,
  SENTENCE_TYPES,
  TERMINATION_REASONS,
  type SentenceTypeCode,
  type SentenceView,
} from './views-model.ts'

export const SENTENCES_VIEW = 'SENTENCES_VIEW'

// ── Inputs (already shaped by a form or the API; every value is checked here) ──────────────────────────────────────

export interface OffenceInput {
  code: string
  date?: string | null
  count?: number | null
  description?: string | null
}

export interface NewEventInput {
  courtCode?: string | null
  convictionDate?: string | null
  mainOffence?: OffenceInput | null
  otherOffences?: OffenceInput[]
  notes?: string | null
}

export interface LengthInput {
  value: number
  unit: string
}

export interface RequirementFormInput {
  type: string
  length: number
  startDate?: string | null
  hoursPerDay?: number | null
  daysPerWeek?: number | null
  notes?: string | null
}

export interface NewSentenceInput {
  /** An existing event awaiting sentence; or give `event` to record the conviction with the sentence. */
  eventNumber?: number | null
  event?: NewEventInput | null
  type: string
  sentenceDate?: string | null
  /** Community order: its length; suspended sentence order: the suspended term; custodial: the sentence. */
  length?: LengthInput | null
  operationalPeriod?: LengthInput | null
  supervisionPeriod?: LengthInput | null
  requirements?: RequirementFormInput[]
  custodialType?: string | null
  consecutiveToEventNumber?: number | null
  remandDays?: number | null
  taggedBailDays?: number | null
}

export interface TerminationInput {
  date?: string | null
  reason?: string | null
  version?: number | null
}

export interface CustodialAmendment {
  version: number
  length?: LengthInput | null
  remandDays?: number | null
  taggedBailDays?: number | null
  custodialType?: string | null
}

// ── Helpers ─────────────────────────────────────────────────────────────────────────────────────────────────────────

const UNITS: readonly LengthUnit[] = ['days', 'weeks', 'months', 'years']

function parseIso(
  value: string | null | undefined,
  field: string,
  label: string,
  errors: FieldError[],
): LocalDate | null {
  if (value === null || value === undefined || value === '') {
    errors.push({ field, message: `Enter the ${label}` })
    return null
  }
  try {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error()
    return LocalDate.parse(value)
  } catch {
    errors.push({ field, message: `The ${label} must be a real date` })
    return null
  }
}

function parseLength(l: LengthInput | null | undefined, field: string, errors: FieldError[]): Length | undefined {
  if (!l) return undefined
  if (!UNITS.includes(l.unit as LengthUnit)) {
    errors.push({ field, message: 'Choose days, weeks, months or years' })
    return undefined
  }
  return { value: l.value, unit: l.unit as LengthUnit }
}

const prefixed = (prefix: string, errors: SentencingFieldError[]): FieldError[] =>
  errors.map(e => ({ field: prefix + e.field, message: e.message }))

interface ParsedEvent {
  courtId: number
  convictionDate: LocalDate
  offences: { code: string; date: string | null; count: number; description: string | null; isMain: boolean }[]
  notes: string | null
}

/** Checks a new event's court, conviction date and offence codes; every error is collected with `prefix` on its field. */
async function parseEvent(
  db: Executor,
  input: NewEventInput,
  context: { today: LocalDate; dateOfBirth: string; prefix: string },
  errors: FieldError[],
): Promise<ParsedEvent | null> {
  const p = context.prefix
  const before = errors.length
  let courtId: number | null = null
  if (!input.courtCode) errors.push({ field: `${p}courtCode`, message: 'Choose the court' })
  else {
    const court = await q.findCourtByCode(db, input.courtCode)
    if (!court) errors.push({ field: `${p}courtCode`, message: 'Choose a court from the list' })
    else courtId = court.id
  }
  const conviction = parseIso(input.convictionDate, `${p}convictionDate`, 'conviction date', errors)
  if (conviction && conviction.isAfter(context.today)) {
    errors.push({ field: `${p}convictionDate`, message: 'The conviction date must be today or in the past' })
  } else if (conviction && !conviction.isAfter(LocalDate.parse(context.dateOfBirth))) {
    errors.push({ field: `${p}convictionDate`, message: 'The conviction date must be after the date of birth' })
  }
  const offences: ParsedEvent['offences'] = []
  const offence = (o: OffenceInput, field: string, isMain: boolean) => {
    const check = checkOffenceCode(o.code ?? '')
    if (!check.ok) {
      errors.push({ field: `${field}.code`, message: check.message })
      return
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
    offences.push({ code: check.code, date, count, description: o.description?.trim() || null, isMain })
  }
  if (!input.mainOffence || !input.mainOffence.code) {
    errors.push({
      field: `${p}mainOffence.code`,
      message: 'Enter the main offence code: a sentence must be for an offence',
    })
  } else offence(input.mainOffence, `${p}mainOffence`, true)
  ;(input.otherOffences ?? []).forEach((o, i) => offence(o, `${p}otherOffences.${i}`, false))
  const notes = input.notes?.trim() || null
  if (notes && notes.length > 4000)
    errors.push({ field: `${p}notes`, message: 'Notes must be 4,000 characters or fewer' })
  if (errors.length > before || !courtId || !conviction) return null
  return { courtId, convictionDate: conviction, offences, notes }
}

async function insertEvent(db: Executor, ctx: RequestContext, personId: number, e: ParsedEvent) {
  const eventNumber = await q.nextEventNumber(db, personId)
  const { id } = await db
    .insertInto('events')
    .values({
      person_id: personId,
      event_number: eventNumber,
      court_id: e.courtId,
      conviction_date: e.convictionDate.toString(),
      notes: e.notes,
      created_by: ctx.user?.id ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const o of e.offences) {
    await db
      .insertInto('offences')
      .values({
        person_id: personId,
        event_id: id,
        offence_code: o.code,
        description: o.description,
        offence_date: o.date,
        is_main: o.isMain,
        offence_count: o.count,
      })
      .execute()
  }
  return { id, eventNumber }
}

// ── Exported for other features ─────────────────────────────────────────────────────────────────────────────────────

export interface SentenceSummary {
  crn: string
  caseStatus: string
  caseStatusText: string
  /** The latest current sentence, or null before sentence. */
  latest: SentenceSummaryItem | null
  current: SentenceSummaryItem[]
}

export interface SentenceSummaryItem {
  sentenceId: number
  eventId: number
  eventNumber: number
  type: SentenceTypeCode
  typeText: string
  sentenceDate: string
  expectedEndDate: string | null
  lengthText: string | null
  requirements: { type: string; label: string; length: number | null; unit: string | null; lengthText: string }[]
  keyDates: { key: string; name: string; date: string; explanation: string | null }[]
}

/**
 * A case's sentence summary for other features (allocation builds its queue from it): the current sentences with
 * their type, date, requirements and key dates, latest first. No access check or audit: call it inside your own
 * transaction after your own policy check.
 *
 * @example
 * const summary = await loadSentenceSummary(trx, personId, '2026-11-22')
 * summary.latest?.type // 'community_order'
 */
export async function loadSentenceSummary(db: Executor, personId: number, today: string): Promise<SentenceSummary> {
  const [person, sentences, requirements] = await Promise.all([
    db.selectFrom('people').select(['crn', 'case_status']).where('id', '=', personId).executeTakeFirstOrThrow(),
    q.listSentences(db, personId),
    q.listRequirements(db, personId),
  ])
  const current = sentences
    .map(s => ({ row: s, view: sentenceView(s, requirements, sentences, today) }))
    .filter(s => s.view.state === 'current')
    .map(({ row, view }) => ({
      sentenceId: view.id,
      eventId: row.event_id,
      eventNumber: view.eventNumber,
      type: view.type,
      typeText: view.typeText,
      sentenceDate: view.sentenceDate,
      expectedEndDate: view.expectedEndDate,
      lengthText: view.lengthText,
      requirements: view.requirements
        .filter(r => !r.terminated)
        .map(r => ({ type: r.type, label: r.label, length: r.length, unit: r.unit, lengthText: r.lengthText })),
      keyDates: (view.custodial?.keyDates ?? []).map(k => ({
        key: k.key,
        name: k.name,
        date: k.date,
        explanation: k.explanation,
      })),
    }))
  return {
    crn: person.crn,
    caseStatus: person.case_status,
    caseStatusText: caseStatusText(person.case_status),
    latest: current[0] ?? null,
    current,
  }
}

export { applyCaseStatusChange, maySupervisionAppointmentsBeBooked }

// ── The service ─────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Events (convictions), sentences and their requirements, termination, custodial key dates and the case lifecycle.
 * Each change commits in one transaction with its audit row, its outbox event, the key-date recalculation and the
 * lifecycle change it causes; bad input throws ValidationError with every field at fault and changes nothing.
 */
export function createSentencingService({ db, clock }: Dependencies) {
  const today = () =>
    LocalDate.parse(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(clock.now()))

  async function person(trx: Executor, ctx: RequestContext, crn: string, need: 'read' | 'update') {
    const p = await q.findPerson(trx, crn.toUpperCase())
    if (!p) throw new NotFoundError('No person with that CRN')
    const facts = await loadPersonAccess(trx, p.id)
    const decision = need === 'read' ? canReadPerson(ctx.user, facts!) : canUpdatePerson(ctx.user, facts!)
    if (!decision.allowed) throw new ForbiddenError(decision.reason)
    return { ...p, canUpdate: need === 'update' || canUpdatePerson(ctx.user, facts!).allowed }
  }

  const header = (p: q.PersonRow) => ({
    crn: p.crn,
    forename: p.forename,
    middleNames: p.middle_names,
    surname: p.surname,
    dateOfBirth: p.date_of_birth,
    name: `${p.forename} ${p.surname}`,
  })

  async function loadRecord(trx: Executor, p: q.PersonRow) {
    const t = today().toString()
    const [events, offences, sentences, requirements, history] = await Promise.all([
      q.listEvents(trx, p.id),
      q.listOffences(trx, p.id),
      q.listSentences(trx, p.id),
      q.listRequirements(trx, p.id),
      q.statusHistory(trx, p.id),
    ])
    const views = sentences.map(s => sentenceView(s, requirements, sentences, t))
    const eventViews = events.map(e => eventView(e, offences))
    return {
      events: eventViews,
      awaitingSentence: eventViews.filter(e => e.status === 'pre_sentence'),
      current: views.filter(v => v.state === 'current'),
      previous: views.filter(v => v.state !== 'current'),
      caseStatus: p.case_status,
      caseStatusText: caseStatusText(p.case_status),
      statusHistory: history.map(h => ({
        status: h.status,
        statusText: caseStatusText(h.status),
        reason: h.reason,
        changedAt: new Date(h.changed_at).toISOString(),
        changedBy: h.changed_by_name,
        eventNumber: h.event_number,
      })),
      supervision: await maySupervisionAppointmentsBeBooked(trx, p.id, t),
    }
  }

  async function findSentence(trx: Executor, personId: number, sentenceId: number) {
    const s = await trx
      .selectFrom('sentences')
      .selectAll()
      .where('id', '=', sentenceId)
      .where('person_id', '=', personId)
      .executeTakeFirst()
    if (!s) throw new NotFoundError('No such sentence')
    return s
  }

  async function change(
    trx: Executor,
    ctx: RequestContext,
    p: q.PersonRow,
    action: string,
    eventType: string,
    detail: Record<string, unknown>,
  ) {
    await audit(trx, ctx, { action, personId: p.id, subject: p.crn, detail })
    await publish(trx, eventType, p.id, { crn: p.crn, ...detail })
  }

  async function lifecycle(
    trx: Executor,
    ctx: RequestContext,
    p: q.PersonRow,
    trigger: LifecycleTrigger,
    eventId: number | null,
    reason: string,
  ) {
    return applyCaseStatusChange(trx, ctx, p.id, trigger, { eventId, reason })
  }

  return {
    today,

    /** The Sentences part of the record: events, current and previous orders, key dates, lifecycle. Audited. */
    async recordPage(ctx: RequestContext, crn: string) {
      return db.transaction().execute(async trx => {
        const p = await person(trx, ctx, crn, 'read')
        const record = await loadRecord(trx, p)
        await audit(trx, ctx, { action: SENTENCES_VIEW, personId: p.id, subject: p.crn, detail: { page: 'sentences' } })
        return { person: header(p), canUpdate: p.canUpdate, ...record }
      })
    },

    /** What the forms need: the person (change access needed), courts, events awaiting sentence, custodial sentences. */
    async formPage(ctx: RequestContext, crn: string, page: string, sentenceId?: number) {
      return db.transaction().execute(async trx => {
        const p = await person(trx, ctx, crn, 'update')
        const record = await loadRecord(trx, p)
        const sentence =
          sentenceId === undefined ? undefined : [...record.current, ...record.previous].find(s => s.id === sentenceId)
        if (sentenceId !== undefined && !sentence) throw new NotFoundError('No such sentence')
        await audit(trx, ctx, { action: SENTENCES_VIEW, personId: p.id, subject: p.crn, detail: { page, sentenceId } })
        return {
          person: header(p),
          courts: await q.listCourts(trx),
          openEvents: record.awaitingSentence,
          custodial: record.current.filter(s => s.type === 'custodial'),
          sentence,
          record,
          today: today().toString(),
        }
      })
    },

    /** Events of a person (for the API). Audited as a view. */
    async events(ctx: RequestContext, crn: string) {
      return db.transaction().execute(async trx => {
        const p = await person(trx, ctx, crn, 'read')
        const record = await loadRecord(trx, p)
        await audit(trx, ctx, {
          action: SENTENCES_VIEW,
          personId: p.id,
          subject: p.crn,
          detail: { page: 'api-events' },
        })
        return record.events
      })
    },

    /** The sentence summary of one case, with the access check and audit (for pages of other features). */
    async summary(ctx: RequestContext, crn: string) {
      return db.transaction().execute(async trx => {
        const p = await person(trx, ctx, crn, 'read')
        await audit(trx, ctx, { action: SENTENCES_VIEW, personId: p.id, subject: p.crn, detail: { page: 'summary' } })
        return loadSentenceSummary(trx, p.id, today().toString())
      })
    },

    /** Adds an event (conviction awaiting sentence) with its offences. Outbox: person.event.added. */
    async addEvent(ctx: RequestContext, crn: string, input: NewEventInput) {
      return db.transaction().execute(async trx => {
        const p = await person(trx, ctx, crn, 'update')
        const errors: FieldError[] = []
        const parsed = await parseEvent(
          trx,
          input,
          { today: today(), dateOfBirth: p.date_of_birth, prefix: '' },
          errors,
        )
        if (!parsed) throw new ValidationError(errors)
        const event = await insertEvent(trx, ctx, p.id, parsed)
        await lifecycle(trx, ctx, p, 'event_added', event.id, `Event ${event.eventNumber} added`)
        await change(trx, ctx, p, 'EVENT_ADD', 'person.event.added', {
          eventId: event.id,
          eventNumber: event.eventNumber,
          offences: parsed.offences.map(o => o.code),
        })
        return event
      })
    },

    /**
     * Records a sentence with its requirements on an event awaiting sentence (or on a new event given with it), all in
     * one transaction: the sentence, requirements, key-date recalculation (custodial), lifecycle change, audit and the
     * outbox event `person.sentenced`.
     */
    async recordSentence(ctx: RequestContext, crn: string, input: NewSentenceInput) {
      return db.transaction().execute(async trx => {
        const p = await person(trx, ctx, crn, 'update')
        const now = today()
        const errors: FieldError[] = []
        const type = SENTENCE_TYPES.find(t => t.code === input.type)?.code
        if (!type) errors.push({ field: 'type', message: 'Choose the type of sentence' })

        // The event: an existing one awaiting sentence, or a new one recorded with the sentence.
        let event: { id: number; eventNumber: number; convictionDate: LocalDate | null; isNew: boolean } | null = null
        let mainOffence: { offence_date: string | null; offence_code: string } | undefined
        let parsedEvent: ParsedEvent | null = null
        if (input.eventNumber) {
          const e = await trx
            .selectFrom('events')
            .select(['id', 'event_number', 'status', 'conviction_date'])
            .where('person_id', '=', p.id)
            .where('event_number', '=', input.eventNumber)
            .executeTakeFirst()
          if (!e) errors.push({ field: 'eventNumber', message: 'Choose an event of this person' })
          else if (e.status !== 'pre_sentence') {
            errors.push({ field: 'eventNumber', message: `Event ${e.event_number} has already been sentenced` })
          } else {
            mainOffence = await trx
              .selectFrom('offences')
              .select(['offence_date', 'offence_code'])
              .where('event_id', '=', e.id)
              .where('is_main', '=', true)
              .executeTakeFirst()
            if (!mainOffence) {
              errors.push({
                field: 'mainOffence.code',
                message: `Event ${e.event_number} has no main offence: a sentence must be for an offence`,
              })
            }
            event = {
              id: e.id,
              eventNumber: e.event_number,
              convictionDate: e.conviction_date ? LocalDate.parse(e.conviction_date) : null,
              isNew: false,
            }
          }
        } else {
          parsedEvent = await parseEvent(
            trx,
            input.event ?? {},
            { today: now, dateOfBirth: p.date_of_birth, prefix: '' },
            errors,
          )
        }

        const sentenceDate = parseIso(input.sentenceDate, 'sentenceDate', 'sentence date', errors)
        if (sentenceDate && sentenceDate.isAfter(now))
          errors.push({ field: 'sentenceDate', message: 'The sentence date must be today or in the past' })
        const length = parseLength(input.length, 'length', errors)
        const convictionDate = parsedEvent?.convictionDate ?? event?.convictionDate ?? sentenceDate
        const requirementInputs: RequirementInput[] = (input.requirements ?? []).map((r, i) => {
          let startDate: LocalDate | undefined
          if (r.startDate)
            startDate = parseIso(r.startDate, `requirements.${i}.startDate`, 'start date', errors) ?? undefined
          return {
            type: r.type,
            length: r.length,
            startDate,
            hoursPerDay: r.hoursPerDay ?? undefined,
            daysPerWeek: r.daysPerWeek ?? undefined,
          }
        })

        let requirements: ValidRequirement[] = []
        let expectedEnd: LocalDate | null = null
        let supervisionEnd: LocalDate | null = null
        let consecutiveTo: number | null = null
        if (type && sentenceDate && convictionDate) {
          if (type === 'community_order') {
            const r = validateCommunityOrder({ sentenceDate, convictionDate, length, requirements: requirementInputs })
            if (!r.ok) errors.push(...prefixed('', r.errors))
            else {
              requirements = r.value.requirements
              expectedEnd = r.value.endDate
            }
          } else if (type === 'suspended_sentence_order') {
            const r = validateSuspendedSentence({
              sentenceDate,
              convictionDate,
              custodialTerm: length,
              operationalPeriod: parseLength(input.operationalPeriod, 'operationalPeriod', errors),
              supervisionPeriod: parseLength(input.supervisionPeriod, 'supervisionPeriod', errors),
              requirements: requirementInputs,
            })
            if (!r.ok) errors.push(...r.errors.map(e => (e.field === 'custodialTerm' ? { ...e, field: 'length' } : e)))
            else {
              requirements = r.value.requirements
              expectedEnd = r.value.endDate
              supervisionEnd = r.value.supervisionEndDate
            }
          } else {
            if (requirementInputs.length) {
              errors.push({
                field: 'requirements',
                message: 'A custodial sentence has no community requirements: licence conditions are set on release',
              })
            }
            const offenceDate = parsedEvent?.offences.find(o => o.isMain)?.date ?? mainOffence?.offence_date ?? null
            const r = validateCustodial({
              sentenceDate,
              convictionDate,
              custodialType: input.custodialType ?? '',
              length,
              offenceDate: offenceDate ? LocalDate.parse(offenceDate) : null,
              remandDays: input.remandDays ?? 0,
              taggedBailDays: input.taggedBailDays ?? 0,
            })
            if (!r.ok)
              errors.push(...r.errors.map(e => (e.field === 'offenceDate' ? { ...e, field: 'mainOffence.date' } : e)))
            else expectedEnd = r.value.endDate
            if (input.consecutiveToEventNumber) {
              const other = await trx
                .selectFrom('sentences')
                .innerJoin('events', 'events.id', 'sentences.event_id')
                .select('sentences.id')
                .where('sentences.person_id', '=', p.id)
                .where('events.event_number', '=', input.consecutiveToEventNumber)
                .where('sentences.sentence_type', '=', 'custodial')
                .where('sentences.terminated_date', 'is', null)
                .executeTakeFirst()
              if (!other) {
                errors.push({
                  field: 'consecutiveToEventNumber',
                  message: 'Choose a current custodial sentence of this person, or leave it concurrent',
                })
              } else consecutiveTo = other.id
            }
          }
        }
        if (errors.length) throw new ValidationError(errors)

        if (!event) {
          const created = await insertEvent(trx, ctx, p.id, parsedEvent!)
          event = { ...created, convictionDate: parsedEvent!.convictionDate, isNew: true }
        }
        const updated = await trx
          .updateTable('events')
          .set(eb => ({ status: 'sentenced', version: eb('version', '+', 1) }))
          .where('id', '=', event.id)
          .where('status', '=', 'pre_sentence')
          .executeTakeFirst()
        if (Number(updated.numUpdatedRows) !== 1)
          throw new ConflictError(`Event ${event.eventNumber} was sentenced by someone else meanwhile.`)
        const { id: sentenceId } = await trx
          .insertInto('sentences')
          .values({
            person_id: p.id,
            event_id: event.id,
            sentence_type: type!,
            sentence_date: sentenceDate!.toString(),
            length_value: length?.value ?? null,
            length_unit: length?.unit ?? null,
            start_date: sentenceDate!.toString(),
            expected_end_date: expectedEnd?.toString() ?? null,
            custodial_type: type === 'custodial' ? (input.custodialType as 'SDS' | 'SDS_PLUS') : null,
            consecutive_to_sentence_id: consecutiveTo,
            remand_days: type === 'custodial' ? (input.remandDays ?? 0) : 0,
            tagged_bail_days: type === 'custodial' ? (input.taggedBailDays ?? 0) : 0,
            operational_period_value:
              type === 'suspended_sentence_order' ? (input.operationalPeriod?.value ?? null) : null,
            operational_period_unit:
              type === 'suspended_sentence_order' ? ((input.operationalPeriod?.unit as LengthUnit) ?? null) : null,
            supervision_period_value:
              type === 'suspended_sentence_order' ? (input.supervisionPeriod?.value ?? null) : null,
            supervision_period_unit:
              type === 'suspended_sentence_order' ? ((input.supervisionPeriod?.unit as LengthUnit) ?? null) : null,
            supervision_end_date: supervisionEnd?.toString() ?? null,
            created_by: ctx.user?.id ?? null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        for (const [i, r] of requirements.entries()) {
          await trx
            .insertInto('requirements')
            .values({
              person_id: p.id,
              sentence_id: sentenceId,
              category: r.type,
              length: r.length,
              unit: r.unit,
              start_date: r.startDate.toString(),
              expected_end_date: r.expectedEndDate.toString(),
              details:
                r.hoursPerDay !== undefined
                  ? JSON.stringify({ hoursPerDay: r.hoursPerDay, daysPerWeek: r.daysPerWeek })
                  : null,
              notes: input.requirements?.find(x => x.type === r.type)?.notes?.trim() || null,
              created_by: ctx.user?.id ?? null,
            })
            .execute()
          void i
        }
        let keyDates: Record<string, string> | null = null
        if (type === 'custodial') {
          keyDates = (
            await recalculateKeyDates(trx, ctx, p, { today: now, trigger: `sentence ${sentenceId} recorded` })
          ).dates
        }
        const status = await lifecycle(
          trx,
          ctx,
          p,
          type === 'custodial' ? 'custodial_sentence' : 'community_sentence',
          event.id,
          `${sentenceTypeText(type!)} recorded on event ${event.eventNumber}`,
        )
        const detail = {
          eventId: event.id,
          eventNumber: event.eventNumber,
          sentenceId,
          sentenceType: type!,
          sentenceDate: sentenceDate!.toString(),
          requirements: requirements.map(r => ({ type: r.type, length: r.length, unit: r.unit })),
          caseStatus: status.to,
        }
        await audit(trx, ctx, { action: 'SENTENCE_RECORD', personId: p.id, subject: p.crn, detail })
        await publish(trx, 'person.sentenced', p.id, { crn: p.crn, ...detail, keyDates })
        return { sentenceId, eventNumber: event.eventNumber, caseStatus: status.to }
      })
    },

    /**
     * Terminates an order or custodial sentence (and its current requirements) with a date and reason; nothing is
     * deleted. Recalculates the remaining custodial key dates; the case ends when no current sentence is left.
     */
    async terminateSentence(ctx: RequestContext, crn: string, sentenceId: number, input: TerminationInput) {
      return db.transaction().execute(async trx => {
        const p = await person(trx, ctx, crn, 'update')
        const s = await findSentence(trx, p.id, sentenceId)
        if (s.terminated_date) throw new ConflictError('This sentence has already been terminated.')
        const errors: FieldError[] = []
        const date = parseIso(input.date, 'date', 'termination date', errors)
        if (date && date.isBefore(LocalDate.parse(s.sentence_date)))
          errors.push({ field: 'date', message: 'The termination date must be on or after the sentence date' })
        if (date && date.isAfter(today()))
          errors.push({ field: 'date', message: 'The termination date must be today or in the past' })
        if (!TERMINATION_REASONS.some(r => r.code === input.reason))
          errors.push({ field: 'reason', message: 'Choose the reason for termination' })
        if (errors.length) throw new ValidationError(errors)
        const updated = await trx
          .updateTable('sentences')
          .set(eb => ({
            terminated_date: date!.toString(),
            termination_reason: input.reason!,
            terminated_by: ctx.user?.id ?? null,
            terminated_at: new Date(),
            version: eb('version', '+', 1),
          }))
          .where('id', '=', s.id)
          .where('version', '=', input.version ?? s.version)
          .where('terminated_date', 'is', null)
          .executeTakeFirst()
        if (Number(updated.numUpdatedRows) !== 1) throw new ConflictError()
        await trx
          .updateTable('requirements')
          .set({
            terminated_date: date!.toString(),
            termination_reason: 'order_terminated',
            terminated_by: ctx.user?.id ?? null,
            terminated_at: new Date(),
          })
          .where('sentence_id', '=', s.id)
          .where('terminated_date', 'is', null)
          .execute()
        await trx
          .updateTable('events')
          .set(eb => ({ status: 'terminated', version: eb('version', '+', 1) }))
          .where('id', '=', s.event_id)
          .execute()
        if (s.sentence_type === 'custodial') {
          await recalculateKeyDates(trx, ctx, p, { today: today(), trigger: `sentence ${s.id} terminated` })
        }
        const left = await trx
          .selectFrom('sentences')
          .select('id')
          .where('person_id', '=', p.id)
          .where('terminated_date', 'is', null)
          .where(eb => eb.or([eb('expected_end_date', 'is', null), eb('expected_end_date', '>=', today().toString())]))
          .execute()
        const event = await trx
          .selectFrom('events')
          .select('event_number')
          .where('id', '=', s.event_id)
          .executeTakeFirstOrThrow()
        let caseStatus = p.case_status as string
        if (left.length === 0 && p.case_status !== 'pre_sentence') {
          caseStatus = (
            await lifecycle(
              trx,
              ctx,
              p,
              'all_orders_ended',
              s.event_id,
              `Every order has ended (event ${event.event_number} terminated)`,
            )
          ).to
        }
        await change(trx, ctx, p, 'SENTENCE_TERMINATE', 'person.sentence.terminated', {
          sentenceId: s.id,
          eventNumber: event.event_number,
          sentenceType: s.sentence_type,
          date: date!.toString(),
          reason: input.reason,
          caseStatus,
        })
        return { sentenceId: s.id, caseStatus }
      })
    },

    /** Terminates one requirement with a date and reason; the order continues. */
    async terminateRequirement(ctx: RequestContext, crn: string, requirementId: number, input: TerminationInput) {
      return db.transaction().execute(async trx => {
        const p = await person(trx, ctx, crn, 'update')
        const r = await trx
          .selectFrom('requirements')
          .selectAll()
          .where('id', '=', requirementId)
          .where('person_id', '=', p.id)
          .executeTakeFirst()
        if (!r) throw new NotFoundError('No such requirement')
        if (r.terminated_date) throw new ConflictError('This requirement has already been terminated.')
        const errors: FieldError[] = []
        const date = parseIso(input.date, 'date', 'termination date', errors)
        if (date && r.start_date && date.isBefore(LocalDate.parse(r.start_date)))
          errors.push({ field: 'date', message: 'The termination date must be on or after the requirement started' })
        if (date && date.isAfter(today()))
          errors.push({ field: 'date', message: 'The termination date must be today or in the past' })
        if (!REQUIREMENT_TERMINATION_REASONS.some(x => x.code === input.reason))
          errors.push({ field: 'reason', message: 'Choose the reason for termination' })
        if (errors.length) throw new ValidationError(errors)
        const updated = await trx
          .updateTable('requirements')
          .set({
            terminated_date: date!.toString(),
            termination_reason: input.reason!,
            terminated_by: ctx.user?.id ?? null,
            terminated_at: new Date(),
          })
          .where('id', '=', r.id)
          .where('terminated_date', 'is', null)
          .executeTakeFirst()
        if (Number(updated.numUpdatedRows) !== 1) throw new ConflictError()
        await change(trx, ctx, p, 'REQUIREMENT_TERMINATE', 'person.requirement.terminated', {
          requirementId: r.id,
          sentenceId: r.sentence_id,
          type: r.category,
          date: date!.toString(),
          reason: input.reason,
        })
        return { requirementId: r.id }
      })
    },

    /** Amends a current custodial sentence (type, length, remand, tagged bail) and recalculates the key dates. */
    async amendCustodial(ctx: RequestContext, crn: string, sentenceId: number, input: CustodialAmendment) {
      return db.transaction().execute(async trx => {
        const p = await person(trx, ctx, crn, 'update')
        const s = await findSentence(trx, p.id, sentenceId)
        if (s.sentence_type !== 'custodial') throw new NotFoundError('Only a custodial sentence can be amended here')
        if (s.terminated_date) throw new ConflictError('A terminated sentence cannot be amended.')
        const errors: FieldError[] = []
        const length = parseLength(input.length, 'length', errors)
        const main = await trx
          .selectFrom('offences')
          .select('offence_date')
          .where('event_id', '=', s.event_id)
          .where('is_main', '=', true)
          .executeTakeFirst()
        const event = await trx
          .selectFrom('events')
          .select(['event_number', 'conviction_date'])
          .where('id', '=', s.event_id)
          .executeTakeFirstOrThrow()
        const r = validateCustodial({
          sentenceDate: LocalDate.parse(s.sentence_date),
          convictionDate: LocalDate.parse(event.conviction_date ?? s.sentence_date),
          custodialType: input.custodialType ?? s.custodial_type ?? '',
          length,
          offenceDate: main?.offence_date
            ? LocalDate.parse(main.offence_date)
            : LocalDate.parse(event.conviction_date ?? s.sentence_date),
          remandDays: input.remandDays ?? 0,
          taggedBailDays: input.taggedBailDays ?? 0,
        })
        if (!r.ok) errors.push(...r.errors)
        if (errors.length) throw new ValidationError(errors)
        const before = {
          custodialType: s.custodial_type,
          length: `${s.length_value} ${s.length_unit}`,
          remandDays: s.remand_days,
          taggedBailDays: s.tagged_bail_days,
        }
        const updated = await trx
          .updateTable('sentences')
          .set(eb => ({
            custodial_type: (input.custodialType ?? s.custodial_type) as 'SDS' | 'SDS_PLUS',
            length_value: length!.value,
            length_unit: length!.unit,
            remand_days: input.remandDays ?? 0,
            tagged_bail_days: input.taggedBailDays ?? 0,
            version: eb('version', '+', 1),
          }))
          .where('id', '=', s.id)
          .where('version', '=', input.version)
          .executeTakeFirst()
        if (Number(updated.numUpdatedRows) !== 1) throw new ConflictError()
        const calc = await recalculateKeyDates(trx, ctx, p, { today: today(), trigger: `sentence ${s.id} amended` })
        await change(trx, ctx, p, 'SENTENCE_AMEND', 'person.sentence.amended', {
          sentenceId: s.id,
          eventNumber: event.event_number,
          before,
          after: {
            custodialType: input.custodialType ?? s.custodial_type,
            length: `${length!.value} ${length!.unit}`,
            remandDays: input.remandDays ?? 0,
            taggedBailDays: input.taggedBailDays ?? 0,
          },
          keyDates: calc.dates,
        })
        return { sentenceId: s.id, keyDates: calc.dates }
      })
    },

    /** Records release from custody on licence: the lifecycle moves from in custody to on licence. */
    async recordRelease(ctx: RequestContext, crn: string, input: { date?: string | null }) {
      return db.transaction().execute(async trx => {
        const p = await person(trx, ctx, crn, 'update')
        const errors: FieldError[] = []
        const date = parseIso(input.date, 'date', 'release date', errors)
        if (date && date.isAfter(today()))
          errors.push({ field: 'date', message: 'The release date must be today or in the past' })
        if (errors.length) throw new ValidationError(errors)
        const status = await lifecycle(trx, ctx, p, 'released', null, `Released on licence on ${date!.toString()}`)
        await change(trx, ctx, p, 'PERSON_RELEASE', 'person.released', {
          date: date!.toString(),
          caseStatus: status.to,
        })
        return { caseStatus: status.to }
      })
    },
  }
}

export type SentencingService = ReturnType<typeof createSentencingService>
export type { SentenceView }
