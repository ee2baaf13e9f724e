import { LocalDate } from '@js-joda/core'
import type { Executor } from '../../access/person-access.ts'
import type { ProtectionFacts } from '../../domain/public-protection/index.ts'
import { findOpenProtectionOrders, findSentencesWithOffences } from './queries.ts'

/**
 * The facts Victim Contact Scheme and MAPPA eligibility are worked out from (src/domain/public-protection), for one
 * person or many (a list page loads them in two queries, whatever its length). A notification or bar counts while it
 * has started, has not reached its planned end and has not been ended.
 *
 * @example
 * const facts = await loadProtectionFacts(db, personId, clock.today())
 * mappaEligibility(facts).category // 2
 */
export async function loadProtectionFacts(db: Executor, personId: number, today: LocalDate): Promise<ProtectionFacts> {
  return (await loadProtectionFactsFor(db, [personId], today)).get(personId)!
}

export async function loadProtectionFactsFor(
  db: Executor,
  personIds: readonly number[],
  today: LocalDate,
): Promise<Map<number, ProtectionFacts>> {
  const [sentences, orders] = await Promise.all([
    findSentencesWithOffences(db, personIds),
    findOpenProtectionOrders(db, personIds),
  ])
  const running = (o: (typeof orders)[number]) =>
    !LocalDate.parse(o.start_date).isAfter(today) &&
    (o.end_date === null || !LocalDate.parse(o.end_date).isBefore(today))
  // Grouped once: a list page passes hundreds of people, each with a few rows.
  const sentencesOf = byPerson(sentences)
  const ordersOf = byPerson(orders)
  const result = new Map<number, ProtectionFacts>()
  for (const personId of personIds) {
    const mine = ordersOf.get(personId) ?? []
    const notification = mine.find(o => o.kind === 'notification' && running(o))
    const category3 = mine.filter(o => o.kind === 'category3_decision').at(-1)
    result.set(personId, {
      sentences: (sentencesOf.get(personId) ?? []).map(s => ({
        sentenceId: s.id,
        sentenceDate: LocalDate.parse(s.sentence_date),
        type: s.sentence_type,
        length:
          s.length_value !== null && s.length_unit !== null ? { value: s.length_value, unit: s.length_unit } : null,
        offenceCodes: s.offence_codes,
        ended: s.terminated_date !== null && !LocalDate.parse(s.terminated_date).isAfter(today),
      })),
      hospitalOrders: mine
        .filter(o => o.kind === 'hospital_order' && running(o))
        .map(o => ({
          orderDate: LocalDate.parse(o.start_date),
          restricted: o.restricted,
          offenceCodes: o.offence_codes,
        })),
      notification: notification
        ? {
            from: LocalDate.parse(notification.start_date),
            until: notification.end_date ? LocalDate.parse(notification.end_date) : null,
          }
        : null,
      childrenBarred: mine.some(o => o.kind === 'children_barred' && running(o)),
      category3Decision: category3
        ? { decidedOn: LocalDate.parse(category3.start_date), reason: category3.reason ?? '' }
        : null,
    })
  }
  return result
}

/** Rows grouped by their person (Node 20 has no Map.groupBy). */
function byPerson<T extends { person_id: number }>(rows: readonly T[]): Map<number, T[]> {
  const grouped = new Map<number, T[]>()
  for (const row of rows) {
    const list = grouped.get(row.person_id)
    if (list) list.push(row)
    else grouped.set(row.person_id, [row])
  }
  return grouped
}
