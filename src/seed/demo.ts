import type { Kysely, Transaction } from 'kysely'
import { hashPassword } from '../access/passwords.ts'
import type { Role } from '../access/roles.ts'
import { seedApprovedPremises } from './approved-premises.ts'
import { systemClock, type Clock } from '../clock.ts'
import type { Database } from '../db/schema.ts'
import { makePnc } from '../domain/identifiers/index.ts'
import { insertPerson, insertPersonName } from '../features/people/index.ts'
import { seedDemoSentences } from '../features/sentencing/index.ts'
import { seedCommunityPaybackAreas } from '../features/community-payback/index.ts'
import {
  hasAnyProvider,
  insertAccessLimitation,
  insertAddress,
  insertCaseManager,
  insertCourts,
  insertDeliveryUnit,
  insertProvider,
  insertRegion,
  insertStaff,
  insertTeam,
  insertUser,
  setAccessMessage,
  setUserPartnerOrganisation,
} from './queries.ts'
import { seedPartnerDirectory, type DemoPartners } from './partner-services.ts'
import { livingSummary, seedLivingRegion } from './living/index.ts'

/**
 * A synthetic demo region: every name, date and address here is invented. Two providers share the region
 * (the public probation service and a contracted company), with a staff mutual and a charity in the supply
 * chain, so cross-provider access can be tried out straight after `npm start`.
 */

export const DEMO_PASSWORD = 'correct horse battery staple'

/** `partner`: the code of the partner organisation a partner's user works for (issue 18). */
export const DEMO_USERS: { username: string; name: string; roles: Role[]; staff?: string; partner?: string }[] = [
  { username: 'admin', name: 'Ada Administrator', roles: ['admin'] },
  { username: 'auditor', name: 'Aud Itor', roles: ['auditor'] },
  { username: 'pat.practitioner', name: 'Pat Practitioner', roles: ['practitioner'], staff: 'NWS001' },
  { username: 'sam.senior', name: 'Sam Senior', roles: ['senior'], staff: 'NWS002' },
  { username: 'chris.court', name: 'Chris Court', roles: ['court_officer'], staff: 'NWS003' },
  { username: 'casey.admin', name: 'Casey Caseadmin', roles: ['case_admin'], staff: 'NWS004' },
  { username: 'val.vlo', name: 'Val Liaison', roles: ['victim_liaison'], staff: 'NWS005' },
  { username: 'vic.manager', name: 'Vic Manager', roles: ['victim_liaison_manager'], staff: 'NWS007' },
  { username: 'alex.crc', name: 'Alex Contracted', roles: ['practitioner'], staff: 'CRC001' },
  { username: 'morgan.contracts', name: 'Morgan Contracts', roles: ['contract_manager'] },
  { username: 'amy.ap', name: 'Amy Premises', roles: ['ap_staff'], staff: 'NWS008' },
  { username: 'una.upw', name: 'Una Payback', roles: ['upw_supervisor'], staff: 'NWS009' },
  { username: 'pip.partner', name: 'Pip Partner', roles: ['partner'], partner: 'NHT' },
]

const FORENAMES = [
  'John',
  'Mohammed',
  'David',
  'Sarah',
  'Michael',
  'Emma',
  'Daniel',
  'Aisha',
  'James',
  'Chloe',
  'Liam',
  'Zoë',
  'Ryan',
  'Priya',
  'Connor',
  'Siobhan',
  'Kwame',
  'Joanna',
]
const SURNAMES = [
  'Smith',
  'Khan',
  'Jones',
  'Williams',
  'Brown',
  'Taylor',
  'Davies',
  'Evans',
  'Thomas',
  'Roberts',
  'Walker',
  "O'Brien",
  'Nowak',
  'Okafor',
  'Hughes',
  'Álvarez',
  'Patel',
  'Wright',
]
const STREETS = ['Mill Lane', 'Station Road', 'Church Street', 'Victoria Road', 'Park Avenue', 'High Street']
const TOWNS = ['Northtown', 'Easton', 'Westbury', 'Southam']

export interface SeedResult {
  summary: string
}

/** The demo organisation's ids the people are spread over. */
interface DemoOrganisation {
  nps: number
  crc: number
  teamA: number
  teamB: number
  crcTeam: number
  staffIds: Record<string, number>
  partners: DemoPartners
}

