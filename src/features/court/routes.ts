import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import type { CurrentUser } from '../../access/current-user.ts'
import { hasPermission } from '../../access/policy.ts'
import { ConflictError, ValidationError, type FieldError } from '../../errors.ts'
import { formBody, submitForm, type FormBody, type Parsed } from '../../web/forms.ts'
import { courtPaths } from '../../web/paths.ts'
import { ctxOf } from '../../web/request-context.ts'
import { CrnIdParams, CrnParams, Id, IdParams, textQuery } from '../../web/schemas.ts'
import { GENDERS } from '../people/index.ts'
import {
  cancelCommand,
  completeCommand,
  postsSections,
  dateFieldErrors,
  dateInput,
  draftCommand,
  hearingCommand,
  listingErrors,
  matchCommand,
  newPersonCommand,
  outcomeCommand,
  reportRequestCommand,
} from './forms.ts'
import {
  conclusionText,
  PROPOSED_PROVIDER_OPTIONS,
  PROPOSED_SENTENCE_OPTIONS,
  REPORT_SECTIONS,
  ROSH_LEVEL_OPTIONS,
} from './reference-data.ts'
import type { CourtService } from './service.ts'

/**
 * Court pages: court lists by day, adding and matching defendants, a person's hearings and reports, the report
 * itself and a court team's report list. Handlers read the form into a command (`forms.ts`), call one service
 * function and render or redirect; access, audit and validation live in the service, which the JSON API
 * (`api.ts`) shares.
 *
 * Person routes that change court work declare `person:read` for the access guard (court officers serve every
 * defendant, so the guard's "may update this record" would be too strict for them) and the service then applies
 * the court-work rule: `person:update` in the role, and update access to the record or a court officer's read access.
 */

type Options = { court: CourtService }
type App = Parameters<FastifyPluginAsyncTypebox<Options>>[0]

const READ = { access: 'person:read' } as const
const UPDATE = { access: 'person:update' } as const
const FORM = formBody(25_000)
const DoneQuery = textQuery(['done'], 40)

/** Confirmations after a change (post/redirect/get), keyed so nothing typed is echoed from the URL. */
const DONE: Record<string, string> = {
  matched: 'Defendant matched to this record',
  created: 'Record created from the court listing and matched',
  requested: 'Report requested',
  saved: 'Draft saved',
  completed: 'Report completed. The PDF for the court is ready.',
  cancelled: 'Report cancelled',
}
const doneText = (done: string | undefined) => (done ? DONE[done] : undefined)

const TIMELINESS_TAGS = {
  late: { text: 'Late', classes: 'govuk-tag--red' },
  at_risk: { text: 'At risk', classes: 'govuk-tag--orange' },
  due: { text: 'Due', classes: 'govuk-tag--blue' },
  completed: { text: 'Completed', classes: 'govuk-tag--green' },
  cancelled: { text: 'Cancelled', classes: 'govuk-tag--grey' },
}

const layout = (user: CurrentUser | undefined) => ({
  canAudit: hasPermission(user, 'person:audit'),
  section: 'court',
  paths: courtPaths,
  tags: TIMELINESS_TAGS,
})

/** Like `submitForm`, and a conflict (someone changed the record since) shows the form again with status 409. */
async function submitOrConflict<T>(
  reply: FastifyReply,
  change: () => Promise<T>,
  page: { rerender: (errors: FieldError[]) => Promise<unknown>; redirect: (result: T) => string },
  conflictField: string,
): Promise<unknown> {
  try {
    return await submitForm(reply, change, page)
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error
    reply.status(409)
    return page.rerender([{ field: conflictField, message: error.message }])
  }
}

/** A service call whose refusal of bad input the page shows itself (other errors go to the error handler). */
async function settle<T>(work: () => Promise<T>): Promise<Parsed<T>> {
  try {
    return { ok: true, value: await work() }
  } catch (error) {
    if (error instanceof ValidationError) return { ok: false, errors: error.errors }
    throw error
  }
}

export const courtRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { court }) => {
  courtListPages(app, court)
  matchPages(app, court)
  outcomePage(app, court)
  personCourtPages(app, court)
  reportPages(app, court)
  teamReportPages(app, court)
}

