import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import type { RequestContext } from '../../access/audit.ts'
import { hasPermission } from '../../access/policy.ts'
import {
  BREACH_OUTCOMES_BY_ORDER,
  BREACH_TRANSITIONS,
  type BreachStatus,
} from '../../domain/enforcement/breach-process.ts'
import type { FieldError } from '../../errors.ts'
import { dateParts, formBody, partsOf, submitForm, text, type FormBody } from '../../web/forms.ts'
import { supervisionPaths } from '../../web/paths.ts'
import { ctxOf } from '../../web/request-context.ts'
import { CrnIdParams, CrnParams } from '../../web/schemas.ts'
import {
  parseActivityRequest,
  parseAppointmentForm,
  parseBreachForm,
  parseCompleteActionForm,
  parseContactForm,
  parseLetterSentForm,
  parseOutcomeForm,
  parseRescheduleForm,
} from './forms.ts'
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

/**
 * Supervision pages under `/people/:crn/…`: appointments (arrange, reschedule, outcome), the activity log, other
 * contacts, enforcement (actions, breaches and recalls, compliance) and stored letters. Reading needs `person:read`,
 * changing `person:update`; the service then applies the person-level policy. Forms are parsed into typed commands
 * (forms.ts) and answered through `submitForm`: a redirect on success, the form again with its errors on bad input.
 */

type Options = { supervision: SupervisionService }
type App = Parameters<FastifyPluginAsyncTypebox<Options>>[0]

/** A page's query string: short text values (filters, a `done` banner, links' presets). */
const AnyQuery = Type.Record(Type.String(), Type.String({ maxLength: 200 }), { maxProperties: 30 })
const Form = formBody(100_000)

const READ = { access: 'person:read' } as const
const UPDATE = { access: 'person:update' } as const

const DONE: Record<string, string> = {
  arranged: 'Appointments arranged. The appointment letter is ready to print.',
  rescheduled: 'Appointment moved. The original is kept in the history and a new letter is ready to print.',
  outcome: 'Outcome recorded',
  contact: 'Contact recorded',
  action: 'Action marked as done',
  'letter-sent': 'Date sent saved. Their 7 days to explain now run from that day.',
  breach: 'Breach or recall updated',
}

/** Who is asking about whom, and the banner of a change just made (`?done=`), for rendering a page. */
interface PageRequest {
  ctx: RequestContext
  crn: string
  canAudit: boolean
  done: string | undefined
}

function pageRequest(request: FastifyRequest, crn: string): PageRequest {
  const query: unknown = request.query
  const done =
    typeof query === 'object' && query !== null && 'done' in query && typeof query.done === 'string' ? query.done : ''
  return {
    ctx: ctxOf(request),
    crn: crn.toUpperCase(),
    canAudit: hasPermission(request.user, 'person:audit'),
    done: DONE[done],
  }
}

const common = (page: PageRequest, section: string) => ({
  section,
  canAudit: page.canAudit,
  paths: supervisionPaths,
  done: page.done,
})

export const supervisionRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { supervision }) => {
  appointmentsRoutes(app, supervision)
  arrangeRoutes(app, supervision)
  appointmentRoutes(app, supervision)
  rescheduleRoutes(app, supervision)
  activityRoutes(app, supervision)
  contactRoutes(app, supervision)
  enforcementRoutes(app, supervision)
  documentRoutes(app, supervision)
}

// ── Appointments ──────────────────────────────────────────────────────────────────────────────────────────

function appointmentsRoutes(app: App, supervision: SupervisionService) {
  app.get(
    '/people/:crn/appointments',
    {
      config: { ...READ, audit: { action: 'SUPERVISION_VIEW', page: 'appointments' } },
      schema: { params: CrnParams, querystring: AnyQuery },
    },
    async (request, reply) => {
      const req = pageRequest(request, request.params.crn)
      const page = await supervision.appointmentsPage(req.ctx, req.crn)
      return reply.render('supervision/views/appointments.njk', {
        pageTitle: `Appointments – ${page.person.forename} ${page.person.surname}`,
        ...common(req, 'appointments'),
        person: layoutPerson(page.person),
        canUpdate: page.canUpdate,
        booking: page.booking,
        upcoming: page.upcoming.map(appointmentView),
        needingOutcome: page.needingOutcome.map(appointmentView),
        past: page.past.map(appointmentView),
      })
    },
  )
}

