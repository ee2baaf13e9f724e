import { LocalDate } from '@js-joda/core'
import { audit, publish, type RequestContext } from '../../access/audit.ts'
import { loadPeopleAccess, loadPersonAccess, type Executor } from '../../access/person-access.ts'
import { canReadPerson, canUpdatePerson } from '../../access/policy.ts'
import {
  applyBreachStep,
  BREACH_STATUSES,
  nextBreachStep,
  type BreachOutcome,
  type BreachProcess,
  type BreachStatus,
} from '../../domain/enforcement/breach-process.ts'
import type { EnforcementAction, EnforcementDecision } from '../../domain/enforcement/decision.ts'
import { OUTCOMES } from '../../domain/enforcement/outcomes.ts'
import {
  applyRecallStep,
  nextRecallStep,
  RECALL_STATUSES,
  type RecallProcess,
  type RecallStatus,
  type RecallType,
} from '../../domain/enforcement/recall-process.ts'
import { warningWindow } from '../../domain/enforcement/rules.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../../errors.ts'
import type { Dependencies } from '../../dependencies.ts'
import { formatDate } from '../../web/filters.ts'
import { maySupervisionBeBooked } from './eligibility.ts'
import { complianceSummaries, decide, orderTypeOf } from './enforcement.ts'
import {
  parseActivityQuery,
  parseAppointmentForm,
  parseContactForm,
  parseOutcomeForm,
  parseRescheduleForm,
  seriesDates,
  text,
  type ActivityQuery,
  type FormBody,
} from './forms.ts'
import { appointmentLetter, breachLetter, warningLetter, type LetterPerson, type LetterSender } from './letters.ts'
import * as q from './queries.ts'
import { CONTACT_TYPES, contactType, outcomeText, RESCHEDULED } from './reference-data.ts'
import { londonDate, londonInstant, londonLocalDate, londonTime, spokenTime } from './time.ts'

export const SUPERVISION_VIEW = 'SUPERVISION_VIEW'

type Person = q.SupervisedPerson

const fullName = (p: { forename: string; middle_names?: string | null; surname: string }) =>
  `${p.forename} ${p.surname}`

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

export function orderName(o: { sentence_type: string; event_number?: number }): string {
  const name =
    o.sentence_type === 'community_order'
      ? 'community order'
      : o.sentence_type === 'suspended_sentence_order'
        ? 'suspended sentence order'
        : 'licence'
  return name
}

export interface ActionInput {
  person_id: number
  contact_id: number | null
  event_id: number | null
  breach_id?: number | null
  document_id?: number | null
  action_type: string
  description: string
  due_date: string | null
  created_by: number | null
}

/**
 * Supervision: arranging and moving appointments, recording outcomes (and the enforcement they trigger), other
 * contacts, the activity log, letters, enforcement actions and breaches or recalls. Every method opens the
 * transaction, applies the access policy, audits, and writes outbox events for changes in the same transaction.
 */
/** Entries on one page of the activity log. */
export const ACTIVITY_PAGE_SIZE = 50