// ── Court lists ──────────────────────────────────────────────────────────────────────────────────────────────
function courtListPages(app: App, court: CourtService) {
  const ListQuery = textQuery(['court', 'date'], 20)

  app.get('/court-lists', { config: READ, schema: { querystring: ListQuery } }, async (request, reply) => {
    const query = request.query
    const list = await court.courtList(ctxOf(request), query)
    return reply.status(list.errors.length ? 400 : 200).render('court/views/court-list.njk', {
      pageTitle: list.court ? `Court list – ${list.court.name}` : 'Court lists',
      ...list,
      query,
      canAdd: hasPermission(request.user, 'person:update'),
      outcomes: court.referenceData.HEARING_OUTCOMES,
      paths: courtPaths,
    })
  })

  const renderHearingForm = async (reply: FastifyReply, values: FormBody, errors?: FieldError[]) =>
    reply.render('court/views/hearing-form.njk', {
      pageTitle: 'Add a defendant to a court list',
      courts: await court.listCourts(),
      values,
      hearingDate: dateInput(values, 'hearingDate', typeof values.hearingDate === 'string' ? values.hearingDate : null),
      dateOfBirth: dateInput(values, 'dateOfBirth'),
      hearingTypes: court.referenceData.HEARING_TYPES,
      sessions: court.referenceData.SESSIONS,
      errors,
      paths: courtPaths,
    })

  app.get(
    '/court-lists/hearings/new',
    { config: UPDATE, schema: { querystring: ListQuery } },
    async (request, reply) => {
      const { court: code, date } = request.query
      return renderHearingForm(reply, { court: code ?? '', hearingDate: date ?? court.today(), session: 'morning' })
    },
  )

  app.post('/court-lists/hearings', { config: UPDATE, schema: { body: FORM } }, async (request, reply) =>
    submitForm(reply, () => court.addHearing(ctxOf(request), hearingCommand(request.body)), {
      rerender: errors =>
        renderHearingForm(reply, request.body, dateFieldErrors(errors, ['hearingDate', 'dateOfBirth'])),
      redirect: ({ hearingId }) => courtPaths.match(hearingId),
    }),
  )
}

// ── Matching a listed defendant, and the hearing's outcome ───────────────────────────────────────────────────
function matchPages(app: App, court: CourtService) {
  const renderMatch = async (
    user: CurrentUser | undefined,
    reply: FastifyReply,
    hearingId: number,
    extra: Record<string, unknown>,
  ) => {
    const { hearing, candidates, changeRefused } = await court.matchCandidates(ctxOf(reply.request), hearingId)
    return reply.render('court/views/match.njk', {
      pageTitle: `Match ${hearing.listed.name} to a record`,
      hearing,
      candidates,
      changeRefused,
      genders: GENDERS,
      canCreate: hasPermission(user, 'person:create'),
      paths: courtPaths,
      values: {},
      ...extra,
    })
  }

  app.get(
    '/court-lists/hearings/:id/match',
    { config: { access: 'person:search' }, schema: { params: IdParams } },
    async (request, reply) => renderMatch(request.user, reply, Number(request.params.id), {}),
  )

  app.post(
    '/court-lists/hearings/:id/match',
    { config: UPDATE, schema: { params: IdParams, body: FORM } },
    async (request, reply) => {
      const id = Number(request.params.id)
      return submitOrConflict(
        reply,
        () => court.confirmMatch(ctxOf(request), id, matchCommand(request.body)),
        {
          rerender: errors => renderMatch(request.user, reply, id, { errors, values: request.body }),
          redirect: ({ crn }) => `${courtPaths.person(crn)}?done=matched`,
        },
        'crn',
      )
    },
  )

  app.post(
    '/court-lists/hearings/:id/new-person',
    { config: { access: 'person:create' }, schema: { params: IdParams, body: FORM } },
    async (request, reply) => {
      const id = Number(request.params.id)
      const values = request.body
      const result = await settle(() => court.createPersonFromListing(ctxOf(request), id, newPersonCommand(values)))
      if (!result.ok)
        return renderMatch(request.user, reply.status(400), id, { errors: listingErrors(result.errors), values })
      if (result.value.outcome === 'created')
        return reply.redirect(`${courtPaths.person(result.value.crn)}?done=created`, 303)
      return renderMatch(request.user, reply, id, { duplicates: result.value.duplicates, values })
    },
  )
}

