import type { LocalDate } from '@js-joda/core'
import type { Kysely } from 'kysely'
import type { RequestContext } from '../../access/audit.ts'
import { fixedClock, londonDate, type Clock } from '../../clock.ts'
import { loadConfig } from '../../config.ts'
import type { Database } from '../../db/schema.ts'
import { acknowledgementState } from '../../domain/unpaid-work/index.ts'
import { createCommunityPaybackService } from '../../features/community-payback/index.ts'
import { londonInstant } from '../../features/supervision/index.ts'
import { createUnpaidWorkService } from '../../features/unpaid-work/index.ts'
import { ValidationError } from '../../errors.ts'
import { loadCurrentUser } from '../../web/plugins/authentication.ts'
import * as q from './queries.ts'

/**
 * The living region's unpaid work and Community Payback (issue 17), through the features' services once the region
 * has committed, dated from today. In the public provider (PS), sam.senior (upw:manage) sets up and allocates,
 * una.upw supervises and records:
 * - Northtown Park paths (a pin inside the PS demo area): last week's session recorded (hours credited, and one
 *   unacceptable absence, which takes the normal enforcement path to the case manager, pat.practitioner), and
 *   today's session with TODAY_PEOPLE people allocated, waiting for una.upw to record;
 * - Riverside community garden: two sessions three and two weeks ago, recorded, and the project completed, so the
 *   public map and list show it with its hours (no photo);
 * - two public nominations with a pin in Northtown, routed to PS: one sent today awaiting acknowledgement, one sent a
 *   week ago and overdue for it (the 2-working-day clock).
 * The people are PS cases with an unpaid work requirement in force (the living region's first), never a CRN other
 * demo journeys rely on.
 */

/** CRNs other demo journeys rely on (browser tests and living.test.ts): never placed on a session here. */
const RESERVED_CRNS = ['X100003', 'X500003', 'X500006', 'X500011', 'X500013', 'X500108']
const UPW_PARK_PROJECT = 'Northtown Park paths'
const UPW_COMPLETED_PROJECT = 'Riverside community garden'
const TODAY_PEOPLE = 4

type Upw = ReturnType<typeof createUnpaidWorkService>
type Candidate = { crn: string; staffCode: string | null }
interface Scene {
  upw: Upw
  sam: RequestContext
  una: RequestContext
  today: LocalDate
}

/**
 * Seeds the scene above (once: the living region is seeded once), after the region's transaction has committed.
 *
 * @example
 * await seedUnpaidWork(db, clock)
 */
export async function seedUnpaidWork(db: Kysely<Database>, clock: Clock): Promise<void> {
  const users = await q.userIdsByName(db, ['sam.senior', 'una.upw'])
  const as = async (username: string): Promise<RequestContext | undefined> => {
    const id = users.get(username)
    const user = id === undefined ? undefined : await loadCurrentUser(db, id, 'session')
    return user ? { user, requestId: 'demo-seed', ip: null } : undefined
  }
  const [sam, una] = [await as('sam.senior'), await as('una.upw')]
  const config = loadConfig({})
  if (sam && una) {
    const scene: Scene = { upw: createUnpaidWorkService({ db, clock, config }), sam, una, today: clock.today() }
    const people = await q.unpaidWorkCandidates(db, RESERVED_CRNS)
    await parkProject(scene, people)
    await completedProject(scene, people)
  }
  await nominations(db, clock, config)
}

const project = (s: Scene, p: { name: string; type: string; where: [number, number]; from: number }) =>
  s.upw.projects.create(s.sam, {
    ok: true,
    value: {
      name: p.name,
      projectType: p.type,
      placementKind: 'group',
      beneficiaryName: 'Northtown Borough Council',
      beneficiaryContact: 'Parks team, 0161 496 0789',
      address: `${p.name}, Northtown`,
      postcode: 'NT1 4PL',
      latitude: p.where[0],
      longitude: p.where[1],
      facilities: ['toilets', 'hand_washing', 'drinking_water'],
      risks: [],
      riskNotes: null,
      capacity: 6,
      supervisorIds: [s.una.user!.id],
      travelTimeCredited: false,
      startDate: s.today.minusDays(p.from),
      endDate: null,
      publicDescription:
        p.name === UPW_PARK_PROJECT
          ? 'Overgrown paths through Northtown Park cut back and resurfaced so everyone can use them again.'
          : 'Raised beds built and the riverside garden cleared for the community to grow food.',
      nominationId: null,
    },
  })

const session = async (s: Scene, projectId: number, daysAgo: number) =>
  (
    await s.upw.sessions.create(s.sam, projectId, {
      ok: true,
      value: {
        date: s.today.minusDays(daysAgo),
        start: '09:00',
        end: '16:00',
        supervisorUserId: s.una.user!.id,
        capacity: null,
        pickUpPoint: 'Northtown Probation Office, 12 Mill Street',
      },
    })
  ).sessionId

/** Allocates up to `wanted` of the people to the session (one the rules refuse is skipped); who was placed. */
async function allocate(s: Scene, sessionId: number, people: readonly Candidate[], wanted: number) {
  const placed: { crn: string; staffCode: string | null; allocationId: number }[] = []
  for (const person of people) {
    if (placed.length >= wanted) break
    try {
      const form = await s.upw.sessions.allocateForm(s.sam, sessionId, person.crn)
      const requirementId = form.requirements[0]?.id ?? null
      const command = { ok: true as const, value: { crn: person.crn, requirementId, ete: false } }
      const { allocationId } = await s.upw.sessions.allocate(s.sam, sessionId, command)
      placed.push({ ...person, allocationId })
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
    }
  }
  return placed
}

