import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { hasPermission } from '../../access/policy.ts'
import { RELEASE_TYPES } from '../../domain/custody/index.ts'
import type { FieldError } from '../../errors.ts'
import { datePartsFor, formBody, partsOf, submitForm, text, type FormBody } from '../../web/forms.ts'
import { ctxOf } from '../../web/request-context.ts'
import { CrnIdParams, CrnParams, textQuery } from '../../web/schemas.ts'
import { CUSTODY_VIEW } from './context.ts'
import {
  PAROLE_DECISIONS,
  PAROLE_KINDS,
  parseCustodyRecordForm,
  parseManagersForm,
  parseMoveForm,
  parseParoleHearingForm,
  parseReleaseForm,
} from './forms.ts'
import { custodyPaths } from './paths.ts'
import type { CustodyService } from './service.ts'

/**
 * The custody page and its forms, under `/people/:crn/custody`, and the release (`/people/:crn/release`). Reading
 * needs `person:read`, changing `person:update`; the service applies the person-level policy. Each form has its own
 * page, re-rendered with the GOV.UK error summary (status 400, nothing saved) on bad input.
 */

type Options = { custody: CustodyService }
type App = Parameters<FastifyPluginAsyncTypebox<Options>>[0]

const FORM = formBody(4000)
const DoneQuery = textQuery(['done'], 40)
const SentenceQuery = textQuery(['sentence'], 20)
const READ = { access: 'person:read' } as const
const UPDATE = { access: 'person:update' } as const
const viewing = (page: string) => ({ action: CUSTODY_VIEW, page })

const DONE: Record<string, string> = {
  record: 'Custody record created',
  move: 'Move recorded',
  managers: 'Offender managers and handover date saved',
  parole: 'Parole hearing recorded',
  released: 'Release recorded',
}

const layout = (request: FastifyRequest) => ({
  section: 'custody',
  canAudit: hasPermission(request.user, 'person:audit'),
  paths: custodyPaths,
})

const dateFields = (body: FormBody | undefined, names: string[], stored: Record<string, string | null> = {}) =>
  Object.fromEntries(names.map(n => [n, body ? datePartsFor(body, n) : partsOf(stored[n] ?? null)]))

export const custodyRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { custody }) => {
  app.get(
    '/people/:crn/custody',
    { config: { ...READ, audit: viewing('custody') }, schema: { params: CrnParams, querystring: DoneQuery } },
    async (request, reply) => {
      const page = await custody.page(ctxOf(request), request.params.crn.toUpperCase())
      return reply.render('custody/views/custody.njk', {
        pageTitle: `Custody – ${page.person.name}`,
        ...page,
        releaseTypes: RELEASE_TYPES,
        done: DONE[request.query.done ?? ''],
        ...layout(request),
      })
    },
  )
  recordForm(app, custody)
  for (const f of RECORD_PART_FORMS) recordPartForm(app, custody, f)
  releaseForm(app, custody)
}

function recordForm(app: App, custody: CustodyService) {
  const form = async (
    request: FastifyRequest,
    reply: FastifyReply,
    crn: string,
    body?: FormBody,
    errors?: FieldError[],
    chosenSentence = '',
  ) => {
    const page = await custody.formPage(ctxOf(request), crn)
    return reply.render('custody/views/record-form.njk', {
      pageTitle: `Create the custody record – ${page.person.name}`,
      ...page,
      values: body ?? { sentenceId: chosenSentence },
      dates: dateFields(body, ['receptionDate']),
      errors,
      ...layout(request),
    })
  }
  app.get(
    '/people/:crn/custody/new',
    {
      config: { ...UPDATE, audit: viewing('custody-record-form') },
      schema: { params: CrnParams, querystring: SentenceQuery },
    },
    (request, reply) =>
      form(request, reply, request.params.crn.toUpperCase(), undefined, undefined, request.query.sentence),
  )
  app.post('/people/:crn/custody', { config: UPDATE, schema: { params: CrnParams, body: FORM } }, (request, reply) => {
    const crn = request.params.crn.toUpperCase()
    return submitForm(reply, () => custody.createRecord(ctxOf(request), crn, parseCustodyRecordForm(request.body)), {
      rerender: errors => form(request, reply, crn, request.body, errors),
      redirect: () => `${custodyPaths.page(crn)}?done=record`,
    })
  })
}

type RecordPage = Awaited<ReturnType<CustodyService['formPage']>>
type CustodyRecord = NonNullable<RecordPage['record']>

/** A form about one custody record: its page (GET `page`) and its submission (POST `post`), back to the custody page. */
interface RecordPartForm {
  page: string
  post: string
  view: string
  title: string
  auditPage: string
  done: keyof typeof DONE
  action: (crn: string, id: number) => string
  /** The form's values and date fields before anything is typed: from the record. */
  values: (r: CustodyRecord) => Record<string, string>
  dates: string[]
  storedDates: (r: CustodyRecord) => Record<string, string | null>
  submit: (
    custody: CustodyService,
    request: FastifyRequest,
    crn: string,
    id: number,
    body: FormBody,
  ) => Promise<unknown>
}