/** The outcome form on the court list: back to the list, or the errors with the hearing. */
function outcomePage(app: App, court: CourtService) {
  app.post(
    '/court-lists/hearings/:id/outcome',
    { config: UPDATE, schema: { params: IdParams, body: FORM } },
    async (request, reply) => {
      const id = Number(request.params.id)
      const ctx = ctxOf(request)
      return submitForm(
        reply,
        async () => {
          await court.recordOutcome(ctx, id, outcomeCommand(request.body))
          return court.getHearing(ctx, id)
        },
        {
          rerender: async errors =>
            reply.render('court/views/outcome-error.njk', {
              pageTitle: 'Record the outcome',
              errors,
              hearing: await court.getHearing(ctx, id),
              paths: courtPaths,
            }),
          redirect: hearing => courtPaths.list(hearing.court.code, hearing.hearingDate),
        },
      )
    },
  )
}

// ── A person's court work, and requesting a report ───────────────────────────────────────────────────────────
function personCourtPages(app: App, court: CourtService) {
  app.get(
    '/people/:crn/court',
    {
      config: { ...READ, audit: { action: 'PERSON_VIEW', page: 'court' } },
      schema: { params: CrnParams, querystring: DoneQuery },
    },
    async (request, reply) => {
      const view = await court.personCourt(ctxOf(request), request.params.crn.toUpperCase())
      return reply.render('court/views/person-court.njk', {
        pageTitle: `Court – ${view.person.forename} ${view.person.surname}`,
        ...view,
        done: doneText(request.query.done),
        ...layout(request.user),
      })
    },
  )

  const renderRequestForm = async (reply: FastifyReply, crn: string, values: FormBody, errors?: FieldError[]) => {
    const form = await court.reportRequestForm(ctxOf(reply.request), crn)
    const requested = typeof values.requestedDate === 'string' ? values.requestedDate : form.today
    return reply.render('court/views/report-request.njk', {
      pageTitle: 'Request a pre-sentence report',
      ...form,
      values,
      requestedDate: dateInput(values, 'requestedDate', requested),
      adjournedTo: dateInput(values, 'adjournedTo'),
      reportTypes: court.referenceData.REPORT_TYPE_OPTIONS,
      errors,
      ...layout(reply.request.user),
    })
  }

  app.get(
    '/people/:crn/court/reports/new',
    {
      config: { ...READ, audit: { writtenBy: 'service', action: 'PERSON_VIEW' } },
      schema: { params: CrnParams, querystring: Type.Object({ hearing: Type.Optional(Id) }) },
    },
    async (request, reply) =>
      renderRequestForm(reply, request.params.crn.toUpperCase(), {
        hearingId: request.query.hearing ?? '',
        reportType: 'short_format',
      }),
  )

  app.post(
    '/people/:crn/court/reports',
    { config: READ, schema: { params: CrnParams, body: FORM } },
    async (request, reply) => {
      const crn = request.params.crn.toUpperCase()
      return submitForm(reply, () => court.requestReport(ctxOf(request), crn, reportRequestCommand(request.body)), {
        rerender: errors =>
          renderRequestForm(reply, crn, request.body, dateFieldErrors(errors, ['requestedDate', 'adjournedTo'])),
        redirect: report => `${courtPaths.report(report.crn, report.id)}?done=requested`,
      })
    },
  )
}

// ── A court team's reports ───────────────────────────────────────────────────────────────────────────────────
function teamReportPages(app: App, court: CourtService) {
  app.get(
    '/court/reports',
    { config: READ, schema: { querystring: textQuery(['team'], 40) } },
    async (request, reply) => {
      const view = await settle(() => court.teamReports(ctxOf(request), { team: request.query.team }))
      if (view.ok)
        return reply.render('court/views/team-reports.njk', {
          pageTitle: view.value.team ? `Pre-sentence reports – ${view.value.team.name}` : 'Pre-sentence reports',
          ...view.value,
          paths: courtPaths,
          tags: TIMELINESS_TAGS,
        })
      return reply.status(400).render('court/views/team-reports.njk', {
        pageTitle: 'Pre-sentence reports',
        ...(await court.teamReports(ctxOf(request), {})),
        errors: view.errors,
        paths: courtPaths,
        tags: TIMELINESS_TAGS,
      })
    },
  )
}

// ── The report ───────────────────────────────────────────────────────────────────────────────────────────────
/** The report's conclusions as chosen (saved, or as posted when the form is shown again). */
type Chosen = { roshLevel?: unknown; proposedSentence?: unknown; proposedProvider?: unknown }

const radioItems = (options: { code: string; text: string }[], selected: unknown) =>
  options.map(o => ({ value: o.code, text: o.text, checked: selected === o.code }))

type ReportRef = { crn: string; id: number }
const reportOf = (params: { crn: string; id: string }): ReportRef => ({
  crn: params.crn.toUpperCase(),
  id: Number(params.id),
})
const doneAt = (report: ReportRef, done: string) => `${courtPaths.report(report.crn, report.id)}?done=${done}`

