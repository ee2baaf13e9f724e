import type { Kysely } from 'kysely'
import { audit, publish, type RequestContext } from '../../access/audit.ts'
import { changeCaseManager } from '../../access/case-managers.ts'
import { hashPassword, passwordProblems } from '../../access/passwords.ts'
import { loadPersonAccess, type Executor } from '../../access/person-access.ts'
import { canUpdatePerson } from '../../access/policy.ts'
import { isRole, ROLES } from '../../access/roles.ts'
import type { Database } from '../../db/schema.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts'
import type { Clock } from '../../clock.ts'
import { endAllSessions, randomToken, sha256 } from '../../web/plugins/authentication.ts'
import { CODE_PATTERN, isUniqueViolation, list, optionalId, Problems, text, type FormBody } from './forms.ts'
import {
  countActiveSessions,
  findOrgUnit,
  findPersonByCrn,
  findStaff,
  findUser,
  GRADES,
  listActiveUsers,
  listApiTokens,
  listLimitations,
  listManagerHistory,
  listOrgUnits,
  listStaff,
  listTeamsWithProvider,
  listUsers,
  ORG_LEVEL_NAMES,
  ORG_PARENT,
  orgCodeTaken,
  PROVIDER_KINDS,
  teamProvider,
  usernameTaken,
  type OrgLevel,
  type ProviderKind,
} from './queries.ts'

/**
 * Administration: organisations, staff, user accounts, who manages a person, limited access and API tokens.
 *
 * Nothing here is deleted. Organisations, staff and users are deactivated; a change of case manager ends the
 * current `case_managers` row and starts a new one; a limited-access entry is removed by stamping
 * `removed_at`; an API token is revoked. Every change is audited in the transaction that makes it.
 */

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,49}$/i
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const MAX_NAME = 200
const MAX_MESSAGE = 1000

