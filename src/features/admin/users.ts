import { audit, type RequestContext } from '../../access/audit.ts'
import { hashPassword, passwordProblems } from '../../access/passwords.ts'
import type { Executor } from '../../access/person-access.ts'
import { isRole, ROLES } from '../../access/roles.ts'
import type { Dependencies } from '../../dependencies.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts'
import { FieldProblems } from '../../web/forms.ts'
import { endAllSessions } from '../../web/plugins/authentication.ts'
import { countOpenSessions } from '../../web/plugins/queries/sessions.ts'
import { chosenId, type Choice, type NewPassword, type NewUser, type UserChange, type UserDetails } from './forms.ts'
import { failIfAny, MAX_NAME } from './organisations.ts'
import {
  findStaff,
  findUser,
  insertUser,
  isUniqueViolation,
  listApiTokens,
  listPartnerOrganisations,
  listStaff,
  listUsers,
  resetUserPassword,
  setUserActive as setUserActiveRow,
  unlockUser as unlockUserRow,
  updateUserDetails,
  usernameTaken,
} from './queries.ts'

/**
 * User accounts and their roles. A user is disabled, never deleted; disabling one, or resetting their password,
 * signs them out everywhere. An administrator cannot disable themselves or drop their own administrator role.
 */

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,49}$/i

type Deps = Pick<Dependencies, 'db' | 'clock'>

export function userStatus(active: boolean, lockedUntil: Date | null, now: number): 'disabled' | 'locked' | 'active' {
  if (!active) return 'disabled'
  if (lockedUntil && lockedUntil.getTime() > now) return 'locked'
  return 'active'
}

export async function users({ db, clock }: Deps) {
  const now = clock.now().getTime()
  return (await listUsers(db)).map(u => ({ ...u, status: userStatus(u.active, u.lockedUntil, now) }))
}

export async function userFormOptions({ db }: Pick<Deps, 'db'>) {
  const [staff, partnerOrganisations] = await Promise.all([listStaff(db), listPartnerOrganisations(db)])
  return { staff: staff.filter(s => s.active), roles: ROLES, partnerOrganisations }
}

export async function user({ db, clock }: Deps, id: number) {
  const found = await findUser(db, id)
  if (!found) throw new NotFoundError('No such user')
  const [sessions, tokens, staff, partnerOrganisations] = await Promise.all([
    countOpenSessions(db, id),
    listApiTokens(db).then(all => all.filter(t => t.username === found.username)),
    listStaff(db),
    listPartnerOrganisations(db),
  ])
  return {
    user: { ...found, status: userStatus(found.active, found.lockedUntil, clock.now().getTime()) },
    sessions,
    tokens,
    staff,
    roles: ROLES,
    partnerOrganisations,
  }
}

async function detailProblems(db: Executor, displayName: string, staffId: Choice, problems: FieldProblems) {
  if (!displayName) problems.add('displayName', 'Enter the name to show for this user')
  else if (displayName.length > MAX_NAME) problems.add('displayName', `Name must be ${MAX_NAME} characters or fewer`)
  if (staffId !== null && (staffId === 'invalid' || !(await findStaff(db, staffId))))
    problems.add('staffId', 'Select a member of staff')
}

function roleProblems(roles: string[], problems: FieldProblems) {
  if (roles.length === 0) problems.add('roles', 'Select at least one role')
  else if (!roles.every(isRole)) problems.add('roles', 'Select roles from the list')
}

/**
 * A partner organisation's user (issue 18) has the `partner` role, their organisation, no staff record and no other
 * role; nobody else has a partner organisation.
 */
async function partnerProblems(db: Executor, details: UserDetails, problems: FieldProblems) {
  const { roles, staffId, partnerOrganisationId: organisation } = details
  if (organisation !== null) {
    const known =
      organisation !== 'invalid' && (await listPartnerOrganisations(db)).some(o => Number(o.id) === organisation)
    if (!known) problems.add('partnerOrganisationId', 'Select a partner organisation from the list')
  }
  if (!roles.includes('partner')) {
    if (organisation !== null)
      problems.add(
        'partnerOrganisationId',
        'Only a user with the partner role works for a partner organisation: select the partner role or no organisation',
      )
    return
  }
  if (organisation === null)
    problems.add('partnerOrganisationId', 'Select the partner organisation a partner user works for')
  if (staffId !== null)
    problems.add('staffId', 'A partner organisation’s user has no staff record: select “Not a member of staff”')
  if (roles.length > 1) problems.add('roles', 'A partner organisation’s user has the partner role and no other')
}

function newPasswordProblems(
  { password, confirmPassword }: NewPassword,
  username: string | undefined,
  problems: FieldProblems,
) {
  for (const p of passwordProblems(password, username, 'password')) problems.add(p.field, p.message)
  if (password !== confirmPassword) problems.add('confirmPassword', 'The passwords do not match')
}

