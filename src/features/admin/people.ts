import type { Transaction } from 'kysely'
import { audit, publish, type RequestContext } from '../../access/audit.ts'
import { changeCaseManager } from '../../access/case-managers.ts'
import type { Executor } from '../../access/person-access.ts'
import { personAccess, type PersonAccessMode } from '../../access/with-person.ts'
import type { Database } from '../../db/schema.ts'
import type { Dependencies } from '../../dependencies.ts'
import { ConflictError, NotFoundError } from '../../errors.ts'
import { FieldProblems } from '../../web/forms.ts'
import { chosenId, type AccessMessages, type ManagerChange, type NewLimitation } from './forms.ts'
import { failIfAny } from './organisations.ts'
import {
  findOpenLimitation,
  findOrgUnit,
  findPersonByCrn,
  findPersonById,
  findStaff,
  findUser,
  insertLimitation,
  listActiveUsers,
  listLimitations,
  listManagerHistory,
  listOrgUnits,
  listStaff,
  listTeamsWithProvider,
  openLimitationKinds,
  removeLimitation as endLimitation,
  teamProvider,
  updateAccessMessages,
} from './queries.ts'

/**
 * A person's case manager and their limited access (exclusions, restrictions and the messages shown).
 *
 * Changing who manages a person is a change to their record, so the one policy applies (withPerson, 'update'): a
 * record restricted to named staff cannot be reallocated by an administrator who is not on the list. Limited access
 * is managed by administrators only (the route requires `admin`), deliberately without the person-level policy:
 * otherwise a record restricted to named staff could never be opened up again. Those pages show only the name, CRN
 * and the access lists, never the case record.
 */

const MAX_MESSAGE = 1000

type Deps = Pick<Dependencies, 'db' | 'clock'>
type AdminPerson = Awaited<ReturnType<typeof findPersonById>>

const actor = (ctx: RequestContext) => ctx.user?.id ?? null

/** A person an administrator is working on; soft-deleted records are not found. */
async function person(trx: Executor, crn: string) {
  const found = await findPersonByCrn(trx, crn.toUpperCase())
  if (!found) throw new NotFoundError(`No person with CRN ${crn}`)
  return found
}

/**
 * Opens a person's record under the policy (`withPerson`) and loads what an administrator sees of them. An unknown
 * CRN reads as it always has on these pages ("No person with CRN …").
 */
function adminWithPerson(db: Deps['db']) {
  const withPerson = personAccess(db)
  return async function <T>(
    ctx: RequestContext,
    crn: string,
    mode: PersonAccessMode,
    work: (trx: Transaction<Database>, found: AdminPerson) => Promise<T>,
  ): Promise<T> {
    let opened = false
    try {
      return await withPerson(ctx, crn, mode, async (trx, access) => {
        opened = true
        return work(trx, await findPersonById(trx, access.personId))
      })
    } catch (error) {
      if (!opened && error instanceof NotFoundError) throw new NotFoundError(`No person with CRN ${crn}`)
      throw error
    }
  }
}

function viewed(trx: Executor, ctx: RequestContext, found: AdminPerson, page: string) {
  return audit(trx, ctx, { action: 'ADMIN_PERSON_VIEW', personId: found.id, subject: found.crn, detail: { page } })
}

export async function personSummary({ db }: Deps, ctx: RequestContext, crn: string) {
  return db.transaction().execute(async trx => {
    const found = await person(trx, crn)
    await viewed(trx, ctx, found, 'summary')
    return found
  })
}

/** The manager page: who manages the person now and before, and the choices for a change. */
export async function managerPage({ db }: Deps, ctx: RequestContext, crn: string) {
  return adminWithPerson(db)(ctx, crn, 'update', async (trx, found) => {
    const [history, providers, teams, staff] = await Promise.all([
      listManagerHistory(trx, found.id),
      listOrgUnits(trx, 'providers'),
      listTeamsWithProvider(trx),
      listStaff(trx),
    ])
    await viewed(trx, ctx, found, 'manager')
    return {
      person: found,
      current: history.find(h => h.endedAt === null),
      history,
      providers: providers.filter(p => p.active || p.id === found.providerId),
      teams: teams.filter(t => t.active || t.id === found.teamId),
      staff: staff.filter(s => s.active || s.id === found.staffId),
    }
  })
}

