import { LocalDate } from '@js-joda/core'
import type { Kysely } from 'kysely'
import type { RequestContext } from '../src/access/audit.ts'
import { systemClock } from '../src/clock.ts'
import type { Config } from '../src/config.ts'
import type { Database } from '../src/db/schema.ts'
import { ValidationError } from '../src/errors.ts'
import { createServices } from '../src/services.ts'
import { loadCurrentUser } from '../src/web/plugins/authentication.ts'
import { ensureBenchUser } from './bench-users.ts'

/**
 * Issue 16's records for the HTTP benchmark's bed plan journey. The national dataset has no approved premises, so the
 * benchmark writes, once, a premises of BEDS beds in the demo's public provider region (PS-NW) and two bookings a bed
 * over the next 12 weeks, booked by the demo's approved premises staff (`amy.ap`) through the feature's service, for
 * the demo people that provider manages (each person's two stays in different weeks). Idempotent: nothing is written
 * when the premises exists (a reused BENCH_DATABASE_URL is set up once).
 *
 * For the application, match and stay journeys (issue 16 items 2 and 4), also once each: APPLICATIONS applications
 * submitted through the service by pat.practitioner (the demo's practitioner of the same provider, case manager of the
 * people applied for) for their cases without limited access, the first (a man) accepted by the approved premises
 * user, asking for a stay after the bench bookings end so the match page lists every free bed of the region; and the
 * arrival (on the booking's first night, so never before it starts nor in the future) and keyworker of every bench
 * booking that has started, recorded by the approved premises user through the service.
 */

const BEDS = 24
const CODE = 'BENCHAP'
export const BENCH_AP_USER = 'amy.ap'

const APPLICATIONS = 12
/** How the benchmark's applications are told apart from any others (the reasons start with it). */
const MARK = 'Bench application'
const CASE_MANAGER = 'pat.practitioner'

export interface PremisesWork {
  premisesId: number
  beds: number
  bookings: number
  /** The benchmark's applications (awaiting assessment, and one accepted). */
  applications: number[]
  /** The accepted application (the match page's). */
  accepted: number
  /** Bookings of the premises with an arrival recorded and no departure: the stay page's. */
  stays: number[]
}

export async function preparePremisesWork(db: Kysely<Database>, config: Config): Promise<PremisesWork> {
  const services = createServices({ db, config, clock: systemClock })
  const { premisesId, bookings } = await preparePremises(db, services)
  const ap = await contextOf(db, BENCH_AP_USER)
  const { applications, accepted } = await prepareApplications(db, services, ap)
  const stays = await prepareStays(db, services, ap, premisesId)
  return { premisesId, beds: BEDS, bookings, applications, accepted, stays }
}

type Services = ReturnType<typeof createServices>

async function contextOf(db: Kysely<Database>, username: string): Promise<RequestContext> {
  const user = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()
  return { user: await loadCurrentUser(db, user.id, 'session'), requestId: `bench-setup-${username}`, ip: null }
}

