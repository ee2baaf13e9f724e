import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ValidationError } from '../../errors.ts'
import { ctxOf } from '../../web/request-context.ts'
import { CrnParams } from '../../web/schemas.ts'
import {
  ADDRESS_STATUSES,
  ADDRESS_TYPES,
  GENDERS,
  type AddressView,
  type ContactDetailsInput,
  type PeopleService,
  type PersonRecord,
} from '../people/index.ts'
import { commonErrors, errorResponses } from '../../web/api-schemas.ts'

/**
 * People over the API. Each handler calls the people service (the same functions the pages use), so search,
 * access checks, limited access, audit, validation, duplicate checks and version checks are the service's;
 * this file only maps JSON in and out.
 */

const tags = ['people']
// Request schemas (TypeBox, so handlers are typed); `nullable` and `enum` kept as JSON schema with `Type.Unsafe`
// so the OpenAPI document reads as it always has.
const text = (description: string, maxLength = 100) => Type.String({ maxLength, description })
const optional = (description: string, maxLength = 100) =>
  Type.Optional(Type.Unsafe<string | null>({ type: 'string', nullable: true, maxLength, description }))
const date = (description: string) => Type.String({ format: 'date', description: `${description} (YYYY-MM-DD)` })
const optionalDate = (description: string) =>
  Type.Optional(
    Type.Unsafe<string | null>({
      type: 'string',
      format: 'date',
      description: `${description} (YYYY-MM-DD)`,
      nullable: true,
    }),
  )
const oneOf = (codes: readonly string[]) => Type.Unsafe<string>({ type: 'string', enum: [...codes] })

const ManagerSchema = {
  $id: 'Manager',
  type: 'object',
  nullable: true,
  description: 'Who manages the person now; null when not yet allocated.',
  properties: {
    provider: { type: 'string', nullable: true },
    team: { type: 'string', nullable: true },
    staff: { type: 'string', nullable: true },
  },
} as const

const PersonSummarySchema = {
  $id: 'PersonSummary',
  type: 'object',
  description:
    'A search result or duplicate candidate, as much as the policy lets the user see: `allowed` (may open it), ' +
    '`limited` (limited access: only the CRN and the reason) or `refused` (another provider’s case: who it is, and the reason).',
  required: ['access', 'crn'],
  properties: {
    access: { type: 'string', enum: ['allowed', 'limited', 'refused'] },
    crn: { type: 'string' },
    name: { type: 'string' },
    dateOfBirth: { type: 'string', format: 'date' },
    matchedAlias: {
      type: 'string',
      nullable: true,
      description: 'The alias that matched, when the match was on an alias',
    },
    dateOfBirthMatches: {
      type: 'boolean',
      nullable: true,
      description: 'Whether the date of birth asked for matches (null when none was asked)',
    },
    manager: { $ref: 'Manager#' },
    reason: { type: 'string', description: 'Why the record cannot be opened' },
  },
} as const

const AddressSchema = {
  $id: 'Address',
  type: 'object',
  required: ['id', 'status', 'lines', 'startDate'],
  properties: {
    id: { type: 'integer' },
    status: { type: 'string', enum: ADDRESS_STATUSES.map(s => s.code) },
    statusText: { type: 'string' },
    addressType: { type: 'string', nullable: true, enum: [...ADDRESS_TYPES.map(t => t.code), null] },
    addressTypeText: { type: 'string', nullable: true },
    building: { type: 'string', nullable: true },
    street: { type: 'string', nullable: true },
    district: { type: 'string', nullable: true },
    town: { type: 'string', nullable: true },
    county: { type: 'string', nullable: true },
    postcode: { type: 'string', nullable: true },
    lines: {
      type: 'array',
      items: { type: 'string' },
      description: 'Building, street, district, town and county, those given, for display',
    },
    telephone: { type: 'string', nullable: true },
    startDate: { type: 'string', format: 'date' },
    endDate: { type: 'string', format: 'date', nullable: true, description: 'When they left; null while current' },
    notes: { type: 'string', nullable: true },
    supersededBy: {
      type: 'integer',
      nullable: true,
      description: 'The address that replaced this one as their main address',
    },
  },
} as const

