import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { Database, IsoDate } from '../db/schema.ts'
import { systemClock } from '../clock.ts'
import { DEFAULT_FORMER_MANAGER_MONTHS, type PersonAccessFacts } from './policy.ts'

export type Executor = Kysely<Database> | Transaction<Database>

/**
 * When the facts are judged (the caller's clock) and the former managers' period. Callers that have a clock pass it;
 * the default is the system clock and the default period, for callers that judge only today's managers.
 */
export interface AccessTime {
  readonly now: Date
  readonly formerManagerMonths: number
}

const defaultTime = (): AccessTime => ({ now: systemClock.now(), formerManagerMonths: DEFAULT_FORMER_MANAGER_MONTHS })

/**
 * Loads the facts the access policy needs for several people in one statement (used by search as well as by
 * single-record pages, and twice on most: by the route's check and the service's). Case managers and access
 * limitations come as JSON arrays beside each person rather than in two more round trips.
 */
export async function loadPeopleAccess(
  db: Executor,
  personIds: readonly number[],
  at: AccessTime = defaultTime(),
): Promise<Map<number, PersonAccessFacts>> {
  const result = new Map<number, PersonAccessFacts>()
  if (personIds.length === 0) return result
  const people = await accessFactsQuery(db)
    .where('p.id', 'in', [...new Set(personIds)])
    .execute()
  for (const p of people) result.set(p.id, toFacts(p, at))
  return result
}

/**
 * The access facts of the (not deleted) person with this CRN, in one statement: what the route guard checks before
 * any `:crn` route runs.
 */
export async function loadPersonAccessByCrn(
  db: Executor,
  crn: string,
  at: AccessTime = defaultTime(),
): Promise<PersonAccessFacts | undefined> {
  const row = await accessFactsQuery(db).where('p.crn', '=', crn).where('p.deleted_at', 'is', null).executeTakeFirst()
  return row ? toFacts(row, at) : undefined
}

/**
 * The access facts of the person with this CRN (as `loadPersonAccessByCrn`) and, in the same statement, one more
 * value a page needs about them (`alongside`: a scalar subquery, e.g. the case header). The route guard reads both
 * in one round trip; the value is handed on only when the policy lets the request through.
 */
export async function loadPersonAccessByCrnWith<T>(
  db: Executor,
  crn: string,
  at: AccessTime,
  alongside: RawBuilder<T>,
): Promise<{ facts: PersonAccessFacts; alongside: T } | undefined> {
  const row = await accessFactsQuery(db)
    .select(alongside.as('alongside'))
    .where('p.crn', '=', crn)
    .where('p.deleted_at', 'is', null)
    .executeTakeFirst()
  return row ? { facts: toFacts(row, at), alongside: row.alongside as T } : undefined
}

function accessFactsQuery(db: Executor) {
  return db.selectFrom('people as p').select(eb => [
    'p.id',
    'p.managing_provider_id',
    'p.managing_team_id',
    'p.managing_staff_id',
    'p.exclusion_message',
    'p.restriction_message',
    jsonArrayFrom(
      eb
        .selectFrom('case_managers as m')
        .select(['m.provider_id', 'm.team_id', 'm.staff_id', 'm.started_at', 'm.ended_at'])
        .whereRef('m.person_id', '=', 'p.id')
        .orderBy('m.id'),
    ).as('managers'),
    jsonArrayFrom(
      eb
        .selectFrom('access_limitations as l')
        .select(['l.kind', 'l.user_id'])
        .whereRef('l.person_id', '=', 'p.id')
        .where('l.removed_at', 'is', null)
        .orderBy('l.id'),
    ).as('limits'),
    // Grants given and not withdrawn; the policy compares their expiry with the caller's "now".
    jsonArrayFrom(
      eb
        .selectFrom('access_grants as g')
        .select(['g.id', 'g.user_id', 'g.kind', 'g.expires_at'])
        .whereRef('g.person_id', '=', 'p.id')
        .where('g.status', '=', 'granted')
        .orderBy('g.id'),
    ).as('grants'),
    // Approved premises staff read only the people booked into or referred to their provider's premises (issue 16):
    // live bookings with their departure date, and applications still open.
    jsonArrayFrom(
      eb
        .selectFrom('ap_bookings as b')
        .innerJoin('ap_beds as bd', 'bd.id', 'b.bed_id')
        .innerJoin('approved_premises as ap', 'ap.id', 'bd.premises_id')
        .innerJoin('regions as r', 'r.id', 'ap.region_id')
        .select(['r.provider_id', sql<IsoDate | null>`b.departure_date`.as('until')])
        .whereRef('b.person_id', '=', 'p.id')
        // A non-arrival cancels its booking (the nights freed); staff still read the stay they recorded, as before.
        .where(w =>
          w.or([
            w('b.cancelled', '=', false),
            w.exists(w.selectFrom('ap_non_arrivals as n').select('n.id').whereRef('n.booking_id', '=', 'b.id')),
          ]),
        )
        .unionAll(
          eb
            .selectFrom('ap_applications as a')
            .innerJoin('regions as r', 'r.id', 'a.region_id')
            .select(['r.provider_id', sql<IsoDate | null>`null`.as('until')])
            .whereRef('a.person_id', '=', 'p.id')
            .where('a.status', 'in', ['awaiting_assessment', 'information_requested', 'accepted']),
        ),
    ).as('placements'),
  ])
}

type AccessRow = Awaited<ReturnType<ReturnType<typeof accessFactsQuery>['executeTakeFirstOrThrow']>>

function toFacts(p: AccessRow, at: AccessTime): PersonAccessFacts {
  // Ids inside the JSON arrays arrive as JSON numbers (bigint columns); Number() keeps both drivers alike.
  return {
    personId: p.id,
    managingProviderId: p.managing_provider_id,
    managingTeamId: p.managing_team_id,
    managingStaffId: p.managing_staff_id,
    managers: p.managers.map(m => ({
      providerId: Number(m.provider_id),
      teamId: m.team_id === null ? null : Number(m.team_id),
      staffId: m.staff_id === null ? null : Number(m.staff_id),
      // Timestamps inside JSON arrive as strings on both drivers.
      from: new Date(m.started_at),
      to: m.ended_at === null ? null : new Date(m.ended_at),
    })),
    grants: p.grants
      .filter(g => g.expires_at !== null)
      .map(g => ({
        grantId: Number(g.id),
        userId: Number(g.user_id),
        kind: g.kind,
        expiresAt: new Date(g.expires_at!),
      })),
    excludedUserIds: p.limits.filter(l => l.kind === 'exclusion').map(l => Number(l.user_id)),
    restrictedToUserIds: p.limits.filter(l => l.kind === 'restriction').map(l => Number(l.user_id)),
    exclusionMessage: p.exclusion_message,
    restrictionMessage: p.restriction_message,
    asOf: at.now,
    formerManagerMonths: at.formerManagerMonths,
    placements: p.placements.map(a => ({
      providerId: Number(a.provider_id),
      until: a.until === null ? null : new Date(`${a.until}T00:00:00Z`),
    })),
  }
}

export async function loadPersonAccess(
  db: Executor,
  personId: number,
  at: AccessTime = defaultTime(),
): Promise<PersonAccessFacts | undefined> {
  return (await loadPeopleAccess(db, [personId], at)).get(personId)
}
