import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { hasPermission } from '../../access/policy.ts'
import { ConflictError, ValidationError, type FieldError } from '../../errors.ts'
import { ctxOf } from '../../web/request-context.ts'
import { GENDERS } from '../people/reference-data.ts'
import {
  conclusionText,
  CONCLUSION_FIELDS,
  PROPOSED_PROVIDER_OPTIONS,
  PROPOSED_SENTENCE_OPTIONS,
  REPORT_SECTIONS,
  ROSH_LEVEL_OPTIONS,
  type CourtService,
  type NewHearingInput,
} from './service.ts'
import { courtPaths } from '../../web/paths.ts'

/**
 * Court pages: court lists by day, adding and matching defendants, a person's hearings and reports, the report
 * itself and a court team's report list. Handlers read the form, call one service function and render or
 * redirect; access, audit and validation live in `service.ts`, which the JSON API (`api.ts`) shares.
 *
 * Person routes that change court work declare `person:read` for the access guard (court officers serve every
 * defendant, so the guard's "may update this record" would be too strict for them) and the service then applies
 * the court-work rule: `person:update` in the role, and update access to the record or a court officer's read access.
 */

type FormBody = Record<string, string | undefined>
const str = { type: 'string', maxLength: 25_000 } as const
const formSchema = { type: 'object', additionalProperties: str } as const
const crnPattern = { type: 'string', pattern: '^[A-Za-z][0-9]{6}$' } as const
const idPattern = { type: 'string', pattern: '^[0-9]{1,15}$' } as const
const crnParams = { type: 'object', required: ['crn'], properties: { crn: crnPattern } } as const
const crnIdParams = { type: 'object', required: ['crn', 'id'], properties: { crn: crnPattern, id: idPattern } } as const
const idParams = { type: 'object', required: ['id'], properties: { id: idPattern } } as const
const doneQuery = { type: 'object', properties: { done: { type: 'string', maxLength: 40 } } } as const

const READ = { access: 'person:read' } as const
const UPDATE = { access: 'person:update' } as const

/** Confirmations after a change (post/redirect/get), keyed so nothing typed is echoed from the URL. */
const DONE: Record<string, string> = {
  matched: 'Defendant matched to this record',
  created: 'Record created from the court listing and matched',
  requested: 'Report requested',
  saved: 'Draft saved',
  completed: 'Report completed. The PDF for the court is ready.',
  cancelled: 'Report cancelled',
}

const TIMELINESS_TAGS = {
  late: { text: 'Late', classes: 'govuk-tag--red' },
  at_risk: { text: 'At risk', classes: 'govuk-tag--orange' },
  due: { text: 'Due', classes: 'govuk-tag--blue' },
  completed: { text: 'Completed', classes: 'govuk-tag--green' },
  cancelled: { text: 'Cancelled', classes: 'govuk-tag--grey' },
}

const idOf = (request: FastifyRequest) => Number((request.params as { id: string }).id)
const crnOf = (request: FastifyRequest) => (request.params as { crn: string }).crn.toUpperCase()

const hearingFromForm = (b: FormBody): NewHearingInput => ({
  court: b.court ?? '',
  hearingDate: dateFromParts(b, 'hearingDate'),
  session: b.session ?? '',
  hearingTime: b.hearingTime,
  courtRoom: b.courtRoom,
  hearingType: b.hearingType ?? '',
  forename: b.forename ?? '',
  surname: b.surname ?? '',
  dateOfBirth: dateFromParts(b, 'dateOfBirth'),
  pnc: b.pnc,
  address: b.address,
  charge: b.charge,
  offenceCode: b.offenceCode,
})

/** A GOV.UK date input (day, month, year boxes) as `YYYY-M-D`, or '' when all are empty. */
function dateFromParts(b: FormBody, name: string): string {
  const [d, m, y] = ['day', 'month', 'year'].map(p => (b[`${name}-${p}`] ?? '').trim())
  if (!d && !m && !y) return (b[name] ?? '').trim()
  return `${y}-${m}-${d}`
}
function dateParts(b: FormBody | undefined, name: string, iso?: string | null) {
  if (b && (b[`${name}-day`] !== undefined || b[`${name}-year`] !== undefined)) {
    return { day: b[`${name}-day`] ?? '', month: b[`${name}-month`] ?? '', year: b[`${name}-year`] ?? '' }
  }
  const [year, month, day] = (iso ?? '').split('-')
  return { day: day ? String(Number(day)) : '', month: month ? String(Number(month)) : '', year: year ?? '' }
}

/** Errors for a date input point at its day box, where the GOV.UK error summary link lands. */
const dateFieldErrors = (errors: FieldError[], names: string[]) =>
  errors.map(e => (names.includes(e.field) ? { ...e, field: `${e.field}-day` } : e))