const PersonSchema = {
  $id: 'Person',
  type: 'object',
  required: ['crn', 'version', 'forename', 'surname', 'dateOfBirth', 'gender'],
  properties: {
    crn: { type: 'string' },
    version: { type: 'integer', description: 'Send this back with any change; a stale version is refused with 409' },
    forename: { type: 'string' },
    middleNames: { type: 'string', nullable: true },
    surname: { type: 'string' },
    preferredName: { type: 'string', nullable: true },
    dateOfBirth: { type: 'string', format: 'date' },
    gender: { type: 'string', enum: GENDERS.map(g => g.code) },
    pnc: { type: 'string', nullable: true, description: 'Police National Computer id, long form YYYY/NNNNNNNA' },
    cro: { type: 'string', nullable: true },
    noms: { type: 'string', nullable: true, description: 'Prison number' },
    contact: {
      type: 'object',
      properties: {
        phone: { type: 'string', nullable: true },
        mobile: { type: 'string', nullable: true },
        email: { type: 'string', nullable: true },
      },
    },
    aliases: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          forename: { type: 'string' },
          surname: { type: 'string' },
          dateOfBirth: { type: 'string', format: 'date', nullable: true },
        },
      },
    },
    addresses: { type: 'array', items: { $ref: 'Address#' }, description: 'Current addresses (main, bail, secondary)' },
    manager: { $ref: 'Manager#' },
    canUpdate: { type: 'boolean', description: 'Whether this token’s user may change the record' },
    updateRefusal: { type: 'string', nullable: true, description: 'Why not, when they may not' },
  },
} as const

const ChangeResultSchema = {
  $id: 'ChangeResult',
  type: 'object',
  required: ['crn', 'version'],
  properties: {
    crn: { type: 'string' },
    version: { type: 'integer', description: 'The record’s new version, for the next change' },
  },
} as const

/** Added to the API's scope (before the OpenAPI plugin) by `routes.ts`. */
export const peopleSchemas = [ManagerSchema, PersonSummarySchema, AddressSchema, PersonSchema, ChangeResultSchema]

const DuplicatesResponse = {
  description:
    'Possible duplicates: nothing was created. Check the candidates, then send again with `"confirmNotDuplicate": true`.',
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'candidates'],
      properties: {
        code: { type: 'string', enum: ['possible_duplicate'] },
        message: { type: 'string' },
        candidates: { type: 'array', items: { $ref: 'PersonSummary#' } },
      },
    },
  },
} as const

const versioned = { version: Type.Integer({ minimum: 1, description: 'The `version` of the record you read' }) }

const SearchQuery = Type.Object(
  {
    q: Type.Optional(text('A name, CRN, PNC, prison number or CRO number', 200)),
    dob: Type.Optional(date('Date of birth')),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
  },
  { additionalProperties: false },
)

const NewPersonBody = Type.Object(
  {
    forename: text('First name'),
    middleNames: optional('Middle names'),
    surname: text('Last name'),
    preferredName: optional('Preferred name'),
    dateOfBirth: date('Date of birth'),
    gender: oneOf(GENDERS.map(g => g.code)),
    pnc: optional('PNC id, either form: YYYY/NNNNNNNA or YY/NNNNNNNA', 20),
    cro: optional('CRO number', 20),
    noms: optional('Prison number, e.g. A1234BC', 10),
    phone: optional('Telephone number', 30),
    mobile: optional('Mobile number', 30),
    email: optional('Email address', 254),
    confirmNotDuplicate: Type.Optional(
      Type.Boolean({ default: false, description: 'Create even though possible duplicates were found' }),
    ),
  },
  { additionalProperties: false },
)

const ContactDetailsBody = Type.Object(
  {
    ...versioned,
    phone: optional('Telephone number', 30),
    mobile: optional('Mobile number', 30),
    email: optional('Email address', 254),
  },
  { additionalProperties: false },
)

const AddressBody = Type.Object(
  {
    ...versioned,
    status: oneOf(ADDRESS_STATUSES.map(s => s.code)),
    addressType: Type.Optional(
      Type.Unsafe<string | null>({ type: 'string', nullable: true, enum: [...ADDRESS_TYPES.map(t => t.code), null] }),
    ),
    building: optional('Building name or number'),
    street: optional('Street'),
    district: optional('District'),
    town: optional('Town or city'),
    county: optional('County'),
    postcode: optional('Postcode', 10),
    telephone: optional('Telephone number at the address', 30),
    startDate: date('When they moved in (or the address started)'),
    endDate: optionalDate('When they left (previous addresses only)'),
    notes: optional('Notes', 4000),
  },
  { additionalProperties: false },
)

