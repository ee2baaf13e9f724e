import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { ForbiddenError, ValidationError, type FieldError } from '../../errors.ts'
import { ctxOf } from '../../web/request-context.ts'
import { formSchema, idParams, optionalId, type FormBody } from './forms.ts'
import { GRADES, ORG_LEVEL_NAMES, ORG_LEVELS, ORG_PARENT, PROVIDER_KINDS, type OrgLevel } from './queries.ts'
import type { AdminService } from './service.ts'

/**
 * Administration pages, registered under `/admin`. Every route requires the `admin` permission; the access
 * guard refuses everyone else (403) and sends anonymous visitors to sign in.
 */

const ADMIN = { access: 'admin' } as const
const levelParams = {
  type: 'object',
  required: ['level'],
  properties: { level: { type: 'string', enum: ORG_LEVELS } },
} as const
const levelIdParams = {
  type: 'object',
  required: ['level', 'id'],
  properties: { level: { type: 'string', enum: ORG_LEVELS }, id: { type: 'string', pattern: '^[0-9]{1,15}$' } },
} as const
const crnParams = {
  type: 'object',
  required: ['crn'],
  properties: { crn: { type: 'string', pattern: '^[A-Za-z][0-9]{6}$' } },
} as const
const crnIdParams = {
  type: 'object',
  required: ['crn', 'id'],
  properties: {
    crn: { type: 'string', pattern: '^[A-Za-z][0-9]{6}$' },
    id: { type: 'string', pattern: '^[0-9]{1,15}$' },
  },
} as const
const query = (...keys: string[]) => ({
  type: 'object',
  properties: Object.fromEntries(keys.map(k => [k, { type: 'string', maxLength: 100 }])),
})

/** Confirmation messages after a change (post/redirect/get), keyed so nothing the user typed is echoed from the URL. */
const DONE: Record<string, string> = {
  'org-created': 'Organisation added',
  'org-updated': 'Organisation changed',
  'staff-created': 'Member of staff added',
  'staff-updated': 'Member of staff changed',
  'user-created': 'User added. They can now sign in with the password you set',
  'user-updated': 'User changed',
  'user-disabled': 'User disabled and signed out everywhere',
  'user-enabled': 'User enabled',
  'user-unlocked': 'User unlocked',
  'password-reset': 'Password reset. The user has been signed out everywhere',
  'manager-changed': 'Case manager changed',
  'limit-added': 'Access list changed',
  'limit-removed': 'Removed from the access list',
  'messages-saved': 'Messages saved',
  'token-revoked': 'API token revoked',
}

function done(request: FastifyRequest): string | undefined {
  const key = (request.query as { done?: string } | undefined)?.done
  return key ? DONE[key] : undefined
}

/** Runs a change; on bad input re-renders the form (status 400) instead of the generic error page. */
async function attempt(
  reply: FastifyReply,
  change: () => Promise<unknown>,
  rerender: (errors: FieldError[]) => Promise<unknown>,
  redirectTo: string,
) {
  try {
    await change()
  } catch (error) {
    if (error instanceof ValidationError) {
      reply.status(400)
      return rerender(error.errors)
    }
    throw error
  }
  return reply.redirect(redirectTo, 303)
}