export const courtRoutes: FastifyPluginAsync<{ court: CourtService }> = async (app, { court }) => {
  const ref = court.referenceData
  const layout = (request: FastifyRequest) => ({
    canAudit: hasPermission(request.user, 'person:audit'),
    section: 'court',
    paths: courtPaths,
    tags: TIMELINESS_TAGS,
  })

  // ── Court lists ────────────────────────────────────────────────────────────────────────────────────────────
  app.get(
    '/court-lists',
    {
      config: READ,
      schema: {
        querystring: {
          type: 'object',
          properties: { court: { type: 'string', maxLength: 20 }, date: { type: 'string', maxLength: 20 } },
        },
      },
    },
    async (request, reply) => {
      const query = request.query as { court?: string; date?: string }
      const list = await court.courtList(ctxOf(request), query)
      return reply.status(list.errors.length ? 400 : 200).render('court/views/court-list.njk', {
        pageTitle: list.court ? `Court list – ${list.court.name}` : 'Court lists',
        ...list,
        query,
        canAdd: hasPermission(request.user, 'person:update'),
        outcomes: ref.HEARING_OUTCOMES,
        paths: courtPaths,
      })
    },
  )

  const renderHearingForm = async (reply: FastifyReply, values: FormBody, errors?: FieldError[]) =>
    reply.render('court/views/hearing-form.njk', {
      pageTitle: 'Add a defendant to a court list',
      courts: await court.listCourts(),
      values,
      hearingDate: dateParts(values, 'hearingDate', values.hearingDate),
      dateOfBirth: dateParts(values, 'dateOfBirth'),
      hearingTypes: ref.HEARING_TYPES,
      sessions: ref.SESSIONS,
      errors,
      paths: courtPaths,
    })

  app.get(
    '/court-lists/hearings/new',
    {
      config: UPDATE,
      schema: {
        querystring: {
          type: 'object',
          properties: { court: { type: 'string', maxLength: 20 }, date: { type: 'string', maxLength: 20 } },
        },
      },
    },
    async (request, reply) => {
      const { court: code, date } = request.query as { court?: string; date?: string }
      return renderHearingForm(reply, { court: code ?? '', hearingDate: date ?? court.today(), session: 'morning' })
    },
  )

  app.post('/court-lists/hearings', { config: UPDATE, schema: { body: formSchema } }, async (request, reply) => {
    const body = request.body as FormBody
    try {
      const { hearingId } = await court.addHearing(ctxOf(request), hearingFromForm(body))
      return reply.redirect(courtPaths.match(hearingId), 303)
    } catch (error) {
      if (error instanceof ValidationError)
        return renderHearingForm(reply.status(400), body, dateFieldErrors(error.errors, ['hearingDate', 'dateOfBirth']))
      throw error
    }
  })

  // ── Matching a listed defendant ───────────────────────────────────────────────────────────────────────────
  const renderMatch = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}) => {
    const { hearing, candidates } = await court.matchCandidates(ctxOf(request), idOf(request))
    return reply.render('court/views/match.njk', {
      pageTitle: `Match ${hearing.listed.name} to a record`,
      hearing,
      candidates,
      genders: GENDERS,
      canCreate: hasPermission(request.user, 'person:create'),
      paths: courtPaths,
      values: {},
      ...extra,
    })
  }

  app.get(
    '/court-lists/hearings/:id/match',
    { config: { access: 'person:search' }, schema: { params: idParams } },
    async (request, reply) => renderMatch(request, reply),
  )

  app.post(
    '/court-lists/hearings/:id/match',
    { config: UPDATE, schema: { params: idParams, body: formSchema } },
    async (request, reply) => {
      const body = request.body as FormBody
      try {
        const { crn } = await court.confirmMatch(ctxOf(request), idOf(request), {
          crn: body.crn ?? '',
          version: Number(body.version),
        })
        return reply.redirect(`${courtPaths.person(crn)}?done=matched`, 303)
      } catch (error) {
        if (error instanceof ValidationError)
          return renderMatch(request, reply.status(400), { errors: error.errors, values: body })
        if (error instanceof ConflictError)
          return renderMatch(request, reply.status(409), {
            errors: [{ field: 'crn', message: error.message }],
            values: body,
          })
        throw error
      }
    },
  )

  app.post(
    '/court-lists/hearings/:id/new-person',
    { config: { access: 'person:create' }, schema: { params: idParams, body: formSchema } },
    async (request, reply) => {
      const body = request.body as FormBody
      try {
        const result = await court.createPersonFromListing(ctxOf(request), idOf(request), {
          gender: body.gender ?? '',
          version: Number(body.version),
          confirmNotDuplicate: body.confirmNotDuplicate === 'yes',
        })
        if (result.outcome === 'created') return reply.redirect(`${courtPaths.person(result.crn)}?done=created`, 303)
        return renderMatch(request, reply, { duplicates: result.duplicates, values: body })
      } catch (error) {
        if (error instanceof ValidationError) {
          // The listing's own details are checked by the people service: say where to correct them.
          const errors = error.errors.map(e =>
            e.field === 'gender'
              ? e
              : {
                  field: 'gender',
                  message: `The listed ${e.field === 'dateOfBirth' ? 'date of birth' : e.field === 'pnc' ? 'PNC' : e.field}: ${e.message}`,
                },
          )
          return renderMatch(request, reply.status(400), { errors, values: body })
        }
        throw error
      }
    },
  )

  app.post(
    '/court-lists/hearings/:id/outcome',
    { config: UPDATE, schema: { params: idParams, body: formSchema } },
    async (request, reply) => {
      const body = request.body as FormBody
      const id = idOf(request)
      try {
        await court.recordOutcome(ctxOf(request), id, {
          outcome: body.outcome ?? '',
          outcomeDate: dateFromParts(body, 'outcomeDate') || null,
          version: Number(body.version),
        })
      } catch (error) {
        if (error instanceof ValidationError) {
          const hearing = await court.getHearing(ctxOf(request), id)
          return reply.status(400).render('court/views/outcome-error.njk', {
            pageTitle: 'Record the outcome',
            errors: error.errors,
            hearing,
            paths: courtPaths,
          })
        }
        throw error
      }
      const hearing = await court.getHearing(ctxOf(request), id)
      return reply.redirect(courtPaths.list(hearing.court.code, hearing.hearingDate), 303)
    },
  )

  // ── A person's court work ─────────────────────────────────────────────────────────────────────────────────
  app.get(
    '/people/:crn/court',
    { config: READ, schema: { params: crnParams, querystring: doneQuery } },
    async (request, reply) => {
      const view = await court.personCourt(ctxOf(request), crnOf(request))
      const { done } = request.query as { done?: string }
      return reply.render('court/views/person-court.njk', {
        pageTitle: `Court – ${view.person.forename} ${view.person.surname}`,
        ...view,
        done: done ? DONE[done] : undefined,
        ...layout(request),
      })
    },
  )

  const renderRequestForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: FormBody,
    errors?: FieldError[],
  ) => {
    const form = await court.reportRequestForm(ctxOf(request), crnOf(request))
    return reply.render('court/views/report-request.njk', {
      pageTitle: 'Request a pre-sentence report',
      ...form,
      values,
      requestedDate: dateParts(values, 'requestedDate', values.requestedDate ?? form.today),
      adjournedTo: dateParts(values, 'adjournedTo'),
      reportTypes: ref.REPORT_TYPE_OPTIONS,
      errors,
      ...layout(request),
    })
  }

  app.get(
    '/people/:crn/court/reports/new',
    {
      config: READ,
      schema: { params: crnParams, querystring: { type: 'object', properties: { hearing: idPattern } } },
    },
    async (request, reply) => {
      const { hearing } = request.query as { hearing?: string }
      return renderRequestForm(request, reply, { hearingId: hearing ?? '', reportType: 'short_format' })
    },
  )

  app.post(
    '/people/:crn/court/reports',
    { config: READ, schema: { params: crnParams, body: formSchema } },
    async (request, reply) => {
      const body = request.body as FormBody
      try {
        const report = await court.requestReport(ctxOf(request), crnOf(request), {
          reportType: body.reportType ?? '',
          hearingId: body.hearingId,
          requestedDate: dateFromParts(body, 'requestedDate') || null,
          adjournedTo: dateFromParts(body, 'adjournedTo') || null,
          authorStaffId: body.authorStaffId,
          teamId: body.teamId,
        })
        return reply.redirect(`${courtPaths.report(report.crn, report.id)}?done=requested`, 303)
      } catch (error) {
        if (error instanceof ValidationError)
          return renderRequestForm(
            request,
            reply.status(400),
            body,
            dateFieldErrors(error.errors, ['requestedDate', 'adjournedTo']),
          )
        throw error
      }
    },
  )

  const radioItems = (options: { code: string; text: string }[], selected: unknown) =>
    options.map(o => ({ value: o.code, text: o.text, checked: selected === o.code }))

  // ── The report ────────────────────────────────────────────────────────────────────────────────────────────
  const renderReport = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: FieldError[]; sections?: FormBody; done?: string } = {},
  ) => {
    const view = await court.getReport(ctxOf(request), crnOf(request), idOf(request))
    const sections = (extra.sections ?? view.sections) as Record<string, unknown>
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
      done: extra.done ? DONE[extra.done] : undefined,
      ...layout(request),
    })
  }

  app.get(
    '/people/:crn/court/reports/:id',
    { config: READ, schema: { params: crnIdParams, querystring: doneQuery } },
    async (request, reply) => renderReport(request, reply, { done: (request.query as { done?: string }).done }),
  )

  // Save draft. The autosave script posts the same form with `autosave=1` and `accept: application/json`.
  app.post(
    '/people/:crn/court/reports/:id',
    { config: READ, schema: { params: crnIdParams, body: formSchema } },
    async (request, reply) => {
      const body = request.body as FormBody
      const wantsJson = (request.headers.accept ?? '').includes('application/json')
      try {
        const { versionNumber } = await court.saveDraft(ctxOf(request), crnOf(request), idOf(request), {
          sections: Object.fromEntries(
            [...REPORT_SECTIONS.map(s => s.key), ...CONCLUSION_FIELDS].map(key => [key, body[key] ?? '']),
          ),
          basedOn: Number(body.basedOn),
          autosave: body.autosave === '1',
        })
        if (wantsJson) return reply.send({ versionNumber })
        return reply.redirect(`${courtPaths.report(crnOf(request), idOf(request))}?done=saved`, 303)
      } catch (error) {
        if (wantsJson && (error instanceof ValidationError || error instanceof ConflictError)) {
          return reply.status(error.status).send({ error: { code: error.code, message: error.message } })
        }
        if (error instanceof ValidationError)
          return renderReport(request, reply.status(400), { errors: error.errors, sections: body })
        if (error instanceof ConflictError)
          return renderReport(request, reply.status(409), {
            errors: [{ field: 'proposal', message: error.message }],
            sections: body,
          })
        throw error
      }
    },
  )

  app.post(
    '/people/:crn/court/reports/:id/complete',
    { config: READ, schema: { params: crnIdParams, body: formSchema } },
    async (request, reply) => {
      const body = request.body as FormBody
      try {
        await court.completeReport(ctxOf(request), crnOf(request), idOf(request), { basedOn: Number(body.basedOn) })
        return reply.redirect(`${courtPaths.report(crnOf(request), idOf(request))}?done=completed`, 303)
      } catch (error) {
        if (error instanceof ValidationError) return renderReport(request, reply.status(400), { errors: error.errors })
        if (error instanceof ConflictError)
          return renderReport(request, reply.status(409), { errors: [{ field: 'proposal', message: error.message }] })
        throw error
      }
    },
  )

  app.post(
    '/people/:crn/court/reports/:id/cancel',
    { config: READ, schema: { params: crnIdParams, body: formSchema } },
    async (request, reply) => {
      const body = request.body as FormBody
      try {
        await court.cancelReport(ctxOf(request), crnOf(request), idOf(request), { reason: body.reason ?? '' })
        return reply.redirect(`${courtPaths.report(crnOf(request), idOf(request))}?done=cancelled`, 303)
      } catch (error) {
        if (error instanceof ValidationError) return renderReport(request, reply.status(400), { errors: error.errors })
        throw error
      }
    },
  )

  app.get(
    '/people/:crn/court/reports/:id/pdf',
    { config: READ, schema: { params: crnIdParams } },
    async (request, reply) => {
      const { filename, bytes } = await court.reportPdf(ctxOf(request), crnOf(request), idOf(request))
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(Buffer.from(bytes))
    },
  )

  // ── A court team's reports ────────────────────────────────────────────────────────────────────────────────
  app.get(
    '/court/reports',
    {
      config: READ,
      schema: { querystring: { type: 'object', properties: { team: { type: 'string', maxLength: 40 } } } },
    },
    async (request, reply) => {
      const { team } = request.query as { team?: string }
      try {
        const view = await court.teamReports(ctxOf(request), { team })
        return reply.render('court/views/team-reports.njk', {
          pageTitle: view.team ? `Pre-sentence reports – ${view.team.name}` : 'Pre-sentence reports',
          ...view,
          paths: courtPaths,
          tags: TIMELINESS_TAGS,
        })
      } catch (error) {
        if (error instanceof ValidationError) {
          const view = await court.teamReports(ctxOf(request), {})
          return reply.status(400).render('court/views/team-reports.njk', {
            pageTitle: 'Pre-sentence reports',
            ...view,
            errors: error.errors,
            paths: courtPaths,
            tags: TIMELINESS_TAGS,
          })
        }
        throw error
      }
    },
  )
}
