import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { ConflictError, type FieldError } from '../../errors.ts'
import { dateParts, formBody, submitForm, text, type FormBody } from '../../web/forms.ts'
import { ctxOf } from '../../web/request-context.ts'
import * as forms from './forms.ts'
import { personContext } from './presenters.ts'
import { PersonCrnParams } from './schemas.ts'
import type { PeopleService, PersonRecord } from './service.ts'

/**
 * The "add or change something on the record" pages: GET shows the form (the view audited by the route as
 * PERSON_VIEW with the page), POST parses the form into the service's command and saves, re-renders with errors
 * (400; the record re-read for the form is audited by the service, as the answer is not a success), or shows the
 * conflict page (409) when someone else changed the record first.
 */

type App = Parameters<FastifyPluginAsyncTypebox<{ people: PeopleService }>>[0]

interface EditPage<C> {
  path: string
  /** The page named in the audit row. */
  page: string
  template: string
  title: string
  /** What the form shows first. */
  values: (person: PersonRecord) => FormBody
  parse: (body: FormBody) => C
  save: (people: PeopleService, crn: string, command: C, ctx: ReturnType<typeof ctxOf>) => Promise<unknown>
  done: (crn: string) => string
}

export const editPages: FastifyPluginAsyncTypebox<{ people: PeopleService }> = async (app, { people }) => {
  registerEditPage(app, people, {
    path: '/people/:crn/personal-details',
    page: 'contact-details',
    template: 'people/views/contact-details.njk',
    title: 'Change contact details',
    values: p => ({ phone: p.contact.phone ?? '', mobile: p.contact.mobile ?? '', email: p.contact.email ?? '' }),
    parse: forms.contactDetailsFromForm,
    save: (s, crn, command, ctx) => s.updateContactDetails(crn, command, ctx),
    done: crn => `/people/${crn}`,
  })
  registerEditPage(app, people, {
    path: '/people/:crn/addresses/new',
    page: 'add-address',
    template: 'people/views/address-form.njk',
    title: 'Add an address or record a move',
    values: () => ({ status: 'main' }),
    parse: forms.addressFromForm,
    save: (s, crn, command, ctx) => s.addAddress(crn, command, ctx),
    done: crn => `/people/${crn}/addresses`,
  })
  registerEditPage(app, people, {
    path: '/people/:crn/aliases/new',
    page: 'add-alias',
    template: 'people/views/alias-form.njk',
    title: 'Add an alias',
    values: () => ({}),
    parse: forms.aliasFromForm,
    save: (s, crn, command, ctx) => s.addAlias(crn, command, ctx),
    done: crn => `/people/${crn}`,
  })
  registerDetailPages(app, people)
}

/** Circumstances, disabilities and equality information. */
function registerDetailPages(app: App, people: PeopleService) {
  registerEditPage(app, people, {
    path: '/people/:crn/circumstances/new',
    page: 'add-circumstance',
    template: 'people/views/circumstance-form.njk',
    title: 'Add a personal circumstance',
    values: () => ({}),
    parse: forms.circumstanceFromForm,
    save: (s, crn, command, ctx) => s.addCircumstance(crn, command, ctx),
    done: crn => `/people/${crn}#circumstances`,
  })
  registerEditPage(app, people, {
    path: '/people/:crn/disabilities/new',
    page: 'add-disability',
    template: 'people/views/disability-form.njk',
    title: 'Add a disability or adjustment',
    values: () => ({}),
    parse: forms.disabilityFromForm,
    save: (s, crn, command, ctx) => s.addDisability(crn, command, ctx),
    done: crn => `/people/${crn}#disabilities`,
  })
  registerEditPage(app, people, {
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
    parse: forms.equalityFromForm,
    save: (s, crn, command, ctx) => s.updateEquality(crn, command, ctx),
    done: crn => `/people/${crn}#equality`,
  })
}

function registerEditPage<C>(app: App, people: PeopleService, page: EditPage<C>) {
  app.get(
    page.path,
    {
      config: { access: 'person:update', audit: { action: 'PERSON_VIEW', page: page.page } },
      schema: { params: PersonCrnParams },
    },
    async (request, reply) => {
      const person = await people.viewPersonForUpdate(request.params.crn, ctxOf(request))
      return renderForm(reply, request, page, person, page.values(person))
    },
  )

  app.post(
    page.path,
    { config: { access: 'person:update' }, schema: { params: PersonCrnParams, body: formBody() } },
    async (request, reply) => {
      const { crn } = request.params
      const body = request.body
      const ctx = ctxOf(request)
      try {
        return await submitForm(reply, () => page.save(people, crn, page.parse(body), ctx), {
          rerender: async errors => {
            const person = await people.getPersonForUpdate(crn, ctx, { page: page.page })
            return renderForm(reply, request, page, person, body, errors)
          },
          redirect: () => page.done(crn.toUpperCase()),
          redirectStatus: 302,
        })
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error
        return reply.status(409).render('people/views/conflict.njk', {
          pageTitle: 'Someone else changed this record',
          crn: crn.toUpperCase(),
          retry: request.url,
        })
      }
    },
  )
}

function renderForm<C>(
  reply: FastifyReply,
  request: FastifyRequest,
  page: EditPage<C>,
  person: PersonRecord,
  values: FormBody,
  errors?: FieldError[],
) {
  return reply.status(errors ? 400 : 200).render(page.template, {
    pageTitle: page.title,
    title: page.title,
    values,
    version: text(values, 'version') || String(person.version),
    dates: {
      dateOfBirth: dateParts(values, 'dateOfBirth'),
      startDate: dateParts(values, 'startDate'),
      endDate: dateParts(values, 'endDate'),
    },
    errors,
    ...personContext(request, person, page.page),
  })
}