const WORKED = {
  outcome: 'worked' as const,
  forBehaviour: false,
  reason: null,
  timeIn: '09:00',
  timeOut: '16:00',
  minutesWorked: 420,
  travelMinutes: 0,
  penaltyMinutes: 0,
  workQuality: 'good' as const,
  behaviour: 'good' as const,
  hiVisWorn: true,
  notes: null,
}

const ABSENT = {
  ...WORKED,
  outcome: 'absent_unacceptable' as const,
  timeIn: null,
  timeOut: null,
  minutesWorked: 0,
  workQuality: null,
  behaviour: null,
  hiVisWorn: null,
  notes: 'Did not arrive at the pick-up point and did not answer the phone.',
}

const record = (s: Scene, sessionId: number, allocationId: number, value: typeof WORKED | typeof ABSENT) =>
  s.upw.sessions.recording.record(s.una, { sessionId, allocationId }, { ok: true, value })

/** Last week's session recorded (one unacceptable absence, pat.practitioner's case), today's allocated. */
async function parkProject(s: Scene, people: readonly Candidate[]) {
  const { projectId } = await project(s, { name: UPW_PARK_PROJECT, type: 'clearing', where: [53.79, -2.71], from: 28 })
  const lastWeek = await session(s, projectId, 7)
  // pat.practitioner's cases first, so the absence is one of theirs.
  const pats = [...people].sort((a, b) => Number(b.staffCode === 'NWS001') - Number(a.staffCode === 'NWS001'))
  const recorded = await allocate(s, lastWeek, pats, TODAY_PEOPLE)
  for (const [k, a] of recorded.entries())
    await record(s, lastWeek, a.allocationId, k === 0 && a.staffCode === 'NWS001' ? ABSENT : WORKED)
  const today = await session(s, projectId, 0)
  await allocate(s, today, people, TODAY_PEOPLE)
}

/** Two sessions recorded, then the project completed: the public map and list show its hours. */
async function completedProject(s: Scene, people: readonly Candidate[]) {
  const { projectId } = await project(s, {
    name: UPW_COMPLETED_PROJECT,
    type: 'grounds_maintenance',
    where: [53.76, -2.68],
    from: 35,
  })
  for (const daysAgo of [21, 14]) {
    const id = await session(s, projectId, daysAgo)
    for (const a of await allocate(s, id, people, 3)) await record(s, id, a.allocationId, WORKED)
  }
  await s.upw.projects.complete(s.sam, projectId)
}

const NOMINATION = {
  organisationName: 'Friends of Northtown Park',
  contactName: 'Jo Bloggs',
  phone: null,
  whatNeedsDoing: 'Clear the litter and brambles from the path behind the playground and repaint the benches.',
  communityBenefit: 'Families use the path to walk to school; the benches are for older residents.',
  postcode: 'NT1 4PL',
  toilets: true,
  handWashing: false,
  drinkingWater: false,
  parking: true,
  accessibility: 'Step-free from the Park Lane gate',
  consentToContact: true,
}

/** Two nominations routed to PS by their pin: one sent this morning, one a week ago (overdue for acknowledgement). */
async function nominations(db: Kysely<Database>, clock: Clock, config: ReturnType<typeof loadConfig>) {
  const weekAgo = fixedClock(londonInstant(clock.today().minusDays(7), 10, 15))
  const overdue = createCommunityPaybackService({ db, clock: weekAgo, config })
  await overdue.nominate(
    {
      ...NOMINATION,
      email: 'friends.of.northtown.park@example.com',
      title: 'Tidy the path behind the playground',
      address: 'Northtown Park, Park Lane, Northtown',
      latitude: 53.795,
      longitude: -2.705,
    },
    [],
  )
  const fresh = createCommunityPaybackService({ db, clock, config })
  await fresh.nominate(
    {
      ...NOMINATION,
      organisationName: 'Mill Street Residents’ Association',
      contactName: 'Sam Patel',
      email: 'mill.street.residents@example.com',
      title: 'Remove the graffiti from the Mill Street underpass',
      whatNeedsDoing: 'Clean the graffiti off both walls of the underpass and paint them.',
      communityBenefit: 'People avoid the underpass after dark; a clean, bright one is safer.',
      address: 'Mill Street underpass, Northtown',
      latitude: 53.812,
      longitude: -2.69,
      toilets: false,
      parking: false,
      accessibility: null,
    },
    [],
  )
}

/**
 * The numbers the start-up summary gives una.upw and sam.senior: today's sessions una.upw supervises (with how many
 * people are allocated), and PS's nominations still to acknowledge and how many of them are overdue.
 *
 * @example
 * await unpaidWorkSummary(db, clock.today()) // { sessions: [{ name: 'Northtown Park paths', allocated: 4 }], toAcknowledge: 2, overdue: 1 }
 */
export async function unpaidWorkSummary(db: Kysely<Database>, today: LocalDate) {
  const una = (await q.userIdsByName(db, ['una.upw'])).get('una.upw') ?? 0
  const [sessions, toAcknowledge] = await Promise.all([
    q.supervisedSessionsOn(db, una, today.toString()),
    q.nominationsToAcknowledge(db, 'PS'),
  ])
  const overdue = toAcknowledge.filter(
    n => acknowledgementState({ submitted: londonDate(n.submitted_at), acknowledged: null, today }) === 'overdue',
  )
  return {
    sessions: sessions.map(s => ({ name: s.name, allocated: Number(s.allocated ?? 0) })),
    toAcknowledge: toAcknowledge.length,
    overdue: overdue.length,
  }
}
