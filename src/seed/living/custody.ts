import { LocalDate } from '@js-joda/core'
import type { Kysely } from 'kysely'
import type { RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import { fixedClock, type Clock } from '../../clock.ts'
import { loadConfig } from '../../config.ts'
import type { Database } from '../../db/schema.ts'
import { addWorkingDays, previousWorkingDay } from '../../domain/calendar/index.ts'
import { STANDARD_CONDITIONS } from '../../domain/licences/index.ts'
import { buildBooking, calculateKeyDates } from '../../domain/sentencing/index.ts'
import { createCustodyService } from '../../features/custody/index.ts'
import { createLicencesService, type LicencesService } from '../../features/licences/index.ts'
import { createRecallService } from '../../features/recall/index.ts'
import { createResettlementService } from '../../features/resettlement/index.ts'
import { createSentencingService } from '../../features/sentencing/index.ts'
import { londonInstant } from '../../features/supervision/index.ts'
import { loadCurrentUser } from '../../web/plugins/authentication.ts'
import { workdayOnOrBefore } from './enforcement.ts'
import * as q from './queries.ts'

/**
 * The living region's Through the Gate work (issue 14), for pat.practitioner: a person in custody near release with
 * the custody record, screening, needs, a resettlement plan, a release-day plan and a licence waiting for a senior's
 * approval; a person released on licence on the last working day with the licence approved and the first
 * appointment still to arrange; and the licence recall the enforcement page shows, decided through the recall
 * workflow. Dates are moved inside the seed's transaction (`prepareThroughTheGate`); everything else is written
 * after it commits through the features' own services (`seedThroughTheGate`), as pat.practitioner and sam.senior on
 * the days it happened, so the features' rules check it.
 */

/** The custodial term given to both cases (months, SDS): short enough for basic custody screening part 2. */
const PRE_RELEASE_MONTHS = 5
const RELEASED_MONTHS = 6

interface CustodyCase {
  personId: number
  crn: string
  sentenceId: number
  noms: string | null
  /** Sentenced and received into custody that day. */
  sentenced: LocalDate
}

/** Who the Through the Gate scenarios are about, and the days they happened, from the seed's transaction. */
export interface ThroughTheGate {
  /** In custody: release within 12 weeks. Screening part 1 was done the working day after reception. */
  preRelease: CustodyCase & { partOneDone: LocalDate }
  /** Released on `releasedOn` (the last working day before today), on the day the release-date engine gives. */
  released: CustodyCase & { releasedOn: LocalDate }
  /** The licence case whose recall (src/seed/living/enforcement.ts `recallDecided`) goes through the workflow. */
  recall: { crn: string; considered: LocalDate; decided: LocalDate } | null
  patStaffId: number
  users: { pat: number | null; sam: number | null }
}

/** The CRD the release-date engine gives a single SDS term of `months` passed on `sentenced`, on `today`. */
function conditionalRelease(dateOfBirth: string, sentenced: LocalDate, months: number, today: LocalDate) {
  const booking = buildBooking(dateOfBirth, [
    {
      ref: '1',
      custodialType: 'SDS',
      sentenceDate: sentenced.toString(),
      offenceDate: sentenced.minusDays(90).toString(),
      length: { value: months, unit: 'months' },
      consecutiveTo: null,
      remandDays: 0,
      taggedBailDays: 0,
    },
  ])
  const outcome = calculateKeyDates(booking, today)
  return outcome.ok && outcome.value.dates.CRD ? outcome.value.dates.CRD : null
}

/** The latest sentence date whose CRD is on or before `release` (the engine decides: 40 or 50 per cent). */
function sentencedFor(dateOfBirth: string, release: LocalDate, months: number, today: LocalDate): LocalDate {
  let best = release.minusMonths(months)
  for (let d = best; d.isBefore(release); d = d.plusDays(1)) {
    const crd = conditionalRelease(dateOfBirth, d, months, today)
    if (crd === null || crd > release.toString()) break
    best = d
  }
  return best
}

/** Moves a person's custodial sentence, conviction and main offence so they were sentenced on `sentenced`. */
async function moveCustody(trx: Executor, personId: number, sentenced: LocalDate): Promise<CustodyCase> {
  await q.moveCurrentSentence(trx, personId, sentenced.toString())
  const c = await q.custodialCase(trx, personId)
  await q.moveMainOffence(trx, c.eventId, sentenced.minusDays(90).toString())
  return { personId, crn: c.crn, sentenceId: c.sentenceId, noms: c.noms, sentenced }
}

/**
 * Inside the seed's transaction: dates the two custody cases (the generator's sentences moved, appointments after the
 * release withdrawn) and says who the scenarios are about.
 */
export async function prepareThroughTheGate(
  trx: Executor,
  people: { preRelease: number; released: number; recall: { personId: number } | undefined },
  context: { today: LocalDate; now: Date; patStaffId: number; users: ThroughTheGate['users'] },
): Promise<ThroughTheGate> {
  const { today } = context
  // Part 1 done 4 working days ago (the working day after reception), so part 2, due 5 working days after part 1, is
  // due on the next working day.
  let partOneDone = today
  for (let k = 0; k < 4; k++) partOneDone = previousWorkingDay(partOneDone)
  const received = previousWorkingDay(partOneDone)
  const preRelease = { ...(await moveCustody(trx, people.preRelease, received)), partOneDone }
  const releasedOn = workdayOnOrBefore(today.minusDays(1))
  const dob = (await q.custodialCase(trx, people.released)).dateOfBirth
  const released = {
    ...(await moveCustody(trx, people.released, sentencedFor(dob, releasedOn, RELEASED_MONTHS, today))),
    releasedOn,
  }
  await q.withdrawAppointmentsFrom(
    trx,
    people.released,
    { from: londonInstant(releasedOn, 0, 0), at: context.now },
    'Planned before the sentence was recorded: supervision starts on release',
  )
  const failedOn = workdayOnOrBefore(today.minusDays(6))
  const recall = people.recall
    ? {
        crn: (await q.custodialCase(trx, people.recall.personId)).crn,
        considered: failedOn.plusDays(1),
        decided: workdayOnOrBefore(today.minusDays(1)),
      }
    : null
  return { preRelease, released, recall, patStaffId: context.patStaffId, users: context.users }
}

/** The features' services on a day (at `hour` in London), acting as a user. */
async function actingOn(db: Kysely<Database>, userId: number | null, day: LocalDate, hour = 10) {
  const user = userId === null ? undefined : await loadCurrentUser(db, userId, 'session')
  if (!user) throw new Error('The living demo region needs pat.practitioner and sam.senior: seed the base demo first')
  const ctx: RequestContext = { user, requestId: 'demo-seed', ip: null }
  const clock: Clock = fixedClock(londonInstant(day, hour, 0))
  const deps = { db, clock, config: loadConfig({}) }
  return {
    ctx,
    custody: createCustodyService(deps),
    resettlement: createResettlementService(deps),
    licences: createLicencesService(deps),
    recall: createRecallService(deps),
    sentencing: createSentencingService(deps),
  }
}

const ok = <T>(value: T) => ({ ok: true as const, value })

/** After the seed's transaction: the scenarios, written through the features' services. */
export async function seedThroughTheGate(db: Kysely<Database>, today: LocalDate, t: ThroughTheGate): Promise<void> {
  await preReleaseCase(db, today, t)
  await releasedCase(db, today, t)
  if (t.recall) await recallWorkflow(db, t.users, t.recall)
}

/** Recalculates the key dates of a moved custodial sentence as a single SDS term of `months`; returns its CRD. */
async function sentence(db: Kysely<Database>, today: LocalDate, t: ThroughTheGate, c: CustodyCase, months: number) {
  const as = await actingOn(db, t.users.pat, today)
  const { keyDates } = await as.sentencing.amendCustodial(as.ctx, c.crn, c.sentenceId, {
    version: await q.sentenceVersion(db, c.sentenceId),
    length: { value: months, unit: 'months' },
    remandDays: 0,
    taggedBailDays: 0,
    custodialType: 'SDS',
  })
  if (!keyDates?.CRD) throw new Error(`The living demo's custodial sentence of ${c.crn} has no release date`)
  return LocalDate.parse(keyDates.CRD)
}

/** The custody record: received on the day of sentence at a demo prison, with the prison number. */
async function received(db: Kysely<Database>, t: ThroughTheGate, c: CustodyCase, prison: [string, string]) {
  const as = await actingOn(db, t.users.pat, c.sentenced, 16)
  const { recordId } = await as.custody.createRecord(
    as.ctx,
    c.crn,
    ok({
      sentenceId: c.sentenceId,
      prisonNumber: c.noms ?? 'A1234BC',
      receptionDate: c.sentenced,
      prisonCode: prison[0],
      prisonName: prison[1],
    }),
  )
  return recordId
}

/** The pre-release needs (an accommodation need, money and ID, alcohol), one answer for every pathway. */
const NEEDS = [
  ['accommodation', true, 'No fixed abode on release: the tenancy ended while on remand.'],
  ['ete', true, 'Was working as a labourer; wants a CSCS card.'],
  ['finance', true, 'No bank account or photo ID.'],
  ['health', false, null],
  ['drugs_alcohol', true, 'Drinks heavily at weekends; willing to see the alcohol service.'],
  ['children_families', false, null],
  ['attitudes', false, null],
  ['sex_work_domestic_abuse', false, null],
] as const

/** In custody, release within 12 weeks: custody record, screening, needs, plan, release-day plan, licence submitted. */
async function preReleaseCase(db: Kysely<Database>, today: LocalDate, t: ThroughTheGate) {
  const c = t.preRelease
  const crd = await sentence(db, today, t, c, PRE_RELEASE_MONTHS)
  const recordId = await received(db, t, c, ['NTI', 'HMP Northtown'])
  const early = await actingOn(db, t.users.pat, c.partOneDone)
  await early.custody.setManagers(
    early.ctx,
    c.crn,
    recordId,
    ok({ prisonOffenderManager: 'Dana Whitfield', communityManagerStaffId: t.patStaffId, handoverDate: null }),
  )
  await early.resettlement.recordScreening(
    early.ctx,
    c.crn,
    1,
    ok({ part: 1, completedOn: c.partOneDone, completedBy: 'HMP Northtown reception', notes: null }),
  )
  await early.resettlement.recordNeeds(
    early.ctx,
    c.crn,
    ok({ answers: NEEDS.map(([pathway, need, notes]) => ({ pathway, need, notes })) }),
  )
  // Due three days after it was planned, and not done yet: late.
  await early.resettlement.addAction(
    early.ctx,
    c.crn,
    ok({
      pathway: 'accommodation',
      description: 'Refer to the council’s housing options team for an address on release',
      owner: { organisation: 'Northtown Council housing options' },
      due: c.partOneDone.plusDays(3),
    }),
  )
  const now = await actingOn(db, t.users.pat, today)
  await now.resettlement.addAction(
    now.ctx,
    c.crn,
    ok({
      pathway: 'finance',
      description: 'Apply for a bank account and a copy of the birth certificate',
      owner: { staffId: t.patStaffId },
      due: today.plusDays(14),
    }),
  )
  await now.resettlement.addAction(
    now.ctx,
    c.crn,
    ok({
      pathway: 'drugs_alcohol',
      description: 'Book the first appointment with the community alcohol service',
      owner: { organisation: 'Northtown Recovery Service' },
      due: today.plusDays(28),
    }),
  )
  await now.resettlement.recordReleaseDayPlan(
    now.ctx,
    c.crn,
    ok({
      firstNightAddress: 'Northtown Approved Premises, 8 Canal Street, Northtown NT2 4PL',
      metBy: 'Northtown Recovery Service mentor at the gate',
      travel: 'Travel warrant to Northtown station',
      firstAppointmentDate: addWorkingDays(crd, 1),
      firstAppointmentPlace: 'Northtown Probation Office, 12 Mill Street',
      medication: null,
      idDocuments: 'Birth certificate applied for',
    }),
  )
  await licence(c, now, RESTRICTIVE)
}

type Conditions = Parameters<LicencesService['saveDraft']>[2]['additional']

/** Standard conditions, a curfew and an exclusion zone: one for a senior to approve. */
const RESTRICTIVE: Conditions = [
  {
    type: 'curfew',
    fields: { address: 'Northtown Approved Premises, 8 Canal Street', startTime: '19:00', endTime: '07:00' },
    justification: 'The offences were committed late at night after drinking in the town centre.',
  },
  {
    type: 'exclusion_zone',
    fields: { description: 'Northtown town centre, inside the ring road', mapReference: 'Map 1' },
    justification: 'Keeps him away from the licensed premises where the victim works.',
  },
]

/** A licence drafted and submitted by pat.practitioner (`as`); returns the version for a senior to decide. */
async function licence(c: CustodyCase, as: Awaited<ReturnType<typeof actingOn>>, additional: Conditions) {
  const { versionId } = await as.licences.saveDraft(as.ctx, c.crn, {
    standard: STANDARD_CONDITIONS.map(s => s.code),
    additional,
    variationReason: null,
  })
  await as.licences.submit(as.ctx, c.crn, versionId)
  return versionId
}

/** Released on licence on the last working day: licence approved the week before, first appointment to arrange. */
async function releasedCase(db: Kysely<Database>, today: LocalDate, t: ThroughTheGate) {
  const c = t.released
  await sentence(db, today, t, c, RELEASED_MONTHS)
  await received(db, t, c, ['WBI', 'HMP Westbury'])
  const drafted = await actingOn(db, t.users.pat, workdayOnOrBefore(c.releasedOn.minusDays(14)))
  const versionId = await licence(c, drafted, [
    {
      type: 'residence_at_place',
      fields: { address: '14 Tanner Row, Westbury WB3 1QS' },
      justification: 'His mother’s address, checked and approved by the home visit.',
    },
  ])
  const sam = await actingOn(db, t.users.sam, workdayOnOrBefore(c.releasedOn.minusDays(7)), 11)
  await sam.licences.approve(sam.ctx, c.crn, versionId)
  const gate = await actingOn(db, t.users.pat, c.releasedOn, 15)
  await gate.custody.recordRelease(gate.ctx, c.crn, ok({ releasedOn: c.releasedOn, type: 'automatic' }))
}

/** The recall of the enforcement page's licence failure: concern, consultation, rationale and decision recorded. */
async function recallWorkflow(
  db: Kysely<Database>,
  users: ThroughTheGate['users'],
  r: NonNullable<ThroughTheGate['recall']>,
) {
  const raised = await actingOn(db, users.pat, r.considered)
  await raised.recall.recordStep(raised.ctx, r.crn, {
    step: 'concern',
    grounds: ['licence_breach'],
    concern: 'Not at the approved premises for the home visit; whereabouts unknown since.',
  })
  const consulted = await actingOn(db, users.pat, r.considered.plusDays(1))
  await consulted.recall.recordStep(consulted.ctx, r.crn, {
    step: 'consultation',
    senior: 'Sam Senior',
    on: r.considered.plusDays(1),
    notes: 'Agreed to recommend a standard recall if he is not found by the next working day.',
  })
  const decided = await actingOn(db, users.pat, r.decided, 14)
  await decided.recall.recordStep(decided.ctx, r.crn, {
    step: 'rationale',
    rationale: 'Whereabouts unknown and no contact: the risk to the public cannot be managed in the community.',
    alternatives: 'Phone calls and a letter to his last address; his mother has not seen him.',
  })
  await decided.recall.recordStep(decided.ctx, r.crn, {
    step: 'decision',
    decision: 'standard',
    extendedSentence: false,
    reason: 'Senior agreed a standard recall.',
  })
}
