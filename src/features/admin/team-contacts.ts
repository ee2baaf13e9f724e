import { audit, type RequestContext } from '../../access/audit.ts'
import type { Dependencies } from '../../dependencies.ts'
import { NotFoundError } from '../../errors.ts'
import { FieldProblems } from '../../web/forms.ts'
import type { TeamContactDetails } from './forms.ts'
import { failIfAny, MAX_NAME } from './organisations.ts'
import {
  findTeamContact,
  findTeamIdByCode,
  teamsWithoutContact,
  updateTeamContact,
  type TeamContactRow,
} from './queries.ts'

/**
 * Each team's letterhead and contact block: the office name, address, phone number and email address that its
 * appointment, warning and breach letters carry, so a letter never says "contact us" without saying how. Set by an
 * administrator; every change is audited with what it was before.
 */

type Deps = Pick<Dependencies, 'db'>

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
/** A UK postcode, anywhere in the address (usually its last line). */
const POSTCODE = /\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\b/i
const PHONE = /^[0-9 ()+-]+$/
const MAX_LINE = 100

/** What the team's contact page shows, and whether letters still fall back to the team name. */
export async function teamContact({ db }: Deps, teamId: number) {
  const row = await findTeamContact(db, teamId)
  if (!row) throw new NotFoundError('No such team')
  return { ...row, complete: isComplete(row) }
}

/** The ids of teams whose letters have no address or phone number yet (shown on the organisations page). */
export async function teamsMissingContact({ db }: Deps): Promise<Set<number>> {
  return new Set(await teamsWithoutContact(db))
}

const isComplete = (r: Pick<TeamContactRow, 'office_address' | 'office_phone'>) =>
  r.office_address !== null && r.office_phone !== null

/** The address as letter lines: each line trimmed, blank lines dropped. */
export const addressLines = (address: string) =>
  address
    .split(/\r?\n/)
    .map(l => l.trim())
    .filter(Boolean)

function problemsOf(d: TeamContactDetails): FieldProblems {
  const problems = new FieldProblems()
  if (!d.officeName) problems.add('officeName', 'Enter the name of the office, like Northtown Probation Office')
  else if (d.officeName.length > MAX_NAME) problems.add('officeName', `Name must be ${MAX_NAME} characters or fewer`)
  const lines = addressLines(d.address)
  if (lines.length === 0) problems.add('address', 'Enter the office address')
  else if (lines.length > 6 || lines.some(l => l.length > MAX_LINE))
    problems.add('address', `Address must be 6 lines or fewer, each ${MAX_LINE} characters or fewer`)
  else if (!POSTCODE.test(d.address)) problems.add('address', 'Enter the address with its postcode, like NT1 2AB')
  const digits = d.phone.replace(/[^0-9]/g, '').length
  if (!d.phone) problems.add('phone', 'Enter the phone number people should ring')
  else if (!PHONE.test(d.phone) || digits < 10 || digits > 13)
    problems.add('phone', 'Enter a phone number, like 01632 960 000')
  if (d.email && (!EMAIL.test(d.email) || d.email.length > MAX_NAME))
    problems.add('email', 'Enter an email address in the correct format, like northtown@probation.example')
  return problems
}

/**
 * Sets a team's letterhead and contact block (office name, address, phone, optional email). Checked field by field;
 * audited as TEAM_CONTACT_UPDATED with what it was before. The seed and test factories call it too (see
 * `setTeamContactByCode`).
 *
 * @example
 * await setTeamContact({ db }, ctx, teamId, { officeName: 'Northtown Probation Office',
 *   address: '1 Market Street\nNorthtown\nNT1 2AB', phone: '01632 960 000', email: 'northtown@probation.example' })
 */
export async function setTeamContact({ db }: Deps, ctx: RequestContext, teamId: number, d: TeamContactDetails) {
  return db.transaction().execute(async trx => {
    const before = await findTeamContact(trx, teamId)
    if (!before) throw new NotFoundError('No such team')
    failIfAny(problemsOf(d))
    const after = {
      office_name: d.officeName,
      office_address: addressLines(d.address).join('\n'),
      office_phone: d.phone,
      office_email: d.email || null,
    }
    await updateTeamContact(trx, teamId, after)
    await audit(trx, ctx, {
      action: 'TEAM_CONTACT_UPDATED',
      subject: before.code,
      detail: {
        teamId,
        before: {
          office_name: before.office_name,
          office_address: before.office_address,
          office_phone: before.office_phone,
          office_email: before.office_email,
        },
        after,
      },
    })
  })
}

/**
 * `setTeamContact` for a team known by its code, for the demo seed and test factories.
 *
 * @example
 * await setTeamContactByCode({ db }, { user: undefined, requestId: 'seed', ip: null }, 'PS-NW-N-A', details)
 */
export async function setTeamContactByCode(deps: Deps, ctx: RequestContext, teamCode: string, d: TeamContactDetails) {
  const id = await findTeamIdByCode(deps.db, teamCode)
  if (id === undefined) throw new NotFoundError(`No team with the code ${teamCode}`)
  return setTeamContact(deps, ctx, id, d)
}