/** Renders the report page: the latest draft, or what was posted when a save or completion is refused. */
const reportRenderer =
  (court: CourtService) =>
  async (
    reply: FastifyReply,
    report: { crn: string; id: number },
    extra: { errors?: FieldError[]; sections?: FormBody; done?: string } = {},
  ) => {
    const view = await court.getReport(ctxOf(reply.request), report.crn, report.id)
    const sections: Chosen = extra.sections ?? view.sections
    return reply.render('court/views/report.njk', {
      pageTitle: `${view.report.reportTypeText} – ${view.person.forename} ${view.person.surname}`,
      ...view,
      sections,
      sectionList: REPORT_SECTIONS,
      choiceItems: {
        roshLevel: radioItems(ROSH_LEVEL_OPTIONS, sections.roshLevel),
        proposedSentence: radioItems(PROPOSED_SENTENCE_OPTIONS, sections.proposedSentence),
        proposedProvider: radioItems(PROPOSED_PROVIDER_OPTIONS, sections.proposedProvider),
      },
      conclusions: conclusionText(sections),
      errors: extra.errors,
      done: doneText(extra.done),
      ...layout(reply.request.user),
    })
  }

function reportPages(app: App, court: CourtService) {
  const renderReport = reportRenderer(court)

  app.get(
    '/people/:crn/court/reports/:id',
    {
      config: { ...READ, audit: { writtenBy: 'service', action: 'PSR_VIEW' } },
      schema: { params: CrnIdParams, querystring: DoneQuery },
    },
    async (request, reply) => renderReport(reply, reportOf(request.params), { done: request.query.done }),
  )

  // Save draft. The autosave script posts the same form with `autosave=1` and `accept: application/json`.
  app.post(
    '/people/:crn/court/reports/:id',
    { config: READ, schema: { params: CrnIdParams, body: FORM } },
    async (request, reply) => {
      const report = reportOf(request.params)
      const save = () => court.saveDraft(ctxOf(request), report.crn, report.id, draftCommand(request.body))
      if ((request.headers.accept ?? '').includes('application/json')) return autosave(reply, save)
      return submitOrConflict(
        reply,
        save,
        {
          rerender: errors => renderReport(reply, report, { errors, sections: request.body }),
          redirect: () => doneAt(report, 'saved'),
        },
        'proposal',
      )
    },
  )

  app.post(
    '/people/:crn/court/reports/:id/complete',
    { config: READ, schema: { params: CrnIdParams, body: FORM } },
    async (request, reply) => {
      const report = reportOf(request.params)
      return submitOrConflict(
        reply,
        () => court.completeReport(ctxOf(request), report.crn, report.id, completeCommand(request.body)),
        {
          // A refusal shows the form as it was sent, so nothing typed is lost.
          rerender: errors =>
            renderReport(reply, report, { errors, sections: postsSections(request.body) ? request.body : undefined }),
          redirect: () => doneAt(report, 'completed'),
        },
        'proposal',
      )
    },
  )

  app.post(
    '/people/:crn/court/reports/:id/cancel',
    { config: READ, schema: { params: CrnIdParams, body: FORM } },
    async (request, reply) => {
      const report = reportOf(request.params)
      return submitForm(
        reply,
        () => court.cancelReport(ctxOf(request), report.crn, report.id, cancelCommand(request.body)),
        { rerender: errors => renderReport(reply, report, { errors }), redirect: () => doneAt(report, 'cancelled') },
      )
    },
  )

  app.get(
    '/people/:crn/court/reports/:id/pdf',
    { config: { ...READ, audit: { writtenBy: 'service', action: 'PSR_DOWNLOAD' } }, schema: { params: CrnIdParams } },
    async (request, reply) => {
      const report = reportOf(request.params)
      const { filename, bytes } = await court.reportPdf(ctxOf(request), report.crn, report.id)
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(Buffer.from(bytes))
    },
  )
}

/** The autosave script's save: the new version number, or the refusal as JSON (400 or 409). */
async function autosave(reply: FastifyReply, save: () => Promise<{ versionNumber: number }>) {
  try {
    const { versionNumber } = await save()
    return reply.send({ versionNumber })
  } catch (error) {
    if (!(error instanceof ValidationError || error instanceof ConflictError)) throw error
    return reply.status(error.status).send({ error: { code: error.code, message: error.message } })
  }
}
