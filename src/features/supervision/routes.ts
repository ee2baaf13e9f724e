import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { hasPermission } from '../../access/policy.ts'
import {
  BREACH_OUTCOMES_BY_ORDER,
  BREACH_TRANSITIONS,
  type BreachStatus,
} from '../../domain/enforcement/breach-process.ts'
import { ValidationError, type FieldError } from '../../errors.ts'
import { ctxOf } from '../../web/request-context.ts'
import { dateParts, formSchema, partsOf, text, type FormBody } from './forms.ts'
import {
  activityView,
  appointmentView,
  arrangeFormView,
  contactView,
  enforcementView,
  layoutPerson,
  outcomeFormView,
} from './presenters.ts'
import {
  APPOINTMENT_TYPES,
  CONTACT_CATEGORIES,
  DURATIONS,
  OTHER_CONTACT_TYPES,
  TYPE_ALIASES,
} from './reference-data.ts'
import type { SupervisionService } from './service.ts'
import { londonDate, londonTime } from './time.ts'
import { supervisionPaths } from '../../web/paths.ts'

/**
 * Supervision pages under `/people/:crn/…`: appointments (arrange, reschedule, outcome), the activity log, other
 * contacts, enforcement (actions, breaches and recalls, compliance) and stored letters. Reading needs `person:read`,
 * changing `person:update`; the service then applies the person-level policy.
 */

const CRN = { type: 'string', pattern: '^[A-Za-z][0-9]{6}$' } as const
const ID = { type: 'string', pattern: '^[0-9]{1,15}$' } as const
const crnParams = { type: 'object', required: ['crn'], properties: { crn: CRN } } as const
const idParams = { type: 'object', required: ['crn', 'id'], properties: { crn: CRN, id: ID } } as const
const anyQuery = {
  type: 'object',
  maxProperties: 30,
  additionalProperties: { type: 'string', maxLength: 200 },
} as const

const READ = { access: 'person:read' } as const
const UPDATE = { access: 'person:update' } as const

const crnOf = (request: FastifyRequest) => (request.params as { crn: string }).crn.toUpperCase()
const idOf = (request: FastifyRequest) => Number((request.params as { id: string }).id)

const DONE: Record<string, string> = {
  arranged: 'Appointments arranged. The appointment letter is ready to print.',
  rescheduled: 'Appointment moved. The original is kept in the history and a new letter is ready to print.',
  outcome: 'Outcome recorded',
  contact: 'Contact recorded',
  action: 'Action marked as done',
  breach: 'Breach or recall updated',
}

/** Runs a change; bad input re-renders the form with status 400 and every error, having changed nothing. */
async function attempt<T>(
  reply: FastifyReply,
  change: () => Promise<T>,
  rerender: (errors: FieldError[]) => Promise<unknown>,
  redirectTo: (result: T) => string,
) {
  let result: T
  try {
    result = await change()
  } catch (error) {
    if (error instanceof ValidationError) {
      reply.status(400)
      return rerender(error.errors)
    }
    throw error
  }
  return reply.redirect(redirectTo(result), 303)
}

