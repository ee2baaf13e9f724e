import type { LocalDate } from '@js-joda/core'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { londonInstant } from './time.ts'

/**
 * For supervision's tests: gives a demo person a community order of their own (a new event, sentenced 60 days
 * before `today`, running 300 days after it) and an allocated case, whatever the demo seed recorded for them.
 */
export async function giveCommunityOrder(db: Kysely<Database>, crn: string, today: LocalDate) {
  const p = await db.selectFrom('people').select('id').where('crn', '=', crn).executeTakeFirstOrThrow()
  const last = await db
    .selectFrom('events')
    .select(db.fn.max('event_number').as('n'))
    .where('person_id', '=', p.id)
    .executeTakeFirst()
  const start = today.minusDays(60).toString()
  const event = await db
    .insertInto('events')
    .values({ person_id: p.id, event_number: Number(last?.n ?? 0) + 1, status: 'sentenced', conviction_date: start })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('sentences')
    .values({
      person_id: p.id,
      event_id: event.id,
      sentence_type: 'community_order',
      sentence_date: start,
      length_value: 12,
      length_unit: 'months',
      start_date: start,
      expected_end_date: today.plusDays(300).toString(),
    })
    .execute()
  await db.updateTable('people').set({ case_status: 'allocated' }).where('id', '=', p.id).execute()
  return { personId: p.id, eventId: event.id }
}

/** A national-standard office appointment in the past (as if arranged weeks ago) with pat.practitioner; its id. */
export async function pastAppointment(
  db: Kysely<Database>,
  o: { personId: number; eventId: number; on: LocalDate; hour?: number },
) {
  const staff = await db.selectFrom('staff').select('id').where('code', '=', 'NWS001').executeTakeFirstOrThrow()
  const starts = londonInstant(o.on, o.hour ?? 10, 0)
  const row = await db
    .insertInto('contacts')
    .values({
      person_id: o.personId,
      event_id: o.eventId,
      contact_type: 'OFFICE',
      is_appointment: true,
      starts_at: starts,
      ends_at: new Date(starts.getTime() + 3600_000),
      staff_id: staff.id,
      location: 'Northtown office',
      national_standard: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}
