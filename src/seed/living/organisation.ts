import type { Kysely, Transaction } from 'kysely'
import type { Role } from '../../access/roles.ts'
import type { Database } from '../../db/schema.ts'
import { insertDeliveryUnit, insertStaff, insertTeam, insertUser } from '../queries.ts'
import { findTeamId, idsByCode, regionOfUnit, userIdsByName } from './queries.ts'

/**
 * The living region's organisation, on top of the base demo's: more practitioners in the Northtown teams and the
 * contracted company's Easton team, a second public delivery unit (Southam) with its own team and senior, and two
 * more sign-ins. Each practitioner has a caseload target the generator fills.
 */

export const LIVING_MARKER_TEAM = 'PS-NW-S-1'

export const LIVING_USERS: { username: string; name: string; roles: Role[]; staff: string }[] = [
  { username: 'lee.practitioner', name: 'Lee Okoro', roles: ['practitioner'], staff: 'NWS101' },
  { username: 'kim.senior', name: 'Kim Fletcher', roles: ['senior'], staff: 'CRC010' },
]

/** A practitioner the generator gives cases to: where they work and how many new cases they get. */
export interface LivingPractitioner {
  code: string
  staffId: number
  teamId: number
  providerId: number
  contracted: boolean
  /** Index of their court among the demo courts (NTMC, NTCC, WBMC). */
  court: number
  newCases: number
}

export interface LivingOrganisation {
  practitioners: LivingPractitioner[]
  staff: Map<string, number>
  users: Map<string, number>
  courts: number[]
  teams: Map<string, number>
  publicProvider: number
  contractedProvider: number
}

/** Existing staff (base demo) and new ones: code, names, grade, team code, and new cases to generate. */
const PRACTITIONERS: [string, string, string, string, string, number][] = [
  ['NWS001', 'Pat', 'Practitioner', 'PO', 'PS-NW-N-A', 14],
  ['NWS011', 'Jordan', 'Reid', 'PO', 'PS-NW-N-A', 26],
  ['NWS012', 'Sunita', 'Rao', 'PSO', 'PS-NW-N-A', 20],
  ['NWS006', 'Robin', 'Officer', 'PO', 'PS-NW-N-B', 18],
  ['NWS021', 'Megan', 'Doyle', 'PO', 'PS-NW-N-B', 24],
  ['NWS101', 'Lee', 'Okoro', 'PO', LIVING_MARKER_TEAM, 24],
  ['NWS102', 'Hannah', 'Price', 'PO', LIVING_MARKER_TEAM, 22],
  ['NWS103', 'Tomasz', 'Kowalski', 'PSO', LIVING_MARKER_TEAM, 18],
  ['CRC001', 'Alex', 'Contracted', 'PSO', 'CRC-NW-E-1', 16],
  ['CRC002', 'Ben', 'Ashworth', 'PO', 'CRC-NW-E-1', 22],
]
const SENIORS: [string, string, string, string][] = [
  ['NWS104', 'Grace', 'Mensah', LIVING_MARKER_TEAM],
  ['CRC010', 'Kim', 'Fletcher', 'CRC-NW-E-1'],
]
const TEAM_CODES = ['PS-NW-N-A', 'PS-NW-N-B', 'PS-NW-N-C', 'CRC-NW-E-1']
const BASE_STAFF = ['NWS001', 'NWS002', 'NWS003', 'NWS004', 'NWS005', 'NWS006', 'CRC001']

/** Whether the living layer is there already. */
export async function livingRegionExists(db: Kysely<Database> | Transaction<Database>) {
  return (await findTeamId(db, LIVING_MARKER_TEAM)) !== undefined
}

/** Adds the Southam unit and team, the new staff and sign-ins; returns who gets which cases. */
export async function seedLivingOrganisation(
  trx: Transaction<Database>,
  passwordHash: string,
): Promise<LivingOrganisation> {
  const providers = await idsByCode(trx, 'providers', ['PS', 'NWCRC'])
  const publicProvider = providers.get('PS')
  const contractedProvider = providers.get('NWCRC')
  const northtown = (await idsByCode(trx, 'delivery_units', ['PS-NW-N'])).get('PS-NW-N')
  if (!publicProvider || !contractedProvider || !northtown)
    throw new Error('The living demo region goes on top of the base demo region: seed that first')
  const regionId = await regionOfUnit(trx, northtown)
  const southam = await insertDeliveryUnit(trx, regionId, 'PS-NW-S', 'Southam PDU')
  const teams = await idsByCode(trx, 'teams', TEAM_CODES)
  teams.set(LIVING_MARKER_TEAM, await insertTeam(trx, southam, LIVING_MARKER_TEAM, 'Southam Team 1'))
  const staff = await idsByCode(trx, 'staff', BASE_STAFF)
  const team = (code: string) => teams.get(code) ?? 0
  const providerOf = (teamCode: string) => (teamCode.startsWith('CRC') ? contractedProvider : publicProvider)
  for (const [code, forename, surname, grade, teamCode] of PRACTITIONERS) {
    if (staff.has(code)) continue
    const row = { code, forename, surname, grade, provider_id: providerOf(teamCode), team_id: team(teamCode) }
    staff.set(code, await insertStaff(trx, row))
  }
  for (const [code, forename, surname, teamCode] of SENIORS) {
    const row = { code, forename, surname, grade: 'SPO', provider_id: providerOf(teamCode), team_id: team(teamCode) }
    staff.set(code, await insertStaff(trx, row))
  }
  for (const u of LIVING_USERS) {
    const user = { username: u.username, display_name: u.name, roles: u.roles, password_hash: passwordHash }
    await insertUser(trx, { ...user, staff_id: staff.get(u.staff) ?? null })
  }
  const courts = await idsByCode(trx, 'courts', ['NTMC', 'NTCC', 'WBMC'])
  const practitioners = PRACTITIONERS.map(([code, , , , teamCode, newCases]) => ({
    code,
    staffId: staff.get(code) ?? 0,
    teamId: team(teamCode),
    providerId: providerOf(teamCode),
    contracted: teamCode.startsWith('CRC'),
    court: teamCode === LIVING_MARKER_TEAM ? 2 : 0,
    newCases,
  }))
  const users = await userIdsByName(trx, [
    'pat.practitioner',
    'sam.senior',
    'chris.court',
    'alex.crc',
    ...LIVING_USERS.map(u => u.username),
  ])
  return {
    practitioners,
    staff,
    users,
    courts: ['NTMC', 'NTCC', 'WBMC'].map(c => courts.get(c) ?? 0),
    teams,
    publicProvider,
    contractedProvider,
  }
}