/** The arrange form's first values: a type and date from the link, the user (or manager), an hour, no repeat. */
function arrangePreset(
  page: Awaited<ReturnType<SupervisionService['arrangeFormPage']>>,
  query: Record<string, string>,
): FormBody {
  const preset: FormBody = {}
  const type = TYPE_ALIASES[query.type ?? ''] ?? (APPOINTMENT_TYPES.some(t => t.code === query.type) ? query.type : '')
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
  return preset
}

function arrangeRoutes(app: App, supervision: SupervisionService) {
  const arrangeForm = async (
    req: PageRequest,
    reply: FastifyReply,
    form: { query?: Record<string, string>; values?: FormBody; errors?: FieldError[] },
  ) => {
    const page = await supervision.arrangeFormPage(req.ctx, req.crn)
    const v = form.values ?? arrangePreset(page, form.query ?? {})
    return reply.render('supervision/views/arrange.njk', {
      pageTitle: 'Arrange an appointment',
      ...common(req, 'appointments'),
      person: layoutPerson(page.person),
      booking: page.booking,
      ...arrangeFormView(page, v),
      date: dateParts(v, 'date'),
      until: dateParts(v, 'until'),
      durations: DURATIONS,
      errors: form.errors,
    })
  }
  app.get(
    '/people/:crn/appointments/new',
    {
      config: { ...UPDATE, audit: { writtenBy: 'service', action: 'SUPERVISION_VIEW' } },
      schema: { params: CrnParams, querystring: AnyQuery },
    },
    (request, reply) => arrangeForm(pageRequest(request, request.params.crn), reply, { query: request.query }),
  )
  app.post(
    '/people/:crn/appointments',
    { config: UPDATE, schema: { params: CrnParams, body: Form } },
    async (request, reply) => {
      const req = pageRequest(request, request.params.crn)
      const values = request.body
      return submitForm(reply, () => supervision.arrangeAppointments(req.ctx, req.crn, parseAppointmentForm(values)), {
        rerender: errors => arrangeForm(req, reply, { values, errors }),
        redirect: r => `${supervisionPaths.appointments(r.crn)}?done=arranged`,
      })
    },
  )
}

// One appointment, with the outcome form on the same page: recording an outcome is one submission.
function appointmentRoutes(app: App, supervision: SupervisionService) {
  const contactPage = async (
    req: PageRequest,
    id: number,
    reply: FastifyReply,
    values?: FormBody,
    errors?: FieldError[],
  ) => {
    const page = await supervision.contactPage(req.ctx, req.crn, id)
    const c = contactView(page)
    return reply.render('supervision/views/appointment.njk', {
      pageTitle: `${c.typeText} on ${c.dateText}`,
      ...common(req, page.contact.is_appointment ? 'appointments' : 'activity'),
      person: layoutPerson(page.person),
      canUpdate: page.canUpdate,
      c,
      form: outcomeFormView(page, values),
      errors,
    })
  }
  app.get(
    '/people/:crn/appointments/:id',
    {
      config: { ...READ, audit: { writtenBy: 'service', action: 'SUPERVISION_VIEW' } },
      schema: { params: CrnIdParams, querystring: AnyQuery },
    },
    (request, reply) => contactPage(pageRequest(request, request.params.crn), Number(request.params.id), reply),
  )
  app.post(
    '/people/:crn/appointments/:id/outcome',
    { config: UPDATE, schema: { params: CrnIdParams, body: Form } },
    async (request, reply) => {
      const req = pageRequest(request, request.params.crn)
      const id = Number(request.params.id)
      const values = request.body
      return submitForm(reply, () => supervision.recordOutcome(req.ctx, req.crn, id, parseOutcomeForm(values)), {
        rerender: errors => contactPage(req, id, reply, values, errors),
        redirect: r => `${supervisionPaths.appointment(r.crn, r.contactId)}?done=outcome`,
      })
    },
  )
}