export function createAdminService({ db, clock }: { db: Kysely<Database>; clock: Clock }) {
  const actor = (ctx: RequestContext) => ctx.user?.id ?? null

  function fail(problems: Problems): never {
    throw new ValidationError(problems.errors)
  }

  /** A person an administrator is working on; soft-deleted records are not found. */
  async function person(trx: Executor, crn: string) {
    const found = await findPersonByCrn(trx, crn.toUpperCase())
    if (!found) throw new NotFoundError(`No person with CRN ${crn}`)
    return found
  }

  async function parentProblems(trx: Executor, level: OrgLevel, parentId: number | null, problems: Problems) {
    if (level === 'providers') return
    const parentLevel = ORG_PARENT[level]
    const parent = parentId === null ? undefined : await findOrgUnit(trx, parentLevel, parentId)
    if (!parent) problems.add('parentId', `Select the ${ORG_LEVEL_NAMES[parentLevel]} it belongs to`)
    else if (!parent.active)
      problems.add('parentId', `The ${ORG_LEVEL_NAMES[parentLevel]} ${parent.name} is inactive. Choose an active one`)
  }

  async function staffProblems(trx: Executor, providerId: number | null, teamId: number | null, problems: Problems) {
    const provider = providerId === null ? undefined : await findOrgUnit(trx, 'providers', providerId)
    if (!provider) problems.add('providerId', 'Select a provider')
    if (teamId !== null) {
      const team = await teamProvider(trx, teamId)
      if (!team) problems.add('teamId', 'Select a team')
      else if (provider && team.providerId !== provider.id)
        problems.add('teamId', `${team.name} is not a team of ${provider.name}`)
    }
  }

  return {
    // ── Organisations ────────────────────────────────────────────────────────────────────────────────────

    /** Providers with their regions, PDUs and teams, for the organisations page. */
    async organisationTree() {
      const [providers, regions, units, teams] = await Promise.all(
        (['providers', 'regions', 'delivery-units', 'teams'] as const).map(level => listOrgUnits(db, level)),
      )
      return providers.map(p => ({
        ...p,
        kindName: p.kind ? PROVIDER_KINDS[p.kind] : '',
        regions: regions
          .filter(r => r.parentId === p.id)
          .map(r => ({
            ...r,
            units: units
              .filter(u => u.parentId === r.id)
              .map(u => ({ ...u, teams: teams.filter(t => t.parentId === u.id) })),
          })),
      }))
    },

    async orgUnit(level: OrgLevel, id: number) {
      const unit = await findOrgUnit(db, level, id)
      if (!unit) throw new NotFoundError(`No such ${ORG_LEVEL_NAMES[level]}`)
      return unit
    },

    /** The units a new unit of this level can belong to (active ones). */
    async parentOptions(level: OrgLevel) {
      if (level === 'providers') return []
      return (await listOrgUnits(db, ORG_PARENT[level])).filter(u => u.active)
    },

    async createOrgUnit(ctx: RequestContext, level: OrgLevel, body: FormBody) {
      const code = text(body, 'code').toUpperCase()
      const name = text(body, 'name')
      const kind = text(body, 'kind')
      const parentId = optionalId(text(body, 'parentId'))
      return db.transaction().execute(async trx => {
        const problems = new Problems()
        await parentProblems(trx, level, parentId, problems)
        if (!code) problems.add('code', 'Enter a code')
        else if (!CODE_PATTERN.test(code))
          problems.add('code', 'Code must be up to 20 capital letters, numbers and hyphens, like PS-NW-N-A')
        else if (await orgCodeTaken(trx, level, code))
          problems.add('code', `Another ${ORG_LEVEL_NAMES[level]} already has the code ${code}`)
        if (!name) problems.add('name', 'Enter a name')
        else if (name.length > MAX_NAME) problems.add('name', `Name must be ${MAX_NAME} characters or fewer`)
        if (level === 'providers' && !Object.hasOwn(PROVIDER_KINDS, kind))
          problems.add('kind', 'Select what kind of provider it is')
        if (problems.any) fail(problems)
        let id: number
        if (level === 'providers') {
          id = (
            await trx
              .insertInto('providers')
              .values({ code, name, kind: kind as ProviderKind })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id
        } else if (level === 'regions') {
          id = (
            await trx
              .insertInto('regions')
              .values({ code, name, provider_id: parentId! })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id
        } else if (level === 'delivery-units') {
          id = (
            await trx
              .insertInto('delivery_units')
              .values({ code, name, region_id: parentId! })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id
        } else {
          id = (
            await trx
              .insertInto('teams')
              .values({ code, name, delivery_unit_id: parentId! })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id
        }
        await audit(trx, ctx, {
          action: 'ORGANISATION_CREATED',
          subject: code,
          detail: { level, id, code, name, parentId, kind: kind || undefined },
        })
        return id
      })
    },

    /** Renames, reclassifies (providers) or (de)activates a unit. Codes never change: other systems key on them. */
    async updateOrgUnit(ctx: RequestContext, level: OrgLevel, id: number, body: FormBody) {
      const name = text(body, 'name')
      const kind = text(body, 'kind')
      const active = text(body, 'active')
      return db.transaction().execute(async trx => {
        const before = await findOrgUnit(trx, level, id)
        if (!before) throw new NotFoundError(`No such ${ORG_LEVEL_NAMES[level]}`)
        const problems = new Problems()
        if (!name) problems.add('name', 'Enter a name')
        else if (name.length > MAX_NAME) problems.add('name', `Name must be ${MAX_NAME} characters or fewer`)
        if (level === 'providers' && !Object.hasOwn(PROVIDER_KINDS, kind))
          problems.add('kind', 'Select what kind of provider it is')
        if (active !== 'yes' && active !== 'no') problems.add('active', 'Select whether it is active')
        if (problems.any) fail(problems)
        const isActive = active === 'yes'
        if (level === 'providers') {
          await trx
            .updateTable('providers')
            .set({ name, kind: kind as ProviderKind, active: isActive })
            .where('id', '=', id)
            .execute()
        } else if (level === 'regions') {
          await trx.updateTable('regions').set({ name, active: isActive }).where('id', '=', id).execute()
        } else if (level === 'delivery-units') {
          await trx.updateTable('delivery_units').set({ name, active: isActive }).where('id', '=', id).execute()
        } else {
          await trx.updateTable('teams').set({ name, active: isActive }).where('id', '=', id).execute()
        }
        await audit(trx, ctx, {
          action: 'ORGANISATION_UPDATED',
          subject: before.code,
          detail: {
            level,
            id,
            before: { name: before.name, active: before.active, kind: before.kind },
            after: { name, active: isActive, kind: kind || null },
          },
        })
      })
    },

    // ── Staff ────────────────────────────────────────────────────────────────────────────────────────────

    async staffList(filter: { providerId: number | null; teamId: number | null }) {
      const [staff, providers, teams] = await Promise.all([
        listStaff(db, filter),
        listOrgUnits(db, 'providers'),
        listTeamsWithProvider(db),
      ])
      return { staff, providers, teams }
    },

    async staffFormOptions() {
      const [providers, teams] = await Promise.all([listOrgUnits(db, 'providers'), listTeamsWithProvider(db)])
      return { providers, teams, grades: GRADES }
    },

    async staffMember(id: number) {
      const member = await findStaff(db, id)
      if (!member) throw new NotFoundError('No such member of staff')
      return member
    },

    async createStaff(ctx: RequestContext, body: FormBody) {
      const code = text(body, 'code').toUpperCase()
      const values = staffValues(body)
      return db.transaction().execute(async trx => {
        const problems = new Problems()
        if (!code) problems.add('code', 'Enter a staff code')
        else if (!CODE_PATTERN.test(code))
          problems.add('code', 'Staff code must be up to 20 capital letters, numbers and hyphens, like NWS007')
        else if (await trx.selectFrom('staff').select('id').where('code', '=', code).executeTakeFirst()) {
          problems.add('code', `Another member of staff already has the code ${code}`)
        }
        staffFieldProblems(values, problems)
        await staffProblems(trx, values.provider_id, values.team_id, problems)
        if (problems.any) fail(problems)
        const { id } = await trx
          .insertInto('staff')
          .values({ ...values, code, provider_id: values.provider_id! })
          .returning('id')
          .executeTakeFirstOrThrow()
        await audit(trx, ctx, { action: 'STAFF_CREATED', subject: code, detail: { id, ...values } })
        return id
      })
    },

    async updateStaff(ctx: RequestContext, id: number, body: FormBody) {
      const values = staffValues(body)
      const active = text(body, 'active')
      return db.transaction().execute(async trx => {
        const before = await findStaff(trx, id)
        if (!before) throw new NotFoundError('No such member of staff')
        const problems = new Problems()
        staffFieldProblems(values, problems)
        await staffProblems(trx, values.provider_id, values.team_id, problems)
        if (active !== 'yes' && active !== 'no') problems.add('active', 'Select whether they are active')
        if (problems.any) fail(problems)
        const after = { ...values, provider_id: values.provider_id!, active: active === 'yes' }
        await trx.updateTable('staff').set(after).where('id', '=', id).execute()
        await audit(trx, ctx, { action: 'STAFF_UPDATED', subject: before.code, detail: { id, before, after } })
      })
    },

    // ── Users ────────────────────────────────────────────────────────────────────────────────────────────

    async users() {
      const now = clock.now().getTime()
      return (await listUsers(db)).map(u => ({ ...u, status: userStatus(u.active, u.lockedUntil, now) }))
    },

    async userFormOptions() {
      const staff = await listStaff(db)
      return { staff: staff.filter(s => s.active), roles: ROLES }
    },

    async user(id: number) {
      const user = await findUser(db, id)
      if (!user) throw new NotFoundError('No such user')
      const [sessions, tokens, staff] = await Promise.all([
        countActiveSessions(db, id),
        listApiTokens(db).then(all => all.filter(t => t.username === user.username)),
        listStaff(db),
      ])
      return {
        user: { ...user, status: userStatus(user.active, user.lockedUntil, clock.now().getTime()) },
        sessions,
        tokens,
        staff,
        roles: ROLES,
      }
    },

    async createUser(ctx: RequestContext, body: FormBody) {
      const username = text(body, 'username')
      const displayName = text(body, 'displayName')
      const staffId = optionalId(text(body, 'staffId'))
      const roles = list(body, 'roles')
      const password = typeof body.password === 'string' ? body.password : ''
      const confirm = typeof body.confirmPassword === 'string' ? body.confirmPassword : ''
      const problems = new Problems()
      if (!username) problems.add('username', 'Enter a username')
      else if (!USERNAME.test(username))
        problems.add(
          'username',
          'Username must be 2 to 50 letters, numbers, dots, hyphens or underscores, like sam.senior',
        )
      else if (await usernameTaken(db, username)) problems.add('username', `The username ${username} is already taken`)
      if (!displayName) problems.add('displayName', 'Enter the name to show for this user')
      else if (displayName.length > MAX_NAME)
        problems.add('displayName', `Name must be ${MAX_NAME} characters or fewer`)
      if (text(body, 'staffId') && (staffId === null || !(await findStaff(db, staffId))))
        problems.add('staffId', 'Select a member of staff')
      roleProblems(roles, problems)
      for (const p of passwordProblems(password, username || undefined, 'password')) problems.add(p.field, p.message)
      if (password !== confirm) problems.add('confirmPassword', 'The passwords do not match')
      if (problems.any) fail(problems)
      // Hash outside the transaction: argon2 is deliberately slow and PGlite has one connection.
      const passwordHash = await hashPassword(password)
      try {
        return await db.transaction().execute(async trx => {
          const { id } = await trx
            .insertInto('users')
            .values({ username, display_name: displayName, staff_id: staffId, roles, password_hash: passwordHash })
            .returning('id')
            .executeTakeFirstOrThrow()
          await audit(trx, ctx, {
            action: 'USER_CREATED',
            subject: username,
            detail: { id, displayName, staffId, roles },
          })
          return id
        })
      } catch (error) {
        if (isUniqueViolation(error))
          throw new ValidationError([{ field: 'username', message: `The username ${username} is already taken` }])
        throw error
      }
    },

    /** Changes a user's name, linked staff member and roles. Stale forms are refused (version). */
    async updateUser(ctx: RequestContext, id: number, body: FormBody) {
      const displayName = text(body, 'displayName')
      const staffId = optionalId(text(body, 'staffId'))
      const roles = list(body, 'roles')
      const version = Number(text(body, 'version'))
      return db.transaction().execute(async trx => {
        const before = await findUser(trx, id)
        if (!before) throw new NotFoundError('No such user')
        const problems = new Problems()
        if (!displayName) problems.add('displayName', 'Enter the name to show for this user')
        else if (displayName.length > MAX_NAME)
          problems.add('displayName', `Name must be ${MAX_NAME} characters or fewer`)
        if (text(body, 'staffId') && (staffId === null || !(await findStaff(trx, staffId))))
          problems.add('staffId', 'Select a member of staff')
        roleProblems(roles, problems)
        // An administrator cannot lock themselves out; another administrator must do it.
        if (id === ctx.user?.id && before.roles.includes('admin') && !roles.includes('admin')) {
          problems.add('roles', 'You cannot remove your own administrator role. Ask another administrator')
        }
        if (problems.any) fail(problems)
        const result = await trx
          .updateTable('users')
          .set(eb => ({ display_name: displayName, staff_id: staffId, roles, version: eb('version', '+', 1) }))
          .where('id', '=', id)
          .where('version', '=', version)
          .executeTakeFirst()
        if (Number(result.numUpdatedRows) !== 1) throw new ConflictError()
        await audit(trx, ctx, {
          action: 'USER_UPDATED',
          subject: before.username,
          detail: {
            id,
            before: { displayName: before.displayName, staffId: before.staffId, roles: before.roles },
            after: { displayName, staffId, roles },
          },
        })
      })
    },

    /** Disabling a user ends every session they have; their API tokens stop working while they are disabled. */
    async setUserActive(ctx: RequestContext, id: number, active: boolean) {
      return db.transaction().execute(async trx => {
        const user = await findUser(trx, id)
        if (!user) throw new NotFoundError('No such user')
        if (!active && id === ctx.user?.id)
          throw new ForbiddenError('You cannot disable your own account. Ask another administrator')
        if (user.active === active) return
        await trx
          .updateTable('users')
          .set(eb => ({ active, version: eb('version', '+', 1) }))
          .where('id', '=', id)
          .execute()
        if (!active) await endAllSessions(trx, id)
        await audit(trx, ctx, {
          action: active ? 'USER_ENABLED' : 'USER_DISABLED',
          subject: user.username,
          detail: { id },
        })
      })
    },

    async unlockUser(ctx: RequestContext, id: number) {
      return db.transaction().execute(async trx => {
        const user = await findUser(trx, id)
        if (!user) throw new NotFoundError('No such user')
        await trx.updateTable('users').set({ failed_attempts: 0, locked_until: null }).where('id', '=', id).execute()
        await audit(trx, ctx, {
          action: 'USER_UNLOCKED',
          subject: user.username,
          detail: { id, wasLockedUntil: user.lockedUntil },
        })
      })
    },

    /** Sets a new password chosen by the administrator, unlocks the account and signs the user out everywhere. */
    async resetPassword(ctx: RequestContext, id: number, body: FormBody) {
      const password = typeof body.password === 'string' ? body.password : ''
      const confirm = typeof body.confirmPassword === 'string' ? body.confirmPassword : ''
      const user = await findUser(db, id)
      if (!user) throw new NotFoundError('No such user')
      const problems = new Problems()
      for (const p of passwordProblems(password, user.username, 'password')) problems.add(p.field, p.message)
      if (password !== confirm) problems.add('confirmPassword', 'The passwords do not match')
      if (problems.any) fail(problems)
      const passwordHash = await hashPassword(password)
      await db.transaction().execute(async trx => {
        await trx
          .updateTable('users')
          .set({
            password_hash: passwordHash,
            password_changed_at: clock.now(),
            failed_attempts: 0,
            locked_until: null,
          })
          .where('id', '=', id)
          .execute()
        await endAllSessions(trx, id)
        await audit(trx, ctx, { action: 'USER_PASSWORD_RESET', subject: user.username, detail: { id } })
      })
    },

    // ── A person's case manager ──────────────────────────────────────────────────────────────────────────

    async personSummary(ctx: RequestContext, crn: string) {
      return db.transaction().execute(async trx => {
        const found = await person(trx, crn)
        await audit(trx, ctx, {
          action: 'ADMIN_PERSON_VIEW',
          personId: found.id,
          subject: found.crn,
          detail: { page: 'summary' },
        })
        return found
      })
    },

    /**
     * The manager page. Changing who manages a person is a change to their record, so the one policy applies:
     * a record restricted to named staff cannot be reallocated by an administrator who is not on the list.
     */
    async managerPage(ctx: RequestContext, crn: string) {
      return db.transaction().execute(async trx => {
        const found = await person(trx, crn)
        await checkCanUpdate(trx, ctx, found.id)
        const [history, providers, teams, staff] = await Promise.all([
          listManagerHistory(trx, found.id),
          listOrgUnits(trx, 'providers'),
          listTeamsWithProvider(trx),
          listStaff(trx),
        ])
        await audit(trx, ctx, {
          action: 'ADMIN_PERSON_VIEW',
          personId: found.id,
          subject: found.crn,
          detail: { page: 'manager' },
        })
        return {
          person: found,
          current: history.find(h => h.endedAt === null),
          history,
          providers: providers.filter(p => p.active || p.id === found.providerId),
          teams: teams.filter(t => t.active || t.id === found.teamId),
          staff: staff.filter(s => s.active || s.id === found.staffId),
        }
      })
    },

    async changeManager(ctx: RequestContext, crn: string, body: FormBody) {
      const providerId = optionalId(text(body, 'providerId'))
      const teamId = optionalId(text(body, 'teamId'))
      const staffId = optionalId(text(body, 'staffId'))
      const reason = text(body, 'reason')
      const version = Number(text(body, 'version'))
      return db.transaction().execute(async trx => {
        const found = await person(trx, crn)
        await checkCanUpdate(trx, ctx, found.id)
        const problems = new Problems()
        const provider = providerId === null ? undefined : await findOrgUnit(trx, 'providers', providerId)
        if (!provider) problems.add('providerId', 'Select the managing provider')
        else if (!provider.active) problems.add('providerId', `${provider.name} is inactive. Choose an active provider`)
        const team = teamId === null ? undefined : await teamProvider(trx, teamId)
        if (text(body, 'teamId') && !team) problems.add('teamId', 'Select a team')
        else if (team && !team.active) problems.add('teamId', `${team.name} is inactive. Choose an active team`)
        else if (team && provider && team.providerId !== provider.id)
          problems.add('teamId', `${team.name} is not a team of ${provider.name}`)
        const member = staffId === null ? undefined : await findStaff(trx, staffId)
        if (text(body, 'staffId') && !member) problems.add('staffId', 'Select a practitioner')
        else if (member && !member.active)
          problems.add('staffId', `${member.forename} ${member.surname} is inactive. Choose someone else`)
        else if (member && !team) problems.add('teamId', 'Select the team the practitioner works in')
        else if (member && team && member.teamId !== team.id)
          problems.add('staffId', `${member.forename} ${member.surname} is not in ${team.name}`)
        if (reason.length > MAX_MESSAGE) problems.add('reason', `Reason must be ${MAX_MESSAGE} characters or fewer`)
        if (!problems.any && found.providerId === providerId && found.teamId === teamId && found.staffId === staffId) {
          problems.add(
            'providerId',
            'This is already who manages the person. Choose a different provider, team or practitioner',
          )
        }
        if (problems.any) fail(problems)
        const now = clock.now()
        // History is kept: the current row is ended, never changed otherwise, and a new one starts now (shared with allocation).
        await changeCaseManager(trx, {
          personId: found.id,
          version,
          providerId: providerId!,
          teamId,
          staffId,
          reason: reason || null,
          userId: actor(ctx),
          now,
        })
        const from = { providerId: found.providerId, teamId: found.teamId, staffId: found.staffId }
        const to = { providerId, teamId, staffId }
        await audit(trx, ctx, {
          action: 'PERSON_MANAGER_CHANGED',
          personId: found.id,
          subject: found.crn,
          detail: { from, to, reason: reason || null },
        })
        await publish(trx, 'person.manager.changed', found.id, {
          crn: found.crn,
          from,
          to: { ...to, providerCode: provider!.code, teamCode: team?.code ?? null, staffCode: member?.code ?? null },
          reason: reason || null,
          at: now.toISOString(),
        })
      })
    },

    // ── Limited access ───────────────────────────────────────────────────────────────────────────────────

    /**
     * Limited access is managed by administrators only (the route requires `admin`), and deliberately without
     * the person-level policy: otherwise a record restricted to named staff could never be opened up again.
     * The page shows only the name, CRN and the access lists, never the case record.
     */
    async accessPage(ctx: RequestContext, crn: string) {
      return db.transaction().execute(async trx => {
        const found = await person(trx, crn)
        const [limitations, users] = await Promise.all([listLimitations(trx, found.id), listActiveUsers(trx)])
        await audit(trx, ctx, {
          action: 'ADMIN_PERSON_VIEW',
          personId: found.id,
          subject: found.crn,
          detail: { page: 'access' },
        })
        return {
          person: found,
          exclusions: limitations.filter(l => l.kind === 'exclusion' && l.removedAt === null),
          restrictions: limitations.filter(l => l.kind === 'restriction' && l.removedAt === null),
          removed: limitations.filter(l => l.removedAt !== null),
          users,
        }
      })
    },

    async addLimitation(ctx: RequestContext, crn: string, body: FormBody) {
      const kind = text(body, 'kind')
      const userId = optionalId(text(body, 'userId'))
      const reason = text(body, 'reason')
      return db.transaction().execute(async trx => {
        const found = await person(trx, crn)
        const problems = new Problems()
        if (kind !== 'exclusion' && kind !== 'restriction') problems.add('kind', 'Select exclude or restrict')
        const user = userId === null ? undefined : await findUser(trx, userId)
        if (!user) problems.add('userId', 'Select a user')
        if (reason.length > MAX_MESSAGE) problems.add('reason', `Reason must be ${MAX_MESSAGE} characters or fewer`)
        if (user && (kind === 'exclusion' || kind === 'restriction')) {
          const existing = await trx
            .selectFrom('access_limitations')
            .select('kind')
            .where('person_id', '=', found.id)
            .where('user_id', '=', user.id)
            .where('removed_at', 'is', null)
            .execute()
          if (existing.some(e => e.kind === kind))
            problems.add('userId', `${user.displayName} is already on the ${kind} list`)
          else if (existing.length > 0)
            problems.add('userId', `${user.displayName} is on the ${existing[0].kind} list. Remove them from it first`)
        }
        if (problems.any) fail(problems)
        const { id } = await trx
          .insertInto('access_limitations')
          .values({
            person_id: found.id,
            kind: kind as 'exclusion' | 'restriction',
            user_id: user!.id,
            reason: reason || null,
            created_by: actor(ctx),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        await audit(trx, ctx, {
          action: 'PERSON_ACCESS_LIMITATION_ADDED',
          personId: found.id,
          subject: found.crn,
          detail: { id, kind, userId: user!.id, username: user!.username, reason: reason || null },
        })
        await publish(trx, 'person.access.changed', found.id, {
          crn: found.crn,
          change: 'added',
          kind,
          userId: user!.id,
        })
      })
    },

    async removeLimitation(ctx: RequestContext, crn: string, limitationId: number) {
      return db.transaction().execute(async trx => {
        const found = await person(trx, crn)
        const limitation = await trx
          .selectFrom('access_limitations')
          .select(['id', 'kind', 'user_id'])
          .where('id', '=', limitationId)
          .where('person_id', '=', found.id)
          .where('removed_at', 'is', null)
          .executeTakeFirst()
        if (!limitation) throw new NotFoundError('That access limit has already been removed')
        await trx
          .updateTable('access_limitations')
          .set({ removed_at: clock.now() })
          .where('id', '=', limitation.id)
          .execute()
        await audit(trx, ctx, {
          action: 'PERSON_ACCESS_LIMITATION_REMOVED',
          personId: found.id,
          subject: found.crn,
          detail: { id: limitation.id, kind: limitation.kind, userId: limitation.user_id },
        })
        await publish(trx, 'person.access.changed', found.id, {
          crn: found.crn,
          change: 'removed',
          kind: limitation.kind,
          userId: limitation.user_id,
        })
      })
    },

    async setAccessMessages(ctx: RequestContext, crn: string, body: FormBody) {
      const exclusionMessage = text(body, 'exclusionMessage')
      const restrictionMessage = text(body, 'restrictionMessage')
      const version = Number(text(body, 'version'))
      return db.transaction().execute(async trx => {
        const found = await person(trx, crn)
        const problems = new Problems()
        if (exclusionMessage.length > MAX_MESSAGE)
          problems.add('exclusionMessage', `Message must be ${MAX_MESSAGE} characters or fewer`)
        if (restrictionMessage.length > MAX_MESSAGE)
          problems.add('restrictionMessage', `Message must be ${MAX_MESSAGE} characters or fewer`)
        if (problems.any) fail(problems)
        const updated = await trx
          .updateTable('people')
          .set(eb => ({
            exclusion_message: exclusionMessage || null,
            restriction_message: restrictionMessage || null,
            updated_at: clock.now(),
            version: eb('version', '+', 1),
          }))
          .where('id', '=', found.id)
          .where('version', '=', version)
          .executeTakeFirst()
        if (Number(updated.numUpdatedRows) !== 1) throw new ConflictError()
        await audit(trx, ctx, {
          action: 'PERSON_ACCESS_MESSAGES_CHANGED',
          personId: found.id,
          subject: found.crn,
          detail: {
            before: { exclusionMessage: found.exclusionMessage, restrictionMessage: found.restrictionMessage },
            after: { exclusionMessage: exclusionMessage || null, restrictionMessage: restrictionMessage || null },
          },
        })
        await publish(trx, 'person.access.changed', found.id, { crn: found.crn, change: 'messages' })
      })
    },

    // ── API tokens ───────────────────────────────────────────────────────────────────────────────────────

    async apiTokens() {
      return listApiTokens(db)
    },

    async apiTokenFormOptions() {
      return { users: await listActiveUsers(db) }
    },

    /**
     * Issues a token for another system, acting as a chosen user. The token is returned once, to be shown
     * once: only its SHA-256 and a short prefix (to recognise it in lists and logs) are stored.
     */
    async issueApiToken(ctx: RequestContext, body: FormBody) {
      const name = text(body, 'name')
      const userId = optionalId(text(body, 'userId'))
      return db.transaction().execute(async trx => {
        const problems = new Problems()
        if (!name) problems.add('name', 'Enter the name of the system that will use the token')
        else if (name.length > MAX_NAME) problems.add('name', `Name must be ${MAX_NAME} characters or fewer`)
        const user = userId === null ? undefined : await findUser(trx, userId)
        if (!user) problems.add('userId', 'Select the user the system acts as')
        else if (!user.active) problems.add('userId', `${user.displayName} is disabled. Choose an active user`)
        if (problems.any) fail(problems)
        const token = `probity_${randomToken()}`
        const prefix = token.slice(0, 14)
        const { id } = await trx
          .insertInto('api_tokens')
          .values({ name, token_hash: sha256(token), token_prefix: prefix, user_id: user!.id, created_by: actor(ctx)! })
          .returning('id')
          .executeTakeFirstOrThrow()
        await audit(trx, ctx, {
          action: 'API_TOKEN_ISSUED',
          subject: name,
          detail: { id, name, userId: user!.id, username: user!.username, prefix },
        })
        return { id, token, name, prefix, username: user!.username }
      })
    },

    async revokeApiToken(ctx: RequestContext, id: number) {
      return db.transaction().execute(async trx => {
        const token = await trx
          .selectFrom('api_tokens')
          .select(['id', 'name', 'token_prefix', 'revoked_at'])
          .where('id', '=', id)
          .executeTakeFirst()
        if (!token) throw new NotFoundError('No such API token')
        if (token.revoked_at) return
        await trx.updateTable('api_tokens').set({ revoked_at: clock.now() }).where('id', '=', id).execute()
        await audit(trx, ctx, {
          action: 'API_TOKEN_REVOKED',
          subject: token.name,
          detail: { id, prefix: token.token_prefix },
        })
      })
    },
  }

  async function checkCanUpdate(trx: Executor, ctx: RequestContext, personId: number) {
    const facts = await loadPersonAccess(trx, personId)
    if (!facts) throw new NotFoundError()
    const decision = canUpdatePerson(ctx.user, facts)
    if (!decision.allowed) {
      await audit(trx, ctx, { action: 'ADMIN_PERSON_REFUSED', personId, detail: { reason: decision.reason } })
      throw new ForbiddenError(decision.reason)
    }
  }
}

export type AdminService = ReturnType<typeof createAdminService>

export function userStatus(active: boolean, lockedUntil: Date | null, now: number): 'disabled' | 'locked' | 'active' {
  if (!active) return 'disabled'
  if (lockedUntil && lockedUntil.getTime() > now) return 'locked'
  return 'active'
}

function staffValues(body: FormBody) {
  const email = text(body, 'email')
  return {
    forename: text(body, 'forename'),
    surname: text(body, 'surname'),
    grade: text(body, 'grade'),
    provider_id: optionalId(text(body, 'providerId')),
    team_id: optionalId(text(body, 'teamId')),
    email: email || null,
  }
}

function staffFieldProblems(values: ReturnType<typeof staffValues>, problems: Problems) {
  if (!values.forename) problems.add('forename', 'Enter a first name')
  else if (values.forename.length > MAX_NAME)
    problems.add('forename', `First name must be ${MAX_NAME} characters or fewer`)
  if (!values.surname) problems.add('surname', 'Enter a last name')
  else if (values.surname.length > MAX_NAME)
    problems.add('surname', `Last name must be ${MAX_NAME} characters or fewer`)
  if (!Object.hasOwn(GRADES, values.grade)) problems.add('grade', 'Select a grade')
  if (values.email && !EMAIL.test(values.email))
    problems.add('email', 'Enter an email address in the correct format, like name@example.org')
}

function roleProblems(roles: string[], problems: Problems) {
  if (roles.length === 0) problems.add('roles', 'Select at least one role')
  else if (!roles.every(isRole)) problems.add('roles', 'Select roles from the list')
}
