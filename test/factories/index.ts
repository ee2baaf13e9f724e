import type { Kysely } from 'kysely'
import type { RequestContext } from '../../src/access/audit.ts'
import { systemClock, type Clock } from '../../src/clock.ts'
import { loadConfig } from '../../src/config.ts'
import type { Database } from '../../src/db/schema.ts'
import { DEMO_USERS } from '../../src/seed/demo.ts'
import { createServices, type Services } from '../../src/services.ts'
import { loadCurrentUser } from '../../src/web/plugins/authentication.ts'
import {
  allocate,
  findEventId,
  findManagingTeamId,
  findStaffPlacement,
  findUserId,
  insertAccessGrant,
  insertAppointments,
  insertFormerManager,
  insertPremises,
  insertStaffOf,
  insertUserLike,
  limitAccess,
} from './queries.ts'

/**
 * Test data by factories, one per aggregate, instead of hard-coded demo CRNs: each makes a new record through the
 * services (as a signed-in user would) and returns what it made. They build on the demo region's organisation and
 * sign-ins (`src/seed/demo.ts`: seed it first), so a person can be managed by pat.practitioner's team (staff NWS001),
 * by the contracted provider (CRC001), and so on.
 *
 * @example
 * const make = createFactories(t.handle.db)
 * const { crn } = await make.person({ allocatedTo: 'NWS001' })
 * const excluded = await make.person({ allocatedTo: 'NWS001', excluding: 'pat.practitioner' })
 */

export interface PersonOptions {
  forename?: string
  surname?: string
  dateOfBirth?: string
  /** Staff code of the case manager (NWS001 is pat.practitioner); unallocated when absent. */
  allocatedTo?: string
  /** Username excluded from the record. */
  excluding?: string
  /** Username the record is restricted to (limited access). */
  restrictedTo?: string
}

export interface TransferOptions extends PersonOptions {
  /** Staff code of the former case manager (CRC001 is alex.crc). */
  from: string
  /** Staff code of the case manager now (NWS001 is pat.practitioner). */
  to: string
  /** When the case moved, by the factories' clock: this many days ago. */
  transferredDaysAgo: number
  /** How long the former manager had it before (days; 365 unless said). */
  managedForDays?: number
}

export interface GrantOptions {
  /** The user given (or asking for) access. */
  to: string
  kind?: 'request' | 'urgent'
  status?: 'pending' | 'granted' | 'refused' | 'withdrawn'
  /** Expires this many days from now by the factories' clock (negative: already expired). 30 unless said. */
  expiresInDays?: number
  /** Who decided (the case manager unless said). */
  decidedBy?: string
  reason?: string
}

export interface MadePerson {
  crn: string
  personId: number
  forename: string
  surname: string
}

export interface MadeSentence extends MadePerson {
  eventNumber: number
  eventId: number
  sentenceId: number
}

export interface MadeCase extends MadeSentence {
  appointmentIds: number[]
}

type SentenceInput = Parameters<Services['sentencing']['recordSentence']>[2]
type HearingInput = Parameters<Services['court']['addHearing']>[1]

const DAY = 86_400_000

let made = 0
/** Names that differ from every other made person's and from the demo's, so a search or a page finds just this one. */
const uniqueSurname = () => `Testperson${String.fromCharCode(97 + (made % 26))}${++made}`

/** The demo user's request context, as the API would pass it. */
export async function contextOf(db: Kysely<Database>, username: string): Promise<RequestContext> {
  const user = await loadCurrentUser(db, await findUserId(db, username), 'api-token')
  return { user, requestId: `factory-${username}`, ip: '127.0.0.1' }
}