function rescheduleRoutes(app: App, supervision: SupervisionService) {
  const rescheduleForm = async (
    req: PageRequest,
    id: number,
    reply: FastifyReply,
    values?: FormBody,
    errors?: FieldError[],
  ) => {
    const page = await supervision.rescheduleFormPage(req.ctx, req.crn, id)
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
      ...common(req, 'appointments'),
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
    {
      config: { ...UPDATE, audit: { writtenBy: 'service', action: 'SUPERVISION_VIEW' } },
      schema: { params: CrnIdParams },
    },
    (request, reply) => rescheduleForm(pageRequest(request, request.params.crn), Number(request.params.id), reply),
  )
  app.post(
    '/people/:crn/appointments/:id/reschedule',
    { config: UPDATE, schema: { params: CrnIdParams, body: Form } },
    async (request, reply) => {
      const req = pageRequest(request, request.params.crn)
      const id = Number(request.params.id)
      const values = request.body
      return submitForm(reply, () => supervision.reschedule(req.ctx, req.crn, id, parseRescheduleForm(values)), {
        rerender: errors => rescheduleForm(req, id, reply, values, errors),
        redirect: r => `${supervisionPaths.appointment(r.crn, r.newId)}?done=rescheduled`,
      })
    },
  )
}

// ── Activity log and other contacts ───────────────────────────────────────────────────────────────────────

function activityRoutes(app: App, supervision: SupervisionService) {
  app.get(
    '/people/:crn/activity',
    {
      config: { ...READ, audit: { writtenBy: 'service', action: 'SUPERVISION_VIEW' } },
      schema: { params: CrnParams, querystring: AnyQuery },
    },
    async (request, reply) => {
      const req = pageRequest(request, request.params.crn)
      const page = await supervision.activityPage(req.ctx, req.crn, parseActivityRequest(request.query))
      if (page.errors.length) reply.status(400)
      return reply.render('supervision/views/activity.njk', {
        pageTitle: `Activity log – ${page.person.forename} ${page.person.surname}`,
        ...common(req, 'activity'),
        person: layoutPerson(page.person),
        ...activityView(page, request.query),
        categories: CONTACT_CATEGORIES,
        errors: page.errors.length ? page.errors : undefined,
      })
    },
  )
}

