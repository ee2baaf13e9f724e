import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { hasPermission } from '../../access/policy.ts'
import { ConflictError, ValidationError } from '../../errors.ts'
import { ctxOf } from '../../web/request-context.ts'
import * as forms from './forms.ts'
import type { FormBody } from './forms.ts'
import {
  ADDRESS_STATUSES,
  ADDRESS_TYPES,
  CIRCUMSTANCE_TYPES,
  codeText,
  DISABILITY_TYPES,
  ETHNICITIES,
  GENDERS,
  RELIGIONS,
  SEXUAL_ORIENTATIONS,
} from './reference-data.ts'
import type { PeopleService, PersonRecord } from './service.ts'

/**
 * Pages for the person record and search. Handlers read the form, call one service function and render or
 * redirect; access, audit and validation live in the service (`service.ts`), which the JSON API shares.
 */

const str = { type: 'string', maxLength: 5000 } as const
const formSchema = { body: { type: 'object', additionalProperties: str } } as const
const crnParams = {
  params: { type: 'object', properties: { crn: { type: 'string', maxLength: 20 } }, required: ['crn'] },
} as const

type CodeList = readonly { code: string; text: string }[]
const referenceData = {
  /** GOV.UK radio items for a code list. */
  radioItems: (list: CodeList, selected?: string) =>
    list.map(c => ({ value: c.code, text: c.text, checked: c.code === selected })),
  /** GOV.UK select items with a blank first choice. */
  selectItems: (list: CodeList, selected?: string, blank = 'Select one') => [
    { value: '', text: blank, selected: !selected },
    ...list.map(c => ({ value: c.code, text: c.text, selected: c.code === selected })),
  ],
  genders: GENDERS,
  addressStatuses: ADDRESS_STATUSES,
  addressTypes: ADDRESS_TYPES,
  circumstanceTypes: CIRCUMSTANCE_TYPES,
  disabilityTypes: DISABILITY_TYPES,
  ethnicities: ETHNICITIES,
  religions: RELIGIONS,
  sexualOrientations: SEXUAL_ORIENTATIONS,
}

/** One "add or change something on the record" page: GET shows the form, POST saves or re-renders with errors. */
interface EditPage {
  path: string
  page: string
  template: string
  title: string
  values: (person: PersonRecord) => FormBody
  save: (service: PeopleService, crn: string, body: FormBody, request: FastifyRequest) => Promise<unknown>
  done: (crn: string) => string
}

const EDIT_PAGES: EditPage[] = [
  {
    path: '/people/:crn/personal-details',
    page: 'contact-details',
    template: 'people/views/contact-details.njk',
    title: 'Change contact details',
    values: p => ({ phone: p.contact.phone ?? '', mobile: p.contact.mobile ?? '', email: p.contact.email ?? '' }),
    save: (s, crn, b, r) => s.updateContactDetails(crn, forms.contactDetailsFromForm(b), ctxOf(r)),
    done: crn => `/people/${crn}`,
  },
  {
    path: '/people/:crn/addresses/new',
    page: 'add-address',
    template: 'people/views/address-form.njk',
    title: 'Add an address or record a move',
    values: () => ({ status: 'main' }),
    save: (s, crn, b, r) => s.addAddress(crn, forms.addressFromForm(b), ctxOf(r)),
    done: crn => `/people/${crn}/addresses`,
  },
  {
    path: '/people/:crn/aliases/new',
    page: 'add-alias',
    template: 'people/views/alias-form.njk',
    title: 'Add an alias',
    values: () => ({}),
    save: (s, crn, b, r) => s.addAlias(crn, forms.aliasFromForm(b), ctxOf(r)),
    done: crn => `/people/${crn}`,
  },
  {
    path: '/people/:crn/circumstances/new',
    page: 'add-circumstance',
    template: 'people/views/circumstance-form.njk',
    title: 'Add a personal circumstance',
    values: () => ({}),
    save: (s, crn, b, r) => s.addCircumstance(crn, forms.circumstanceFromForm(b), ctxOf(r)),
    done: crn => `/people/${crn}#circumstances`,
  },
  {
    path: '/people/:crn/disabilities/new',
    page: 'add-disability',
    template: 'people/views/disability-form.njk',
    title: 'Add a disability or adjustment',
    values: () => ({}),
    save: (s, crn, b, r) => s.addDisability(crn, forms.disabilityFromForm(b), ctxOf(r)),
    done: crn => `/people/${crn}#disabilities`,
  },
  {
    path: '/people/:crn/equality',
    page: 'equality',
    template: 'people/views/equality.njk',
    title: 'Change equality information',
    values: p => ({
      ethnicity: p.equality.ethnicity ?? '',
      religion: p.equality.religion ?? '',
      sexualOrientation: p.equality.sexualOrientation ?? '',
      nationality: p.equality.nationality ?? '',
      firstLanguage: p.equality.firstLanguage ?? '',
      interpreterRequired: p.equality.interpreterRequired ? 'yes' : 'no',
    }),
    save: (s, crn, b, r) => s.updateEquality(crn, forms.equalityFromForm(b), ctxOf(r)),
    done: crn => `/people/${crn}#equality`,
  },
]

function personContext(request: FastifyRequest, person: PersonRecord, section: string) {
  return {
    person,
    section,
    canAudit: hasPermission(request.user, 'person:audit'),
    genderText: codeText(GENDERS, person.gender),
    equalityText: {
      ethnicity: codeText(ETHNICITIES, person.equality.ethnicity),
      religion: codeText(RELIGIONS, person.equality.religion),
      sexualOrientation: codeText(SEXUAL_ORIENTATIONS, person.equality.sexualOrientation),
    },
    ...referenceData,
  }
}