export function createSupervisionService({ db, clock }: Dependencies) {
  const now = () => clock.now()
  const today = () => londonLocalDate(now())

  async function person(trx: Executor, ctx: RequestContext, crn: string, need: 'read' | 'update') {
    const p = await q.findPerson(trx, crn.toUpperCase())
    if (!p) throw new NotFoundError('There is no person with that CRN')
    const facts = (await loadPersonAccess(trx, p.id))!
    const read = canReadPerson(ctx.user, facts)
    if (!read.allowed) throw new ForbiddenError(read.reason)
    const update = canUpdatePerson(ctx.user, facts)
    if (need === 'update' && !update.allowed) throw new ForbiddenError(update.reason)
    return { p, canUpdate: update.allowed }
  }

  async function view(
    trx: Executor,
    ctx: RequestContext,
    p: Person,
    page: string,
    detail: Record<string, unknown> = {},
  ) {
    await audit(trx, ctx, { action: SUPERVISION_VIEW, personId: p.id, subject: p.crn, detail: { page, ...detail } })
  }

  async function letterParts(
    trx: Executor,
    ctx: RequestContext,
    p: Person,
  ): Promise<{ person: LetterPerson; sender: LetterSender }> {
    const address = await q.mainAddress(trx, p.id)
    const lines = address
      ? [
          address.building && address.street
            ? `${address.building} ${address.street}`
            : (address.building ?? address.street),
          address.district,
          address.town,
          address.county,
          address.postcode,
        ].filter((l): l is string => !!l)
      : []
    const team = p.managing_team_id
      ? await trx.selectFrom('teams').select('name').where('id', '=', p.managing_team_id).executeTakeFirst()
      : undefined
    const provider = p.managing_provider_id
      ? await trx.selectFrom('providers').select('name').where('id', '=', p.managing_provider_id).executeTakeFirst()
      : undefined
    return {
      person: { name: fullName(p), crn: p.crn, addressLines: lines },
      sender: {
        name: ctx.user?.displayName ?? 'Probation practitioner',
        team: team?.name ?? null,
        provider: provider?.name ?? null,
      },
    }
  }

  async function storeDocument(
    trx: Executor,
    ctx: RequestContext,
    p: Person,
    doc: { contactId: number | null; kind: string; title: string; bytes: Buffer },
  ) {
    const stamp = londonDate(now())
    const id = await q.insertDocument(trx, {
      person_id: p.id,
      contact_id: doc.contactId,
      kind: doc.kind,
      title: doc.title,
      filename: `${doc.kind.replaceAll('_', '-')}-${p.crn}-${stamp}.pdf`,
      bytes: doc.bytes,
      created_by: ctx.user?.id ?? null,
    })
    await publish(trx, 'document.created', p.id, { crn: p.crn, documentId: id, kind: doc.kind })
    return id
  }

  /** A system-generated contact in the activity log (a letter produced, a breach initiated). */
  async function systemContact(
    trx: Executor,
    ctx: RequestContext,
    p: Person,
    type: string,
    notes: string,
    links: { eventId?: number | null; contactId?: number } = {},
  ) {
    return q.insertContact(trx, {
      person_id: p.id,
      event_id: links.eventId ?? null,
      contact_type: type,
      is_appointment: false,
      starts_at: now(),
      national_standard: false,
      system_generated: true,
      notes,
      created_by: ctx.user?.id ?? null,
    })
  }

  async function produceAppointmentLetter(trx: Executor, ctx: RequestContext, p: Person, contactIds: number[]) {
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
    const { person: lp, sender } = await letterParts(trx, ctx, p)
    const bytes = await appointmentLetter({ person: lp, sender, letterDate: londonDate(now()), appointments })
    const documentId = await storeDocument(trx, ctx, p, {
      contactId: contactIds[0],
      kind: 'appointment_letter',
      title: `Appointment letter (${appointments.length === 1 ? formatDate(appointments[0].date) : `${appointments.length} appointments from ${formatDate(appointments[0].date)}`})`,
      bytes,
    })
    await systemContact(
      trx,
      ctx,
      p,
      'LETTER_APPOINTMENT',
      `Appointment letter produced for ${appointments.length} appointment${appointments.length === 1 ? '' : 's'}.`,
      { eventId: rows[0]?.event_id },
    )
    return documentId
  }

  /** Resolves the order/requirement link and checks dates, clashes and the lifecycle for each occurrence. */
  async function checkBooking(
    trx: Executor,
    p: Person,
    link: { kind: 'event' | 'requirement'; id: number } | null,
    slots: { from: Date; to: Date; date: LocalDate }[],
    field: { date: string },
    except?: number,
  ) {
    const decision = await maySupervisionBeBooked(trx, p.id, fullName(p), today().toString())
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
    if (order) {
      const w = orderWindow(order, requirementId)
      const outside = slots.filter(s => s.date.toString() < w.from || (w.to !== null && s.date.toString() > w.to))
      if (outside.length) {
        const first = outside[0].date.toString()
        errors.push({
          field: field.date,
          message:
            first < w.from
              ? `The appointment on ${formatDate(first)} is before ${w.what} starts on ${formatDate(w.from)}`
              : `The appointment on ${formatDate(first)} is after ${w.what} ends on ${formatDate(w.to)}`,
        })
      }
    }
    for (const s of slots) {
      const clash = await q.clashingAppointments(trx, p.id, s.from, s.to, except)
      if (clash.length) {
        const c = clash[0]
        errors.push({
          field: field.date,
          message: `${fullName(p)} already has an appointment at ${spokenTime(londonTime(c.starts_at))} on ${formatDate(londonDate(c.starts_at))} (${contactType(c.contact_type)?.text ?? c.contact_type}) that clashes with the one on ${formatDate(s.date.toString())}`,
        })
        break
      }
    }
    if (errors.length) throw new ValidationError(errors)
    return { eventId: order?.event_id ?? null, requirementId: requirementId ?? null }
  }

  async function checkStaff(trx: Executor, p: Person, staffId: number) {
    const s = await q.staffById(trx, staffId)
    if (!s || (p.managing_provider_id !== null && s.provider_id !== p.managing_provider_id)) {
      throw new ValidationError([{ field: 'staffId', message: 'Choose someone from the list' }])
    }
    return s
  }

  /** Creates the enforcement actions a decision asks for (and the breach or recall it opens), with letters. */
  async function enforce(
    trx: Executor,
    ctx: RequestContext,
    p: Person,
    contact: q.ContactRow,
    decision: EnforcementDecision,
  ) {
    if (decision.actions.length === 0)
      return { actionIds: [] as number[], breachId: null as number | null, documentIds: [] as number[] }
    const recordedOn = decision.recordedOn.toString()
    const orders = await q.currentOrders(trx, p.id)
    const order = orders.find(o => o.event_id === contact.event_id) ?? orders[0]
    const orderText = order ? orderName(order) : 'order'
    const parts = await letterParts(trx, ctx, p)
    const documentIds: number[] = []
    let breachId: number | null = null
    const failure = {
      type: contactType(contact.contact_type)?.text ?? contact.contact_type,
      date: londonDate(contact.starts_at),
      time: spokenTime(londonTime(contact.starts_at)),
      outcome: outcomeText(contact.outcome),
    }
    const find = (kind: EnforcementAction['kind']) => decision.actions.find(a => a.kind === kind)

    if (decision.path === 'breach' || decision.path === 'recall_consideration') {
      const kind = decision.path === 'breach' ? 'breach' : 'recall'
      const status = kind === 'breach' ? 'initiated' : 'considered'
      breachId = await q.insertBreach(trx, {
        person_id: p.id,
        event_id: contact.event_id,
        kind,
        status,
        initiated_date: recordedOn,
        trigger_contact_id: contact.id,
        created_by: ctx.user?.id ?? null,
      })
      await q.insertBreachStatus(trx, {
        person_id: p.id,
        breach_id: breachId,
        status,
        status_date: recordedOn,
        notes: decision.explanation,
        changed_by: ctx.user?.id ?? null,
      })
      await systemContact(trx, ctx, p, kind === 'breach' ? 'ENF_BREACH' : 'ENF_RECALL', decision.explanation, {
        eventId: contact.event_id,
      })
      await publish(trx, kind === 'breach' ? 'breach.initiated' : 'recall.consideration-started', p.id, {
        crn: p.crn,
        breachId,
        contactId: contact.id,
        eventId: contact.event_id,
      })
    }
    const openBreach =
      breachId ??
      (decision.path === 'added_to_breach' || decision.path === 'added_to_recall'
        ? ((await q.listBreaches(trx, p.id)).find(b => b.event_id === contact.event_id && b.closed_at === null)?.id ??
          null)
        : null)

    const warning = find('warning_letter')
    if (warning) {
      const explain = find('explanation_window')
      const bytes = await warningLetter({
        ...parts,
        letterDate: londonDate(now()),
        failure,
        order: orderText,
        explainBy: explain?.due?.toString() ?? warning.due!.toString(),
        windowEnds: decision.path === 'warning' ? warningWindow(today()).to.toString() : null,
      })
      documentIds.push(
        await storeDocument(trx, ctx, p, {
          contactId: contact.id,
          kind: 'warning_letter',
          title: `Warning letter (failure on ${formatDate(failure.date)})`,
          bytes,
        }),
      )
      await systemContact(trx, ctx, p, 'ENF_WARNING_LETTER', `${warning.title}. ${decision.explanation}`, {
        eventId: contact.event_id,
      })
    }
    const breachLetterAction = find('breach_letter')
    if (breachLetterAction) {
      const failures = await trx
        .selectFrom('contacts')
        .select(['contact_type', 'starts_at', 'outcome'])
        .where('person_id', '=', p.id)
        .where(
          contact.event_id === null ? eb => eb('event_id', 'is', null) : eb => eb('event_id', '=', contact.event_id),
        )
        .where('outcome', 'in', ['attended_failed_to_comply', 'unacceptable_absence'])
        .where('national_standard', '=', true)
        .orderBy('starts_at')
        .execute()
      const bytes = await breachLetter({
        ...parts,
        letterDate: londonDate(now()),
        order: orderText,
        failures: failures.map(f => ({
          type: contactType(f.contact_type)?.text ?? f.contact_type,
          date: londonDate(f.starts_at),
          outcome: outcomeText(f.outcome),
        })),
        warningDate: decision.activeWarning?.givenOn.toString() ?? null,
      })
      documentIds.push(
        await storeDocument(trx, ctx, p, {
          contactId: contact.id,
          kind: 'breach_letter',
          title: `Breach letter (failure on ${formatDate(failure.date)})`,
          bytes,
        }),
      )
    }

    const actionIds: number[] = []
    for (const a of decision.actions) {
      const letter =
        a.kind === 'warning_letter'
          ? documentIds[0]
          : a.kind === 'breach_letter'
            ? documentIds[documentIds.length - 1]
            : null
      const id = await q.insertAction(trx, {
        person_id: p.id,
        contact_id: contact.id,
        event_id: contact.event_id,
        breach_id: openBreach,
        document_id: letter ?? null,
        action_type: a.kind,
        description: `${a.title}. ${a.explanation}`,
        due_date: a.due?.toString() ?? null,
        created_by: ctx.user?.id ?? null,
      })
      actionIds.push(id)
      await publish(trx, 'enforcement.action-created', p.id, {
        crn: p.crn,
        actionId: id,
        type: a.kind,
        dueDate: a.due?.toString() ?? null,
        contactId: contact.id,
        breachId: openBreach,
      })
    }
    return { actionIds, breachId, documentIds }
  }

  return {
    today,

    /** The appointments page: upcoming, needing an outcome, and the rest. Audited. */
    async appointmentsPage(ctx: RequestContext, crn: string) {
      return db.transaction().execute(async trx => {
        const { p, canUpdate } = await person(trx, ctx, crn, 'read')
        const rows = await q.listAppointments(trx, p.id)
        const booking = await maySupervisionBeBooked(trx, p.id, fullName(p), today().toString())
        await view(trx, ctx, p, 'appointments')
        const n = now()
        return {
          person: p,
          canUpdate,
          booking,
          upcoming: rows.filter(r => r.starts_at > n && !(r.outcome ?? '').startsWith('rescheduled')).reverse(),
          needingOutcome: rows.filter(r => r.starts_at <= n && r.outcome === null),
          past: rows.filter(
            r => (r.starts_at <= n && r.outcome !== null) || (r.outcome ?? '').startsWith('rescheduled'),
          ),
        }
      })
    },

    /** What the "arrange an appointment" form needs: whether booking is allowed (and why not), staff, orders. */
    async arrangeFormPage(ctx: RequestContext, crn: string) {
      return db.transaction().execute(async trx => {
        const { p } = await person(trx, ctx, crn, 'update')
        const booking = await maySupervisionBeBooked(trx, p.id, fullName(p), today().toString())
        const [staff, orders] = await Promise.all([
          q.staffOfProvider(trx, p.managing_provider_id ?? ctx.user?.providerId ?? null),
          q.currentOrders(trx, p.id),
        ])
        await view(trx, ctx, p, 'arrange-appointment')
        return {
          person: p,
          booking,
          staff,
          orders,
          userStaffId: ctx.user?.staffId ?? null,
          managingStaffId: p.managing_staff_id,
        }
      })
    },

    /**
     * Arranges one appointment or a weekly/fortnightly series (one series id). Refuses, with the reason, a person not
     * yet sentenced, a date outside the order's dates, or a clash with another of the person's appointments. Produces
     * the appointment letter.
     */
    async arrangeAppointments(ctx: RequestContext, crn: string, body: FormBody) {
      return db.transaction().execute(async trx => {
        const { p } = await person(trx, ctx, crn, 'update')
        const parsed = parseAppointmentForm(body)
        if (!parsed.ok) {
          const booking = await maySupervisionBeBooked(trx, p.id, fullName(p), today().toString())
          throw new ValidationError(
            booking.allowed ? parsed.errors : [{ field: 'type', message: booking.reason }, ...parsed.errors],
          )
        }
        const c = parsed.value
        const type = contactType(c.type)!
        const staff = await checkStaff(trx, p, c.staffId)
        const dates = seriesDates(c.date, c.repeat, c.occurrences, c.until)
        const slots = dates.map(date => {
          const from = londonInstant(date, c.hour, c.minute)
          return { date, from, to: new Date(from.getTime() + c.durationMinutes * 60_000) }
        })
        const { eventId, requirementId } = await checkBooking(trx, p, c.link, slots, { date: 'date-day' })
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
          await publish(trx, 'appointment.arranged', p.id, {
            crn: p.crn,
            contactId: id,
            type: type.code,
            startsAt: s.from.toISOString(),
            seriesId,
          })
        }
        const documentId = await produceAppointmentLetter(trx, ctx, p, ids)
        await audit(trx, ctx, {
          action: 'APPOINTMENT_ARRANGE',
          personId: p.id,
          subject: p.crn,
          detail: { ids, seriesId, type: type.code, documentId },
        })
        return { ids, seriesId, documentId, crn: p.crn }
      })
    },

    /** One appointment (or other contact): details, outcome history, how it was moved, its letters and actions. Audited. */
    async contactPage(ctx: RequestContext, crn: string, contactId: number) {
      return db.transaction().execute(async trx => {
        const { p, canUpdate } = await person(trx, ctx, crn, 'read')
        const contact = await q.findContact(trx, p.id, contactId)
        if (!contact) throw new NotFoundError('There is no such appointment or contact')
        const [history, moves, documents, actions] = await Promise.all([
          q.outcomeHistory(trx, contact.id),
          q.rescheduleLinks(trx, contact.id),
          q.listDocuments(trx, p.id),
          q.listActions(trx, p.id),
        ])
        await view(trx, ctx, p, 'contact', { contactId })
        return {
          person: p,
          canUpdate,
          contact,
          isFuture: contact.starts_at > now(),
          history,
          movedTo: moves.find(m => m.original_contact_id === contact.id) ?? null,
          movedFrom: moves.find(m => m.new_contact_id === contact.id) ?? null,
          documents: documents.filter(d => d.contact_id === contact.id),
          actions: actions.filter(a => a.contact_id === contact.id),
        }
      })
    },

    /**
     * Records (or corrects) the outcome of an appointment in one submission. Refused for an appointment that has not
     * happened yet; a stale `version` (someone else recorded an outcome meanwhile) is a ConflictError, never merged.
     * The previous outcome stays in the history. An enforceable failure runs the enforcement decision.
     */
    async recordOutcome(ctx: RequestContext, crn: string, contactId: number, body: FormBody) {
      return db.transaction().execute(async trx => {
        const { p } = await person(trx, ctx, crn, 'update')
        const contact = await q.findContact(trx, p.id, contactId)
        if (!contact || !contact.is_appointment) throw new NotFoundError('There is no such appointment')
        if ((contact.outcome ?? '').startsWith('rescheduled')) {
          throw new ValidationError([
            {
              field: 'outcome',
              message: 'This appointment was rescheduled: record the outcome on the new appointment',
            },
          ])
        }
        if (contact.starts_at > now()) {
          throw new ValidationError([
            {
              field: 'outcome',
              message: `You cannot record an outcome before the appointment has happened (it is on ${formatDate(londonDate(contact.starts_at))} at ${spokenTime(londonTime(contact.starts_at))})`,
            },
          ])
        }
        const parsed = parseOutcomeForm(body)
        if (!parsed.ok) throw new ValidationError(parsed.errors)
        const c = parsed.value
        const meaning = OUTCOMES[c.outcome]
        const previous = contact.outcome
        const stamp = `${formatDate(londonDate(now()))} ${spokenTime(londonTime(now()))}, ${ctx.user?.displayName ?? 'system'}`
        const notes = c.notes
          ? contact.notes
            ? `${contact.notes}\n\n[${meaning.label} – ${stamp}]\n${c.notes}`
            : c.notes
          : contact.notes
        const ok = await q.setOutcome(trx, contact.id, c.version, {
          outcome: c.outcome,
          attended: meaning.attended,
          complied: meaning.compliedOrAcceptable,
          absence_reason: c.reason,
          notes,
          by: ctx.user?.id ?? null,
        })
        if (!ok)
          throw new ConflictError(
            'Someone else recorded an outcome for this appointment while you were editing it. Check the outcome now recorded and change it if it is wrong.',
          )
        const outcomeId = await q.insertOutcome(trx, {
          person_id: p.id,
          contact_id: contact.id,
          outcome: c.outcome,
          attended: meaning.attended,
          complied: meaning.compliedOrAcceptable,
          absence_reason: c.reason,
          notes: c.notes,
          recorded_by: ctx.user?.id ?? null,
        })
        // A corrected outcome that is no longer a failure (or no longer pending evidence) withdraws the open
        // actions it raised; a failure that stands keeps them and is not decided twice.
        const existing = (await q.listActions(trx, p.id)).filter(
          a => a.contact_id === contact.id && a.status !== 'cancelled',
        )
        const wasFailure =
          previous !== null && previous in OUTCOMES && OUTCOMES[previous as keyof typeof OUTCOMES].isFailure
        let enforcement: Awaited<ReturnType<typeof enforce>> | null = null
        let decision: EnforcementDecision | null = null
        if (!(meaning.isFailure && wasFailure)) {
          const cancel = existing.filter(a => a.status === 'open' && a.action_type !== 'court_hearing').map(a => a.id)
          if (cancel.length) {
            await trx
              .updateTable('enforcement_actions')
              .set(eb => ({ status: 'cancelled', version: eb('version', '+', 1) }))
              .where('id', 'in', cancel)
              .execute()
            for (const id of cancel)
              await publish(trx, 'enforcement.action-cancelled', p.id, {
                crn: p.crn,
                actionId: id,
                reason: 'outcome changed',
              })
          }
          const orders = await q.currentOrders(trx, p.id)
          const order = orders.find(o => o.event_id === contact.event_id) ?? orders[0]
          const updated = (await q.findContact(trx, p.id, contact.id))!
          decision = await decide(trx, {
            personId: p.id,
            contactId: contact.id,
            eventId: contact.event_id,
            orderType: orderTypeOf(order?.sentence_type ?? 'community_order'),
            failureDate: londonLocalDate(contact.starts_at),
            recordedOn: today(),
            outcome: c.outcome,
            nationalStandard: contact.national_standard,
          })
          enforcement = await enforce(trx, ctx, p, updated, decision)
        }
        await audit(trx, ctx, {
          action: previous ? 'OUTCOME_CHANGE' : 'OUTCOME_RECORD',
          personId: p.id,
          subject: p.crn,
          detail: {
            contactId: contact.id,
            outcome: c.outcome,
            previous,
            outcomeId,
            enforcement: decision?.path ?? null,
          },
        })
        await publish(trx, 'appointment.outcome-recorded', p.id, {
          crn: p.crn,
          contactId: contact.id,
          outcome: c.outcome,
          previous,
          version: c.version + 1,
        })
        return {
          crn: p.crn,
          contactId: contact.id,
          outcome: c.outcome,
          previous,
          version: c.version + 1,
          decision,
          enforcement,
        }
      })
    },

    /** The reschedule form's context. Audited. */
    async rescheduleFormPage(ctx: RequestContext, crn: string, contactId: number) {
      return db.transaction().execute(async trx => {
        const { p } = await person(trx, ctx, crn, 'update')
        const contact = await q.findContact(trx, p.id, contactId)
        if (!contact || !contact.is_appointment) throw new NotFoundError('There is no such appointment')
        const staff = await q.staffOfProvider(trx, p.managing_provider_id ?? ctx.user?.providerId ?? null)
        await view(trx, ctx, p, 'reschedule', { contactId })
        return { person: p, contact, staff }
      })
    },

    /**
     * Moves an appointment: the original keeps its date with the outcome "rescheduled" (who asked and why), a new
     * appointment takes its place in the series, and a new letter is produced. Stale version → ConflictError.
     */
    async reschedule(ctx: RequestContext, crn: string, contactId: number, body: FormBody) {
      return db.transaction().execute(async trx => {
        const { p } = await person(trx, ctx, crn, 'update')
        const original = await q.findContact(trx, p.id, contactId)
        if (!original || !original.is_appointment) throw new NotFoundError('There is no such appointment')
        if (original.outcome !== null) {
          throw new ValidationError([
            {
              field: 'date-day',
              message: `This appointment already has an outcome (${outcomeText(original.outcome)}) and cannot be moved`,
            },
          ])
        }
        const parsed = parseRescheduleForm(body)
        if (!parsed.ok) throw new ValidationError(parsed.errors)
        const c = parsed.value
        const staff = await checkStaff(trx, p, c.staffId)
        const from = londonInstant(c.date, c.hour, c.minute)
        const to = new Date(from.getTime() + c.durationMinutes * 60_000)
        const link = original.requirement_id
          ? { kind: 'requirement' as const, id: original.requirement_id }
          : original.event_id
            ? { kind: 'event' as const, id: original.event_id }
            : null
        const { eventId, requirementId } = await checkBooking(
          trx,
          p,
          link,
          [{ from, to, date: c.date }],
          { date: 'date-day' },
          original.id,
        )
        const outcome = RESCHEDULED[c.requestedBy]
        const ok = await q.setOutcome(trx, original.id, c.version, {
          outcome,
          attended: null,
          complied: null,
          absence_reason: null,
          notes: original.notes,
          by: ctx.user?.id ?? null,
        })
        if (!ok) throw new ConflictError()
        await q.insertOutcome(trx, {
          person_id: p.id,
          contact_id: original.id,
          outcome,
          attended: null,
          complied: null,
          absence_reason: null,
          notes: c.reason,
          recorded_by: ctx.user?.id ?? null,
        })
        const newId = await q.insertContact(trx, {
          person_id: p.id,
          event_id: eventId,
          requirement_id: requirementId,
          contact_type: original.contact_type,
          is_appointment: true,
          starts_at: from,
          ends_at: to,
          staff_id: staff.id,
          team_id: staff.team_id,
          location: c.location,
          national_standard: original.national_standard,
          sensitive: original.sensitive,
          rar_activity: original.rar_activity,
          series_id: original.series_id,
          notes: original.notes,
          created_by: ctx.user?.id ?? null,
        })
        await q.insertReschedule(trx, {
          person_id: p.id,
          original_contact_id: original.id,
          new_contact_id: newId,
          requested_by: c.requestedBy,
          reason: c.reason,
          created_by: ctx.user?.id ?? null,
        })
        const documentId = await produceAppointmentLetter(trx, ctx, p, [newId])
        await audit(trx, ctx, {
          action: 'APPOINTMENT_RESCHEDULE',
          personId: p.id,
          subject: p.crn,
          detail: { from: original.id, to: newId, requestedBy: c.requestedBy },
        })
        await publish(trx, 'appointment.rescheduled', p.id, {
          crn: p.crn,
          originalContactId: original.id,
          newContactId: newId,
          requestedBy: c.requestedBy,
          startsAt: from.toISOString(),
        })
        return { crn: p.crn, newId, documentId }
      })
    },

    /** Records a contact that is not an appointment (phone call, email, MAPPA, safeguarding…). */
    async recordContact(ctx: RequestContext, crn: string, body: FormBody) {
      return db.transaction().execute(async trx => {
        const { p } = await person(trx, ctx, crn, 'update')
        const parsed = parseContactForm(body, today())
        if (!parsed.ok) throw new ValidationError(parsed.errors)
        const c = parsed.value
        const type = contactType(c.type)!
        const startsAt = londonInstant(c.date, c.hour, c.minute)
        if (startsAt > now()) throw new ValidationError([{ field: 'time', message: 'The time must be in the past' }])
        const id = await q.insertContact(trx, {
          person_id: p.id,
          contact_type: type.code,
          is_appointment: false,
          starts_at: startsAt,
          staff_id: ctx.user?.staffId ?? null,
          team_id: ctx.user?.teamId ?? null,
          national_standard: type.nationalStandard,
          sensitive: c.sensitive,
          notes: c.notes,
          created_by: ctx.user?.id ?? null,
        })
        await audit(trx, ctx, {
          action: 'CONTACT_RECORD',
          personId: p.id,
          subject: p.crn,
          detail: { contactId: id, type: type.code },
        })
        await publish(trx, 'contact.recorded', p.id, { crn: p.crn, contactId: id, type: type.code })
        return { crn: p.crn, id }
      })
    },

    async contactFormPage(ctx: RequestContext, crn: string) {
      return db.transaction().execute(async trx => {
        const { p } = await person(trx, ctx, crn, 'update')
        await view(trx, ctx, p, 'record-contact')
        return { person: p }
      })
    },

    /** The activity log, filtered, with note search (parameterised; what is typed is matched literally). Audited. */
    async activityPage(ctx: RequestContext, crn: string, query: FormBody) {
      return db.transaction().execute(async trx => {
        const { p, canUpdate } = await person(trx, ctx, crn, 'read')
        const { value: f, errors } = parseActivityQuery(query)
        // Pages of 50: a long-running case has hundreds of contacts, and rendering them all is what made the
        // page slow (docs/performance.md). One extra row tells whether there is a next page.
        const pageNumber = Math.max(1, Math.min(10_000, Math.trunc(Number(text(query, 'page'))) || 1))
        const found = await q.activity(trx, p.id, activityFilter(f), {
          limit: ACTIVITY_PAGE_SIZE + 1,
          offset: (pageNumber - 1) * ACTIVITY_PAGE_SIZE,
        })
        const rows = found.slice(0, ACTIVITY_PAGE_SIZE)
        await view(trx, ctx, p, 'activity', {
          pageNumber,
          filters: { ...f, from: f.from?.toString() ?? null, to: f.to?.toString() ?? null, q: f.q ? '(search)' : '' },
        })
        return {
          person: p,
          canUpdate,
          filters: f,
          errors,
          rows,
          pageNumber,
          hasNextPage: found.length > ACTIVITY_PAGE_SIZE,
        }
      })
    },

    /** Enforcement on the case: open and done actions, breaches and recalls with their history, compliance per order, letters. Audited. */
    async enforcementPage(ctx: RequestContext, crn: string) {
      return db.transaction().execute(async trx => {
        const { p, canUpdate } = await person(trx, ctx, crn, 'read')
        const orders = await q.currentOrders(trx, p.id)
        const [actions, breaches, documents, compliance] = await Promise.all([
          q.listActions(trx, p.id),
          q.listBreaches(trx, p.id),
          q.listDocuments(trx, p.id),
          complianceSummaries(trx, p.id, orders, today()),
        ])
        await view(trx, ctx, p, 'enforcement')
        return {
          person: p,
          canUpdate,
          actions,
          breaches: breaches.map(b => ({
            ...b,
            next: b.kind === 'breach' ? nextBreachStepOf(b, orders) : nextRecallStepOf(b),
          })),
          documents,
          compliance,
          today: today().toString(),
        }
      })
    },

    /** Marks an enforcement action done (letter sent, pack submitted…). Stale version → ConflictError. */
    async completeAction(ctx: RequestContext, crn: string, actionId: number, body: FormBody) {
      return db.transaction().execute(async trx => {
        const { p } = await person(trx, ctx, crn, 'update')
        const action = await q.findAction(trx, p.id, actionId)
        if (!action) throw new NotFoundError('There is no such enforcement action')
        const version = Number(text(body, 'version'))
        if (action.status !== 'open') throw new ConflictError('This action has already been completed or withdrawn.')
        const ok = await q.completeAction(trx, action.id, version, today().toString(), ctx.user?.id ?? null)
        if (!ok) throw new ConflictError()
        await audit(trx, ctx, {
          action: 'ENFORCEMENT_ACTION_DONE',
          personId: p.id,
          subject: p.crn,
          detail: { actionId, type: action.action_type },
        })
        await publish(trx, 'enforcement.action-completed', p.id, { crn: p.crn, actionId, type: action.action_type })
        return { crn: p.crn }
      })
    },

    /** Moves a breach to its next status (the domain's breach process decides what is allowed). */
    async updateBreach(ctx: RequestContext, crn: string, breachId: number, body: FormBody) {
      return db.transaction().execute(async trx => {
        const { p } = await person(trx, ctx, crn, 'update')
        const breach = (await q.listBreaches(trx, p.id)).find(b => b.id === breachId)
        if (!breach) throw new NotFoundError('There is no such breach or recall')
        const status = text(body, 'status')
        const version = Number(text(body, 'version'))
        const notes = text(body, 'notes') || null
        const courtDateText = text(body, 'courtDate')
        const on = today()
        if (breach.kind !== 'breach') {
          // Recalls follow the domain's recall process (consider → recommend → decide → Part A → PPCS → decision).
          if (!(RECALL_STATUSES as readonly string[]).includes(status))
            throw new ValidationError([{ field: 'status', message: 'Choose the new status' }])
          const decision = text(body, 'decision')
          const applied = applyRecallStep(recallProcess(breach), {
            status: status as RecallStatus,
            on,
            recommendation: status === 'recommended' ? (decision as 'recall' | 'no_recall') : undefined,
            recallType: status === 'recall_decided' ? (decision as RecallType) : undefined,
            note: notes ?? undefined,
          })
          if (!applied.ok) throw new ValidationError(applied.errors.map(message => ({ field: 'status', message })))
        } else {
          const orders = await q.currentOrders(trx, p.id)
          const process = breachProcess(breach, orders)
          let courtDate: LocalDate | undefined
          if (status === 'court_date_set') {
            if (!/^\d{4}-\d{2}-\d{2}$/.test(courtDateText))
              throw new ValidationError([{ field: 'courtDate', message: 'Enter the court date, like 2027-03-01' }])
            courtDate = LocalDate.parse(courtDateText)
          }
          if (!(BREACH_STATUSES as readonly string[]).includes(status))
            throw new ValidationError([{ field: 'status', message: 'Choose the new status' }])
          const applied = applyBreachStep(process, {
            status: status as BreachStatus,
            on,
            courtDate,
            outcome: status === 'outcome_recorded' ? courtOutcome(text(body, 'decision')) : undefined,
            note: notes ?? undefined,
          })
          if (!applied.ok) throw new ValidationError(applied.errors.map(message => ({ field: 'status', message })))
        }
        const closes = status === 'closed'
        const ok = await q.updateBreach(trx, breach.id, version, {
          status,
          court_date: status === 'court_date_set' ? courtDateText : breach.court_date,
          decision:
            status === 'outcome_recorded' || breach.kind === 'recall'
              ? text(body, 'decision') || breach.decision
              : breach.decision,
          decision_date: ['outcome_recorded', 'recalled', 'not_recalled', 'no_recall_decided'].includes(status)
            ? on.toString()
            : breach.decision_date,
          closed_at: closes ? now() : null,
        })
        if (!ok) throw new ConflictError()
        await q.insertBreachStatus(trx, {
          person_id: p.id,
          breach_id: breach.id,
          status,
          status_date: on.toString(),
          notes,
          changed_by: ctx.user?.id ?? null,
        })
        if (status === 'court_date_set') {
          const hearing = (await q.listActions(trx, p.id)).find(
            a => a.breach_id === breach.id && a.action_type === 'court_hearing' && a.status === 'open',
          )
          if (hearing)
            await trx
              .updateTable('enforcement_actions')
              .set({ due_date: courtDateText })
              .where('id', '=', hearing.id)
              .execute()
        }
        await audit(trx, ctx, { action: 'BREACH_STATUS', personId: p.id, subject: p.crn, detail: { breachId, status } })
        await publish(trx, `${breach.kind}.status-changed`, p.id, { crn: p.crn, breachId, status })
        return { crn: p.crn }
      })
    },

    /** A stored letter's bytes, for download. Audited. */
    async document(ctx: RequestContext, crn: string, documentId: number) {
      return db.transaction().execute(async trx => {
        const { p } = await person(trx, ctx, crn, 'read')
        const d = await q.findDocument(trx, p.id, documentId)
        if (!d) throw new NotFoundError('There is no such document')
        await audit(trx, ctx, {
          action: 'DOCUMENT_VIEW',
          personId: p.id,
          subject: p.crn,
          detail: { documentId, kind: d.kind },
        })
        return d
      })
    },

    /** Appointments for the API (newest first). Audited. */
    async listAppointments(ctx: RequestContext, crn: string) {
      return db.transaction().execute(async trx => {
        const { p } = await person(trx, ctx, crn, 'read')
        const rows = await q.listAppointments(trx, p.id)
        await view(trx, ctx, p, 'api:appointments')
        return rows
      })
    },

    /** Enforcement actions for the API. Audited. */
    async listActions(ctx: RequestContext, crn: string) {
      return db.transaction().execute(async trx => {
        const { p } = await person(trx, ctx, crn, 'read')
        const rows = await q.listActions(trx, p.id)
        await view(trx, ctx, p, 'api:enforcement-actions')
        return rows
      })
    },

    /**
     * Open enforcement actions and open breaches/recalls of a team's cases, for the senior's team view: filtered
     * through the access policy (limited-access cases are left out) and audited per person shown.
     */
    async teamEnforcement(ctx: RequestContext, teamId: number) {
      return db.transaction().execute(async trx => {
        const { actions, breaches } = await q.openEnforcementForTeam(trx, teamId)
        const facts = await loadPeopleAccess(trx, [...actions.map(a => a.person_id), ...breaches.map(b => b.person_id)])
        const visible = (id: number) => canReadPerson(ctx.user, facts.get(id)!).allowed
        const result = {
          actions: actions.filter(a => visible(a.person_id)),
          breaches: breaches.filter(b => visible(b.person_id)),
        }
        for (const id of new Set([...result.actions.map(a => a.person_id), ...result.breaches.map(b => b.person_id)])) {
          await audit(trx, ctx, {
            action: SUPERVISION_VIEW,
            personId: id,
            detail: { page: 'team-enforcement', teamId },
          })
        }
        return result
      })
    },
  }
}