function contactRoutes(app: App, supervision: SupervisionService) {
  const contactForm = async (req: PageRequest, reply: FastifyReply, values?: FormBody, errors?: FieldError[]) => {
    const page = await supervision.contactFormPage(req.ctx, req.crn)
    const v = values ?? {}
    return reply.render('supervision/views/contact-form.njk', {
      pageTitle: `Record a contact`,
      ...common(req, 'activity'),
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
  app.get(
    '/people/:crn/activity/new',
    {
      config: { ...UPDATE, audit: { writtenBy: 'service', action: 'SUPERVISION_VIEW' } },
      schema: { params: CrnParams },
    },
    (request, reply) => contactForm(pageRequest(request, request.params.crn), reply),
  )
  app.post(
    '/people/:crn/activity',
    { config: UPDATE, schema: { params: CrnParams, body: Form } },
    async (request, reply) => {
      const req = pageRequest(request, request.params.crn)
      const values = request.body
      const record = () => supervision.recordContact(req.ctx, req.crn, parseContactForm(values, supervision.today()))
      return submitForm(reply, record, {
        rerender: errors => contactForm(req, reply, values, errors),
        redirect: r => `${supervisionPaths.activity(r.crn)}?done=contact`,
      })
    },
  )
}

// ── Enforcement ───────────────────────────────────────────────────────────────────────────────────────────

function enforcementRoutes(app: App, supervision: SupervisionService) {
  const enforcementPage = async (
    req: PageRequest,
    reply: FastifyReply,
    errors?: FieldError[],
    sent?: { actionId: number; values: FormBody },
  ) => {
    const page = await supervision.enforcementPage(req.ctx, req.crn)
    return reply.render('supervision/views/enforcement.njk', {
      pageTitle: `Enforcement – ${page.person.forename} ${page.person.surname}`,
      ...common(req, 'enforcement'),
      person: layoutPerson(page.person),
      canUpdate: page.canUpdate,
      ...enforcementView(page, BREACH_TRANSITIONS as Record<BreachStatus, readonly string[]>, BREACH_OUTCOMES_BY_ORDER),
      sentTyped: sent ? { actionId: sent.actionId, parts: dateParts(sent.values, `sent-${sent.actionId}`) } : null,
      errors,
    })
  }
  app.get(
    '/people/:crn/enforcement',
    {
      config: { ...READ, audit: { writtenBy: 'service', action: 'SUPERVISION_VIEW' } },
      schema: { params: CrnParams, querystring: AnyQuery },
    },
    (request, reply) => enforcementPage(pageRequest(request, request.params.crn), reply),
  )
  app.post(
    '/people/:crn/enforcement/actions/:id/done',
    { config: UPDATE, schema: { params: CrnIdParams, body: Form } },
    async (request, reply) => {
      const req = pageRequest(request, request.params.crn)
      const command = parseCompleteActionForm(request.body)
      return submitForm(reply, () => supervision.completeAction(req.ctx, req.crn, Number(request.params.id), command), {
        rerender: errors => enforcementPage(req, reply, errors),
        redirect: r => `${supervisionPaths.enforcement(r.crn)}?done=action`,
      })
    },
  )
  app.post(
    '/people/:crn/enforcement/actions/:id/sent',
    { config: UPDATE, schema: { params: CrnIdParams, body: Form } },
    async (request, reply) => {
      const req = pageRequest(request, request.params.crn)
      const actionId = Number(request.params.id)
      const field = `sent-${actionId}`
      const command = parseLetterSentForm(request.body, field)
      return submitForm(reply, () => supervision.recordLetterSent(req.ctx, req.crn, actionId, command), {
        // The service names the date `sent-day`; on the page each letter's date input has its own id.
        rerender: errors =>
          enforcementPage(
            req,
            reply,
            errors.map(e => (e.field === 'sent-day' ? { ...e, field: `${field}-day` } : e)),
            { actionId, values: request.body },
          ),
        redirect: r => `${supervisionPaths.enforcement(r.crn)}?done=letter-sent`,
      })
    },
  )
  app.post(
    '/people/:crn/enforcement/breaches/:id',
    { config: UPDATE, schema: { params: CrnIdParams, body: Form } },
    async (request, reply) => {
      const req = pageRequest(request, request.params.crn)
      const command = parseBreachForm(request.body)
      return submitForm(reply, () => supervision.updateBreach(req.ctx, req.crn, Number(request.params.id), command), {
        rerender: errors => enforcementPage(req, reply, errors),
        redirect: r => `${supervisionPaths.enforcement(r.crn)}?done=breach`,
      })
    },
  )
}

// ── Stored letters ────────────────────────────────────────────────────────────────────────────────────────

function documentRoutes(app: App, supervision: SupervisionService) {
  app.get(
    '/people/:crn/documents/:id',
    { config: { ...READ, audit: { writtenBy: 'service', action: 'DOCUMENT_VIEW' } }, schema: { params: CrnIdParams } },
    async (request, reply) => {
      const d = await supervision.document(ctxOf(request), request.params.crn.toUpperCase(), Number(request.params.id))
      return reply
        .header('content-type', d.content_type)
        .header('content-disposition', `inline; filename="${d.filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
        .send(Buffer.from(d.bytes))
    },
  )
}