export async function createUser({ db }: Pick<Deps, 'db'>, ctx: RequestContext, command: NewUser) {
  const { username, displayName, staffId, roles } = command
  const problems = new FieldProblems()
  if (!username) problems.add('username', 'Enter a username')
  else if (!USERNAME.test(username))
    problems.add('username', 'Username must be 2 to 50 letters, numbers, dots, hyphens or underscores, like sam.senior')
  else if (await usernameTaken(db, username)) problems.add('username', `The username ${username} is already taken`)
  await detailProblems(db, displayName, staffId, problems)
  roleProblems(roles, problems)
  await partnerProblems(db, command, problems)
  newPasswordProblems(command, username || undefined, problems)
  failIfAny(problems)
  // Hash outside the transaction: argon2 is deliberately slow and PGlite has one connection.
  const passwordHash = await hashPassword(command.password)
  try {
    return await db.transaction().execute(async trx => {
      const partnerOrganisationId = chosenId(command.partnerOrganisationId)
      const row = { username, displayName, staffId: chosenId(staffId), roles, passwordHash, partnerOrganisationId }
      const id = await insertUser(trx, row)
      await audit(trx, ctx, {
        action: 'USER_CREATED',
        subject: username,
        detail: { id, displayName, staffId: chosenId(staffId), roles, partnerOrganisationId },
      })
      return id
    })
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ValidationError([{ field: 'username', message: `The username ${username} is already taken` }])
    throw error
  }
}

/** Changes a user's name, linked staff member and roles. Stale forms are refused (version). */
export async function changeUser({ db }: Pick<Deps, 'db'>, ctx: RequestContext, id: number, change: UserChange) {
  const { displayName, roles, version } = change
  const staffId = chosenId(change.staffId)
  const partnerOrganisationId = chosenId(change.partnerOrganisationId)
  return db.transaction().execute(async trx => {
    const before = await findUser(trx, id)
    if (!before) throw new NotFoundError('No such user')
    const problems = new FieldProblems()
    await detailProblems(trx, displayName, change.staffId, problems)
    roleProblems(roles, problems)
    await partnerProblems(trx, change, problems)
    // An administrator cannot lock themselves out; another administrator must do it.
    if (id === ctx.user?.id && before.roles.includes('admin') && !roles.includes('admin'))
      problems.add('roles', 'You cannot remove your own administrator role. Ask another administrator')
    failIfAny(problems)
    if (!(await updateUserDetails(trx, id, version, { displayName, staffId, roles, partnerOrganisationId })))
      throw new ConflictError()
    await audit(trx, ctx, {
      action: 'USER_UPDATED',
      subject: before.username,
      detail: {
        id,
        before: {
          displayName: before.displayName,
          staffId: before.staffId,
          roles: before.roles,
          partnerOrganisationId: before.partnerOrganisationId,
        },
        after: { displayName, staffId, roles, partnerOrganisationId },
      },
    })
  })
}

/** Disabling a user ends every session they have; their API tokens stop working while they are disabled. */
export async function setUserActive({ db, clock }: Deps, ctx: RequestContext, id: number, active: boolean) {
  return db.transaction().execute(async trx => {
    const found = await findUser(trx, id)
    if (!found) throw new NotFoundError('No such user')
    if (!active && id === ctx.user?.id)
      throw new ForbiddenError('You cannot disable your own account. Ask another administrator')
    if (found.active === active) return
    await setUserActiveRow(trx, id, active)
    if (!active) await endAllSessions(trx, id, clock.now())
    await audit(trx, ctx, {
      action: active ? 'USER_ENABLED' : 'USER_DISABLED',
      subject: found.username,
      detail: { id },
    })
  })
}

export async function unlockUser({ db }: Pick<Deps, 'db'>, ctx: RequestContext, id: number) {
  return db.transaction().execute(async trx => {
    const found = await findUser(trx, id)
    if (!found) throw new NotFoundError('No such user')
    await unlockUserRow(trx, id)
    await audit(trx, ctx, {
      action: 'USER_UNLOCKED',
      subject: found.username,
      detail: { id, wasLockedUntil: found.lockedUntil },
    })
  })
}

/** Sets a new password chosen by the administrator, unlocks the account and signs the user out everywhere. */
export async function resetPassword({ db, clock }: Deps, ctx: RequestContext, id: number, command: NewPassword) {
  const found = await findUser(db, id)
  if (!found) throw new NotFoundError('No such user')
  const problems = new FieldProblems()
  newPasswordProblems(command, found.username, problems)
  failIfAny(problems)
  const passwordHash = await hashPassword(command.password)
  await db.transaction().execute(async trx => {
    const now = clock.now()
    await resetUserPassword(trx, id, passwordHash, now)
    await endAllSessions(trx, id, now)
    await audit(trx, ctx, { action: 'USER_PASSWORD_RESET', subject: found.username, detail: { id } })
  })
}
