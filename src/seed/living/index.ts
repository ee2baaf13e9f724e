import type { LocalDate } from '@js-joda/core'
import type { Kysely, Transaction } from 'kysely'
import type { RequestContext } from '../../access/audit.ts'
import type { Clock } from '../../clock.ts'
import type { Database } from '../../db/schema.ts'
import { setTeamContactByCode, type TeamContactDetails } from '../../features/admin/index.ts'
import { recalculateAllTiers } from '../../features/risk/index.ts'
import { londonInstant } from '../../features/supervision/index.ts'
import { kyselySink } from '../national/sink.ts'
import { insertAccessLimitation, setAccessMessage } from '../queries.ts'
import { seedApprovedPremisesStays, seedApprovedPremisesWork } from './approved-premises.ts'
import { seedCourtLists } from './court.ts'
import { prepareThroughTheGate, seedThroughTheGate, type ThroughTheGate } from './custody.ts'
import { breachInProgress, recallDecided, warningSent, workdayOnOrBefore, type Case } from './enforcement.ts'
import { livingRegionExists, seedLivingOrganisation, type LivingOrganisation } from './organisation.ts'
import { generateLivingPeople, type LivingPeople, type MadePerson } from './people.ts'
import { seedProtection, type ProtectionPeople } from './protection.ts'
import * as q from './queries.ts'
import { seedUnpaidWork } from './unpaid-work.ts'
import { seedPartnerReferrals } from './partner-services.ts'
import { seedContracts } from './contracts.ts'
import { seedLivingOutcomes } from './outcomes.ts'

export { LIVING_USERS } from './organisation.ts'
export { livingSummary } from './summary.ts'

/**
 * The living demo region (issue 13): on top of the base demo (src/seed/demo.ts), a region whose work is happening
 * today. About 250 more people made by the national generator inside the demo's own providers and teams, with
 * appointments today and this week (some needing outcomes), a court list today with reports due, cases waiting for
 * allocation inside and past their clock, a warning, a breach and a recall in progress, MAPPA and limited-access
 * cases, victims in the Victim Contact Scheme (src/seed/living/protection.ts), unpaid work sessions and Community
 * Payback nominations (src/seed/living/unpaid-work.ts), and tiers and predictors from the real
 * calculators. Everything is dated from `clock.today()`.
 *
 * Seeded once: the Southam team is its marker, and seeding again changes nothing (returns undefined).
 *
 * @example
 * await seedLivingRegion(db, { clock: systemClock, passwordHash })
 */
export async function seedLivingRegion(
  db: Kysely<Database>,
  options: { clock: Clock; passwordHash: string },
): Promise<{ people: number } | undefined> {
  if (await livingRegionExists(db)) return undefined
  const today = options.clock.today()
  const { people, throughTheGate, protection, premises } = await db.transaction().execute(async trx => {
    const org = await seedLivingOrganisation(trx, options.passwordHash)
    const base = await q.managedPeople(trx)
    const made = await generateLivingPeople(kyselySink(trx), org, base, today)
    const throughTheGate = await scenarios(trx, org, made, options.clock)
    const stays = await seedApprovedPremisesWork(trx, today)
    // Who may be applied for: the Northtown team A's cases in custody (pat.practitioner's team, not their own cases).
    const applicants = made.made
      .filter(m => m.status === 'in_custody' && ['NWS011', 'NWS012'].includes(m.practitioner?.code ?? ''))
      .map(m => m.personId)
    return {
      people: made.made.length,
      throughTheGate,
      protection: protectionPeople(org, made),
      premises: { ...stays, applicants },
    }
  })
  const ctx: RequestContext = { user: undefined, requestId: 'demo-seed', ip: null }
  for (const [teamCode, office] of OFFICES) await setTeamContactByCode({ db }, ctx, teamCode, office)
  // The features' services open their own transactions: Through the Gate is written once the region has committed.
  await seedThroughTheGate(db, today, throughTheGate)
  await seedProtection(db, today, protection)
  await seedApprovedPremisesStays(db, options.clock, premises)
  await seedUnpaidWork(db, options.clock)
  await seedPartnerReferrals(db, options.clock)
  await seedContracts(db, options.clock)
  await recalculateAllTiers(db, ctx, { today, trigger: 'demo seed' })
  // Past cohorts after the tiers: their cases have ended, so the nightly tiering has nothing to do for them.
  await seedLivingOutcomes(db, options.clock)
  return { people }
}

