import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import type { FieldError } from '../../errors.ts'
import { formBody, submitForm, type FormBody } from '../../web/forms.ts'
import { adminPaths } from '../../web/paths.ts'
import { ctxOf } from '../../web/request-context.ts'
import { IdParams, textQuery } from '../../web/schemas.ts'
import { newOrgUnitForm, newStaffForm, optionalId, orgUnitChangeForm, staffChangeForm } from './forms.ts'
import { ADMIN, done, LevelIdParams, LevelParams } from './pages.ts'
import { GRADES, ORG_LEVEL_NAMES, ORG_PARENT, PROVIDER_KINDS, type OrgLevel } from './queries.ts'
import type { AdminService } from './service.ts'

type Options = { admin: AdminService }

/** Organisations: providers, regions, PDUs and teams. */
export const organisationRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { admin }) => {
  app.get(
    '/organisations',
    { config: ADMIN, schema: { querystring: textQuery(['done'], 100) } },
    async (request, reply) => {
      const providers = await admin.organisationTree()
      const missing = await admin.teamsMissingContact()
      const teams = providers.flatMap(p => p.regions.flatMap(r => r.units.flatMap(u => u.teams)))
      return reply.render('admin/views/organisations.njk', {
        pageTitle: 'Organisations',
        providers,
        missingContact: [...missing],
        teamsWithoutContact: teams.filter(t => missing.has(t.id)),
        done: done(request.query.done),
      })
    },
  )

  const orgForm = async (
    reply: FastifyReply,
    level: OrgLevel,
    view: { id?: number; values: FormBody; errors?: FieldError[]; code?: string; teamContact?: unknown },
  ) => {
    const parentLevel = level === 'providers' ? undefined : ORG_PARENT[level]
    return reply.render('admin/views/organisation-form.njk', {
      pageTitle: view.id ? `Change ${ORG_LEVEL_NAMES[level]}` : `Add a ${ORG_LEVEL_NAMES[level]}`,
      level,
      levelName: ORG_LEVEL_NAMES[level],
      parentLevelName: parentLevel ? ORG_LEVEL_NAMES[parentLevel] : undefined,
      parents: await admin.parentOptions(level),
      kinds: PROVIDER_KINDS,
      ...view,
    })
  }

  app.get(
    '/organisations/:level/new',
    { config: ADMIN, schema: { params: LevelParams, querystring: textQuery(['parent'], 100) } },
    async (request, reply) =>
      orgForm(reply, request.params.level, { values: { parentId: request.query.parent ?? '' } }),
  )

  app.post(
    '/organisations/:level',
    { config: ADMIN, schema: { params: LevelParams, body: formBody() } },
    async (request, reply) => {
      const { level } = request.params
      return submitForm(reply, () => admin.createOrgUnit(ctxOf(request), level, newOrgUnitForm(request.body)), {
        rerender: errors => orgForm(reply, level, { values: request.body, errors }),
        redirect: () => `${adminPaths.organisations}?done=org-created`,
      })
    },
  )

  app.get('/organisations/:level/:id', { config: ADMIN, schema: { params: LevelIdParams } }, async (request, reply) => {
    const { level, id } = request.params
    const unit = await admin.orgUnit(level, Number(id))
    return orgForm(reply, level, {
      id: unit.id,
      code: unit.code,
      values: { name: unit.name, kind: unit.kind ?? '', active: unit.active ? 'yes' : 'no' },
      teamContact: level === 'teams' ? await admin.teamContact(unit.id) : undefined,
    })
  })

  app.post(
    '/organisations/:level/:id',
    { config: ADMIN, schema: { params: LevelIdParams, body: formBody() } },
    async (request, reply) => {
      const { level, id } = request.params
      const unit = await admin.orgUnit(level, Number(id))
      const change = orgUnitChangeForm(request.body)
      return submitForm(reply, () => admin.updateOrgUnit(ctxOf(request), level, unit.id, change), {
        rerender: errors => orgForm(reply, level, { id: unit.id, code: unit.code, values: request.body, errors }),
        redirect: () => `${adminPaths.organisations}?done=org-updated`,
      })
    },
  )
}

/** Staff: who works in which provider and team. */
export const staffRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { admin }) => {
  app.get(
    '/staff',
    { config: ADMIN, schema: { querystring: textQuery(['provider', 'team', 'done'], 100) } },
    async (request, reply) => {
      const { provider, team } = request.query
      const filter = { providerId: optionalId(provider ?? ''), teamId: optionalId(team ?? '') }
      const { staff, providers, teams } = await admin.staffList(filter)
      return reply.render('admin/views/staff.njk', {
        pageTitle: 'Staff',
        staff,
        providers,
        teams,
        filter,
        grades: GRADES,
        done: done(request.query.done),
      })
    },
  )

  const staffForm = async (
    reply: FastifyReply,
    view: { id?: number; code?: string; values: FormBody; errors?: FieldError[] },
  ) => {
    return reply.render('admin/views/staff-form.njk', {
      pageTitle: view.id ? 'Change member of staff' : 'Add a member of staff',
      ...(await admin.staffFormOptions()),
      ...view,
    })
  }

  app.get(
    '/staff/new',
    { config: ADMIN, schema: { querystring: textQuery(['provider', 'team'], 100) } },
    async (request, reply) => {
      const { provider, team } = request.query
      return staffForm(reply, { values: { providerId: provider ?? '', teamId: team ?? '' } })
    },
  )

  app.post('/staff', { config: ADMIN, schema: { body: formBody() } }, async (request, reply) => {
    return submitForm(reply, () => admin.createStaff(ctxOf(request), newStaffForm(request.body)), {
      rerender: errors => staffForm(reply, { values: request.body, errors }),
      redirect: () => `${adminPaths.staff}?done=staff-created`,
    })
  })

  app.get('/staff/:id', { config: ADMIN, schema: { params: IdParams } }, async (request, reply) => {
    const member = await admin.staffMember(Number(request.params.id))
    return staffForm(reply, {
      id: member.id,
      code: member.code,
      values: {
        forename: member.forename,
        surname: member.surname,
        grade: member.grade,
        providerId: String(member.providerId),
        teamId: member.teamId ? String(member.teamId) : '',
        email: member.email ?? '',
        active: member.active ? 'yes' : 'no',
      },
    })
  })

  app.post('/staff/:id', { config: ADMIN, schema: { params: IdParams, body: formBody() } }, async (request, reply) => {
    const member = await admin.staffMember(Number(request.params.id))
    return submitForm(reply, () => admin.updateStaff(ctxOf(request), member.id, staffChangeForm(request.body)), {
      rerender: errors => staffForm(reply, { id: member.id, code: member.code, values: request.body, errors }),
      redirect: () => `${adminPaths.staff}?done=staff-updated`,
    })
  })
}
