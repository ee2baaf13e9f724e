import { sql } from 'kysely'
import type { Executor } from '../../access/person-access.ts'
import type { ProtectionOrderKind } from '../../db/schema.ts'

/** The offence codes of an event, main offence first (an empty array when none). */
const offenceCodes = (eventColumn: string) =>
  sql<string[]>`coalesce((select array_agg(o.offence_code order by o.is_main desc, o.id) from offences o
    where o.event_id = ${sql.ref(eventColumn)}), '{}')`.as('offence_codes')

/** Sentences of these people with their event's offence codes (main offence first). */
export async function findSentencesWithOffences(db: Executor, personIds: readonly number[]) {
  if (personIds.length === 0) return []
  return db
    .selectFrom('sentences as s')
    .select([
      's.id',
      's.person_id',
      's.sentence_type',
      's.sentence_date',
      's.length_value',
      's.length_unit',
      's.terminated_date',
      offenceCodes('s.event_id'),
    ])
    .where('s.person_id', 'in', personIds)
    .orderBy('s.id')
    .execute()
}

/** Protection orders of these people that have not been ended, with their event's offence codes. */
export async function findOpenProtectionOrders(
  db: Executor,
  personIds: readonly number[],
  kinds?: ProtectionOrderKind[],
) {
  if (personIds.length === 0) return []
  let query = db
    .selectFrom('protection_orders as p')
    .leftJoin('protection_order_ends as e', 'e.order_id', 'p.id')
    .select([
      'p.id',
      'p.person_id',
      'p.kind',
      'p.event_id',
      'p.start_date',
      'p.end_date',
      'p.restricted',
      'p.reason',
      'p.recorded_at',
      offenceCodes('p.event_id'),
    ])
    .where('p.person_id', 'in', personIds)
    .where('e.id', 'is', null)
  if (kinds) query = query.where('p.kind', 'in', kinds)
  return query.orderBy('p.id').execute()
}
