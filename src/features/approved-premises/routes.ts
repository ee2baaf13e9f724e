import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { DateTimeException, LocalDate } from '@js-joda/core'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import type { RequestContext } from '../../access/audit.ts'
import { NotFoundError, type FieldError } from '../../errors.ts'
import { formBody, submitForm, type FormBody } from '../../web/forms.ts'
import { approvedPremisesPaths as paths } from '../../web/paths.ts'
import { ctxOf } from '../../web/request-context.ts'
import { Id, textQuery } from '../../web/schemas.ts'
import {
  parseBookingForm,
  parseCancelBookingForm,
  parseChangeBookingForm,
  parseEndOutOfServiceForm,
  parseOutOfServiceForm,
} from './forms.ts'
import {
  bedPlanView,
  bookingView,
  endOutOfServiceView,
  newBookingView,
  outOfServiceView,
  premisesListView,
  premisesView,
} from './presenters.ts'
import type { ApprovedPremisesService } from './service.ts'
import { applicationRoutes } from './application-routes.ts'
import { residentsView } from './stay-presenters.ts'
import { stayRoutes } from './stay-routes.ts'

/**
 * Approved premises pages (issue 16 items 1 and 3): the premises list, a premises with its beds and bookings, the
 * 12-week bed plan, taking a bed out of service, booking a bed for a person, and changing or cancelling a booking.
 * Seeing needs `premises:read`, changing `premises:manage`; the service keeps each user to their provider's premises
 * and opens a booked person's record with `withPerson`. Each form answers through `submitForm`.
 */

type Options = { approvedPremises: ApprovedPremisesService }
type App = Parameters<FastifyPluginAsyncTypebox<Options>>[0]
type Service = ApprovedPremisesService

const READ = { access: 'premises:read' } as const
const MANAGE = { access: 'premises:manage' } as const
const Form = formBody(5_000)
const PremisesParams = Type.Object({ id: Id })
const BedParams = Type.Object({ id: Id, bedId: Id })
const BookingParams = Type.Object({ id: Id, bookingId: Id })

const DONE: Record<string, string> = {
  booked: 'Bed booked',
  changed: 'Booking changed',
  cancelled: 'Booking cancelled',
  'out-of-service': 'Bed marked out of service',
  'back-in-service': 'Bed back in service',
}
const doneText = (done: string | undefined) => (done ? DONE[done] : undefined)

/** A `YYYY-MM-DD` from the query, or undefined (today) when absent or not a real date. */
function dayOf(value: string | undefined): LocalDate | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined
  try {
    return LocalDate.parse(value)
  } catch (e) {
    if (!(e instanceof DateTimeException)) throw e
    return undefined
  }
}

export const approvedPremisesRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { approvedPremises: ap }) => {
  app.get('/approved-premises', { config: READ }, async (request, reply) =>
    reply.render('approved-premises/views/premises-list.njk', {
      pageTitle: 'Approved premises',
      ...premisesListView(await ap.list(ctxOf(request))),
    }),
  )
  app.get(
    '/approved-premises/:id',
    { config: READ, schema: { params: PremisesParams, querystring: textQuery(['done'], 40) } },
    async (request, reply) => {
      const view = premisesView(await ap.premises(ctxOf(request), Number(request.params.id)))
      const residents = residentsView(view.premises.id, await ap.residents(ctxOf(request), view.premises.id))
      return reply.render('approved-premises/views/premises.njk', {
        pageTitle: view.premises.name,
        done: doneText(request.query.done),
        ...view,
        residents,
      })
    },
  )
  app.get(
    '/approved-premises/:id/bed-plan',
    { config: READ, schema: { params: PremisesParams, querystring: textQuery(['from'], 10) } },
    async (request, reply) => {
      const plan = await ap.bedPlan(ctxOf(request), Number(request.params.id), dayOf(request.query.from))
      const view = bedPlanView(plan)
      return reply.render('approved-premises/views/bed-plan.njk', {
        pageTitle: `Bed plan – ${view.premises.name}`,
        ...view,
      })
    },
  )
  applicationRoutes(app, ap)
  outOfServiceRoutes(app, ap)
  endOutOfServiceRoutes(app, ap)
  newBookingRoutes(app, ap)
  bookingRoutes(app, ap)
  stayRoutes(app, ap)
}

async function renderOutOfService(
  reply: FastifyReply,
  ap: Service,
  ctx: RequestContext,
  premisesId: number,
  bedId: number,
  sentBack?: { errors: FieldError[]; body: FormBody },
) {
  const page = await ap.newBooking(ctx, premisesId)
  if (!page.beds.some(b => b.id === bedId)) throw new NotFoundError('There is no such bed in these premises')
  const view = outOfServiceView(page, bedId, sentBack?.body)
  return reply.render('approved-premises/views/out-of-service.njk', {
    pageTitle: `Mark bed ${view.bed} out of service`,
    errors: sentBack?.errors,
    ...view,
  })
}

function outOfServiceRoutes(app: App, ap: Service) {
  app.get(
    '/approved-premises/:id/beds/:bedId/out-of-service/new',
    { config: MANAGE, schema: { params: BedParams } },
    async (request, reply) =>
      renderOutOfService(reply, ap, ctxOf(request), Number(request.params.id), Number(request.params.bedId)),
  )
  app.post(
    '/approved-premises/:id/beds/:bedId/out-of-service',
    { config: MANAGE, schema: { params: BedParams, body: Form } },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const [id, bedId] = [Number(request.params.id), Number(request.params.bedId)]
      const body = request.body
      return submitForm(reply, () => ap.addOutOfService(ctx, id, bedId, parseOutOfServiceForm(body)), {
        rerender: errors => renderOutOfService(reply, ap, ctx, id, bedId, { errors, body }),
        redirect: () => `${paths.premises(id)}?done=out-of-service`,
      })
    },
  )
}

