import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { commonErrors, errorResponses } from '../../web/api-schemas.ts'
import { ctxOf } from '../../web/request-context.ts'
import { IdParams } from '../../web/schemas.ts'
import type { DirectoryService } from './directory.ts'
import { directorySearchFrom, PATHWAYS } from './directory-forms.ts'
import type { PartnerServicesService } from './service.ts'

/**
 * The directory over the JSON API (issue 18 items 1 and 6; partners:read): the same search as the page (need, area,
 * taking referrals, name; by default the caller's provider's areas) and one service. No person's data.
 */

const tags = ['partner-services']
const nullableInt = { type: 'integer', nullable: true } as const

function apiService(s: DirectoryService) {
  return {
    id: s.id,
    name: s.name,
    pathway: s.pathway,
    description: s.description,
    organisation: {
      id: s.organisation_id,
      name: s.organisation_name,
      tier: s.organisation_tier,
      legalForm: s.organisation_legal_form,
    },
    areas: s.areas.map(a => ({ id: a.id, name: a.name })),
    eligibility: { genders: s.eligible_genders, tiers: s.eligible_tiers, maxRosh: s.max_rosh },
    deliversRar: s.delivers_rar,
    capacity: s.capacity,
    placesInUse: s.placesInUse,
    waitingWeeks: s.waiting_weeks,
    fundingEndsOn: s.funding_ends_on ? String(s.funding_ends_on) : null,
    fundingEndsSoon: s.fundingEndsSoon,
    accepting: s.accepting,
    closedReason: s.closed_reason,
    loneWorkingGuidance: s.lone_working_guidance,
    active: s.active,
  }
}

const serviceSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    pathway: { type: 'string', enum: PATHWAYS.map(p => p.value) },
    description: { type: 'string' },
    organisation: {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        name: { type: 'string' },
        tier: { type: 'string', enum: ['prime', 'tier_2', 'tier_3'] },
        legalForm: { type: 'string', enum: ['company', 'charity', 'mutual', 'public_body', 'other'] },
      },
    },
    areas: {
      type: 'array',
      description: 'Regions covered; none: everywhere',
      items: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } },
    },
    eligibility: {
      type: 'object',
      properties: {
        genders: { type: 'array', items: { type: 'string', enum: ['male', 'female'] }, description: 'empty: any' },
        tiers: { type: 'array', items: { type: 'string', enum: ['A', 'B', 'C', 'D'] }, description: 'empty: any' },
        maxRosh: { type: 'string', nullable: true, enum: ['low', 'medium', 'high', 'very_high', null] },
      },
    },
    deliversRar: { type: 'boolean' },
    capacity: nullableInt,
    placesInUse: { type: 'integer', description: 'referrals accepted or in progress' },
    waitingWeeks: nullableInt,
    fundingEndsOn: { type: 'string', format: 'date', nullable: true },
    fundingEndsSoon: { type: 'boolean', description: 'funding ends within 3 months' },
    accepting: { type: 'boolean' },
    closedReason: { type: 'string', nullable: true },
    loneWorkingGuidance: { type: 'string', nullable: true },
    active: { type: 'boolean' },
  },
} as const

const ServiceResponse = Type.Unsafe<ReturnType<typeof apiService>>({
  description: 'A partner service in the directory',
  ...serviceSchema,
})

const SearchResponse = Type.Unsafe<{ services: ReturnType<typeof apiService>[]; truncated: boolean }>({
  description: 'The services matching the search, by name (at most 50)',
  type: 'object',
  properties: {
    services: { type: 'array', items: serviceSchema },
    truncated: { type: 'boolean', description: 'more matched than were returned: narrow the search' },
  },
})

const SearchQuery = Type.Object({
  pathway: Type.Optional(Type.String({ enum: PATHWAYS.map(p => p.value), description: 'the need' })),
  region: Type.Optional(
    Type.String({ pattern: '^(all|[0-9]{1,15})$', description: 'a region id, or all; default: your provider’s' }),
  ),
  accepting: Type.Optional(Type.String({ enum: ['yes'], description: 'yes: only services taking referrals' })),
  q: Type.Optional(Type.String({ maxLength: 100, description: 'part of the service’s or organisation’s name' })),
})

export const directoryApiRoutes: FastifyPluginAsyncTypebox<{ partnerServices: PartnerServicesService }> = async (
  app,
  { partnerServices: ps },
) => {
  app.get(
    '/partner-services',
    {
      schema: {
        tags,
        operationId: 'searchPartnerServices',
        summary: 'Search the directory of partner services by need, area, taking referrals and name',
        querystring: SearchQuery,
        response: { 200: SearchResponse, 400: errorResponses[400], ...commonErrors },
      },
      config: { access: 'partners:read' },
    },
    async request => {
      const found = await ps.directory.search(ctxOf(request), directorySearchFrom(request.query))
      return { services: found.services.map(apiService), truncated: found.capped }
    },
  )

  app.get(
    '/partner-services/:id',
    {
      schema: {
        tags,
        operationId: 'getPartnerService',
        summary: 'One partner service in the directory',
        params: IdParams,
        response: { 200: ServiceResponse, 404: errorResponses[404], ...commonErrors },
      },
      config: { access: 'partners:read' },
    },
    async request => apiService((await ps.directory.service(ctxOf(request), Number(request.params.id))).service),
  )
}