/** Each team's letterhead, so the demo's letters say where to call and write (fictional addresses and numbers). */
const OFFICES: ReadonlyArray<readonly [string, TeamContactDetails]> = [
  ...['PS-NW-N-A', 'PS-NW-N-B', 'PS-NW-N-C'].map(
    code =>
      [
        code,
        {
          officeName: 'Northtown Probation Office',
          address: '12 Mill Street\nNorthtown\nNT1 2AB',
          phone: '0161 496 0000',
          email: 'northtown.office@probation.example',
        },
      ] as const,
  ),
  [
    'PS-NW-S-1',
    {
      officeName: 'Southam Probation Office',
      address: '3 Quay Road\nSoutham\nSM4 7QD',
      phone: '0161 496 0123',
      email: 'southam.office@probation.example',
    },
  ],
  [
    'CRC-NW-E-1',
    {
      officeName: 'Easton Community Rehabilitation Centre',
      address: '40 Station Parade\nEaston\nEA2 9LT',
      phone: '0161 496 0456',
      email: 'easton.centre@rehab.example',
    },
  ],
]

const caseOf = (m: MadePerson, org: LivingOrganisation): Case => ({
  personId: m.personId,
  eventId: m.eventId,
  staffId: m.practitioner?.staffId ?? 0,
  teamId: m.practitioner?.teamId ?? 0,
  userId: m.practitioner?.code === 'NWS001' ? (org.users.get('pat.practitioner') ?? null) : null,
})

async function scenarios(
  trx: Transaction<Database>,
  org: LivingOrganisation,
  made: LivingPeople,
  clock: Clock,
): Promise<ThroughTheGate> {
  const today = clock.today()
  const of = (code: string, status: string) =>
    made.made.filter(m => m.practitioner?.code === code && m.status === status)
  const pat = of('NWS001', 'allocated')
  const patLicence = of('NWS001', 'on_licence')
  const patCustody = of('NWS001', 'in_custody')
  await warningSent(trx, caseOf(pat[1], org), workdayOnOrBefore(today.minusDays(8)))
  await breachInProgress(trx, caseOf(pat[2], org), today)
  await recallDecided(trx, caseOf(patLicence[0], org), today)
  await awaitingAllocation(trx, made, today)
  for (const p of org.practitioners) {
    const cases = made.made.filter(m => m.practitioner === p && m.status === 'allocated').slice(3)
    await appointmentsToday(
      trx,
      cases.map(m => caseOf(m, org)),
      today,
      p.code === 'NWS001' ? 5 : 3,
    )
  }
  await registrations(trx, patLicence[1] ?? patLicence[0], of('NWS006', 'allocated')[0], today)
  await limitedAccess(trx, org, of('NWS101', 'allocated')[0])
  await seedCourtLists(
    {
      trx,
      today,
      courts: org.courts,
      courtTeam: org.teams.get('PS-NW-N-C') ?? 0,
      author: org.staff.get('NWS003') ?? 0,
      officer: org.users.get('chris.court') ?? null,
    },
    made.awaitingSentence.map(m => m.personId),
    { personId: pat[2].personId },
    [of('NWS011', 'allocated')[0].personId],
  )
  return prepareThroughTheGate(
    trx,
    { preRelease: patCustody[0].personId, released: patCustody[1].personId, recall: patLicence[0] },
    {
      today,
      now: clock.now(),
      patStaffId: org.staff.get('NWS001') ?? 0,
      users: { pat: org.users.get('pat.practitioner') ?? null, sam: org.users.get('sam.senior') ?? null },
    },
  )
}