/** Checks the new provider, team and practitioner fit together; returns what was found. */
async function managerProblems(trx: Executor, change: ManagerChange, problems: FieldProblems) {
  const { providerId, teamId, staffId } = change
  const provider = providerId === null ? undefined : await findOrgUnit(trx, 'providers', providerId)
  if (!provider) problems.add('providerId', 'Select the managing provider')
  else if (!provider.active) problems.add('providerId', `${provider.name} is inactive. Choose an active provider`)
  const team = typeof teamId === 'number' ? await teamProvider(trx, teamId) : undefined
  if (teamId !== null && !team) problems.add('teamId', 'Select a team')
  else if (team && !team.active) problems.add('teamId', `${team.name} is inactive. Choose an active team`)
  else if (team && provider && team.providerId !== provider.id)
    problems.add('teamId', `${team.name} is not a team of ${provider.name}`)
  const member = typeof staffId === 'number' ? await findStaff(trx, staffId) : undefined
  const name = member && `${member.forename} ${member.surname}`
  if (staffId !== null && !member) problems.add('staffId', 'Select a practitioner')
  else if (member && !member.active) problems.add('staffId', `${name} is inactive. Choose someone else`)
  else if (member && !team) problems.add('teamId', 'Select the team the practitioner works in')
  else if (member && team && member.teamId !== team.id) problems.add('staffId', `${name} is not in ${team.name}`)
  if (change.reason.length > MAX_MESSAGE) problems.add('reason', `Reason must be ${MAX_MESSAGE} characters or fewer`)
  return { provider, team, member }
}

export async function changeManager({ db, clock }: Deps, ctx: RequestContext, crn: string, change: ManagerChange) {
  return adminWithPerson(db)(ctx, crn, 'update', async (trx, found) => {
    const problems = new FieldProblems()
    const { provider, team, member } = await managerProblems(trx, change, problems)
    const to = { providerId: change.providerId, teamId: chosenId(change.teamId), staffId: chosenId(change.staffId) }
    const from = { providerId: found.providerId, teamId: found.teamId, staffId: found.staffId }
    const unchanged = from.providerId === to.providerId && from.teamId === to.teamId && from.staffId === to.staffId
    if (problems.errors.length === 0 && unchanged)
      problems.add(
        'providerId',
        'This is already who manages the person. Choose a different provider, team or practitioner',
      )
    failIfAny(problems)
    if (!provider) throw new Error('A case manager needs a provider')
    const now = clock.now()
    const reason = change.reason || null
    // History is kept: the current row is ended, never changed otherwise, and a new one starts now (shared with allocation).
    await changeCaseManager(trx, {
      personId: found.id,
      version: change.version,
      providerId: provider.id,
      teamId: to.teamId,
      staffId: to.staffId,
      reason,
      userId: actor(ctx),
      now,
    })
    await audit(trx, ctx, {
      action: 'PERSON_MANAGER_CHANGED',
      personId: found.id,
      subject: found.crn,
      detail: { from, to, reason },
    })
    await publish(trx, 'person.manager.changed', found.id, {
      crn: found.crn,
      from,
      to: { ...to, providerCode: provider.code, teamCode: team?.code ?? null, staffCode: member?.code ?? null },
      reason,
      at: now.toISOString(),
    })
  })
}

// ── Limited access ─────────────────────────────────────────────────────────────────────────────────────────

export async function accessPage({ db }: Deps, ctx: RequestContext, crn: string) {
  return db.transaction().execute(async trx => {
    const found = await person(trx, crn)
    const [limitations, users] = await Promise.all([listLimitations(trx, found.id), listActiveUsers(trx)])
    await viewed(trx, ctx, found, 'access')
    return {
      person: found,
      exclusions: limitations.filter(l => l.kind === 'exclusion' && l.removedAt === null),
      restrictions: limitations.filter(l => l.kind === 'restriction' && l.removedAt === null),
      removed: limitations.filter(l => l.removedAt !== null),
      users,
    }
  })
}

