import type { LocalDate } from '@js-joda/core'
import type { Kysely } from 'kysely'
import type { RequestContext } from '../../access/audit.ts'
import { fixedClock } from '../../clock.ts'
import { loadConfig } from '../../config.ts'
import type { Database } from '../../db/schema.ts'
import { addWorkingDays } from '../../domain/calendar/index.ts'
import { mappaEligibility, vcsEligibility } from '../../domain/public-protection/index.ts'
import { createCustodyService } from '../../features/custody/index.ts'
import { createMappaService } from '../../features/mappa/index.ts'
import { loadProtectionFactsFor } from '../../features/public-protection/index.ts'
import { londonInstant } from '../../features/supervision/index.ts'
import { createVictimsService, makeVictimTasks, type VictimsService } from '../../features/victims/index.ts'
import { loadCurrentUser } from '../../web/plugins/authentication.ts'
import { workdayOnOrBefore } from './enforcement.ts'
import * as q from './queries.ts'

/**
 * The living region's public protection work (issue 15), written after the seed's transaction through the features'
 * own services, as the demo users on the days it happened, so the features' rules check it:
 *
 * - the Victim Contact Scheme for val.vlo: a victim of a case in custody that the record makes eligible (a violent or
 *   sexual offence with 12 months or more in custody, `vcsEligibility`), referred by the witness care unit inside the
 *   20 working days, given to val.vlo by vic.manager, opted in, with a phone contact, an exclusion zone asked for,
 *   and a task from the offender's move between prisons; a second victim of the same case just referred, with no
 *   officer yet (vic.manager's list); and other eligible cases left unreferred past the 20 working days (the overdue
 *   list: the seed checks there is one);
 * - MAPPA for pat.practitioner and sam.senior: pat's licence case with a violent offence and 3 years in custody
 *   (category 2 from the record, `mappaEligibility`), its level 2 set by sam 14 weeks ago with a review due 12 weeks
 *   later (now overdue), and a MAPP meeting last week with the agencies, its minutes and two actions with owners and
 *   due dates.
 */

/** Who the scenarios are about, chosen inside the seed's transaction. */
export interface ProtectionPeople {
  /** Cases in custody of practitioners who sign in (they record the custody record and the move). */
  custody: { personId: number; username: string }[]
  /** Every made person (candidates for an overdue referral). */
  everyone: number[]
  /** pat.practitioner's MAPPA case, and pat's staff id (an action's owner). */
  mappa: { personId: number; patStaffId: number } | null
}

const SUMMARY_USERS = ['val.vlo', 'vic.manager', 'pat.practitioner', 'sam.senior', 'lee.practitioner'] as const

/** The features' services on a day (at `hour` in London), acting as a demo user. */
async function actingAs(db: Kysely<Database>, users: Map<string, number>, username: string, day: LocalDate, hour = 10) {
  const id = users.get(username)
  const user = id === undefined ? undefined : await loadCurrentUser(db, id, 'session')
  if (!user) throw new Error(`The living demo region needs ${username}: seed the base demo first`)
  const ctx: RequestContext = { user, requestId: 'demo-seed', ip: null }
  const deps = { db, clock: fixedClock(londonInstant(day, hour, 0)), config: loadConfig({}) }
  return {
    ctx,
    victims: createVictimsService(deps),
    mappa: createMappaService(deps),
    custody: createCustodyService(deps),
  }
}

const ok = <T>(value: T) => ({ ok: true as const, value })

/** After the seed's transaction: the victims and MAPPA scenarios. */
export async function seedProtection(db: Kysely<Database>, today: LocalDate, people: ProtectionPeople): Promise<void> {
  const users = await q.userIdsByName(db, SUMMARY_USERS)
  const victimCase = await victimScheme(db, users, today, people)
  await checkOverdueReferral(db, today, people.everyone, victimCase)
  if (people.mappa) await mappaCase(db, users, today, people.mappa)
}

/** The eligible cases (a qualifying sentence in the last 2 years, as the work list looks back), oldest referral due first. */
async function eligible(db: Kysely<Database>, personIds: readonly number[], today: LocalDate) {
  const facts = await loadProtectionFactsFor(db, personIds, today)
  return personIds
    .map(personId => ({ personId, e: vcsEligibility(facts.get(personId)!) }))
    .filter(x => x.e.eligible && x.e.qualifyingDate && !x.e.qualifyingDate.isBefore(today.minusYears(2)))
    .map(x => ({ personId: x.personId, qualifyingDate: x.e.qualifyingDate!, dueBy: x.e.referralDueBy! }))
    .sort((a, b) => a.dueBy.compareTo(b.dueBy))
}