/** Providers, their regions, delivery units, teams and courts, and the staff in those teams. */
async function seedOrganisation(trx: Transaction<Database>): Promise<DemoOrganisation> {
  const nps = await insertProvider(trx, 'PS', 'Probation Service (demo)', 'public')
  const crc = await insertProvider(trx, 'NWCRC', 'Northshire Rehabilitation Company (demo)', 'contracted')
  await insertProvider(trx, 'MUT', 'Westbury Staff Mutual (demo)', 'mutual')
  await insertProvider(trx, 'CHA', 'Second Chances Charity (demo)', 'charity')

  const npsRegion = await insertRegion(trx, nps, 'PS-NW', 'North West (demo)')
  const npsNorth = await insertDeliveryUnit(trx, npsRegion, 'PS-NW-N', 'Northtown PDU')
  const teamA = await insertTeam(trx, npsNorth, 'PS-NW-N-A', 'Northtown Team A')
  const teamB = await insertTeam(trx, npsNorth, 'PS-NW-N-B', 'Northtown Team B')
  const courtTeam = await insertTeam(trx, npsNorth, 'PS-NW-N-C', 'Northtown Court Team')
  // Courts served by the Northtown PDU's court team (court lists and pre-sentence reports, src/features/court).
  await insertCourts(trx, [
    { code: 'NTMC', name: "Northtown Magistrates' Court", delivery_unit_id: npsNorth },
    { code: 'NTCC', name: 'Northtown Crown Court', delivery_unit_id: npsNorth },
    { code: 'WBMC', name: "Westbury Magistrates' Court", delivery_unit_id: npsNorth },
  ])
  const crcRegion = await insertRegion(trx, crc, 'CRC-NW', 'Northshire (demo)')
  const crcUnit = await insertDeliveryUnit(trx, crcRegion, 'CRC-NW-E', 'Easton LDU')
  const crcTeam = await insertTeam(trx, crcUnit, 'CRC-NW-E-1', 'Easton Team 1')

  const staff = (code: string, forename: string, surname: string, grade: string, providerId: number, teamId: number) =>
    insertStaff(trx, { code, forename, surname, grade, provider_id: providerId, team_id: teamId })
  const staffIds: Record<string, number> = {
    NWS001: await staff('NWS001', 'Pat', 'Practitioner', 'PO', nps, teamA),
    NWS002: await staff('NWS002', 'Sam', 'Senior', 'SPO', nps, teamA),
    NWS003: await staff('NWS003', 'Chris', 'Court', 'PSO', nps, courtTeam),
    NWS004: await staff('NWS004', 'Casey', 'Caseadmin', 'ADMIN', nps, teamA),
    NWS005: await staff('NWS005', 'Val', 'Liaison', 'VLO', nps, teamB),
    NWS006: await staff('NWS006', 'Robin', 'Officer', 'PO', nps, teamB),
    NWS007: await staff('NWS007', 'Vic', 'Manager', 'VLO', nps, teamB),
    CRC001: await staff('CRC001', 'Alex', 'Contracted', 'PSO', crc, crcTeam),
    // Approved premises staff work in the premises, not in a probation team.
    NWS008: await insertStaff(trx, {
      code: 'NWS008',
      forename: 'Amy',
      surname: 'Premises',
      grade: 'APW',
      provider_id: nps,
      team_id: null,
    }),
    // A Community Payback supervisor runs sessions on projects across the PDU (issue 17).
    NWS009: await staff('NWS009', 'Una', 'Payback', 'UPWS', nps, teamB),
  }
  await seedApprovedPremises(trx, npsRegion)
  const partners = await seedPartnerDirectory(trx, { nps: npsRegion, crc: crcRegion, crcProvider: crc })
  return { nps, crc, teamA, teamB, crcTeam, staffIds, partners }
}

/** The demo sign-ins, all with the demo password. */
async function seedUsers(
  trx: Transaction<Database>,
  org: Pick<DemoOrganisation, 'staffIds' | 'partners'>,
  passwordHash: string,
): Promise<Record<string, number>> {
  const { staffIds, partners } = org
  const userIds: Record<string, number> = {}
  for (const u of DEMO_USERS) {
    userIds[u.username] = await insertUser(trx, {
      username: u.username,
      display_name: u.name,
      roles: u.roles,
      staff_id: u.staff ? staffIds[u.staff] : null,
      password_hash: passwordHash,
    })
    const partner = u.partner ? partners.organisations[u.partner] : undefined
    if (partner) await setUserPartnerOrganisation(trx, userIds[u.username]!, partner)
  }
  return userIds
}