export const supervisionRoutes: FastifyPluginAsync<{ supervision: SupervisionService }> = async (
  app,
  { supervision },
) => {
  const common = (request: FastifyRequest, section: string) => ({
    section,
    canAudit: hasPermission(request.user, 'person:audit'),
    paths: supervisionPaths,
    done: DONE[(request.query as { done?: string } | undefined)?.done ?? ''],
  })

  // ── Appointments ──────────────────────────────────────────────────────────────────────────────────────────
  app.get(
    '/people/:crn/appointments',
    { config: READ, schema: { params: crnParams, querystring: anyQuery } },
    async (request, reply) => {
      const page = await supervision.appointmentsPage(ctxOf(request), crnOf(request))
      return reply.render('supervision/views/appointments.njk', {
        pageTitle: `Appointments – ${page.person.forename} ${page.person.surname}`,
        ...common(request, 'appointments'),
        person: layoutPerson(page.person),
        canUpdate: page.canUpdate,
        booking: page.booking,
        upcoming: page.upcoming.map(appointmentView),
        needingOutcome: page.needingOutcome.map(appointmentView),
        past: page.past.map(appointmentView),
      })
    },
  )

  const arrangeForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values?: FormBody,
    errors?: FieldError[],
  ) => {
    const page = await supervision.arrangeFormPage(ctxOf(request), crnOf(request))
    const query = request.query as { type?: string; date?: string }
    const preset: FormBody = {}
    if (!values) {
      const type =
        TYPE_ALIASES[query.type ?? ''] ?? (APPOINTMENT_TYPES.some(t => t.code === query.type) ? query.type : undefined)
      if (type) preset.type = type
      if (query.date && /^\d{4}-\d{2}-\d{2}$/.test(query.date)) {
        try {
          const parts = partsOf(query.date)
          Object.assign(preset, { 'date-day': parts.day, 'date-month': parts.month, 'date-year': parts.year })
        } catch {
          // an impossible date in the link is ignored: the form asks for one
        }
      }
      preset.staffId = String(page.userStaffId ?? page.managingStaffId ?? '')
      preset.duration = '60'
      preset.repeat = 'none'
      preset.link = page.orders[0] ? `event:${page.orders[0].event_id}` : ''
    }
    const v = values ?? preset
    return reply.render('supervision/views/arrange.njk', {
      pageTitle: 'Arrange an appointment',
      ...common(request, 'appointments'),
      person: layoutPerson(page.person),
      booking: page.booking,
      ...arrangeFormView(page, v),
      date: dateParts(v, 'date'),
      until: dateParts(v, 'until'),
      durations: DURATIONS,
      errors,
    })
  }
  app.get(
    '/people/:crn/appointments/new',
    { config: UPDATE, schema: { params: crnParams, querystring: anyQuery } },
    (request, reply) => arrangeForm(request, reply),
  )
  app.post(
    '/people/:crn/appointments',
    { config: UPDATE, schema: { params: crnParams, body: formSchema } },
    async (request, reply) => {
      const body = request.body as FormBody
      return attempt(
        reply,
        () => supervision.arrangeAppointments(ctxOf(request), crnOf(request), body),
        errors => arrangeForm(request, reply, body, errors),
        r => `${supervisionPaths.appointments(r.crn)}?done=arranged`,
      )
    },
  )

  // One appointment, with the outcome form on the same page: recording an outcome is one submission.
  const contactPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values?: FormBody,
    errors?: FieldError[],
  ) => {
    const page = await supervision.contactPage(ctxOf(request), crnOf(request), idOf(request))
    const c = contactView(page)
    return reply.render('supervision/views/appointment.njk', {
      pageTitle: `${c.typeText} on ${c.dateText}`,
      ...common(request, page.contact.is_appointment ? 'appointments' : 'activity'),
      person: layoutPerson(page.person),
      canUpdate: page.canUpdate,
      c,
      form: outcomeFormView(page, values),
      errors,
    })
  }
  app.get(
    '/people/:crn/appointments/:id',
    { config: READ, schema: { params: idParams, querystring: anyQuery } },
    (request, reply) => contactPage(request, reply),
  )
  app.post(
    '/people/:crn/appointments/:id/outcome',
    { config: UPDATE, schema: { params: idParams, body: formSchema } },
    async (request, reply) => {
      const body = request.body as FormBody
      return attempt(
        reply,
        () => supervision.recordOutcome(ctxOf(request), crnOf(request), idOf(request), body),
        errors => contactPage(request, reply, body, errors),
        r => `${supervisionPaths.appointment(r.crn, r.contactId)}?done=outcome`,
      )
    },
  )

  const rescheduleForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values?: FormBody,
    errors?: FieldError[],
  ) => {
    const page = await supervision.rescheduleFormPage(ctxOf(request), crnOf(request), idOf(request))
    const c = page.contact
    const minutes = c.ends_at ? Math.round((c.ends_at.getTime() - c.starts_at.getTime()) / 60000) : 60
    const v: FormBody = values ?? {
      time: londonTime(c.starts_at),
      duration: String(DURATIONS.some(d => d.minutes === minutes) ? minutes : 60),
      staffId: String(c.staff_id ?? ''),
      location: c.location ?? '',
      version: String(c.version),
    }
    return reply.render('supervision/views/reschedule.njk', {
      pageTitle: `Move the appointment`,
      ...common(request, 'appointments'),
      person: layoutPerson(page.person),
      c: appointmentView(c),
      values: v,
      date: values ? dateParts(values, 'date') : partsOf(londonDate(c.starts_at)),
      staff: page.staff.map(s => ({
        value: String(s.id),
        text: `${s.forename} ${s.surname}`,
        selected: String(s.id) === text(v, 'staffId'),
      })),
      durations: DURATIONS.map(d => ({
        value: String(d.minutes),
        text: d.text,
        selected: String(d.minutes) === text(v, 'duration'),
      })),
      errors,
    })
  }
  app.get(
    '/people/:crn/appointments/:id/reschedule',
    { config: UPDATE, schema: { params: idParams } },
    (request, reply) => rescheduleForm(request, reply),
  )
  app.post(
    '/people/:crn/appointments/:id/reschedule',
    { config: UPDATE, schema: { params: idParams, body: formSchema } },
    async (request, reply) => {
      const body = request.body as FormBody
      return attempt(
        reply,
        () => supervision.reschedule(ctxOf(request), crnOf(request), idOf(request), body),
        errors => rescheduleForm(request, reply, body, errors),
        r => `${supervisionPaths.appointment(r.crn, r.newId)}?done=rescheduled`,
      )
    },
  )

  // ── Activity log and other contacts ───────────────────────────────────────────────────────────────────────
  app.get(
    '/people/:crn/activity',
    { config: READ, schema: { params: crnParams, querystring: anyQuery } },
    async (request, reply) => {
      const page = await supervision.activityPage(ctxOf(request), crnOf(request), request.query as FormBody)
      if (page.errors.length) reply.status(400)
      return reply.render('supervision/views/activity.njk', {
        pageTitle: `Activity log – ${page.person.forename} ${page.person.surname}`,
        ...common(request, 'activity'),
        person: layoutPerson(page.person),
        ...activityView(page, request.query as FormBody),
        categories: CONTACT_CATEGORIES,
        errors: page.errors.length ? page.errors : undefined,
      })
    },
  )

  const contactForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values?: FormBody,
    errors?: FieldError[],
  ) => {
    const page = await supervision.contactFormPage(ctxOf(request), crnOf(request))
    const v = values ?? {}
    return reply.render('supervision/views/contact-form.njk', {
      pageTitle: `Record a contact`,
      ...common(request, 'activity'),
      person: layoutPerson(page.person),
      values: v,
      date: values ? dateParts(values, 'date') : partsOf(supervision.today().toString()),
      types: OTHER_CONTACT_TYPES.map(t => ({
        value: t.code,
        text: t.text + (t.nationalStandard ? ' (NS)' : ''),
        checked: t.code === text(v, 'type'),
      })),
      errors,
    })
  }
  app.get('/people/:crn/activity/new', { config: UPDATE, schema: { params: crnParams } }, (request, reply) =>
    contactForm(request, reply),
  )
  app.post(
    '/people/:crn/activity',
    { config: UPDATE, schema: { params: crnParams, body: formSchema } },
    async (request, reply) => {
      const body = request.body as FormBody
      return attempt(
        reply,
        () => supervision.recordContact(ctxOf(request), crnOf(request), body),
        errors => contactForm(request, reply, body, errors),
        r => `${supervisionPaths.activity(r.crn)}?done=contact`,
      )
    },
  )

  // ── Enforcement ───────────────────────────────────────────────────────────────────────────────────────────
  const enforcementPage = async (request: FastifyRequest, reply: FastifyReply, errors?: FieldError[]) => {
    const page = await supervision.enforcementPage(ctxOf(request), crnOf(request))
    return reply.render('supervision/views/enforcement.njk', {
      pageTitle: `Enforcement – ${page.person.forename} ${page.person.surname}`,
      ...common(request, 'enforcement'),
      person: layoutPerson(page.person),
      canUpdate: page.canUpdate,
      ...enforcementView(page, BREACH_TRANSITIONS as Record<BreachStatus, readonly string[]>, BREACH_OUTCOMES_BY_ORDER),
      errors,
    })
  }
  app.get(
    '/people/:crn/enforcement',
    { config: READ, schema: { params: crnParams, querystring: anyQuery } },
    (request, reply) => enforcementPage(request, reply),
  )
  app.post(
    '/people/:crn/enforcement/actions/:id/done',
    { config: UPDATE, schema: { params: idParams, body: formSchema } },
    async (request, reply) => {
      const body = request.body as FormBody
      return attempt(
        reply,
        () => supervision.completeAction(ctxOf(request), crnOf(request), idOf(request), body),
        errors => enforcementPage(request, reply, errors),
        r => `${supervisionPaths.enforcement(r.crn)}?done=action`,
      )
    },
  )
  app.post(
    '/people/:crn/enforcement/breaches/:id',
    { config: UPDATE, schema: { params: idParams, body: formSchema } },
    async (request, reply) => {
      const body = request.body as FormBody
      return attempt(
        reply,
        () => supervision.updateBreach(ctxOf(request), crnOf(request), idOf(request), body),
        errors => enforcementPage(request, reply, errors),
        r => `${supervisionPaths.enforcement(r.crn)}?done=breach`,
      )
    },
  )

  // ── Stored letters ────────────────────────────────────────────────────────────────────────────────────────
  app.get('/people/:crn/documents/:id', { config: READ, schema: { params: idParams } }, async (request, reply) => {
    const d = await supervision.document(ctxOf(request), crnOf(request), idOf(request))
    return reply
      .header('content-type', d.content_type)
      .header('content-disposition', `inline; filename="${d.filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
      .send(Buffer.from(d.bytes))
  })
}
