import { audit, publish, type RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import { hasPermission } from '../../access/policy.ts'
import { ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts'
import type { Parsed } from '../../web/forms.ts'
import { upwProvider, type UpwDeps } from './context.ts'
import type { ProjectCommand } from './projects-forms.ts'
import * as q from './queries/projects.ts'
import { moveNominationWithProject } from './nominations.ts'

/**
 * Unpaid work projects (issue 17 item 1; rules-and-outcomes.md §2.1–2.2): the provider's list, a project's page
 * (its sessions, supervisors and photos), creating one (from a Community Payback nomination, which it accepts),
 * changing it and marking it complete (the nomination completed). Projects belong to a provider: another provider's
 * user gets "not found". Each change is audited and published (`upw.project.created`, `upw.project.completed`).
 */

/** The provider whose projects the user may open, or null for a national role (every provider's). */
function readableProvider(ctx: RequestContext): number | null {
  const provider = upwProvider(ctx)
  if (provider === 'none') throw new ForbiddenError('You need to belong to a provider to see its unpaid work')
  return provider
}

/** The project, refused as not found when it is another provider's. */
export async function openProject(db: Executor, ctx: RequestContext, id: number): Promise<q.ProjectRow> {
  const provider = readableProvider(ctx)
  const project = await q.findProject(db, id)
  if (!project || (provider !== null && project.provider_id !== provider))
    throw new NotFoundError('There is no such project')
  return project
}

/** The provider a new project is for: the user's own (a national role's through their staff record). */
async function owningProvider(db: Executor, ctx: RequestContext): Promise<number> {
  const provider = readableProvider(ctx)
  if (provider !== null) return provider
  const own = ctx.user ? await q.providerOfUser(db, ctx.user.id) : null
  if (own === null) throw new ForbiddenError('You need to belong to a provider to create its projects')
  return own
}

export const canManageUpw = (ctx: RequestContext) => hasPermission(ctx.user, 'upw:manage')

const NOMINATION_OPEN = ['received', 'being_assessed', 'accepted']

/** The nomination a project comes from, when it is the provider's (or no provider's) and still open. */
async function openNomination(db: Executor, providerId: number, id: number) {
  const n = await q.findNomination(db, id)
  if (!n || (n.provider_id !== null && n.provider_id !== providerId))
    throw new NotFoundError('There is no such nomination')
  return n
}

const columns = (c: ProjectCommand) => ({
  name: c.name,
  project_type: c.projectType,
  placement_kind: c.placementKind,
  beneficiary_name: c.beneficiaryName,
  beneficiary_contact: c.beneficiaryContact,
  address: c.address,
  postcode: c.postcode,
  latitude: c.latitude,
  longitude: c.longitude,
  toilets: c.facilities.includes('toilets'),
  hand_washing: c.facilities.includes('hand_washing'),
  drinking_water: c.facilities.includes('drinking_water'),
  shelter: c.facilities.includes('shelter'),
  public_contact: c.risks.includes('public_contact'),
  children_present: c.risks.includes('children_present'),
  vulnerable_adults_present: c.risks.includes('vulnerable_adults_present'),
  risk_notes: c.riskNotes,
  capacity: c.capacity,
  travel_time_credited: c.travelTimeCredited,
  start_date: c.startDate.toString(),
  end_date: c.endDate?.toString() ?? null,
  public_description: c.publicDescription,
})

async function checkSupervisors(db: Executor, providerId: number, ids: number[]) {
  const allowed = new Set((await q.supervisorsOf(db, providerId)).map(s => Number(s.id)))
  if (ids.some(id => !allowed.has(id)))
    throw new ValidationError([{ field: 'supervisors', message: 'Choose supervisors from your provider' }])
}

async function syncSupervisors(db: Executor, ctx: RequestContext, projectId: number, wanted: number[], at: Date) {
  const by = ctx.user?.id ?? null
  const current = (await q.projectSupervisors(db, projectId)).map(s => Number(s.id))
  for (const id of wanted.filter(w => !current.includes(w))) await q.addSupervisor(db, projectId, id, by)
  for (const id of current.filter(c => !wanted.includes(c))) await q.removeSupervisor(db, projectId, id, by, at)
}

export function createProjectsUseCases(deps: UpwDeps) {
  const { db, clock } = deps
  return {
    /** The provider's projects (every provider's for a national role). */
    async list(ctx: RequestContext) {
      return { projects: await q.listProjects(db, readableProvider(ctx)), canManage: canManageUpw(ctx) }
    },

    /** A project's page: the project, its supervisors, sessions and how many photos it has. */
    async page(ctx: RequestContext, id: number) {
      const project = await openProject(db, ctx, id)
      const [supervisors, sessions, photos] = await Promise.all([
        q.projectSupervisors(db, id),
        q.sessionsOfProject(db, id),
        q.photoCount(db, id),
      ])
      return { project, supervisors, sessions, photos, canManage: canManageUpw(ctx), today: clock.today() }
    },

    /** What the new or change form starts from: the supervisors to choose, the project or the nomination. */
    async form(ctx: RequestContext, ids: { projectId?: number; nominationId?: number }) {
      const project = ids.projectId ? await openProject(db, ctx, ids.projectId) : null
      const providerId = project?.provider_id ?? (await owningProvider(db, ctx))
      const nomination = ids.nominationId ? await openNomination(db, providerId, ids.nominationId) : null
      const [choices, supervisors] = await Promise.all([
        q.supervisorsOf(db, providerId),
        project ? q.projectSupervisors(db, project.id) : Promise.resolve([]),
      ])
      return { project, nomination, choices, supervisorIds: supervisors.map(s => Number(s.id)) }
    },

    /** Creates a project; from a nomination, links it and accepts the nomination if it was not yet. */
    async create(ctx: RequestContext, command: Parsed<ProjectCommand>) {
      if (!command.ok) throw new ValidationError(command.errors)
      const c = command.value
      return db.transaction().execute(async trx => {
        const providerId = await owningProvider(trx, ctx)
        await checkSupervisors(trx, providerId, c.supervisorIds)
        const nomination = c.nominationId ? await openNomination(trx, providerId, c.nominationId) : null
        if (nomination && !NOMINATION_OPEN.includes(nomination.status))
          throw new ValidationError([{ field: 'name', message: 'This nomination is already scheduled or closed' }])
        const by = ctx.user?.id ?? null
        const id = await q.insertProject(trx, {
          ...columns(c),
          provider_id: providerId,
          nomination_id: nomination?.id ?? null,
          created_by: by,
        })
        await syncSupervisors(trx, ctx, id, c.supervisorIds, clock.now())
        if (nomination)
          await moveNominationWithProject(trx, ctx, clock.now(), {
            nominationId: nomination.id,
            status: 'accepted',
            reason: `Project ${c.name} created`,
          })
        await audit(trx, ctx, { action: 'UPW_PROJECT_CREATE', detail: { projectId: id, nominationId: nomination?.id } })
        await publish(trx, 'upw.project.created', null, {
          projectId: id,
          providerId,
          nominationId: nomination?.id ?? null,
        })
        return { projectId: id }
      })
    },

    /** Changes a project and its supervisors. */
    async change(ctx: RequestContext, id: number, command: Parsed<ProjectCommand>) {
      const project = await openProject(db, ctx, id)
      if (!command.ok) throw new ValidationError(command.errors)
      const c = command.value
      return db.transaction().execute(async trx => {
        await q.lockProject(trx, id)
        await checkSupervisors(trx, project.provider_id, c.supervisorIds)
        await q.updateProject(trx, id, columns(c))
        await syncSupervisors(trx, ctx, id, c.supervisorIds, clock.now())
        await audit(trx, ctx, { action: 'UPW_PROJECT_CHANGE', detail: { projectId: id } })
        return { projectId: id }
      })
    },

    complete: (ctx: RequestContext, id: number) => completeProject(deps, ctx, id),
  }
}

/** Marks the project complete today; its nomination is completed. */
async function completeProject(deps: UpwDeps, ctx: RequestContext, id: number) {
  const { db, clock } = deps
  await openProject(db, ctx, id)
  return db.transaction().execute(async trx => {
    await q.lockProject(trx, id)
    const project = await q.findProject(trx, id)
    if (!project) throw new NotFoundError('There is no such project')
    if (project.completed_at)
      throw new ValidationError([{ field: 'complete', message: 'This project is already complete' }])
    const today = clock.today().toString()
    const endDate = project.start_date > today ? project.start_date : today
    await q.updateProject(trx, id, { completed_at: clock.now(), end_date: endDate })
    if (project.nomination_id)
      await moveNominationWithProject(trx, ctx, clock.now(), {
        nominationId: project.nomination_id,
        status: 'completed',
        reason: `Project ${project.name} completed`,
      })
    await audit(trx, ctx, { action: 'UPW_PROJECT_COMPLETE', detail: { projectId: id } })
    await publish(trx, 'upw.project.completed', null, { projectId: id, nominationId: project.nomination_id })
    return { projectId: id }
  })
}

export type ProjectsUseCases = ReturnType<typeof createProjectsUseCases>
