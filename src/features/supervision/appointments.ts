import type { LocalDate } from '@js-joda/core'
import { audit, publish, type RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../../errors.ts'
import { formatDate } from '../../web/filters.ts'
import type { Parsed } from '../../web/forms.ts'
import { systemContact } from './activity.ts'
import { fullName, viewed, withSupervisedPerson, type Person, type SupervisionDeps } from './context.ts'
import { letterParts, storeDocument } from './documents.ts'
import { maySupervisionBeBooked } from './eligibility.ts'
import { seriesDates, type AppointmentCommand, type RescheduleCommand } from './forms.ts'
import { appointmentLetter } from './letters.ts'
import * as q from './queries.ts'
import { contactType, outcomeText, RESCHEDULED } from './reference-data.ts'
import { londonDate, londonInstant, londonTime, spokenTime } from './time.ts'

/**
 * Appointments: the appointments page, arranging one or a series, moving one, and the appointment letter each
 * produces. Refused, with the reason, for a person not yet sentenced, a date outside the order's dates, or a clash.
 */

type Link = { kind: 'event' | 'requirement'; id: number } | null
type Slot = { from: Date; to: Date; date: LocalDate }

/** May supervision be booked for this person today? (The lifecycle rule.) */
function booking(deps: SupervisionDeps, trx: Executor, p: Person) {
  return maySupervisionBeBooked(trx, p.id, fullName(p), deps.clock.today().toString())
}

/** The appointments page: upcoming, needing an outcome, and the rest. (The route audits the view.) */
export function appointmentsPage(deps: SupervisionDeps, ctx: RequestContext, crn: string) {
  return withSupervisedPerson(deps, ctx, crn, 'read', async (trx, p, canUpdate) => {
    const rows = await q.listAppointments(trx, p.id)
    const canBook = await booking(deps, trx, p)
    const n = deps.clock.now()
    const moved = (r: { outcome: string | null }) => (r.outcome ?? '').startsWith('rescheduled')
    return {
      person: p,
      canUpdate,
      booking: canBook,
      upcoming: rows.filter(r => r.starts_at > n && !moved(r)).reverse(),
      needingOutcome: rows.filter(r => r.starts_at <= n && r.outcome === null),
      past: rows.filter(r => (r.starts_at <= n && r.outcome !== null) || moved(r)),
    }
  })
}

/** What the "arrange an appointment" form needs: whether booking is allowed (and why not), staff, orders. */
export function arrangeFormPage(deps: SupervisionDeps, ctx: RequestContext, crn: string) {
  return withSupervisedPerson(deps, ctx, crn, 'update', async (trx, p) => {
    const canBook = await booking(deps, trx, p)
    const [staff, orders] = await Promise.all([
      q.staffOfProvider(trx, p.managing_provider_id ?? ctx.user?.providerId ?? null),
      q.currentOrders(trx, p.id),
    ])
    await viewed(trx, ctx, p, 'arrange-appointment')
    return {
      person: p,
      booking: canBook,
      staff,
      orders,
      userStaffId: ctx.user?.staffId ?? null,
      managingStaffId: p.managing_staff_id,
    }
  })
}

/**
 * Arranges one appointment or a weekly/fortnightly series (one series id). Refuses, with the reason, a person not
 * yet sentenced, a date outside the order's dates, or a clash with another of the person's appointments. Produces
 * the appointment letter.
 */
export function arrangeAppointments(
  deps: SupervisionDeps,
  ctx: RequestContext,
  crn: string,
  command: Parsed<AppointmentCommand>,
) {
  return withSupervisedPerson(deps, ctx, crn, 'update', async (trx, p) => {
    if (!command.ok) {
      const canBook = await booking(deps, trx, p)
      throw new ValidationError(
        canBook.allowed ? command.errors : [{ field: 'type', message: canBook.reason }, ...command.errors],
      )
    }
    const c = command.value
    const type = contactType(c.type)
    if (!type) throw new ValidationError([{ field: 'type', message: 'Choose a type of appointment from the list' }])
    const staff = await checkStaff(trx, p, c.staffId)
    const slots = seriesDates(c.date, c.repeat, c.occurrences, c.until).map(date => {
      const from = londonInstant(date, c.hour, c.minute)
      return { date, from, to: new Date(from.getTime() + c.durationMinutes * 60_000) }
    })
    const { eventId, requirementId } = await checkBooking(deps, trx, p, c.link, slots)
    const seriesId = slots.length > 1 ? await q.nextSeriesId(trx) : null
    const ids: number[] = []
    for (const s of slots) {
      const id = await q.insertContact(trx, {
        person_id: p.id,
        event_id: eventId,
        requirement_id: requirementId,
        contact_type: type.code,
        is_appointment: true,
        starts_at: s.from,
        ends_at: s.to,
        staff_id: staff.id,
        team_id: staff.team_id,
        location: c.location,
        national_standard: type.nationalStandard,
        sensitive: c.sensitive,
        rar_activity: type.rar ?? false,
        series_id: seriesId,
        notes: c.notes,
        created_by: ctx.user?.id ?? null,
      })
      ids.push(id)
      const event = { crn: p.crn, contactId: id, type: type.code, startsAt: s.from.toISOString(), seriesId }
      await publish(trx, 'appointment.arranged', p.id, event)
    }
    const documentId = await produceAppointmentLetter(deps, trx, ctx, p, ids)
    const detail = { ids, seriesId, type: type.code, documentId }
    await audit(trx, ctx, { action: 'APPOINTMENT_ARRANGE', personId: p.id, subject: p.crn, detail })
    return { ids, seriesId, documentId, crn: p.crn }
  })
}

/** The reschedule form's context. Audited. */
export function rescheduleFormPage(deps: SupervisionDeps, ctx: RequestContext, crn: string, contactId: number) {
  return withSupervisedPerson(deps, ctx, crn, 'update', async (trx, p) => {
    const contact = await q.findContact(trx, p.id, contactId)
    if (!contact || !contact.is_appointment) throw new NotFoundError('There is no such appointment')
    const staff = await q.staffOfProvider(trx, p.managing_provider_id ?? ctx.user?.providerId ?? null)
    await viewed(trx, ctx, p, 'reschedule', { contactId })
    return { person: p, contact, staff }
  })
}

/**
 * Moves an appointment: the original keeps its date with the outcome "rescheduled" (who asked and why), a new
 * appointment takes its place in the series, and a new letter is produced. Stale version → ConflictError.
 */
export function reschedule(
  deps: SupervisionDeps,
  ctx: RequestContext,
  crn: string,
  contactId: number,
  command: Parsed<RescheduleCommand>,
) {
  return withSupervisedPerson(deps, ctx, crn, 'update', async (trx, p) => {
    const original = await q.findContact(trx, p.id, contactId)
    if (!original || !original.is_appointment) throw new NotFoundError('There is no such appointment')
    if (original.outcome !== null) {
      const message = `This appointment already has an outcome (${outcomeText(original.outcome)}) and cannot be moved`
      throw new ValidationError([{ field: 'date-day', message }])
    }
    if (!command.ok) throw new ValidationError(command.errors)
    const c = command.value
    const staff = await checkStaff(trx, p, c.staffId)
    const from = londonInstant(c.date, c.hour, c.minute)
    const slot = { from, to: new Date(from.getTime() + c.durationMinutes * 60_000), date: c.date }
    const link: Link = original.requirement_id
      ? { kind: 'requirement', id: original.requirement_id }
      : original.event_id
        ? { kind: 'event', id: original.event_id }
        : null
    const linked = await checkBooking(deps, trx, p, link, [slot], original.id)
    await markRescheduled(deps, trx, ctx, p, original, c)
    const newId = await insertReplacement(trx, ctx, p, original, { ...linked, slot, staff, location: c.location })
    await q.insertReschedule(trx, {
      person_id: p.id,
      original_contact_id: original.id,
      new_contact_id: newId,
      requested_by: c.requestedBy,
      reason: c.reason,
      created_by: ctx.user?.id ?? null,
    })
    const documentId = await produceAppointmentLetter(deps, trx, ctx, p, [newId])
    const detail = { from: original.id, to: newId, requestedBy: c.requestedBy }
    await audit(trx, ctx, { action: 'APPOINTMENT_RESCHEDULE', personId: p.id, subject: p.crn, detail })
    await publish(trx, 'appointment.rescheduled', p.id, {
      crn: p.crn,
      originalContactId: original.id,
      newContactId: newId,
      requestedBy: c.requestedBy,
      startsAt: from.toISOString(),
    })
    return { crn: p.crn, newId, documentId }
  })
}

/** Appointments for the API (newest first). (The route audits the view.) */
export function listAppointments(deps: SupervisionDeps, ctx: RequestContext, crn: string) {
  return withSupervisedPerson(deps, ctx, crn, 'read', (trx, p) => q.listAppointments(trx, p.id))
}

/** The original appointment keeps its date, with the outcome "rescheduled" and why (its history keeps the reason). */
async function markRescheduled(
  deps: SupervisionDeps,
  trx: Executor,
  ctx: RequestContext,
  p: Person,
  original: q.ContactRow,
  c: RescheduleCommand,
) {
  const outcome = RESCHEDULED[c.requestedBy]
  const moved = { outcome, attended: null, complied: null, absence_reason: null }
  const by = ctx.user?.id ?? null
  const ok = await q.setOutcome(trx, original.id, c.version, {
    ...moved,
    notes: original.notes,
    by,
    at: deps.clock.now(),
  })
  if (!ok) throw new ConflictError()
  await q.insertOutcome(trx, { ...moved, person_id: p.id, contact_id: original.id, notes: c.reason, recorded_by: by })
}

/** The new appointment, in the original's place in its series. */
async function insertReplacement(
  trx: Executor,
  ctx: RequestContext,
  p: Person,
  original: q.ContactRow,
  to: {
    eventId: number | null
    requirementId: number | null
    slot: Slot
    staff: { id: number; team_id: number | null }
    location: string
  },
) {
  return q.insertContact(trx, {
    person_id: p.id,
    event_id: to.eventId,
    requirement_id: to.requirementId,
    contact_type: original.contact_type,
    is_appointment: true,
    starts_at: to.slot.from,
    ends_at: to.slot.to,
    staff_id: to.staff.id,
    team_id: to.staff.team_id,
    location: to.location,
    national_standard: original.national_standard,
    sensitive: original.sensitive,
    rar_activity: original.rar_activity,
    series_id: original.series_id,
    notes: original.notes,
    created_by: ctx.user?.id ?? null,
  })
}

/** Produces and stores the letter listing the appointments, and notes it in the activity log. */
async function produceAppointmentLetter(
  deps: SupervisionDeps,
  trx: Executor,
  ctx: RequestContext,
  p: Person,
  contactIds: number[],
) {
  const rows = await Promise.all(contactIds.map(id => q.findContact(trx, p.id, id)))
  const appointments = rows
    .filter((r): r is q.ContactRow => !!r)
    .map(r => ({
      type: contactType(r.contact_type)?.text ?? r.contact_type,
      date: londonDate(r.starts_at),
      time: spokenTime(londonTime(r.starts_at)),
      location: r.location ?? '',
      withWhom: r.staff_forename ? `${r.staff_forename} ${r.staff_surname}` : 'Your probation practitioner',
    }))
  const { person, sender } = await letterParts(trx, ctx, p)
  const letterDate = deps.clock.today().toString()
  const bytes = await appointmentLetter({ person, sender, letterDate, appointments })
  const first = formatDate(appointments[0].date)
  const count = appointments.length
  const documentId = await storeDocument(deps, trx, ctx, p, {
    contactId: contactIds[0],
    kind: 'appointment_letter',
    title: `Appointment letter (${count === 1 ? first : `${count} appointments from ${first}`})`,
    bytes,
  })
  const notes = `Appointment letter produced for ${count} appointment${count === 1 ? '' : 's'}.`
  await systemContact(deps, trx, ctx, p, 'LETTER_APPOINTMENT', notes, { eventId: rows[0]?.event_id })
  return documentId
}

/** The dates an order runs between, for "a date outside the order's dates". */
function orderWindow(order: q.CurrentOrder, requirementId?: number): { from: string; to: string | null; what: string } {
  const req = requirementId === undefined ? undefined : order.requirements.find(r => r.id === requirementId)
  const from = req?.start_date ?? order.start_date ?? order.sentence_date
  let to = req?.expected_end_date ?? order.expected_end_date
  if (!to && order.key_dates && typeof order.key_dates === 'object') {
    const k = order.key_dates as Record<string, unknown>
    const end = [k.TUSED, k.SLED, k.SED, k.LED].find(v => typeof v === 'string')
    if (typeof end === 'string') to = end
  }
  return { from, to: to ?? null, what: req ? 'the requirement' : 'the order' }
}

/** Resolves the order/requirement link and checks dates, clashes and the lifecycle for each occurrence. */
async function checkBooking(
  deps: SupervisionDeps,
  trx: Executor,
  p: Person,
  link: Link,
  slots: Slot[],
  except?: number,
) {
  // Held until commit: a second booking for this person waits here, then sees this one's appointments.
  await q.lockPersonForBooking(trx, p.id)
  const decision = await booking(deps, trx, p)
  if (!decision.allowed) throw new ValidationError([{ field: 'type', message: decision.reason }])
  const orders = await q.currentOrders(trx, p.id)
  let order: q.CurrentOrder | undefined
  let requirementId: number | undefined
  if (link?.kind === 'event') order = orders.find(o => o.event_id === link.id)
  else if (link?.kind === 'requirement') {
    order = orders.find(o => o.requirements.some(r => r.id === link.id))
    requirementId = link.id
  } else order = orders[0]
  if (link && !order)
    throw new ValidationError([{ field: 'link', message: 'Choose a current order or requirement from the list' }])
  const errors: FieldError[] = []
  if (order) errors.push(...outsideOrder(orderWindow(order, requirementId), slots))
  errors.push(...(await clashes(trx, p, slots, except)))
  if (errors.length) throw new ValidationError(errors)
  return { eventId: order?.event_id ?? null, requirementId: requirementId ?? null }
}

/** "The appointment on … is before/after …" for the first occurrence outside the order's (or requirement's) dates. */
function outsideOrder(w: ReturnType<typeof orderWindow>, slots: Slot[]): FieldError[] {
  const outside = slots.filter(s => s.date.toString() < w.from || (w.to !== null && s.date.toString() > w.to))
  if (!outside.length) return []
  const first = outside[0].date.toString()
  const message =
    first < w.from
      ? `The appointment on ${formatDate(first)} is before ${w.what} starts on ${formatDate(w.from)}`
      : `The appointment on ${formatDate(first)} is after ${w.what} ends on ${formatDate(w.to)}`
  return [{ field: 'date-day', message }]
}

/** The first clash with another of the person's appointments, if any. */
async function clashes(trx: Executor, p: Person, slots: Slot[], except?: number): Promise<FieldError[]> {
  for (const s of slots) {
    const clash = await q.clashingAppointments(trx, p.id, s.from, s.to, except)
    if (clash.length) {
      const c = clash[0]
      const at = `${spokenTime(londonTime(c.starts_at))} on ${formatDate(londonDate(c.starts_at))}`
      const type = contactType(c.contact_type)?.text ?? c.contact_type
      const message = `${fullName(p)} already has an appointment at ${at} (${type}) that clashes with the one on ${formatDate(s.date.toString())}`
      return [{ field: 'date-day', message }]
    }
  }
  return []
}

/** The member of staff the appointment is with: one of the managing provider's. */
async function checkStaff(trx: Executor, p: Person, staffId: number) {
  const s = await q.staffById(trx, staffId)
  if (!s || (p.managing_provider_id !== null && s.provider_id !== p.managing_provider_id)) {
    throw new ValidationError([{ field: 'staffId', message: 'Choose someone from the list' }])
  }
  return s
}
