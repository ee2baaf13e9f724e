import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ValidationError } from '../../errors.ts'
import { dateParts, formBody, parseForm, text, type FormBody } from '../../web/forms.ts'
import { ctxOf } from '../../web/request-context.ts'
import { textQuery } from '../../web/schemas.ts'
import { auditFilterFromQuery, auditPageOf } from './audit-trail.ts'
import { auditTrailView } from './audit-view.ts'
import { auditCsv, auditRows } from './audit-words.ts'
import { editPages } from './edit-pages.ts'
import * as forms from './forms.ts'
import { personContext, referenceData } from './presenters.ts'
import { PersonCrnParams, SearchQuery } from './schemas.ts'
import type { PeopleService } from './service.ts'

/**
 * Pages for the person record and search. Handlers read the typed request, call one service function and render or
 * redirect; access, validation and the audit of searches and changes live in the service (`service.ts`), which the
 * JSON API shares. Views of one record are audited by the route (`config.audit`), once the page is produced.
 */

type Options = { people: PeopleService }

const searchPages: FastifyPluginAsyncTypebox<Options> = async (app, { people }) => {
  app.get(
    '/people',
    { config: { access: 'person:search' }, schema: { querystring: SearchQuery } },
    async (request, reply) => {
      const { q = '', dob = '' } = request.query
      const outcome = await people.search({ q, dob }, ctxOf(request))
      return reply.status(outcome.errors.length ? 400 : 200).render('people/views/search.njk', {
        pageTitle: q || dob ? `Search results for ${[q, dob].filter(Boolean).join(', ')}` : 'Find a person',
        q,
        dob,
        outcome,
        errors: outcome.errors,
        searched: Boolean(q.trim() || dob.trim()),
      })
    },
  )
}

const newPersonPages: FastifyPluginAsyncTypebox<Options> = async (app, { people }) => {
  app.get('/people/new', { config: { access: 'person:create' } }, async (_request, reply) => {
    return reply.render('people/views/new.njk', {
      pageTitle: 'Add a person',
      values: {},
      dateOfBirth: dateParts(undefined, 'dateOfBirth'),
      ...referenceData,
    })
  })

  // Three answers, so not `submitForm`: the new record, the possible duplicates to check, or the form with errors.
  app.post(
    '/people/new',
    { config: { access: 'person:create' }, schema: { body: formBody() } },
    async (request, reply) => {
      const body = request.body
      let result
      try {
        result = await people.createPerson(forms.newPersonFromForm(body), ctxOf(request), {
          confirmNotDuplicate: forms.confirmedNotDuplicate(body),
        })
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error
        return reply.status(400).render('people/views/new.njk', {
          pageTitle: 'Add a person',
          values: body,
          dateOfBirth: dateParts(body, 'dateOfBirth'),
          errors: error.errors,
          ...referenceData,
        })
      }
      if (result.outcome === 'created') return reply.redirect(`/people/${result.crn}?created=1`)
      return reply.render('people/views/duplicates.njk', {
        pageTitle: 'This person may already have a record',
        duplicates: result.duplicates,
        carried: carriedFields(body),
        values: body,
      })
    },
  )
}

/** What the duplicates page posts again when the user confirms: everything typed, less the token and the answer. */
function carriedFields(body: FormBody): [string, string][] {
  return Object.keys(body)
    .filter(k => k !== '_csrf' && k !== 'confirmNotDuplicate')
    .map(k => [k, text(body, k)])
}

const recordPages: FastifyPluginAsyncTypebox<Options> = async (app, { people }) => {
  app.get(
    '/people/:crn',
    {
      config: { access: 'person:read', audit: { action: 'PERSON_VIEW', page: 'overview' } },
      schema: { params: PersonCrnParams, querystring: textQuery(['created']) },
    },
    async (request, reply) => {
      const person = await people.viewPerson(request.params.crn, ctxOf(request), { overview: true })
      return reply.render('people/views/overview.njk', {
        pageTitle: `${person.forename} ${person.surname}`,
        created: request.query.created === '1',
        ...personContext(request, person, 'overview'),
      })
    },
  )

  app.get(
    '/people/:crn/addresses',
    {
      config: { access: 'person:read', audit: { action: 'PERSON_VIEW', page: 'addresses' } },
      schema: { params: PersonCrnParams },
    },
    async (request, reply) => {
      const person = await people.viewPerson(request.params.crn, ctxOf(request))
      return reply.render('people/views/addresses.njk', {
        pageTitle: `Addresses – ${person.forename} ${person.surname}`,
        ...personContext(request, person, 'addresses'),
      })
    },
  )
}

/** The trail's query: the filter form's fields (validated by `auditFilterFromQuery`) and the page. */
const AuditQuery = textQuery([
  'who',
  'organisation',
  'from-day',
  'from-month',
  'from-year',
  'to-day',
  'to-month',
  'to-year',
  'page',
])

const auditPages: FastifyPluginAsyncTypebox<Options> = async (app, { people }) => {
  app.get(
    '/people/:crn/audit',
    {
      config: { access: 'person:audit', audit: { action: 'PERSON_AUDIT_VIEW' } },
      schema: { params: PersonCrnParams, querystring: AuditQuery },
    },
    async (request, reply) => {
      const query = request.query
      const parsed = parseForm(() => auditFilterFromQuery(query))
      const filter = parsed.ok ? parsed.value : {}
      const trail = await people.getAuditTrail(request.params.crn, ctxOf(request), {
        filter,
        page: auditPageOf(query.page),
      })
      // The guard does not open the record for `person:audit` routes: name the person for its audit of this look.
      request.auditedPerson = { personId: trail.personId, crn: trail.crn }
      const view = auditTrailView(trail, query, parsed.ok)
      if (!parsed.ok) reply.status(400)
      return reply.render('people/views/audit.njk', {
        pageTitle: `Who has looked at ${trail.crn}`,
        ...view,
        errors: parsed.ok ? undefined : parsed.errors,
      })
    },
  )

  // The filtered trail for an auditor's spreadsheet: every row, in the page's words; the export itself is audited.
  app.get(
    '/people/:crn/audit.csv',
    {
      config: {
        access: 'person:audit',
        audit: { action: 'PERSON_AUDIT_EXPORT', detail: request => ({ filter: request.query }) },
      },
      schema: { params: PersonCrnParams, querystring: AuditQuery },
    },
    async (request, reply) => {
      const parsed = parseForm(() => auditFilterFromQuery(request.query))
      if (!parsed.ok) throw new ValidationError(parsed.errors)
      const trail = await people.getAuditTrail(request.params.crn, ctxOf(request), { filter: parsed.value, all: true })
      request.auditedPerson = { personId: trail.personId, crn: trail.crn }
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="who-has-looked-${trail.crn}.csv"`)
        .header('cache-control', 'no-store')
        .send(auditCsv(auditRows(trail.entries)))
    },
  )
}

export const peopleRoutes: FastifyPluginAsyncTypebox<Options> = async (app, options) => {
  await searchPages(app, options)
  await newPersonPages(app, options)
  await recordPages(app, options)
  await auditPages(app, options)
  await editPages(app, options)
}
