import type { LocalDate } from '@js-joda/core'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { RequestContext } from '../../access/audit.ts'
import type { Database } from '../../db/schema.ts'
import { keyDatesFor, type CustodialSentenceFacts } from './key-dates.ts'

/** What a run of `recalculateAllKeyDates` did. */
export interface KeyDatesRecalculationRun {
  calculatedOn: string
  /** Custodial cases: people with at least one current (not terminated) custodial sentence. */
  people: number
  /** Their current custodial sentences. */
  sentences: number
  /** Cases the release-date engine refused (stored with the reason, as the per-person path stores them). */
  refused: number
  /** Cases whose stored key dates differed (or were never calculated): rewritten, with a `key_date_calculations` row. */
  changed: number
  /** Cases whose stored booking, dates, explanations, problem and expected end were already what was calculated: not rewritten. */
  unchanged: number
  batches: number
  seconds: number
}

/**
 * Recalculates the key dates of every current custodial case (nightly, or after a change of law), in batches of
 * `batchSize` people: one read of the batch's current custodial sentences, the same domain functions as the
 * per-person `recalculateKeyDates` (`keyDatesFor`: `buildBooking`, `calculateKeyDates`) and one set-based write
 * (`UPDATE … FROM unnest` and `INSERT … SELECT`), storing exactly what the per-person path stores: booking, dates,
 * explanations, problem and expected end on every current custodial sentence of the person, and a
 * `key_date_calculations` row (with `trigger`, `calculated_by` the context's user).
 *
 * A case whose stored values already equal the calculation is not rewritten and gets no history row (an
 * append-only row per case per night would be millions of rows a year saying nothing new); `force` rewrites every
 * case. Its `key_dates_calculated_at` then stays the time its dates were last (re)stored.
 *
 * Each batch reads and writes in its own REPEATABLE READ transaction, so a sentence recorded, amended or terminated
 * meanwhile (which recalculates the person in its own transaction) cannot be overwritten with dates calculated from
 * what it replaced: the batch fails with a serialization error and is retried. A run stopped half-way keeps the
 * batches it committed and can simply be run again. One `KEY_DATES_RECALCULATED` audit row records the run.
 *
 * @example
 * const run = await recalculateAllKeyDates(db, ctx, { today: LocalDate.now(), trigger: 'nightly' })
 * console.log(`${run.people} cases, ${run.changed} changed, ${run.refused} refused`)
 */
export async function recalculateAllKeyDates(
  db: Kysely<Database>,
  ctx: RequestContext,
  options: { today: LocalDate; trigger: string; batchSize?: number; force?: boolean },
): Promise<KeyDatesRecalculationRun> {
  const started = performance.now()
  const batchSize = options.batchSize ?? 5_000
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new Error(`batchSize must be a whole number of 1 or more, got ${batchSize}`)
  const run: KeyDatesRecalculationRun = {
    calculatedOn: options.today.toString(),
    people: 0,
    sentences: 0,
    refused: 0,
    changed: 0,
    unchanged: 0,
    batches: 0,
    seconds: 0,
  }
  let after = 0
  for (;;) {
    let outcome: BatchOutcome | null = null
    for (let attempt = 1; ; attempt++) {
      try {
        outcome = await db
          .transaction()
          .setIsolationLevel('repeatable read')
          .execute(trx => recalculateBatch(trx, ctx, after, batchSize, options))
        break
      } catch (error) {
        // A concurrent change to one of the batch's sentences: read the batch again.
        if ((error as { code?: string }).code !== '40001' || attempt >= 5) throw error
      }
    }
    if (!outcome) break
    after = outcome.lastPersonId
    run.batches++
    run.people += outcome.people
    run.sentences += outcome.sentences
    run.refused += outcome.refused
    run.changed += outcome.changed
    run.unchanged += outcome.people - outcome.changed
  }
  run.seconds = (performance.now() - started) / 1000
  await db
    .insertInto('audit_events')
    .values({
      user_id: ctx.user?.id ?? null,
      username: ctx.user?.username ?? null,
      action: 'KEY_DATES_RECALCULATED',
      person_id: null,
      subject: null,
      request_id: ctx.requestId,
      ip: ctx.ip,
      detail: JSON.stringify({ trigger: options.trigger, force: options.force ?? false, ...run }),
    })
    .execute()
  return run
}

interface BatchOutcome {
  lastPersonId: number
  people: number
  sentences: number
  refused: number
  changed: number
}

type SentenceRow = CustodialSentenceFacts & { person_id: number; date_of_birth: string }