/** Who the victims and MAPPA scenarios are about: the MAPPA case is pat.practitioner's second licence case. */
function protectionPeople(org: LivingOrganisation, made: LivingPeople): ProtectionPeople {
  // The victim's case is lee.practitioner's (he records the custody record and the move); pat.practitioner's cases in
  // custody are Through the Gate's (src/seed/living/custody.ts).
  const custody = made.made
    .filter(m => m.practitioner?.code === 'NWS101' && m.status === 'in_custody')
    .map(m => ({ personId: m.personId, username: 'lee.practitioner' }))
  const patLicence = made.made.filter(m => m.practitioner?.code === 'NWS001' && m.status === 'on_licence')
  const mappa = patLicence[1] ?? patLicence[0]
  return {
    custody,
    everyone: made.made.map(m => m.personId),
    mappa: mappa ? { personId: mappa.personId, patStaffId: org.staff.get('NWS001') ?? 0 } : null,
  }
}

/** Half the queue sentenced today (inside the two-working-day clock), half eight days ago (past it). */
async function awaitingAllocation(trx: Transaction<Database>, made: LivingPeople, today: LocalDate) {
  for (const [k, m] of made.awaitingAllocation.entries()) {
    const date = k % 2 === 0 ? today : workdayOnOrBefore(today.minusDays(8 + k))
    await q.moveCurrentSentence(trx, m.personId, date.toString())
  }
}

const SLOTS: [number, number, string][] = [
  [9, 0, 'OFFICE'],
  [10, 30, 'OFFICE'],
  [11, 30, 'PHONE_PLANNED'],
  [14, 0, 'OFFICE'],
  [15, 30, 'HOME_PLANNED'],
]

/** Appointments today, and two from the last working day that still need an outcome. */
async function appointmentsToday(trx: Transaction<Database>, cases: Case[], today: LocalDate, count: number) {
  const lastWorkday = workdayOnOrBefore(today.minusDays(1))
  const slots = [
    ...SLOTS.slice(0, count).map(s => [today, ...s] as const),
    [lastWorkday, 13, 30, 'OFFICE'] as const,
    [lastWorkday, 16, 0, 'VIDEO'] as const,
  ]
  for (const [k, [day, hour, minute, type]] of slots.entries()) {
    const c = cases[k]
    if (!c) break
    await q.insertContact(trx, {
      person_id: c.personId,
      event_id: c.eventId,
      contact_type: type,
      is_appointment: true,
      starts_at: londonInstant(day, hour, minute),
      ends_at: londonInstant(day, hour + 1, minute),
      staff_id: c.staffId,
      team_id: c.teamId,
      location: type === 'HOME_PLANNED' ? 'Home' : type === 'OFFICE' ? 'Probation office' : null,
      national_standard: true,
      notes: null,
    })
  }
}

/**
 * MAPPA: a licence case with a high RoSH (its level set by a senior through the MAPPA service afterwards:
 * src/seed/living/protection.ts), and a category 1, level 1 case.
 */
async function registrations(trx: Transaction<Database>, a: MadePerson, b: MadePerson | undefined, today: LocalDate) {
  const registered = today.minusDays(60).toString()
  const review = today.plusDays(30).toString()
  await q.insertRosh(trx, {
    person_id: a.personId,
    assessment_date: today.minusDays(20).toString(),
    public_level: 'high',
    known_adult_level: 'medium',
    children_level: 'low',
    staff_level: 'low',
    overall_level: 'high',
  })
  const mappa = (personId: number, category: number, level: number, notes: string) =>
    q.insertRegistration(trx, {
      person_id: personId,
      type_code: 'MAPP',
      mappa_category: category,
      mappa_level: level,
      registered_date: registered,
      next_review_date: review,
      notes,
    })
  if (b) await mappa(b.personId, 1, 1, 'Registered sex offender: ordinary agency management.')
}

/** A restricted case in Southam: only Lee Okoro may open it. */
async function limitedAccess(trx: Transaction<Database>, org: LivingOrganisation, m: MadePerson | undefined) {
  const lee = org.users.get('lee.practitioner')
  if (!m || !lee) return
  await setAccessMessage(trx, m.personId, {
    restriction_message: 'This case is restricted. Contact the Southam Team 1 senior.',
  })
  await insertAccessLimitation(trx, {
    person_id: m.personId,
    kind: 'restriction',
    user_id: lee,
    reason: 'A relative works in the Southam office',
  })
}
