import type { LocalDate } from '@js-joda/core'
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
 */

const BEDS = 24
const CODE = 'BENCHAP'
export const BENCH_AP_USER = 'amy.ap'

export interface PremisesWork {
  premisesId: number
  beds: number
  bookings: number
}

export async function preparePremisesWork(db: Kysely<Database>, config: Config): Promise<PremisesWork> {
  const existing = await db.selectFrom('approved_premises').select('id').where('code', '=', CODE).executeTakeFirst()
  if (existing) return { premisesId: existing.id, beds: BEDS, bookings: await countBookings(db, existing.id) }
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
  const user = await db.selectFrom('users').select('id').where('username', '=', BENCH_AP_USER).executeTakeFirstOrThrow()
  const ctx: RequestContext = {
    user: await loadCurrentUser(db, user.id, 'session'),
    requestId: 'bench-setup-ap',
    ip: null,
  }
  const services = createServices({ db, config, clock: systemClock })
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
  return { premisesId: id, beds: BEDS, bookings: made }
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