export function createFactories(db: Kysely<Database>, options: { clock?: Clock } = {}) {
  const clock = options.clock ?? systemClock
  const services = createServices({ db, config: loadConfig({ NODE_ENV: 'test' }), clock })
  const daysAgo = (n: number) => clock.today().minusDays(n).toString()

  /** A person; allocated, excluded from someone or restricted to someone as asked. */
  async function person(o: PersonOptions = {}): Promise<MadePerson> {
    const forename = o.forename ?? 'Terry'
    const surname = o.surname ?? uniqueSurname()
    const created = await services.people.createPerson(
      { forename, surname, dateOfBirth: o.dateOfBirth ?? '1990-04-12', gender: 'male' },
      await contextOf(db, 'admin'),
      { confirmNotDuplicate: true },
    )
    if (created.outcome !== 'created') throw new Error(`the person factory could not create ${forename} ${surname}`)
    const { crn, personId } = created
    if (o.allocatedTo) await allocate(db, personId, await findStaffPlacement(db, o.allocatedTo))
    await limit(personId, o)
    return { crn, personId, forename, surname }
  }

  async function limit(personId: number, o: PersonOptions): Promise<void> {
    if (o.excluding) {
      const message = 'You are excluded from this case because of a conflict of interest.'
      await limitAccess(db, personId, 'exclusion', await findUserId(db, o.excluding), message)
    }
    if (o.restrictedTo) {
      const message = 'This case is restricted. Contact the Northtown Team A senior.'
      await limitAccess(db, personId, 'restriction', await findUserId(db, o.restrictedTo), message)
    }
  }

  /**
   * A person whose case moved from one case manager to another `transferredDaysAgo` days ago (the factories' clock):
   * the former manager's period is ended at the transfer, the new one starts then.
   */
  async function transferred(o: TransferOptions): Promise<MadePerson & { transferredAt: Date }> {
    const { from, to, transferredDaysAgo, managedForDays = 365, ...rest } = o
    const p = await person(rest)
    const transferredAt = new Date(clock.now().getTime() - transferredDaysAgo * DAY)
    const startedAt = new Date(transferredAt.getTime() - managedForDays * DAY)
    await insertFormerManager(db, p.personId, await findStaffPlacement(db, from), startedAt, transferredAt)
    await allocate(db, p.personId, await findStaffPlacement(db, to), transferredAt)
    return { ...p, transferredAt }
  }

  /** A request for (or grant of) time-limited access to a person's record, with dates by the factories' clock. */
  async function accessGrant(personId: number, o: GrantOptions): Promise<number> {
    const status = o.status ?? 'granted'
    const now = clock.now()
    const expiresAt =
      status === 'pending' || status === 'refused' ? null : new Date(now.getTime() + (o.expiresInDays ?? 30) * DAY)
    return insertAccessGrant(db, {
      personId,
      userId: await findUserId(db, o.to),
      kind: o.kind ?? 'request',
      status,
      reason: o.reason ?? 'Test: a joint safeguarding case',
      // Asked for (and decided) a little before it was due to expire, so an expired grant reads as one.
      requestedAt: new Date(Math.min(now.getTime(), (expiresAt ?? now).getTime() - DAY)),
      expiresAt,
      decidedBy: await findUserId(db, o.decidedBy ?? 'pat.practitioner'),
      managingTeamId: await findManagingTeamId(db, personId),
    })
  }

  /**
   * A person managed by pat.practitioner (unless said otherwise) with a new event and its sentence: by default
   * offence 11800 (burglary), 12 months' community order or 24 months' custody; `offence` and `length` change them.
   */
  async function sentenced(
    kind: 'community' | 'custodial',
    o: PersonOptions = {},
    s: { offence?: string; length?: { value: number; unit: 'days' | 'weeks' | 'months' | 'years' } } = {},
  ): Promise<MadeSentence> {
    const { excluding, restrictedTo, ...rest } = o
    const p = await person({ allocatedTo: 'NWS001', ...rest })
    const event = {
      courtCode: 'NTMC',
      convictionDate: daysAgo(90),
      mainOffence: { code: s.offence ?? '11800', date: daysAgo(150) },
    }
    const sentence: SentenceInput =
      kind === 'community'
        ? {
            event,
            type: 'community_order',
            sentenceDate: daysAgo(60),
            length: s.length ?? { value: 12, unit: 'months' },
            requirements: [{ type: 'rehabilitation_activity', length: 20 }],
          }
        : {
            event,
            type: 'custodial',
            sentenceDate: daysAgo(60),
            length: s.length ?? { value: 24, unit: 'months' },
            custodialType: 'SDS',
            remandDays: 0,
            taggedBailDays: 0,
          }
    // Recorded by the case manager's own sign-in (or the team's senior), before any access limitation applies.
    const manager = DEMO_USERS.find(u => u.staff === (rest.allocatedTo ?? 'NWS001'))?.username ?? 'sam.senior'
    const ctx = await contextOf(db, manager)
    const { sentenceId, eventNumber } = await services.sentencing.recordSentence(ctx, p.crn, sentence)
    await limit(p.personId, { excluding, restrictedTo })
    return { ...p, eventNumber, sentenceId, eventId: await findEventId(db, p.personId, eventNumber) }
  }

  /** A community case with appointments with its case manager, a week apart from `firstInDays` days from today. */
  async function caseWithAppointments(count = 3, firstInDays = 7, o: PersonOptions = {}): Promise<MadeCase> {
    const c = await sentenced('community', o)
    const staff = await findStaffPlacement(db, o.allocatedTo ?? 'NWS001')
    const first = clock.today().plusDays(firstInDays)
    const starts = Array.from({ length: count }, (_, k) => new Date(`${first.plusWeeks(k).toString()}T10:00:00Z`))
    const appointmentIds = await insertAppointments(
      db,
      { personId: c.personId, eventId: c.eventId, staffId: staff.id, teamId: staff.team_id },
      starts,
    )
    return { ...c, appointmentIds }
  }

  /** A hearing on a court list, added by the court officer (a new defendant, not yet matched to a record). */
  async function courtHearing(input: Partial<HearingInput> = {}) {
    const hearing: HearingInput = {
      court: 'NTMC',
      hearingDate: clock.today().toString(),
      session: 'morning',
      hearingType: 'first_appearance',
      forename: 'Terry',
      surname: uniqueSurname(),
      ...input,
    }
    const added = await services.court.addHearing(await contextOf(db, 'chris.court'), hearing)
    return { ...added, forename: hearing.forename, surname: hearing.surname }
  }

  let premisesMade = 0
  /** Approved premises in a region (by code, default the public provider's), with `beds` beds, the first accessible. */
  async function premises(o: { region?: string; beds?: number } = {}) {
    premisesMade++
    const code = `TAP${premisesMade}`
    return insertPremises(db, o.region ?? 'PS-NW', code, `Test House ${code}`, o.beds ?? 3)
  }

  /** Approved premises staff at the provider with this code (a member of staff in no team, and their sign-in). */
  async function apStaff(username: string, providerCode: string) {
    await insertUserLike(
      db,
      username,
      ['ap_staff'],
      await insertStaffOf(db, providerCode, username.toUpperCase().slice(0, 10)),
    )
  }

  return {
    services,
    person,
    sentenced,
    caseWithAppointments,
    courtHearing,
    transferred,
    accessGrant,
    premises,
    apStaff,
  }
}

export type Factories = ReturnType<typeof createFactories>
