import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import type { RequestContext } from '../../access/audit.ts'
import type { FieldError } from '../../errors.ts'
import { formBody, submitForm, type FormBody, type Parsed } from '../../web/forms.ts'
import { approvedPremisesPaths as paths } from '../../web/paths.ts'
import { ctxOf } from '../../web/request-context.ts'
import { Id, textQuery } from '../../web/schemas.ts'
import type { ApprovedPremisesService } from './service.ts'
import {
  parseActivityForm,
  parseArrivalForm,
  parseCheckForm,
  parseDepartureForm,
  parseIncidentForm,
  parseKeyworkerForm,
  parseMoveOnForm,
  parseNonArrivalForm,
} from './stay-forms.ts'
import { stayView } from './stay-presenters.ts'

/**
 * A stay's pages (issue 16 item 4): the resident's page `/approved-premises/:id/residents/:bookingId` (premises:read)
 * and the forms it posts to under `/approved-premises/:id/bookings/:bookingId/…` (premises:manage): arrival,
 * non-arrival, departure, keyworker, a sign-in or curfew check, an incident, an activity and the move-on plan. Each
 * answers through `submitForm`: refused input comes back with the GOV.UK error summary and nothing saved.
 */

type Options = { approvedPremises: ApprovedPremisesService }
type App = Parameters<FastifyPluginAsyncTypebox<Options>>[0]
type Service = ApprovedPremisesService
type Ids = { premisesId: number; bookingId: number }

const READ = { access: 'premises:read' } as const
const MANAGE = { access: 'premises:manage' } as const
const Form = formBody(10_000)
const BookingParams = Type.Object({ id: Id, bookingId: Id })

const DONE: Record<string, string> = {
  arrival: 'Arrival recorded',
  'non-arrival': 'Non-arrival recorded: their case manager has an action due today',
  departure: 'Departure recorded: their address history is updated',
  keyworker: 'Keyworker chosen',
  checks: 'Check recorded',
  breach: 'Check recorded: a curfew breach, raised on their licence for the case manager',
  incidents: 'Incident recorded',
  activities: 'Activity recorded',
  'move-on-plan': 'Move-on plan saved',
}

async function renderStay(
  reply: FastifyReply,
  ap: Service,
  ctx: RequestContext,
  ids: Ids,
  done?: string,
  sentBack?: { errors: FieldError[]; body: FormBody },
) {
  const view = stayView(await ap.stay(ctx, ids.premisesId, ids.bookingId), sentBack?.body)
  return reply.render('approved-premises/views/stay.njk', {
    pageTitle: `${view.person.name} – ${view.premises.name}`,
    errors: sentBack?.errors,
    done: done ? DONE[done] : undefined,
    ...view,
  })
}

type Submit = (ap: Service, ctx: RequestContext, ids: Ids, body: FormBody) => Promise<{ breach?: string | null }>

const submit =
  <C>(
    parse: (body: FormBody) => Parsed<C>,
    use: (ap: Service) => (ctx: RequestContext, ids: Ids, c: Parsed<C>) => Promise<unknown>,
  ): Submit =>
  async (ap, ctx, ids, body) =>
    (await use(ap)(ctx, ids, parse(body))) as { breach?: string | null }

const FORMS: Record<string, Submit> = {
  arrival: submit(parseArrivalForm, ap => ap.recordArrival),
  'non-arrival': submit(parseNonArrivalForm, ap => ap.recordNonArrival),
  departure: submit(parseDepartureForm, ap => ap.recordDeparture),
  keyworker: submit(parseKeyworkerForm, ap => ap.assignKeyworker),
  checks: submit(parseCheckForm, ap => ap.recordCheck),
  incidents: submit(parseIncidentForm, ap => ap.recordIncident),
  activities: submit(parseActivityForm, ap => ap.recordActivity),
  'move-on-plan': submit(parseMoveOnForm, ap => ap.recordMoveOnPlan),
}

export function stayRoutes(app: App, ap: Service) {
  app.get(
    '/approved-premises/:id/residents/:bookingId',
    { config: READ, schema: { params: BookingParams, querystring: textQuery(['done'], 40) } },
    async (request, reply) => {
      const ids = { premisesId: Number(request.params.id), bookingId: Number(request.params.bookingId) }
      return renderStay(reply, ap, ctxOf(request), ids, request.query.done)
    },
  )
  for (const [what, run] of Object.entries(FORMS)) {
    app.post(
      `/approved-premises/:id/bookings/:bookingId/${what}`,
      { config: MANAGE, schema: { params: BookingParams, body: Form } },
      async (request, reply) => {
        const ctx = ctxOf(request)
        const ids = { premisesId: Number(request.params.id), bookingId: Number(request.params.bookingId) }
        const body = request.body
        return submitForm(reply, () => run(ap, ctx, ids, body), {
          rerender: errors => renderStay(reply, ap, ctx, ids, undefined, { errors, body }),
          redirect: r => `${paths.stay(ids.premisesId, ids.bookingId)}?done=${r.breach ? 'breach' : what}`,
        })
      },
    )
  }
}