export async function addLimitation({ db }: Deps, ctx: RequestContext, crn: string, command: NewLimitation) {
  const { kind, userId, reason } = command
  return db.transaction().execute(async trx => {
    const found = await person(trx, crn)
    const problems = new FieldProblems()
    if (!kind) problems.add('kind', 'Select exclude or restrict')
    const user = userId === null ? undefined : await findUser(trx, userId)
    if (!user) problems.add('userId', 'Select a user')
    if (reason.length > MAX_MESSAGE) problems.add('reason', `Reason must be ${MAX_MESSAGE} characters or fewer`)
    if (user && kind) {
      const existing = await openLimitationKinds(trx, found.id, user.id)
      if (existing.includes(kind)) problems.add('userId', `${user.displayName} is already on the ${kind} list`)
      else if (existing.length > 0)
        problems.add('userId', `${user.displayName} is on the ${existing[0]} list. Remove them from it first`)
    }
    failIfAny(problems)
    if (!user || !kind) throw new Error('A limitation needs a user and a kind')
    const id = await insertLimitation(trx, {
      personId: found.id,
      kind,
      userId: user.id,
      reason: reason || null,
      createdBy: actor(ctx),
    })
    await audit(trx, ctx, {
      action: 'PERSON_ACCESS_LIMITATION_ADDED',
      personId: found.id,
      subject: found.crn,
      detail: { id, kind, userId: user.id, username: user.username, reason: reason || null },
    })
    await publish(trx, 'person.access.changed', found.id, { crn: found.crn, change: 'added', kind, userId: user.id })
  })
}

export async function removeLimitation({ db, clock }: Deps, ctx: RequestContext, crn: string, limitationId: number) {
  return db.transaction().execute(async trx => {
    const found = await person(trx, crn)
    const limitation = await findOpenLimitation(trx, limitationId, found.id)
    if (!limitation) throw new NotFoundError('That access limit has already been removed')
    await endLimitation(trx, limitation.id, clock.now())
    await audit(trx, ctx, {
      action: 'PERSON_ACCESS_LIMITATION_REMOVED',
      personId: found.id,
      subject: found.crn,
      detail: { id: limitation.id, kind: limitation.kind, userId: limitation.userId },
    })
    await publish(trx, 'person.access.changed', found.id, {
      crn: found.crn,
      change: 'removed',
      kind: limitation.kind,
      userId: limitation.userId,
    })
  })
}

export async function setAccessMessages(
  { db, clock }: Deps,
  ctx: RequestContext,
  crn: string,
  command: AccessMessages,
) {
  const { exclusionMessage, restrictionMessage, version } = command
  return db.transaction().execute(async trx => {
    const found = await person(trx, crn)
    const problems = new FieldProblems()
    if (exclusionMessage.length > MAX_MESSAGE)
      problems.add('exclusionMessage', `Message must be ${MAX_MESSAGE} characters or fewer`)
    if (restrictionMessage.length > MAX_MESSAGE)
      problems.add('restrictionMessage', `Message must be ${MAX_MESSAGE} characters or fewer`)
    failIfAny(problems)
    const after = { exclusionMessage: exclusionMessage || null, restrictionMessage: restrictionMessage || null }
    if (!(await updateAccessMessages(trx, found.id, version, { ...after, now: clock.now() }))) throw new ConflictError()
    await audit(trx, ctx, {
      action: 'PERSON_ACCESS_MESSAGES_CHANGED',
      personId: found.id,
      subject: found.crn,
      detail: {
        before: { exclusionMessage: found.exclusionMessage, restrictionMessage: found.restrictionMessage },
        after,
      },
    })
    await publish(trx, 'person.access.changed', found.id, { crn: found.crn, change: 'messages' })
  })
}
