import { audit, type RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import type { Dependencies } from '../../dependencies.ts'
import { NotFoundError, ValidationError } from '../../errors.ts'
import { FieldProblems } from '../../web/forms.ts'
import {
  CODE_PATTERN,
  type NewOrgUnit,
  type NewStaff,
  type OrgUnitChange,
  type StaffChange,
  type StaffDetails,
} from './forms.ts'
import {
  findOrgUnit,
  findStaff,
  GRADES,
  insertOrgUnit,
  insertStaff,
  isProviderKind,
  listOrgUnits,
  listStaff,
  listTeamsWithProvider,
  ORG_LEVEL_NAMES,
  ORG_PARENT,
  orgCodeTaken,
  PROVIDER_KINDS,
  staffCodeTaken,
  teamProvider,
  updateOrgUnit,
  updateStaff,
  type OrgLevel,
} from './queries.ts'

/**
 * Organisations (provider → region → PDU → team) and the staff who work in them. Nothing is deleted: a unit or a
 * member of staff is deactivated. Codes never change (other systems key on them). Every change is audited in the
 * transaction that makes it.
 */

export const MAX_NAME = 200
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

type Deps = Pick<Dependencies, 'db'>

export function failIfAny(problems: FieldProblems): void {
  if (problems.errors.length > 0) throw new ValidationError(problems.errors)
}

/** Providers with their regions, PDUs and teams, for the organisations page. */
export async function organisationTree({ db }: Deps) {
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
}

export async function orgUnit({ db }: Deps, level: OrgLevel, id: number) {
  const unit = await findOrgUnit(db, level, id)
  if (!unit) throw new NotFoundError(`No such ${ORG_LEVEL_NAMES[level]}`)
  return unit
}

/** The units a new unit of this level can belong to (active ones). */
export async function parentOptions({ db }: Deps, level: OrgLevel) {
  if (level === 'providers') return []
  return (await listOrgUnits(db, ORG_PARENT[level])).filter(u => u.active)
}

async function parentProblems(trx: Executor, level: OrgLevel, parentId: number | null, problems: FieldProblems) {
  if (level === 'providers') return
  const parentLevel = ORG_PARENT[level]
  const parent = parentId === null ? undefined : await findOrgUnit(trx, parentLevel, parentId)
  if (!parent) problems.add('parentId', `Select the ${ORG_LEVEL_NAMES[parentLevel]} it belongs to`)
  else if (!parent.active)
    problems.add('parentId', `The ${ORG_LEVEL_NAMES[parentLevel]} ${parent.name} is inactive. Choose an active one`)
}

function nameAndKindProblems(level: OrgLevel, name: string, kind: string, problems: FieldProblems) {
  if (!name) problems.add('name', 'Enter a name')
  else if (name.length > MAX_NAME) problems.add('name', `Name must be ${MAX_NAME} characters or fewer`)
  if (level === 'providers' && !isProviderKind(kind)) problems.add('kind', 'Select what kind of provider it is')
}

export async function createOrgUnit({ db }: Deps, ctx: RequestContext, level: OrgLevel, unit: NewOrgUnit) {
  const { code, name, kind, parentId } = unit
  return db.transaction().execute(async trx => {
    const problems = new FieldProblems()
    await parentProblems(trx, level, parentId, problems)
    if (!code) problems.add('code', 'Enter a code')
    else if (!CODE_PATTERN.test(code))
      problems.add('code', 'Code must be up to 20 capital letters, numbers and hyphens, like PS-NW-N-A')
    else if (await orgCodeTaken(trx, level, code))
      problems.add('code', `Another ${ORG_LEVEL_NAMES[level]} already has the code ${code}`)
    nameAndKindProblems(level, name, kind, problems)
    failIfAny(problems)
    const id = await insertOrgUnit(trx, level, { code, name, kind: isProviderKind(kind) ? kind : null, parentId })
    await audit(trx, ctx, {
      action: 'ORGANISATION_CREATED',
      subject: code,
      detail: { level, id, code, name, parentId, kind: kind || undefined },
    })
    return id
  })
}

/** Renames, reclassifies (providers) or (de)activates a unit. Codes never change: other systems key on them. */
export async function changeOrgUnit(
  { db }: Deps,
  ctx: RequestContext,
  level: OrgLevel,
  id: number,
  change: OrgUnitChange,
) {
  const { name, kind, active } = change
  return db.transaction().execute(async trx => {
    const before = await findOrgUnit(trx, level, id)
    if (!before) throw new NotFoundError(`No such ${ORG_LEVEL_NAMES[level]}`)
    const problems = new FieldProblems()
    nameAndKindProblems(level, name, kind, problems)
    if (active === undefined) problems.add('active', 'Select whether it is active')
    failIfAny(problems)
    const isActive = active === true
    await updateOrgUnit(trx, level, id, { name, active: isActive, kind: isProviderKind(kind) ? kind : null })
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
}

// ── Staff ──────────────────────────────────────────────────────────────────────────────────────────────────

export async function staffList({ db }: Deps, filter: { providerId: number | null; teamId: number | null }) {
  const [staff, providers, teams] = await Promise.all([
    listStaff(db, filter),
    listOrgUnits(db, 'providers'),
    listTeamsWithProvider(db),
  ])
  return { staff, providers, teams }
}

export async function staffFormOptions({ db }: Deps) {
  const [providers, teams] = await Promise.all([listOrgUnits(db, 'providers'), listTeamsWithProvider(db)])
  return { providers, teams, grades: GRADES }
}

export async function staffMember({ db }: Deps, id: number) {
  const member = await findStaff(db, id)
  if (!member) throw new NotFoundError('No such member of staff')
  return member
}

function staffFieldProblems(values: StaffDetails, problems: FieldProblems) {
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

/** Checks the provider and team; returns the provider's id when it exists. */
async function placeProblems(trx: Executor, values: StaffDetails, problems: FieldProblems) {
  const provider = values.provider_id === null ? undefined : await findOrgUnit(trx, 'providers', values.provider_id)
  if (!provider) problems.add('providerId', 'Select a provider')
  if (values.team_id !== null) {
    const team = await teamProvider(trx, values.team_id)
    if (!team) problems.add('teamId', 'Select a team')
    else if (provider && team.providerId !== provider.id)
      problems.add('teamId', `${team.name} is not a team of ${provider.name}`)
  }
  return provider?.id
}

/** The details as stored, once checked: a member of staff always works for a provider. */
function withProvider(values: StaffDetails, providerId: number | undefined) {
  if (providerId === undefined) throw new Error('A member of staff needs a provider')
  return { ...values, provider_id: providerId }
}

export async function createStaff({ db }: Deps, ctx: RequestContext, staff: NewStaff) {
  const { code, details } = staff
  return db.transaction().execute(async trx => {
    const problems = new FieldProblems()
    if (!code) problems.add('code', 'Enter a staff code')
    else if (!CODE_PATTERN.test(code))
      problems.add('code', 'Staff code must be up to 20 capital letters, numbers and hyphens, like NWS007')
    else if (await staffCodeTaken(trx, code))
      problems.add('code', `Another member of staff already has the code ${code}`)
    staffFieldProblems(details, problems)
    const providerId = await placeProblems(trx, details, problems)
    failIfAny(problems)
    const id = await insertStaff(trx, { ...withProvider(details, providerId), code })
    await audit(trx, ctx, { action: 'STAFF_CREATED', subject: code, detail: { id, ...details } })
    return id
  })
}

export async function changeStaff({ db }: Deps, ctx: RequestContext, id: number, change: StaffChange) {
  const { details, active } = change
  return db.transaction().execute(async trx => {
    const before = await findStaff(trx, id)
    if (!before) throw new NotFoundError('No such member of staff')
    const problems = new FieldProblems()
    staffFieldProblems(details, problems)
    const providerId = await placeProblems(trx, details, problems)
    if (active === undefined) problems.add('active', 'Select whether they are active')
    failIfAny(problems)
    const after = { ...withProvider(details, providerId), active: active === true }
    await updateStaff(trx, id, after)
    await audit(trx, ctx, { action: 'STAFF_UPDATED', subject: before.code, detail: { id, before, after } })
  })
}