export const peopleRoutes: FastifyPluginAsync<{ people: PeopleService }> = async (app, { people }) => {
  // Search
  app.get(
    '/people',
    {
      config: { access: 'person:search' },
      schema: {
        querystring: {
          type: 'object',
          properties: { q: { type: 'string', maxLength: 500 }, dob: { type: 'string', maxLength: 50 } },
        },
      },
    },
    async (request, reply) => {
      const { q = '', dob = '' } = request.query as { q?: string; dob?: string }
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

  // Create
  app.get('/people/new', { config: { access: 'person:create' } }, async (_request, reply) => {
    return reply.render('people/views/new.njk', {
      pageTitle: 'Add a person',
      values: {},
      dateOfBirth: forms.dateParts(undefined, 'dateOfBirth'),
      ...referenceData,
    })
  })

  app.post('/people/new', { config: { access: 'person:create' }, schema: formSchema }, async (request, reply) => {
    const body = request.body as FormBody
    const renderForm = (status: number, errors: { field: string; message: string }[]) =>
      reply.status(status).render('people/views/new.njk', {
        pageTitle: 'Add a person',
        values: body,
        dateOfBirth: forms.dateParts(body, 'dateOfBirth'),
        errors,
        ...referenceData,
      })
    try {
      const result = await people.createPerson(forms.newPersonFromForm(body), ctxOf(request), {
        confirmNotDuplicate: body.confirmNotDuplicate === 'yes',
      })
      if (result.outcome === 'created') return reply.redirect(`/people/${result.crn}?created=1`)
      const carried = Object.entries(body).filter(([k]) => k !== '_csrf' && k !== 'confirmNotDuplicate')
      return reply.render('people/views/duplicates.njk', {
        pageTitle: 'This person may already have a record',
        duplicates: result.duplicates,
        carried,
        values: body,
      })
    } catch (error) {
      if (error instanceof ValidationError) return renderForm(400, error.errors)
      throw error
    }
  })

  // Reading the record
  app.get('/people/:crn', { config: { access: 'person:read' }, schema: crnParams }, async (request, reply) => {
    const { crn } = request.params as { crn: string }
    const person = await people.getPerson(crn, ctxOf(request), { page: 'overview' })
    const { created } = request.query as { created?: string }
    return reply.render('people/views/overview.njk', {
      pageTitle: `${person.forename} ${person.surname}`,
      created: created === '1',
      ...personContext(request, person, 'overview'),
    })
  })

  app.get(
    '/people/:crn/addresses',
    { config: { access: 'person:read' }, schema: crnParams },
    async (request, reply) => {
      const { crn } = request.params as { crn: string }
      const person = await people.getPerson(crn, ctxOf(request), { page: 'addresses' })
      return reply.render('people/views/addresses.njk', {
        pageTitle: `Addresses – ${person.forename} ${person.surname}`,
        ...personContext(request, person, 'addresses'),
      })
    },
  )

  app.get('/people/:crn/audit', { config: { access: 'person:audit' }, schema: crnParams }, async (request, reply) => {
    const { crn } = request.params as { crn: string }
    const trail = await people.getAuditTrail(crn, ctxOf(request))
    return reply.render('people/views/audit.njk', {
      pageTitle: `Who has looked at ${trail.crn}`,
      trail,
      entries: trail.entries.map(e => ({ ...e, detailText: e.detail ? JSON.stringify(e.detail) : '' })),
    })
  })

  // Changing the record
  for (const page of EDIT_PAGES) {
    const render = (
      reply: FastifyReply,
      request: FastifyRequest,
      person: PersonRecord,
      values: FormBody,
      errors?: { field: string; message: string }[],
    ) =>
      reply.status(errors ? 400 : 200).render(page.template, {
        pageTitle: page.title,
        title: page.title,
        values,
        version: values.version ?? String(person.version),
        dates: {
          dateOfBirth: forms.dateParts(values, 'dateOfBirth'),
          startDate: forms.dateParts(values, 'startDate'),
          endDate: forms.dateParts(values, 'endDate'),
        },
        errors,
        ...personContext(request, person, page.page),
      })

    app.get(page.path, { config: { access: 'person:update' }, schema: crnParams }, async (request, reply) => {
      const { crn } = request.params as { crn: string }
      const person = await people.getPersonForUpdate(crn, ctxOf(request), { page: page.page })
      return render(reply, request, person, page.values(person))
    })

    app.post(
      page.path,
      { config: { access: 'person:update' }, schema: { ...crnParams, ...formSchema } },
      async (request, reply) => {
        const { crn } = request.params as { crn: string }
        const body = request.body as FormBody
        try {
          await page.save(people, crn, body, request)
          return reply.redirect(page.done(crn.toUpperCase()))
        } catch (error) {
          if (error instanceof ValidationError) {
            const person = await people.getPersonForUpdate(crn, ctxOf(request), { page: page.page })
            return render(reply, request, person, body, error.errors)
          }
          if (error instanceof ConflictError) {
            return reply.status(409).render('people/views/conflict.njk', {
              pageTitle: 'Someone else changed this record',
              crn: crn.toUpperCase(),
              retry: request.url,
            })
          }
          throw error
        }
      },
    )
  }
}