export const adminRoutes: FastifyPluginAsync<{ admin: AdminService }> = async (app, { admin }) => {
  // Administration is done by a person in a browser. A token for another system (which skips CSRF, as it
  // carries no cookies) must never create users, issue tokens or lift access limits, whoever it acts as.
  app.addHook('preHandler', async request => {
    if (request.user?.via === 'api-token')
      throw new ForbiddenError('Administration is only available to people signed in to Probity')
  })

  app.get('/', { config: ADMIN }, async (_request, reply) => {
    return reply.render('admin/views/index.njk', { pageTitle: 'Administration' })
  })

  // ── Organisations ──────────────────────────────────────────────────────────────────────────────────────

  app.get('/organisations', { config: ADMIN, schema: { querystring: query('done') } }, async (request, reply) => {
    return reply.render('admin/views/organisations.njk', {
      pageTitle: 'Organisations',
      providers: await admin.organisationTree(),
      done: done(request),
    })
  })

  const orgForm = async (
    reply: FastifyReply,
    level: OrgLevel,
    view: { id?: number; values: FormBody; errors?: FieldError[]; code?: string },
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
    { config: ADMIN, schema: { params: levelParams, querystring: query('parent') } },
    async (request, reply) => {
      const { level } = request.params as { level: OrgLevel }
      const { parent } = request.query as { parent?: string }
      return orgForm(reply, level, { values: { parentId: parent ?? '' } })
    },
  )

  app.post(
    '/organisations/:level',
    { config: ADMIN, schema: { params: levelParams, body: formSchema } },
    async (request, reply) => {
      const { level } = request.params as { level: OrgLevel }
      const body = request.body as FormBody
      return attempt(
        reply,
        () => admin.createOrgUnit(ctxOf(request), level, body),
        errors => orgForm(reply, level, { values: body, errors }),
        '/admin/organisations?done=org-created',
      )
    },
  )

  app.get('/organisations/:level/:id', { config: ADMIN, schema: { params: levelIdParams } }, async (request, reply) => {
    const { level, id } = request.params as { level: OrgLevel; id: string }
    const unit = await admin.orgUnit(level, Number(id))
    return orgForm(reply, level, {
      id: unit.id,
      code: unit.code,
      values: { name: unit.name, kind: unit.kind ?? '', active: unit.active ? 'yes' : 'no' },
    })
  })

  app.post(
    '/organisations/:level/:id',
    { config: ADMIN, schema: { params: levelIdParams, body: formSchema } },
    async (request, reply) => {
      const { level, id } = request.params as { level: OrgLevel; id: string }
      const body = request.body as FormBody
      const unit = await admin.orgUnit(level, Number(id))
      return attempt(
        reply,
        () => admin.updateOrgUnit(ctxOf(request), level, unit.id, body),
        errors => orgForm(reply, level, { id: unit.id, code: unit.code, values: body, errors }),
        '/admin/organisations?done=org-updated',
      )
    },
  )

  // ── Staff ──────────────────────────────────────────────────────────────────────────────────────────────

  app.get(
    '/staff',
    { config: ADMIN, schema: { querystring: query('provider', 'team', 'done') } },
    async (request, reply) => {
      const q = request.query as { provider?: string; team?: string }
      const filter = { providerId: optionalId(q.provider ?? ''), teamId: optionalId(q.team ?? '') }
      const { staff, providers, teams } = await admin.staffList(filter)
      return reply.render('admin/views/staff.njk', {
        pageTitle: 'Staff',
        staff,
        providers,
        teams,
        filter,
        grades: GRADES,
        done: done(request),
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
    { config: ADMIN, schema: { querystring: query('provider', 'team') } },
    async (request, reply) => {
      const q = request.query as { provider?: string; team?: string }
      return staffForm(reply, { values: { providerId: q.provider ?? '', teamId: q.team ?? '' } })
    },
  )

  app.post('/staff', { config: ADMIN, schema: { body: formSchema } }, async (request, reply) => {
    const body = request.body as FormBody
    return attempt(
      reply,
      () => admin.createStaff(ctxOf(request), body),
      errors => staffForm(reply, { values: body, errors }),
      '/admin/staff?done=staff-created',
    )
  })

  app.get('/staff/:id', { config: ADMIN, schema: { params: idParams } }, async (request, reply) => {
    const member = await admin.staffMember(Number((request.params as { id: string }).id))
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

  app.post('/staff/:id', { config: ADMIN, schema: { params: idParams, body: formSchema } }, async (request, reply) => {
    const member = await admin.staffMember(Number((request.params as { id: string }).id))
    const body = request.body as FormBody
    return attempt(
      reply,
      () => admin.updateStaff(ctxOf(request), member.id, body),
      errors => staffForm(reply, { id: member.id, code: member.code, values: body, errors }),
      '/admin/staff?done=staff-updated',
    )
  })

  // ── Users ──────────────────────────────────────────────────────────────────────────────────────────────

  app.get('/users', { config: ADMIN, schema: { querystring: query('done') } }, async (request, reply) => {
    return reply.render('admin/views/users.njk', {
      pageTitle: 'Users',
      users: await admin.users(),
      done: done(request),
    })
  })

  const newUserForm = async (reply: FastifyReply, values: FormBody, errors?: FieldError[]) => {
    const { password: _p, confirmPassword: _c, ...kept } = values
    return reply.render('admin/views/user-new.njk', {
      pageTitle: 'Add a user',
      ...(await admin.userFormOptions()),
      values: kept,
      errors,
    })
  }

  app.get('/users/new', { config: ADMIN }, async (_request, reply) => newUserForm(reply, {}))

  app.post('/users', { config: ADMIN, schema: { body: formSchema } }, async (request, reply) => {
    const body = request.body as FormBody
    return attempt(
      reply,
      () => admin.createUser(ctxOf(request), body),
      errors => newUserForm(reply, body, errors),
      '/admin/users?done=user-created',
    )
  })

  const userPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { values?: FormBody; errors?: FieldError[]; failed?: string } = {},
  ) => {
    const id = Number((request.params as { id: string }).id)
    const page = await admin.user(id)
    const { user: account, ...rest } = page
    const values =
      extra.failed === 'details'
        ? extra.values
        : {
            displayName: account.displayName,
            staffId: account.staffId ? String(account.staffId) : '',
            roles: account.roles,
          }
    // `user` in a page is always the signed-in user (the layout's), so the account shown is `account`.
    return reply.render('admin/views/user.njk', {
      pageTitle: `User ${account.username}`,
      account,
      ...rest,
      values,
      errors: extra.errors,
      failed: extra.failed,
      isSelf: request.user?.id === account.id,
      done: done(request),
    })
  }

  app.get(
    '/users/:id',
    { config: ADMIN, schema: { params: idParams, querystring: query('done') } },
    async (request, reply) => userPage(request, reply),
  )

  app.post('/users/:id', { config: ADMIN, schema: { params: idParams, body: formSchema } }, async (request, reply) => {
    const id = Number((request.params as { id: string }).id)
    const body = request.body as FormBody
    return attempt(
      reply,
      () => admin.updateUser(ctxOf(request), id, body),
      errors => userPage(request, reply, { values: body, errors, failed: 'details' }),
      `/admin/users/${id}?done=user-updated`,
    )
  })

  app.post(
    '/users/:id/disable',
    { config: ADMIN, schema: { params: idParams, body: formSchema } },
    async (request, reply) => {
      const id = Number((request.params as { id: string }).id)
      await admin.setUserActive(ctxOf(request), id, false)
      return reply.redirect(`/admin/users/${id}?done=user-disabled`, 303)
    },
  )

  app.post(
    '/users/:id/enable',
    { config: ADMIN, schema: { params: idParams, body: formSchema } },
    async (request, reply) => {
      const id = Number((request.params as { id: string }).id)
      await admin.setUserActive(ctxOf(request), id, true)
      return reply.redirect(`/admin/users/${id}?done=user-enabled`, 303)
    },
  )

  app.post(
    '/users/:id/unlock',
    { config: ADMIN, schema: { params: idParams, body: formSchema } },
    async (request, reply) => {
      const id = Number((request.params as { id: string }).id)
      await admin.unlockUser(ctxOf(request), id)
      return reply.redirect(`/admin/users/${id}?done=user-unlocked`, 303)
    },
  )

  app.post(
    '/users/:id/password',
    { config: ADMIN, schema: { params: idParams, body: formSchema } },
    async (request, reply) => {
      const id = Number((request.params as { id: string }).id)
      return attempt(
        reply,
        () => admin.resetPassword(ctxOf(request), id, request.body as FormBody),
        errors => userPage(request, reply, { errors, failed: 'password' }),
        `/admin/users/${id}?done=password-reset`,
      )
    },
  )

  // ── People: case manager and limited access ────────────────────────────────────────────────────────────

  app.get('/people', { config: ADMIN, schema: { querystring: query('crn') } }, async (request, reply) => {
    const crn = ((request.query as { crn?: string }).crn ?? '').trim().toUpperCase()
    if (!crn) return reply.render('admin/views/people.njk', { pageTitle: 'Find a person' })
    const errors = /^[A-Z][0-9]{6}$/.test(crn)
      ? []
      : [{ field: 'crn', message: 'Enter a CRN in the correct format, like X100001' }]
    if (errors.length === 0) {
      try {
        const person = await admin.personSummary(ctxOf(request), crn)
        return reply.render('admin/views/people.njk', { pageTitle: 'Find a person', crn, person })
      } catch (error) {
        if ((error as { code?: string }).code !== 'not_found') throw error
        errors.push({ field: 'crn', message: `No person has the CRN ${crn}` })
      }
    }
    return reply.status(400).render('admin/views/people.njk', { pageTitle: 'Find a person', crn, errors })
  })

  const managerPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { values?: FormBody; errors?: FieldError[] } = {},
  ) => {
    const { crn } = request.params as { crn: string }
    const page = await admin.managerPage(ctxOf(request), crn)
    const values = extra.values ?? {
      providerId: page.person.providerId ? String(page.person.providerId) : '',
      teamId: page.person.teamId ? String(page.person.teamId) : '',
      staffId: page.person.staffId ? String(page.person.staffId) : '',
    }
    return reply.render('admin/views/person-manager.njk', {
      pageTitle: `Case manager for ${page.person.crn}`,
      ...page,
      values,
      errors: extra.errors,
      done: done(request),
    })
  }

  app.get(
    '/people/:crn/manager',
    { config: ADMIN, schema: { params: crnParams, querystring: query('done') } },
    async (request, reply) => managerPage(request, reply),
  )

  app.post(
    '/people/:crn/manager',
    { config: ADMIN, schema: { params: crnParams, body: formSchema } },
    async (request, reply) => {
      const { crn } = request.params as { crn: string }
      const body = request.body as FormBody
      return attempt(
        reply,
        () => admin.changeManager(ctxOf(request), crn, body),
        errors => managerPage(request, reply, { values: body, errors }),
        `/admin/people/${crn.toUpperCase()}/manager?done=manager-changed`,
      )
    },
  )

  const accessPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { values?: FormBody; errors?: FieldError[]; failed?: string } = {},
  ) => {
    const { crn } = request.params as { crn: string }
    const page = await admin.accessPage(ctxOf(request), crn)
    const messages =
      extra.failed === 'messages'
        ? extra.values
        : {
            exclusionMessage: page.person.exclusionMessage ?? '',
            restrictionMessage: page.person.restrictionMessage ?? '',
          }
    const limit = extra.failed === 'limit' ? extra.values : {}
    return reply.render('admin/views/person-access.njk', {
      pageTitle: `Limited access for ${page.person.crn}`,
      ...page,
      messages,
      limit,
      errors: extra.errors,
      done: done(request),
    })
  }

  app.get(
    '/people/:crn/access',
    { config: ADMIN, schema: { params: crnParams, querystring: query('done') } },
    async (request, reply) => accessPage(request, reply),
  )

  app.post(
    '/people/:crn/access/limitations',
    { config: ADMIN, schema: { params: crnParams, body: formSchema } },
    async (request, reply) => {
      const { crn } = request.params as { crn: string }
      const body = request.body as FormBody
      return attempt(
        reply,
        () => admin.addLimitation(ctxOf(request), crn, body),
        errors => accessPage(request, reply, { values: body, errors, failed: 'limit' }),
        `/admin/people/${crn.toUpperCase()}/access?done=limit-added`,
      )
    },
  )

  app.post(
    '/people/:crn/access/limitations/:id/remove',
    { config: ADMIN, schema: { params: crnIdParams, body: formSchema } },
    async (request, reply) => {
      const { crn, id } = request.params as { crn: string; id: string }
      await admin.removeLimitation(ctxOf(request), crn, Number(id))
      return reply.redirect(`/admin/people/${crn.toUpperCase()}/access?done=limit-removed`, 303)
    },
  )

  app.post(
    '/people/:crn/access/messages',
    { config: ADMIN, schema: { params: crnParams, body: formSchema } },
    async (request, reply) => {
      const { crn } = request.params as { crn: string }
      const body = request.body as FormBody
      return attempt(
        reply,
        () => admin.setAccessMessages(ctxOf(request), crn, body),
        errors => accessPage(request, reply, { values: body, errors, failed: 'messages' }),
        `/admin/people/${crn.toUpperCase()}/access?done=messages-saved`,
      )
    },
  )

  // ── API tokens ─────────────────────────────────────────────────────────────────────────────────────────

  app.get('/api-tokens', { config: ADMIN, schema: { querystring: query('done') } }, async (request, reply) => {
    return reply.render('admin/views/api-tokens.njk', {
      pageTitle: 'API tokens',
      tokens: await admin.apiTokens(),
      done: done(request),
    })
  })

  const tokenForm = async (reply: FastifyReply, values: FormBody, errors?: FieldError[]) =>
    reply.render('admin/views/api-token-new.njk', {
      pageTitle: 'Issue an API token',
      ...(await admin.apiTokenFormOptions()),
      values,
      errors,
    })

  app.get('/api-tokens/new', { config: ADMIN }, async (_request, reply) => tokenForm(reply, {}))

  app.post('/api-tokens', { config: ADMIN, schema: { body: formSchema } }, async (request, reply) => {
    const body = request.body as FormBody
    try {
      const issued = await admin.issueApiToken(ctxOf(request), body)
      // Shown once, never stored: the response is not cached (cache-control: no-store on every page).
      return reply.status(201).render('admin/views/api-token-created.njk', { pageTitle: 'API token issued', issued })
    } catch (error) {
      if (error instanceof ValidationError) return tokenForm(reply.status(400), body, error.errors)
      throw error
    }
  })

  app.post(
    '/api-tokens/:id/revoke',
    { config: ADMIN, schema: { params: idParams, body: formSchema } },
    async (request, reply) => {
      await admin.revokeApiToken(ctxOf(request), Number((request.params as { id: string }).id))
      return reply.redirect('/admin/api-tokens?done=token-revoked', 303)
    },
  )
}