/** One batch: the next `size` custodial cases after person `after`, read, calculated and written. Null when none are left. */
async function recalculateBatch(
  trx: Transaction<Database>,
  ctx: RequestContext,
  after: number,
  size: number,
  options: { today: LocalDate; trigger: string; force?: boolean },
): Promise<BatchOutcome | null> {
  // The same rows, joins and order as `currentCustodialSentences` (queries.ts), for a batch of people.
  const { rows } = await sql<SentenceRow>`
    with batch as (
      select distinct person_id from sentences
      where sentence_type = 'custodial' and terminated_date is null and person_id > ${after}
      order by person_id limit ${size}
    )
    select s.id, s.person_id, p.date_of_birth, s.custodial_type, s.sentence_date, s.length_value, s.length_unit,
      s.consecutive_to_sentence_id, s.remand_days, s.tagged_bail_days, o.offence_date, e.conviction_date
    from batch b
    join sentences s on s.person_id = b.person_id and s.sentence_type = 'custodial' and s.terminated_date is null
      -- The batch's id range, so the planner reads only its people's sentences (not every current sentence per batch).
      and s.person_id > ${after} and s.person_id <= (select max(person_id) from batch)
    join people p on p.id = s.person_id
    join events e on e.id = s.event_id
    left join offences o on o.event_id = s.event_id and o.is_main = true
    order by s.person_id, s.id
  `.execute(trx)
  if (rows.length === 0) return null

  const cases = {
    person: [] as number[],
    ids: [] as string[],
    booking: [] as string[],
    dates: [] as (string | null)[],
    explanations: [] as (string | null)[],
    problem: [] as (string | null)[],
    expectedEnd: [] as (string | null)[],
  }
  let refused = 0
  for (let i = 0; i < rows.length;) {
    const personId = rows[i].person_id
    let j = i
    while (j < rows.length && rows[j].person_id === personId) j++
    const list = rows.slice(i, j)
    const stored = keyDatesFor(list[0].date_of_birth, list, options.today)
    if (stored.problem !== null) refused++
    cases.person.push(personId)
    cases.ids.push(`{${list.map(r => r.id).join(',')}}`)
    cases.booking.push(JSON.stringify(stored.booking))
    cases.dates.push(stored.dates ? JSON.stringify(stored.dates) : null)
    cases.explanations.push(stored.explanations ? JSON.stringify(stored.explanations) : null)
    cases.problem.push(stored.problem)
    cases.expectedEnd.push(stored.expectedEndDate)
    i = j
  }

  // A case is rewritten when any of its sentences holds something else than the calculation (jsonb compares by
  // value, not by text), or always with `force`. Every statement of a WITH sees the same snapshot, so `changed` is
  // decided on what was stored before this write.
  const { rows: written } = await sql<{ person_id: number }>`
    with v as (
      select v.person_id, v.ids::bigint[] as ids, v.booking::jsonb as booking, v.dates::jsonb as dates,
        v.explanations::jsonb as explanations, v.problem, v.expected_end::date as expected_end
      from unnest(${cases.person}::bigint[], ${cases.ids}::text[], ${cases.booking}::text[], ${cases.dates}::text[],
        ${cases.explanations}::text[], ${cases.problem}::text[], ${cases.expectedEnd}::text[])
        as v(person_id, ids, booking, dates, explanations, problem, expected_end)
    ),
    changed as (
      select v.* from v
      where ${options.force === true} or exists (
        select 1 from sentences s
        where s.id = any(v.ids) and (
          s.custodial_booking is distinct from v.booking or s.key_dates is distinct from v.dates
          or s.key_dates_explanation is distinct from v.explanations or s.key_dates_problem is distinct from v.problem
          or (v.dates is not null and s.expected_end_date is distinct from v.expected_end)
        )
      )
    ),
    updated as (
      update sentences s set
        custodial_booking = c.booking, key_dates = c.dates, key_dates_explanation = c.explanations,
        key_dates_problem = c.problem, key_dates_calculated_at = now(),
        expected_end_date = case when c.dates is null then s.expected_end_date else c.expected_end end
      from changed c cross join unnest(c.ids) as u(id)
      where s.id = u.id
      returning s.person_id
    )
    insert into key_date_calculations (person_id, sentence_ids, booking, key_dates, explanations, problem, trigger, calculated_by)
    select c.person_id, c.ids, c.booking, c.dates, c.explanations, c.problem, ${options.trigger}, ${ctx.user?.id ?? null}::bigint
    from changed c
    where c.person_id in (select person_id from updated)
    order by c.person_id
    returning person_id
  `.execute(trx)

  return {
    lastPersonId: cases.person[cases.person.length - 1],
    people: cases.person.length,
    sentences: rows.length,
    refused,
    changed: written.length,
  }
}