/** val.vlo's victim, and a second victim of the same case with no officer yet; returns the case's person id. */
async function victimScheme(
  db: Kysely<Database>,
  users: Map<string, number>,
  today: LocalDate,
  people: ProtectionPeople,
): Promise<number> {
  const found = (
    await eligible(
      db,
      people.custody.map(c => c.personId),
      today,
    )
  ).find(c => addWorkingDays(c.qualifyingDate, 20).isBefore(today.minusDays(14)))
  if (!found) throw new Error('The living demo region has no case in custody eligible for the Victim Contact Scheme')
  const manager = people.custody.find(c => c.personId === found.personId)!.username
  const c = await q.custodialCase(db, found.personId)
  const referred = addWorkingDays(found.qualifyingDate, 12)
  const optedIn = addWorkingDays(referred, 6)
  // The custody record from the day of sentence, in the case manager's name.
  const received = await actingAs(db, users, manager, found.qualifyingDate, 16)
  const { recordId } = await received.custody.createRecord(
    received.ctx,
    c.crn,
    ok({
      sentenceId: c.sentenceId,
      prisonNumber: c.noms ?? 'A5108CP',
      receptionDate: found.qualifyingDate,
      prisonCode: 'NTI',
      prisonName: 'HMP Northtown',
    }),
  )
  const val = await actingAs(db, users, 'val.vlo', referred, 11)
  const { victimId } = await val.victims.recordReferral(val.ctx, ok(referral(c.crn, referred)), 'form')
  const vic = await actingAs(db, users, 'vic.manager', referred, 15)
  await vic.victims.assignOfficer(vic.ctx, victimId, ok({ officerUserId: users.get('val.vlo') ?? 0 }))
  const later = await actingAs(db, users, 'val.vlo', optedIn, 14)
  await later.victims.recordDecision(
    later.ctx,
    victimId,
    ok({ decision: 'opt_in', decidedOn: optedIn, notes: 'Opted in on the phone after the scheme’s leaflet.' }),
  )
  await later.victims.recordContact(
    later.ctx,
    victimId,
    ok({
      contactOn: optedIn,
      method: 'phone',
      summary:
        'Explained the scheme. Wants to hear of any move to open conditions, release and the licence conditions; asked for an exclusion zone around her home town.',
    }),
  )
  await later.victims.conditions.request(later.ctx, victimId, {
    code: 'exclusion_zone',
    wording:
      'Not to enter the area of Easton marked on the map, without the prior approval of the supervising officer.',
  })
  // A move between prisons last week: a task for val.vlo (the victim is told of key stages, never the prison).
  const moved = workdayOnOrBefore(today.minusDays(5))
  const move = await actingAs(db, users, manager, moved, 15)
  await move.custody.recordMove(
    move.ctx,
    c.crn,
    recordId,
    ok({ prisonCode: 'WBI', prisonName: 'HMP Westbury', movedOn: moved, openConditions: false }),
  )
  await makeVictimTasks(db, fixedClock(londonInstant(today, 8, 0)))
  // A second victim of the same case, referred this week: no officer yet, for the manager to give one.
  const recent = await actingAs(db, users, 'val.vlo', workdayOnOrBefore(today.minusDays(2)), 10)
  await recent.victims.recordReferral(
    recent.ctx,
    ok({
      ...referral(c.crn, workdayOnOrBefore(today.minusDays(2))),
      forename: 'Callum',
      surname: 'Ashdown',
      details: { ...CONTACT, addressLine1: null, town: null, postcode: null, preferredMethod: 'phone' },
    }),
    'form',
  )
  return found.personId
}

type ReferralCommand = Extract<Parameters<VictimsService['recordReferral']>[1], { ok: true }>['value']

/** The victim's first contact details and wishes (fictional). */
const CONTACT: ReferralCommand['details'] = {
  addressLine1: '27 Orchard Way',
  addressLine2: null,
  town: 'Easton',
  postcode: 'EA4 2PJ',
  phone: '07700 900417',
  email: null,
  preferredMethod: 'letter',
  noContactWish: false,
  wishes: 'To be told before any release, and of the licence conditions. Letters, not calls at work.',
}

const referral = (crn: string, on: LocalDate): ReferralCommand => ({
  crn,
  forename: 'Maria',
  surname: 'Goodwin',
  dateOfBirth: null,
  details: CONTACT,
  referredOn: on,
  referredBy: 'Northtown Witness Care Unit',
})

/** The overdue list must have a row: an eligible case with no referral, its 20 working days gone. */
async function checkOverdueReferral(db: Kysely<Database>, today: LocalDate, everyone: number[], victimCase: number) {
  const overdue = (await eligible(db, everyone, today)).filter(
    c => c.personId !== victimCase && c.dueBy.isBefore(today),
  )
  if (overdue.length === 0)
    throw new Error('The living demo region has no eligible case whose victim referral is overdue')
}

/** pat.practitioner's MAPPA case: the level set by sam.senior (its review now overdue) and a MAPP meeting. */
async function mappaCase(
  db: Kysely<Database>,
  users: Map<string, number>,
  today: LocalDate,
  m: NonNullable<ProtectionPeople['mappa']>,
) {
  const set = workdayOnOrBefore(today.minusWeeks(14))
  const facts = (await loadProtectionFactsFor(db, [m.personId], set)).get(m.personId)!
  const category = mappaEligibility(facts).category
  if (!category) throw new Error('The living demo region’s MAPPA case has no MAPPA category in its record')
  const { crn } = await q.custodialCase(db, m.personId)
  const sam = await actingAs(db, users, 'sam.senior', set, 11)
  await sam.mappa.setLevel(
    sam.ctx,
    crn,
    ok({
      category,
      level: 2,
      reason:
        'Released on licence to the approved premises: active multi-agency management needed (police, housing and probation).',
      nextReview: set.plusWeeks(12),
    }),
  )
  const met = workdayOnOrBefore(today.minusDays(7))
  const pat = await actingAs(db, users, 'pat.practitioner', met, 14)
  await pat.mappa.recordMeeting(
    pat.ctx,
    crn,
    ok({
      date: met,
      level: 2,
      agencies: ['police', 'probation', 'housing', 'adult_social_care'],
      otherAgency: null,
      minutes:
        'Reviewed the risk management plan. Compliant with the licence; the approved premises report no concerns. Police to visit with probation; housing to confirm a move-on address.',
      actions: [
        {
          description: 'Joint home visit with the police offender manager',
          ownerAgency: 'police',
          ownerStaffId: m.patStaffId,
          due: met.plusDays(14),
        },
        {
          description: 'Confirm a move-on address from the approved premises',
          ownerAgency: 'housing',
          ownerStaffId: null,
          due: met.plusDays(28),
        },
      ],
    }),
  )
}