/** The premises, its beds and bookings, once. */
async function preparePremises(db: Kysely<Database>, services: Services) {
  const existing = await db.selectFrom('approved_premises').select('id').where('code', '=', CODE).executeTakeFirst()
  if (existing) return { premisesId: existing.id, bookings: await countBookings(db, existing.id) }
  const region = await db.selectFrom('regions').select('id').where('code', '=', 'PS-NW').executeTakeFirstOrThrow()
  const { id } = await db
    .insertInto('approved_premises')
    .values({
      code: CODE,
      name: 'Bench House',
      region_id: region.id,
      address: '1 Bench Street',
      postcode: 'NT1 1BH',
      gender: 'male',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const beds = await db
    .insertInto('ap_beds')
    .values(
      Array.from({ length: BEDS }, (_, i) => ({
        premises_id: id,
        room: String(i + 1),
        code: `B-${i + 1}`,
        single_room: true,
      })),
    )
    .returning('id')
    .execute()
  const people = await db
    .selectFrom('people as p')
    .innerJoin('providers as v', 'v.id', 'p.managing_provider_id')
    .select('p.crn')
    .where('v.code', '=', 'PS')
    .where(eb =>
      eb.not(eb.exists(eb.selectFrom('access_limitations as l').select('l.id').whereRef('l.person_id', '=', 'p.id'))),
    )
    .orderBy('p.id')
    .limit(BEDS)
    .execute()
  // A database seeded before issue 16 has no amy.ap: one is added in pat.practitioner's team (the same provider).
  await ensureBenchUser(db, {
    username: BENCH_AP_USER,
    practitioner: 'pat.practitioner',
    staffCode: 'BENCHAP',
    surname: 'Premises',
    grade: 'PSO',
    role: 'ap_staff',
  })
  const ctx = await contextOf(db, BENCH_AP_USER)
  const today = systemClock.today()
  const stays = (i: number): [LocalDate, LocalDate][] => [
    [today.plusDays(i % 7), today.plusDays(35 + (i % 5))],
    [today.plusDays(42), today.plusDays(70 + (i % 14))],
  ]
  let made = 0
  for (const [i, bed] of beds.entries()) {
    for (const [k, [arrival, departure]] of stays(i).entries()) {
      const person = people[(i + k * Math.floor(people.length / 2)) % Math.max(1, people.length)]
      if (!person) continue
      try {
        await services.approvedPremises.makeBooking(ctx, id, {
          ok: true,
          value: { crn: person.crn, bedId: bed.id, arrival, departure },
        })
        made++
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e
      }
    }
  }
  return { premisesId: id, bookings: made }
}

/**
 * APPLICATIONS applications by the case manager, for their cases without limited access (men first, so the accepted
 * one has premises to match), the first accepted by the approved premises user; the missing ones only.
 */
async function prepareApplications(db: Kysely<Database>, services: Services, ap: RequestContext) {
  const premises = services.approvedPremises
  const ours = () =>
    db
      .selectFrom('ap_applications')
      .select(['id', 'status'])
      .where('reasons', 'like', `${MARK}%`)
      .orderBy('id')
      .execute()
  let existing = await ours()
  if (existing.length < APPLICATIONS) {
    const manager = await contextOf(db, CASE_MANAGER)
    const staffId = manager.user?.staffId
    if (!staffId) throw new Error(`premises work: ${CASE_MANAGER} has no staff record`)
    const people = await db
      .selectFrom('people as p')
      .select(['p.crn', 'p.gender'])
      .where('p.managing_staff_id', '=', staffId)
      .where('p.deleted_at', 'is', null)
      .where(eb =>
        eb.not(eb.exists(eb.selectFrom('access_limitations as l').select('l.id').whereRef('l.person_id', '=', 'p.id'))),
      )
      .orderBy('p.id')
      .execute()
    const men = people.filter(p => p.gender === 'male')
    const order = [...men, ...people.filter(p => p.gender !== 'male')]
    if (!men.length) throw new Error(`premises work: ${CASE_MANAGER} manages no man without limited access`)
    const today = systemClock.today()
    for (let k = existing.length; k < APPLICATIONS; k++) {
      // After the bench bookings (which end within 84 days), so the accepted one matches every bed of the region.
      const arrival = today.plusDays(90 + k)
      await premises.submitApplication(manager, order[k % order.length].crn, {
        ok: true,
        value: {
          reasons: `${MARK} ${k + 1}: assessed as high risk of serious harm on release; needs the supervision of approved premises.`,
          exclusionZones: k % 2 === 0 ? 'Easton town centre' : null,
          areasToAvoid: null,
          preferredArea: 'Northtown',
          accessNeeds: null,
          healthNeeds: k % 3 === 0 ? 'Daily prescribed medication' : null,
          essential: [],
          roomSharing: k % 2 === 1,
          previousPlacements: null,
          moveOnPlan: 'Supported housing in Northtown after 12 weeks.',
          arrival,
          departure: arrival.plusDays(30),
        },
      })
    }
    existing = await ours()
  }
  // The match page lists beds only for an accepted application (one placed since is left alone).
  let accepted = existing.find(a => a.status === 'accepted')?.id
  if (accepted === undefined) {
    accepted = (existing.find(a => a.status === 'awaiting_assessment') ?? existing[0]).id
    await premises.decideApplication(ap, accepted, { ok: true, value: { decision: 'accept' } })
  }
  return { applications: existing.map(a => a.id), accepted }
}

/**
 * Arrivals (on the first night) and a keyworker for the premises' bookings that have started and have neither an
 * arrival nor a non-arrival yet; returns the bookings with an arrival and no departure.
 */
async function prepareStays(db: Kysely<Database>, services: Services, ap: RequestContext, premisesId: number) {
  const today = systemClock.today().toString()
  const started = await db
    .selectFrom('ap_bookings as k')
    .innerJoin('ap_beds as b', 'b.id', 'k.bed_id')
    .select(['k.id', 'k.arrival_date'])
    .where('b.premises_id', '=', premisesId)
    .where('k.cancelled', '=', false)
    .where('k.arrival_date', '<=', today)
    .where(eb =>
      eb.not(eb.exists(eb.selectFrom('ap_arrivals as a').select('a.id').whereRef('a.booking_id', '=', 'k.id'))),
    )
    .where(eb =>
      eb.not(eb.exists(eb.selectFrom('ap_non_arrivals as n').select('n.id').whereRef('n.booking_id', '=', 'k.id'))),
    )
    .orderBy('k.id')
    .execute()
  for (const booking of started) {
    const ids = { premisesId, bookingId: booking.id }
    await services.approvedPremises.recordArrival(ap, ids, {
      ok: true,
      value: { arrival: LocalDate.parse(booking.arrival_date), notes: 'Bench arrival' },
    })
    await services.approvedPremises.assignKeyworker(ap, ids, { ok: true, value: { userId: ap.user!.id } })
  }
  const stays = await db
    .selectFrom('ap_bookings as k')
    .innerJoin('ap_beds as b', 'b.id', 'k.bed_id')
    .innerJoin('ap_arrivals as a', 'a.booking_id', 'k.id')
    .select('k.id')
    .where('b.premises_id', '=', premisesId)
    .where(eb =>
      eb.not(eb.exists(eb.selectFrom('ap_departures as d').select('d.id').whereRef('d.booking_id', '=', 'k.id'))),
    )
    .orderBy('k.id')
    .execute()
  return stays.map(s => s.id)
}

async function countBookings(db: Kysely<Database>, premisesId: number): Promise<number> {
  const rows = await db
    .selectFrom('ap_bookings as k')
    .innerJoin('ap_beds as b', 'b.id', 'k.bed_id')
    .select('k.id')
    .where('b.premises_id', '=', premisesId)
    .execute()
  return rows.length
}