const RECORD_PART_FORMS: readonly RecordPartForm[] = [
  {
    page: '/people/:crn/custody/:id/move',
    post: '/people/:crn/custody/:id/moves',
    view: 'custody/views/move-form.njk',
    title: 'Record a move between prisons',
    auditPage: 'custody-move-form',
    done: 'move',
    action: custodyPaths.moves,
    values: () => ({}),
    dates: ['movedOn'],
    storedDates: () => ({}),
    submit: (custody, request, crn, id, body) => custody.recordMove(ctxOf(request), crn, id, parseMoveForm(body)),
  },
  {
    page: '/people/:crn/custody/:id/managers',
    post: '/people/:crn/custody/:id/managers',
    view: 'custody/views/managers-form.njk',
    title: 'Offender managers and handover',
    auditPage: 'custody-managers-form',
    done: 'managers',
    action: custodyPaths.managers,
    values: r => ({
      prisonOffenderManager: r.prison_offender_manager ?? '',
      communityManagerStaffId: r.community_manager_staff_id ? String(r.community_manager_staff_id) : '',
    }),
    dates: ['handoverDate'],
    storedDates: r => ({ handoverDate: r.handover_date }),
    submit: (custody, request, crn, id, body) => custody.setManagers(ctxOf(request), crn, id, parseManagersForm(body)),
  },
  {
    page: '/people/:crn/custody/:id/parole',
    post: '/people/:crn/custody/:id/parole-hearings',
    view: 'custody/views/parole-form.njk',
    title: 'Record a parole hearing or decision',
    auditPage: 'custody-parole-form',
    done: 'parole',
    action: custodyPaths.paroleHearings,
    values: () => ({}),
    dates: ['hearingOn', 'decidedOn'],
    storedDates: () => ({}),
    submit: (custody, request, crn, id, body) =>
      custody.recordParoleHearing(ctxOf(request), crn, id, parseParoleHearingForm(body)),
  },
]

function recordPartForm(app: App, custody: CustodyService, f: RecordPartForm) {
  const form = async (
    request: FastifyRequest,
    reply: FastifyReply,
    crn: string,
    id: number,
    body?: FormBody,
    errors?: FieldError[],
  ) => {
    const page = await custody.formPage(ctxOf(request), crn, id)
    if (!page.record) return notFound(request, reply, page.person)
    return reply.render(f.view, {
      pageTitle: `${f.title} – ${page.person.name}`,
      ...page,
      values: body ?? f.values(page.record),
      dates: dateFields(body, f.dates, f.storedDates(page.record)),
      action: f.action(crn, id),
      paroleKinds: PAROLE_KINDS,
      paroleDecisions: PAROLE_DECISIONS,
      errors,
      ...layout(request),
    })
  }
  app.get(
    f.page,
    { config: { ...UPDATE, audit: viewing(f.auditPage) }, schema: { params: CrnIdParams } },
    (request, reply) => form(request, reply, request.params.crn.toUpperCase(), Number(request.params.id)),
  )
  app.post(f.post, { config: UPDATE, schema: { params: CrnIdParams, body: FORM } }, (request, reply) => {
    const crn = request.params.crn.toUpperCase()
    const id = Number(request.params.id)
    return submitForm(reply, () => f.submit(custody, request, crn, id, request.body), {
      rerender: errors => form(request, reply, crn, id, request.body, errors),
      redirect: () => `${custodyPaths.page(crn)}?done=${f.done}`,
    })
  })
}

/** The release form: the service names `releaseDate` (linked here to its day box) or `releaseType`. */
function releaseForm(app: App, custody: CustodyService) {
  const form = async (
    request: FastifyRequest,
    reply: FastifyReply,
    crn: string,
    body?: FormBody,
    errors?: FieldError[],
  ) => {
    const page = await custody.formPage(ctxOf(request), crn)
    return reply.render('custody/views/release-form.njk', {
      pageTitle: `Record a release – ${page.person.name}`,
      ...page,
      releaseTypes: RELEASE_TYPES.map(t => ({
        value: t.code,
        text: t.text,
        checked: body
          ? text(body, 'releaseType') === t.code
          : page.caseStatus === 'recalled' && t.code === 're_release',
      })),
      dates: dateFields(body, ['releaseDate']),
      errors: errors?.map(e => ({ ...e, field: e.field === 'releaseDate' ? 'releaseDate-day' : e.field })),
      ...layout(request),
    })
  }
  app.get(
    '/people/:crn/release',
    { config: { ...UPDATE, audit: viewing('release-form') }, schema: { params: CrnParams } },
    (request, reply) => form(request, reply, request.params.crn.toUpperCase()),
  )
  app.post('/people/:crn/release', { config: UPDATE, schema: { params: CrnParams, body: FORM } }, (request, reply) => {
    const crn = request.params.crn.toUpperCase()
    return submitForm(reply, () => custody.recordRelease(ctxOf(request), crn, parseReleaseForm(request.body)), {
      rerender: errors => form(request, reply, crn, request.body, errors),
      redirect: () => `${custodyPaths.page(crn)}?done=released`,
    })
  })
}

function notFound(request: FastifyRequest, reply: FastifyReply, person: { crn: string; name: string }) {
  return reply.status(404).render('custody/views/not-found.njk', { pageTitle: 'Not found', person, ...layout(request) })
}