function addressJson(a: AddressView) {
  return {
    id: a.id,
    status: a.status,
    statusText: a.statusText,
    addressType: a.parts.addressTypeCode,
    addressTypeText: a.addressType,
    building: a.parts.building,
    street: a.parts.street,
    district: a.parts.district,
    town: a.parts.town,
    county: a.parts.county,
    postcode: a.postcode,
    lines: a.lines,
    telephone: a.telephone,
    startDate: a.startDate,
    endDate: a.endDate,
    notes: a.notes,
    supersededBy: a.supersededBy,
  }
}

/** The API's view of a person: the record less the page-only parts (internal ids, equality data, circumstances). */
function personJson(p: PersonRecord) {
  return {
    crn: p.crn,
    version: p.version,
    forename: p.forename,
    middleNames: p.middleNames,
    surname: p.surname,
    preferredName: p.preferredName,
    dateOfBirth: p.dateOfBirth,
    gender: p.gender,
    pnc: p.pnc,
    cro: p.cro,
    noms: p.noms,
    contact: p.contact,
    aliases: p.aliases.map(a => ({ forename: a.forename, surname: a.surname, dateOfBirth: a.dateOfBirth })),
    addresses: p.addresses.current.map(addressJson),
    manager: p.manager,
    canUpdate: p.canUpdate,
    updateRefusal: p.updateRefusal,
  }
}

type PeopleApi = FastifyPluginAsyncTypebox<{ people: PeopleService }>
type App = Parameters<PeopleApi>[0]

export const peopleApiRoutes: PeopleApi = async (app, { people }) => {
  searchRoute(app, people)
  getPersonRoute(app, people)
  createPersonRoute(app, people)
  contactDetailsRoute(app, people)
  addAddressRoute(app, people)
  listAddressesRoute(app, people)
}

function searchRoute(app: App, people: PeopleService) {
  app.get(
    '/people',
    {
      schema: {
        tags,
        operationId: 'searchPeople',
        summary: 'Search for people',
        description:
          'By exact CRN, PNC (either form), prison number or CRO number, or by name (any order; typos, accents, aliases and ' +
          'sound-alike surnames forgiven), optionally narrowed or ranked by date of birth. Every search is audited. ' +
          'Records the user may not open are listed with only what the policy allows and the reason.',
        querystring: SearchQuery,
        response: {
          200: {
            description: 'The matches, best first',
            type: 'object',
            required: ['matchedBy', 'results', 'truncated'],
            properties: {
              matchedBy: {
                type: 'string',
                enum: ['crn', 'pnc', 'noms', 'cro', 'name', 'date-of-birth', 'none'],
                description: 'How the query was read',
              },
              results: { type: 'array', items: { $ref: 'PersonSummary#' } },
              truncated: { type: 'boolean', description: 'More matched than `limit`' },
            },
          },
          400: errorResponses[400],
          ...commonErrors,
        },
      },
      config: { access: 'person:search' },
    },
    async request => {
      const outcome = await people.search(request.query, ctxOf(request))
      if (outcome.errors.length) throw new ValidationError(outcome.errors)
      return { matchedBy: outcome.matchedBy, results: outcome.results, truncated: outcome.truncated }
    },
  )
}

function getPersonRoute(app: App, people: PeopleService) {
  app.get(
    '/people/:crn',
    {
      schema: {
        tags,
        operationId: 'getPerson',
        summary: 'Read a person’s record',
        description:
          'Audited as a view. 403 with the reason when the policy refuses (another provider’s case, limited access).',
        params: CrnParams,
        response: { 200: { description: 'The record', $ref: 'Person#' }, 404: errorResponses[404], ...commonErrors },
      },
      config: { access: 'person:read', audit: { action: 'PERSON_VIEW', page: 'api' } },
    },
    async request => personJson(await people.viewPerson(request.params.crn, ctxOf(request))),
  )
}

function createPersonRoute(app: App, people: PeopleService) {
  app.post(
    '/people',
    {
      schema: {
        tags,
        operationId: 'createPerson',
        summary: 'Create a person',
        description:
          'Creates a record and allocates its CRN. Unless `confirmNotDuplicate` is true, likely duplicates (same PNC or prison ' +
          'number, or the same date of birth and a similar name) are answered 409 with the candidates and nothing is created. ' +
          'A PNC or prison number already on another record is always refused (400).',
        body: NewPersonBody,
        response: {
          201: { description: 'Created', $ref: 'ChangeResult#' },
          400: errorResponses[400],
          409: DuplicatesResponse,
          ...commonErrors,
        },
      },
      config: { access: 'person:create' },
    },
    async (request, reply) => {
      const { confirmNotDuplicate, ...input } = request.body
      const result = await people.createPerson(input, ctxOf(request), { confirmNotDuplicate })
      if (result.outcome === 'possible-duplicates') {
        return reply.status(409).send({
          error: {
            code: 'possible_duplicate',
            message:
              'This person may already have a record. Check the candidates; to create a new record anyway, send again with "confirmNotDuplicate": true.',
            candidates: result.duplicates,
          },
        })
      }
      return reply
        .status(201)
        .header('location', `${app.prefix}/people/${result.crn}`)
        .send({ crn: result.crn, version: 1 })
    },
  )
}