/** The i-th demo person: deterministic, spread over the two providers' teams. */
async function seedPerson(
  trx: Transaction<Database>,
  i: number,
  org: DemoOrganisation,
  userIds: Record<string, number>,
): Promise<void> {
  const forename = FORENAMES[i % FORENAMES.length]
  const surname = SURNAMES[(i * 7) % SURNAMES.length]
  const year = 1960 + ((i * 13) % 45)
  const dob = `${year}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`
  const byCrc = i % 4 === 3
  const managingTeam = byCrc ? org.crcTeam : i % 3 === 0 ? org.teamB : org.teamA
  const managingStaff = byCrc ? org.staffIds.CRC001 : i % 3 === 0 ? org.staffIds.NWS006 : org.staffIds.NWS001
  const providerId = byCrc ? org.crc : org.nps
  const unallocated = i === 35
  const { id } = await insertPerson(
    trx,
    {
      forename,
      surname,
      date_of_birth: dob,
      gender: i % 5 === 1 || i % 5 === 3 ? 'female' : 'male',
      // Every seventh person has a (valid, invented) PNC number, so search by PNC can be tried.
      pnc: i % 7 === 0 ? makePnc(2000 + (i % 20), 10000 + i * 37) : null,
      mobile: `07700 900${String(100 + i).slice(-3)}`,
      managing_provider_id: unallocated ? null : providerId,
      managing_team_id: unallocated ? null : managingTeam,
      managing_staff_id: unallocated ? null : managingStaff,
    },
    'X',
  )
  if (!unallocated) {
    await insertCaseManager(trx, {
      person_id: id,
      provider_id: providerId,
      team_id: managingTeam,
      staff_id: managingStaff,
      reason: 'Demo allocation',
    })
  }
  await seedAddresses(trx, i, id)
  if (i % 6 === 0)
    await insertPersonName(trx, id, 'alias', forename.slice(0, 1) === 'J' ? 'Jonny' : forename, `${surname}-Lee`, dob)
  await seedAccessLimitations(trx, i, id, userIds)
}

async function seedAddresses(trx: Transaction<Database>, i: number, personId: number): Promise<void> {
  const mainStart = `${2020 + (i % 5)}-0${(i % 9) + 1}-01`
  const mainId = await insertAddress(trx, {
    person_id: personId,
    status: 'main',
    building: String(10 + i),
    street: STREETS[i % STREETS.length],
    town: TOWNS[i % TOWNS.length],
    postcode: `NT${(i % 9) + 1} ${(i % 8) + 1}AB`,
    start_date: mainStart,
  })
  // Every fifth person moved once, so the address history has something to show.
  if (i % 5 === 0) {
    await insertAddress(trx, {
      person_id: personId,
      status: 'previous',
      building: `Flat ${i + 1}`,
      street: STREETS[(i + 3) % STREETS.length],
      town: TOWNS[(i + 1) % TOWNS.length],
      postcode: `NT${(i % 9) + 1} ${(i % 7) + 2}CD`,
      start_date: `${2015 + (i % 4)}-05-01`,
      end_date: mainStart,
      superseded_by: mainId,
    })
  }
}

/** One record excluded from a named practitioner, one restricted to named staff (limited access, LAO). */
async function seedAccessLimitations(
  trx: Transaction<Database>,
  i: number,
  personId: number,
  userIds: Record<string, number>,
): Promise<void> {
  if (i === 4) {
    await setAccessMessage(trx, personId, {
      exclusion_message: 'You are excluded from this case because of a conflict of interest.',
    })
    await insertAccessLimitation(trx, {
      person_id: personId,
      kind: 'exclusion',
      user_id: userIds['pat.practitioner'],
      reason: 'Known to the practitioner',
    })
  }
  if (i === 8) {
    await setAccessMessage(trx, personId, {
      restriction_message: 'This case is restricted. Contact the Northtown Team A senior.',
    })
    await insertAccessLimitation(trx, {
      person_id: personId,
      kind: 'restriction',
      user_id: userIds['sam.senior'],
      reason: 'High-profile case',
    })
  }
}

/**
 * Seeds the demo region when the database holds no providers yet. Returns nothing when it was not empty.
 * With `living`, the living region (src/seed/living) goes on top, dated from the clock's today: what `npm start` and
 * `probity seed` show; the tests' base demo (36 people, fixed dates) is the same either way.
 */
export async function seedDemoIfEmpty(
  db: Kysely<Database>,
  options: { living?: boolean; clock?: Clock } = {},
): Promise<SeedResult | undefined> {
  if (await hasAnyProvider(db)) return undefined
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  await db.transaction().execute(async trx => {
    const org = await seedOrganisation(trx)
    await seedCommunityPaybackAreas(trx)
    const userIds = await seedUsers(trx, org, passwordHash)
    for (let i = 0; i < 36; i++) await seedPerson(trx, i, org, userIds)
    await seedDemoSentences(trx)
  })
  const signIns = `all with the password "${DEMO_PASSWORD}"`
  if (options.living) {
    const clock = options.clock ?? systemClock
    const living = await seedLivingRegion(db, { clock, passwordHash })
    const guide = await livingSummary(db, clock)
    return {
      summary: `Seeded the living demo region (synthetic data, ${36 + (living?.people ?? 0)} people, dated from ${clock.today().toString()}). Sign in as, ${signIns}:\n${guide.join('\n')}`,
    }
  }
  const lines = DEMO_USERS.map(u => `  ${u.username.padEnd(18)} ${u.roles.join(', ')}`)
  return {
    summary: `Seeded the demo region (synthetic data). Demo sign-ins, ${signIns}:\n${lines.join('\n')}`,
  }
}
