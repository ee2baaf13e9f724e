import { LocalDate } from '@js-joda/core'
import type { Kysely, Transaction } from 'kysely'
import type { RequestContext } from '../../access/audit.ts'
import type { Clock } from '../../clock.ts'
import { loadConfig } from '../../config.ts'
import type { Database } from '../../db/schema.ts'
import { createApprovedPremisesService } from '../../features/approved-premises/index.ts'
import { loadCurrentUser } from '../../web/plugins/authentication.ts'
import * as q from './queries.ts'

/**
 * The living region's approved premises work, dated from today (issue 16): at Northtown House a man who arrived
 * five days ago is booked for six weeks, another is booked from next week in the wheelchair-accessible ground-floor
 * bed, and a shared room's bed is out of service for fire door repairs; at Larch Lodge a woman is booked from a fortnight
 * on. The people are the base demo's, managed by the public provider, with no limited access.
 * Returns the booking of the man who arrived, whose arrival `seedApprovedPremisesStays` records once the region has
 * committed.
 */
export async function seedApprovedPremisesWork(
  trx: Transaction<Database>,
  today: LocalDate,
): Promise<{ residentBookingId: number | null }> {
  const beds = await q.apBedsByCode(trx)
  const men = await q.bookablePeople(trx, 'male', 'PS')
  const women = await q.bookablePeople(trx, 'female', 'PS')
  const bedId = (code: string) => beds.get(code)
  const book = async (person: { id: number } | undefined, code: string, from: number, to: number) => {
    const bed = bedId(code)
    if (!person || !bed) return null
    return q.insertApBooking(trx, {
      person_id: person.id,
      bed_id: bed,
      arrival_date: today.plusDays(from).toString(),
      departure_date: today.plusDays(to).toString(),
    })
  }
  const residentBookingId = await book(men[0], 'NTAP-02', -5, 37)
  await book(men[1], 'NTAP-01', 7, 70)
  await book(women[0], 'LLAP-01', 14, 56)
  const shared = bedId('NTAP-04b')
  if (shared)
    await q.insertApOutOfService(trx, {
      bed_id: shared,
      from_date: today.plusDays(3).toString(),
      to_date: today.plusDays(20).toString(),
      reason: 'Fire door repairs',
    })
  return { residentBookingId }
}

/** CRNs other demo journeys rely on: never applied for here (X100003 is booked by a browser test, X500006 is
 * Through the Gate's browser journey). */
const RESERVED_CRNS = new Set(['X100003', 'X500006'])

/**
 * After the region's transaction, through the approved premises service (issue 16 items 2 and 4), so the pages show
 * what the service would have written: pat.practitioner applies, for the Northtown team A's first man in custody
 * without limited access (a case of their team, which they may change), for a placement from his expected release,
 * and the application awaits the approved premises team's assessment (amy.ap's list); amy.ap records the arrival five
 * days ago of the man booked at Northtown House (the hostel becomes his address) and is his keyworker, so the premises
 * page lists him among the residents now and his stay page has an arrival and a keyworker.
 */
export async function seedApprovedPremisesStays(
  db: Kysely<Database>,
  clock: Clock,
  scene: { residentBookingId: number | null; applicants: number[] },
): Promise<void> {
  const today = clock.today()
  const users = await q.userIdsByName(db, ['amy.ap', 'pat.practitioner'])
  const as = async (username: string): Promise<RequestContext | undefined> => {
    const id = users.get(username)
    const user = id === undefined ? undefined : await loadCurrentUser(db, id, 'session')
    return user ? { user, requestId: 'demo-seed', ip: null } : undefined
  }
  const ap = createApprovedPremisesService({ db, clock, config: loadConfig({}) })
  const ok = <T>(value: T) => ({ ok: true as const, value })

  const pat = await as('pat.practitioner')
  let applicant: { crn: string } | undefined
  for (const personId of scene.applicants) {
    const found = await q.applicantOf(db, personId)
    if (found && found.gender === 'male' && !RESERVED_CRNS.has(found.crn)) {
      applicant = found
      break
    }
  }
  if (pat && applicant) {
    const page = await ap.newApplication(pat, applicant.crn)
    const arrival = page.defaultArrival ? LocalDate.parse(page.defaultArrival) : today.plusDays(28)
    await ap.submitApplication(
      pat,
      applicant.crn,
      ok({
        reasons:
          'Assessed as high risk of serious harm to the public on release: needs the supervision and curfew of ' +
          'approved premises while a settled address is found.',
        exclusionZones: 'Easton town centre (the victim lives there).',
        areasToAvoid: null,
        preferredArea: 'Northtown',
        accessNeeds: null,
        healthNeeds: 'Takes prescribed medication daily; registered with a GP in custody.',
        essential: ['single_room'],
        roomSharing: false,
        previousPlacements: null,
        moveOnPlan: 'Move on to supported housing in Northtown after 12 weeks, referral made by the prison.',
        arrival,
        departure: arrival.plusDays(84),
      }),
    )
  }

  const amy = await as('amy.ap')
  const premisesId = await q.apPremisesId(db, 'NTAP')
  if (amy && premisesId !== undefined && scene.residentBookingId !== null) {
    const ids = { premisesId, bookingId: scene.residentBookingId }
    await ap.recordArrival(
      amy,
      ids,
      ok({ arrival: today.minusDays(5), notes: 'Arrived by taxi from the prison; room and house rules explained.' }),
    )
    await ap.assignKeyworker(amy, ids, ok({ userId: amy.user!.id }))
  }
}