const OutOfServiceParams = Type.Object({ id: Id, outOfServiceId: Id })

async function renderEndOutOfService(
  reply: FastifyReply,
  ap: Service,
  ctx: RequestContext,
  premisesId: number,
  outOfServiceId: number,
  sentBack?: { errors: FieldError[]; body: FormBody },
) {
  const view = endOutOfServiceView(await ap.outOfService(ctx, premisesId, outOfServiceId), sentBack?.body)
  return reply.render('approved-premises/views/end-out-of-service.njk', {
    pageTitle: `Bring bed ${view.bed} back into service`,
    errors: sentBack?.errors,
    ...view,
  })
}

/** Bringing a bed back into service before its out-of-service period ends: the period kept, its end appended. */
function endOutOfServiceRoutes(app: App, ap: Service) {
  app.get(
    '/approved-premises/:id/out-of-service/:outOfServiceId/end',
    { config: MANAGE, schema: { params: OutOfServiceParams } },
    async (request, reply) =>
      renderEndOutOfService(
        reply,
        ap,
        ctxOf(request),
        Number(request.params.id),
        Number(request.params.outOfServiceId),
      ),
  )
  app.post(
    '/approved-premises/:id/out-of-service/:outOfServiceId/end',
    { config: MANAGE, schema: { params: OutOfServiceParams, body: Form } },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const [id, outOfServiceId] = [Number(request.params.id), Number(request.params.outOfServiceId)]
      const body = request.body
      return submitForm(reply, () => ap.endOutOfService(ctx, id, outOfServiceId, parseEndOutOfServiceForm(body)), {
        rerender: errors => renderEndOutOfService(reply, ap, ctx, id, outOfServiceId, { errors, body }),
        redirect: () => `${paths.premises(id)}?done=back-in-service`,
      })
    },
  )
}

async function renderNewBooking(
  reply: FastifyReply,
  ap: Service,
  ctx: RequestContext,
  premisesId: number,
  bedId: string | undefined,
  sentBack?: { errors: FieldError[]; body: FormBody },
) {
  const view = newBookingView(await ap.newBooking(ctx, premisesId), sentBack?.body, bedId)
  return reply.render('approved-premises/views/new-booking.njk', {
    pageTitle: `Book a bed – ${view.premises.name}`,
    errors: sentBack?.errors,
    ...view,
  })
}

function newBookingRoutes(app: App, ap: Service) {
  app.get(
    '/approved-premises/:id/bookings/new',
    { config: MANAGE, schema: { params: PremisesParams, querystring: textQuery(['bed'], 15) } },
    async (request, reply) => renderNewBooking(reply, ap, ctxOf(request), Number(request.params.id), request.query.bed),
  )
  app.post(
    '/approved-premises/:id/bookings',
    { config: MANAGE, schema: { params: PremisesParams, body: Form } },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const id = Number(request.params.id)
      const body = request.body
      return submitForm(reply, () => ap.makeBooking(ctx, id, parseBookingForm(body)), {
        rerender: errors => renderNewBooking(reply, ap, ctx, id, undefined, { errors, body }),
        redirect: r => `${paths.booking(id, r.bookingId)}?done=booked`,
      })
    },
  )
}

async function renderBooking(
  reply: FastifyReply,
  ap: Service,
  ctx: RequestContext,
  ids: { id: number; bookingId: number },
  done?: string,
  sentBack?: { errors: FieldError[]; body: FormBody },
) {
  const view = bookingView(await ap.booking(ctx, ids.id, ids.bookingId), sentBack?.body)
  return reply.render('approved-premises/views/booking.njk', {
    pageTitle: `Booking – ${view.person.name}`,
    errors: sentBack?.errors,
    done: doneText(done),
    ...view,
  })
}

const BOOKING_FORMS = [
  { path: 'change', done: 'changed', submit: 'changeBooking' },
  { path: 'cancel', done: 'cancelled', submit: 'cancelBooking' },
] as const

function bookingRoutes(app: App, ap: Service) {
  app.get(
    '/approved-premises/:id/bookings/:bookingId',
    { config: READ, schema: { params: BookingParams, querystring: textQuery(['done'], 40) } },
    async (request, reply) => {
      const ids = { id: Number(request.params.id), bookingId: Number(request.params.bookingId) }
      return renderBooking(reply, ap, ctxOf(request), ids, request.query.done)
    },
  )
  for (const f of BOOKING_FORMS) {
    app.post(
      `/approved-premises/:id/bookings/:bookingId/${f.path}`,
      { config: MANAGE, schema: { params: BookingParams, body: Form } },
      async (request, reply) => {
        const ctx = ctxOf(request)
        const ids = { id: Number(request.params.id), bookingId: Number(request.params.bookingId) }
        const body = request.body
        const change = () =>
          f.submit === 'changeBooking'
            ? ap.changeBooking(ctx, ids.id, ids.bookingId, parseChangeBookingForm(body))
            : ap.cancelBooking(ctx, ids.id, ids.bookingId, parseCancelBookingForm(body))
        return submitForm(reply, change, {
          rerender: errors => renderBooking(reply, ap, ctx, ids, undefined, { errors, body }),
          redirect: () => `${paths.booking(ids.id, ids.bookingId)}?done=${f.done}`,
        })
      },
    )
  }
}
