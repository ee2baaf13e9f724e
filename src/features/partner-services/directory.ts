import { LocalDate } from '@js-joda/core'
import { audit, type RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import { hasPermission } from '../../access/policy.ts'
import { fundingEndsSoon } from '../../domain/partner-services/eligibility.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts'
import type { Parsed } from '../../web/forms.ts'
import type { PartnerDeps } from './context.ts'
import type { AcceptingCommand, DirectorySearch, OrganisationCommand, ServiceCommand } from './directory-forms.ts'
import * as q from './queries/directory.ts'

/**
 * The directory of partner services (issue 18 items 1–2; rules-and-outcomes.md §1.4): searching services by need,
 * area, whether they take referrals and name; organisations with their tier, legal form and prime; services with
 * their areas, eligibility, capacity, waiting time and funding. Every change to a service appends a
 * partner_service_changes row and an audit row; a stale form (version) is refused and changes nothing.
 */

/** At most this many results on a page (the count says how many matched). */
export const DIRECTORY_LIMIT = 50

const STALE = 'Someone else changed this while you were editing it. Reload the page and make your change again'

export const canManagePartners = (ctx: RequestContext) => hasPermission(ctx.user, 'partners:manage')

export interface DirectoryService extends Omit<q.ServiceRow, 'places_in_use'> {
  readonly placesInUse: number
  readonly areas: readonly { id: number; name: string }[]
  readonly fundingEndsSoon: boolean
}

async function withAreas(db: Executor, rows: q.ServiceRow[], today: LocalDate): Promise<DirectoryService[]> {
  const areas = await q.areasOfServices(
    db,
    rows.map(r => Number(r.id)),
  )
  return rows.map(({ places_in_use, ...r }) => ({
    ...r,
    id: Number(r.id),
    organisation_id: Number(r.organisation_id),
    placesInUse: Number(places_in_use ?? 0),
    areas: areas
      .filter(a => Number(a.service_id) === Number(r.id))
      .map(a => ({ id: Number(a.region_id), name: a.name })),
    fundingEndsSoon: fundingEndsSoon(r.funding_ends_on ? LocalDate.parse(String(r.funding_ends_on)) : null, today),
  }))
}

async function search(deps: PartnerDeps, ctx: RequestContext, filter: DirectorySearch) {
  const { db, clock } = deps
  const providerId = ctx.user?.providerId ?? null
  const regions = await q.listRegions(db)
  const own = regions.filter(r => providerId !== null && Number(r.provider_id) === providerId).map(r => Number(r.id))
  const regionIds = filter.region === 'all' ? [] : filter.region !== null ? [filter.region] : own
  const rows = await q.searchServices(db, {
    pathway: filter.pathway,
    regionIds,
    acceptingOnly: filter.acceptingOnly,
    text: filter.text,
    limit: DIRECTORY_LIMIT,
  })
  const capped = rows.length > DIRECTORY_LIMIT
  const services = await withAreas(db, rows.slice(0, DIRECTORY_LIMIT), clock.today())
  const region = filter.region ?? (own.length === 1 ? own[0]! : own.length ? 'own' : 'all')
  return { services, capped, regions, region, filter }
}

async function openService(db: Executor, id: number, today: LocalDate): Promise<DirectoryService> {
  const row = await q.findService(db, id)
  if (!row) throw new NotFoundError('There is no such service')
  return (await withAreas(db, [row], today))[0]!
}

async function servicePage(deps: PartnerDeps, ctx: RequestContext, id: number) {
  const service = await openService(deps.db, id, deps.clock.today())
  const changes = await q.serviceChanges(deps.db, id)
  return { service, changes, canManage: canManagePartners(ctx) }
}

async function openOrganisation(db: Executor, id: number) {
  const row = await q.findOrganisation(db, id)
  if (!row) throw new NotFoundError('There is no such organisation')
  return row
}

async function organisationPage(deps: PartnerDeps, ctx: RequestContext, id: number) {
  const organisation = await openOrganisation(deps.db, id)
  const [rows, users] = await Promise.all([q.servicesOfOrganisation(deps.db, id), q.usersOfOrganisation(deps.db, id)])
  const services = await withAreas(deps.db, rows, deps.clock.today())
  return { organisation, services, users, canManage: canManagePartners(ctx) }
}

async function checkPrime(db: Executor, c: OrganisationCommand, selfId: number | null) {
  if (await q.organisationCodeTaken(db, c.code, selfId))
    throw new ValidationError([
      { field: 'code', message: `The code ${c.code} is already used by another organisation` },
    ])
  if (c.primeId === null) return
  const primes = await q.listPrimes(db)
  if (c.primeId === selfId || !primes.some(p => Number(p.id) === c.primeId))
    throw new ValidationError([{ field: 'primeId', message: 'Choose the prime provider from the list' }])
}

const organisationColumns = (c: OrganisationCommand) => ({
  code: c.code,
  name: c.name,
  tier: c.tier,
  legal_form: c.legalForm,
  registration_number: c.registrationNumber,
  prime_id: c.primeId,
  contact_email: c.contactEmail,
  contact_phone: c.contactPhone,
  website: c.website,
})

async function saveOrganisation(
  deps: PartnerDeps,
  ctx: RequestContext,
  id: number | null,
  command: Parsed<OrganisationCommand>,
) {
  if (!command.ok) throw new ValidationError(command.errors)
  const c = command.value
  return deps.db.transaction().execute(async trx => {
    await checkPrime(trx, c, id)
    const columns = organisationColumns(c)
    if (id === null) {
      const created = await q.insertOrganisation(trx, { ...columns, created_by: ctx.user?.id ?? null })
      await audit(trx, ctx, { action: 'PARTNER_ORG_CREATE', subject: c.code, detail: { id: created, ...columns } })
      return created
    }
    const before = await openOrganisation(trx, id)
    if (!(await q.updateOrganisation(trx, id, c.version, { ...columns, updated_at: deps.clock.now() })))
      throw new ConflictError(STALE)
    await audit(trx, ctx, {
      action: 'PARTNER_ORG_CHANGE',
      subject: c.code,
      detail: { id, before: { name: before.name, tier: before.tier, primeId: before.prime_id }, after: columns },
    })
    return id
  })
}

export function createDirectoryUseCases(deps: PartnerDeps) {
  const { db } = deps
  return {
    search: (ctx: RequestContext, filter: DirectorySearch) => search(deps, ctx, filter),
    service: (ctx: RequestContext, id: number) => servicePage(deps, ctx, id),
    organisations: async (ctx: RequestContext) => ({
      organisations: await q.listOrganisations(db),
      canManage: canManagePartners(ctx),
    }),
    organisation: (ctx: RequestContext, id: number) => organisationPage(deps, ctx, id),
    organisationForm: async (id: number | null) => ({
      organisation: id === null ? null : await openOrganisation(db, id),
      primes: (await q.listPrimes(db)).filter(p => Number(p.id) !== id),
    }),
    serviceForm: async (ids: { serviceId?: number; organisationId?: number }) => {
      const service = ids.serviceId ? await openService(db, ids.serviceId, deps.clock.today()) : null
      const organisation = await openOrganisation(db, service?.organisation_id ?? ids.organisationId ?? 0)
      return { service, organisation, regions: await q.listRegions(db) }
    },
    createOrganisation: (ctx: RequestContext, c: Parsed<OrganisationCommand>) => saveOrganisation(deps, ctx, null, c),
    changeOrganisation: (ctx: RequestContext, id: number, c: Parsed<OrganisationCommand>) =>
      saveOrganisation(deps, ctx, id, c),
    ...serviceChangeUseCases(deps),
  }
}

const serviceColumns = (c: ServiceCommand) => ({
  name: c.name,
  pathway: c.pathway,
  description: c.description,
  eligible_genders: c.eligibleGenders,
  eligible_tiers: c.eligibleTiers,
  max_rosh: c.maxRosh,
  delivers_rar: c.deliversRar,
  capacity: c.capacity,
  waiting_weeks: c.waitingWeeks,
  funding_ends_on: c.fundingEndsOn?.toString() ?? null,
  lone_working_guidance: c.loneWorkingGuidance,
})

async function checkRegions(db: Executor, ids: readonly number[]) {
  const known = new Set((await q.listRegions(db)).map(r => Number(r.id)))
  if (ids.some(id => !known.has(id)))
    throw new ValidationError([{ field: 'areas', message: 'Choose areas from the list' }])
}

/** What changed between the stored service and the command, field by field (for the change history). */
function differences(before: DirectoryService, after: ReturnType<typeof serviceColumns>, regionIds: number[]) {
  const changed: Record<string, { from: unknown; to: unknown }> = {}
  for (const [key, value] of Object.entries(after)) {
    const old = (before as unknown as Record<string, unknown>)[key]
    const was = old === undefined || old === null ? null : Array.isArray(old) ? old : String(old)
    const now = value === null ? null : Array.isArray(value) ? value : String(value)
    if (JSON.stringify(was) !== JSON.stringify(now)) changed[key] = { from: was, to: now }
  }
  const areasBefore = before.areas.map(a => a.id).sort((a, b) => a - b)
  const areasAfter = [...regionIds].sort((a, b) => a - b)
  if (JSON.stringify(areasBefore) !== JSON.stringify(areasAfter)) changed.areas = { from: areasBefore, to: areasAfter }
  return changed
}

function serviceChangeUseCases(deps: PartnerDeps) {
  const { db, clock } = deps
  const by = (ctx: RequestContext) => ctx.user?.id ?? null
  return {
    async createService(ctx: RequestContext, organisationId: number, command: Parsed<ServiceCommand>) {
      if (!command.ok) throw new ValidationError(command.errors)
      const c = command.value
      return db.transaction().execute(async trx => {
        await openOrganisation(trx, organisationId)
        await checkRegions(trx, c.regionIds)
        const columns = serviceColumns(c)
        const id = await q.insertService(trx, { ...columns, organisation_id: organisationId, created_by: by(ctx) })
        await q.replaceServiceAreas(trx, id, c.regionIds)
        const detail = { ...columns, areas: c.regionIds, accepting: true }
        await q.insertServiceChange(trx, {
          service_id: id,
          change: 'created',
          detail,
          changed_by: by(ctx),
          changed_at: clock.now(),
        })
        await audit(trx, ctx, { action: 'PARTNER_SERVICE_CREATE', subject: c.name, detail: { id, organisationId } })
        return id
      })
    },

    async changeService(ctx: RequestContext, id: number, command: Parsed<ServiceCommand>) {
      if (!command.ok) throw new ValidationError(command.errors)
      const c = command.value
      return db.transaction().execute(async trx => {
        const before = await openService(trx, id, clock.today())
        await checkRegions(trx, c.regionIds)
        const columns = serviceColumns(c)
        if (!(await q.updateService(trx, id, c.version, { ...columns, updated_at: clock.now() })))
          throw new ConflictError(STALE)
        await q.replaceServiceAreas(trx, id, c.regionIds)
        const detail = differences(before, columns, c.regionIds)
        await q.insertServiceChange(trx, {
          service_id: id,
          change: 'changed',
          detail,
          changed_by: by(ctx),
          changed_at: clock.now(),
        })
        await audit(trx, ctx, {
          action: 'PARTNER_SERVICE_CHANGE',
          subject: c.name,
          detail: { id, changed: Object.keys(detail) },
        })
      })
    },

    async setAccepting(ctx: RequestContext, id: number, command: Parsed<AcceptingCommand>) {
      if (!command.ok) throw new ValidationError(command.errors)
      const c = command.value
      return db.transaction().execute(async trx => {
        const before = await openService(trx, id, clock.today())
        const row = { accepting: c.accepting, closed_reason: c.reason, updated_at: clock.now() }
        if (!(await q.updateService(trx, id, c.version, row))) throw new ConflictError(STALE)
        const change = c.accepting ? 'reopened' : 'closed'
        const detail = { accepting: c.accepting, reason: c.reason, wasAccepting: before.accepting }
        await q.insertServiceChange(trx, {
          service_id: id,
          change,
          detail,
          changed_by: by(ctx),
          changed_at: clock.now(),
        })
        await audit(trx, ctx, { action: 'PARTNER_SERVICE_ACCEPTING', subject: before.name, detail: { id, ...detail } })
      })
    },
  }
}
