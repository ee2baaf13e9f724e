import { audit, type RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import type { HearingOutcome, HearingType, IsoDate } from '../../db/schema.ts'
import { isOffenceCodeShape } from '../../domain/risk/offence-codes.ts'
import { ConflictError, ValidationError, type FieldError } from '../../errors.ts'
import { personFields as v } from '../people/index.ts'
import {
  change,
  checkCourtWork,
  loadHearing,
  requireCourtWork,
  requirePermission,
  todayIso,
  type Court,
} from './context.ts'
import { presentHearings, shownAs } from './presenters.ts'
import * as q from './queries.ts'
import { HEARING_OUTCOMES, HEARING_TYPES, SESSIONS } from './reference-data.ts'
import type { HearingView, NewHearingInput } from './types.ts'

/** Court lists and hearings: a court's list by day, adding a listed defendant, outcomes and links to events. */

/** Active courts, by name. Not person data. */
export async function listCourts(c: Court) {
  return q.listCourts(c.db)
}

/**
 * The hearings at a court on a date (default today), morning first. Listed defendants are shown as listed; a
 * matched record's name only to users who may read it. Audited (COURT_LIST_VIEW, once per matched person too).
 */
export async function courtList(c: Court, ctx: RequestContext, query: { court?: string; date?: string }) {
  requirePermission(ctx, 'person:read')
  const errors: FieldError[] = []
  const courts = await q.listCourts(c.db)
  const date = query.date ? v.parseDateText(query.date) : todayIso(c)
  if (!date) errors.push({ field: 'date', message: 'Date must be a real date, like 27/3/2026' })
  const wanted = query.court?.trim().toUpperCase()
  const court = query.court ? courts.find(x => x.code === wanted) : courts[0]
  if (query.court && !court) errors.push({ field: 'court', message: 'Select a court from the list' })
  if (errors.length || !court || !date)
    return { courts, court: court ?? null, date: date ?? null, hearings: [] as HearingView[], errors }
  return c.db.transaction().execute(async trx => {
    const rows = await q.hearingsOn(trx, court.id, date)
    const hearings = await presentHearings(trx, ctx, rows)
    await audit(trx, ctx, {
      action: 'COURT_LIST_VIEW',
      detail: { court: court.code, date, hearings: hearings.length },
    })
    await auditPeopleShown(trx, ctx, rows, hearings, { page: 'court-list', court: court.code, date })
    return { courts, court, date, hearings, errors }
  })
}

/**
 * One PERSON_VIEW per matched record on a page, whatever the user was shown of it (`shown`: the record, its
 * identity with the reason, or masked), so the record's trail says who had it in front of them and how.
 */
export async function auditPeopleShown(
  trx: Executor,
  ctx: RequestContext,
  rows: readonly q.HearingRow[],
  views: readonly HearingView[],
  detail: Record<string, unknown>,
) {
  const seen = new Set<number>()
  for (const [i, r] of rows.entries()) {
    if (r.person_id === null || seen.has(r.person_id)) continue
    seen.add(r.person_id)
    await audit(trx, ctx, {
      action: 'PERSON_VIEW',
      personId: r.person_id,
      subject: r.crn,
      detail: { ...detail, shown: shownAs(views[i]) },
    })
  }
}

/** The listing's fields, checked; every field at fault is reported at once. */
function checkHearing(c: Court, input: NewHearingInput) {
  const errors: FieldError[] = []
  const courtCode = v.clean(input.court)
  if (!courtCode) errors.push({ field: 'court', message: 'Select a court' })
  const hearingDate = v.requiredDate(errors, 'hearingDate', input.hearingDate, 'the hearing date')
  const session = v.requiredCode(errors, 'session', input.session, SESSIONS, 'a session') as 'morning' | 'afternoon'
  const hearingTime = v.clean(input.hearingTime) ?? null
  if (hearingTime && !/^([01]\d|2[0-3]):[0-5]\d$/.test(hearingTime))
    errors.push({ field: 'hearingTime', message: 'Enter the time as hours and minutes, like 10:30' })
  const courtRoom = v.optionalText(errors, 'courtRoom', input.courtRoom, 'court room', 20)
  const hearingType = v.requiredCode(
    errors,
    'hearingType',
    input.hearingType,
    HEARING_TYPES,
    'the type of hearing',
  ) as HearingType
  const forename = v.requiredText(errors, 'forename', input.forename, 'the first name as listed')
  const surname = v.requiredText(errors, 'surname', input.surname, 'the last name as listed')
  const dob = v.optionalDate(errors, 'dateOfBirth', input.dateOfBirth, 'date of birth')
  if (dob && dob >= todayIso(c)) errors.push({ field: 'dateOfBirth', message: 'Date of birth must be in the past' })
  const pnc = v.pnc(errors, 'pnc', input.pnc, c.clock.today().year())
  const address = v.optionalText(errors, 'address', input.address, 'address', 500)
  const charge = v.optionalText(errors, 'charge', input.charge, 'charge', 2000)
  const offenceCode = v.clean(input.offenceCode) ?? null
  if (offenceCode && !isOffenceCodeShape(offenceCode))
    errors.push({ field: 'offenceCode', message: 'Enter the Home Office offence code as five digits, like 02700' })
  if (errors.length || !courtCode) throw new ValidationError(errors)
  const listed = { forename, surname, dob, pnc, address }
  return { courtCode, hearingDate, session, hearingTime, courtRoom, hearingType, listed, charge, offenceCode }
}

/** Adds a defendant to a court list, as listed. Not matched yet. Outbox: court.hearing.listed. */
export async function addHearing(
  c: Court,
  ctx: RequestContext,
  input: NewHearingInput,
): Promise<{ hearingId: number; court: string; date: IsoDate }> {
  requirePermission(ctx, 'person:update')
  const h = checkHearing(c, input)
  return c.db.transaction().execute(async trx => {
    const court = await q.findCourt(trx, { code: h.courtCode })
    if (!court) throw new ValidationError([{ field: 'court', message: 'Select a court from the list' }])
    const hearingId = await q.insertHearing(trx, {
      court_id: court.id,
      hearing_date: h.hearingDate,
      session: h.session,
      hearing_time: h.hearingTime,
      court_room: h.courtRoom,
      hearing_type: h.hearingType,
      listed_forename: h.listed.forename,
      listed_surname: h.listed.surname,
      listed_date_of_birth: h.listed.dob,
      listed_pnc: h.listed.pnc,
      listed_address: h.listed.address,
      charge: h.charge,
      offence_code: h.offenceCode,
      created_by: ctx.user?.id ?? null,
    })
    // The listing is about someone not yet matched: no person id, and no personal details in the trail or event.
    await change(trx, ctx, 'HEARING_ADD', 'court.hearing.listed', null, null, {
      hearingId,
      court: court.code,
      date: h.hearingDate,
      hearingType: h.hearingType,
    })
    return { hearingId, court: court.code, date: h.hearingDate }
  })
}

/** One hearing (for the match page and the API). The matched person's name only if readable. */
export async function getHearing(c: Court, ctx: RequestContext, hearingId: number): Promise<HearingView> {
  requirePermission(ctx, 'person:read')
  return c.db.transaction().execute(async trx => {
    const row = await loadHearing(trx, hearingId)
    const [view] = await presentHearings(trx, ctx, [row])
    await auditPeopleShown(trx, ctx, [row], [view], { page: 'hearing', hearingId })
    return view
  })
}

/** Records the hearing's outcome (and, optionally, links it to an event). Outbox: court.hearing.outcome. */
export async function recordOutcome(
  c: Court,
  ctx: RequestContext,
  hearingId: number,
  input: { outcome: string; outcomeDate?: string | null; version: number },
) {
  requirePermission(ctx, 'person:update')
  const errors: FieldError[] = []
  const outcome = v.requiredCode(errors, 'outcome', input.outcome, HEARING_OUTCOMES, 'the outcome') as HearingOutcome
  const outcomeDate = v.optionalDate(errors, 'outcomeDate', input.outcomeDate, 'the date of the outcome')
  if (errors.length) throw new ValidationError(errors)
  // A refusal is audited against the matched record (committed), then checked again with the change.
  const before = await loadHearing(c.db, hearingId)
  if (before.person_id)
    await checkCourtWork(c, ctx, { personId: before.person_id, crn: before.crn ?? '' }, { hearingId })
  return c.db.transaction().execute(async trx => {
    const hearing = await loadHearing(trx, hearingId)
    if (hearing.person_id) await requireCourtWork(trx, ctx, hearing.person_id)
    const date = outcomeDate ?? hearing.hearing_date
    if (!(await q.updateHearing(trx, hearingId, Number(input.version), { outcome, outcome_date: date })))
      throw new ConflictError('Someone else changed this hearing. Check the latest details and try again.')
    await change(trx, ctx, 'HEARING_OUTCOME', 'court.hearing.outcome', hearing.person_id, hearing.crn, {
      hearingId,
      outcome,
      outcomeDate: date,
      previousOutcome: hearing.outcome,
    })
    return { hearingId }
  })
}

/**
 * Links a hearing to an event (conviction) of the same person, e.g. when the sentencing feature records the
 * sentence passed at it. For other features: call inside your own flow with the same ctx. Outbox: court.hearing.event-linked.
 */
export async function linkHearingToEvent(
  c: Court,
  ctx: RequestContext,
  hearingId: number,
  eventId: number,
  options: { outcome?: HearingOutcome; outcomeDate?: IsoDate } = {},
) {
  requirePermission(ctx, 'person:update')
  return c.db.transaction().execute(async trx => {
    const hearing = await loadHearing(trx, hearingId)
    const event = await q.findEvent(trx, eventId)
    if (!hearing.person_id)
      throw new ValidationError([
        { field: 'hearingId', message: 'Match the defendant to a record before linking the hearing to an event' },
      ])
    if (!event || event.person_id !== hearing.person_id)
      throw new ValidationError([
        { field: 'eventId', message: 'The event must belong to the person matched to the hearing' },
      ])
    await requireCourtWork(trx, ctx, hearing.person_id)
    const fields = {
      event_id: eventId,
      ...(options.outcome
        ? { outcome: options.outcome, outcome_date: options.outcomeDate ?? hearing.hearing_date }
        : {}),
    }
    if (!(await q.updateHearing(trx, hearingId, hearing.version, fields))) throw new ConflictError()
    await change(trx, ctx, 'HEARING_EVENT_LINK', 'court.hearing.event-linked', hearing.person_id, hearing.crn, {
      hearingId,
      eventId,
      outcome: options.outcome ?? null,
    })
    return { hearingId, eventId }
  })
}