export type SupervisionService = ReturnType<typeof createSupervisionService>

function activityFilter(f: ActivityQuery): q.ActivityFilter {
  return {
    types: f.category ? CONTACT_TYPES.filter(t => t.category === f.category).map(t => t.code) : undefined,
    outcome: f.outcome || undefined,
    nationalStandard: f.nationalStandard ? f.nationalStandard === 'yes' : undefined,
    systemGenerated: f.system ? f.system === 'yes' : undefined,
    from: f.from ? londonInstant(f.from, 0, 0) : undefined,
    to: f.to ? londonInstant(f.to.plusDays(1), 0, 0) : undefined,
    text: f.q || undefined,
  }
}

/** The court's decision as the breach process records it (the form offers the kinds of BREACH_OUTCOMES_BY_ORDER). */
function courtOutcome(kind: string): BreachOutcome {
  switch (kind) {
    case 'order_continued':
      return { kind, with: 'added_requirements' }
    case 'committed_to_custody':
      return { kind, days: 14 }
    case 'supervision_default_order':
      return { kind, requirement: 'unpaid_work' }
    default:
      return { kind: kind as 'not_proven' }
  }
}

function breachProcess(b: q.BreachRow, orders: q.CurrentOrder[]): BreachProcess {
  const order = orders.find(o => o.event_id === b.event_id)
  const orderType = orderTypeOf(order?.sentence_type ?? 'community_order')
  return {
    orderType: orderType === 'licence' ? 'post_sentence_supervision' : orderType,
    steps: b.history.map(h => ({
      status: h.status as BreachStatus,
      on: LocalDate.parse(h.status_date),
      courtDate: h.status === 'court_date_set' && b.court_date ? LocalDate.parse(b.court_date) : undefined,
    })),
  }
}

function nextBreachStepOf(b: q.BreachRow, orders: q.CurrentOrder[]) {
  try {
    return nextBreachStep(breachProcess(b, orders))
  } catch {
    return null
  }
}

function recallProcess(b: q.BreachRow): RecallProcess {
  return { steps: b.history.map(h => ({ status: h.status as RecallStatus, on: LocalDate.parse(h.status_date) })) }
}

function nextRecallStepOf(b: q.BreachRow) {
  try {
    return nextRecallStep(recallProcess(b))
  } catch {
    return null
  }
}