function contactDetailsRoute(app: App, people: PeopleService) {
  app.patch(
    '/people/:crn/contact-details',
    {
      schema: {
        tags,
        operationId: 'updateContactDetails',
        summary: 'Change phone, mobile or email',
        description:
          'Only the fields sent are changed; `null` clears one. 409 when `version` is stale (nothing is changed).',
        params: CrnParams,
        body: ContactDetailsBody,
        response: {
          200: { description: 'Changed; the record’s new version', $ref: 'ChangeResult#' },
          400: errorResponses[400],
          404: errorResponses[404],
          409: errorResponses[409],
          ...commonErrors,
        },
      },
      config: { access: 'person:update' },
    },
    async request => {
      const ctx = ctxOf(request)
      const { crn } = request.params
      const body = request.body
      if (body.phone === undefined && body.mobile === undefined && body.email === undefined) {
        throw new ValidationError([{ field: 'body', message: 'Send at least one of phone, mobile and email' }])
      }
      let input: ContactDetailsInput = body
      // The service sets all three; keep what was not sent. Reading at this version is safe: if the record has
      // moved on since, the version check refuses the change anyway.
      if (body.phone === undefined || body.mobile === undefined || body.email === undefined) {
        const current = (await people.getPersonForUpdate(crn, ctx, { page: 'api:contact-details' })).contact
        input = {
          version: body.version,
          phone: body.phone === undefined ? current.phone : body.phone,
          mobile: body.mobile === undefined ? current.mobile : body.mobile,
          email: body.email === undefined ? current.email : body.email,
        }
      }
      return people.updateContactDetails(crn, input, ctx)
    },
  )
}

function addAddressRoute(app: App, people: PeopleService) {
  app.post(
    '/people/:crn/addresses',
    {
      schema: {
        tags,
        operationId: 'addAddress',
        summary: 'Add an address, or record a move',
        description:
          'A new main address (or no fixed abode) supersedes the current one: the old address is kept, with the move date as ' +
          'its end date. 409 when `version` is stale.',
        params: CrnParams,
        body: AddressBody,
        response: {
          201: {
            description: 'Added',
            type: 'object',
            required: ['crn', 'version', 'addressId'],
            properties: { crn: { type: 'string' }, version: { type: 'integer' }, addressId: { type: 'integer' } },
          },
          400: errorResponses[400],
          404: errorResponses[404],
          409: errorResponses[409],
          ...commonErrors,
        },
      },
      config: { access: 'person:update' },
    },
    async (request, reply) =>
      reply.status(201).send(await people.addAddress(request.params.crn, request.body, ctxOf(request))),
  )
}

function listAddressesRoute(app: App, people: PeopleService) {
  app.get(
    '/people/:crn/addresses',
    {
      schema: {
        tags,
        operationId: 'listAddresses',
        summary: 'A person’s addresses, with history',
        description:
          'Current addresses, then previous ones (each with its end date and the address that superseded it). Audited as a view.',
        params: CrnParams,
        response: {
          200: {
            description: 'Current and previous addresses',
            type: 'object',
            required: ['crn', 'version', 'current', 'previous'],
            properties: {
              crn: { type: 'string' },
              version: { type: 'integer' },
              current: { type: 'array', items: { $ref: 'Address#' } },
              previous: { type: 'array', items: { $ref: 'Address#' } },
            },
          },
          404: errorResponses[404],
          ...commonErrors,
        },
      },
      config: { access: 'person:read', audit: { action: 'PERSON_VIEW', page: 'api:addresses' } },
    },
    async request => {
      const person = await people.viewPerson(request.params.crn, ctxOf(request))
      return {
        crn: person.crn,
        version: person.version,
        current: person.addresses.current.map(addressJson),
        previous: person.addresses.previous.map(addressJson),
      }
    },
  )
}
